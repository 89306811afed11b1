/* The suite's check functions and the two decoders its tests need. */
#include "check.h"

#include <stdio.h>
#include <string.h>

static unsigned run;
static unsigned failed;

void check_status(const char *file, int line, const char *what, jwt_status got, jwt_status want) {
    run++;
    if (got != want) {
        failed++;
        fprintf(stderr, "%s:%d: %s\n    got %s, want %s\n", file, line, what,
                jwt_error_code((int32_t)got), jwt_error_code((int32_t)want));
    }
}

void check_true(const char *file, int line, const char *what, int cond) {
    run++;
    if (!cond) {
        failed++;
        fprintf(stderr, "%s:%d: %s is false\n", file, line, what);
    }
}

void check_text(const char *file, int line, const char *what, const void *got, size_t len,
                const char *want) {
    run++;
    if (got == NULL || len != strlen(want) || memcmp(got, want, len) != 0) {
        failed++;
        fprintf(stderr, "%s:%d: %s\n    got \"%.*s\", want \"%s\"\n", file, line, what,
                got == NULL ? 0 : (int)len, got == NULL ? "" : (const char *)got, want);
    }
}

unsigned checks_run(void) { return run; }

unsigned checks_failed(void) { return failed; }

static int b64url_value(char c) {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '-') return 62;
    if (c == '_') return 63;
    return -1;
}

size_t b64url_decode(const char *text, size_t len, uint8_t *out, size_t cap) {
    uint32_t bits = 0;
    unsigned have = 0;
    size_t written = 0;
    for (size_t i = 0; i < len; i++) {
        int v = b64url_value(text[i]);
        if (v < 0) return (size_t)-1;
        bits = (bits << 6) | (uint32_t)v;
        have += 6;
        if (have >= 8) {
            have -= 8;
            if (written == cap) return (size_t)-1;
            out[written++] = (uint8_t)(bits >> have);
        }
    }
    return written;
}

size_t hex_decode(const char *text, uint8_t *out, size_t cap) {
    size_t len = strlen(text);
    if (len % 2 != 0 || len / 2 > cap) return (size_t)-1;
    for (size_t i = 0; i < len / 2; i++) {
        unsigned byte;
        if (sscanf(text + 2 * i, "%2x", &byte) != 1) return (size_t)-1;
        out[i] = (uint8_t)byte;
    }
    return len / 2;
}

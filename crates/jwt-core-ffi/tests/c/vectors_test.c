/* Token files: each token verified through the C API must get exactly the outcome written next
   to it, which the file's writer took from the Rust API (tests/c_api.rs) or from PyJWT
   (pyjwt_tokens.py). One line each:

     P <now> <leeway> <issuer> <audience>       the policy for the lines after it
     V <id> <key kind> <key> <token in hex, - when empty> <outcome> [<sub>]

   key kinds: hs256, hs384, hs512 (the secret in hex), es256-jwk, ed25519-jwk (the JWK's text);
   outcome: "ok" or the stable error code; sub, when given, is what an accepted token's `sub`
   must read. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"

#define MAX_LINE (1 << 18)

struct policy_line {
    unsigned long long now;
    unsigned long long leeway;
    char issuer[256];
    char audience[256];
};

static jwt_status make_key(jwt_key *key, const char *kind, const char *text) {
    if (strcmp(kind, "es256-jwk") == 0) {
        return jwt_key_es256_public_jwk(key, (const uint8_t *)text, strlen(text));
    }
    if (strcmp(kind, "ed25519-jwk") == 0) {
        return jwt_key_ed25519_public_jwk(key, (const uint8_t *)text, strlen(text));
    }
    uint8_t secret[256];
    size_t len = hex_decode(text, secret, sizeof secret);
    if (len == (size_t)-1) return JWT_ERR_INVALID_ARGUMENT;
    if (strcmp(kind, "hs256") == 0) return jwt_key_hs256(key, secret, len);
    if (strcmp(kind, "hs384") == 0) return jwt_key_hs384(key, secret, len);
    if (strcmp(kind, "hs512") == 0) return jwt_key_hs512(key, secret, len);
    return JWT_ERR_INVALID_ARGUMENT;
}

/* Verifies one V line's token; returns 1 when its outcome is the expected one. */
static int vector(const struct policy_line *p, char *fields[], int count) {
    const char *id = fields[1], *kind = fields[2], *key_text = fields[3], *want = fields[5];
    jwt_key key;
    jwt_status status = make_key(&key, kind, key_text);
    if (status != JWT_OK) {
        fprintf(stderr, "%s: key (%s): %s\n", id, kind, jwt_error_code(status));
        return 0;
    }
    jwt_str issuer = {(const uint8_t *)p->issuer, strlen(p->issuer)};
    jwt_str audience = {(const uint8_t *)p->audience, strlen(p->audience)};
    jwt_policy policy = jwt_policy_default();
    policy.exp_leeway = policy.nbf_leeway = policy.iat_leeway = p->leeway;
    policy.issuers = &issuer;
    policy.issuers_len = 1;
    policy.audiences = &audience;
    policy.audiences_len = 1;
    /* The token and the scratch buffer in heap blocks of their exact sizes. */
    size_t cap = strlen(fields[4]) / 2;
    uint8_t *token = malloc(cap ? cap : 1);
    size_t len = strcmp(fields[4], "-") == 0 ? 0 : hex_decode(fields[4], token, cap);
    size_t scratch_len = jwt_scratch_len(len);
    uint8_t *scratch = malloc(scratch_len ? scratch_len : 1);
    jwt_verified v;
    status = jwt_verify(token, len, &key, &policy, jwt_time_at(p->now), scratch, scratch_len, &v);
    const char *got = status == JWT_OK ? "ok" : jwt_error_code(status);
    int passed = strcmp(got, want) == 0;
    if (!passed) fprintf(stderr, "%s: got %s, want %s\n", id, got, want);
    if (passed && status == JWT_OK && count > 6) {
        jwt_str sub = {NULL, 0};
        status = jwt_verified_claim_str(&v, JWT_LITERAL("sub"), &sub);
        passed = status == JWT_OK && sub.len == strlen(fields[6]) &&
                 memcmp(sub.ptr, fields[6], sub.len) == 0;
        if (!passed) fprintf(stderr, "%s: sub is not %s (%s)\n", id, fields[6], jwt_error_code(status));
    }
    free(scratch);
    free(token);
    jwt_key_clear(&key);
    return passed;
}

void vector_file(const char *path) {
    FILE *file = fopen(path, "r");
    CHECK(file != NULL);
    if (file == NULL) return;
    static char line[MAX_LINE];
    struct policy_line policy;
    memset(&policy, 0, sizeof policy);
    unsigned tokens = 0, passed = 0;
    while (fgets(line, sizeof line, file) != NULL) {
        char *fields[8];
        int count = 0;
        for (char *f = strtok(line, " \r\n"); f != NULL && count < 8; f = strtok(NULL, " \r\n")) {
            fields[count++] = f;
        }
        if (count == 0 || fields[0][0] == '#') continue;
        if (strcmp(fields[0], "P") == 0 && count == 5) {
            policy.now = strtoull(fields[1], NULL, 10);
            policy.leeway = strtoull(fields[2], NULL, 10);
            snprintf(policy.issuer, sizeof policy.issuer, "%s", fields[3]);
            snprintf(policy.audience, sizeof policy.audience, "%s", fields[4]);
        } else if (strcmp(fields[0], "V") == 0 && count >= 6) {
            tokens++;
            int ok = vector(&policy, fields, count);
            passed += (unsigned)ok;
            CHECK(ok);
        } else {
            fprintf(stderr, "%s: unreadable line starting %s\n", path, fields[0]);
            CHECK(0);
        }
    }
    fclose(file);
    CHECK(tokens > 0);
    printf("%s: %u of %u tokens as expected\n", path, passed, tokens);
}

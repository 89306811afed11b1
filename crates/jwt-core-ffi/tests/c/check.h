/* The C suite's checks: each compares an exact status or value and reports file and line. */
#ifndef JWT_C_SUITE_CHECK_H
#define JWT_C_SUITE_CHECK_H

#include <stddef.h>
#include <stdint.h>

#include "jwt_core.h"

/* The status `got` must be exactly `want`. */
#define CHECK_STATUS(got, want) check_status(__FILE__, __LINE__, #got, (got), (want))
/* `cond` must hold. */
#define CHECK(cond) check_true(__FILE__, __LINE__, #cond, (cond))
/* The `len` bytes at `got` must be the NUL-terminated text `want`. */
#define CHECK_TEXT(got, len, want) check_text(__FILE__, __LINE__, #got, (got), (len), (want))

void check_status(const char *file, int line, const char *what, jwt_status got, jwt_status want);
void check_true(const char *file, int line, const char *what, int cond);
void check_text(const char *file, int line, const char *what, const void *got, size_t len,
                const char *want);
/* The number of checks run and failed so far. */
unsigned checks_run(void);
unsigned checks_failed(void);

/* Decodes unpadded base64url `text` of `len` bytes into `out` (room for `cap`); returns the
   decoded length, or (size_t)-1 on a character outside the alphabet or too little room. */
size_t b64url_decode(const char *text, size_t len, uint8_t *out, size_t cap);
/* Decodes the hexadecimal `text` into `out` (room for `cap`); returns the length or -1. */
size_t hex_decode(const char *text, uint8_t *out, size_t cap);

/* The hand-written tests of every function (api_test.c), the README's examples
   (examples_test.c) and the vector files (vectors_test.c). */
void api_tests(void);
void examples_tests(void);
void vector_file(const char *path);

#endif

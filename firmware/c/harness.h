/* The C images' harness, as the Rust images' (src/lib.rs, src/measure.rs, src/out.rs): output
   and exit over semihosting with no C library, checks with exact expected statuses, and the
   measurements: peak stack by painting, instructions by SysTick under QEMU's -icount. */
#ifndef JWT_FIRMWARE_HARNESS_H
#define JWT_FIRMWARE_HARNESS_H

#include <stdint.h>

void harness_write(const char *text);
void harness_exit(int success) __attribute__((noreturn));

/* One image's checks: each must give exactly the status it wants. */
void check_start(const char *image);
void check(const char *what, int got, int want);
/* Prints the RESULT line run.sh reads and ends the program, successfully only when every
   check passed. */
void check_finish(void) __attribute__((noreturn));

/* Runs `op(arg)` twice, once painted for the stack and once timed, and returns its status. */
int measure(int (*op)(const void *arg), const void *arg);

#endif

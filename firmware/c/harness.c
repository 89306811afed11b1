/* The harness's code: see harness.h. */
#include "harness.h"

#include "jwt_core.h"

#define SEMIHOSTING_WRITE0 0x04
#define SEMIHOSTING_EXIT 0x18
#define EXIT_SUCCESS_REASON 0x20026 /* ADP_Stopped_ApplicationExit */
#define EXIT_FAILURE_REASON 0x20023 /* ADP_Stopped_RunTimeErrorUnknown */

#define SYST_CSR (*(volatile uint32_t *)0xE000E010u)
#define SYST_RVR (*(volatile uint32_t *)0xE000E014u)
#define SYST_CVR (*(volatile uint32_t *)0xE000E018u)
#define RELOAD 0x00FFFFFFu
#define PATTERN 0xC0DEF00Du
#define CALIBRATION 200000u

extern uint32_t bss_end;

static uint32_t semihost(uint32_t op, const void *arg) {
    register uint32_t r0 __asm__("r0") = op;
    register const void *r1 __asm__("r1") = arg;
    __asm__ volatile("bkpt 0xAB" : "+r"(r0) : "r"(r1) : "memory");
    return r0;
}

void harness_write(const char *text) { semihost(SEMIHOSTING_WRITE0, text); }

void harness_exit(int success) {
    semihost(SEMIHOSTING_EXIT, (const void *)(success ? EXIT_SUCCESS_REASON : EXIT_FAILURE_REASON));
    for (;;) __asm__ volatile("wfi");
}

static void write_number(uint64_t n) {
    char text[21];
    int at = 20;
    text[at] = '\0';
    do {
        text[--at] = (char)('0' + n % 10);
        n /= 10;
    } while (n != 0 && at > 0);
    harness_write(text + at);
}

static const char *image_name;
static uint32_t passed, failed;
static uint64_t stack_bytes, instructions;

void check_start(const char *image) {
    image_name = image;
    harness_write("image ");
    harness_write(image);
    harness_write("\n");
}

static const char *code(int status) { return status == 0 ? "ok" : jwt_error_code(status); }

void check(const char *what, int got, int want) {
    if (got == want) {
        passed++;
        harness_write("ok   ");
        harness_write(what);
        harness_write(": ");
        harness_write(code(got));
    } else {
        failed++;
        harness_write("FAIL ");
        harness_write(what);
        harness_write(": got ");
        harness_write(code(got));
        harness_write(", want ");
        harness_write(code(want));
    }
    harness_write("\n");
}

void check_finish(void) {
    harness_write("RESULT image=");
    harness_write(image_name);
    harness_write(" passed=");
    write_number(passed);
    harness_write(" failed=");
    write_number(failed);
    harness_write(" stack=");
    write_number(stack_bytes);
    harness_write(" instructions=");
    write_number(instructions);
    harness_write("\n");
    harness_exit(failed == 0 && passed > 0);
}

/* Fills [bottom, sp) with `pattern` without using the stack. */
__attribute__((naked)) static void paint(uint32_t *bottom __attribute__((unused)),
                                          uint32_t pattern __attribute__((unused))) {
    __asm__ volatile("mov r2, sp\n"
                     "1:\n"
                     "cmp r0, r2\n"
                     "bhs 2f\n"
                     "str r1, [r0]\n"
                     "adds r0, r0, #4\n"
                     "b 1b\n"
                     "2:\n"
                     "bx lr\n");
}

/* Exactly two instructions per iteration. */
__attribute__((naked, noinline)) static void spin(uint32_t iterations __attribute__((unused))) {
    __asm__ volatile("1:\n"
                     "subs r0, #1\n"
                     "bne 1b\n"
                     "bx lr\n");
}

static volatile uint32_t wraps;

void systick_handler(void) { wraps = wraps + 1; }

static uint64_t now(void) {
    for (;;) {
        uint32_t before = wraps;
        uint32_t current = SYST_CVR;
        if (wraps == before) return (uint64_t)before * (RELOAD + 1u) + (RELOAD - current);
    }
}

__attribute__((noinline)) static int call(int (*op)(const void *), const void *arg) {
    return op(arg);
}

static void nothing_op(uint32_t iterations) { spin(iterations); }

static uint64_t ticks_of_spin(uint32_t iterations) {
    uint64_t start = now();
    nothing_op(iterations);
    return now() - start;
}

static int nothing(const void *arg) {
    (void)arg;
    return 0;
}

int measure(int (*op)(const void *arg), const void *arg) {
    uint32_t sp;
    __asm__ volatile("mov %0, sp" : "=r"(sp));
    paint(&bss_end, PATTERN);
    int status = call(op, arg);
    uint32_t *at = &bss_end;
    while ((uint32_t)at < sp && *(volatile uint32_t *)at == PATTERN) at++;
    stack_bytes = sp - (uint32_t)at;

    SYST_RVR = RELOAD;
    SYST_CVR = 0;
    SYST_CSR = 0x7; /* the core clock, the interrupt, the counter */
    uint64_t empty_spin = ticks_of_spin(1);
    uint64_t full_spin = ticks_of_spin(CALIBRATION + 1);
    uint64_t per_thousand = (full_spin - empty_spin) * 1000u / (2u * CALIBRATION);
    uint64_t start = now();
    call(nothing, arg);
    uint64_t empty = now() - start;
    start = now();
    status = call(op, arg);
    uint64_t ticks = now() - start;
    instructions = (ticks > empty ? ticks - empty : 0) * 1000u / (per_thousand ? per_thousand : 1);
    return status;
}

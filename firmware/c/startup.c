/* Reset and the vector table: copy .data, zero .bss, run main, report its verdict. */
#include <stdint.h>

#include "harness.h"

extern uint32_t data_start, data_end, data_load, bss_start, bss_end, stack_top;
int main(void);
void systick_handler(void);

void reset_handler(void) {
    uint32_t *src = &data_load;
    for (uint32_t *dst = &data_start; dst < &data_end;) *dst++ = *src++;
    for (uint32_t *dst = &bss_start; dst < &bss_end;) *dst++ = 0;
    harness_exit(main() == 0);
}

static void fault_handler(void) {
    harness_write("FAULT\n");
    harness_exit(0);
}

/* The initial stack pointer, then the handlers of exceptions 1 to 15. */
__attribute__((section(".vector_table"), used)) static void (*const vectors[16])(void) = {
    (void (*)(void))&stack_top, reset_handler, fault_handler, fault_handler, fault_handler,
    fault_handler, fault_handler, 0, 0, 0, 0, fault_handler, fault_handler, 0, fault_handler,
    systick_handler,
};

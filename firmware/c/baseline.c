/* The harness alone, with an operation that does nothing: the image the C images' flash and
   stack are measured against (it links the library's status names, as every image does). */
#include "harness.h"
#include "jwt_core.h"

static int nothing(const void *arg) {
    (void)arg;
    return JWT_OK;
}

int main(void) {
    check_start("c-baseline");
    check("the harness runs", measure(nothing, 0), JWT_OK);
    check_finish();
}

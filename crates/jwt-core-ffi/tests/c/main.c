/* The C API's host suite: the hand-written tests, the README's examples, then every token file
   named on the command line. Exit status 0 only when every check passed. */
#include <stdio.h>

#include "check.h"

int main(int argc, char **argv) {
    api_tests();
    examples_tests();
    for (int i = 1; i < argc; i++) vector_file(argv[i]);
    printf("c suite: %u checks, %u failed\n", checks_run(), checks_failed());
    return checks_failed() == 0 ? 0 : 1;
}

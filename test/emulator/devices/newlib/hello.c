/*
 * A hosted C program on newlib's semihosting runtime (rdimon): printf, malloc, the exit code
 * through SYS_EXIT_EXTENDED after probing ":semihosting-features", stderr through ":tt" mode "a".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(void)
{
    char *p = malloc(64);
    strcpy(p, "heap works");
    printf("hello from newlib: %s %d %.2f\n", p, 42, 3.25);
    fprintf(stderr, "to stderr\n");
    free(p);
    return 3;
}

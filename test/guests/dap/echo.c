/*
 * echo.c - reads a line from the PL011 (polling FR.RXFE) and prints it back; the debug adapter test
 * types into it with the Debug Console's `uart` command. With no input (QEMU without stdin, or
 * `hypscope run`) it gives up after a fixed number of polls, so it also runs in the QEMU suite.
 */
#include "guest.h"

#define RX_DR (*(volatile u32 *)0x09000000)
#define RX_FR (*(volatile u32 *)0x09000018)
#define FR_RXFE (1u << 4)

int main(void)
{
    char line[64];
    unsigned n = 0;
    uart_puts("echo: type a line\n");
    for (u32 polls = 0; polls < 200000 && n < sizeof line - 1; polls++) {
        if (RX_FR & FR_RXFE)
            continue;
        char c = (char)(RX_DR & 0xff);
        if (c == '\r' || c == '\n')
            break;
        line[n++] = c;
        polls = 0;
    }
    line[n] = 0;
    if (n == 0) {
        uart_puts("echo: no input\n");
        return 0;
    }
    uart_puts("echo: got '");
    uart_puts(line);
    uart_puts("'\n");
    return 0;
}

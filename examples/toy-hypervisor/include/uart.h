/*
 * uart.h - minimal PL011 output shared by the hypervisor and the guest (the guest reaches the
 * same UART through its stage-2 passthrough mapping). Polls FR.TXFF like a real driver.
 */
#ifndef UART_H
#define UART_H
#include "board.h"

static inline void uart_putc(char c)
{
    volatile u32 *uart = (volatile u32 *)UART_PA;
    while (uart[0x18 / 4] & (1u << 5)) /* FR.TXFF: transmit FIFO full */
        ;
    uart[0] = (u32)c;
}

static inline void uart_puts(const char *s)
{
    while (*s) {
        uart_putc(*s++);
    }
}

static inline void uart_hex(u32 v)
{
    uart_puts("0x");
    for (int i = 28; i >= 0; i -= 4) uart_putc("0123456789abcdef"[(v >> i) & 15]);
}

static inline void uart_dec(u32 v)
{
    char buf[12];
    int i = 0;
    do { buf[i++] = (char)('0' + v % 10); v /= 10; } while (v);
    while (i) uart_putc(buf[--i]);
}
#endif

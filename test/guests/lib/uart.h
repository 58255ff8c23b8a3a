/* PL011 UART on QEMU virt at 0x09000000 (TX only, polled). */
#ifndef GUEST_UART_H
#define GUEST_UART_H

#include "types.h"

#define UART_BASE 0x09000000u
#define UART_DR   0x000u
#define UART_FR   0x018u
#define UART_FR_TXFF (1u << 5)

void uart_putc(char c);
void uart_puts(const char *s);
/* 8 hex digits, no prefix. */
void uart_hex32(u32 v);
/* 16 hex digits, no prefix. */
void uart_hex64(u64 v);
void uart_dec(s32 v);
void uart_udec(u32 v);

/*
 * Minimal printf: %s %c %d %i %u %x %X %p %% with flags '0' '+' '-', width
 * and 'l'/'ll' (only for %llx / %llu / %lld: 64-bit). No floating point.
 */
void printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif

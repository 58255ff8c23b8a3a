#include <stdarg.h>
#include "uart.h"

static inline void mmio_write32(u32 addr, u32 v) { *(volatile u32 *)addr = v; }
static inline u32 mmio_read32(u32 addr) { return *(volatile u32 *)addr; }

void uart_putc(char c)
{
    while (mmio_read32(UART_BASE + UART_FR) & UART_FR_TXFF) {
    }
    mmio_write32(UART_BASE + UART_DR, (u8)c);
}

void uart_puts(const char *s)
{
    while (*s)
        uart_putc(*s++);
}

static const char hexdig[] = "0123456789abcdef";

void uart_hex32(u32 v)
{
    for (int i = 28; i >= 0; i -= 4)
        uart_putc(hexdig[(v >> i) & 0xf]);
}

void uart_hex64(u64 v)
{
    uart_hex32((u32)(v >> 32));
    uart_hex32((u32)v);
}

/* Division by 10 without libgcc, so the runtime does not depend on it. */
static u64 udivmod10(u64 n, u32 *rem)
{
    u64 q = 0, r = 0;
    for (int i = 63; i >= 0; i--) {
        r = (r << 1) | ((n >> i) & 1);
        if (r >= 10) {
            r -= 10;
            q |= (u64)1 << i;
        }
    }
    *rem = (u32)r;
    return q;
}

static int g_plus, g_left;

static void put_padded(const char *digits, int len, int neg, int width, int zero)
{
    int sign = neg || g_plus;
    int total = len + sign;
    if (g_left)
        zero = 0;
    if (!zero && !g_left)
        for (; total < width; total++)
            uart_putc(' ');
    if (sign)
        uart_putc(neg ? '-' : '+');
    if (zero)
        for (; total < width; total++)
            uart_putc('0');
    while (len > 0)
        uart_putc(digits[--len]);
    if (g_left)
        for (; total < width; total++)
            uart_putc(' ');
}

static void put_u64(u64 v, unsigned base, int upper, int neg, int width, int zero)
{
    char buf[24];
    int len = 0;
    const char *dig = upper ? "0123456789ABCDEF" : hexdig;
    do {
        if (base == 16) {
            buf[len++] = dig[v & 0xf];
            v >>= 4;
        } else {
            u32 r;
            v = udivmod10(v, &r);
            buf[len++] = dig[r];
        }
    } while (v != 0);
    put_padded(buf, len, neg, width, zero);
}

void uart_udec(u32 v) { put_u64(v, 10, 0, 0, 0, 0); }

void uart_dec(s32 v)
{
    if (v < 0)
        put_u64((u64)(-(s64)v), 10, 0, 1, 0, 0);
    else
        put_u64((u64)v, 10, 0, 0, 0, 0);
}

void printf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    for (const char *p = fmt; *p; p++) {
        if (*p != '%') {
            uart_putc(*p);
            continue;
        }
        p++;
        int zero = 0, width = 0, lng = 0;
        g_plus = g_left = 0;
        for (;; p++) {
            if (*p == '0')
                zero = 1;
            else if (*p == '+')
                g_plus = 1;
            else if (*p == '-')
                g_left = 1;
            else
                break;
        }
        while (*p >= '0' && *p <= '9')
            width = width * 10 + (*p++ - '0');
        while (*p == 'l') {
            lng++;
            p++;
        }
        switch (*p) {
        case 's': {
            const char *s = va_arg(ap, const char *);
            int n = 0;
            if (!s)
                s = "(null)";
            for (const char *q = s; *q; q++)
                n++;
            if (!g_left)
                for (; n < width; n++)
                    uart_putc(' ');
            uart_puts(s);
            if (g_left)
                for (; n < width; n++)
                    uart_putc(' ');
            break;
        }
        case 'c':
            uart_putc((char)va_arg(ap, int));
            break;
        case 'd':
        case 'i':
            if (lng >= 2) {
                s64 v = va_arg(ap, s64);
                put_u64(v < 0 ? (u64)(-v) : (u64)v, 10, 0, v < 0, width, zero);
            } else {
                s32 v = va_arg(ap, s32);
                put_u64(v < 0 ? (u64)(-(s64)v) : (u64)v, 10, 0, v < 0, width, zero);
            }
            break;
        case 'u':
            put_u64(lng >= 2 ? va_arg(ap, u64) : va_arg(ap, u32), 10, 0, 0, width, zero);
            break;
        case 'x':
        case 'X':
            g_plus = 0;
            put_u64(lng >= 2 ? va_arg(ap, u64) : va_arg(ap, u32), 16, *p == 'X', 0, width, zero);
            break;
        case 'p':
            uart_puts("0x");
            put_u64(va_arg(ap, u32), 16, 0, 0, 8, 1);
            break;
        case '%':
            uart_putc('%');
            break;
        case '\0':
            p--;
            break;
        default:
            uart_putc('%');
            uart_putc(*p);
            break;
        }
    }
    va_end(ap);
}

/*
 * compute.c - the benchmark guest for `npm run bench`: integer work typical of hypervisor code
 * (checksums, table lookups, sorting, bit manipulation), deterministic output, no timing prints.
 */
#include "guest.h"

#define N 2048
static u32 data[N];
static u8 sieve[65536];

static u32 crc32(const u8 *p, u32 len, u32 crc)
{
    crc = ~crc;
    for (u32 i = 0; i < len; i++) {
        crc ^= p[i];
        for (int k = 0; k < 8; k++)
            crc = (crc >> 1) ^ (0xedb88320u & -(crc & 1));
    }
    return ~crc;
}

static void sort(u32 *a, int n)
{
    /* Shell sort: branches, loads and stores with computed offsets. */
    for (int gap = n / 2; gap > 0; gap /= 2)
        for (int i = gap; i < n; i++) {
            u32 t = a[i];
            int j = i;
            for (; j >= gap && a[j - gap] > t; j -= gap)
                a[j] = a[j - gap];
            a[j] = t;
        }
}

static u32 primes(u32 limit)
{
    u32 count = 0;
    for (u32 i = 0; i < limit; i++) sieve[i] = 1;
    for (u32 i = 2; i < limit; i++) {
        if (!sieve[i]) continue;
        count++;
        for (u32 j = i * 2; j < limit; j += i) sieve[j] = 0;
    }
    return count;
}

static u32 matmul(void)
{
    static u32 a[16][16], b[16][16], c[16][16];
    for (int i = 0; i < 16; i++)
        for (int j = 0; j < 16; j++) {
            a[i][j] = i * 7 + j;
            b[i][j] = i ^ (j * 3);
        }
    for (int i = 0; i < 16; i++)
        for (int j = 0; j < 16; j++) {
            u32 s = 0;
            for (int k = 0; k < 16; k++) s += a[i][k] * b[k][j];
            c[i][j] = s;
        }
    u32 h = 0;
    for (int i = 0; i < 16; i++)
        for (int j = 0; j < 16; j++) h = h * 31 + c[i][j];
    return h;
}

int main(void)
{
    u32 seed = 12345, acc = 0;
    for (int round = 0; round < 60; round++) {
        for (int i = 0; i < N; i++) {
            seed = seed * 1103515245u + 12345u;
            data[i] = seed ^ (seed >> 13);
        }
        sort(data, N);
        for (int i = 1; i < N; i++)
            if (data[i - 1] > data[i]) { uart_puts("sort failed\n"); return 1; }
        acc = crc32((const u8 *)data, sizeof data, acc);
        acc += primes(65536);
        acc ^= matmul();
        acc += __builtin_clz(acc | 1) + __builtin_popcount(acc);
    }
    uart_puts("compute checksum ");
    uart_hex32(acc);
    uart_puts("\n");
    return 0;
}

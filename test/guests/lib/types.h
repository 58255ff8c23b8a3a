#ifndef GUEST_TYPES_H
#define GUEST_TYPES_H

typedef unsigned int u32;
typedef signed int s32;
typedef unsigned short u16;
typedef signed short s16;
typedef unsigned char u8;
typedef signed char s8;
typedef unsigned long long u64;
typedef signed long long s64;

#define NOINLINE __attribute__((noinline))
#define ALIGNED(n) __attribute__((aligned(n)))

#endif

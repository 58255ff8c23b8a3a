/*
 * compute.thumb.c - the benchmark guest built as Thumb-2 (what Debian's arm-linux-gnueabihf-gcc
 * emits by default), so `npm run bench` measures the T32 path too.
 */
#include "compute.c"

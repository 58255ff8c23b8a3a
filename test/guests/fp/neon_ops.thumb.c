/* The neon_ops guest built as Thumb (T32 Advanced SIMD encodings reach the A32 tables). */
#include "neon_ops.c"

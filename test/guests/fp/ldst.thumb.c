/* The ldst guest built as Thumb (T32 FP/SIMD encodings reach the same A32 tables). */
#include "ldst.c"

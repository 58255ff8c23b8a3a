/* The neon_ldst guest built as Thumb (T32 structure loads/stores reach the A32 tables). */
#include "neon_ldst.c"

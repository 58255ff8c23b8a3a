/* bench.c with every translation off (see there). */
#define MMU_OFF
#include "bench.c"

/* Smoke test: boot, UART output, identification registers, exit code. */
#include "guest.h"

int main(void)
{
    u32 cpsr = read_cpsr();
    printf("hello from %s mode\n", mode_name(cpsr));
    printf("cpsr=%08x\n", cpsr);
    printf("midr=%08x mpidr=%08x cntfrq=%08x\n", read_midr(), read_mpidr(), read_cntfrq());
    printf("sctlr=%08x vbar=%08x\n", read_sctlr(), read_vbar());
    printf("dec: %d %u %d %x %08X %llx\n", -42, 4000000000u, 0, 0xabcu, 0xbeefu, 0x123456789abcdefull);
    return 7;
}

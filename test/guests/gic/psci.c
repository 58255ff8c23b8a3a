/*
 * PSCI through SMC #0 on QEMU virt (virtualization=on, one core): version,
 * PSCI_FEATURES, MIGRATE_INFO_TYPE, AFFINITY_INFO and CPU_ON for the running
 * core and for cores that do not exist, unknown and SMC64 function IDs
 * (NOT_SUPPORTED, r1-r3 preserved), CPU_SUSPEND with an invalid power state,
 * then SYSTEM_OFF: the machine stops with exit status 0 (main's 3 is never
 * returned).
 */
#include "_gic.h"

GUEST_BOOT_HYP;

static u32 r1o, r2o, r3o;

static u32 call(u32 fn, u32 a1, u32 a2, u32 a3)
{
    register u32 r0 __asm__("r0") = fn;
    register u32 r1 __asm__("r1") = a1;
    register u32 r2 __asm__("r2") = a2;
    register u32 r3 __asm__("r3") = a3;
    __asm__ volatile("smc #0" : "+r"(r0), "+r"(r1), "+r"(r2), "+r"(r3) : : "memory");
    r1o = r1;
    r2o = r2;
    r3o = r3;
    return r0;
}

static const u32 feature_ids[] = {
    0x84000000, 0x84000001, 0x84000002, 0x84000003, 0x84000004, 0x84000005,
    0x84000006, 0x84000007, 0x84000008, 0x84000009, 0x8400000a, 0x8400000b,
    0x8400000e, 0x84000010, 0x80000000, 0x95c1ba5e, 0x95c1ba5f, 0x95c1ba60,
    0x95c1ba61, 0xc4000003, 0xc4000004, 0x12345678,
};

int main(void)
{
    printf("PSCI_VERSION=%08x r1=%08x r2=%08x r3=%08x\n", call(0x84000000, 0x11, 0x22, 0x33), r1o, r2o, r3o);
    for (u32 i = 0; i < sizeof(feature_ids) / sizeof(feature_ids[0]); i++)
        printf("FEATURES(%08x)=%08x\n", feature_ids[i], call(0x8400000a, feature_ids[i], 0, 0));
    printf("MIGRATE_INFO_TYPE=%08x MIGRATE_INFO_UP_CPU=%08x MIGRATE=%08x\n",
           call(0x84000006, 0, 0, 0), call(0x84000007, 0, 0, 0), call(0x84000005, 0, 0, 0));
    printf("AFFINITY_INFO(0,0)=%08x (0,1)=%08x (0,2)=%08x (1,0)=%08x (0x80000000,0)=%08x (0x100,0)=%08x\n",
           call(0x84000004, 0, 0, 0), call(0x84000004, 0, 1, 0), call(0x84000004, 0, 2, 0),
           call(0x84000004, 1, 0, 0), call(0x84000004, 0x80000000, 0, 0), call(0x84000004, 0x100, 0, 0));
    printf("CPU_ON(self)=%08x (1)=%08x (0x100)=%08x (0x80000000)=%08x v0.1(self)=%08x v0.1(1)=%08x\n",
           call(0x84000003, 0, 0x40010000, 0), call(0x84000003, 1, 0x40010000, 0),
           call(0x84000003, 0x100, 0x40010000, 0), call(0x84000003, 0x80000000, 0x40010000, 0),
           call(0x95c1ba60, 0, 0x40010000, 0), call(0x95c1ba60, 1, 0x40010000, 0));
    printf("CPU_SUSPEND(0xfffe0000)=%08x\n", call(0x84000001, 0xfffe0000, 0, 0));
    printf("unknown(12345678)=%08x r1=%08x r2=%08x r3=%08x\n", call(0x12345678, 0x44, 0x55, 0x66), r1o, r2o, r3o);
    printf("SMC64 CPU_ON=%08x SMCCC_VERSION=%08x 0x8400000b=%08x\n",
           call(0xc4000003, 0, 0, 0), call(0x80000000, 0, 0, 0), call(0x8400000b, 0, 0, 0));
    printf("SYSTEM_OFF\n");
    call(0x84000008, 0, 0, 0);
    printf("still running after SYSTEM_OFF\n");
    return 3;
}

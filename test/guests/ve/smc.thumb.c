/*
 * T32 exception-generating and trapped instructions under a hypervisor: SMC (HCR.TSC trap, EC 0x13,
 * vs PSCI), HVC, trapped 16-bit WFI (IL = 0) and 32-bit MRC (IL = 1), TGE-routed 16-bit SVC/UDF
 * from User. Built with -mthumb: the probes and handlers run in Thumb state. B3.13.6 (IL), B9.3.14.
 */
#include "_hv.h"

PL1_FN(t_smc_version, "movw r0, #0\n movt r0, #0x8400\n smc #0")
PL1_FN(t_smc_features, "movw r0, #0xa\n movt r0, #0x8400\n movw r1, #2\n movt r1, #0x8400\n smc #0")
PL1_FN(t_smc_it, "movw r0, #0\n movt r0, #0x8400\n cmp r0, #0\n it eq\n addeq r0, r0, #1\n it ne\n smcne #0")
PL1_FN(t_hvc, "hvc #0x1234")
PL1_FN(t_mrc_it, "cmp r0, #1\n it ne\n mrcne p15, 0, r1, c1, c0, 0")
PL1_FN(t_wfi_it, "cmp r0, #1\n itt ne\n wfine\n addne r0, r0, #3")
PL1_FN(t_wfi16, "wfi")
PL1_FN(t_wfi32, "wfi.w")
PL1_FN(t_mrc, "mrc p15, 0, r1, c1, c0, 0")
PL1_FN(t_udf16, "udf #5")
PL1_FN(t_vmrs, "vmrs r1, fpscr")
USER_FN(u_svc16, "movs r0, #1\n svc #0x42")
USER_FN(u_udf16, "movs r0, #1\n udf #6")
USER_FN(u_udf32, "movs r0, #1\n udf.w #7")

int main(void)
{
    struct cfg c = { 0, 0, 0, 6 };
    run_at("t32 smc psci_version", t_smc_version, SPSR_SVC | PSR_T, &c);
    run_at("t32 smc psci_features(cpu_off)", t_smc_features, SPSR_SVC | PSR_T, &c);
    run_hyp("t32 smc in hyp", t_smc_version, &c);
    c.hcr = HCR_TSC;
    run_at("t32 smc tsc", t_smc_version, SPSR_SVC | PSR_T, &c);
    run_at("t32 smcne in it block tsc", t_smc_it, SPSR_SVC | PSR_T, &c);
    run_hyp("t32 smc in hyp tsc", t_smc_version, &c);
    c.hcr = 0;
    run_at("t32 hvc", t_hvc, SPSR_SVC | PSR_T, &c);
    c.hcr = HCR_TWI;
    run_at("t32 wfi (16-bit) twi", t_wfi16, SPSR_SVC | PSR_T, &c);
    run_at("t32 wfi.w twi", t_wfi32, SPSR_SVC | PSR_T, &c);
    c.hcr = 0; c.hstr = 2;
    run_at("t32 mrc hstr.t1", t_mrc, SPSR_SVC | PSR_T, &c);
    run_at("t32 mrcne in it block hstr.t1", t_mrc_it, SPSR_SVC | PSR_T, &c);
    c.hstr = 0;
    c.hcr = HCR_TWI;
    run_at("t32 wfine in itt block twi", t_wfi_it, SPSR_SVC | PSR_T, &c);
    c.hcr = 0;
    run_hyp("t32 udf in hyp", t_udf16, &c);
    c.hcptr = 0xc00;
    write_cpacr(0xf00000);
    ISB();
    run_at("t32 vmrs tcp10/11", t_vmrs, SPSR_SVC | PSR_T, &c);
    write_cpacr(0);
    c.hcptr = 0;
    c.hcr = HCR_TGE;
    run_at("t32 user svc tge", u_svc16, SPSR_USR | PSR_T, &c);
    run_at("t32 user udf tge", u_udf16, SPSR_USR | PSR_T, &c);
    run_at("t32 user udf.w tge", u_udf32, SPSR_USR | PSR_T, &c);
    c.hcr = 0;
    run_at("t32 user udf", u_udf16, SPSR_USR | PSR_T, &c);
    return 0;
}

// Storage for every system register value the core keeps (CP15/CP14), as plain numbers.
// The register table (table.ts) maps encodings onto these fields; B4.1 describes each register.

/** Cortex-A15 r4p0 identification, as QEMU 7.2's cortex-a15 reports it (test/guests/ve/id_regs.c). */
export const A15_MIDR = 0x414fc0f0;

export class SysRegState {
  // Identification (B4.1.105 MIDR, B4.1.106 MPIDR); VPIDR/VMPIDR reset to the real values.
  midr = A15_MIDR;
  mpidr = 0x80000000;
  vpidr = A15_MIDR;
  vmpidr = 0x80000000;

  // PL1 system control (B4.1.130 SCTLR). Reset value as the A15 (and QEMU) shows after reset.
  sctlr = 0x00c50078;
  actlr = 0;
  cpacr = 0;
  // VMSA (B4.1.153-155 TTBR0/TTBR1/TTBCR); 64-bit registers as low/high words.
  ttbr0Lo = 0;
  ttbr0Hi = 0;
  ttbr1Lo = 0;
  ttbr1Hi = 0;
  ttbcr = 0;
  dacr = 0;
  dfsr = 0;
  ifsr = 0;
  adfsr = 0;
  aifsr = 0;
  dfar = 0;
  ifar = 0;
  parLo = 0;
  parHi = 0;
  /** PRRR, or MAIR0 when TTBCR.EAE = 1 (same encoding, B4.1.127/B4.1.104). */
  // QEMU 7.2 resets PRRR/NMRR to 0 (the A15 TRM gives UNKNOWN).
  prrr = 0;
  nmrr = 0;
  amair0 = 0;
  amair1 = 0;
  vbar = 0;
  contextidr = 0;
  tpidrurw = 0;
  tpidruro = 0;
  tpidrprw = 0;
  csselr = 0;
  /** FCSEIDR: RAZ/WI architecturally with LPAE, but QEMU 7.2 stores the written value. */
  fcseidr = 0;
  l2ctlr = 0x00800000;
  l2ectlr = 0;

  // Performance monitors (C12): QEMU cortex-a15 PMCR = 0x410F3000 (N = 6 counters).
  pmcr = 0x410f3000;
  pmcnten = 0;
  pmovsr = 0;
  pmselr = 0;
  pmuserenr = 0;
  pminten = 0;
  pmccntr = 0;
  readonly pmxevtyper = new Uint32Array(32);
  readonly pmxevcntr = new Uint32Array(32);

  // Debug (C11, CP14): 6 breakpoints, 4 watchpoints (DBGDIDR 0x3515F021).
  readonly dbgbvr = new Uint32Array(6);
  readonly dbgbcr = new Uint32Array(6);
  readonly dbgwvr = new Uint32Array(4);
  readonly dbgwcr = new Uint32Array(4);
  dbgvcr = 0;
  dbgdscrext = 0;
  dbgoslsr = 0x0000000a;
  dbgosdlr = 0;
  dbgprcr = 0;
  dbgclaim = 0;

  // Hyp registers (B4.1.57-B4.1.75, B4.1.160-B4.1.161).
  // QEMU 7.2 resets HSCTLR to 0 (architecturally UNKNOWN).
  hsctlr = 0;
  hactlr = 0;
  hcr = 0;
  hdcr = 6; // HPMN resets to PMCR.N (QEMU cortex-a15: 6 counters)
  hcptr = 0;
  hstr = 0;
  hacr = 0;
  httbrLo = 0;
  httbrHi = 0;
  htcr = 0;
  vtcr = 0;
  vttbrLo = 0;
  vttbrHi = 0;
  hadfsr = 0;
  haifsr = 0;
  hsr = 0;
  hdfar = 0;
  hifar = 0;
  hpfar = 0;
  hmair0 = 0;
  hmair1 = 0;
  hamair0 = 0;
  hamair1 = 0;
  hvbar = 0;
  htpidr = 0;

  // VFP control (B6.1): FPEXC.EN gates VFP/SIMD execution.
  fpexc = 0;
  fpscr = 0;
  /** Cortex-A15 VFPv4 identification as QEMU 7.2 reports it. */
  fpsid = 0x410430f0;
  mvfr0 = 0x10110222;
  mvfr1 = 0x11111111;

  // Generic timer (B8). 64-bit values as exact 32-bit words: CVAL per TimerId (0 physical,
  // 1 virtual, 2 Hyp physical), CNTVOFF as lo/hi (a JS number is not exact above 2^53).
  cntfrq = 62500000;
  cntkctl = 0;
  cnthctl = 3;
  cntvoffLo = 0;
  cntvoffHi = 0;
  cntpCtl = 0;
  cntvCtl = 0;
  cnthpCtl = 0;
  readonly cvalLo = new Uint32Array(3);
  readonly cvalHi = new Uint32Array(3);

  /** VMID from VTTBR[55:48] (B4.1.160). */
  get vmid(): number {
    return (this.vttbrHi >>> 16) & 0xff;
  }
}

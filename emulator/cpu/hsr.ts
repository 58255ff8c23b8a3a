// The Hyp Syndrome Register: exception classes and ISS builders.
// B3.13.6 "Use of the HSR" (Table B3-27 exception classes) and B4.1.65 HSR.

export const enum EC {
  Unknown = 0x00,
  WfiWfe = 0x01,
  Mcr15 = 0x03,
  Mcrr15 = 0x04,
  Mcr14 = 0x05,
  Ldc14 = 0x06,
  Hcptr = 0x07,
  Vmrs = 0x08,
  Jazelle = 0x09,
  Bxj = 0x0a,
  Mrrc14 = 0x0c,
  Svc = 0x11,
  Hvc = 0x12,
  Smc = 0x13,
  PabtLower = 0x20,
  PabtHyp = 0x21,
  DabtLower = 0x24,
  DabtHyp = 0x25,
}

export interface EcInfo {
  readonly ec: EC;
  /** Short mnemonic used in debugger text, e.g. "HVC". */
  readonly name: string;
  readonly description: string;
}

/** One table of exception classes an ARMv7 core with the Virtualization Extensions can report. */
export const EXCEPTION_CLASSES: readonly EcInfo[] = [
  { ec: EC.Unknown, name: 'UNKNOWN', description: 'Unknown reason (Undefined Instruction taken to Hyp)' },
  { ec: EC.WfiWfe, name: 'WFI/WFE', description: 'Trapped WFI or WFE instruction' },
  { ec: EC.Mcr15, name: 'MCR/MRC p15', description: 'Trapped MCR or MRC access to CP15' },
  { ec: EC.Mcrr15, name: 'MCRR/MRRC p15', description: 'Trapped MCRR or MRRC access to CP15' },
  { ec: EC.Mcr14, name: 'MCR/MRC p14', description: 'Trapped MCR or MRC access to CP14' },
  { ec: EC.Ldc14, name: 'LDC/STC p14', description: 'Trapped LDC or STC access to CP14' },
  { ec: EC.Hcptr, name: 'HCPTR', description: 'HCPTR-trapped access to CP0-CP13 (FP/SIMD)' },
  { ec: EC.Vmrs, name: 'VMRS', description: 'Trapped VMRS access (ID group)' },
  { ec: EC.Jazelle, name: 'Jazelle', description: 'Trapped Jazelle instruction' },
  { ec: EC.Bxj, name: 'BXJ', description: 'Trapped BXJ instruction' },
  { ec: EC.Mrrc14, name: 'MRRC p14', description: 'Trapped MRRC access to CP14' },
  { ec: EC.Svc, name: 'SVC', description: 'Supervisor Call taken to Hyp mode' },
  { ec: EC.Hvc, name: 'HVC', description: 'Hypervisor Call' },
  { ec: EC.Smc, name: 'SMC', description: 'Trapped SMC instruction (HCR.TSC)' },
  { ec: EC.PabtLower, name: 'PABT', description: 'Prefetch Abort routed to Hyp mode' },
  { ec: EC.PabtHyp, name: 'PABT (Hyp)', description: 'Prefetch Abort taken from Hyp mode' },
  { ec: EC.DabtLower, name: 'DABT', description: 'Data Abort routed to Hyp mode' },
  { ec: EC.DabtHyp, name: 'DABT (Hyp)', description: 'Data Abort taken from Hyp mode' },
];

const ecByCode = new Map<number, EcInfo>(EXCEPTION_CLASSES.map((e) => [e.ec, e]));

export function ecInfo(ec: number): EcInfo | undefined {
  return ecByCode.get(ec);
}

export const HSR_IL = 1 << 25;

/** Compose an HSR value: EC[31:26], IL[25], ISS[24:0]. */
export function hsr(ec: EC, il: boolean, iss: number): number {
  return ((ec << 26) | (il ? HSR_IL : 0) | (iss & 0x1ffffff)) >>> 0;
}

/**
 * Condition fields for EC 0x01-0x0C (B3.13.6): CV[24], COND[23:20]. We report CV=1 with the
 * instruction's condition for A32 (QEMU reports COND=0xE for unconditional encodings).
 */
export function condIss(cond: number): number {
  return ((1 << 24) | ((cond & 0xf) << 20)) >>> 0;
}

/** ISS for trapped MCR/MRC (EC 0x03/0x05/0x08): Opc2, Opc1, CRn, Rt, CRm, Direction. */
export function issMcr(cond: number, opc1: number, crn: number, rt: number, crm: number, opc2: number, read: boolean): number {
  return (condIss(cond) | (opc2 << 17) | (opc1 << 14) | (crn << 10) | (rt << 5) | (crm << 1) | (read ? 1 : 0)) >>> 0;
}

/** ISS for trapped MCRR/MRRC (EC 0x04/0x0C): Opc1[19:16], Rt2[13:10], Rt[8:5], CRm[4:1], Direction. */
export function issMcrr(cond: number, opc1: number, rt: number, rt2: number, crm: number, read: boolean): number {
  return (condIss(cond) | (opc1 << 16) | (rt2 << 10) | (rt << 5) | (crm << 1) | (read ? 1 : 0)) >>> 0;
}

// Shared vocabulary of the translation walkers: permission bit sets, the reusable walk result,
// and the per-step record the debugger sees (B3.7 access permissions, B3.8 memory attributes).

import type { FaultType } from '../cpu/fault';

/**
 * Permission set of a translation: bit (pl * 3 + acc) for pl 0 (PL0) / 1 (PL1 or PL2) and acc
 * 0 read / 1 write / 2 execute (the Access enum order). Hyp translations use the PL1 slots.
 */
export const P_R0 = 1, P_W0 = 2, P_X0 = 4, P_R1 = 8, P_W1 = 16, P_X1 = 32;
export const P_ALL = 63;

/** Bit of the permission set for one access. */
export function permBit(acc: number, pl: number): number {
  return 1 << ((pl === 0 ? 0 : 3) + acc);
}

/** One descriptor read of a walk, recorded only when the debugger asks (walk-api.ts). */
export interface WalkStep {
  stage: 1 | 2;
  level: number;
  /** Base of the table holding the descriptor (PA, or IPA for stage-1 tables under stage 2). */
  tableBase: number;
  /** Address the descriptor was read from (same address space as tableBase). */
  descriptorAddress: number;
  /** Raw descriptor: 32-bit short descriptors have hi = 0. */
  descriptorHi: number;
  descriptorLo: number;
  descriptor: bigint;
  /** Decoded fields by manual name. */
  fields: Record<string, string | number | boolean>;
  /** For a stage-1 table access under stage 2: the stage-2 walk of the descriptor's IPA. */
  nested?: WalkStep[];
  /** Problems found at this step (descriptor outside RAM, table pointing at itself, ...). */
  note?: string;
}

/** Receives steps while a debugger walk runs; absent on the CPU's path (no allocation). */
export interface StepSink {
  steps: WalkStep[];
}

/** Fault description produced by a walk, before it becomes a GuestAbort or a PAR value. */
export class WalkFault {
  type: FaultType = 0;
  stage: 1 | 2 = 1;
  level = 0;
  /** IPA for stage-2 faults (descriptor IPA for S1PTW faults). */
  ipa = 0;
  s1ptw = false;
  domain = 0;
  /** Stage-1 fault reported in long-descriptor format. */
  lpae = false;
  /** Human-readable reason for the debugger. */
  reason = '';
}

/** Result of the stage-1 part of a translation (filled in place, reused). */
export class S1Result {
  /** Output address (IPA or PA) of the byte addressed. */
  oa = 0;
  /** log2 of the mapping size (12 page, 16 large page, 20 section, 21 block, 24 supersection, 30 block). */
  sizeLog2 = 12;
  /** Permission set (before stage 2). */
  perms = 0;
  /** Memory attributes in MAIR format and shareability (00 non, 10 outer, 11 inner). */
  attr = 0;
  sh = 0;
  global = true;
  /** Lookup level of the final descriptor (for permission faults). */
  level = 1;
  domain = 0;
  /** Domain is No access (or reserved): every access gives a domain fault. */
  domainFault = false;
  /** Access flag is 0: every access gives an Access flag fault (v7 has no hardware AF update). */
  afFault = false;
  /** QEMU checks an execute-never fetch before the access flag (short descriptors). */
  xnBeforeAf = false;
  /** Execute-never per PL for that check: bit 0 PL0 (XN), bit 1 PL1 (XN or PXN). */
  xnMask = 0;
  supersection = false;
  lpae = false;
}

/** Result of a stage-2 lookup (filled in place, reused). */
export class S2Result {
  pa = 0;
  sizeLog2 = 12;
  /** Stage-2 permission set (same bits for PL0 and PL1). */
  perms = 0;
  /** Stage-2 MemAttr[3:0] and the same converted to MAIR format. */
  memAttr = 0;
  attr = 0;
  sh = 0;
  level = 1;
  afFault = false;
  /** HAP[2:1] as in the descriptor. */
  hap = 0;
  xn = false;
}

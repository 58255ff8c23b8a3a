// The instruction-specific part of a Hyp data-abort syndrome: ISV, SAS, SSE, SRT for single-register
// loads and stores (ARM ARM B3.13.6 "ISS encoding for a Data Abort", Table B3-28; our reference doc §3.6).

import type { Cpu } from './cpu';
import { abortIssHooks } from './exceptions';

export const ISS_ISV = 1 << 24;
const SAS_SHIFT = 22;
const ISS_SSE = 1 << 21;
const SRT_SHIFT = 16;

/** Access sizes as SAS encodes them (B3.13.6). */
export const enum Sas { Byte = 0, Halfword = 1, Word = 2 }

function iss(sas: Sas, signed: boolean, rt: number): number {
  return (ISS_ISV | (sas << SAS_SHIFT) | (signed ? ISS_SSE : 0) | (rt << SRT_SHIFT)) >>> 0;
}

/**
 * ISS bits for one A32 instruction word, or undefined when ISV must be 0. Valid only for
 * LDR/STR/LDRB/STRB/LDRH/STRH/LDRSB/LDRSH (immediate, register, literal) without writeback: QEMU's
 * make_issinfo() drops the ISS for post-indexed and pre-indexed-with-writeback forms, which also
 * covers the unprivileged T forms (always post-indexed), and disas_set_da_iss() drops it when
 * Rt == PC. LDM/STM, LDRD/STRD, exclusives, SWP and coprocessor transfers report ISV = 0.
 */
export function a32DataAbortIss(insn: number): number | undefined {
  insn >>>= 0;
  if (insn >>> 28 === 0xf) return undefined; // unconditional space: PLD, SRS, RFE, ... carry no ISS
  const p = (insn & (1 << 24)) !== 0;
  const w = (insn & (1 << 21)) !== 0;
  if (!p || w) return undefined;
  const rt = (insn >>> 12) & 15;
  if (rt === 15) return undefined;
  const op = (insn >>> 25) & 7;
  if (op === 2 || (op === 3 && (insn & 0x10) === 0)) {
    // A5.3 word and unsigned byte; op == 3 with bit 4 set is the media space.
    return iss((insn & (1 << 22)) !== 0 ? Sas.Byte : Sas.Word, false, rt);
  }
  if (op === 0 && (insn & 0x90) === 0x90 && (insn & 0x60) !== 0) {
    // A5.2.8 extra load/store: bits [6:5] = op2 (01 H, 10 LDRD/LDRSB, 11 STRD/LDRSH).
    const load = (insn & (1 << 20)) !== 0;
    switch ((insn >>> 5) & 3) {
      case 1: return iss(Sas.Halfword, false, rt);
      case 2: return load ? iss(Sas.Byte, true, rt) : undefined;
      default: return load ? iss(Sas.Halfword, true, rt) : undefined;
    }
  }
  return undefined;
}

/**
 * Extension point for Thumb: the T32 decoder sets `t32DataAbortIss` to a function that decodes the
 * halfword(s) at cpu.pc the same way (16-bit encodings also clear IL, which takeAbort derives
 * from cpu.insnLen).
 */
export const abortIssThumb: { t32DataAbortIss: ((cpu: Cpu) => number | undefined) | undefined } = {
  t32DataAbortIss: undefined,
};

/**
 * ISS for the data abort the current instruction raised. Re-reads the instruction through the
 * fetch translation (cpu.fetchPageHost: the soft TLB may be filled, nothing else changes). A fault
 * on that re-read means no syndrome rather than a second exception.
 */
export function dataAbortIss(cpu: Cpu): number | undefined {
  if (cpu.thumb) return abortIssThumb.t32DataAbortIss?.(cpu);
  const pc = cpu.pc >>> 0;
  let host: number;
  try {
    host = cpu.fetchPageHost(pc);
  } catch {
    return undefined;
  }
  return a32DataAbortIss(cpu.ram32[(host + (pc & 0xffc)) >>> 2]);
}

abortIssHooks.dataIss = dataAbortIss;

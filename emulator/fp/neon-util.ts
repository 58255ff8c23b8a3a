// Shared plumbing of the Advanced SIMD handlers: operand fields, Q-register checks, element access by
// size and signedness over a source snapshot, saturation with FPSCR.QC. A7.3, A2.6, A8.8 (Elem[], Sat).

import type { Cpu } from '../cpu/cpu';
import { fpAccessOk } from '../decode/a32/sys-vfp';
import { takeUndefined } from '../cpu/exceptions';
import { FpRegs, fpRegs } from './regs';
import { dIdx } from './common';

/** D:Vd, N:Vn, M:Vm as D register numbers (A7.3). */
export const fD = (insn: number): number => dIdx((insn >>> 12) & 15, (insn >>> 22) & 1);
export const fN = (insn: number): number => dIdx((insn >>> 16) & 15, (insn >>> 7) & 1);
export const fM = (insn: number): number => dIdx(insn & 15, (insn >>> 5) & 1);
export const bit = (insn: number, b: number): number => (insn >>> b) & 1;
/** Bit 6 is Q in most Advanced SIMD data-processing encodings. */
export const q6 = (insn: number): boolean => ((insn >>> 6) & 1) === 1;
/** size field (bits 21:20 for three-register forms). */
export const sz20 = (insn: number): number => (insn >>> 20) & 3;
/** size field of the two-register-miscellaneous forms (bits 19:18). */
export const sz18 = (insn: number): number => (insn >>> 18) & 3;

/** Register operand text: Qn for quadword forms, Dn otherwise (objdump's text for an odd Q number). */
export const rq = (q: boolean, d: number): string => (q ? (d & 1 ? `<illegal reg q${d >>> 1}.5>` : `q${d >>> 1}`) : `d${d}`);
export const qr = (d: number): string => rq(true, d);

/** True if every listed Q operand is even (UNDEFINED otherwise: A8.8 "if Q == '1' && (Vd<0> ...)"). */
export function evenRegs(a: number, b = 0, c = 0): boolean {
  return ((a | b | c) & 1) === 0; // fixed arity: no rest-array allocation on the hot path
}

/** UNDEFINED (takes the exception) when `undef`, else the FP/SIMD access checks; false if an exception was taken. */
export function guard(cpu: Cpu, undef: boolean): boolean {
  if (undef) { takeUndefined(cpu); return false; }
  return fpAccessOk(cpu, true, false);
}

/**
 * Snapshot of the source operands: slot 0-1 = Vn (or table), 2-3 = Vm, 4-7 free. Reading inputs from here
 * gives the pseudocode's "all operands read before any result is written" when Vd overlaps them.
 */
export const SNAP = new FpRegs();
export const N_SLOT = 0;
export const M_SLOT = 2;

export function snap(f: FpRegs, src: number, slot: number, regs: number): void {
  for (let i = 0; i < regs; i++) {
    const s = ((src + i) & 31) * 2; // a list running past D31 is UNDEFINED/UNPREDICTABLE and vetoed by callers
    SNAP.w[(slot + i) * 2] = f.w[s];
    SNAP.w[(slot + i) * 2 + 1] = f.w[s + 1];
  }
}

/**
 * Prologue of the two-register (Vd, Vm) encodings that read Vm from the snapshot: UNDEFINED for an
 * odd Q register (A7.3), the FP/SIMD access checks, then Vm copied into M_SLOT. Returns the number
 * of D registers per operand (1, or 2 for Q), or 0 when an exception was taken.
 */
export function snapVm(cpu: Cpu, insn: number): number {
  const q = q6(insn);
  const m = fM(insn);
  if (!guard(cpu, q && !evenRegs(fD(insn), m))) return 0;
  const regs = q ? 2 : 1;
  snap(fpRegs(cpu), m, M_SLOT, regs);
  return regs;
}

/** Unsigned element i of `esize` (8/16/32) counted from the start of D register `d`. */
export function getU(f: FpRegs, d: number, esize: number, i: number): number {
  if (esize === 32) return f.w[d * 2 + i];
  const off = d * 8 + i * (esize >>> 3);
  return esize === 8 ? f.b[off] : f.b[off] | (f.b[off + 1] << 8);
}

/** Signed element. */
export function getS(f: FpRegs, d: number, esize: number, i: number): number {
  if (esize === 32) return f.w[d * 2 + i] | 0;
  const off = d * 8 + i * (esize >>> 3);
  return esize === 8 ? (f.b[off] << 24) >> 24 : ((f.b[off] | (f.b[off + 1] << 8)) << 16) >> 16;
}

export function getE(f: FpRegs, d: number, esize: number, i: number, unsigned: boolean): number {
  return unsigned ? getU(f, d, esize, i) : getS(f, d, esize, i);
}

/** Store the low `esize` bits of integer v (any integer below 2^53 in magnitude; wraps modulo 2^esize). */
export function put(f: FpRegs, d: number, esize: number, i: number, v: number): void {
  if (esize === 32) { f.w[d * 2 + i] = v >>> 0; return; }
  if (esize === 64) { put64n(f, d, i, v); return; }
  const off = d * 8 + i * (esize >>> 3);
  const u = v >>> 0;
  f.b[off] = u;
  if (esize === 16) f.b[off + 1] = u >>> 8;
}

/** 64-bit element from a double-precision integer (|v| < 2^53), two's complement. */
function put64n(f: FpRegs, d: number, i: number, v: number): void {
  const hi = Math.floor(v / 4294967296);
  f.w[(d + i) * 2] = (v - hi * 4294967296) >>> 0;
  f.w[(d + i) * 2 + 1] = hi >>> 0;
}

/** 64-bit elements as bigint (64-bit lanes are rare; the allocation is accepted there). */
export function get64(f: FpRegs, d: number, i: number, unsigned: boolean): bigint {
  const v = (BigInt(f.w[(d + i) * 2 + 1]) << 32n) | BigInt(f.w[(d + i) * 2]);
  return unsigned ? v : BigInt.asIntN(64, v);
}

export function put64(f: FpRegs, d: number, i: number, v: bigint): void {
  const u = BigInt.asUintN(64, v);
  f.w[(d + i) * 2] = Number(u & 0xffffffffn);
  f.w[(d + i) * 2 + 1] = Number(u >> 32n);
}

/** FPSCR.QC (bit 27), the cumulative saturation flag (A2.7.3). */
export function setQC(cpu: Cpu): void { cpu.sys.fpscr = (cpu.sys.fpscr | 0x08000000) >>> 0; }

/** Range of an esize-bit integer: SatQ / UnsignedSatQ bounds (A2.2.1). */
export function satMin(esize: number, unsigned: boolean): number { return unsigned ? 0 : -(2 ** (esize - 1)); }
export function satMax(esize: number, unsigned: boolean): number { return unsigned ? 2 ** esize - 1 : 2 ** (esize - 1) - 1; }

/** SatQ(v, esize, unsigned) with QC accumulation (number path, esize <= 32). */
export function sat(cpu: Cpu, v: number, esize: number, unsigned: boolean): number {
  const lo = satMin(esize, unsigned);
  const hi = satMax(esize, unsigned);
  if (v < lo) { setQC(cpu); return lo; }
  if (v > hi) { setQC(cpu); return hi; }
  return v;
}

export function sat64(cpu: Cpu, v: bigint, unsigned: boolean): bigint {
  const lo = unsigned ? 0n : -(1n << 63n);
  const hi = unsigned ? (1n << 64n) - 1n : (1n << 63n) - 1n;
  if (v < lo) { setQC(cpu); return lo; }
  if (v > hi) { setQC(cpu); return hi; }
  return v;
}

/** Data type letter for signed/unsigned integer forms: objdump prints .s/.u. */
export const su = (unsigned: number | boolean): string => (unsigned ? 'u' : 's');

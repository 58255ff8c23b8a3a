// FP/SIMD operands for the random-instruction generator: which fields of an emulator/fp/ encoding are
// core registers, memory windows of VLDR/VLDM/VLD1, vetoes and random D0-D31/FPSCR. A7.3-A7.9, A8.8.

import type { Prng } from './random-prng';

/** Extension-register state of a block: D0-D31 as 64 words (word 2n = low half of Dn) and FPSCR. */
export interface FpState {
  readonly d: Uint32Array;
  readonly fpscr: number;
}

/** A 4-bit core register operand at bits [lo+3:lo]; `dest` when the instruction writes it. */
export interface CoreField {
  readonly lo: number;
  readonly role: 'base' | 'index' | 'dest' | 'source';
}

/** Loads/stores of the FP table the address model below knows (their `random: false` is overridden). */
export const FP_MEMORY = new Set(['VLDR_VSTR', 'VLDM_IA', 'VLDM_DB', 'VLD1_VST1_multi']);

/**
 * Core register fields of an FP/SIMD encoding (every other nibble field names an extension register).
 * VMOV between core and extension registers, VDUP (ARM core register), loads/stores (A8.8).
 */
export function fpCoreFields(name: string, w: number): CoreField[] {
  const toCore = ((w >>> 20) & 1) === 1;
  switch (name) {
    case 'VMOV_core_s': return [{ lo: 12, role: toCore ? 'dest' : 'source' }];
    case 'VMOV_core2_ss': case 'VMOV_core2_d':
      return [{ lo: 12, role: toCore ? 'dest' : 'source' }, { lo: 16, role: toCore ? 'dest' : 'source' }];
    case 'VMOV_scalar_core': return [{ lo: 12, role: 'dest' }];
    case 'VMOV_core_scalar': case 'VDUP_core': return [{ lo: 12, role: 'source' }];
    case 'VLDR_VSTR': case 'VLDM_IA': case 'VLDM_DB': return [{ lo: 16, role: 'base' }];
    case 'VLD1_VST1_multi': return [{ lo: 16, role: 'base' }, { lo: 0, role: 'index' }];
    default: return [];
  }
}

/**
 * Field adjustments that keep random words away from UNDEFINED forms that would end a block early:
 * Q-register operands must be even (A7.3 "if Q == '1' && Vd<0> == '1' then UNDEFINED"), VDUP with
 * Q likewise; VCVT (fixed) has a don't-care-looking sx bit (7) the pattern marks 'x'.
 */
export function fpFixup(name: string, w0: number, rng: Prng): number {
  let w = w0;
  if (name === 'VCVT_fixed') w = rng.chance(0.5) ? (w | 0x80) >>> 0 : (w & ~0x80) >>> 0;
  if (name.startsWith('SIMD_') && (w >>> 6) & 1) {
    w &= ~(1 << 12);
    if (name !== 'SIMD_imm') w &= ~1; // Vm
    if (name !== 'SIMD_imm' && name !== 'SIMD_vshr' && name !== 'SIMD_vshl') w &= ~(1 << 16); // Vn
  }
  if (name === 'VDUP_core' && (w >>> 21) & 1) w &= ~(1 << 16);
  return w >>> 0;
}

/**
 * UNPREDICTABLE or UNDEFINED operand combinations the generator leaves out (test/qemu/DEVIATIONS.md):
 * VCVT (fixed) with frac_bits < 0, VMOV two core registers with Rt == Rt2 on a load or Sm == S31,
 * VMOV scalar forms with opc1:opc2 = 0x10 or U with 32-bit, VDUP B:E = 11, FLDMX/FSTMX
 * (IMPLEMENTATION DEFINED format), VLD1 alignment encodings UNDEFINED for the register count (A8.8).
 */
export function fpVeto(name: string, w: number): boolean {
  switch (name) {
    case 'VCVT_fixed': {
      const size = (w >>> 7) & 1 ? 32 : 16;
      return size - (((w & 15) << 1) | ((w >>> 5) & 1)) >= 0;
    }
    case 'VMOV_core2_ss':
      if ((((w & 15) << 1) | ((w >>> 5) & 1)) === 31) return false;
      return !((w >>> 20) & 1) || ((w >>> 12) & 15) !== ((w >>> 16) & 15);
    case 'VMOV_core2_d':
      return !((w >>> 20) & 1) || ((w >>> 12) & 15) !== ((w >>> 16) & 15);
    case 'VMOV_core_scalar': case 'VMOV_scalar_core': {
      const opc = (((w >>> 21) & 3) << 2) | ((w >>> 5) & 3);
      if ((opc & 0xb) === 0x2) return false;
      return !(name === 'VMOV_scalar_core' && (w >>> 23) & 1 && (opc & 0x9) === 0);
    }
    case 'VDUP_core': return (((w >>> 22) & 1) << 1 | ((w >>> 5) & 1)) !== 3;
    case 'VLDM_IA': case 'VLDM_DB': return !((w >>> 8) & 1 && w & 1);
    case 'VLD1_VST1_multi': {
      // align<1> with one or three registers, align = 11 with two: UNDEFINED (A8.8.320).
      const regs = VLD1_REGS[(w >>> 8) & 15] ?? 0;
      const a = (w >>> 4) & 3;
      return !(((regs === 1 || regs === 3) && (a & 2) !== 0) || (regs === 2 && a === 3));
    }
    default: return true;
  }
}

/** Memory range of an FP load/store (as random-insn's Access): base and index register values given. */
export interface FpAccess {
  readonly lo: number;
  readonly size: number;
  readonly align: number;
  readonly newBase: number | undefined;
}

/** VLD1 register count by type (A8.8.320): 0111 one, 1010 two, 0110 three, 0010 four. */
const VLD1_REGS: Record<number, number> = { 7: 1, 10: 2, 6: 3, 2: 4 };

/**
 * Address range of VLDR/VSTR (A8.8.333: [Rn +/- imm8*4]), VLDM/VSTM IA/DB (A8.8.332: imm8 words,
 * write-back by imm8*4) and VLD1/VST1 multiple (A8.8.320: 8 bytes per register, post-index by the
 * size or Rm). Undefined for forms the generator does not emit (UNPREDICTABLE register counts).
 */
export function fpAccess(name: string, w: number, base: number, index: number): FpAccess | undefined {
  const imm8 = w & 0xff;
  const dp = ((w >>> 8) & 1) === 1;
  const u = ((w >>> 23) & 1) === 1;
  const first = dp ? (((w >>> 22) & 1) << 4) | ((w >>> 12) & 15) : (((w >>> 12) & 15) << 1) | ((w >>> 22) & 1);
  switch (name) {
    case 'VLDR_VSTR': {
      const lo = (u ? base + imm8 * 4 : base - imm8 * 4) >>> 0;
      return { lo, size: dp ? 8 : 4, align: 4, newBase: undefined };
    }
    case 'VLDM_IA': case 'VLDM_DB': {
      const n = dp ? imm8 >>> 1 : imm8;
      if (n === 0 || first + n > 32 || (dp && n > 16)) return undefined;
      const size = imm8 * 4;
      const wb = ((w >>> 21) & 1) === 1;
      if (name === 'VLDM_IA') return { lo: base, size, align: 4, newBase: wb ? (base + size) >>> 0 : undefined };
      return { lo: (base - size) >>> 0, size, align: 4, newBase: (base - size) >>> 0 };
    }
    case 'VLD1_VST1_multi': {
      const regs = VLD1_REGS[(w >>> 8) & 15] ?? 0;
      const d = (((w >>> 22) & 1) << 4) | ((w >>> 12) & 15);
      if (regs === 0 || d + regs > 32) return undefined;
      const a = (w >>> 4) & 3;
      const rm = w & 15;
      const size = regs * 8;
      const newBase = rm === 15 ? undefined : (base + (rm === 13 ? size : index)) >>> 0;
      return { lo: base, size, align: a === 0 ? 1 : 4 << a, newBase };
    }
    default: return undefined;
  }
}

// ---------------------------------------------------------------- random extension-register values

/** Single-precision patterns at the edges of A2.7 (zeros, infinities, NaNs, denormals, extremes). */
const F32_EDGES = [
  0x00000000, 0x80000000, 0x7f800000, 0xff800000, 0x7fc00000, 0xffc00000, 0x7f800001, 0x7fa5a5a5,
  0xffbfffff, 0x00000001, 0x807fffff, 0x00400000, 0x00800000, 0x7f7fffff, 0xff7fffff, 0x3f800000,
  0xbf800000, 0x3f000000, 0x4b000000, 0x4f000000, 0xcf000000, 0x5f000000, 0x477fe000, 0x33800000,
];

/** Double-precision edges as [hi, lo]. */
const F64_EDGES: readonly (readonly [number, number])[] = [
  [0, 0], [0x80000000, 0], [0x7ff00000, 0], [0xfff00000, 0], [0x7ff80000, 0], [0xfff80000, 0],
  [0x7ff00000, 1], [0x7ff40000, 0x12345678], [0x00000000, 1], [0x800fffff, 0xffffffff], [0x00100000, 0],
  [0x7fefffff, 0xffffffff], [0x3ff00000, 0], [0xbff00000, 0], [0x41e00000, 0], [0xc1e00000, 0],
  [0x43300000, 0], [0x3fe00000, 0], [0x36a00000, 0], [0x47efffff, 0xe0000000],
];

function randomF32(rng: Prng): number {
  switch (rng.below(6)) {
    case 0: case 1: return rng.pick(F32_EDGES);
    case 2: return ((rng.bits(1) << 31) | rng.bits(23)) >>> 0; // denormal or zero
    case 3: return ((rng.bits(1) << 31) | ((120 + rng.below(16)) << 23) | rng.bits(23)) >>> 0; // near 1.0
    default: return rng.u32();
  }
}

/** Random D0-D31 (each a double, two singles or raw bits) and FPSCR with Len = Stride = 0. */
export function randomFpState(rng: Prng): FpState {
  const d = new Uint32Array(64);
  for (let i = 0; i < 32; i++) {
    const k = rng.below(5);
    if (k === 0) {
      const [hi, lo] = rng.pick(F64_EDGES);
      d[2 * i] = lo;
      d[2 * i + 1] = hi;
    } else if (k === 1) {
      d[2 * i] = rng.u32();
      d[2 * i + 1] = ((rng.bits(1) << 31) | ((1016 + rng.below(16)) << 20) | rng.bits(20)) >>> 0;
    } else if (k <= 3) {
      d[2 * i] = randomF32(rng);
      d[2 * i + 1] = randomF32(rng);
    } else {
      d[2 * i] = rng.u32();
      d[2 * i + 1] = rng.u32();
    }
  }
  // NZCV, QC, AHP, DN, FZ, RMode and the cumulative flags IDC, IXC..IOC (A2.7.3, B6.1.6); Len/Stride 0.
  const fpscr = (rng.u32() & 0xffc0009f) >>> 0;
  return { d, fpscr };
}

/** A32 FP/SIMD word as its T32 encoding (A6.3.18 / A7.4 / A7.7): the inverse of decode/t32's bridge. */
export function a32FpToT32(w: number): number {
  if (w >>> 28 !== 0xf) return ((w & 0x0fffffff) | 0xe0000000) >>> 0;
  if (((w >>> 25) & 7) === 1) return (0xef000000 | (((w >>> 24) & 1) << 28) | (w & 0x00ffffff)) >>> 0;
  return (0xf9000000 | (w & 0x00ffffff)) >>> 0;
}

// Advanced SIMD single-precision arithmetic (A7.4.1, A7.4.3, A7.4.4, A7.4.5 float forms): add/sub/mul,
// VMLA/VMLS/VFMA/VFMS, VABD/VABS/VNEG, max/min, pairwise forms, compares, VRECPE/VRSQRTE/VRECPS/VRSQRTS,
// VCVT (integer, fixed point, half precision). Always the Standard FPSCR value (A2.7.4); flags accumulate.

import type { Cpu } from '../cpu/cpu';
import type { InstrDef } from '../decode/instr';
import { fpRegs } from './regs';
import { commitFpExc } from './common';
import {
  FPSCR_AHP, STANDARD_FPSCR, fixedToFp, fpAdd, fpCompare, fpConvert, fpDiv, fpMul, fpMulAdd, fpToFixed,
} from './softfloat';
import { M_SLOT, N_SLOT, SNAP, bit, evenRegs, fD, fM, fN, guard, q6, qr, rq, snap } from './neon-util';
import { scalarIndex, scalarReg, scalarText } from './neon-long';

const STD = STANDARD_FPSCR;
const IOC = 1;
const DZC = 2;
const UFC = 8;
const IDC = 0x80;
const DEFAULT_NAN = 0x7fc00000;

const orFlags = (cpu: Cpu, x: number): void => { cpu.sys.fpscr = (cpu.sys.fpscr | x) >>> 0; };
const isNaN32 = (v: number): boolean => (v & 0x7f800000) === 0x7f800000 && (v & 0x7fffff) !== 0;
const isSNaN32 = (v: number): boolean => isNaN32(v) && (v & 0x400000) === 0;

/** FPUnpack's flush-to-zero of a denormal input under the Standard FPSCR (IDC), A2.7.9. */
function flush(cpu: Cpu, v: number): number {
  if ((v & 0x7f800000) === 0 && (v & 0x7fffff) !== 0) { orFlags(cpu, IDC); return (v & 0x80000000) >>> 0; }
  return v;
}

const F32 = new Float32Array(1);
const U32 = new Uint32Array(F32.buffer);
const toNum = (v: number): number => { U32[0] = v; return F32[0]; };

const add = (a: number, b: number): number => Number(fpAdd(BigInt(a), BigInt(b), 32, STD));
const sub = (a: number, b: number): number => Number(fpAdd(BigInt(a), BigInt(b), 32, STD, true));
const mul = (a: number, b: number): number => Number(fpMul(BigInt(a), BigInt(b), 32, STD));
const cmp = (a: number, b: number, signal: boolean): number => fpCompare(BigInt(a), BigInt(b), 32, signal, STD);

/** FPMax/FPMin (A2.7.9): NaN → default NaN (IOC for a signaling one); equal zeros combine their signs. */
function maxMin(cpu: Cpu, x: number, y: number, max: boolean): number {
  const a = flush(cpu, x);
  const b = flush(cpu, y);
  if (isNaN32(a) || isNaN32(b)) {
    if (isSNaN32(a) || isSNaN32(b)) orFlags(cpu, IOC);
    return DEFAULT_NAN;
  }
  const fa = toNum(a);
  const fb = toNum(b);
  if (fa === fb) return max ? (a & b) >>> 0 : (a | b) >>> 0; // only zeros differ in bits when equal
  return (fa > fb) === max ? a : b;
}

// ---------------------------------------------------------------- reciprocal estimates (A2.7.9? "Reciprocal estimate and step")

/** RecipEstimate on q = the top 9 bits of a value in [0.5, 1) (256..511): s/256, returned as s (256..511). */
function recipS(q: number): number {
  // s = Int(256 * 512/(q + 0.5) + 0.5) = floor((2^19 + (2q+1)) / (2(2q+1))), exact in integers
  const t = 2 * q + 1;
  return Math.floor((524288 + t) / (2 * t));
}

/** RecipSqrtEstimate: q0 in 128..255 for a in [0.25, 0.5) (units of 1/512), or q1 for [0.5, 1) (units 1/256). */
function rsqrtS(q: number, low: boolean): number {
  const a = low ? (q + 0.5) / 512 : (q + 0.5) / 256;
  return Math.floor(256 / Math.sqrt(a) + 0.5);
}

/** UnsignedRecipEstimate (VRECPE.U32). */
function urecpe(v: number): number {
  if ((v >>> 31) === 0) return 0xffffffff;
  return (recipS(v >>> 23) << 23) >>> 0;
}

/** UnsignedRSqrtEstimate (VRSQRTE.U32). */
function ursqrte(v: number): number {
  if ((v >>> 30) === 0) return 0xffffffff;
  const s = (v >>> 31) ? rsqrtS(v >>> 24, false) : rsqrtS(v >>> 23, true);
  return (s << 23) >>> 0;
}

/** FPRecipEstimate (f32, Standard FPSCR). */
function frecpe(cpu: Cpu, x: number): number {
  const v = flush(cpu, x);
  const sign = (v & 0x80000000) >>> 0;
  const exp = (v >>> 23) & 0xff;
  if (isNaN32(v)) { if (isSNaN32(v)) orFlags(cpu, IOC); return DEFAULT_NAN; }
  if (exp === 0xff) return sign; // infinity → zero
  if (exp === 0) { orFlags(cpu, DZC); return (sign | 0x7f800000) >>> 0; }
  if (exp >= 253) { orFlags(cpu, UFC); return sign; } // |x| >= 2^126: the result would be denormal, flushed
  const s = recipS(256 + ((v >>> 15) & 0xff));
  return (sign | ((253 - exp) << 23) | ((s - 256) << 15)) >>> 0;
}

/** FPRSqrtEstimate (f32, Standard FPSCR). */
function frsqrte(cpu: Cpu, x: number): number {
  const v = flush(cpu, x);
  const exp = (v >>> 23) & 0xff;
  if (isNaN32(v)) { if (isSNaN32(v)) orFlags(cpu, IOC); return DEFAULT_NAN; }
  if (exp === 0) { orFlags(cpu, DZC); return ((v & 0x80000000) | 0x7f800000) >>> 0; }
  if (v >>> 31) { orFlags(cpu, IOC); return DEFAULT_NAN; }
  if (exp === 0xff) return 0;
  const q = 128 + ((v >>> 16) & 0x7f);
  const s = exp & 1 ? rsqrtS(q, true) : rsqrtS(q, false);
  return ((((380 - exp) >>> 1) << 23) | ((s - 256) << 15)) >>> 0;
}

const isInf = (v: number): boolean => (v & 0x7fffffff) === 0x7f800000;
const isZeroOrDenormal = (v: number): boolean => (v & 0x7f800000) === 0;

/** FPRecipStep: 2 - a*b, with inf * 0 giving 2 (denormals count as zero). VRSQRTS: (3 - a*b) / 2, 1.5. */
function step(cpu: Cpu, a: number, b: number, rsqrt: boolean): number {
  if (!isNaN32(a) && !isNaN32(b) && ((isInf(a) && isZeroOrDenormal(b)) || (isInf(b) && isZeroOrDenormal(a)))) {
    if ((a & 0x7fffffff) !== 0 && (b & 0x7fffffff) !== 0) orFlags(cpu, IDC);
    return rsqrt ? 0x3fc00000 : 0x40000000;
  }
  const p = mul(a, b);
  // FPHalvedSub(3, p): rounding 3 - p and then halving (as QEMU 7.2 does) is the same single rounding,
  // because the halving is exact whenever the result is not flushed to zero.
  return rsqrt ? Number(fpDiv(BigInt(sub(0x40400000, p)), 0x40000000n, 32, STD)) : sub(0x40000000, p);
}

// ---------------------------------------------------------------- three registers

const enum F { ADD, SUB, PADD, ABD, MLA, MLS, MUL, FMA, FMS, CEQ, CGE, CGT, ACGE, ACGT, MAX, MIN, PMAX, PMIN, RECPS, RSQRTS }

const ONES = 0xffffffff;

function f3(cpu: Cpu, op: F, a: number, b: number, x: number): number {
  switch (op) {
    case F.ADD: return add(a, b);
    case F.SUB: return sub(a, b);
    case F.ABD: return (sub(a, b) & 0x7fffffff) >>> 0;
    case F.MLA: return add(x, mul(a, b));
    case F.MLS: return sub(x, mul(a, b));
    case F.MUL: return mul(a, b);
    case F.FMA: return Number(fpMulAdd(BigInt(x), BigInt(a), BigInt(b), 32, STD));
    case F.FMS: return Number(fpMulAdd(BigInt(x), BigInt((a ^ 0x80000000) >>> 0), BigInt(b), 32, STD));
    case F.CEQ: return cmp(a, b, false) === 0b0110 ? ONES : 0;
    case F.CGE: { const c = cmp(a, b, true); return c === 0b0110 || c === 0b0010 ? ONES : 0; }
    case F.CGT: return cmp(a, b, true) === 0b0010 ? ONES : 0;
    case F.ACGE: { const c = cmp(a & 0x7fffffff, b & 0x7fffffff, true); return c === 0b0110 || c === 0b0010 ? ONES : 0; }
    case F.ACGT: return cmp(a & 0x7fffffff, b & 0x7fffffff, true) === 0b0010 ? ONES : 0;
    case F.MAX: case F.PMAX: return maxMin(cpu, a, b, true);
    case F.MIN: case F.PMIN: return maxMin(cpu, a, b, false);
    case F.RECPS: return step(cpu, a, b, false);
    case F.RSQRTS: return step(cpu, a, b, true);
    default: return add(a, b); // PADD
  }
}

function exec3(cpu: Cpu, insn: number, op: F): void {
  const q = q6(insn);
  const d = fD(insn);
  const n = fN(insn);
  const m = fM(insn);
  if (!guard(cpu, q && !evenRegs(d, n, m))) return;
  const f = fpRegs(cpu);
  const regs = q ? 2 : 1;
  snap(f, n, N_SLOT, regs);
  snap(f, m, M_SLOT, regs);
  const w = f.w;
  if (op === F.PADD || op === F.PMAX || op === F.PMIN) {
    w[d * 2] = f3(cpu, op, SNAP.w[N_SLOT * 2], SNAP.w[N_SLOT * 2 + 1], 0) >>> 0;
    w[d * 2 + 1] = f3(cpu, op, SNAP.w[M_SLOT * 2], SNAP.w[M_SLOT * 2 + 1], 0) >>> 0;
  } else {
    for (let i = 0; i < regs * 2; i++) {
      w[d * 2 + i] = f3(cpu, op, SNAP.w[N_SLOT * 2 + i], SNAP.w[M_SLOT * 2 + i], w[d * 2 + i]) >>> 0;
    }
  }
  commitFpExc(cpu);
}

const MN3 = ['vadd', 'vsub', 'vpadd', 'vabd', 'vmla', 'vmls', 'vmul', 'vfma', 'vfms', 'vceq', 'vcge', 'vcgt', 'vacge',
  'vacgt', 'vmax', 'vmin', 'vpmax', 'vpmin', 'vrecps', 'vrsqrts'];

function float3(name: string, u: number, a: string, b: number, o: number, op: F, dOnly = false): InstrDef {
  return {
    name, pattern: `1111 001${u} 0D${o}0 nnnn dddd ${a} NQM${b} mmmm`,
    match: dOnly ? (insn) => !q6(insn) : undefined,
    random: (insn) => !q6(insn) || evenRegs(fD(insn), fN(insn), fM(insn)),
    exec: (cpu, insn) => exec3(cpu, insn, op),
    dis(insn) {
      const q = q6(insn);
      return `${MN3[op]}.f32\t${rq(q, fD(insn))}, ${rq(q, fN(insn))}, ${rq(q, fM(insn))}`;
    },
  };
}

// ---------------------------------------------------------------- by scalar (A8.8.338, A8.8.352)

function scalarExec(cpu: Cpu, insn: number, op: F): void {
  const q = bit(insn, 24) === 1;
  const d = fD(insn);
  const n = fN(insn);
  if (!guard(cpu, q && !evenRegs(d, n))) return;
  const f = fpRegs(cpu);
  const regs = q ? 2 : 1;
  snap(f, n, N_SLOT, regs);
  const s = f.w[scalarReg(insn) * 2 + scalarIndex(insn)];
  for (let i = 0; i < regs * 2; i++) f.w[d * 2 + i] = f3(cpu, op, SNAP.w[N_SLOT * 2 + i], s, f.w[d * 2 + i]) >>> 0;
  commitFpExc(cpu);
}

function floatScalar(name: string, a: string, op: F): InstrDef {
  return {
    name, pattern: `1111 001Q 1D10 nnnn dddd ${a} N1M0 mmmm`,
    random: (insn) => !bit(insn, 24) || evenRegs(fD(insn), fN(insn)),
    exec: (cpu, insn) => scalarExec(cpu, insn, op),
    dis(insn) {
      const q = bit(insn, 24) === 1;
      return `${MN3[op]}.f32\t${rq(q, fD(insn))}, ${rq(q, fN(insn))}, ${scalarText(insn)}`;
    },
  };
}

// ---------------------------------------------------------------- two registers (A7.4.5, size = 10)

const enum U1 { CGT0, CGE0, CEQ0, CLE0, CLT0, ABS, NEG, RECPE, RSQRTE, URECPE, URSQRTE, TOF_S, TOF_U, TOI_S, TOI_U }

function f1(cpu: Cpu, op: U1, v: number): number {
  switch (op) {
    case U1.CGT0: return cmp(v, 0, true) === 0b0010 ? ONES : 0;
    case U1.CGE0: { const c = cmp(v, 0, true); return c === 0b0110 || c === 0b0010 ? ONES : 0; }
    case U1.CEQ0: return cmp(v, 0, false) === 0b0110 ? ONES : 0;
    case U1.CLE0: { const c = cmp(0, v, true); return c === 0b0110 || c === 0b0010 ? ONES : 0; }
    case U1.CLT0: return cmp(0, v, true) === 0b0010 ? ONES : 0;
    case U1.ABS: return v & 0x7fffffff;
    case U1.NEG: return v ^ 0x80000000;
    case U1.RECPE: return frecpe(cpu, v);
    case U1.RSQRTE: return frsqrte(cpu, v);
    case U1.URECPE: return urecpe(v);
    case U1.URSQRTE: return ursqrte(v);
    case U1.TOF_S: return Number(fixedToFp(v, 32, 0, false, 32, STD));
    case U1.TOF_U: return Number(fixedToFp(v, 32, 0, true, 32, STD));
    case U1.TOI_S: return fpToFixed(BigInt(v), 32, 32, 0, false, true, STD);
    default: return fpToFixed(BigInt(v), 32, 32, 0, true, true, STD);
  }
}

function exec1(cpu: Cpu, insn: number, op: U1): void {
  const q = q6(insn);
  const d = fD(insn);
  const m = fM(insn);
  if (!guard(cpu, q && !evenRegs(d, m))) return;
  const w = fpRegs(cpu).w;
  for (let i = 0; i < (q ? 4 : 2); i++) w[d * 2 + i] = f1(cpu, op, w[m * 2 + i]) >>> 0;
  commitFpExc(cpu);
}

function float1(name: string, a: string, b4: string, op: U1, text: string, suffix = ''): InstrDef {
  return {
    name, pattern: `1111 0011 1D11 10${a} dddd 0${b4.slice(0, 3)} ${b4[3]}QM0 mmmm`,
    random: (insn) => !q6(insn) || evenRegs(fD(insn), fM(insn)),
    exec: (cpu, insn) => exec1(cpu, insn, op),
    dis(insn) {
      const q = q6(insn);
      return `${text}\t${rq(q, fD(insn))}, ${rq(q, fM(insn))}${suffix}`;
    },
  };
}

// ---------------------------------------------------------------- VCVT fixed point and half precision

/** VCVT<c>.<Td>.<Tm> <Qd>, <Qm>, #<fbits> (A8.8.306): imm6 = 1xxxxx, fbits = 64 - imm6; bit 8 = to fixed. */
function cvtFixedExec(cpu: Cpu, insn: number): void {
  const q = q6(insn);
  const d = fD(insn);
  const m = fM(insn);
  if (!guard(cpu, q && !evenRegs(d, m))) return;
  const w = fpRegs(cpu).w;
  const fbits = 64 - ((insn >>> 16) & 63);
  const unsigned = bit(insn, 24) === 1;
  const toFixed = bit(insn, 8) === 1;
  for (let i = 0; i < (q ? 4 : 2); i++) {
    const v = w[m * 2 + i];
    w[d * 2 + i] = (toFixed ? fpToFixed(BigInt(v), 32, 32, fbits, unsigned, true, STD)
      : Number(fixedToFp(v, 32, fbits, unsigned, 32, STD))) >>> 0;
  }
  commitFpExc(cpu);
}

/** VCVT<c>.F16.F32 <Dd>, <Qm> / VCVT<c>.F32.F16 <Qd>, <Dm> (A8.8.309): the Standard FPSCR keeps AHP. */
function cvtHalfExec(cpu: Cpu, insn: number): void {
  const toSingle = bit(insn, 8) === 1;
  const d = fD(insn);
  const m = fM(insn);
  if (!guard(cpu, toSingle ? (d & 1) !== 0 : (m & 1) !== 0)) return;
  const f = fpRegs(cpu);
  const fpscr = STD | (cpu.sys.fpscr & FPSCR_AHP);
  if (toSingle) {
    snap(f, m, M_SLOT, 1);
    for (let i = 0; i < 4; i++) {
      const h = SNAP.b[M_SLOT * 8 + 2 * i] | (SNAP.b[M_SLOT * 8 + 2 * i + 1] << 8);
      f.w[d * 2 + i] = Number(fpConvert(BigInt(h), 16, 32, fpscr)) >>> 0;
    }
  } else {
    snap(f, m, M_SLOT, 2);
    let lo = 0;
    let hi = 0;
    for (let i = 0; i < 4; i++) {
      const h = Number(fpConvert(BigInt(SNAP.w[M_SLOT * 2 + i]), 32, 16, fpscr));
      if (i < 2) lo |= h << (16 * i); else hi |= h << (16 * (i - 2));
    }
    f.w[d * 2] = lo >>> 0;
    f.w[d * 2 + 1] = hi >>> 0;
  }
  commitFpExc(cpu);
}

export const NEON_FLOAT: readonly InstrDef[] = [
  // VADD/VSUB<c>.F32 (A8.8.283, A8.8.415), VPADD/VABD<c>.F32 (A8.8.353, A8.8.277)
  float3('NEON_vadd_f32', 0, '1101', 0, 0, F.ADD),
  float3('NEON_vsub_f32', 0, '1101', 0, 1, F.SUB),
  float3('NEON_vpadd_f32', 1, '1101', 0, 0, F.PADD, true),
  float3('NEON_vabd_f32', 1, '1101', 0, 1, F.ABD),
  // VMLA/VMLS<c>.F32 (A8.8.337, non-fused), VMUL<c>.F32 (A8.8.351), VFMA/VFMS<c>.F32 (A8.8.318)
  float3('NEON_vmla_f32', 0, '1101', 1, 0, F.MLA),
  float3('NEON_vmls_f32', 0, '1101', 1, 1, F.MLS),
  float3('NEON_vmul_f32', 1, '1101', 1, 0, F.MUL),
  float3('NEON_vfma_f32', 0, '1100', 1, 0, F.FMA),
  float3('NEON_vfms_f32', 0, '1100', 1, 1, F.FMS),
  // VCEQ/VCGE/VCGT<c>.F32 (register), VACGE/VACGT<c>.F32 (A8.8.290-A8.8.294, A8.8.279)
  float3('NEON_vceq_f32', 0, '1110', 0, 0, F.CEQ),
  float3('NEON_vcge_f32', 1, '1110', 0, 0, F.CGE),
  float3('NEON_vcgt_f32', 1, '1110', 0, 1, F.CGT),
  float3('NEON_vacge_f32', 1, '1110', 1, 0, F.ACGE),
  float3('NEON_vacgt_f32', 1, '1110', 1, 1, F.ACGT),
  // VMAX/VMIN/VPMAX/VPMIN<c>.F32 (A8.8.335, A8.8.358)
  float3('NEON_vmax_f32', 0, '1111', 0, 0, F.MAX),
  float3('NEON_vmin_f32', 0, '1111', 0, 1, F.MIN),
  float3('NEON_vpmax_f32', 1, '1111', 0, 0, F.PMAX, true),
  float3('NEON_vpmin_f32', 1, '1111', 0, 1, F.PMIN, true),
  // VRECPS/VRSQRTS<c>.F32 (A8.8.371, A8.8.379)
  float3('NEON_vrecps', 0, '1111', 1, 0, F.RECPS),
  float3('NEON_vrsqrts', 0, '1111', 1, 1, F.RSQRTS),
  // VMLA/VMLS/VMUL<c>.F32 <Qd>, <Qn>, <Dm[x]> (by scalar)
  floatScalar('NEON_vmla_f32_scalar', '0001', F.MLA),
  floatScalar('NEON_vmls_f32_scalar', '0101', F.MLS),
  floatScalar('NEON_vmul_f32_scalar', '1001', F.MUL),
  // VCGT/VCGE/VCEQ/VCLE/VCLT<c>.F32 <Qd>, <Qm>, #0; VABS/VNEG<c>.F32 (A8.8.291-A8.8.297, A8.8.280, A8.8.355)
  float1('NEON_vcgt0_f32', '01', '1000', U1.CGT0, 'vcgt.f32', ', #0'),
  float1('NEON_vcge0_f32', '01', '1001', U1.CGE0, 'vcge.f32', ', #0'),
  float1('NEON_vceq0_f32', '01', '1010', U1.CEQ0, 'vceq.f32', ', #0'),
  float1('NEON_vcle0_f32', '01', '1011', U1.CLE0, 'vcle.f32', ', #0'),
  float1('NEON_vclt0_f32', '01', '1100', U1.CLT0, 'vclt.f32', ', #0'),
  float1('NEON_vabs_f32', '01', '1110', U1.ABS, 'vabs.f32'),
  float1('NEON_vneg_f32', '01', '1111', U1.NEG, 'vneg.f32'),
  // VRECPE/VRSQRTE<c>.<U32|F32> <Qd>, <Qm> (A8.8.370, A8.8.378)
  float1('NEON_vrecpe_u32', '11', '1000', U1.URECPE, 'vrecpe.u32'),
  float1('NEON_vrsqrte_u32', '11', '1001', U1.URSQRTE, 'vrsqrte.u32'),
  float1('NEON_vrecpe_f32', '11', '1010', U1.RECPE, 'vrecpe.f32'),
  float1('NEON_vrsqrte_f32', '11', '1011', U1.RSQRTE, 'vrsqrte.f32'),
  // VCVT<c>.<Td>.<Tm> <Qd>, <Qm> between F32 and S32/U32 (A8.8.305): float→int rounds toward zero
  float1('NEON_vcvt_f32_s32', '11', '1100', U1.TOF_S, 'vcvt.f32.s32'),
  float1('NEON_vcvt_f32_u32', '11', '1101', U1.TOF_U, 'vcvt.f32.u32'),
  float1('NEON_vcvt_s32_f32', '11', '1110', U1.TOI_S, 'vcvt.s32.f32'),
  float1('NEON_vcvt_u32_f32', '11', '1111', U1.TOI_U, 'vcvt.u32.f32'),
  {
    // VCVT<c>.<Td>.<Tm> <Qd>, <Qm>, #<fbits> (fixed point, A8.8.306); imm6<5> = 0 is UNDEFINED
    name: 'NEON_vcvt_fixed', pattern: '1111 001U 1D1i iiii dddd 111o 0QM1 mmmm',
    random: (insn) => !q6(insn) || evenRegs(fD(insn), fM(insn)),
    exec: cvtFixedExec,
    dis(insn) {
      const u = bit(insn, 24) ? 'u32' : 's32';
      const types = bit(insn, 8) ? `${u}.f32` : `f32.${u}`;
      const q = q6(insn);
      return `vcvt.${types}\t${rq(q, fD(insn))}, ${rq(q, fM(insn))}, #${64 - ((insn >>> 16) & 63)}`;
    },
  },
  {
    // VCVT<c>.F16.F32 <Dd>, <Qm> (op = 0) / VCVT<c>.F32.F16 <Qd>, <Dm> (op = 1) (A8.8.309)
    name: 'NEON_vcvt_f16', pattern: '1111 0011 1D11 0110 dddd 011o 00M0 mmmm',
    random: (insn) => (bit(insn, 8) ? fD(insn) & 1 : fM(insn) & 1) === 0,
    exec: cvtHalfExec,
    dis: (insn) => (bit(insn, 8) ? `vcvt.f32.f16\t${qr(fD(insn))}, d${fM(insn)}` : `vcvt.f16.f32\td${fD(insn)}, ${qr(fM(insn))}`),
  },
];

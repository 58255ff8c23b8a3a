// Advanced SIMD integer "three registers of the same length" (A7.4.1) beyond VADD/VSUB/VMUL/bitwise:
// halving/saturating add and subtract, compares, shifts by register, max/min, absolute difference,
// VTST/VCEQ, VMLA/VMLS, pairwise ops and VQ(R)DMULH. Semantics A8.8 (one handler per encoding).

import type { Cpu } from '../cpu/cpu';
import type { InstrDef } from '../decode/instr';
import { fpRegs, type FpRegs } from './regs';
import {
  M_SLOT, N_SLOT, SNAP, evenRegs, fD, fM, fN, get64, getE, guard, put, put64, q6, rq, sat, sat64, snap, su, sz20,
} from './neon-util';

const enum Op {
  VHADD, VQADD, VRHADD, VHSUB, VQSUB, VCGT, VCGE, VSHL, VQSHL, VRSHL, VQRSHL, VMAX, VMIN, VABD, VABA,
  VTST, VCEQ, VMLA, VMLS, VPMAX, VPMIN, VQDMULH, VQRDMULH, VPADD,
}

/** v * 2^s for integer s (negative: floor division, the pseudocode's arithmetic shift right). */
function shl(v: number, s: number): number {
  return s >= 0 ? v * 2 ** s : Math.floor(v / 2 ** -s);
}
function shl64(v: bigint, s: number): bigint {
  return s >= 0 ? v << BigInt(s) : v >> BigInt(-s);
}

/** The per-element shift-by-register family (A8.8.380 VSHL, A8.8.313 VQSHL, A8.8.372 VRSHL, A8.8.316 VQRSHL). */
function shiftElem(cpu: Cpu, op: Op, v: number, shift: number, esize: number, unsigned: boolean): number {
  const round = op === Op.VRSHL || op === Op.VQRSHL;
  const r = round && shift < 0 ? shl(v + 2 ** (-shift - 1), shift) : shl(v, shift);
  if (op === Op.VQSHL || op === Op.VQRSHL) return sat(cpu, r, esize, unsigned);
  return r;
}

/** One element of a non-pairwise operation on esize <= 32 (a = Vn element, b = Vm element, x = old Vd). */
function elem(cpu: Cpu, op: Op, a: number, b: number, x: number, esize: number, u: boolean): number {
  const ones = 2 ** esize - 1;
  switch (op) {
    case Op.VHADD: return Math.floor((a + b) / 2);
    case Op.VQADD: return sat(cpu, a + b, esize, u);
    case Op.VRHADD: return Math.floor((a + b + 1) / 2);
    case Op.VHSUB: return Math.floor((a - b) / 2);
    case Op.VQSUB: return sat(cpu, a - b, esize, u);
    case Op.VCGT: return a > b ? ones : 0;
    case Op.VCGE: return a >= b ? ones : 0;
    case Op.VSHL: case Op.VQSHL: case Op.VRSHL: case Op.VQRSHL:
      // The shift is the signed bottom byte of the Vn element; the value is the Vm element.
      return shiftElem(cpu, op, b, (a << 24) >> 24, esize, u);
    case Op.VMAX: return a > b ? a : b;
    case Op.VMIN: return a < b ? a : b;
    case Op.VABD: return Math.abs(a - b);
    case Op.VABA: return x + Math.abs(a - b);
    case Op.VTST: return (a & b) !== 0 ? ones : 0;
    case Op.VCEQ: return a === b ? ones : 0;
    case Op.VMLA: return x + Math.imul(a, b);
    case Op.VMLS: return x - Math.imul(a, b);
    case Op.VQDMULH: case Op.VQRDMULH: {
      const rnd = op === Op.VQRDMULH ? 2 ** (esize - 1) : 0;
      if (esize === 16) return sat(cpu, Math.floor((2 * a * b + rnd) / 65536), 16, false);
      const p = 2n * BigInt(a) * BigInt(b) + BigInt(rnd);
      return sat(cpu, Number(p >> 32n), 32, false);
    }
    default: return 0;
  }
}

/** 64-bit element operations: VQADD, VQSUB and the shifts (the only ones with size = 11). */
function elem64(cpu: Cpu, op: Op, a: bigint, b: bigint, u: boolean): bigint {
  switch (op) {
    case Op.VQADD: return sat64(cpu, a + b, u);
    case Op.VQSUB: return sat64(cpu, a - b, u);
    default: {
      const shift = Number(BigInt.asIntN(8, a));
      const round = op === Op.VRSHL || op === Op.VQRSHL;
      const r = round && shift < 0 ? shl64(b + (1n << BigInt(-shift - 1)), shift) : shl64(b, shift);
      if (op === Op.VQSHL || op === Op.VQRSHL) return sat64(cpu, r, u);
      return r;
    }
  }
}

function pairwise(op: Op, a: number, b: number): number {
  if (op === Op.VPADD) return a + b;
  if (op === Op.VPMAX) return a > b ? a : b;
  return a < b ? a : b;
}

function exec3(cpu: Cpu, insn: number, op: Op): void {
  const q = q6(insn);
  const d = fD(insn);
  const n = fN(insn);
  const m = fM(insn);
  if (!guard(cpu, q && !evenRegs(d, n, m))) return;
  const f: FpRegs = fpRegs(cpu);
  const regs = q ? 2 : 1;
  snap(f, n, N_SLOT, regs);
  snap(f, m, M_SLOT, regs);
  const size = sz20(insn);
  const u = (((insn >>> 24) & 1) === 1 && op !== Op.VTST && op !== Op.VCEQ && op !== Op.VMLA && op !== Op.VMLS &&
    op !== Op.VQDMULH && op !== Op.VQRDMULH && op !== Op.VPADD);
  if (size === 3) {
    for (let i = 0; i < regs; i++) put64(f, d, i, elem64(cpu, op, get64(SNAP, N_SLOT, i, u), get64(SNAP, M_SLOT, i, u), u));
    return;
  }
  const esize = 8 << size;
  const count = (regs * 64) / esize;
  if (op === Op.VPADD || op === Op.VPMAX || op === Op.VPMIN) {
    const h = count >>> 1; // D only: pairs of Vn give the low half, pairs of Vm the high half (A8.8.355)
    for (let i = 0; i < h; i++) {
      put(f, d, esize, i, pairwise(op, getE(SNAP, N_SLOT, esize, 2 * i, u), getE(SNAP, N_SLOT, esize, 2 * i + 1, u)));
      put(f, d, esize, h + i, pairwise(op, getE(SNAP, M_SLOT, esize, 2 * i, u), getE(SNAP, M_SLOT, esize, 2 * i + 1, u)));
    }
    return;
  }
  const accum = op === Op.VABA || op === Op.VMLA || op === Op.VMLS;
  for (let i = 0; i < count; i++) {
    const x = accum ? getE(f, d, esize, i, true) : 0;
    put(f, d, esize, i, elem(cpu, op, getE(SNAP, N_SLOT, esize, i, u), getE(SNAP, M_SLOT, esize, i, u), x, esize, u));
  }
}

type Dt = 'su' | 'i' | 'n' | 's';

/** Text of a three-register form; shifts by register print Vd, Vm, Vn (A8.8.380 syntax). */
function dis3(mn: string, dt: Dt, insn: number, swap: boolean): string {
  const q = q6(insn);
  const esize = 8 << sz20(insn);
  const t = dt === 'su' ? `${su(((insn >>> 24) & 1) === 1)}${esize}` : dt === 'i' ? `i${esize}` : dt === 's' ? `s${esize}` : `${esize}`;
  const a = swap ? fM(insn) : fN(insn);
  const b = swap ? fN(insn) : fM(insn);
  return `${mn}.${t}\t${rq(q, fD(insn))}, ${rq(q, a)}, ${rq(q, b)}`;
}

/** Veto for random streams: odd Q registers UNDEF (covered by the guard) and would end a block. */
const qVeto = (insn: number): boolean => !q6(insn) || evenRegs(fD(insn), fN(insn), fM(insn));

interface Spec { name: string; a: number; b: number; u?: number; op: Op; mn: string; dt: Dt; no64?: boolean; dOnly?: boolean;
  no8?: boolean; swap?: boolean }

function make(s: Spec): InstrDef {
  const uBit = s.u === undefined ? 'U' : String(s.u);
  const pattern = `1111 001${uBit} 0Dzz nnnn dddd ${s.a.toString(2).padStart(4, '0')} NQM${s.b} mmmm`;
  return {
    name: s.name,
    pattern,
    match: (insn) => {
      const size = sz20(insn);
      if (s.no64 !== false && size === 3) return false;
      if (s.no8 && size === 0) return false;
      return !(s.dOnly && q6(insn));
    },
    random: qVeto,
    exec: (cpu, insn) => exec3(cpu, insn, s.op),
    dis: (insn) => dis3(s.mn, s.dt, insn, s.swap === true),
  };
}

export const NEON_INT3: readonly InstrDef[] = [
  // VHADD/VHSUB/VRHADD<c>.<dt> <Qd>, <Qn>, <Qm> (A8.8.316, A8.8.365)
  make({ name: 'NEON_vhadd', a: 0, b: 0, op: Op.VHADD, mn: 'vhadd', dt: 'su' }),
  make({ name: 'NEON_vrhadd', a: 1, b: 0, op: Op.VRHADD, mn: 'vrhadd', dt: 'su' }),
  make({ name: 'NEON_vhsub', a: 2, b: 0, op: Op.VHSUB, mn: 'vhsub', dt: 'su' }),
  // VQADD/VQSUB<c>.<dt> <Qd>, <Qn>, <Qm> (A8.8.357, A8.8.369): 64-bit elements allowed
  make({ name: 'NEON_vqadd', a: 0, b: 1, op: Op.VQADD, mn: 'vqadd', dt: 'su', no64: false }),
  make({ name: 'NEON_vqsub', a: 2, b: 1, op: Op.VQSUB, mn: 'vqsub', dt: 'su', no64: false }),
  // VCGT/VCGE<c>.<dt> <Qd>, <Qn>, <Qm> (register, A8.8.293, A8.8.291)
  make({ name: 'NEON_vcgt', a: 3, b: 0, op: Op.VCGT, mn: 'vcgt', dt: 'su' }),
  make({ name: 'NEON_vcge', a: 3, b: 1, op: Op.VCGE, mn: 'vcge', dt: 'su' }),
  // VSHL/VQSHL/VRSHL/VQRSHL<c>.<dt> <Qd>, <Qm>, <Qn> (by register; A8.8.380, A8.8.363, A8.8.373, A8.8.361)
  make({ name: 'NEON_vshl_reg', a: 4, b: 0, op: Op.VSHL, mn: 'vshl', dt: 'su', no64: false, swap: true }),
  make({ name: 'NEON_vqshl_reg', a: 4, b: 1, op: Op.VQSHL, mn: 'vqshl', dt: 'su', no64: false, swap: true }),
  make({ name: 'NEON_vrshl', a: 5, b: 0, op: Op.VRSHL, mn: 'vrshl', dt: 'su', no64: false, swap: true }),
  make({ name: 'NEON_vqrshl', a: 5, b: 1, op: Op.VQRSHL, mn: 'vqrshl', dt: 'su', no64: false, swap: true }),
  // VMAX/VMIN<c>.<dt> (integer, A8.8.334)
  make({ name: 'NEON_vmax', a: 6, b: 0, op: Op.VMAX, mn: 'vmax', dt: 'su' }),
  make({ name: 'NEON_vmin', a: 6, b: 1, op: Op.VMIN, mn: 'vmin', dt: 'su' }),
  // VABD/VABA<c>.<dt> (A8.8.277, A8.8.275)
  make({ name: 'NEON_vabd', a: 7, b: 0, op: Op.VABD, mn: 'vabd', dt: 'su' }),
  make({ name: 'NEON_vaba', a: 7, b: 1, op: Op.VABA, mn: 'vaba', dt: 'su' }),
  // VTST<c>.<size> / VCEQ<c>.I<size> (A8.8.424, A8.8.289)
  make({ name: 'NEON_vtst', a: 8, b: 1, u: 0, op: Op.VTST, mn: 'vtst', dt: 'n' }),
  make({ name: 'NEON_vceq', a: 8, b: 1, u: 1, op: Op.VCEQ, mn: 'vceq', dt: 'i' }),
  // VMLA/VMLS<c>.I<size> (integer, A8.8.337)
  make({ name: 'NEON_vmla_i', a: 9, b: 0, u: 0, op: Op.VMLA, mn: 'vmla', dt: 'i' }),
  make({ name: 'NEON_vmls_i', a: 9, b: 0, u: 1, op: Op.VMLS, mn: 'vmls', dt: 'i' }),
  // VPMAX/VPMIN<c>.<dt> <Dd>, <Dn>, <Dm> (integer, A8.8.357); VPADD<c>.I<size> (A8.8.353)
  make({ name: 'NEON_vpmax', a: 10, b: 0, op: Op.VPMAX, mn: 'vpmax', dt: 'su', dOnly: true }),
  make({ name: 'NEON_vpmin', a: 10, b: 1, op: Op.VPMIN, mn: 'vpmin', dt: 'su', dOnly: true }),
  make({ name: 'NEON_vpadd_i', a: 11, b: 1, u: 0, op: Op.VPADD, mn: 'vpadd', dt: 'i', dOnly: true }),
  // VQDMULH/VQRDMULH<c>.S<size> (A8.8.359, A8.8.362): sizes 16 and 32 only
  make({ name: 'NEON_vqdmulh', a: 11, b: 0, u: 0, op: Op.VQDMULH, mn: 'vqdmulh', dt: 's', no8: true }),
  make({ name: 'NEON_vqrdmulh', a: 11, b: 0, u: 1, op: Op.VQRDMULH, mn: 'vqrdmulh', dt: 's', no8: true }),
];



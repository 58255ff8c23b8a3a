// Advanced SIMD "three registers of different lengths" (A7.4.2) and integer "two registers and a scalar"
// (A7.4.3): long/wide/narrow add and subtract, VABAL/VABDL, VMLAL/VMLSL, VQDMLAL/VQDMLSL, VMULL (incl.
// VMULL.P8), VQDMULL, and the by-scalar VMLA/VMLS/VMUL/VMULL/VQDMULH/VQRDMULH. Semantics A8.8.

import type { Cpu } from '../cpu/cpu';
import type { InstrDef } from '../decode/instr';
import { fpRegs, type FpRegs } from './regs';
import {
  M_SLOT, N_SLOT, SNAP, bit, evenRegs, fD, fM, fN, get64, getE, getS, guard, put, put64, qr, rq, sat, sat64, snap,
  su, sz20,
} from './neon-util';

const enum L { ADDL, ADDW, SUBL, SUBW, ADDHN, RADDHN, SUBHN, RSUBHN, ABAL, ABDL, MLAL, MLSL, QDMLAL, QDMLSL, MULL, QDMULL, PMULL }

/** PolynomialMult of two 8-bit values: 16-bit carry-less product (A2.9.3). */
function pmul8(a: number, b: number): number {
  let r = 0;
  for (let i = 0; i < 8; i++) if ((b >>> i) & 1) r ^= a << i;
  return r;
}

/** A long operation's 2*esize-bit result from a (Vn element), b (Vm element), x (old Vd element); esize <= 16. */
function longN(cpu: Cpu, op: L, a: number, b: number, x: number, esize: number): number {
  const e2 = esize * 2;
  switch (op) {
    case L.ADDL: case L.ADDW: return a + b;
    case L.SUBL: case L.SUBW: return a - b;
    case L.ABAL: return x + Math.abs(a - b);
    case L.ABDL: return Math.abs(a - b);
    case L.MLAL: return x + a * b;
    case L.MLSL: return x - a * b;
    case L.MULL: return a * b;
    case L.PMULL: return pmul8(a, b);
    case L.QDMULL: return sat(cpu, 2 * a * b, e2, false);
    case L.QDMLAL: return sat(cpu, x + sat(cpu, 2 * a * b, e2, false), e2, false);
    default: return sat(cpu, x - sat(cpu, 2 * a * b, e2, false), e2, false); // QDMLSL
  }
}

function long64(cpu: Cpu, op: L, a: bigint, b: bigint, x: bigint): bigint {
  switch (op) {
    case L.ADDL: case L.ADDW: return a + b;
    case L.SUBL: case L.SUBW: return a - b;
    case L.ABAL: return x + (a > b ? a - b : b - a);
    case L.ABDL: return a > b ? a - b : b - a;
    case L.MLAL: return x + a * b;
    case L.MLSL: return x - a * b;
    case L.MULL: return a * b;
    case L.QDMULL: return sat64(cpu, 2n * a * b, false);
    case L.QDMLAL: return sat64(cpu, x + sat64(cpu, 2n * a * b, false), false);
    default: return sat64(cpu, x - sat64(cpu, 2n * a * b, false), false);
  }
}

/** Signed ops among the saturating doubling ones ignore U (it is 0 in their encodings anyway). */
const accumulates = (op: L): boolean => op === L.ABAL || op === L.MLAL || op === L.MLSL || op === L.QDMLAL || op === L.QDMLSL;

/**
 * Shared loop of long operations: Vd (Q) element i from Vn element i (D, or Q for the wide forms) and the
 * second operand: Vm element i, or the scalar `scalarIdx` of Vm when >= 0.
 */
function longLoop(cpu: Cpu, f: FpRegs, op: L, d: number, esize: number, u: boolean, wide: boolean, scalarIdx: number): void {
  const count = 64 / esize;
  if (esize === 32) {
    const sb = scalarIdx >= 0 ? BigInt(getE(SNAP, M_SLOT, 32, scalarIdx, u)) : 0n;
    for (let i = 0; i < count; i++) {
      const a = wide ? get64(SNAP, N_SLOT, i, u) : BigInt(getE(SNAP, N_SLOT, 32, i, u));
      const b = scalarIdx >= 0 ? sb : BigInt(getE(SNAP, M_SLOT, 32, i, u));
      const signedX = op === L.QDMLAL || op === L.QDMLSL;
      const x = accumulates(op) ? get64(f, d, i, !signedX) : 0n;
      put64(f, d, i, long64(cpu, op, a, b, x));
    }
    return;
  }
  const sv = scalarIdx >= 0 ? getE(SNAP, M_SLOT, esize, scalarIdx, u) : 0;
  const sx = op === L.QDMLAL || op === L.QDMLSL;
  for (let i = 0; i < count; i++) {
    const a = wide ? getE(SNAP, N_SLOT, esize * 2, i, u) : getE(SNAP, N_SLOT, esize, i, u);
    const b = scalarIdx >= 0 ? sv : getE(SNAP, M_SLOT, esize, i, u);
    const x = accumulates(op) ? getE(f, d, esize * 2, i, !sx) : 0;
    put(f, d, esize * 2, i, longN(cpu, op, a, b, x, esize));
  }
}

function longExec(cpu: Cpu, insn: number, op: L): void {
  const d = fD(insn);
  const n = fN(insn);
  const m = fM(insn);
  const wide = op === L.ADDW || op === L.SUBW;
  if (!guard(cpu, (d & 1) !== 0 || (wide && (n & 1) !== 0))) return;
  const f = fpRegs(cpu);
  snap(f, n, N_SLOT, wide ? 2 : 1);
  snap(f, m, M_SLOT, 1);
  // Polynomial operands are bit strings (unsigned); the doubling forms are signed whatever U says.
  const u = op === L.PMULL || (bit(insn, 24) === 1 && op !== L.QDMLAL && op !== L.QDMLSL && op !== L.QDMULL);
  longLoop(cpu, f, op, d, 8 << sz20(insn), u, wide, -1);
}

/** VADDHN/VRADDHN/VSUBHN/VRSUBHN (A8.8.283, A8.8.367, A8.8.417, A8.8.372): high halves of Qn +/- Qm. */
function hnExec(cpu: Cpu, insn: number, sub: boolean): void {
  const d = fD(insn);
  const n = fN(insn);
  const m = fM(insn);
  if (!guard(cpu, ((n | m) & 1) !== 0)) return;
  const f = fpRegs(cpu);
  snap(f, n, N_SLOT, 2);
  snap(f, m, M_SLOT, 2);
  const esize = 8 << sz20(insn);
  const round = bit(insn, 24) === 1;
  for (let i = 0; i < 64 / esize; i++) {
    if (esize === 32) {
      const a = get64(SNAP, N_SLOT, i, true);
      const b = get64(SNAP, M_SLOT, i, true);
      const r = (sub ? a - b : a + b) + (round ? 1n << 31n : 0n);
      put(f, d, 32, i, Number(BigInt.asUintN(32, r >> 32n)));
    } else {
      const a = getE(SNAP, N_SLOT, esize * 2, i, true);
      const b = getE(SNAP, M_SLOT, esize * 2, i, true);
      const r = (sub ? a - b : a + b) + (round ? 2 ** (esize - 1) : 0);
      put(f, d, esize, i, Math.floor(r / 2 ** esize));
    }
  }
}

const NAMES: Record<number, string> = {
  [L.ADDL]: 'vaddl', [L.ADDW]: 'vaddw', [L.SUBL]: 'vsubl', [L.SUBW]: 'vsubw', [L.ABAL]: 'vabal', [L.ABDL]: 'vabdl',
  [L.MLAL]: 'vmlal', [L.MLSL]: 'vmlsl', [L.QDMLAL]: 'vqdmlal', [L.QDMLSL]: 'vqdmlsl', [L.MULL]: 'vmull',
  [L.QDMULL]: 'vqdmull', [L.PMULL]: 'vmull',
};

function longDis(insn: number, op: L): string {
  const esize = 8 << sz20(insn);
  const dt = op === L.PMULL ? 'p8' : op === L.QDMLAL || op === L.QDMLSL || op === L.QDMULL ? `s${esize}` : `${su(bit(insn, 24))}${esize}`;
  const wide = op === L.ADDW || op === L.SUBW;
  return `${NAMES[op]}.${dt}\t${qr(fD(insn))}, ${wide ? qr(fN(insn)) : `d${fN(insn)}`}, d${fM(insn)}`;
}

function long(name: string, u: string, a: string, op: L, ok?: (insn: number) => boolean): InstrDef {
  const wide = op === L.ADDW || op === L.SUBW;
  return {
    name, pattern: `1111 001${u} 1Dzz nnnn dddd ${a} N0M0 mmmm`,
    match: (insn) => sz20(insn) !== 3 && (ok === undefined || ok(insn)),
    random: (insn) => (fD(insn) & 1) === 0 && (!wide || (fN(insn) & 1) === 0),
    exec: (cpu, insn) => longExec(cpu, insn, op),
    dis: (insn) => longDis(insn, op),
  };
}

function hn(name: string, a: string, sub: boolean): InstrDef {
  return {
    name, pattern: `1111 001U 1Dzz nnnn dddd ${a} N0M0 mmmm`,
    match: (insn) => sz20(insn) !== 3,
    random: (insn) => ((fN(insn) | fM(insn)) & 1) === 0,
    exec: (cpu, insn) => hnExec(cpu, insn, sub),
    dis: (insn) => `v${bit(insn, 24) ? 'r' : ''}${sub ? 'sub' : 'add'}hn.i${16 << sz20(insn)}\td${fD(insn)}, ${qr(fN(insn))}, ${qr(fM(insn))}`,
  };
}

// ---------------------------------------------------------------- by scalar (A7.4.3)

/** Scalar operand: esize 16 → Dm = Vm<2:0>, index M:Vm<3>; esize 32 → Dm = Vm, index M. */
export function scalarReg(insn: number): number { return sz20(insn) === 1 ? insn & 7 : insn & 15; }
export function scalarIndex(insn: number): number {
  return sz20(insn) === 1 ? (bit(insn, 5) << 1) | bit(insn, 3) : bit(insn, 5);
}
export const scalarText = (insn: number): string => `d${scalarReg(insn)}[${scalarIndex(insn)}]`;
const sizeOk = (insn: number): boolean => sz20(insn) === 1 || sz20(insn) === 2;

const enum S { MLA, MLS, MUL, QDMULH, QRDMULH }

/** VMLA/VMLS/VMUL (integer) and VQDMULH/VQRDMULH by scalar; bit 24 is Q (A8.8.338, A8.8.352, A8.8.360, A8.8.363). */
function scalarExec(cpu: Cpu, insn: number, op: S): void {
  const q = bit(insn, 24) === 1;
  const d = fD(insn);
  const n = fN(insn);
  if (!guard(cpu, q && !evenRegs(d, n))) return;
  const f = fpRegs(cpu);
  const regs = q ? 2 : 1;
  snap(f, n, N_SLOT, regs);
  const esize = 8 << sz20(insn);
  const s = getS(f, scalarReg(insn), esize, scalarIndex(insn));
  const count = (regs * 64) / esize;
  for (let i = 0; i < count; i++) {
    const a = getS(SNAP, N_SLOT, esize, i);
    let r: number;
    switch (op) {
      case S.MLA: r = getS(f, d, esize, i) + Math.imul(a, s); break;
      case S.MLS: r = getS(f, d, esize, i) - Math.imul(a, s); break;
      case S.MUL: r = Math.imul(a, s); break;
      default: {
        const rnd = op === S.QRDMULH ? 2 ** (esize - 1) : 0;
        if (esize === 16) r = sat(cpu, Math.floor((2 * a * s + rnd) / 65536), 16, false);
        else r = sat(cpu, Number((2n * BigInt(a) * BigInt(s) + BigInt(rnd)) >> 32n), 32, false);
      }
    }
    put(f, d, esize, i, r);
  }
}

function scalarOp(name: string, a: string, op: S, mn: string, dt: 'i' | 's'): InstrDef {
  return {
    name, pattern: `1111 001Q 1Dzz nnnn dddd ${a} N1M0 mmmm`,
    match: sizeOk,
    random: (insn) => !bit(insn, 24) || evenRegs(fD(insn), fN(insn)),
    exec: (cpu, insn) => scalarExec(cpu, insn, op),
    dis(insn) {
      const q = bit(insn, 24) === 1;
      return `${mn}.${dt}${8 << sz20(insn)}\t${rq(q, fD(insn))}, ${rq(q, fN(insn))}, ${scalarText(insn)}`;
    },
  };
}

/** VMLAL/VMLSL/VMULL/VQDMLAL/VQDMLSL/VQDMULL by scalar (A8.8.339, A8.8.351, A8.8.359, A8.8.361). */
function longScalarExec(cpu: Cpu, insn: number, op: L): void {
  const d = fD(insn);
  if (!guard(cpu, (d & 1) !== 0)) return;
  const f = fpRegs(cpu);
  snap(f, fN(insn), N_SLOT, 1);
  snap(f, scalarReg(insn), M_SLOT, 1);
  const signedOnly = op === L.QDMLAL || op === L.QDMLSL || op === L.QDMULL;
  longLoop(cpu, f, op, d, 8 << sz20(insn), bit(insn, 24) === 1 && !signedOnly, false, scalarIndex(insn));
}

function longScalar(name: string, u: string, a: string, op: L): InstrDef {
  return {
    name, pattern: `1111 001${u} 1Dzz nnnn dddd ${a} N1M0 mmmm`,
    match: sizeOk,
    random: (insn) => (fD(insn) & 1) === 0,
    exec: (cpu, insn) => longScalarExec(cpu, insn, op),
    dis(insn) {
      const esize = 8 << sz20(insn);
      const dt = op === L.QDMLAL || op === L.QDMLSL || op === L.QDMULL ? `s${esize}` : `${su(bit(insn, 24))}${esize}`;
      return `${NAMES[op]}.${dt}\t${qr(fD(insn))}, d${fN(insn)}, ${scalarText(insn)}`;
    },
  };
}

export const NEON_LONG: readonly InstrDef[] = [
  // VADDL/VADDW/VSUBL/VSUBW<c>.<dt> <Qd>, <Dn|Qn>, <Dm> (A8.8.284, A8.8.415)
  long('NEON_vaddl', 'U', '0000', L.ADDL),
  long('NEON_vaddw', 'U', '0001', L.ADDW),
  long('NEON_vsubl', 'U', '0010', L.SUBL),
  long('NEON_vsubw', 'U', '0011', L.SUBW),
  // V{R}ADDHN / V{R}SUBHN<c>.I<size> <Dd>, <Qn>, <Qm>
  hn('NEON_vaddhn', '0100', false),
  hn('NEON_vsubhn', '0110', true),
  // VABAL/VABDL<c>.<dt> <Qd>, <Dn>, <Dm> (A8.8.275, A8.8.277)
  long('NEON_vabal', 'U', '0101', L.ABAL),
  long('NEON_vabdl', 'U', '0111', L.ABDL),
  // VMLAL/VMLSL<c>.<dt> (A8.8.337)
  long('NEON_vmlal', 'U', '1000', L.MLAL),
  long('NEON_vmlsl', 'U', '1010', L.MLSL),
  // VQDMLAL/VQDMLSL<c>.S<size> (A8.8.358): size 00 UNDEFINED
  long('NEON_vqdmlal', '0', '1001', L.QDMLAL, (i) => sz20(i) !== 0),
  long('NEON_vqdmlsl', '0', '1011', L.QDMLSL, (i) => sz20(i) !== 0),
  // VMULL<c>.<dt> (integer A8.8.351), VQDMULL<c>.S<size> (A8.8.360), VMULL<c>.P8 (polynomial, size 00 only on v7)
  long('NEON_vmull', 'U', '1100', L.MULL),
  long('NEON_vqdmull', '0', '1101', L.QDMULL, (i) => sz20(i) !== 0),
  long('NEON_vmull_p8', '0', '1110', L.PMULL, (i) => sz20(i) === 0),
  // By scalar: VMLA/VMLS/VMUL<c>.I<size>, VQDMULH/VQRDMULH<c>.S<size> <Qd>, <Qn>, <Dm[x]>
  scalarOp('NEON_vmla_scalar', '0000', S.MLA, 'vmla', 'i'),
  scalarOp('NEON_vmls_scalar', '0100', S.MLS, 'vmls', 'i'),
  scalarOp('NEON_vmul_scalar', '1000', S.MUL, 'vmul', 'i'),
  scalarOp('NEON_vqdmulh_scalar', '1100', S.QDMULH, 'vqdmulh', 's'),
  scalarOp('NEON_vqrdmulh_scalar', '1101', S.QRDMULH, 'vqrdmulh', 's'),
  // VMLAL/VMLSL/VMULL<c>.<dt> and VQDMLAL/VQDMLSL/VQDMULL<c>.S<size> <Qd>, <Dn>, <Dm[x]>
  longScalar('NEON_vmlal_scalar', 'U', '0010', L.MLAL),
  longScalar('NEON_vmlsl_scalar', 'U', '0110', L.MLSL),
  longScalar('NEON_vmull_scalar', 'U', '1010', L.MULL),
  longScalar('NEON_vqdmlal_scalar', '0', '0011', L.QDMLAL),
  longScalar('NEON_vqdmlsl_scalar', '0', '0111', L.QDMLSL),
  longScalar('NEON_vqdmull_scalar', '0', '1011', L.QDMULL),
];

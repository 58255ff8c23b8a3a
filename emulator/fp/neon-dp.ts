// Advanced SIMD integer data processing: one register and a modified immediate (VMOV/VMVN/VORR/VBIC),
// three registers of the same length (bitwise ops, VBSL/VBIT/VBIF, VADD/VSUB/VMUL integer, VMUL.P8),
// shifts by an immediate (VSHL, VSHR) and VEXT. A7.4.1, A7.4.4, A7.4.6, A8.8.
// The rest of Advanced SIMD data processing is in the other neon-*.ts files; encodings none of them
// claims (UNDEFINED size/operand forms) reach the generic SIMD_DP entry (access checks, "unknown encoding").

import type { Cpu } from '../cpu/cpu';
import type { InstrDef } from '../decode/instr';
import { fpAccessOk } from '../decode/a32/sys-vfp';
import { takeUndefined } from '../cpu/exceptions';
import { fpRegs, type FpRegs } from './regs';
import { dIdx } from './common';

const fD = (insn: number): number => dIdx((insn >>> 12) & 15, (insn >>> 22) & 1);
const fN = (insn: number): number => dIdx((insn >>> 16) & 15, (insn >>> 7) & 1);
const fM = (insn: number): number => dIdx(insn & 15, (insn >>> 5) & 1);
const isQ = (insn: number): boolean => ((insn >>> 6) & 1) === 1;

/** Q forms need even register numbers (UNDEFINED otherwise, A8.8 "if Q == '1' && (Vd<0> == '1' ...)"). */
function qOk(insn: number, useN: boolean): boolean {
  if (!isQ(insn)) return true;
  return ((fD(insn) | fM(insn) | (useN ? fN(insn) : 0)) & 1) === 0;
}

/** Register operand text: Qn for quadword forms, Dn otherwise; objdump's text for an odd Q number. */
const rq = (q: boolean, d: number): string => (q ? (d & 1 ? `<illegal reg q${d >>> 1}.5>` : `q${d >>> 1}`) : `d${d}`);

/** Checks shared by all Advanced SIMD data-processing handlers; false if an exception was taken. */
function simdGuard(cpu: Cpu, insn: number, useN: boolean): boolean {
  if (!qOk(insn, useN)) { takeUndefined(cpu); return false; }
  return fpAccessOk(cpu, true, false);
}

// ---------------------------------------------------------------- modified immediate (A7.4.6)

/** AdvSIMDExpandImm (A7.4.6) as [lo, hi] words; cmode 1111 with op = 1 never reaches here. */
const immLo = new Uint32Array(1);
const immHi = new Uint32Array(1);
function expandImm(op: number, cmode: number, imm8: number): void {
  let w = 0;
  switch (cmode >>> 1) {
    case 0: w = imm8; break;
    case 1: w = imm8 << 8; break;
    case 2: w = imm8 << 16; break;
    case 3: w = imm8 << 24; break;
    case 4: w = imm8 * 0x10001; break;
    case 5: w = (imm8 << 8) * 0x10001; break;
    case 6: w = cmode & 1 ? (imm8 << 16) | 0xffff : (imm8 << 8) | 0xff; break;
    default:
      if ((cmode & 1) === 0 && op === 0) w = imm8 * 0x01010101;
      else if ((cmode & 1) === 0) { // i64: each imm8 bit becomes a byte of ones
        let lo = 0;
        let hi = 0;
        for (let i = 0; i < 4; i++) {
          if ((imm8 >>> i) & 1) lo |= 0xff << (8 * i);
          if ((imm8 >>> (i + 4)) & 1) hi |= 0xff << (8 * i);
        }
        immLo[0] = lo; immHi[0] = hi;
        return;
      } else { // f32: a:NOT(b):bbbbb:cdefgh:0^19
        const b = (imm8 >>> 6) & 1;
        w = ((imm8 >>> 7) << 31) | ((b ^ 1) << 30) | ((b ? 0x1f : 0) << 25) | ((imm8 & 0x3f) << 19);
      }
  }
  immLo[0] = w; immHi[0] = w;
}

const imm8Of = (insn: number): number => (((insn >>> 24) & 1) << 7) | (((insn >>> 16) & 7) << 4) | (insn & 15);

/** Operation of a modified-immediate encoding: 0 VMOV, 1 VORR, 2 VMVN, 3 VBIC (A7.4.6 table A7-15). */
function immOp(op: number, cmode: number): number {
  if (cmode >= 12) return op === 0 || cmode === 14 ? 0 : 2;
  return (op << 1) | (cmode & 1);
}

/** Printed value: the expanded element before any inversion, decimal (hex for i64, %g for f32). */
function immText(op: number, cmode: number, imm8: number): string {
  expandImm(op, cmode, imm8);
  if (cmode === 14 && op === 1) {
    return `#0x${immHi[0].toString(16).padStart(8, '0')}${immLo[0].toString(16).padStart(8, '0')}`;
  }
  if (cmode === 15) return `#${vfpImmValue(imm8)}`; // shortest decimal, as objdump prints (e.g. #-0.1328125)
  if (cmode === 14) return `#${immLo[0] & 0xff}`;
  if (cmode >= 8 && cmode < 12) return `#${immLo[0] & 0xffff}`;
  return `#${immLo[0] | 0}`; // objdump prints i32 immediates signed
}

function immDt(op: number, cmode: number): string {
  if (cmode === 15) return 'f32';
  if (cmode === 14) return op ? 'i64' : 'i8';
  if (cmode >= 8 && cmode < 12) return 'i16';
  return 'i32';
}

/** The real value of an 8-bit VFP immediate: (-1)^a * 2^(NOT(b):cd as signed 3-bit + 1) * 1.efgh. */
function vfpImmValue(imm8: number): number {
  const sign = (imm8 >>> 7) & 1 ? -1 : 1;
  const e3 = ((((imm8 >>> 6) & 1) ^ 1) << 2) | ((imm8 >>> 4) & 3); // exponent - bias + 3, as 0..7
  return sign * (16 + (imm8 & 15)) / 16 * 2 ** (e3 - 3);
}

// ---------------------------------------------------------------- three registers same length

/** Element-wise integer op on doubleword `d` from `n`, `m` (esize 8/16/32/64). */
function laneOp(f: FpRegs, d: number, n: number, m: number, esize: number, kind: number): void {
  const w = f.w;
  if (esize === 64) {
    const nl = w[n * 2], nh = w[n * 2 + 1], ml = w[m * 2], mh = w[m * 2 + 1];
    if (kind === 0) { // add
      const lo = (nl + ml) >>> 0;
      w[d * 2 + 1] = (nh + mh + (lo < nl ? 1 : 0)) >>> 0;
      w[d * 2] = lo;
    } else { // sub
      const lo = (nl - ml) >>> 0;
      w[d * 2 + 1] = (nh - mh - (nl < ml ? 1 : 0)) >>> 0;
      w[d * 2] = lo;
    }
    return;
  }
  const lanes = 64 / esize;
  const mask = esize === 32 ? 0xffffffff : (1 << esize) - 1;
  for (let i = 0; i < lanes; i++) {
    const a = readLane(f, n, esize, i);
    const b = readLane(f, m, esize, i);
    let r: number;
    if (kind === 0) r = a + b;
    else if (kind === 1) r = a - b;
    else if (kind === 2) r = Math.imul(a, b);
    else r = polyMul8(a, b);
    writeLane(f, d, esize, i, (r & mask) >>> 0);
  }
}

function readLane(f: FpRegs, d: number, esize: number, i: number): number {
  if (esize === 32) return f.w[d * 2 + i];
  const off = d * 8 + i * (esize >>> 3);
  return esize === 8 ? f.b[off] : f.b[off] | (f.b[off + 1] << 8);
}

function writeLane(f: FpRegs, d: number, esize: number, i: number, v: number): void {
  if (esize === 32) { f.w[d * 2 + i] = v; return; }
  const off = d * 8 + i * (esize >>> 3);
  f.b[off] = v;
  if (esize === 16) f.b[off + 1] = v >>> 8;
}

/** PolynomialMult over GF(2), truncated to 8 bits (VMUL.P8, A2.9.3). */
function polyMul8(a: number, b: number): number {
  let r = 0;
  for (let i = 0; i < 8; i++) if ((b >>> i) & 1) r ^= a << i;
  return r & 0xff;
}

const LOGIC = [['vand', 'vbic', 'vorr', 'vorn'], ['veor', 'vbsl', 'vbit', 'vbif']];

/** Bitwise operations (A8.8.282 VAND etc.): word-wise over 1 or 2 doublewords. */
function logicExec(cpu: Cpu, insn: number): void {
  if (!simdGuard(cpu, insn, true)) return;
  const w = fpRegs(cpu).w;
  const d = fD(insn) * 2;
  const n = fN(insn) * 2;
  const m = fM(insn) * 2;
  const op = (((insn >>> 24) & 1) << 2) | ((insn >>> 20) & 3);
  const words = isQ(insn) ? 4 : 2;
  for (let i = 0; i < words; i++) {
    const a = w[n + i];
    const b = w[m + i];
    const x = w[d + i];
    let r: number;
    switch (op) {
      case 0: r = a & b; break;
      case 1: r = a & ~b; break;
      case 2: r = a | b; break;
      case 3: r = a | ~b; break;
      case 4: r = a ^ b; break;
      case 5: r = (x & a) | (~x & b); break; // VBSL: Vd selects
      case 6: r = (a & b) | (x & ~b); break; // VBIT: insert where Vm set
      default: r = (x & b) | (a & ~b); break; // VBIF: insert where Vm clear
    }
    w[d + i] = r >>> 0;
  }
}

function threeDis(mn: string, insn: number): string {
  const q = isQ(insn);
  return `${mn}\t${rq(q, fD(insn))}, ${rq(q, fN(insn))}, ${rq(q, fM(insn))}`;
}

// ---------------------------------------------------------------- shifts by immediate (A7.4.4)

/** Element size from L:imm6 (A8.8.376 VSHL): 8, 16, 32 or 64; 0 when imm6<5:3> = 000 and L = 0. */
function shiftEsize(insn: number): number {
  if ((insn >>> 7) & 1) return 64;
  const imm6 = (insn >>> 16) & 63;
  if (imm6 >= 32) return 32;
  if (imm6 >= 16) return 16;
  if (imm6 >= 8) return 8;
  return 0;
}

function shiftExec(cpu: Cpu, insn: number, left: boolean): void {
  if (!simdGuard(cpu, insn, false)) return;
  const f = fpRegs(cpu);
  const esize = shiftEsize(insn);
  const imm6 = (insn >>> 16) & 63;
  const amount = left ? imm6 - (esize === 64 ? 0 : esize) : (esize === 64 ? 64 : esize * 2) - imm6;
  const unsigned = ((insn >>> 24) & 1) === 1;
  const regs = isQ(insn) ? 2 : 1;
  const d0 = fD(insn);
  const m0 = fM(insn);
  for (let r = 0; r < regs; r++) {
    const d = d0 + r;
    const m = m0 + r;
    if (esize === 64) {
      const lo = f.w[m * 2];
      const hi = f.w[m * 2 + 1];
      let rl: number;
      let rh: number;
      if (left) {
        if (amount === 0) { rl = lo; rh = hi; } else if (amount < 32) { rh = (hi << amount) | (lo >>> (32 - amount)); rl = lo << amount; } else { rh = lo << (amount - 32); rl = 0; }
      } else {
        const fill = unsigned ? 0 : hi >> 31;
        if (amount === 64) { rh = fill; rl = fill; } else if (amount >= 32) { rl = unsigned ? hi >>> (amount - 32) : hi >> (amount - 32); rh = fill; if (amount === 32) rl = hi; } else { rl = (lo >>> amount) | (hi << (32 - amount)); rh = unsigned ? hi >>> amount : hi >> amount; }
      }
      f.w[d * 2] = rl >>> 0;
      f.w[d * 2 + 1] = rh >>> 0;
      continue;
    }
    const lanes = 64 / esize;
    const mask = esize === 32 ? 0xffffffff : (1 << esize) - 1;
    for (let i = 0; i < lanes; i++) {
      const v = readLane(f, m, esize, i);
      let res: number;
      if (left) res = amount >= 32 ? 0 : v << amount;
      else if (unsigned) res = amount >= esize ? 0 : v >>> amount;
      else {
        const s = (v << (32 - esize)) >> (32 - esize); // sign-extend the lane
        res = s >> Math.min(amount, 31);
      }
      writeLane(f, d, esize, i, (res & mask) >>> 0);
    }
  }
}

function shiftDis(insn: number, left: boolean): string {
  const esize = shiftEsize(insn);
  const imm6 = (insn >>> 16) & 63;
  const amount = left ? imm6 - (esize === 64 ? 0 : esize) : (esize === 64 ? 64 : esize * 2) - imm6;
  const q = isQ(insn);
  const sign = left || ((insn >>> 24) & 1) === 0 ? 's' : 'u';
  return `${left ? 'vshl' : 'vshr'}.${sign}${esize}\t${rq(q, fD(insn))}, ${rq(q, fM(insn))}, #${amount}`;
}

// ---------------------------------------------------------------- table

/** Scratch for VEXT (source and destination registers may overlap). */
const extBuf = new Uint8Array(32);

export const NEON_DP: readonly InstrDef[] = [
  {
    // VMOV/VORR/VMVN/VBIC<c>.<dt> <Qd|Dd>, #<imm> (A8.8.339, A8.8.366, A8.8.357, A8.8.283).
    name: 'SIMD_imm', pattern: '1111 001i 1D00 0jjj dddd cccc 0Qo1 kkkk',
    match: (insn) => !(((insn >>> 8) & 15) === 15 && ((insn >>> 5) & 1) === 1),
    exec(cpu, insn) {
      if ((insn >>> 6) & 1 && (insn >>> 12) & 1) { takeUndefined(cpu); return; }
      if (!fpAccessOk(cpu, true, false)) return;
      const w = fpRegs(cpu).w;
      const op = (insn >>> 5) & 1;
      const cmode = (insn >>> 8) & 15;
      expandImm(op, cmode, imm8Of(insn));
      const kind = immOp(op, cmode);
      const d = fD(insn) * 2;
      const words = isQ(insn) ? 4 : 2;
      for (let i = 0; i < words; i++) {
        const v = i & 1 ? immHi[0] : immLo[0];
        const x = w[d + i];
        w[d + i] = (kind === 0 ? v : kind === 1 ? x | v : kind === 2 ? ~v : x & ~v) >>> 0;
      }
    },
    dis(insn) {
      const op = (insn >>> 5) & 1;
      const cmode = (insn >>> 8) & 15;
      const mn = ['vmov', 'vorr', 'vmvn', 'vbic'][immOp(op, cmode)];
      return `${mn}.${immDt(op, cmode)}\t${rq(isQ(insn), fD(insn))}, ${immText(op, cmode, imm8Of(insn))}`;
    },
  },
  {
    // VAND/VBIC/VORR/VORN (U = 0) and VEOR/VBSL/VBIT/VBIF (U = 1) <Qd>, <Qn>, <Qm> (A8.8.282...).
    name: 'SIMD_logic', pattern: '1111 001U 0Dzz nnnn dddd 0001 NQM1 mmmm',
    exec: logicExec,
    dis: (insn) => threeDis(LOGIC[(insn >>> 24) & 1][(insn >>> 20) & 3], insn),
  },
  {
    // VADD.I<size> / VSUB.I<size> (U = 1) <Qd>, <Qn>, <Qm> (A8.8.282, A8.8.414).
    name: 'SIMD_addsub', pattern: '1111 001U 0Dzz nnnn dddd 1000 NQM0 mmmm',
    exec(cpu, insn) {
      if (!simdGuard(cpu, insn, true)) return;
      const f = fpRegs(cpu);
      const esize = 8 << ((insn >>> 20) & 3);
      const kind = (insn >>> 24) & 1;
      for (let r = 0; r < (isQ(insn) ? 2 : 1); r++) laneOp(f, fD(insn) + r, fN(insn) + r, fM(insn) + r, esize, kind);
    },
    dis: (insn) => threeDis(`${(insn >>> 24) & 1 ? 'vsub' : 'vadd'}.i${8 << ((insn >>> 20) & 3)}`, insn),
  },
  {
    // VMUL.I<size> (U = 0) / VMUL.P8 (U = 1) <Qd>, <Qn>, <Qm> (A8.8.350); size 11 and P with size != 00 UNDEFINED.
    name: 'SIMD_mul', pattern: '1111 001U 0Dzz nnnn dddd 1001 NQM1 mmmm',
    match: (insn) => ((insn >>> 20) & 3) !== 3 && !(((insn >>> 24) & 1) && ((insn >>> 20) & 3) !== 0),
    exec(cpu, insn) {
      if (!simdGuard(cpu, insn, true)) return;
      const f = fpRegs(cpu);
      const esize = 8 << ((insn >>> 20) & 3);
      const kind = (insn >>> 24) & 1 ? 3 : 2;
      for (let r = 0; r < (isQ(insn) ? 2 : 1); r++) laneOp(f, fD(insn) + r, fN(insn) + r, fM(insn) + r, esize, kind);
    },
    dis: (insn) => threeDis(`vmul.${(insn >>> 24) & 1 ? 'p' : 'i'}${8 << ((insn >>> 20) & 3)}`, insn),
  },
  {
    // VSHR.<S|U><size> <Qd>, <Qm>, #<imm> (A8.8.381): shift = 2*esize - imm6 (64 - imm6 for L = 1).
    name: 'SIMD_vshr', pattern: '1111 001U 1Dii iiii dddd 0000 LQM1 mmmm',
    match: (insn) => shiftEsize(insn) !== 0,
    exec: (cpu, insn) => shiftExec(cpu, insn, false),
    dis: (insn) => shiftDis(insn, false),
  },
  {
    // VSHL.I<size> <Qd>, <Qm>, #<imm> (A8.8.376): shift = imm6 - esize (imm6 for L = 1).
    name: 'SIMD_vshl', pattern: '1111 0010 1Dii iiii dddd 0101 LQM1 mmmm',
    match: (insn) => shiftEsize(insn) !== 0,
    exec: (cpu, insn) => shiftExec(cpu, insn, true),
    dis: (insn) => shiftDis(insn, true),
  },
  {
    // VEXT.8 <Qd>, <Qn>, <Qm>, #<imm> (A8.8.326): bytes imm.. of Vm:Vn. Q = 0 with imm4<3> = 1 UNDEFINED.
    name: 'SIMD_vext', pattern: '1111 0010 1D11 nnnn dddd iiii NQM0 mmmm',
    match: (insn) => isQ(insn) || ((insn >>> 8) & 15) < 8,
    exec(cpu, insn) {
      const imm4 = (insn >>> 8) & 15;
      if (!simdGuard(cpu, insn, true)) return;
      const b = fpRegs(cpu).b;
      const bytes = isQ(insn) ? 16 : 8;
      const n = fN(insn) * 8;
      const m = fM(insn) * 8;
      for (let i = 0; i < bytes; i++) { extBuf[i] = b[n + i]; extBuf[bytes + i] = b[m + i]; }
      const d = fD(insn) * 8;
      for (let i = 0; i < bytes; i++) b[d + i] = extBuf[imm4 + i];
    },
    dis: (insn) => `${threeDis('vext.8', insn)}, #${(insn >>> 8) & 15}`,
  },
];

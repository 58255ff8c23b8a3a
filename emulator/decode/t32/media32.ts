// 32-bit T32 media: sign/zero extend (with add), parallel add/subtract, QADD..QDSUB, REV/RBIT/SEL/CLZ.
// ARM ARM A6.3.12 (extends), A6.3.13/A6.3.15 (parallel), A6.3.14 (miscellaneous operations); A8.8.

import type { Cpu } from '../../cpu/cpu';
import type { InstrDef } from '../instr';
import { signedSat, unsignedSat, satHit } from '../a32/media-sat';
import { wr } from './alu';
import { itc, R, RD, RM, RN } from './common';
import { clz, rbit, rev, rev16, revsh } from './bits';

const ror = (v: number, r: number): number => (r === 0 ? v >>> 0 : ((v >>> r) | (v << (32 - r))) >>> 0);
const ROT = (w: number): number => ((w >>> 4) & 3) * 8;

interface Ext { readonly op: number; readonly mn: string; readonly w: boolean; readonly f: (v: number) => number; readonly dual: boolean }
const EXTS: readonly Ext[] = [
  { op: 0, mn: 'sxth', w: true, f: (v) => (v << 16) >> 16, dual: false },
  { op: 1, mn: 'uxth', w: true, f: (v) => v & 0xffff, dual: false },
  { op: 2, mn: 'sxtb16', w: false, f: (v) => (v << 24) >> 24, dual: true },
  { op: 3, mn: 'uxtb16', w: false, f: (v) => v & 0xff, dual: true },
  { op: 4, mn: 'sxtb', w: true, f: (v) => (v << 24) >> 24, dual: false },
  { op: 5, mn: 'uxtb', w: true, f: (v) => v & 0xff, dual: false },
];

/** Extend (and optionally add to Rn): the dual forms work on bytes 0 and 2 into halfwords. */
function extend(e: Ext, n: number, m: number): number {
  if (!e.dual) return (n + e.f(m)) >>> 0;
  const lo = (n + e.f(m)) & 0xffff;
  const hi = ((n >>> 16) + e.f(m >>> 16)) & 0xffff;
  return ((hi << 16) | lo) >>> 0;
}

const rotText = (w: number): string => (ROT(w) ? `, ror #${ROT(w)}` : '');

const extDefs: InstrDef[] = EXTS.flatMap((e) => [
  {
    // SXTAH/UXTAH/SXTAB16/UXTAB16/SXTAB/UXTAB<c> <Rd>, <Rn>, <Rm>{, <rotation>}   (A8.8.232 etc.)
    name: `T32_${e.mn.toUpperCase().replace('XT', 'XTA')}`,
    pattern: `11111010 0 ${e.op.toString(2).padStart(3, '0')} nnnn 1111 dddd 1 0 rr mmmm`,
    match: (w: number) => RN(w) !== 15,
    exec: (cpu: Cpu, w: number) => wr(cpu, RD(w), extend(e, cpu.r[RN(w)], ror(cpu.r[RM(w)], ROT(w)))),
    dis: (w: number, env: Parameters<InstrDef['dis']>[1]) =>
      `${e.mn.replace('xt', 'xta')}${itc(env)}\t${R(RD(w))}, ${R(RN(w))}, ${R(RM(w))}${rotText(w)}`,
  },
  {
    // SXTH/UXTH/SXTB16/UXTB16/SXTB/UXTB<c>{.W} <Rd>, <Rm>{, <rotation>}   (A8.8.236 etc.)
    name: `T32_${e.mn.toUpperCase()}`,
    pattern: `11111010 0 ${e.op.toString(2).padStart(3, '0')} 1111 1111 dddd 1 0 rr mmmm`,
    exec: (cpu: Cpu, w: number) => wr(cpu, RD(w), extend(e, 0, ror(cpu.r[RM(w)], ROT(w)))),
    dis: (w: number, env: Parameters<InstrDef['dis']>[1]) =>
      `${e.mn}${itc(env)}${e.w ? '.w' : ''}\t${R(RD(w))}, ${R(RM(w))}${rotText(w)}`,
  },
]);

// ---------------------------------------------------------------- parallel add/subtract

/** Operations by hw1[6:4] (A6.3.13): lanes 2 (halfwords) or 4 (bytes); lo/hi add(+1)/sub(-1); cross. */
interface Par { readonly op: number; readonly name: string; readonly lanes: 2 | 4; readonly lo: number; readonly hi: number; readonly cross: boolean }
const PAR: readonly Par[] = [
  { op: 1, name: 'add16', lanes: 2, lo: 1, hi: 1, cross: false },
  { op: 2, name: 'asx', lanes: 2, lo: -1, hi: 1, cross: true },
  { op: 6, name: 'sax', lanes: 2, lo: 1, hi: -1, cross: true },
  { op: 5, name: 'sub16', lanes: 2, lo: -1, hi: -1, cross: false },
  { op: 0, name: 'add8', lanes: 4, lo: 1, hi: 1, cross: false },
  { op: 4, name: 'sub8', lanes: 4, lo: -1, hi: -1, cross: false },
];
/** Prefix by hw2[6:4]: 000 S, 001 Q, 010 SH, 100 U, 101 UQ, 110 UH. */
const KINDS = [0, 1, 2, 4, 5, 6];
const PREFIX = ['s', 'q', 'sh', '', 'u', 'uq', 'uh'];

function lane(kind: number, x: number, y: number, sign: number, width: number): number {
  const mask = width === 16 ? 0xffff : 0xff;
  const signed = kind < 4;
  const a = signed ? (width === 16 ? (x << 16) >> 16 : (x << 24) >> 24) : x & mask;
  const b = signed ? (width === 16 ? (y << 16) >> 16 : (y << 24) >> 24) : y & mask;
  const r = sign > 0 ? a + b : a - b;
  switch (kind) {
    case 0: laneGe = r >= 0 ? 1 : 0; return r & mask;
    case 4: laneGe = (sign > 0 ? r > mask : r >= 0) ? 1 : 0; return r & mask;
    case 1: return signedSat(r, width) & mask;
    case 5: return unsignedSat(r, width) & mask;
    default: return (r >> 1) & mask;
  }
}
let laneGe = 0;

function parallel(cpu: Cpu, p: Par, kind: number, n: number, m: number): number {
  if (p.lanes === 2) {
    const mLo = p.cross ? m >>> 16 : m & 0xffff;
    const mHi = p.cross ? m & 0xffff : m >>> 16;
    const lo = lane(kind, n & 0xffff, mLo, p.lo, 16);
    const g0 = laneGe;
    const hi = lane(kind, n >>> 16, mHi, p.hi, 16);
    if ((kind & 3) === 0) cpu.ge = (g0 ? 3 : 0) | (laneGe ? 12 : 0);
    return ((hi << 16) | lo) >>> 0;
  }
  let res = 0;
  let ge = 0;
  for (let k = 0; k < 4; k++) {
    res |= lane(kind, n >>> (8 * k), m >>> (8 * k), p.lo, 8) << (8 * k);
    ge |= laneGe << k;
  }
  if ((kind & 3) === 0) cpu.ge = ge;
  return res >>> 0;
}

const parDefs: InstrDef[] = PAR.flatMap((p) => KINDS.map((kind) => ({
  // <prefix><op><c> <Rd>, <Rn>, <Rm>   (A8.8.143 SADD16 ... A8.8.243 UHSUB8)
  name: `T32_${(PREFIX[kind] + p.name).toUpperCase()}`,
  pattern: `11111010 1 ${p.op.toString(2).padStart(3, '0')} nnnn 1111 dddd 0 ${kind.toString(2).padStart(3, '0')} mmmm`,
  exec: (cpu: Cpu, w: number) => wr(cpu, RD(w), parallel(cpu, p, kind, cpu.r[RN(w)], cpu.r[RM(w)])),
  dis: (w: number, env: Parameters<InstrDef['dis']>[1]) => `${PREFIX[kind]}${p.name}${itc(env)}\t${R(RD(w))}, ${R(RN(w))}, ${R(RM(w))}`,
})));

// ---------------------------------------------------------------- miscellaneous operations

function qop(cpu: Cpu, w: number, sub: boolean, dbl: boolean): void {
  let b = cpu.r[RN(w)] | 0;
  if (dbl) {
    b = signedSat(b * 2, 32);
    if (satHit) cpu.q = 1;
  }
  const a = cpu.r[RM(w)] | 0;
  const v = signedSat(sub ? a - b : a + b, 32);
  if (satHit) cpu.q = 1;
  wr(cpu, RD(w), v >>> 0);
}

const QOPS: readonly [string, number, boolean, boolean][] = [
  ['qadd', 0, false, false], ['qdadd', 1, false, true], ['qsub', 2, true, false], ['qdsub', 3, true, true],
];

const ONE: readonly [string, number, number, (v: number) => number, boolean][] = [
  ['rev', 1, 0, rev, true], ['rev16', 1, 1, rev16, true], ['rbit', 1, 2, rbit, false], ['revsh', 1, 3, revsh, true],
  ['clz', 3, 0, clz, false],
];

const misc: InstrDef[] = [
  ...QOPS.map(([mn, op2, sub, dbl]): InstrDef => ({
    // QADD/QDADD/QSUB/QDSUB<c> <Rd>, <Rm>, <Rn>   (A8.8.134 etc.)
    name: `T32_${mn.toUpperCase()}`,
    pattern: `11111010 1 000 nnnn 1111 dddd 10 ${op2.toString(2).padStart(2, '0')} mmmm`,
    exec: (cpu, w) => qop(cpu, w, sub, dbl),
    dis: (w, env) => `${mn}${itc(env)}\t${R(RD(w))}, ${R(RM(w))}, ${R(RN(w))}`,
  })),
  ...ONE.map(([mn, op1, op2, f, dotw]): InstrDef => ({
    // REV/REV16/RBIT/REVSH/CLZ<c> <Rd>, <Rm>   (Rm is encoded twice; A8.8.33, A8.8.144-147)
    name: `T32_${mn.toUpperCase()}`,
    pattern: `11111010 10 ${op1.toString(2).padStart(2, '0')} nnnn 1111 dddd 10 ${op2.toString(2).padStart(2, '0')} mmmm`,
    exec: (cpu, w) => wr(cpu, RD(w), f(cpu.r[RM(w)]) >>> 0),
    dis: (w, env) => `${mn}${itc(env)}${dotw ? '.w' : ''}\t${R(RD(w))}, ${R(RN(w))}`,
  })),
  {
    // SEL<c> <Rd>, <Rn>, <Rm>   (A8.8.157 T1): bytes chosen by APSR.GE
    name: 'T32_SEL', pattern: '11111010 1 010 nnnn 1111 dddd 1000 mmmm',
    exec: (cpu, w) => {
      const n = cpu.r[RN(w)];
      const m = cpu.r[RM(w)];
      let v = 0;
      for (let k = 0; k < 4; k++) v |= (((cpu.ge >>> k) & 1 ? n : m) & (0xff << (8 * k)));
      wr(cpu, RD(w), v >>> 0);
    },
    dis: (w, env) => `sel${itc(env)}\t${R(RD(w))}, ${R(RN(w))}, ${R(RM(w))}`,
  },
];

export const T32_MEDIA: readonly InstrDef[] = [...extDefs, ...parDefs, ...misc];

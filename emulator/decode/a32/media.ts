// A32 media and miscellaneous: QADD..QDSUB (A5.2.6), CLZ (A5.2.12), packing/unpacking/saturation/
// reversal (A5.4.3), SEL, USAD8/USADA8, bit-field BFC/BFI/SBFX/UBFX (A5.4), parallel add/sub (media-parallel.ts).

import type { Cpu } from '../../cpu/cpu';
import type { InstrDef } from '../instr';
import { condStr, reg } from './common';
import { writeRdOrBranch } from './dp-alu';
import { A32_PARALLEL } from './media-parallel';
import { satHit, signedSat, unsignedSat } from './media-sat';
import { takeUndefined } from '../../cpu/exceptions';

const R16 = (i: number): number => (i >>> 16) & 15;
const R12 = (i: number): number => (i >>> 12) & 15;
const R8 = (i: number): number => (i >>> 8) & 15;
const R0 = (i: number): number => i & 15;
const c = condStr;

const noPc = (...fields: ((i: number) => number)[]) => (i: number): boolean => fields.every((f) => f(i) !== 15);
const rn15 = (i: number): boolean => R16(i) !== 15;

// ---------------------------------------------------------------- saturating add/subtract (A5.2.6)

/** Q<op><c> <Rd>, <Rm>, <Rn>: sat(Rm +/- [sat(2*Rn)]), Q set if any saturation (A8.8.120 etc.). */
function qdef(name: string, op: number, doubling: boolean, sub: boolean): InstrDef {
  return {
    name: name.toUpperCase(),
    pattern: `cccc 0001 0${op >> 1}${op & 1}0 nnnn dddd 0000 0101 mmmm`,
    exec: (cpu, i) => {
      let n = cpu.r[R16(i)] | 0;
      let q = 0;
      if (doubling) { n = signedSat(2 * n, 32); q = satHit; }
      const m = cpu.r[R0(i)] | 0;
      const r = signedSat(sub ? m - n : m + n, 32);
      if (q | satHit) cpu.q = 1;
      writeRdOrBranch(cpu, R12(i), r >>> 0);
    },
    dis: (i) => `${name}${c(i)}\t${reg(R12(i))}, ${reg(R0(i))}, ${reg(R16(i))}`,
    random: noPc(R16, R12, R0),
  };
}

// ---------------------------------------------------------------- reversal and CLZ

const rev = (x: number): number => ((x << 24) | ((x & 0xff00) << 8) | ((x >>> 8) & 0xff00) | (x >>> 24)) >>> 0;
function rbit(x: number): number {
  x = ((x >>> 1) & 0x55555555) | ((x & 0x55555555) << 1);
  x = ((x >>> 2) & 0x33333333) | ((x & 0x33333333) << 2);
  x = ((x >>> 4) & 0x0f0f0f0f) | ((x & 0x0f0f0f0f) << 4);
  return rev(x >>> 0);
}

/** <name><c> <Rd>, <Rm> with a one-operand function (CLZ, REV, REV16, RBIT, REVSH). */
function unary(name: string, pattern: string, f: (x: number) => number): InstrDef {
  return {
    name: name.toUpperCase(),
    pattern,
    exec: (cpu, i) => writeRdOrBranch(cpu, R12(i), f(cpu.r[R0(i)])),
    dis: (i) => `${name}${c(i)}\t${reg(R12(i))}, ${reg(R0(i))}`,
    random: noPc(R12, R0),
  };
}

const REVERSAL: InstrDef[] = [
  // CLZ<c> <Rd>, <Rm>   (A8.8.33)
  unary('clz', 'cccc 0001 0110 1111 dddd 1111 0001 mmmm', (x) => Math.clz32(x)),
  // REV<c> <Rd>, <Rm>   (A8.8.145): byte-reverse word
  unary('rev', 'cccc 0110 1011 1111 dddd 1111 0011 mmmm', rev),
  // REV16<c> <Rd>, <Rm>   (A8.8.146): byte-reverse each halfword
  unary('rev16', 'cccc 0110 1011 1111 dddd 1111 1011 mmmm',
    (x) => (((x & 0x00ff00ff) << 8) | ((x >>> 8) & 0x00ff00ff)) >>> 0),
  // RBIT<c> <Rd>, <Rm>   (A8.8.144)
  unary('rbit', 'cccc 0110 1111 1111 dddd 1111 0011 mmmm', rbit),
  // REVSH<c> <Rd>, <Rm>   (A8.8.147): swap the low bytes, sign-extend
  unary('revsh', 'cccc 0110 1111 1111 dddd 1111 1011 mmmm',
    (x) => ((((x & 0xff) << 24) >> 16) | ((x >>> 8) & 0xff)) >>> 0),
];

// ---------------------------------------------------------------- saturate (A8.8.161, .162, .253, .254)

/** Shifted operand of SSAT/USAT: sh=0 LSL #imm5, sh=1 ASR #imm5 (0 means 32), as a signed integer. */
function satOperand(cpu: Cpu, i: number): number {
  const x = cpu.r[R0(i)];
  const imm5 = (i >>> 7) & 31;
  if ((i >>> 6) & 1) return imm5 === 0 ? x >> 31 : x >> imm5;
  return x << imm5; // | 0: SInt of the 32-bit shifted value
}
function satShiftText(i: number): string {
  const imm5 = (i >>> 7) & 31;
  // objdump prints the raw field for ASR (so ASR #32 shows as "asr #0").
  if ((i >>> 6) & 1) return `, asr #${imm5}`;
  return imm5 ? `, lsl #${imm5}` : '';
}

const SATURATE: InstrDef[] = [
  {
    // SSAT<c> <Rd>, #<imm>, <Rn>{, <shift>}   (A8.8.161): saturate_to = sat_imm + 1
    name: 'SSAT',
    pattern: 'cccc 0110 101s ssss dddd iiii ih01 nnnn',
    exec: (cpu, i) => {
      const r = signedSat(satOperand(cpu, i), ((i >>> 16) & 31) + 1);
      if (satHit) cpu.q = 1;
      writeRdOrBranch(cpu, R12(i), r >>> 0);
    },
    dis: (i) => `ssat${c(i)}\t${reg(R12(i))}, #${((i >>> 16) & 31) + 1}, ${reg(R0(i))}${satShiftText(i)}`,
    random: noPc(R12, R0),
  },
  {
    // USAT<c> <Rd>, #<imm>, <Rn>{, <shift>}   (A8.8.253): saturate_to = sat_imm (0..31)
    name: 'USAT',
    pattern: 'cccc 0110 111s ssss dddd iiii ih01 nnnn',
    exec: (cpu, i) => {
      const r = unsignedSat(satOperand(cpu, i), (i >>> 16) & 31);
      if (satHit) cpu.q = 1;
      writeRdOrBranch(cpu, R12(i), r >>> 0);
    },
    dis: (i) => `usat${c(i)}\t${reg(R12(i))}, #${(i >>> 16) & 31}, ${reg(R0(i))}${satShiftText(i)}`,
    random: noPc(R12, R0),
  },
  {
    // SSAT16<c> <Rd>, #<imm>, <Rn>   (A8.8.162): each halfword to sat_imm + 1 bits
    name: 'SSAT16',
    pattern: 'cccc 0110 1010 ssss dddd 1111 0011 nnnn',
    exec: (cpu, i) => {
      const n = ((i >>> 16) & 15) + 1;
      const x = cpu.r[R0(i)];
      const lo = signedSat((x << 16) >> 16, n);
      let q = satHit;
      const hi = signedSat(x >> 16, n);
      q |= satHit;
      if (q) cpu.q = 1;
      writeRdOrBranch(cpu, R12(i), ((hi << 16) | (lo & 0xffff)) >>> 0);
    },
    dis: (i) => `ssat16${c(i)}\t${reg(R12(i))}, #${((i >>> 16) & 15) + 1}, ${reg(R0(i))}`,
    random: noPc(R12, R0),
  },
  {
    // USAT16<c> <Rd>, #<imm>, <Rn>   (A8.8.254): each signed halfword to [0, 2^sat_imm - 1]
    name: 'USAT16',
    pattern: 'cccc 0110 1110 ssss dddd 1111 0011 nnnn',
    exec: (cpu, i) => {
      const n = (i >>> 16) & 15;
      const x = cpu.r[R0(i)];
      const lo = unsignedSat((x << 16) >> 16, n);
      let q = satHit;
      const hi = unsignedSat(x >> 16, n);
      q |= satHit;
      if (q) cpu.q = 1;
      writeRdOrBranch(cpu, R12(i), ((hi << 16) | lo) >>> 0);
    },
    dis: (i) => `usat16${c(i)}\t${reg(R12(i))}, #${(i >>> 16) & 15}, ${reg(R0(i))}`,
    random: noPc(R12, R0),
  },
];

// ---------------------------------------------------------------- extend (A8.8.218..223, .271..276)

/** Extension kinds by bits 22:20 (A5.4.3): S/U x B16/B/H. */
type Ext = (rotated: number, n: number) => number;
const sxtb16: Ext = (x, n) =>
  ((((n >>> 16) + ((x << 8) >> 24)) << 16) | ((n + ((x << 24) >> 24)) & 0xffff)) >>> 0;
const uxtb16: Ext = (x, n) =>
  ((((n >>> 16) + ((x >>> 16) & 0xff)) << 16) | ((n + (x & 0xff)) & 0xffff)) >>> 0;

function rotText(i: number, upper = false): string {
  const rot = (i >>> 10) & 3;
  // binutils prints "ROR #24" in capitals for UXTAB16 only (its table entry for rotate 3 spells it so).
  return rot ? `, ${upper && rot === 3 ? 'ROR' : 'ror'} #${rot * 8}` : '';
}

/**
 * <x>XTA<y><c> <Rd>, <Rn>, <Rm>{, ROR #<r>} and, with Rn == 1111, <x>XT<y><c> <Rd>, <Rm>{, ROR #<r>}.
 * `f(rotated Rm, Rn)`; for the non-accumulating form Rn reads as 0.
 */
function extend(name: string, op: number, f: Ext): InstrDef[] {
  const opBits = op.toString(2).padStart(3, '0');
  const rot = (cpu: Cpu, i: number): number => {
    const x = cpu.r[R0(i)];
    const r = ((i >>> 10) & 3) * 8;
    return r ? ((x >>> r) | (x << (32 - r))) >>> 0 : x;
  };
  return [
    {
      name: `${name.toUpperCase().replace('XT', 'XTA')}`,
      pattern: `cccc 0110 1${opBits} nnnn dddd rr00 0111 mmmm`,
      match: rn15,
      exec: (cpu, i) => writeRdOrBranch(cpu, R12(i), f(rot(cpu, i), cpu.r[R16(i)])),
      dis: (i) =>
        `${name.replace('xt', 'xta')}${c(i)}\t${reg(R12(i))}, ${reg(R16(i))}, ${reg(R0(i))}${rotText(i, name === 'uxtb16')}`,
      random: noPc(R12, R0),
    },
    {
      name: name.toUpperCase(),
      pattern: `cccc 0110 1${opBits} 1111 dddd rr00 0111 mmmm`,
      exec: (cpu, i) => writeRdOrBranch(cpu, R12(i), f(rot(cpu, i), 0)),
      dis: (i) => `${name}${c(i)}\t${reg(R12(i))}, ${reg(R0(i))}${rotText(i)}`,
      random: noPc(R12, R0),
    },
  ];
}

const EXTEND: InstrDef[] = [
  ...extend('sxtb16', 0, sxtb16),
  ...extend('sxtb', 2, (x, n) => (n + ((x << 24) >> 24)) >>> 0),
  ...extend('sxth', 3, (x, n) => (n + ((x << 16) >> 16)) >>> 0),
  ...extend('uxtb16', 4, uxtb16),
  ...extend('uxtb', 6, (x, n) => (n + (x & 0xff)) >>> 0),
  ...extend('uxth', 7, (x, n) => (n + (x & 0xffff)) >>> 0),
];

// ---------------------------------------------------------------- pack, select, sum of differences

const OTHER: InstrDef[] = [
  {
    // PKHBT<c> <Rd>, <Rn>, <Rm>{, LSL #<imm>}   (A8.8.125): Rd = (Rm LSL imm)<31:16> : Rn<15:0>
    name: 'PKHBT',
    pattern: 'cccc 0110 1000 nnnn dddd iiii i001 mmmm',
    exec: (cpu, i) => {
      const sh = (cpu.r[R0(i)] << ((i >>> 7) & 31)) >>> 0;
      writeRdOrBranch(cpu, R12(i), ((sh & 0xffff0000) | (cpu.r[R16(i)] & 0xffff)) >>> 0);
    },
    dis: (i) => {
      const imm = (i >>> 7) & 31;
      return `pkhbt${c(i)}\t${reg(R12(i))}, ${reg(R16(i))}, ${reg(R0(i))}${imm ? `, lsl #${imm}` : ''}`;
    },
    random: noPc(R16, R12, R0),
  },
  {
    // PKHTB<c> <Rd>, <Rn>, <Rm>{, ASR #<imm>}   (A8.8.125): Rd = Rn<31:16> : (Rm ASR imm)<15:0>, imm 0 = 32
    name: 'PKHTB',
    pattern: 'cccc 0110 1000 nnnn dddd iiii i101 mmmm',
    exec: (cpu, i) => {
      const imm = (i >>> 7) & 31;
      const sh = cpu.r[R0(i)] >> (imm === 0 ? 31 : imm);
      writeRdOrBranch(cpu, R12(i), ((cpu.r[R16(i)] & 0xffff0000) | (sh & 0xffff)) >>> 0);
    },
    dis: (i) => `pkhtb${c(i)}\t${reg(R12(i))}, ${reg(R16(i))}, ${reg(R0(i))}, asr #${((i >>> 7) & 31) || 32}`,
    random: noPc(R16, R12, R0),
  },
  {
    // SEL<c> <Rd>, <Rn>, <Rm>   (A8.8.159): byte k from Rn if GE[k] else from Rm
    name: 'SEL',
    pattern: 'cccc 0110 1000 nnnn dddd 1111 1011 mmmm',
    exec: (cpu, i) => {
      const ge = cpu.ge;
      const mask = ((ge & 1 ? 0xff : 0) | (ge & 2 ? 0xff00 : 0) | (ge & 4 ? 0xff0000 : 0) | (ge & 8 ? 0xff000000 : 0)) >>> 0;
      writeRdOrBranch(cpu, R12(i), ((cpu.r[R16(i)] & mask) | (cpu.r[R0(i)] & ~mask)) >>> 0);
    },
    dis: (i) => `sel${c(i)}\t${reg(R12(i))}, ${reg(R16(i))}, ${reg(R0(i))}`,
    random: noPc(R16, R12, R0),
  },
  {
    // USAD8<c> <Rd>, <Rn>, <Rm>   (A8.8.251): sum of |Rn.byte - Rm.byte|
    name: 'USAD8',
    pattern: 'cccc 0111 1000 dddd 1111 mmmm 0001 nnnn',
    exec: (cpu, i) => writeRdOrBranch(cpu, R16(i), usad8(cpu.r[R0(i)], cpu.r[R8(i)])),
    dis: (i) => `usad8${c(i)}\t${reg(R16(i))}, ${reg(R0(i))}, ${reg(R8(i))}`,
    random: noPc(R16, R8, R0),
  },
  {
    // USADA8<c> <Rd>, <Rn>, <Rm>, <Ra>   (A8.8.252): Ra + sum of absolute byte differences
    name: 'USADA8',
    pattern: 'cccc 0111 1000 dddd aaaa mmmm 0001 nnnn',
    match: (i) => R12(i) !== 15,
    exec: (cpu, i) => writeRdOrBranch(cpu, R16(i), (usad8(cpu.r[R0(i)], cpu.r[R8(i)]) + cpu.r[R12(i)]) >>> 0),
    dis: (i) => `usada8${c(i)}\t${reg(R16(i))}, ${reg(R0(i))}, ${reg(R8(i))}, ${reg(R12(i))}`,
    random: noPc(R16, R8, R0),
  },
];

function usad8(a: number, b: number): number {
  let s = 0;
  for (let k = 0; k < 32; k += 8) s += Math.abs(((a >>> k) & 0xff) - ((b >>> k) & 0xff));
  return s;
}

// ---------------------------------------------------------------- bit fields (A8.8.14, .15, .164, .246)

/** msb < lsb (BFC/BFI) or lsb + width > 32 (SBFX/UBFX) is UNPREDICTABLE; QEMU UNDEFs. */
const bfOk = (i: number): boolean => ((i >>> 16) & 31) >= ((i >>> 7) & 31);
/** "#lsb, #width", or objdump's "(invalid: lsb:msb)" when msb < lsb. */
function bfText(i: number): string {
  const lsb = (i >>> 7) & 31;
  const msb = (i >>> 16) & 31;
  return msb < lsb ? `(invalid: ${lsb}:${msb})` : `#${lsb}, #${msb - lsb + 1}`;
}
const bfxOk = (i: number): boolean => ((i >>> 7) & 31) + ((i >>> 16) & 31) + 1 <= 32;

function bfInsert(cpu: Cpu, i: number, src: number): void {
  const lsb = (i >>> 7) & 31;
  const msb = (i >>> 16) & 31;
  if (msb < lsb) { takeUndefined(cpu); return; }
  const width = msb - lsb + 1;
  const mask = (width === 32 ? 0xffffffff : ((1 << width) - 1) << lsb) >>> 0;
  const d = R12(i);
  writeRdOrBranch(cpu, d, ((cpu.r[d] & ~mask) | ((src << lsb) & mask)) >>> 0);
}

function bfExtract(cpu: Cpu, i: number, signed: boolean): void {
  const lsb = (i >>> 7) & 31;
  const width = ((i >>> 16) & 31) + 1;
  if (lsb + width > 32) { takeUndefined(cpu); return; }
  const x = cpu.r[R0(i)];
  // Move the field to the top, then shift it down arithmetically or logically.
  const top = x << (32 - lsb - width);
  writeRdOrBranch(cpu, R12(i), (signed ? top >> (32 - width) : top >>> (32 - width)) >>> 0);
}

const BITFIELD: InstrDef[] = [
  {
    // BFC<c> <Rd>, #<lsb>, #<width>   (A8.8.14)
    name: 'BFC',
    pattern: 'cccc 0111 110m mmmm dddd llll l001 1111',
    exec: (cpu, i) => bfInsert(cpu, i, 0),
    dis: (i) => `bfc${c(i)}\t${reg(R12(i))}, ${bfText(i)}`,
    random: (i) => bfOk(i) && R12(i) !== 15,
  },
  {
    // BFI<c> <Rd>, <Rn>, #<lsb>, #<width>   (A8.8.15)
    name: 'BFI',
    pattern: 'cccc 0111 110m mmmm dddd llll l001 nnnn',
    match: (i) => R0(i) !== 15,
    exec: (cpu, i) => bfInsert(cpu, i, cpu.r[R0(i)]),
    dis: (i) => `bfi${c(i)}\t${reg(R12(i))}, ${reg(R0(i))}, ${bfText(i)}`,
    random: (i) => bfOk(i) && R12(i) !== 15,
  },
  {
    // SBFX<c> <Rd>, <Rn>, #<lsb>, #<width>   (A8.8.164)
    name: 'SBFX',
    pattern: 'cccc 0111 101w wwww dddd llll l101 nnnn',
    exec: (cpu, i) => bfExtract(cpu, i, true),
    dis: (i) => `sbfx${c(i)}\t${reg(R12(i))}, ${reg(R0(i))}, #${(i >>> 7) & 31}, #${((i >>> 16) & 31) + 1}`,
    random: (i) => bfxOk(i) && noPc(R12, R0)(i),
    gen: (i) => {
      const lsb = (i >>> 7) & 31;
      const width = ((i >>> 16) & 31) + 1;
      if (lsb + width > 32 || R12(i) === 15 || R0(i) === 15) return undefined;
      return `r[${R12(i)}] = ((r[${R0(i)}] << ${32 - lsb - width}) >> ${32 - width}) >>> 0;`;
    },
  },
  {
    // UBFX<c> <Rd>, <Rn>, #<lsb>, #<width>   (A8.8.246)
    name: 'UBFX',
    pattern: 'cccc 0111 111w wwww dddd llll l101 nnnn',
    exec: (cpu, i) => bfExtract(cpu, i, false),
    dis: (i) => `ubfx${c(i)}\t${reg(R12(i))}, ${reg(R0(i))}, #${(i >>> 7) & 31}, #${((i >>> 16) & 31) + 1}`,
    random: (i) => bfxOk(i) && noPc(R12, R0)(i),
    gen: (i) => {
      const lsb = (i >>> 7) & 31;
      const width = ((i >>> 16) & 31) + 1;
      if (lsb + width > 32 || R12(i) === 15 || R0(i) === 15) return undefined;
      return `r[${R12(i)}] = ((r[${R0(i)}] << ${32 - lsb - width}) >>> ${32 - width}) >>> 0;`;
    },
  },
];

export const A32_MEDIA: readonly InstrDef[] = [
  qdef('qadd', 0, false, false),
  qdef('qsub', 1, false, true),
  qdef('qdadd', 2, true, false),
  qdef('qdsub', 3, true, true),
  ...REVERSAL,
  ...SATURATE,
  ...EXTEND,
  ...OTHER,
  ...BITFIELD,
  ...A32_PARALLEL,
];

// A32 multiplies: MUL/MLA/MLS and the 64-bit UMULL..UMAAL (A5.2.5), halfword SMLA<x><y>..SMUL<x><y>
// (A5.2.7), and the media-space SMLAD..SMMLS and SDIV/UDIV (A5.4.4). Semantics from ARM ARM A8.8.

import type { Cpu } from '../../cpu/cpu';
import type { InstrDef } from '../instr';
import { condStr, reg } from './common';
import { writeRdOrBranch } from './dp-alu';
import { add64, addSmall, rsub64, smul64, umul64, wideHi, wideLo } from './media-wide';

const RD = (i: number): number => (i >>> 16) & 15; // Rd / RdHi
const RA = (i: number): number => (i >>> 12) & 15; // Ra / RdLo
const RM = (i: number): number => (i >>> 8) & 15;
const RN = (i: number): number => i & 15;

/** Signed low / high halfwords. */
const lo16 = (x: number): number => (x << 16) >> 16;
const hi16 = (x: number): number => x >> 16;

/** Short multiplies: every register == PC is UNPREDICTABLE (A8.8.114 etc.). */
const noPc3 = (i: number): boolean => RD(i) !== 15 && RM(i) !== 15 && RN(i) !== 15;
const noPc4 = (i: number): boolean => noPc3(i) && RA(i) !== 15;
/** Long multiplies: also RdHi == RdLo is UNPREDICTABLE. */
const longOk = (i: number): boolean => noPc4(i) && RD(i) !== RA(i);

const sfx = (i: number): string => ((i >>> 20) & 1 ? 's' : '');
const ops3 = (i: number): string => `${reg(RD(i))}, ${reg(RN(i))}, ${reg(RM(i))}`;
const ops4 = (i: number): string => `${ops3(i)}, ${reg(RA(i))}`;
const opsLong = (i: number): string => `${reg(RA(i))}, ${reg(RD(i))}, ${reg(RN(i))}, ${reg(RM(i))}`;

/** Store a 64-bit result: RdLo first, then RdHi (QEMU's order, so RdHi wins when they are equal). */
function writeLong(cpu: Cpu, i: number, setflags: number): void {
  writeRdOrBranch(cpu, RA(i), wideLo);
  writeRdOrBranch(cpu, RD(i), wideHi);
  if (setflags) {
    cpu.n = wideHi >>> 31;
    cpu.z = (wideHi | wideLo) === 0 ? 1 : 0;
  }
}

/** 32-bit result with optional NZ (C, V unchanged in ARMv6+, A8.8.114). */
function writeShort(cpu: Cpu, i: number, v: number, setflags: number): void {
  writeRdOrBranch(cpu, RD(i), v);
  if (setflags) cpu.setNZ(v >>> 0);
}

/** result is an exact integer; write its low 32 bits and set Q if it does not fit (A8.8 SMLA<x><y> etc.). */
function writeSat(cpu: Cpu, d: number, result: number): void {
  const r = result | 0;
  if (r !== result) cpu.q = 1;
  writeRdOrBranch(cpu, d, r >>> 0);
}

const A5_2_5: InstrDef[] = [
  {
    // MUL{S}<c> <Rd>, <Rn>, <Rm>   (A8.8.114)
    name: 'MUL',
    pattern: 'cccc 0000 000S dddd 0000 mmmm 1001 nnnn',
    exec: (cpu, i) => writeShort(cpu, i, Math.imul(cpu.r[RN(i)], cpu.r[RM(i)]) >>> 0, (i >>> 20) & 1),
    dis: (i) => `mul${sfx(i)}${condStr(i)}\t${ops3(i)}`,
    random: noPc3,
    gen: (i) => (RD(i) === 15 || RN(i) === 15 || RM(i) === 15 ? undefined :
      `{ const res = Math.imul(r[${RN(i)}], r[${RM(i)}]) >>> 0; r[${RD(i)}] = res;${(i >>> 20) & 1 ? ' cpu.n = res >>> 31; cpu.z = res === 0 ? 1 : 0;' : ''} }`),
  },
  {
    // MLA{S}<c> <Rd>, <Rn>, <Rm>, <Ra>   (A8.8.100)
    name: 'MLA',
    pattern: 'cccc 0000 001S dddd aaaa mmmm 1001 nnnn',
    exec: (cpu, i) =>
      writeShort(cpu, i, (Math.imul(cpu.r[RN(i)], cpu.r[RM(i)]) + cpu.r[RA(i)]) >>> 0, (i >>> 20) & 1),
    dis: (i) => `mla${sfx(i)}${condStr(i)}\t${ops4(i)}`,
    random: noPc4,
    gen: (i) => (RD(i) === 15 || RN(i) === 15 || RM(i) === 15 || RA(i) === 15 ? undefined :
      `{ const res = (Math.imul(r[${RN(i)}], r[${RM(i)}]) + r[${RA(i)}]) >>> 0; r[${RD(i)}] = res;${(i >>> 20) & 1 ? ' cpu.n = res >>> 31; cpu.z = res === 0 ? 1 : 0;' : ''} }`),
  },
  {
    // UMAAL<c> <RdLo>, <RdHi>, <Rn>, <Rm>   (A8.8.255): Rn*Rm + RdLo + RdHi, never overflows 64 bits
    name: 'UMAAL',
    pattern: 'cccc 0000 0100 hhhh llll mmmm 1001 nnnn',
    exec: (cpu, i) => {
      const lo = cpu.r[RA(i)];
      const hi = cpu.r[RD(i)];
      umul64(cpu.r[RN(i)], cpu.r[RM(i)]);
      add64(0, lo);
      add64(0, hi);
      writeLong(cpu, i, 0);
    },
    dis: (i) => `umaal${condStr(i)}\t${opsLong(i)}`,
    random: longOk,
  },
  {
    // MLS<c> <Rd>, <Rn>, <Rm>, <Ra>   (A8.8.101): Ra - Rn*Rm
    name: 'MLS',
    pattern: 'cccc 0000 0110 dddd aaaa mmmm 1001 nnnn',
    exec: (cpu, i) => writeShort(cpu, i, (cpu.r[RA(i)] - Math.imul(cpu.r[RN(i)], cpu.r[RM(i)])) >>> 0, 0),
    dis: (i) => `mls${condStr(i)}\t${ops4(i)}`,
    random: noPc4,
  },
  {
    // UMULL{S}<c> <RdLo>, <RdHi>, <Rn>, <Rm>   (A8.8.257)
    name: 'UMULL',
    pattern: 'cccc 0000 100S hhhh llll mmmm 1001 nnnn',
    exec: (cpu, i) => {
      umul64(cpu.r[RN(i)], cpu.r[RM(i)]);
      writeLong(cpu, i, (i >>> 20) & 1);
    },
    dis: (i) => `umull${sfx(i)}${condStr(i)}\t${opsLong(i)}`,
    random: longOk,
  },
  {
    // UMLAL{S}<c> <RdLo>, <RdHi>, <Rn>, <Rm>   (A8.8.256)
    name: 'UMLAL',
    pattern: 'cccc 0000 101S hhhh llll mmmm 1001 nnnn',
    exec: (cpu, i) => {
      const lo = cpu.r[RA(i)];
      const hi = cpu.r[RD(i)];
      umul64(cpu.r[RN(i)], cpu.r[RM(i)]);
      add64(hi, lo);
      writeLong(cpu, i, (i >>> 20) & 1);
    },
    dis: (i) => `umlal${sfx(i)}${condStr(i)}\t${opsLong(i)}`,
    random: longOk,
  },
  {
    // SMULL{S}<c> <RdLo>, <RdHi>, <Rn>, <Rm>   (A8.8.189)
    name: 'SMULL',
    pattern: 'cccc 0000 110S hhhh llll mmmm 1001 nnnn',
    exec: (cpu, i) => {
      smul64(cpu.r[RN(i)], cpu.r[RM(i)]);
      writeLong(cpu, i, (i >>> 20) & 1);
    },
    dis: (i) => `smull${sfx(i)}${condStr(i)}\t${opsLong(i)}`,
    random: longOk,
  },
  {
    // SMLAL{S}<c> <RdLo>, <RdHi>, <Rn>, <Rm>   (A8.8.178)
    name: 'SMLAL',
    pattern: 'cccc 0000 111S hhhh llll mmmm 1001 nnnn',
    exec: (cpu, i) => {
      const lo = cpu.r[RA(i)];
      const hi = cpu.r[RD(i)];
      smul64(cpu.r[RN(i)], cpu.r[RM(i)]);
      add64(hi, lo);
      writeLong(cpu, i, (i >>> 20) & 1);
    },
    dis: (i) => `smlal${sfx(i)}${condStr(i)}\t${opsLong(i)}`,
    random: longOk,
  },
];

/** <x><y> suffix: N (bit 5) picks Rn's half, M (bit 6) picks Rm's half ('b' bottom, 't' top). */
const xy = (i: number): string => `${(i >>> 5) & 1 ? 't' : 'b'}${(i >>> 6) & 1 ? 't' : 'b'}`;
const halfN = (cpu: Cpu, i: number): number => ((i >>> 5) & 1 ? hi16(cpu.r[RN(i)]) : lo16(cpu.r[RN(i)]));
const halfM = (cpu: Cpu, i: number): number => ((i >>> 6) & 1 ? hi16(cpu.r[RM(i)]) : lo16(cpu.r[RM(i)]));

const A5_2_7: InstrDef[] = [
  {
    // SMLA<x><y><c> <Rd>, <Rn>, <Rm>, <Ra>   (A8.8.176): Q set on signed overflow of the 32-bit sum
    name: 'SMLAxy',
    pattern: 'cccc 0001 0000 dddd aaaa mmmm 1yx0 nnnn',
    exec: (cpu, i) => writeSat(cpu, RD(i), halfN(cpu, i) * halfM(cpu, i) + (cpu.r[RA(i)] | 0)),
    dis: (i) => `smla${xy(i)}${condStr(i)}\t${ops4(i)}`,
    random: noPc4,
  },
  {
    // SMLAW<y><c> <Rd>, <Rn>, <Rm>, <Ra>   (A8.8.181): (Rn * Rm.half + Ra << 16)<47:16>, Q on overflow
    name: 'SMLAWy',
    pattern: 'cccc 0001 0010 dddd aaaa mmmm 1y00 nnnn',
    exec: (cpu, i) => {
      const sum = (cpu.r[RN(i)] | 0) * halfM(cpu, i) + (cpu.r[RA(i)] | 0) * 65536; // |sum| < 2^48
      writeSat(cpu, RD(i), Math.floor(sum / 65536));
    },
    dis: (i) => `smlaw${(i >>> 6) & 1 ? 't' : 'b'}${condStr(i)}\t${ops4(i)}`,
    random: noPc4,
  },
  {
    // SMULW<y><c> <Rd>, <Rn>, <Rm>   (A8.8.190): (Rn * Rm.half)<47:16>, cannot overflow
    name: 'SMULWy',
    pattern: 'cccc 0001 0010 dddd 0000 mmmm 1y10 nnnn',
    exec: (cpu, i) =>
      writeRdOrBranch(cpu, RD(i), Math.floor(((cpu.r[RN(i)] | 0) * halfM(cpu, i)) / 65536) >>> 0),
    dis: (i) => `smulw${(i >>> 6) & 1 ? 't' : 'b'}${condStr(i)}\t${ops3(i)}`,
    random: noPc3,
  },
  {
    // SMLAL<x><y><c> <RdLo>, <RdHi>, <Rn>, <Rm>   (A8.8.179): 64-bit accumulate, no flags
    name: 'SMLALxy',
    pattern: 'cccc 0001 0100 hhhh llll mmmm 1yx0 nnnn',
    exec: (cpu, i) => {
      const lo = cpu.r[RA(i)];
      const hi = cpu.r[RD(i)];
      const p = halfN(cpu, i) * halfM(cpu, i);
      setWide(hi, lo);
      addSmall(p);
      writeLong(cpu, i, 0);
    },
    dis: (i) => `smlal${xy(i)}${condStr(i)}\t${opsLong(i)}`,
    random: longOk,
  },
  {
    // SMUL<x><y><c> <Rd>, <Rn>, <Rm>   (A8.8.188): 16 x 16, fits in 32 bits
    name: 'SMULxy',
    pattern: 'cccc 0001 0110 dddd 0000 mmmm 1yx0 nnnn',
    exec: (cpu, i) => writeRdOrBranch(cpu, RD(i), (halfN(cpu, i) * halfM(cpu, i)) >>> 0),
    dis: (i) => `smul${xy(i)}${condStr(i)}\t${ops3(i)}`,
    random: noPc3,
  },
];

/** Load hi:lo as the 64-bit accumulator. */
function setWide(hi: number, lo: number): void {
  umul64(0, 0);
  add64(hi, lo);
}

/** Dual 16 x 16 products (A8.8.177 etc.): M (bit 5) swaps Rm's halves first. */
let prodLo = 0;
let prodHi = 0;
function dual(cpu: Cpu, i: number): void {
  const n = cpu.r[RN(i)];
  let m = cpu.r[RM(i)];
  if ((i >>> 5) & 1) m = ((m >>> 16) | (m << 16)) >>> 0;
  prodLo = lo16(n) * lo16(m);
  prodHi = hi16(n) * hi16(m);
}
const xs = (i: number): string => ((i >>> 5) & 1 ? 'x' : '');
const rs = (i: number): string => ((i >>> 5) & 1 ? 'r' : '');
const raNot15 = (i: number): boolean => RA(i) !== 15;

const A5_4_4: InstrDef[] = [
  {
    // SMLAD{X}<c> <Rd>, <Rn>, <Rm>, <Ra>   (A8.8.177): Q on overflow
    name: 'SMLAD',
    pattern: 'cccc 0111 0000 dddd aaaa mmmm 00M1 nnnn',
    match: raNot15,
    exec: (cpu, i) => {
      dual(cpu, i);
      writeSat(cpu, RD(i), prodLo + prodHi + (cpu.r[RA(i)] | 0));
    },
    dis: (i) => `smlad${xs(i)}${condStr(i)}\t${ops4(i)}`,
    random: noPc4,
  },
  {
    // SMUAD{X}<c> <Rd>, <Rn>, <Rm>   (A8.8.187): Q only for 0x8000*0x8000*2
    name: 'SMUAD',
    pattern: 'cccc 0111 0000 dddd 1111 mmmm 00M1 nnnn',
    exec: (cpu, i) => {
      dual(cpu, i);
      writeSat(cpu, RD(i), prodLo + prodHi);
    },
    dis: (i) => `smuad${xs(i)}${condStr(i)}\t${ops3(i)}`,
    random: noPc3,
  },
  {
    // SMLSD{X}<c> <Rd>, <Rn>, <Rm>, <Ra>   (A8.8.182): Q on overflow
    name: 'SMLSD',
    pattern: 'cccc 0111 0000 dddd aaaa mmmm 01M1 nnnn',
    match: raNot15,
    exec: (cpu, i) => {
      dual(cpu, i);
      writeSat(cpu, RD(i), prodLo - prodHi + (cpu.r[RA(i)] | 0));
    },
    dis: (i) => `smlsd${xs(i)}${condStr(i)}\t${ops4(i)}`,
    random: noPc4,
  },
  {
    // SMUSD{X}<c> <Rd>, <Rn>, <Rm>   (A8.8.191): difference always fits, no Q
    name: 'SMUSD',
    pattern: 'cccc 0111 0000 dddd 1111 mmmm 01M1 nnnn',
    exec: (cpu, i) => {
      dual(cpu, i);
      writeRdOrBranch(cpu, RD(i), (prodLo - prodHi) >>> 0);
    },
    dis: (i) => `smusd${xs(i)}${condStr(i)}\t${ops3(i)}`,
    random: noPc3,
  },
  {
    // SDIV<c> <Rd>, <Rn>, <Rm>   (A8.8.165): round towards zero; /0 gives 0 (no trap in A-profile)
    name: 'SDIV',
    pattern: 'cccc 0111 0001 dddd 1111 mmmm 0001 nnnn',
    exec: (cpu, i) => {
      const m = cpu.r[RM(i)] | 0;
      // 0x80000000 / -1 = 2^31, whose low 32 bits are 0x80000000.
      const q = m === 0 ? 0 : Math.trunc((cpu.r[RN(i)] | 0) / m);
      writeRdOrBranch(cpu, RD(i), q >>> 0);
    },
    dis: (i) => `sdiv${condStr(i)}\t${ops3(i)}`,
    random: noPc3,
  },
  {
    // UDIV<c> <Rd>, <Rn>, <Rm>   (A8.8.248)
    name: 'UDIV',
    pattern: 'cccc 0111 0011 dddd 1111 mmmm 0001 nnnn',
    exec: (cpu, i) => {
      const m = cpu.r[RM(i)];
      writeRdOrBranch(cpu, RD(i), m === 0 ? 0 : Math.floor(cpu.r[RN(i)] / m) >>> 0);
    },
    dis: (i) => `udiv${condStr(i)}\t${ops3(i)}`,
    random: noPc3,
  },
  {
    // SMLALD{X}<c> <RdLo>, <RdHi>, <Rn>, <Rm>   (A8.8.180)
    name: 'SMLALD',
    pattern: 'cccc 0111 0100 hhhh llll mmmm 00M1 nnnn',
    exec: (cpu, i) => {
      dual(cpu, i);
      setWide(cpu.r[RD(i)], cpu.r[RA(i)]);
      addSmall(prodLo + prodHi);
      writeLong(cpu, i, 0);
    },
    dis: (i) => `smlald${xs(i)}${condStr(i)}\t${opsLong(i)}`,
    random: longOk,
  },
  {
    // SMLSLD{X}<c> <RdLo>, <RdHi>, <Rn>, <Rm>   (A8.8.183)
    name: 'SMLSLD',
    pattern: 'cccc 0111 0100 hhhh llll mmmm 01M1 nnnn',
    exec: (cpu, i) => {
      dual(cpu, i);
      setWide(cpu.r[RD(i)], cpu.r[RA(i)]);
      addSmall(prodLo - prodHi);
      writeLong(cpu, i, 0);
    },
    dis: (i) => `smlsld${xs(i)}${condStr(i)}\t${opsLong(i)}`,
    random: longOk,
  },
  {
    // SMMLA{R}<c> <Rd>, <Rn>, <Rm>, <Ra>   (A8.8.184): ((Ra << 32) + Rn*Rm [+ 0x80000000])<63:32>
    name: 'SMMLA',
    pattern: 'cccc 0111 0101 dddd aaaa mmmm 00R1 nnnn',
    match: raNot15,
    exec: (cpu, i) => {
      smul64(cpu.r[RN(i)], cpu.r[RM(i)]);
      add64(cpu.r[RA(i)], 0);
      if ((i >>> 5) & 1) add64(0, 0x80000000);
      writeRdOrBranch(cpu, RD(i), wideHi);
    },
    dis: (i) => `smmla${rs(i)}${condStr(i)}\t${ops4(i)}`,
    random: noPc4,
  },
  {
    // SMMUL{R}<c> <Rd>, <Rn>, <Rm>   (A8.8.186): (Rn*Rm [+ 0x80000000])<63:32>
    name: 'SMMUL',
    pattern: 'cccc 0111 0101 dddd 1111 mmmm 00R1 nnnn',
    exec: (cpu, i) => {
      smul64(cpu.r[RN(i)], cpu.r[RM(i)]);
      if ((i >>> 5) & 1) add64(0, 0x80000000);
      writeRdOrBranch(cpu, RD(i), wideHi);
    },
    dis: (i) => `smmul${rs(i)}${condStr(i)}\t${ops3(i)}`,
    random: noPc3,
  },
  {
    // SMMLS{R}<c> <Rd>, <Rn>, <Rm>, <Ra>   (A8.8.185): ((Ra << 32) - Rn*Rm [+ 0x80000000])<63:32>
    name: 'SMMLS',
    pattern: 'cccc 0111 0101 dddd aaaa mmmm 11R1 nnnn',
    exec: (cpu, i) => {
      smul64(cpu.r[RN(i)], cpu.r[RM(i)]);
      rsub64(cpu.r[RA(i)], 0);
      if ((i >>> 5) & 1) add64(0, 0x80000000);
      writeRdOrBranch(cpu, RD(i), wideHi);
    },
    dis: (i) => `smmls${rs(i)}${condStr(i)}\t${ops4(i)}`,
    random: noPc4,
  },
];

export const A32_MULTIPLY: readonly InstrDef[] = [...A5_2_5, ...A5_2_7, ...A5_4_4];

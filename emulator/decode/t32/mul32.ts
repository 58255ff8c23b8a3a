// 32-bit T32 multiplies: MUL/MLA/MLS, the 64-bit UMULL..UMAAL, SDIV/UDIV natively; the halfword and
// dual DSP multiplies run through the A32 multiply table. ARM ARM A6.3.16, A6.3.17; A8.8.

import type { Cpu } from '../../cpu/cpu';
import type { InstrDef, DisasmEnv } from '../instr';
import { Decoder } from '../decoder';
import { A32_MULTIPLY } from '../a32/multiply';
import { add64, smul64, umul64, wideHi, wideLo } from '../a32/media-wide';
import { wr } from './alu';
import { itc, R, RD, RM, RN, RT } from './common';
import { disA32, runA32 } from './a32bridge';

const A32_MUL = new Decoder(A32_MULTIPLY, (i) => (i >>> 20) & 0xff, 0x0ff00000);

/** Map a T32 DSP multiply (A6.3.16/A6.3.17 hw1[6:4], hw2[7:4]) to its A32 equivalent with cond AL. */
function dspToA32(w: number): number {
  const op1 = (w >>> 20) & 7;
  const long = (w & 0x00800000) !== 0;
  const rn = RN(w);
  const ra = RT(w); // Ra (short) / RdLo (long)
  const rd = RD(w); // Rd (short) / RdHi (long)
  const rm = RM(w);
  const n = (w >>> 5) & 1;
  const m = (w >>> 4) & 1;
  const regs = (rd << 16) | (ra << 12) | (rm << 8) | rn;
  if (long) {
    if (op1 === 4 && ((w >>> 6) & 3) === 2) return (0xe1400080 | regs | (m << 6) | (n << 5)) >>> 0; // SMLALxy
    if (op1 === 4) return (0xe7400010 | regs | (m << 5)) >>> 0; // SMLALD
    return (0xe7400050 | regs | (m << 5)) >>> 0; // SMLSLD
  }
  const acc = ra !== 15;
  switch (op1) {
    case 1: return acc ? (0xe1000080 | regs | (m << 6) | (n << 5)) >>> 0 : (0xe1600080 | (regs & ~0xf000) | (m << 6) | (n << 5)) >>> 0;
    case 2: return (0xe7000010 | regs | (m << 5)) >>> 0; // SMLAD / SMUAD (Ra = 1111)
    case 3: return acc ? (0xe1200080 | regs | (m << 6)) >>> 0 : (0xe12000a0 | (regs & ~0xf000) | (m << 6)) >>> 0;
    case 4: return (0xe7000050 | regs | (m << 5)) >>> 0; // SMLSD / SMUSD
    case 5: return (0xe7500010 | regs | (m << 5)) >>> 0; // SMMLA / SMMUL
    case 6: return (0xe75000d0 | regs | (m << 5)) >>> 0; // SMMLS
    default: return 0;
  }
}

function dsp(name: string, pattern: string): InstrDef {
  return {
    // SMLA<x><y>, SMUL<x><y>, SMLAD, SMUAD, SMLAW<y>, SMULW<y>, SMLSD, SMUSD, SMMLA, SMMUL, SMMLS,
    // USADA8, USAD8, SMLAL<x><y>, SMLALD, SMLSLD (A8.8.176 ... A8.8.254 T1)
    name, pattern,
    exec: (cpu, w) => runA32(A32_MUL, cpu, dspToA32(w), w),
    dis: (w, env) => disA32(A32_MUL, dspToA32(w), w, env),
  };
}

function long(cpu: Cpu, w: number, hi: number, lo: number): void {
  wr(cpu, RT(w), lo);
  wr(cpu, RD(w), hi);
}

const lo4 = (w: number, env: DisasmEnv, mn: string): string =>
  `${mn}${itc(env)}\t${R(RT(w))}, ${R(RD(w))}, ${R(RN(w))}, ${R(RM(w))}`;

export const T32_MUL: readonly InstrDef[] = [
  {
    // MUL<c>.W <Rd>, <Rn>, <Rm>   (A8.8.114 T2)
    name: 'T32_MUL', pattern: '111110110 000 nnnn 1111 dddd 0000 mmmm',
    exec: (cpu, w) => wr(cpu, RD(w), Math.imul(cpu.r[RN(w)], cpu.r[RM(w)]) >>> 0),
    dis: (w, env) => `mul${itc(env)}.w\t${R(RD(w))}, ${R(RN(w))}, ${R(RM(w))}`,
  },
  {
    // MLA<c> <Rd>, <Rn>, <Rm>, <Ra>   (A8.8.100 T1)
    name: 'T32_MLA', pattern: '111110110 000 nnnn aaaa dddd 0000 mmmm',
    exec: (cpu, w) => wr(cpu, RD(w), (Math.imul(cpu.r[RN(w)], cpu.r[RM(w)]) + cpu.r[RT(w)]) >>> 0),
    dis: (w, env) => `mla${itc(env)}\t${R(RD(w))}, ${R(RN(w))}, ${R(RM(w))}, ${R(RT(w))}`,
  },
  {
    // MLS<c> <Rd>, <Rn>, <Rm>, <Ra>   (A8.8.101 T1)
    name: 'T32_MLS', pattern: '111110110 000 nnnn aaaa dddd 0001 mmmm',
    exec: (cpu, w) => wr(cpu, RD(w), (cpu.r[RT(w)] - Math.imul(cpu.r[RN(w)], cpu.r[RM(w)])) >>> 0),
    dis: (w, env) => `mls${itc(env)}\t${R(RD(w))}, ${R(RN(w))}, ${R(RM(w))}, ${R(RT(w))}`,
  },
  dsp('T32_SMLAxy', '111110110 001 nnnn aaaa dddd 00 nm mmmm'),
  dsp('T32_SMLAD', '111110110 010 nnnn aaaa dddd 000 m mmmm'),
  dsp('T32_SMLAWy', '111110110 011 nnnn aaaa dddd 000 m mmmm'),
  dsp('T32_SMLSD', '111110110 100 nnnn aaaa dddd 000 m mmmm'),
  dsp('T32_SMMLA', '111110110 101 nnnn aaaa dddd 000 r mmmm'),
  dsp('T32_SMMLS', '111110110 110 nnnn aaaa dddd 000 r mmmm'),
  {
    // USADA8<c> <Rd>, <Rn>, <Rm>, <Ra> / USAD8 (Ra = 1111)   (A8.8.254, A8.8.253 T1)
    name: 'T32_USADA8', pattern: '111110110 111 nnnn aaaa dddd 0000 mmmm',
    exec: (cpu, w) => {
      const n = cpu.r[RN(w)];
      const m = cpu.r[RM(w)];
      let sum = RT(w) === 15 ? 0 : cpu.r[RT(w)];
      for (let k = 0; k < 32; k += 8) sum += Math.abs(((n >>> k) & 0xff) - ((m >>> k) & 0xff));
      wr(cpu, RD(w), sum >>> 0);
    },
    dis: (w, env) => (RT(w) === 15
      ? `usad8${itc(env)}\t${R(RD(w))}, ${R(RN(w))}, ${R(RM(w))}`
      : `usada8${itc(env)}\t${R(RD(w))}, ${R(RN(w))}, ${R(RM(w))}, ${R(RT(w))}`),
  },
  dsp('T32_SMLALxy', '111110111 100 nnnn llll hhhh 10 nm mmmm'),
  dsp('T32_SMLALD', '111110111 100 nnnn llll hhhh 110 m mmmm'),
  dsp('T32_SMLSLD', '111110111 101 nnnn llll hhhh 110 m mmmm'),
  {
    // SMULL<c> <RdLo>, <RdHi>, <Rn>, <Rm>   (A8.8.189 T1)
    name: 'T32_SMULL', pattern: '111110111 000 nnnn llll hhhh 0000 mmmm',
    exec: (cpu, w) => { smul64(cpu.r[RN(w)], cpu.r[RM(w)]); long(cpu, w, wideHi, wideLo); },
    dis: (w, env) => lo4(w, env, 'smull'),
  },
  {
    // UMULL<c> <RdLo>, <RdHi>, <Rn>, <Rm>   (A8.8.257 T1)
    name: 'T32_UMULL', pattern: '111110111 010 nnnn llll hhhh 0000 mmmm',
    exec: (cpu, w) => { umul64(cpu.r[RN(w)], cpu.r[RM(w)]); long(cpu, w, wideHi, wideLo); },
    dis: (w, env) => lo4(w, env, 'umull'),
  },
  {
    // SMLAL<c> <RdLo>, <RdHi>, <Rn>, <Rm>   (A8.8.178 T1)
    name: 'T32_SMLAL', pattern: '111110111 100 nnnn llll hhhh 0000 mmmm',
    exec: (cpu, w) => {
      const hi = cpu.r[RD(w)];
      const lo = cpu.r[RT(w)];
      smul64(cpu.r[RN(w)], cpu.r[RM(w)]);
      add64(hi, lo);
      long(cpu, w, wideHi, wideLo);
    },
    dis: (w, env) => lo4(w, env, 'smlal'),
  },
  {
    // UMLAL<c> <RdLo>, <RdHi>, <Rn>, <Rm>   (A8.8.256 T1)
    name: 'T32_UMLAL', pattern: '111110111 110 nnnn llll hhhh 0000 mmmm',
    exec: (cpu, w) => {
      const hi = cpu.r[RD(w)];
      const lo = cpu.r[RT(w)];
      umul64(cpu.r[RN(w)], cpu.r[RM(w)]);
      add64(hi, lo);
      long(cpu, w, wideHi, wideLo);
    },
    dis: (w, env) => lo4(w, env, 'umlal'),
  },
  {
    // UMAAL<c> <RdLo>, <RdHi>, <Rn>, <Rm>   (A8.8.255 T1)
    name: 'T32_UMAAL', pattern: '111110111 110 nnnn llll hhhh 0110 mmmm',
    exec: (cpu, w) => {
      const hi = cpu.r[RD(w)];
      const lo = cpu.r[RT(w)];
      umul64(cpu.r[RN(w)], cpu.r[RM(w)]);
      add64(0, hi);
      add64(0, lo);
      long(cpu, w, wideHi, wideLo);
    },
    dis: (w, env) => lo4(w, env, 'umaal'),
  },
  {
    // SDIV<c> <Rd>, <Rn>, <Rm>   (A8.8.165 T1): x / 0 = 0 (SCTLR.DZ does not exist on the A15)
    name: 'T32_SDIV', pattern: '111110111 001 nnnn 1111 dddd 1111 mmmm',
    exec: (cpu, w) => {
      const n = cpu.r[RN(w)] | 0;
      const m = cpu.r[RM(w)] | 0;
      const q = m === 0 ? 0 : n === -0x80000000 && m === -1 ? n : Math.trunc(n / m);
      wr(cpu, RD(w), q >>> 0);
    },
    dis: (w, env) => `sdiv${itc(env)}\t${R(RD(w))}, ${R(RN(w))}, ${R(RM(w))}`,
  },
  {
    // UDIV<c> <Rd>, <Rn>, <Rm>   (A8.8.248 T1)
    name: 'T32_UDIV', pattern: '111110111 011 nnnn 1111 dddd 1111 mmmm',
    exec: (cpu, w) => {
      const m = cpu.r[RM(w)];
      wr(cpu, RD(w), m === 0 ? 0 : Math.floor(cpu.r[RN(w)] / m) >>> 0);
    },
    dis: (w, env) => `udiv${itc(env)}\t${R(RD(w))}, ${R(RN(w))}, ${R(RM(w))}`,
  },
];

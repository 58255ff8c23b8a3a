// 16-bit Thumb loads and stores: literal, register offset, immediate offset, SP-relative, LDM/STM,
// PUSH/POP. ARM ARM A6.2.4 (load/store single), A6.2.5 (PUSH/POP), A8.8 (LDR, STR, LDM, ...).

import type { Cpu } from '../../cpu/cpu';
import type { InstrDef } from '../instr';
import { regList } from '../a32/common';
import { itc, R } from './common';
import { ldm, load, noteAccess, popcount16, setLoaded, stm, store } from './mem';
import { genSingle } from './gen';

const r3 = (i: number, at: number): number => (i >>> at) & 7;

interface Sized { readonly mn: string; readonly size: 1 | 2 | 4; readonly signed: boolean; readonly load: boolean }

function single(cpu: Cpu, s: Sized, t: number, addr: number): void {
  noteAccess(s.size, s.signed, t);
  if (s.load) setLoaded(cpu, t, load(cpu, addr, s.size, s.signed));
  else store(cpu, addr, s.size, cpu.r[t]);
}

/** Register-offset group 0101 ooo mmm nnn ttt (A6.2.4). */
const REG_OPS: readonly Sized[] = [
  { mn: 'str', size: 4, signed: false, load: false },
  { mn: 'strh', size: 2, signed: false, load: false },
  { mn: 'strb', size: 1, signed: false, load: false },
  { mn: 'ldrsb', size: 1, signed: true, load: true },
  { mn: 'ldr', size: 4, signed: false, load: true },
  { mn: 'ldrh', size: 2, signed: false, load: true },
  { mn: 'ldrb', size: 1, signed: false, load: true },
  { mn: 'ldrsh', size: 2, signed: true, load: true },
];

const regDefs: InstrDef[] = REG_OPS.map((s, op) => ({
  // <op> <Rt>, [<Rn>, <Rm>]   (A8.8.65 LDR reg T1, A8.8.204 STR reg T1, ...)
  name: `T16_${s.mn.toUpperCase()}_reg`,
  pattern: `0101 ${op.toString(2).padStart(3, '0')} mmm nnn ttt`,
  exec: (cpu, i) => single(cpu, s, i & 7, cpu.r[r3(i, 3)] + cpu.r[r3(i, 6)]),
  gen: (i) => genSingle(s.load, s.size, s.signed, i & 7, `r[${r3(i, 3)}] + r[${r3(i, 6)}]`),
  genMemory: true,
  dis: (i, env) => `${s.mn}${itc(env)}\t${R(i & 7)}, [${R(r3(i, 3))}, ${R(r3(i, 6))}]`,
}));

/** Immediate-offset forms: prefix bits, access, scale. */
const IMM_OPS: readonly [string, Sized][] = [
  ['01100', { mn: 'str', size: 4, signed: false, load: false }],
  ['01101', { mn: 'ldr', size: 4, signed: false, load: true }],
  ['01110', { mn: 'strb', size: 1, signed: false, load: false }],
  ['01111', { mn: 'ldrb', size: 1, signed: false, load: true }],
  ['10000', { mn: 'strh', size: 2, signed: false, load: false }],
  ['10001', { mn: 'ldrh', size: 2, signed: false, load: true }],
];

const immDefs: InstrDef[] = IMM_OPS.map(([prefix, s]) => ({
  // <op> <Rt>, [<Rn>{, #<imm>}]   (A8.8.63 LDR imm T1, A8.8.203 STR imm T1, ...)
  name: `T16_${s.mn.toUpperCase()}_imm`,
  pattern: `${prefix} iiiii nnn ttt`,
  exec: (cpu, i) => single(cpu, s, i & 7, cpu.r[r3(i, 3)] + ((i >>> 6) & 31) * s.size),
  gen: (i) => genSingle(s.load, s.size, s.signed, i & 7, `r[${r3(i, 3)}] + ${((i >>> 6) & 31) * s.size}`),
  genMemory: true,
  dis: (i, env) => `${s.mn}${itc(env)}\t${R(i & 7)}, [${R(r3(i, 3))}, #${((i >>> 6) & 31) * s.size}]`,
}));

const LDR: Sized = { mn: 'ldr', size: 4, signed: false, load: true };
const STR: Sized = { mn: 'str', size: 4, signed: false, load: false };

const other: InstrDef[] = [
  {
    // LDR <Rt>, [PC, #<imm>]   (A8.8.64 T1): base is Align(PC, 4)
    name: 'T16_LDR_lit', pattern: '01001 ttt iiiiiiii',
    exec: (cpu, i) => single(cpu, LDR, r3(i, 8), (cpu.r[15] & ~3) + (i & 0xff) * 4),
    gen: (i, pc) => genSingle(true, 4, false, r3(i, 8), `${(((pc + 4) & ~3) >>> 0) + (i & 0xff) * 4}`),
    genMemory: true,
    dis: (i, env) => `ldr${itc(env)}\t${R(r3(i, 8))}, [pc, #${(i & 0xff) * 4}]`,
  },
  {
    // STR <Rt>, [SP, #<imm>]   (A8.8.203 T2)
    name: 'T16_STR_sp', pattern: '10010 ttt iiiiiiii',
    exec: (cpu, i) => single(cpu, STR, r3(i, 8), cpu.r[13] + (i & 0xff) * 4),
    gen: (i) => genSingle(false, 4, false, r3(i, 8), `r[13] + ${(i & 0xff) * 4}`),
    genMemory: true,
    dis: (i, env) => `str${itc(env)}\t${R(r3(i, 8))}, [sp, #${(i & 0xff) * 4}]`,
  },
  {
    // LDR <Rt>, [SP, #<imm>]   (A8.8.63 T2)
    name: 'T16_LDR_sp', pattern: '10011 ttt iiiiiiii',
    exec: (cpu, i) => single(cpu, LDR, r3(i, 8), cpu.r[13] + (i & 0xff) * 4),
    gen: (i) => genSingle(true, 4, false, r3(i, 8), `r[13] + ${(i & 0xff) * 4}`),
    genMemory: true,
    dis: (i, env) => `ldr${itc(env)}\t${R(r3(i, 8))}, [sp, #${(i & 0xff) * 4}]`,
  },
  {
    // STM <Rn>!, <registers>   (A8.8.199 T1): always writes back
    name: 'T16_STM', pattern: '11000 nnn llllllll',
    exec: (cpu, i) => {
      const n = r3(i, 8);
      const list = i & 0xff;
      const base = cpu.r[n];
      stm(cpu, n, list, base, true, base + 4 * popcount16(list));
    },
    dis: (i, env) => `stmia${itc(env)}\t${R(r3(i, 8))}!, ${regList(i & 0xff)}`,
    random: (i) => (i & 0xff) !== 0,
  },
  {
    // LDM <Rn>{!}, <registers>   (A8.8.58 T1): writeback unless Rn is in the list
    name: 'T16_LDM', pattern: '11001 nnn llllllll',
    exec: (cpu, i) => {
      const n = r3(i, 8);
      const list = i & 0xff;
      const base = cpu.r[n];
      ldm(cpu, n, list, base, true, base + 4 * popcount16(list));
    },
    dis: (i, env) => {
      const n = r3(i, 8);
      const wb = (i & (1 << n)) === 0 ? '!' : '';
      return `ldmia${itc(env)}\t${R(n)}${wb}, ${regList(i & 0xff)}`;
    },
    random: (i) => (i & 0xff) !== 0,
  },
  {
    // PUSH <registers>   (A8.8.133 T1): r0-r7 and LR
    name: 'T16_PUSH', pattern: '1011010 M llllllll',
    exec: (cpu, i) => {
      const list = (i & 0xff) | ((i & 0x100) << 6);
      const sp = cpu.r[13];
      const start = sp - 4 * popcount16(list);
      stm(cpu, 13, list, start, true, start);
    },
    dis: (i, env) => `push${itc(env)}\t${regList((i & 0xff) | ((i & 0x100) << 6))}`,
    random: false,
  },
  {
    // POP <registers>   (A8.8.131 T1): r0-r7 and PC (LoadWritePC: interworking)
    name: 'T16_POP', pattern: '1011110 P llllllll',
    exec: (cpu, i) => {
      const list = (i & 0xff) | ((i & 0x100) << 7);
      const sp = cpu.r[13];
      ldm(cpu, 13, list, sp, true, sp + 4 * popcount16(list));
    },
    dis: (i, env) => `pop${itc(env)}\t${regList((i & 0xff) | ((i & 0x100) << 7))}`,
    random: false,
  },
];

export const T16_LS: readonly InstrDef[] = [...regDefs, ...immDefs, ...other];

// 16-bit Thumb control and miscellaneous: B, B<c>, BX/BLX, CBZ/CBNZ, IT and hints, extends, REV,
// CPS, SETEND, BKPT, HLT, UDF, SVC. ARM ARM A6.2.3 (BX/BLX), A6.2.5 (misc), A6.2.6 (B<c>, SVC).

import type { InstrDef } from '../instr';
import { condJs } from '../../cpu/jit';
import { COND_NAMES } from '../a32/common';
import { inIt, itc, R, target } from './common';
import { bkpt, cps, hlt, setend, svc, wfx } from './sys';
import { takeUndefined } from '../../cpu/exceptions';
import { rev, rev16, revsh } from './bits';

const r3 = (i: number, at: number): number => (i >>> at) & 7;

/** The IT mnemonic suffix: firstcond, then t/e per mask bit (A8.8.54). */
export function itSuffix(firstcond: number, mask: number): string {
  let s = '';
  const tz = mask & 1 ? 0 : mask & 2 ? 1 : mask & 4 ? 2 : 3; // position of the terminating 1
  for (let b = 3; b > tz; b--) s += ((mask >>> b) & 1) === (firstcond & 1) ? 't' : 'e';
  return s;
}

const HINTS = ['nop', 'yield', 'wfe', 'wfi', 'sev', 'sevl'];

const EXT: readonly [string, (v: number) => number][] = [
  ['sxth', (v) => ((v << 16) >> 16) >>> 0],
  ['sxtb', (v) => ((v << 24) >> 24) >>> 0],
  ['uxth', (v) => v & 0xffff],
  ['uxtb', (v) => v & 0xff],
];

const extDefs: InstrDef[] = EXT.map(([mn, f], op) => ({
  // SXTH/SXTB/UXTH/UXTB <Rd>, <Rm>   (A8.8.235 T1 etc.)
  name: `T16_${mn.toUpperCase()}`,
  pattern: `10110010 ${op.toString(2).padStart(2, '0')} mmm ddd`,
  exec: (cpu, i) => { cpu.r[i & 7] = f(cpu.r[r3(i, 3)]); },
  dis: (i, env) => `${mn}${itc(env)}\t${R(i & 7)}, ${R(r3(i, 3))}`,
}));

const REVS: readonly [string, string, (v: number) => number][] = [
  ['rev', '00', rev], ['rev16', '01', rev16], ['revsh', '11', revsh],
];

const revDefs: InstrDef[] = REVS.map(([mn, op, f]) => ({
  // REV/REV16/REVSH <Rd>, <Rm>   (A8.8.145-A8.8.147 T1)
  name: `T16_${mn.toUpperCase()}`,
  pattern: `10111010 ${op} mmm ddd`,
  exec: (cpu, i) => { cpu.r[i & 7] = f(cpu.r[r3(i, 3)]); },
  dis: (i, env) => `${mn}${itc(env)}\t${R(i & 7)}, ${R(r3(i, 3))}`,
}));

const control: InstrDef[] = [
  {
    // B<c> <label>   (A8.8.18 T1); UNPREDICTABLE in an IT block
    name: 'T16_B_cond', pattern: '1101 cccc iiiiiiii',
    match: (i) => ((i >>> 9) & 7) !== 7,
    exec: (cpu, i) => {
      if (cpu.condPassed((i >>> 8) & 15)) cpu.branchTo(cpu.r[15] + (((i << 24) >> 23)));
    },
    dis: (i, env) => {
      const t = target(env.addr + 4 + ((i << 24) >> 23), env);
      return `b${COND_NAMES[(i >>> 8) & 15]}.n\t${t}`;
    },
    random: false,
    gen: (i, pc) => `cpu.nextPc = (${condJs((i >>> 8) & 15)}) ? ${((pc + 4 + ((i << 24) >> 23)) & ~1) >>> 0} : ${(pc + 2) >>> 0};`,
    genEndsBlock: true,
  },
  {
    // B <label>   (A8.8.18 T2)
    name: 'T16_B', pattern: '11100 iiiiiiiiiii',
    exec: (cpu, i) => cpu.branchTo(cpu.r[15] + ((i << 21) >> 20)),
    dis: (i, env) => `b${itc(env)}.n\t${target(env.addr + 4 + ((i << 21) >> 20), env)}`,
    random: false,
    gen: (i, pc) => `cpu.nextPc = ${((pc + 4 + ((i << 21) >> 20)) & ~1) >>> 0};`,
    genEndsBlock: true,
  },
  {
    // BX <Rm>   (A8.8.27 T1): interworking
    name: 'T16_BX', pattern: '010001110 mmmm 000',
    exec: (cpu, i) => cpu.bxTo(cpu.r[(i >>> 3) & 15]),
    dis: (i, env) => `bx${itc(env)}\t${R((i >>> 3) & 15)}`,
    random: false,
  },
  {
    // BLX <Rm>   (A8.8.26 T1): LR = next instruction | 1
    name: 'T16_BLX_reg', pattern: '010001111 mmmm 000',
    exec: (cpu, i) => {
      const t = cpu.r[(i >>> 3) & 15];
      cpu.r[14] = ((cpu.pc + 2) | 1) >>> 0;
      cpu.bxTo(t);
    },
    dis: (i, env) => `blx${itc(env)}\t${R((i >>> 3) & 15)}`,
    random: false,
  },
  {
    // CB{N}Z <Rn>, <label>   (A8.8.29): not permitted in an IT block
    name: 'T16_CBZ', pattern: '1011 o 0 i 1 iiiii nnn',
    exec: (cpu, i) => {
      const zero = cpu.r[i & 7] === 0;
      if (zero !== ((i & 0x800) !== 0)) cpu.branchTo(cpu.r[15] + (((i >>> 3) & 0x40) | ((i >>> 2) & 0x3e)));
    },
    dis: (i, env) => {
      const off = ((i >>> 3) & 0x40) | ((i >>> 2) & 0x3e);
      return `cb${i & 0x800 ? 'n' : ''}z\t${R(i & 7)}, ${target(env.addr + 4 + off, env)}`;
    },
    random: false,
  },
  {
    // IT{<x>{<y>{<z>}}} <firstcond>   (A8.8.54): sets ITSTATE for up to four instructions
    name: 'T16_IT', pattern: '10111111 cccc mmmm',
    match: (i) => (i & 0xf) !== 0,
    exec: (cpu, i) => {
      if (inIt(cpu)) { takeUndefined(cpu); return; } // UNPREDICTABLE; QEMU UNDEFs an IT inside IT
      cpu.it = i & 0xff;
    },
    dis: (i) => `it${itSuffix((i >>> 4) & 15, i & 15)}\t${COND_NAMES[(i >>> 4) & 15] || 'al'}`,
    random: false,
  },
  {
    // NOP/YIELD/WFE/WFI/SEV/SEVL, other hints as NOP {n}   (A6.2.5 hints)
    name: 'T16_HINT', pattern: '10111111 hhhh 0000',
    exec: (cpu, i) => {
      const h = (i >>> 4) & 15;
      if (h === 2) wfx(cpu, true);
      else if (h === 3) wfx(cpu, false);
      else if (h === 4) cpu.event = 1; // SEV (A8.8.168)
    },
    dis: (i, env) => {
      const h = (i >>> 4) & 15;
      return h < HINTS.length ? `${HINTS[h]}${itc(env)}` : `nop${itc(env)}\t{${h}}`;
    },
    random: false,
  },
  {
    // CPS<effect> <iflags>   (B9.3.2 T1)
    name: 'T16_CPS', pattern: '10110110011 m 0 aif',
    exec: (cpu, i) => cps(cpu, i & 0x10 ? 3 : 2, (i & 4) !== 0, (i & 2) !== 0, (i & 1) !== 0, false, 0),
    dis: (i) => `cps${i & 0x10 ? 'id' : 'ie'}\t${i & 4 ? 'a' : ''}${i & 2 ? 'i' : ''}${i & 1 ? 'f' : ''}`,
    random: false,
  },
  {
    // SETEND <endian_specifier>   (A8.8.158 T1)
    name: 'T16_SETEND', pattern: '101101100101 e 000',
    exec: (cpu, i) => setend(cpu, (i & 8) !== 0),
    dis: (i) => `setend\t${i & 8 ? 'be' : 'le'}`,
    random: false,
  },
  {
    // BKPT #<imm8>   (A8.8.24 T1)
    name: 'T16_BKPT', pattern: '10111110 iiiiiiii',
    exec: (cpu) => bkpt(cpu),
    dis: (i) => `bkpt\t0x${(i & 0xff).toString(16).padStart(4, '0')}`,
    random: false,
  },
  {
    // HLT #<imm6>   (ARMv8 encoding; semihosting #0x3C)
    name: 'T16_HLT', pattern: '1011101010 iiiiii',
    exec: (cpu, i) => hlt(cpu, i & 0x3f),
    dis: (i) => `hlt\t0x${(i & 0x3f).toString(16).padStart(4, '0')}`,
    random: false,
  },
  {
    // UDF #<imm8>   (A8.8.247 T1)
    name: 'T16_UDF', pattern: '11011110 iiiiiiii',
    exec: (cpu) => takeUndefined(cpu),
    dis: (i, env) => `udf${itc(env)}\t#${i & 0xff}`,
    random: false,
  },
  {
    // SVC #<imm8>   (A8.8.228 T1)
    name: 'T16_SVC', pattern: '11011111 iiiiiiii',
    exec: (cpu, i) => svc(cpu, i & 0xff),
    dis: (i, env) => `svc${itc(env)}\t${i & 0xff}`,
    random: false,
  },
];

export const T16_MISC: readonly InstrDef[] = [...extDefs, ...revDefs, ...control];

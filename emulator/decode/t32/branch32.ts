// 32-bit T32 branches and miscellaneous control: B (T3/T4), BL, BLX (imm), MSR/MRS (incl. banked),
// hints, CPS, barriers, CLREX, BXJ, SUBS PC, LR / ERET, HVC, SMC, UDF. ARM ARM A6.3.4, B9.3.

import type { Cpu } from '../../cpu/cpu';
import type { InstrDef, DisasmEnv } from '../instr';
import { COND_NAMES } from '../a32/common';
import { takeUndefined } from '../../cpu/exceptions';
import { Decoder } from '../decoder';
import { A32_COPROC } from '../a32/coproc';
import { itc, R, RD, RN, target } from './common';
import {
  bankedAllowed, bankedName, bankedTarget, cps, hvc, mrsCpsr, msrCpsr, msrSpsr, readBankedReg, subsPcLr, wfx,
  writeBankedReg,
} from './sys';
import { disA32, runA32 } from './a32bridge';
import { A32_DECODER } from '../a32/index';

/** T3 (conditional) offset: S:J2:J1:imm6:imm11:'0', 21 bits signed. */
function offT3(w: number): number {
  const s = (w >>> 26) & 1;
  const j1 = (w >>> 13) & 1;
  const j2 = (w >>> 11) & 1;
  const v = (s << 20) | (j2 << 19) | (j1 << 18) | (((w >>> 16) & 0x3f) << 12) | ((w & 0x7ff) << 1);
  return (v << 11) >> 11;
}

/** T4/BL/BLX offset: S:I1:I2:imm10:imm11:'0' with I = NOT(J XOR S), 25 bits signed. */
function offT4(w: number): number {
  const s = (w >>> 26) & 1;
  const i1 = ~(((w >>> 13) & 1) ^ s) & 1;
  const i2 = ~(((w >>> 11) & 1) ^ s) & 1;
  const v = (s << 24) | (i1 << 23) | (i2 << 22) | (((w >>> 16) & 0x3ff) << 12) | ((w & 0x7ff) << 1);
  return (v << 7) >> 7;
}

/**
 * SMC #imm4: the A32 system table owns the semantics (HCR.TSC trap, PSCI on the virt board); the
 * T32 form runs the equivalent A32 word 0xE1600070 | imm4. Without it the instruction is UNDEFINED.
 */
function smc(cpu: Cpu, w: number): void {
  const a32 = (0xe1600070 | ((w >>> 16) & 15)) >>> 0;
  if (!A32_DECODER.decode(a32)) { takeUndefined(cpu); return; }
  runA32(A32_DECODER, cpu, a32, w);
}

const branches: InstrDef[] = [
  {
    // B<c>.W <label>   (A8.8.18 T3); UNPREDICTABLE in an IT block
    name: 'T32_B_cond', pattern: '11110 S cccc iiiiii 10 J 0 K iiiiiiiiiii',
    match: (w) => ((w >>> 23) & 7) !== 7,
    exec: (cpu, w) => {
      if (cpu.condPassed((w >>> 22) & 15)) cpu.branchTo(cpu.r[15] + offT3(w));
    },
    dis: (w, env) => `b${COND_NAMES[(w >>> 22) & 15]}.w\t${target(env.addr + 4 + offT3(w), env)}`,
    random: false,
  },
  {
    // B<c>.W <label>   (A8.8.18 T4)
    name: 'T32_B', pattern: '11110 S iiiiiiiiii 10 J 1 K iiiiiiiiiii',
    exec: (cpu, w) => cpu.branchTo(cpu.r[15] + offT4(w)),
    dis: (w, env) => `b${itc(env)}.w\t${target(env.addr + 4 + offT4(w), env)}`,
    random: false,
  },
  {
    // BL<c> <label>   (A8.8.25 T1): LR = next instruction | 1, stays in Thumb state
    name: 'T32_BL', pattern: '11110 S iiiiiiiiii 11 J 1 K iiiiiiiiiii',
    exec: (cpu, w) => {
      cpu.r[14] = (cpu.nextPc | 1) >>> 0;
      cpu.branchTo(cpu.r[15] + offT4(w));
    },
    dis: (w, env) => `bl${itc(env)}\t${target(env.addr + 4 + offT4(w), env)}`,
    random: false,
  },
  {
    // BLX<c> <label>   (A8.8.25 T2): to ARM state at Align(PC, 4) + offset
    name: 'T32_BLX_imm', pattern: '11110 S iiiiiiiiii 11 J 0 K iiiiiiiiii 0',
    exec: (cpu, w) => {
      cpu.r[14] = (cpu.nextPc | 1) >>> 0;
      cpu.thumb = 0;
      cpu.nextPc = (((cpu.r[15] & ~3) + offT4(w)) & ~3) >>> 0;
    },
    dis: (w, env) => `blx${itc(env)}\t${target(((env.addr + 4) & ~3) + offT4(w), env)}`,
    random: false,
  },
];

const HINTS = ['nop', 'yield', 'wfe', 'wfi', 'sev', 'sevl'];
/** Barrier option names objdump prints (A8.8.43/44; v8 names included as binutils 2.40 prints them). */
const BARRIER_OPTS: Record<number, string> = {
  15: 'sy', 14: 'st', 13: 'ld', 11: 'ish', 10: 'ishst', 9: 'ishld', 7: 'un', 6: 'unst', 5: 'nshld', 3: 'osh', 2: 'oshst', 1: 'oshld',
};
/** DSB encodings objdump names as their own instructions (ARMv8 SSBB, PSSBB, DFB). */
const DSB_SPECIAL: Record<number, string> = { 0: 'ssbb', 4: 'pssbb', 12: 'dfb' };

function barrierText(kind: number, o: number, c: string): string {
  if (kind === 0 && DSB_SPECIAL[o]) return `${DSB_SPECIAL[o]}${c}`;
  const name = kind === 0 ? 'dsb' : kind === 1 ? 'dmb' : 'isb';
  const opt = kind === 2 ? (o === 15 ? 'sy' : undefined) : BARRIER_OPTS[o];
  return `${name}${c}\t${opt ?? `#${o}`}`;
}

/** The PSR field text objdump prints for MSR: CPSR_<fsxc> / SPSR_<fsxc>. */
function msrFields(w: number): string {
  const mask = (w >>> 8) & 15;
  return `${w & 0x100000 ? 'SPSR' : 'CPSR'}_${mask & 8 ? 'f' : ''}${mask & 4 ? 's' : ''}${mask & 2 ? 'x' : ''}${mask & 1 ? 'c' : ''}`;
}

/** R:M1:M (SYSm) of the banked forms: R = hw1[4], M1 = hw2[11:8] (MSR) / hw1[3:0] (MRS), M = hw2[4]. */
const sysmMsr = (w: number): number => (((w >>> 4) & 1) << 4) | ((w >>> 8) & 15);
const sysmMrs = (w: number): number => (((w >>> 4) & 1) << 4) | ((w >>> 16) & 15);
const bankR = (w: number): number => (w >>> 20) & 1;

const system: InstrDef[] = [
  {
    // MSR<c> <spec_reg>, <Rn>   (B9.3.12 T1, A8.8.109 T1)
    name: 'T32_MSR', pattern: '11110011100 R nnnn 10 0 0 kkkk 000 00000',
    exec: (cpu, w) => {
      const mask = (w >>> 8) & 15;
      const v = cpu.r[RN(w)];
      if (w & 0x100000) {
        if (cpu.pl === 0 || !msrSpsr(cpu, mask, v)) takeUndefined(cpu);
      } else msrCpsr(cpu, mask, v);
    },
    dis: (w, env) => `msr${itc(env)}\t${msrFields(w)}, ${R(RN(w))}`,
    random: false,
  },
  {
    // MSR<c> <banked_reg>, <Rn>   (B9.3.11 T1)
    name: 'T32_MSR_banked', pattern: '11110011100 R nnnn 10 0 0 ssss 001 s 0000',
    exec: (cpu, w) => {
      const t = bankedTarget(bankR(w), sysmMsr(w));
      if (!t || !bankedAllowed(cpu, t)) { takeUndefined(cpu); return; }
      writeBankedReg(cpu, t, cpu.r[RN(w)]);
    },
    dis: (w, env) => `msr${itc(env)}\t${bankedName(bankR(w), sysmMsr(w)) ?? '?'}, ${R(RN(w))}`,
    random: false,
  },
  {
    // MRS<c> <Rd>, <spec_reg>   (B9.3.9 T1, A8.8.108 T1)
    name: 'T32_MRS', pattern: '11110011111 R 1111 10 0 0 dddd 000 00000',
    exec: (cpu, w) => {
      if (w & 0x100000) {
        if (cpu.pl === 0 || !cpu.hasSpsr()) { takeUndefined(cpu); return; }
        cpu.r[RD(w)] = cpu.spsr;
      } else cpu.r[RD(w)] = mrsCpsr(cpu);
    },
    dis: (w, env) => `mrs${itc(env)}\t${R(RD(w))}, ${w & 0x100000 ? 'SPSR' : 'CPSR'}`,
    random: false,
  },
  {
    // MRS<c> <Rd>, <banked_reg>   (B9.3.10 T1)
    name: 'T32_MRS_banked', pattern: '11110011111 R ssss 10 0 0 dddd 001 s 0000',
    exec: (cpu, w) => {
      const t = bankedTarget(bankR(w), sysmMrs(w));
      if (!t || !bankedAllowed(cpu, t)) { takeUndefined(cpu); return; }
      cpu.r[RD(w)] = readBankedReg(cpu, t);
    },
    dis: (w, env) => `mrs${itc(env)}\t${R(RD(w))}, ${bankedName(bankR(w), sysmMrs(w)) ?? '?'}`,
    random: false,
  },
  {
    // NOP/YIELD/WFE/WFI/SEV/DBG<c>.W   (A6.3.4 hints)
    name: 'T32_HINT', pattern: '1111001110101111 10 0 0 0 000 hhhhhhhh',
    exec: (cpu, w) => {
      const h = w & 0xff;
      if (h === 2) wfx(cpu, true);
      else if (h === 3) wfx(cpu, false);
      else if (h === 4) cpu.event = 1; // SEV (A8.8.168)
    },
    dis: (w, env) => {
      const h = w & 0xff;
      if (h < HINTS.length) return `${HINTS[h]}${itc(env)}.w`;
      if ((h & 0xf0) === 0xf0) return `dbg${itc(env)}\t#${h & 15}`;
      return `nop${itc(env)}.w\t{${h}}`;
    },
    random: false,
  },
  {
    // CPS<effect>.W <iflags>{, #<mode>} / CPS #<mode>   (B9.3.2 T2)
    name: 'T32_CPS', pattern: '1111001110101111 10 0 0 0 ii M aif mmmmm',
    match: (w) => (w & 0x700) !== 0,
    exec: (cpu, w) => {
      const imod = (w >>> 9) & 3;
      cps(cpu, imod, (w & 0x80) !== 0, (w & 0x40) !== 0, (w & 0x20) !== 0, (w & 0x100) !== 0, w & 31);
    },
    dis: (w) => {
      const imod = (w >>> 9) & 3;
      const flags = `${w & 0x80 ? 'a' : ''}${w & 0x40 ? 'i' : ''}${w & 0x20 ? 'f' : ''}`;
      const m = (w & 0x100) !== 0;
      if (imod < 2) return `cps\t#${w & 31}`;
      const e = imod === 2 ? 'cpsie' : 'cpsid';
      return m ? `${e}\t${flags}, #${w & 31}` : `${e}.w\t${flags}`;
    },
    random: false,
  },
  {
    // CLREX<c>   (A8.8.32 T1)
    name: 'T32_CLREX', pattern: '1111001110111111 10 0 0 1111 0010 1111',
    exec: (cpu) => { cpu.exclusiveAddr = -1; },
    dis: (_w, env) => `clrex${itc(env)}`,
    random: false,
  },
  {
    // DSB/DMB/ISB<c> <option>   (A8.8.44, A8.8.43, A8.8.53 T1): ordering is trivially satisfied
    name: 'T32_BARRIER', pattern: '1111001110111111 10 0 0 1111 01oo pppp',
    match: (w) => ((w >>> 4) & 3) !== 3,
    exec: () => {},
    dis: (w, env) => barrierText((w >>> 4) & 3, w & 15, itc(env)),
    random: false,
  },
  {
    // BXJ<c> <Rm>   (A8.8.28 T1): no Jazelle, so it behaves as BX (A2.10.1)
    name: 'T32_BXJ', pattern: '111100111100 mmmm 10 0 0 1111 0000 0000',
    exec: (cpu, w) => cpu.bxTo(cpu.r[RN(w)]),
    dis: (w, env) => `bxj${itc(env)}\t${R(RN(w))}`,
    random: false,
  },
  {
    // SUBS<c> PC, LR, #<imm8>   (B9.3.19 T1); ERET is the imm8 == 0 form (B9.3.3)
    name: 'T32_SUBS_PC_LR', pattern: '1111001111011110 10 0 0 1111 iiiiiiii',
    exec: (cpu, w) => subsPcLr(cpu, w & 0xff),
    dis: (w, env) => `subs${itc(env)}\tpc, lr, #${w & 0xff}`,
    random: false,
  },
  {
    // HVC #<imm16>   (B9.3.4 T1): imm4:imm12
    name: 'T32_HVC', pattern: '111101111110 iiii 10 0 0 iiiiiiiiiiii',
    exec: (cpu, w) => hvc(cpu, ((w >>> 4) & 0xf000) | (w & 0xfff)),
    dis: (w) => `hvc\t#${((w >>> 4) & 0xf000) | (w & 0xfff)}`,
    random: false,
  },
  {
    // SMC<c> #<imm4>   (B9.3.14 T1)
    name: 'T32_SMC', pattern: '111101111111 iiii 10 0 0 0000 0000 0000',
    exec: (cpu, w) => smc(cpu, w),
    dis: (w, env) => `smc${itc(env)}\t#${(w >>> 16) & 15}`,
    random: false,
  },
  {
    // UDF<c>.W #<imm16>   (A8.8.247 T2)
    name: 'T32_UDF', pattern: '111101111111 iiii 10 1 0 iiiiiiiiiiii',
    exec: (cpu) => takeUndefined(cpu),
    dis: (w, env) => `udf${itc(env)}.w\t#${((w >>> 4) & 0xf000) | (w & 0xfff)}`,
    random: false,
  },
];

// ---------------------------------------------------------------- coprocessor and FP/SIMD space

const CP = new Decoder(A32_COPROC, (i) => ((i >>> 28) << 8) | ((i >>> 20) & 0xff), 0xfff00000 | 0);

/** T32 coprocessor encodings are the A32 ones with cond = 1110 (or 1111 for the "2" forms). */
const same = (w: number): number => w >>> 0;
/** Advanced SIMD data processing: T32 111U 1111 -> A32 1111 001U (A7.4). */
const simdDp = (w: number): number => (0xf2000000 | (((w >>> 28) & 1) << 24) | (w & 0x00ffffff)) >>> 0;
/** Advanced SIMD element/structure load/store: T32 1111 1001 -> A32 1111 0100 (A7.7). */
const simdLs = (w: number): number => (0xf4000000 | (w & 0x00ffffff)) >>> 0;

function cpDef(name: string, pattern: string, conv: (w: number) => number): InstrDef {
  return {
    // Coprocessor, VFP and Advanced SIMD space run through the A32 coprocessor table (A6.3.18)
    name, pattern,
    exec: (cpu: Cpu, w: number) => runA32(CP, cpu, conv(w), w),
    dis: (w: number, env: DisasmEnv) => disA32(CP, conv(w), w, env),
    random: false,
  };
}

const coproc: InstrDef[] = [
  cpDef('T32_CP_LDC', '1110 110x xxxx xxxx xxxx xxxx xxxx xxxx', same),
  cpDef('T32_CP_MCR', '1110 1110 xxxx xxxx xxxx xxxx xxxx xxxx', same),
  cpDef('T32_CP2_LDC', '1111 110x xxxx xxxx xxxx xxxx xxxx xxxx', same),
  cpDef('T32_CP2_MCR', '1111 1110 xxxx xxxx xxxx xxxx xxxx xxxx', same),
  cpDef('T32_SIMD_DP', '111x 1111 xxxx xxxx xxxx xxxx xxxx xxxx', simdDp),
  cpDef('T32_SIMD_LS', '1111 1001 xxx0 xxxx xxxx xxxx xxxx xxxx', simdLs),
];

export const T32_BRANCH: readonly InstrDef[] = [...branches, ...system, ...coproc];

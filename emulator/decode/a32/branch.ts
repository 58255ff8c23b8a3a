// A32 branches: B, BL, BLX (immediate), BX, BLX (register) and BXJ with its HSTR.TJDBX trap.
// ARM ARM A5.5 (branch, branch with link), A5.2.12 (miscellaneous), A5.7 (BLX immediate); A8.8.18-A8.8.28, B1.14.5.

import type { Cpu } from '../../cpu/cpu';
import type { DisasmEnv, InstrDef } from '../instr';
import { takeHypTrap } from '../../cpu/exceptions';
import { condIss, EC, hsr } from '../../cpu/hsr';
import { condStr, reg } from './common';

/** SignExtend(imm24:'00') (A8.8.18). */
function branchOffset(insn: number): number {
  return (insn << 8) >> 6;
}

/** Target text as objdump prints it: bare lowercase hex, then " <symbol>" when one is known. */
function targetText(addr: number, env: DisasmEnv): string {
  const a = addr >>> 0;
  const sym = env.symbol?.(a);
  return sym === undefined ? a.toString(16) : `${a.toString(16)} <${sym}>`;
}

/** Address of the next instruction, the value BL/BLX put in LR in ARM state (A8.8.25). */
function returnAddress(cpu: Cpu): number {
  return (cpu.pc + 4) >>> 0;
}

/** HSTR.TJDBX (bit 17) traps BXJ from Non-secure PL0/PL1 to Hyp mode with EC 0x0A (B1.14.5, B4.1.74). */
const HSTR_TJDBX = 1 << 17;

export const A32_BRANCH: readonly InstrDef[] = [
  {
    // B<c> <label>  (A8.8.18 A1): BranchWritePC(PC + imm32)
    name: 'B', pattern: 'cccc 1010 iiii iiii iiii iiii iiii iiii',
    exec: (cpu, insn) => cpu.branchTo((cpu.r[15] + branchOffset(insn)) >>> 0),
    dis: (insn, env) => `b${condStr(insn)}\t${targetText(env.addr + 8 + branchOffset(insn), env)}`,
    random: false,
    gen: (insn, pc) => `cpu.nextPc = ${((pc + 8 + branchOffset(insn)) & ~3) >>> 0};`,
    genEndsBlock: true,
  },
  {
    // BL<c> <label>  (A8.8.25 A1): LR = address of the next instruction, stay in ARM state
    name: 'BL', pattern: 'cccc 1011 iiii iiii iiii iiii iiii iiii',
    exec: (cpu, insn) => {
      const target = (cpu.r[15] + branchOffset(insn)) >>> 0;
      cpu.r[14] = returnAddress(cpu);
      cpu.branchTo(target);
    },
    dis: (insn, env) => `bl${condStr(insn)}\t${targetText(env.addr + 8 + branchOffset(insn), env)}`,
    random: false,
    gen: (insn, pc) => `r[14] = ${(pc + 4) >>> 0}; cpu.nextPc = ${((pc + 8 + branchOffset(insn)) & ~3) >>> 0};`,
    genEndsBlock: true,
  },
  {
    // BLX <label>  (A8.8.25 A2, unconditional space): target = Align(PC,4) + imm24:H:'0', to Thumb
    name: 'BLX_imm', pattern: '1111 101H iiii iiii iiii iiii iiii iiii',
    exec: (cpu, insn) => {
      const target = (cpu.r[15] + branchOffset(insn) + ((insn >>> 23) & 2)) >>> 0;
      cpu.r[14] = returnAddress(cpu);
      cpu.bxTo((target | 1) >>> 0);
    },
    dis: (insn, env) => `blx\t${targetText(env.addr + 8 + branchOffset(insn) + ((insn >>> 23) & 2), env)}`,
    random: false,
  },
  {
    // BX<c> <Rm>  (A8.8.27 A1): BXWritePC(R[m]); BX PC branches to this address + 8 in ARM state
    name: 'BX', pattern: 'cccc 0001 0010 1111 1111 1111 0001 mmmm',
    exec: (cpu, insn) => cpu.bxTo(cpu.r[insn & 15]),
    dis: (insn) => `bx${condStr(insn)}\t${reg(insn & 15)}`,
    random: false,
    gen: (insn) => ((insn & 15) === 15 ? undefined : `cpu.bxTo(r[${insn & 15}]);`),
    genEndsBlock: true,
  },
  {
    // BLX<c> <Rm>  (A8.8.26 A1): Rm is read before LR is written (BLX LR works); Rm == PC UNPREDICTABLE
    name: 'BLX_reg', pattern: 'cccc 0001 0010 1111 1111 1111 0011 mmmm',
    exec: (cpu, insn) => {
      const target = cpu.r[insn & 15];
      cpu.r[14] = returnAddress(cpu);
      cpu.bxTo(target);
    },
    dis: (insn) => `blx${condStr(insn)}\t${reg(insn & 15)}`,
    random: false,
  },
  {
    // BXJ<c> <Rm>  (A8.8.28 A1). The A15 has the trivial Jazelle implementation, so BXJ acts as BX
    // (J bit never set) unless HSTR.TJDBX traps it from PL0/PL1: HSR EC 0x0A with CV/COND and Rm.
    name: 'BXJ', pattern: 'cccc 0001 0010 1111 1111 1111 0010 mmmm',
    exec: (cpu, insn) => {
      const m = insn & 15;
      if (cpu.pl < 2 && (cpu.sys.hstr & HSTR_TJDBX) !== 0) {
        takeHypTrap(cpu, hsr(EC.Bxj, true, condIss(insn >>> 28) | m), 'bxj');
        return;
      }
      cpu.bxTo(cpu.r[m]);
    },
    dis: (insn) => `bxj${condStr(insn)}\t${reg(insn & 15)}`,
    random: false,
  },
];

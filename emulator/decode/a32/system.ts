// A32 system instructions: MRS/MSR (PSR and banked), CPS, SETEND, SRS/RFE, ERET, HVC, SMC, SVC,
// HLT, BKPT, UDF, hints (NOP/YIELD/WFE/WFI/SEV/DBG), barriers, PLD/PLDW/PLI. A5.2.12, A5.7, B9.3.

import type { InstrDef } from '../instr';
import { condStr, reg, expandImm, shiftImmText } from './common';
import { takeUndefined } from '../../cpu/exceptions';
import { bankedName, doCps, doMrs, doMrsBanked, doMsr, doMsrBanked, doSetend } from './sys-psr';
import { doBkpt, doEret, doHlt, doHvc, doRfe, doSmc, doSrs, doSvc, doWfe, doSev, doWfi } from './sys-exc';

const MSR_FIELDS = ['', 'c', 'x', 'xc', 's', 'sc', 'sx', 'sxc', 'f', 'fc', 'fx', 'fxc', 'fs', 'fsc', 'fsx', 'fsxc'];

function psrText(insn: number): string {
  const r = (insn >>> 22) & 1;
  const mask = (insn >>> 16) & 15;
  return `${r ? 'SPSR' : 'CPSR'}_${MSR_FIELDS[mask]}`;
}

const BARRIER_OPT: Record<number, string> = { 15: 'sy', 14: 'st', 11: 'ish', 10: 'ishst', 7: 'nsh', 6: 'nshst', 3: 'osh', 2: 'oshst' };
const barrierOpt = (o: number): string => BARRIER_OPT[o] ?? `#${o}`;
const MODE_NUM = (insn: number): number => insn & 0x1f;
const AMODE = ['da', 'ia', 'db', 'ib'];

function pldText(insn: number, regForm: boolean): string {
  const rn = reg((insn >>> 16) & 15);
  const u = (insn >>> 23) & 1;
  if (!regForm) {
    const imm = insn & 0xfff;
    return imm === 0 && u ? `[${rn}]` : `[${rn}, #${u ? '' : '-'}${imm}]`;
  }
  return `[${rn}, ${u ? '' : '-'}${reg(insn & 15)}${shiftImmText((insn >>> 5) & 3, (insn >>> 7) & 31)}]`;
}

const nop = (): void => {};

export const A32_SYSTEM: readonly InstrDef[] = [
  {
    // MRS<c> <Rd>, <spec_reg>  (CPSR or SPSR)
    name: 'MRS', pattern: 'cccc 0001 0R00 1111 dddd 0000 0000 0000', random: false,
    exec: (cpu, insn) => { const rd = (insn >>> 12) & 15; if (rd === 15) { takeUndefined(cpu); return; } doMrs(cpu, ((insn >>> 22) & 1) === 1, rd); },
    dis: (insn) => `mrs${condStr(insn)}\t${reg((insn >>> 12) & 15)}, ${(insn >>> 22) & 1 ? 'SPSR' : 'CPSR'}`,
  },
  {
    // MSR<c> <spec_reg>, <Rn>
    name: 'MSR_reg', pattern: 'cccc 0001 0R10 mmmm 1111 0000 0000 nnnn', random: false,
    exec: (cpu, insn) => {
      const rn = insn & 15;
      if (rn === 15 || ((insn >>> 16) & 15) === 0) { takeUndefined(cpu); return; } // UNPREDICTABLE (QEMU UNDEFs)
      doMsr(cpu, ((insn >>> 22) & 1) === 1, (insn >>> 16) & 15, cpu.r[rn]);
    },
    dis: (insn) => `msr${condStr(insn)}\t${psrText(insn)}, ${reg(insn & 15)}`,
  },
  {
    // MSR<c> <spec_reg>, #<const>  (mask != 0; mask == 0 with R == 0 is the hint space)
    name: 'MSR_imm', pattern: 'cccc 0011 0R10 mmmm 1111 iiii iiii iiii', random: false,
    match: (insn) => ((insn >>> 16) & 15) !== 0,
    exec: (cpu, insn) => doMsr(cpu, ((insn >>> 22) & 1) === 1, (insn >>> 16) & 15, expandImm(insn & 0xfff, cpu.c)),
    dis: (insn) => {
      const v = expandImm(insn & 0xfff, 0);
      return `msr${condStr(insn)}\t${psrText(insn)}, #${v | 0}`;
    },
  },
  {
    // MRS<c> <Rd>, <banked_reg>
    name: 'MRS_banked', pattern: 'cccc 0001 0R00 mmmm dddd 001M 0000 0000', random: false,
    exec: (cpu, insn) => doMrsBanked(cpu, (insn >>> 22) & 1, (((insn >>> 8) & 1) << 4) | ((insn >>> 16) & 15), (insn >>> 12) & 15),
    dis: (insn) => `mrs${condStr(insn)}\t${reg((insn >>> 12) & 15)}, ${bankedName((insn >>> 22) & 1, (((insn >>> 8) & 1) << 4) | ((insn >>> 16) & 15)) ?? '<und>'}`,
  },
  {
    // MSR<c> <banked_reg>, <Rn>
    name: 'MSR_banked', pattern: 'cccc 0001 0R10 mmmm 1111 001M 0000 nnnn', random: false,
    exec: (cpu, insn) => doMsrBanked(cpu, (insn >>> 22) & 1, (((insn >>> 8) & 1) << 4) | ((insn >>> 16) & 15), insn & 15),
    dis: (insn) => `msr${condStr(insn)}\t${bankedName((insn >>> 22) & 1, (((insn >>> 8) & 1) << 4) | ((insn >>> 16) & 15)) ?? '<und>'}, ${reg(insn & 15)}`,
  },
  {
    // CPS<effect> <iflags>{, #<mode>}  /  CPS #<mode>
    name: 'CPS', pattern: '1111 0001 0000 iiM0 0000 000A IF0m mmmm', random: false,
    exec: (cpu, insn) => doCps(cpu, (insn >>> 18) & 3, ((insn >>> 17) & 1) === 1, ((insn >>> 8) & 1) === 1, ((insn >>> 7) & 1) === 1, ((insn >>> 6) & 1) === 1, MODE_NUM(insn)),
    dis: (insn) => {
      const imod = (insn >>> 18) & 3;
      const m = (insn >>> 17) & 1;
      const flags = `${(insn >>> 8) & 1 ? 'a' : ''}${(insn >>> 7) & 1 ? 'i' : ''}${(insn >>> 6) & 1 ? 'f' : ''}`;
      if (imod & 2) return `cps${imod & 1 ? 'id' : 'ie'}\t${flags}${m ? `,#${MODE_NUM(insn)}` : ''}`;
      return `cps\t#${MODE_NUM(insn)}`;
    },
  },
  {
    // SETEND <endian_specifier>
    name: 'SETEND', pattern: '1111 0001 0000 0001 0000 00E0 0000 0000', random: false,
    exec: (cpu, insn) => doSetend(cpu, ((insn >>> 9) & 1) === 1),
    dis: (insn) => `setend\t${(insn >>> 9) & 1 ? 'be' : 'le'}`,
  },
  {
    // SRS{<amode>} SP{!}, #<mode>
    name: 'SRS', pattern: '1111 100P U1W0 1101 0000 0101 000m mmmm', random: false,
    exec: (cpu, insn) => doSrs(cpu, ((insn >>> 24) & 1) === 1, ((insn >>> 23) & 1) === 1, ((insn >>> 21) & 1) === 1, MODE_NUM(insn)),
    dis: (insn) => `srs${AMODE[((insn >>> 23) & 1) | (((insn >>> 24) & 1) << 1)]}\tsp${(insn >>> 21) & 1 ? '!' : ''}, #${MODE_NUM(insn)}`,
  },
  {
    // RFE{<amode>} <Rn>{!}
    name: 'RFE', pattern: '1111 100P U0W1 nnnn 0000 1010 0000 0000', random: false,
    exec: (cpu, insn) => doRfe(cpu, ((insn >>> 24) & 1) === 1, ((insn >>> 23) & 1) === 1, ((insn >>> 21) & 1) === 1, (insn >>> 16) & 15),
    dis: (insn) => `rfe${AMODE[((insn >>> 23) & 1) | (((insn >>> 24) & 1) << 1)]}\t${reg((insn >>> 16) & 15)}${(insn >>> 21) & 1 ? '!' : ''}`,
  },
  {
    // ERET<c>
    name: 'ERET', pattern: 'cccc 0001 0110 0000 0000 0000 0110 1110', random: false,
    exec: (cpu) => doEret(cpu),
    dis: (insn) => `eret${condStr(insn)}`,
  },
  {
    // HVC #<imm16>  (imm16 = imm12:imm4)
    name: 'HVC', pattern: 'cccc 0001 0100 iiii iiii iiii 0111 iiii', random: false,
    exec: (cpu, insn) => doHvc(cpu, (((insn >>> 8) & 0xfff) << 4) | (insn & 15)),
    dis: (insn) => {
      const imm = (((insn >>> 8) & 0xfff) << 4) | (insn & 15);
      return `hvc${condStr(insn)}\t${imm}`;
    },
  },
  {
    // SMC<c> #<imm4>
    name: 'SMC', pattern: 'cccc 0001 0110 0000 0000 0000 0111 iiii', random: false,
    exec: (cpu) => doSmc(cpu),
    dis: (insn) => `smc${condStr(insn)}\t${insn & 15}`,
  },
  {
    // SVC<c> #<imm24>
    name: 'SVC', pattern: 'cccc 1111 iiii iiii iiii iiii iiii iiii', random: false,
    exec: (cpu, insn) => doSvc(cpu, insn & 0xffffff),
    dis: (insn) => `svc${condStr(insn)}\t0x${(insn & 0xffffff).toString(16).padStart(8, '0')}`,
  },
  {
    // HLT #<imm16>  (A32 semihosting uses HLT #0xF000)
    name: 'HLT', pattern: 'cccc 0001 0000 iiii iiii iiii 0111 iiii', random: false,
    exec: (cpu, insn) => doHlt(cpu, (((insn >>> 8) & 0xfff) << 4) | (insn & 15)),
    dis: (insn) => `hlt\t0x${((((insn >>> 8) & 0xfff) << 4) | (insn & 15)).toString(16).padStart(4, '0')}`,
  },
  {
    // BKPT #<imm16>
    name: 'BKPT', pattern: 'cccc 0001 0010 iiii iiii iiii 0111 iiii', random: false,
    exec: (cpu) => doBkpt(cpu),
    dis: (insn) => `bkpt\t0x${((((insn >>> 8) & 0xfff) << 4) | (insn & 15)).toString(16).padStart(4, '0')}`,
  },
  {
    // UDF #<imm16>  (permanently UNDEFINED)
    name: 'UDF', pattern: '1110 0111 1111 iiii iiii iiii 1111 iiii', random: false,
    exec: (cpu) => takeUndefined(cpu),
    dis: (insn) => `udf\t#${(((insn >>> 8) & 0xfff) << 4) | (insn & 15)}`,
  },
  {
    // NOP/YIELD/WFE/WFI/SEV/DBG #<option> and unallocated hints (execute as NOP, A5.2.11)
    name: 'HINT', pattern: 'cccc 0011 0010 0000 1111 0000 hhhh hhhh', random: false,
    exec: (cpu, insn) => {
      const h = insn & 0xff;
      if (h === 3) doWfi(cpu);
      else if (h === 2) doWfe(cpu);
      else if (h === 4) doSev(cpu);
    },
    dis: (insn) => {
      const h = insn & 0xff;
      const c = condStr(insn);
      switch (h) {
        case 0: return `nop${c}\t{0}`;
        case 1: return `yield${c}`;
        case 2: return `wfe${c}`;
        case 3: return `wfi${c}`;
        case 4: return `sev${c}`;
        default: return (h & 0xf0) === 0xf0 ? `dbg${c}\t#${h & 15}` : `nop${c}\t{${h}}`;
      }
    },
  },
  {
    // DMB <option>
    name: 'DMB', pattern: '1111 0101 0111 1111 1111 0000 0101 oooo', random: false,
    exec: nop, dis: (insn) => `dmb\t${barrierOpt(insn & 15)}`,
  },
  {
    // DSB <option>
    name: 'DSB', pattern: '1111 0101 0111 1111 1111 0000 0100 oooo', random: false,
    exec: nop, dis: (insn) => `dsb\t${barrierOpt(insn & 15)}`,
  },
  {
    // ISB <option>  (the decode cache sees code writes itself, so nothing to flush)
    name: 'ISB', pattern: '1111 0101 0111 1111 1111 0000 0110 oooo', random: false,
    exec: nop, dis: (insn) => `isb\t${(insn & 15) === 15 ? 'sy' : `#${insn & 15}`}`,
  },
  {
    // PLD/PLDW [<Rn>, #+/-<imm12>]  (hints: never fault)
    name: 'PLD_imm', pattern: '1111 0101 -R01 ---- 1111 ---- ---- ----', random: false,
    exec: nop, dis: (insn) => `pld${(insn >>> 22) & 1 ? '' : 'w'}\t${pldText(insn, false)}`,
  },
  {
    // PLI [<Rn>, #+/-<imm12>]
    name: 'PLI_imm', pattern: '1111 0100 -101 ---- 1111 ---- ---- ----', random: false,
    exec: nop, dis: (insn) => `pli\t${pldText(insn, false)}`,
  },
  {
    // PLD/PLDW [<Rn>, +/-<Rm>{, <shift>}]
    name: 'PLD_reg', pattern: '1111 0111 -R01 ---- 1111 ---- ---0 ----', random: false,
    exec: nop, dis: (insn) => `pld${(insn >>> 22) & 1 ? '' : 'w'}\t${pldText(insn, true)}`,
  },
  {
    // PLI [<Rn>, +/-<Rm>{, <shift>}]
    name: 'PLI_reg', pattern: '1111 0110 -101 ---- 1111 ---- ---0 ----', random: false,
    exec: nop, dis: (insn) => `pli\t${pldText(insn, true)}`,
  },
];

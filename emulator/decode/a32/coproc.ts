// A32 coprocessor space: MRC/MCR/MRRC/MCRR (CP14/CP15 via the register table, CP10/11 = VFP moves),
// LDC/STC, CDP, VFP and Advanced SIMD encodings. A5.6, A7.5-A7.9, A8.8. The implemented FP/SIMD
// encodings live in emulator/fp/ and win by specificity; what they leave falls to the generic
// entries below, which apply the access checks and then stop with "unknown encoding".

import type { Cpu } from '../../cpu/cpu';
import type { InstrDef } from '../instr';
import { condStr, reg, hex } from './common';
import { takeUndefined } from '../../cpu/exceptions';
import { doMcr, doMcrr, doMrc, doMrrc } from './sys-coproc';
import { doVmrs, doVmsr, fpInstruction } from './sys-vfp';
import { FP_TABLE } from '../../fp/table';

const VFP_SYSREG_NAMES: Record<number, string> = { 0: 'fpsid', 1: 'fpscr', 6: 'mvfr1', 7: 'mvfr0', 8: 'fpexc' };

const isVfp = (cp: number): boolean => cp === 10 || cp === 11;

function mcrDis(insn: number): string {
  const l = (insn >>> 20) & 1;
  const cp = (insn >>> 8) & 15;
  const rt = (insn >>> 12) & 15;
  const two = insn >>> 28 === 15 ? '2' : '';
  const rtText = l && rt === 15 ? 'APSR_nzcv' : reg(rt);
  return `${l ? 'mrc' : 'mcr'}${two}${condStr(insn)}\t${cp}, ${(insn >>> 21) & 7}, ${rtText}, cr${(insn >>> 16) & 15}, cr${insn & 15}, {${(insn >>> 5) & 7}}`;
}

function vmovSysDis(insn: number): string {
  const l = (insn >>> 20) & 1;
  const r = (insn >>> 16) & 15;
  const rt = (insn >>> 12) & 15;
  const name = VFP_SYSREG_NAMES[r] ?? `fpcr${r}`;
  if (l) return `vmrs${condStr(insn)}\t${rt === 15 ? 'APSR_nzcv' : reg(rt)}, ${name}`;
  return `vmsr${condStr(insn)}\t${name}, ${reg(rt)}`;
}

/** MRC/MCR on CP10/11 other than VMRS/VMSR are VMOV core<->scalar/single, VDUP: checks only. */
function vfpMove(cpu: Cpu, insn: number): void {
  fpInstruction(cpu, insn, ((insn >>> 8) & 15) === 11 && ((insn >>> 23) & 1) === 1);
}

function ldcDis(insn: number): string {
  const cp = (insn >>> 8) & 15;
  const p = (insn >>> 24) & 1;
  const u = (insn >>> 23) & 1;
  const w = (insn >>> 21) & 1;
  const rn = reg((insn >>> 16) & 15);
  const imm = (insn & 0xff) * 4;
  const mn = `${(insn >>> 20) & 1 ? 'ldc' : 'stc'}${insn >>> 28 === 15 ? '2' : ''}${(insn >>> 22) & 1 ? 'l' : ''}${condStr(insn)}`;
  let addr: string;
  if (p) addr = imm === 0 && u ? `[${rn}]` : `[${rn}, #${u ? '' : '-'}${imm}]${w ? '!' : ''}`;
  else if (w) addr = `[${rn}], #${u ? '' : '-'}${imm}`;
  else addr = `[${rn}], {${insn & 0xff}}`;
  return `${mn}\t${cp}, cr${(insn >>> 12) & 15}, ${addr}`;
}

export const A32_COPROC: readonly InstrDef[] = [
  ...FP_TABLE,
  {
    // MRC<c> <coproc>, <opc1>, <Rt>, <CRn>, <CRm>{, <opc2>}  /  MCR<c> ...
    name: 'MRC_MCR', pattern: 'cccc 1110 oooL nnnn tttt pppp qqq1 mmmm', random: false,
    exec(cpu, insn) {
      const cp = (insn >>> 8) & 15;
      const opc1 = (insn >>> 21) & 7;
      const crn = (insn >>> 16) & 15;
      const rt = (insn >>> 12) & 15;
      const opc2 = (insn >>> 5) & 7;
      const crm = insn & 15;
      const read = ((insn >>> 20) & 1) === 1;
      if (cp === 14 || cp === 15) {
        if (read) doMrc(cpu, cp, opc1, crn, crm, opc2, rt);
        else doMcr(cpu, cp, opc1, crn, crm, opc2, rt);
      } else if (isVfp(cp)) {
        // VMRS/VMSR: cp10, opc1 = 111, CRm = 0, opc2 = 000 (A7.8).
        if (cp === 10 && opc1 === 7 && crm === 0 && opc2 === 0) {
          if (read) doVmrs(cpu, crn, rt);
          else doVmsr(cpu, crn, rt);
        } else vfpMove(cpu, insn);
      } else takeUndefined(cpu);
    },
    dis(insn) {
      const cp = (insn >>> 8) & 15;
      if (cp === 10 && ((insn >>> 21) & 7) === 7 && (insn & 0xff) === 0x10) return vmovSysDis(insn);
      return mcrDis(insn);
    },
  },
  {
    // MRRC<c> <coproc>, <opc1>, <Rt>, <Rt2>, <CRm>  /  MCRR<c> ...
    name: 'MRRC_MCRR', pattern: 'cccc 1100 010L uuuu tttt pppp oooo mmmm', random: false,
    exec(cpu, insn) {
      const cp = (insn >>> 8) & 15;
      const rt2 = (insn >>> 16) & 15;
      const rt = (insn >>> 12) & 15;
      const opc1 = (insn >>> 4) & 15;
      const crm = insn & 15;
      if (cp === 14 || cp === 15) {
        if ((insn >>> 20) & 1) doMrrc(cpu, cp, opc1, crm, rt, rt2);
        else doMcrr(cpu, cp, opc1, crm, rt, rt2);
      } else if (isVfp(cp)) fpInstruction(cpu, insn, false); // VMOV two core registers <-> D/2xS
      else takeUndefined(cpu);
    },
    dis(insn) {
      const l = (insn >>> 20) & 1;
      return `${l ? 'mrrc' : 'mcrr'}${condStr(insn)}\t${(insn >>> 8) & 15}, ${(insn >>> 4) & 15}, ${reg((insn >>> 12) & 15)}, ${reg((insn >>> 16) & 15)}, cr${insn & 15}`;
    },
  },
  {
    // LDC{L}<c> / STC{L}<c> <coproc>, <CRd>, [<Rn>...]: CP10/11 = VLDR/VSTR/VLDM/VSTM/VPUSH/VPOP.
    // QEMU 7.2 implements no LDC/STC on CP14 (verified: UNDEFINED, even in Hyp).
    name: 'LDC_STC', pattern: 'cccc 110P UDWL nnnn dddd pppp iiii iiii', random: false,
    match: (insn) => (insn & 0x01a00000) !== 0, // P=U=W=0 is unallocated (MCRR/MRRC space handled above)
    exec(cpu, insn) {
      const cp = (insn >>> 8) & 15;
      if (isVfp(cp)) fpInstruction(cpu, insn, false);
      else takeUndefined(cpu);
    },
    dis: ldcDis,
  },
  {
    // CDP<c> <coproc>, <opc1>, <CRd>, <CRn>, <CRm>, <opc2>: CP10/11 = VFP data processing.
    name: 'CDP', pattern: 'cccc 1110 oooo nnnn dddd pppp qqq0 mmmm', random: false,
    exec(cpu, insn) {
      if (isVfp((insn >>> 8) & 15)) fpInstruction(cpu, insn, false);
      else takeUndefined(cpu);
    },
    dis: (insn) => `cdp${condStr(insn)}\t${(insn >>> 8) & 15}, ${(insn >>> 20) & 15}, cr${(insn >>> 12) & 15}, cr${(insn >>> 16) & 15}, cr${insn & 15}, {${(insn >>> 5) & 7}}`,
  },
  {
    // Advanced SIMD data-processing (A7.4): unconditional 1111 001x.
    name: 'SIMD_DP', pattern: '1111 001- ---- ---- ---- ---- ---- ----', random: false,
    exec: (cpu, insn) => fpInstruction(cpu, insn, true),
    dis: (insn) => `.inst\t${hex(insn)}\t@ Advanced SIMD`,
  },
  {
    // Advanced SIMD element or structure load/store (A7.7): 1111 0100 xxx0.
    name: 'SIMD_LDST', pattern: '1111 0100 ---0 ---- ---- ---- ---- ----', random: false,
    exec: (cpu, insn) => fpInstruction(cpu, insn, true),
    dis: (insn) => `.inst\t${hex(insn)}\t@ Advanced SIMD load/store`,
  },
  {
    // MRC2/MCR2/CDP2: no coprocessor of the A15 implements them → UNDEFINED.
    name: 'CP2_1110', pattern: '1111 1110 ---- ---- ---- ---- ---- ----', random: false,
    exec: (cpu) => takeUndefined(cpu),
    dis: (insn) => ((insn >>> 4) & 1 ? mcrDis(insn) : `cdp2\t${(insn >>> 8) & 15}, ${(insn >>> 20) & 15}, cr${(insn >>> 12) & 15}, cr${(insn >>> 16) & 15}, cr${insn & 15}, {${(insn >>> 5) & 7}}`),
  },
  {
    // LDC2/STC2/MCRR2/MRRC2 → UNDEFINED.
    name: 'CP2_110', pattern: '1111 110- ---- ---- ---- ---- ---- ----', random: false,
    exec: (cpu) => takeUndefined(cpu),
    dis: (insn) => ((insn & 0x0fe00000) === 0x0c400000
      ? `${(insn >>> 20) & 1 ? 'mrrc2' : 'mcrr2'}\t${(insn >>> 8) & 15}, ${(insn >>> 4) & 15}, ${reg((insn >>> 12) & 15)}, ${reg((insn >>> 16) & 15)}, cr${insn & 15}`
      : ldcDis(insn)),
  },
];

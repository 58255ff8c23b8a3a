// Extension register loads and stores: VLDR/VSTR, VLDM/VSTM (IA, DB!), VPUSH/VPOP and the deprecated
// FLDMX/FSTMX. A7.6 table A7-17, A8.8.332-A8.8.334, A8.8.398-A8.8.400. Word accesses are MemA (aligned).

import type { Cpu } from '../cpu/cpu';
import type { InstrDef } from '../decode/instr';
import { condStr, reg } from '../decode/a32/common';
import { fpAccessOk } from '../decode/a32/sys-vfp';
import { takeUndefined } from '../cpu/exceptions';
import { fpRegs } from './regs';
import { dIdx, sIdx } from './common';

/** Loaded words land here first so an abort part-way leaves every register unchanged. */
const scratch = new Uint32Array(64);

const dpOf = (insn: number): boolean => ((insn >>> 8) & 1) === 1;
const firstReg = (insn: number, dp: boolean): number =>
  (dp ? dIdx((insn >>> 12) & 15, (insn >>> 22) & 1) : sIdx((insn >>> 12) & 15, (insn >>> 22) & 1));

/** Number of registers moved, or 0 when the encoding is UNPREDICTABLE (QEMU: UNDEFINED). */
function regCount(insn: number): number {
  const dp = dpOf(insn);
  const imm8 = insn & 0xff;
  const n = dp ? imm8 >>> 1 : imm8;
  const d = firstReg(insn, dp);
  if (n === 0 || d + n > 32 || (dp && n > 16)) return 0;
  if (((insn >>> 21) & 1) === 1 && ((insn >>> 16) & 15) === 15) return 0; // writeback to PC
  return n;
}

function regRange(dp: boolean, d: number, n: number): string {
  const p = dp ? 'd' : 's';
  return n === 1 ? `{${p}${d}}` : `{${p}${d}-${p}${d + n - 1}}`;
}

function vldmExec(cpu: Cpu, insn: number): void {
  const n = regCount(insn);
  if (n === 0) { takeUndefined(cpu); return; }
  if (!fpAccessOk(cpu, false, false)) return;
  const f = fpRegs(cpu);
  const dp = dpOf(insn);
  const rn = (insn >>> 16) & 15;
  const add = ((insn >>> 23) & 1) === 1;
  const load = ((insn >>> 20) & 1) === 1;
  const imm32 = (insn & 0xff) << 2;
  const base = cpu.r[rn];
  let addr = (add ? base : base - imm32) >>> 0;
  const words = dp ? n * 2 : n;
  const first = dp ? firstReg(insn, dp) * 2 : firstReg(insn, dp);
  if (load) {
    for (let i = 0; i < words; i++, addr = (addr + 4) >>> 0) scratch[i] = cpu.read32Aligned(addr);
    for (let i = 0; i < words; i++) f.w[first + i] = scratch[i];
  } else {
    for (let i = 0; i < words; i++, addr = (addr + 4) >>> 0) cpu.write32Aligned(addr, f.w[first + i]);
  }
  if ((insn >>> 21) & 1) cpu.setReg(rn, (add ? base + imm32 : base - imm32) >>> 0);
}

function vldmDis(insn: number): string {
  const dp = dpOf(insn);
  const imm8 = insn & 0xff;
  const rn = (insn >>> 16) & 15;
  const w = (insn >>> 21) & 1;
  const add = (insn >>> 23) & 1;
  const load = (insn >>> 20) & 1;
  const list = regRange(dp, firstReg(insn, dp), dp ? imm8 >>> 1 : imm8);
  const c = condStr(insn);
  if (dp && (imm8 & 1)) return `f${load ? 'ld' : 'st'}m${add ? 'ia' : 'db'}x${c}\t${reg(rn)}${w ? '!' : ''}, ${list}`;
  if (rn === 13 && w && load && add) return `vpop${c}\t${list}`;
  if (rn === 13 && w && !load && !add) return `vpush${c}\t${list}`;
  return `v${load ? 'ld' : 'st'}m${add ? 'ia' : 'db'}${c}\t${reg(rn)}${w ? '!' : ''}, ${list}`;
}

export const VFP_LS: readonly InstrDef[] = [
  {
    // VLDR<c> <Dd>, [<Rn>{, #+/-<imm>}] / VSTR (A8.8.333, A8.8.400): PC base is Align(PC, 4).
    name: 'VLDR_VSTR', pattern: 'cccc 1101 UD0L nnnn dddd 101s iiii iiii',
    random: false, // the random generator's memory windows only know core load/store names
    exec(cpu, insn) {
      if (!fpAccessOk(cpu, false, false)) return;
      const f = fpRegs(cpu);
      const dp = dpOf(insn);
      const rn = (insn >>> 16) & 15;
      const base = rn === 15 ? cpu.r[15] & ~3 : cpu.r[rn];
      const imm32 = (insn & 0xff) << 2;
      const addr = ((insn >>> 23) & 1 ? base + imm32 : base - imm32) >>> 0;
      const d = firstReg(insn, dp);
      if ((insn >>> 20) & 1) {
        if (dp) {
          const lo = cpu.read32Aligned(addr);
          const hi = cpu.read32Aligned((addr + 4) >>> 0);
          f.setD(d, lo, hi);
        } else f.w[d] = cpu.read32Aligned(addr);
      } else if (dp) {
        cpu.write32Aligned(addr, f.w[d * 2]);
        cpu.write32Aligned((addr + 4) >>> 0, f.w[d * 2 + 1]);
      } else cpu.write32Aligned(addr, f.w[d]);
    },
    dis(insn) {
      const dp = dpOf(insn);
      const imm = (insn & 0xff) << 2;
      const u = (insn >>> 23) & 1;
      const off = u && imm === 0 ? '' : `, #${u ? '' : '-'}${imm}`;
      return `v${(insn >>> 20) & 1 ? 'ldr' : 'str'}${condStr(insn)}\t${dp ? 'd' : 's'}${firstReg(insn, dp)}, [${reg((insn >>> 16) & 15)}${off}]`;
    },
  },
  {
    // VLDMIA<c> <Rn>{!}, <list> / VSTMIA (A8.8.332, A8.8.399); VPOP = VLDMIA SP!.
    name: 'VLDM_IA', pattern: 'cccc 1100 1DWL nnnn dddd 101s iiii iiii',
    random: false,
    exec: vldmExec, dis: vldmDis,
  },
  {
    // VLDMDB<c> <Rn>!, <list> / VSTMDB; VPUSH = VSTMDB SP!.
    name: 'VLDM_DB', pattern: 'cccc 1101 0D1L nnnn dddd 101s iiii iiii',
    random: false,
    exec: vldmExec, dis: vldmDis,
  },
];

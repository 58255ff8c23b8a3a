// 32-bit T32 LDM/STM (incl. PUSH.W/POP.W), SRS/RFE, LDRD/STRD, exclusives and TBB/TBH.
// ARM ARM A6.3.5 (load/store multiple), A6.3.6 (dual, exclusive, table branch); B9.3.13 RFE, B9.3.16 SRS.

import type { Cpu } from '../../cpu/cpu';
import type { InstrDef } from '../instr';
import { regList } from '../a32/common';
import { Mode, modeInfo } from '../../cpu/psr';
import { exceptionReturn, takeUndefined } from '../../cpu/exceptions';
import { itc, itCtl, R, RD, RM, RN, RT } from './common';
import { ldm, popcount16, stm } from './mem';

const W = (w: number): boolean => (w & 0x200000) !== 0;

const multiple: InstrDef[] = [
  {
    // STM<c>.W <Rn>{!}, <registers>   (A8.8.199 T2)
    name: 'T32_STMIA', pattern: '1110100 01 0 W 0 nnnn 0 M 0 lllllllllllll',
    exec: (cpu, w) => {
      const base = cpu.r[RN(w)];
      stm(cpu, RN(w), w & 0xffff, base, W(w), base + 4 * popcount16(w & 0xffff));
    },
    dis: (w, env) => `stmia${itc(env)}.w\t${R(RN(w))}${W(w) ? '!' : ''}, ${regList(w & 0xffff)}`,
  },
  {
    // LDM<c>.W <Rn>{!}, <registers>   (A8.8.58 T2; POP.W when Rn = SP with writeback)
    name: 'T32_LDMIA', pattern: '1110100 01 0 W 1 nnnn P M 0 lllllllllllll',
    exec: (cpu, w) => {
      const base = cpu.r[RN(w)];
      ldm(cpu, RN(w), w & 0xffff, base, W(w), base + 4 * popcount16(w & 0xffff));
    },
    dis: (w, env) => `ldmia${itc(env)}.w\t${R(RN(w))}${W(w) ? '!' : ''}, ${regList(w & 0xffff)}`,
  },
  {
    // STMDB<c> <Rn>{!}, <registers>   (A8.8.200 T1; PUSH.W when Rn = SP with writeback)
    name: 'T32_STMDB', pattern: '1110100 10 0 W 0 nnnn 0 M 0 lllllllllllll',
    exec: (cpu, w) => {
      const start = cpu.r[RN(w)] - 4 * popcount16(w & 0xffff);
      stm(cpu, RN(w), w & 0xffff, start, W(w), start);
    },
    dis: (w, env) => `stmdb${itc(env)}\t${R(RN(w))}${W(w) ? '!' : ''}, ${regList(w & 0xffff)}`,
  },
  {
    // LDMDB<c> <Rn>{!}, <registers>   (A8.8.60 T1)
    name: 'T32_LDMDB', pattern: '1110100 10 0 W 1 nnnn P M 0 lllllllllllll',
    exec: (cpu, w) => {
      const start = cpu.r[RN(w)] - 4 * popcount16(w & 0xffff);
      ldm(cpu, RN(w), w & 0xffff, start, W(w), start);
    },
    dis: (w, env) => `ldmdb${itc(env)}\t${R(RN(w))}${W(w) ? '!' : ''}, ${regList(w & 0xffff)}`,
  },
  {
    // SRSDB/SRSIA<c> SP{!}, #<mode>   (B9.3.16 T1/T2): store LR and SPSR to the stack of <mode>
    name: 'T32_SRS', pattern: '1110100 oo 0 W 0 1101 1100 0000 000 mmmmm',
    match: (w) => ((w >>> 23) & 3) === 0 || ((w >>> 23) & 3) === 3,
    exec: (cpu, w) => srs(cpu, w),
    dis: (w, env) => `srs${(w >>> 23) & 3 ? 'ia' : 'db'}${itc(env)}\tsp${W(w) ? '!' : ''}, #${w & 31}`,
    random: false,
  },
  {
    // RFEDB/RFEIA<c> <Rn>{!}   (B9.3.13 T1/T2): load PC and CPSR
    name: 'T32_RFE', pattern: '1110100 oo 0 W 1 nnnn 1100 0000 0000 0000',
    match: (w) => ((w >>> 23) & 3) === 0 || ((w >>> 23) & 3) === 3,
    exec: (cpu, w) => rfe(cpu, w),
    dis: (w, env) => `rfe${(w >>> 23) & 3 ? 'ia' : 'db'}${itc(env)}\t${R(RN(w))}${W(w) ? '!' : ''}`,
    random: false,
  },
];

/** SRS: UNDEFINED in User and Hyp modes (B9.3.16); a target mode that is invalid or Hyp UNDEFs (QEMU). */
function srs(cpu: Cpu, w: number): void {
  const m = w & 31;
  if (cpu.pl === 0 || cpu.mode === Mode.HYP || !modeInfo(m) || m === Mode.HYP || m === Mode.MON || m === Mode.USR) {
    takeUndefined(cpu);
    return;
  }
  const inc = ((w >>> 23) & 3) === 3;
  const sp = cpu.readBanked(13, m as Mode);
  const start = inc ? sp : sp - 8;
  cpu.write32Aligned(start, cpu.r[14]);
  cpu.write32Aligned(start + 4, cpu.spsr);
  if (W(w)) cpu.writeBanked(13, m as Mode, inc ? sp + 8 : sp - 8);
}

/** RFE: UNDEFINED in User mode; in Hyp mode UNDEFINED too (B9.3.13, as QEMU). */
function rfe(cpu: Cpu, w: number): void {
  if (cpu.pl === 0 || cpu.mode === Mode.HYP) { takeUndefined(cpu); return; }
  const inc = ((w >>> 23) & 3) === 3;
  const n = RN(w);
  const base = cpu.r[n];
  const start = inc ? base : base - 8;
  const pc = cpu.read32Aligned(start);
  const psr = cpu.read32Aligned(start + 4);
  if (W(w)) cpu.r[n] = (inc ? base + 8 : base - 8) >>> 0;
  itCtl.written = true;
  exceptionReturn(cpu, pc, psr);
}

// ---------------------------------------------------------------- dual and exclusive

const IMM8x4 = (w: number): number => (w & 0xff) * 4;

function dualAddr(w: number, base: number): { addr: number; wbv: number } {
  const off = IMM8x4(w);
  const offAddr = (w & 0x800000 ? base + off : base - off) >>> 0;
  return { addr: (w & 0x1000000 ? offAddr : base) >>> 0, wbv: offAddr };
}

function dualText(w: number): string {
  const p = (w & 0x1000000) !== 0;
  const u = (w & 0x800000) !== 0;
  const imm = `#${u ? '' : '-'}${IMM8x4(w)}`;
  if (!p) return `[${R(RN(w))}], ${imm}`;
  if (u && IMM8x4(w) === 0 && !W(w)) return `[${R(RN(w))}]`;
  return `[${R(RN(w))}, ${imm}]${W(w) ? '!' : ''}`;
}

/** Exclusive monitor (A3.4): mark the address; a store succeeds only if the monitor holds it. */
function markExclusive(cpu: Cpu, addr: number, size: number): void {
  cpu.exclusiveAddr = addr >>> 0;
  cpu.exclusiveSize = size;
}

function exclusivePass(cpu: Cpu, addr: number, size: number): boolean {
  const ok = cpu.exclusiveAddr === addr >>> 0 && cpu.exclusiveSize === size;
  return ok;
}

const dual: InstrDef[] = [
  {
    // STRD<c> <Rt>, <Rt2>, [<Rn>{, #+/-<imm>}]{!} / [<Rn>], #+/-<imm>   (A8.8.210 T1)
    name: 'T32_STRD', pattern: '1110100 P U 1 W 0 nnnn tttt ssss iiiiiiii',
    match: (w) => (w & 0x1200000) !== 0,
    exec: (cpu, w) => {
      const { addr, wbv } = dualAddr(w, cpu.r[RN(w)]);
      cpu.write32Aligned(addr, cpu.r[RT(w)]);
      cpu.write32Aligned((addr + 4) >>> 0, cpu.r[RD(w)]);
      if (W(w)) cpu.r[RN(w)] = wbv;
    },
    dis: (w, env) => `strd${itc(env)}\t${R(RT(w))}, ${R(RD(w))}, ${dualText(w)}`,
  },
  {
    // LDRD<c> <Rt>, <Rt2>, [<Rn>{, #+/-<imm>}]{!} / [<Rn>], #+/-<imm>   (A8.8.72 T1)
    name: 'T32_LDRD', pattern: '1110100 P U 1 W 1 nnnn tttt ssss iiiiiiii',
    match: (w) => (w & 0x1200000) !== 0 && RN(w) !== 15,
    exec: (cpu, w) => {
      const { addr, wbv } = dualAddr(w, cpu.r[RN(w)]);
      const a = cpu.read32Aligned(addr);
      const b = cpu.read32Aligned((addr + 4) >>> 0);
      if (W(w)) cpu.r[RN(w)] = wbv;
      cpu.r[RT(w)] = a;
      cpu.r[RD(w)] = b;
    },
    dis: (w, env) => `ldrd${itc(env)}\t${R(RT(w))}, ${R(RD(w))}, ${dualText(w)}`,
  },
  {
    // LDRD<c> <Rt>, <Rt2>, [PC, #+/-<imm>]   (A8.8.73 T1)
    name: 'T32_LDRD_lit', pattern: '1110100 P U 1 W 1 1111 tttt ssss iiiiiiii',
    match: (w) => (w & 0x1200000) !== 0,
    exec: (cpu, w) => {
      const base = cpu.r[15] & ~3;
      const addr = (w & 0x800000 ? base + IMM8x4(w) : base - IMM8x4(w)) >>> 0;
      const a = cpu.read32(addr);
      const b = cpu.read32((addr + 4) >>> 0);
      cpu.r[RT(w)] = a;
      cpu.r[RD(w)] = b;
    },
    dis: (w, env) => `ldrd${itc(env)}\t${R(RT(w))}, ${R(RD(w))}, ${dualText(w)}`,
  },
  {
    // LDREX<c> <Rt>, [<Rn>{, #<imm>}]   (A8.8.75 T1)
    name: 'T32_LDREX', pattern: '111010000101 nnnn tttt 1111 iiiiiiii',
    exec: (cpu, w) => {
      const addr = (cpu.r[RN(w)] + IMM8x4(w)) >>> 0;
      const v = cpu.read32Aligned(addr);
      markExclusive(cpu, addr, 4);
      cpu.r[RT(w)] = v;
    },
    dis: (w, env) => `ldrex${itc(env)}\t${R(RT(w))}, [${R(RN(w))}${IMM8x4(w) ? `, #${IMM8x4(w)}` : ''}]`,
  },
  {
    // STREX<c> <Rd>, <Rt>, [<Rn>{, #<imm>}]   (A8.8.212 T1)
    name: 'T32_STREX', pattern: '111010000100 nnnn tttt dddd iiiiiiii',
    exec: (cpu, w) => {
      const addr = (cpu.r[RN(w)] + IMM8x4(w)) >>> 0;
      if ((addr & 3) !== 0) throw cpu.alignmentFault(addr, true);
      if (exclusivePass(cpu, addr, 4)) {
        cpu.write32Aligned(addr, cpu.r[RT(w)]);
        cpu.r[RD(w)] = 0;
      } else cpu.r[RD(w)] = 1;
      cpu.exclusiveAddr = -1;
    },
    dis: (w, env) => `strex${itc(env)}\t${R(RD(w))}, ${R(RT(w))}, [${R(RN(w))}${IMM8x4(w) ? `, #${IMM8x4(w)}` : ''}]`,
  },
  ...[0, 1].map((h): InstrDef => ({
    // LDREXB/LDREXH<c> <Rt>, [<Rn>]   (A8.8.76/A8.8.78 T1)
    name: h ? 'T32_LDREXH' : 'T32_LDREXB', pattern: `111010001101 nnnn tttt 1111 010${h} 1111`,
    exec: (cpu, w) => {
      const addr = cpu.r[RN(w)] >>> 0;
      let v: number;
      if (h) {
        if (addr & 1) throw cpu.alignmentFault(addr, false);
        v = cpu.read16(addr);
      } else v = cpu.read8(addr);
      markExclusive(cpu, addr, h ? 2 : 1);
      cpu.r[RT(w)] = v;
    },
    dis: (w, env) => `ldrex${h ? 'h' : 'b'}${itc(env)}\t${R(RT(w))}, [${R(RN(w))}]`,
  })),
  ...[0, 1].map((h): InstrDef => ({
    // STREXB/STREXH<c> <Rd>, <Rt>, [<Rn>]   (A8.8.213/A8.8.215 T1)
    name: h ? 'T32_STREXH' : 'T32_STREXB', pattern: `111010001100 nnnn tttt 1111 010${h} dddd`,
    exec: (cpu, w) => {
      const addr = cpu.r[RN(w)] >>> 0;
      if (h && (addr & 1)) throw cpu.alignmentFault(addr, true);
      if (exclusivePass(cpu, addr, h ? 2 : 1)) {
        if (h) cpu.write16(addr, cpu.r[RT(w)] & 0xffff);
        else cpu.write8(addr, cpu.r[RT(w)] & 0xff);
        cpu.r[RM(w)] = 0;
      } else cpu.r[RM(w)] = 1;
      cpu.exclusiveAddr = -1;
    },
    dis: (w, env) => `strex${h ? 'h' : 'b'}${itc(env)}\t${R(RM(w))}, ${R(RT(w))}, [${R(RN(w))}]`,
  })),
  {
    // LDREXD<c> <Rt>, <Rt2>, [<Rn>]   (A8.8.77 T1)
    name: 'T32_LDREXD', pattern: '111010001101 nnnn tttt ssss 0111 1111',
    exec: (cpu, w) => {
      const addr = cpu.r[RN(w)] >>> 0;
      if (addr & 7) throw cpu.alignmentFault(addr, false);
      const a = cpu.read32Aligned(addr);
      const b = cpu.read32Aligned((addr + 4) >>> 0);
      markExclusive(cpu, addr, 8);
      cpu.r[RT(w)] = a;
      cpu.r[RD(w)] = b;
    },
    dis: (w, env) => `ldrexd${itc(env)}\t${R(RT(w))}, ${R(RD(w))}, [${R(RN(w))}]`,
  },
  {
    // STREXD<c> <Rd>, <Rt>, <Rt2>, [<Rn>]   (A8.8.214 T1)
    name: 'T32_STREXD', pattern: '111010001100 nnnn tttt ssss 0111 dddd',
    exec: (cpu, w) => {
      const addr = cpu.r[RN(w)] >>> 0;
      if (addr & 7) throw cpu.alignmentFault(addr, true);
      if (exclusivePass(cpu, addr, 8)) {
        cpu.write32Aligned(addr, cpu.r[RT(w)]);
        cpu.write32Aligned((addr + 4) >>> 0, cpu.r[RD(w)]);
        cpu.r[RM(w)] = 0;
      } else cpu.r[RM(w)] = 1;
      cpu.exclusiveAddr = -1;
    },
    dis: (w, env) => `strexd${itc(env)}\t${R(RM(w))}, ${R(RT(w))}, ${R(RD(w))}, [${R(RN(w))}]`,
  },
  {
    // TBB<c> [<Rn>, <Rm>] / TBH<c> [<Rn>, <Rm>, LSL #1]   (A8.8.238 T1): PC + 2 * table entry
    name: 'T32_TBB', pattern: '111010001101 nnnn 1111 0000 000h mmmm',
    exec: (cpu, w) => {
      const base = cpu.r[RN(w)];
      const m = cpu.r[RM(w)];
      const len = (w & 0x10) ? cpu.read16((base + m * 2) >>> 0) : cpu.read8((base + m) >>> 0);
      cpu.branchTo((cpu.r[15] + 2 * len) >>> 0);
    },
    dis: (w, env) => (w & 0x10
      ? `tbh${itc(env)}\t[${R(RN(w))}, ${R(RM(w))}, lsl #1]`
      : `tbb${itc(env)}\t[${R(RN(w))}, ${R(RM(w))}]`),
    random: false,
  },
];

export const T32_BLOCK: readonly InstrDef[] = [...multiple, ...dual];

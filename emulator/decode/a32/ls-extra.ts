// A32 extra load/store: LDRH/STRH/LDRSB/LDRSH/LDRD/STRD (immediate, register, literal) and the
// unprivileged LDRHT/STRHT/LDRSBT/LDRSHT. ARM ARM A5.2.8; A8.8.72-A8.8.90, A8.8.210-A8.8.218.

import type { Cpu } from '../../cpu/cpu';
import type { InstrDef } from '../instr';
import { takeUndefined } from '../../cpu/exceptions';
import { reg } from './common';
import {
  bitP, bitU, bitW, fRm, fRn, fRt, imm8Split, loadUnpriv, memImmText, memRegText, mn, storeUnpriv, wback,
  writeBase,
} from './ls-common';

const enum Kind { H = 0, SB = 1, SH = 2 }

/** Halfword / signed loads: access, then base writeback, then Rt (QEMU's op_load_ri order). */
function loadHalf(cpu: Cpu, insn: number, offset: number, kind: Kind): void {
  const n = fRn(insn);
  const t = fRt(insn);
  const base = cpu.r[n];
  const offAddr = (bitU(insn) ? base + offset : base - offset) >>> 0;
  const addr = bitP(insn) ? offAddr : base;
  let data: number;
  if (kind === Kind.SB) data = ((cpu.read8(addr) << 24) >> 24) >>> 0;
  else if (kind === Kind.SH) data = ((cpu.read16(addr) << 16) >> 16) >>> 0;
  else data = cpu.read16(addr);
  if (wback(insn)) writeBase(cpu, n, offAddr);
  // Rt == PC is UNPREDICTABLE; QEMU treats it as a load to PC.
  if (t === 15) cpu.loadWritePC(data);
  else cpu.r[t] = data;
}

/** Literal forms (A8.8.81 etc.): Align(PC, 4) +/- imm8, no writeback. */
function loadHalfLiteral(cpu: Cpu, insn: number, kind: Kind): void {
  const t = fRt(insn);
  const base = (cpu.r[15] & ~3) >>> 0;
  const imm = imm8Split(insn);
  const addr = (bitU(insn) ? base + imm : base - imm) >>> 0;
  let data: number;
  if (kind === Kind.SB) data = ((cpu.read8(addr) << 24) >> 24) >>> 0;
  else if (kind === Kind.SH) data = ((cpu.read16(addr) << 16) >> 16) >>> 0;
  else data = cpu.read16(addr);
  if (t === 15) cpu.loadWritePC(data);
  else cpu.r[t] = data;
}

function storeHalf(cpu: Cpu, insn: number, offset: number): void {
  const n = fRn(insn);
  const base = cpu.r[n];
  const offAddr = (bitU(insn) ? base + offset : base - offset) >>> 0;
  const addr = bitP(insn) ? offAddr : base;
  cpu.write16(addr, cpu.r[fRt(insn)] & 0xffff);
  if (wback(insn)) writeBase(cpu, n, offAddr);
}

/**
 * LDRD/STRD decode checks. Rt odd is UNPREDICTABLE and P == 0 && W == 1 is UNPREDICTABLE
 * (A8.8.72); QEMU UNDEFs both (trans_LDRD_rr, and no decode pattern for P=0 W=1), so do we.
 */
function dualUndef(cpu: Cpu, insn: number): boolean {
  if ((fRt(insn) & 1) !== 0 || (!bitP(insn) && bitW(insn))) {
    takeUndefined(cpu);
    return true;
  }
  return false;
}

/**
 * Rt2 = R15 (Rt == 14) is UNPREDICTABLE; QEMU's store_reg writes it as a plain branch.
 * Both words are loaded with MemA (word alignment required, A8.8.72) before any register changes.
 */
function setPair(cpu: Cpu, t: number, lo: number, hi: number): void {
  cpu.r[t] = lo;
  if (t + 1 === 15) cpu.branchTo(hi);
  else cpu.r[t + 1] = hi;
}

function loadDual(cpu: Cpu, insn: number, offset: number): void {
  if (dualUndef(cpu, insn)) return;
  const n = fRn(insn);
  const base = cpu.r[n];
  const offAddr = (bitU(insn) ? base + offset : base - offset) >>> 0;
  const addr = bitP(insn) ? offAddr : base;
  const lo = cpu.read32Aligned(addr);
  const hi = cpu.read32Aligned((addr + 4) >>> 0);
  // QEMU writes Rt/Rt2 before the base (do_ldrd_load, then op_addr_*_post); the overlap is UNPREDICTABLE.
  setPair(cpu, fRt(insn), lo, hi);
  if (wback(insn)) writeBase(cpu, n, offAddr);
}

function storeDual(cpu: Cpu, insn: number, offset: number): void {
  if (dualUndef(cpu, insn)) return;
  const n = fRn(insn);
  const t = fRt(insn);
  const base = cpu.r[n];
  const offAddr = (bitU(insn) ? base + offset : base - offset) >>> 0;
  const addr = bitP(insn) ? offAddr : base;
  // Rt2 == PC stores PC + 8. A fault on the second word leaves the first one written (QEMU
  // does one 64-bit access instead); registers are unchanged either way.
  const lo = cpu.r[t];
  const hi = cpu.r[t + 1];
  cpu.write32Aligned(addr, lo);
  cpu.write32Aligned((addr + 4) >>> 0, hi);
  if (wback(insn)) writeBase(cpu, n, offAddr);
}

/** objdump treats a pre-indexed PC base as a literal and drops the '!' (UNPREDICTABLE anyway). */
const disImm = (name: string) => (insn: number): string =>
  `${mn(name, insn)}\t${reg(fRt(insn))}, ${memImmText(fRn(insn), imm8Split(insn), bitP(insn), bitU(insn), bitW(insn) && fRn(insn) !== 15)}`;

const disReg = (name: string) => (insn: number): string =>
  `${mn(name, insn)}\t${reg(fRt(insn))}, ${memRegText(fRn(insn), fRm(insn), bitP(insn), bitU(insn), bitW(insn), '')}`;

const disImmT = (name: string) => (insn: number): string =>
  `${mn(name, insn)}\t${reg(fRt(insn))}, ${memImmText(fRn(insn), imm8Split(insn), false, bitU(insn), false)}`;

const disRegT = (name: string) => (insn: number): string =>
  `${mn(name, insn)}\t${reg(fRt(insn))}, ${memRegText(fRn(insn), fRm(insn), false, bitU(insn), false, '')}`;

// UNPREDICTABLE operand combinations, vetoed for random streams (A8.8.80 etc.).
const wbOk = (insn: number): boolean => !wback(insn) || (fRn(insn) !== 15 && fRn(insn) !== fRt(insn));
const singleOk = (insn: number): boolean => fRt(insn) !== 15 && wbOk(insn);
const singleRegOk = (insn: number): boolean => singleOk(insn) && fRm(insn) !== 15;
const dualOk = (insn: number): boolean => {
  const t = fRt(insn);
  const n = fRn(insn);
  if ((t & 1) !== 0 || t === 14 || (!bitP(insn) && bitW(insn))) return false;
  return !wback(insn) || (n !== 15 && n !== t && n !== t + 1);
};
const unprivOk = (insn: number): boolean => {
  const n = fRn(insn);
  const t = fRt(insn);
  return n !== 15 && t !== 15 && n !== t;
};
const unprivRegOk = (insn: number): boolean => unprivOk(insn) && fRm(insn) !== 15;

export const A32_LS_EXTRA: readonly InstrDef[] = [
  {
    // STRH<c> <Rt>, [<Rn>{, #+/-<imm8>}]{!} / [<Rn>], #+/-<imm8>  (A8.8.217 A1)
    name: 'STRH_imm', pattern: 'cccc 000P U1W0 nnnn tttt iiii 1011 iiii',
    exec: (cpu, insn) => storeHalf(cpu, insn, imm8Split(insn)),
    dis: disImm('strh'), random: singleOk,
  },
  {
    // STRH<c> <Rt>, [<Rn>, +/-<Rm>]{!} / [<Rn>], +/-<Rm>  (A8.8.218 A1)
    name: 'STRH_reg', pattern: 'cccc 000P U0W0 nnnn tttt 0000 1011 mmmm',
    exec: (cpu, insn) => storeHalf(cpu, insn, cpu.r[fRm(insn)]),
    dis: disReg('strh'), random: singleRegOk,
  },
  {
    // LDRH<c> <Rt>, [<Rn>{, #+/-<imm8>}]{!}  (A8.8.80 A1)
    name: 'LDRH_imm', pattern: 'cccc 000P U1W1 nnnn tttt iiii 1011 iiii',
    exec: (cpu, insn) => loadHalf(cpu, insn, imm8Split(insn), Kind.H),
    dis: disImm('ldrh'), random: singleOk,
  },
  {
    // LDRH<c> <Rt>, [PC, #+/-<imm8>]  (A8.8.81 A1)
    name: 'LDRH_lit', pattern: 'cccc 0001 U101 1111 tttt iiii 1011 iiii',
    exec: (cpu, insn) => loadHalfLiteral(cpu, insn, Kind.H),
    dis: disImm('ldrh'), random: (insn) => fRt(insn) !== 15,
  },
  {
    // LDRH<c> <Rt>, [<Rn>, +/-<Rm>]{!}  (A8.8.82 A1)
    name: 'LDRH_reg', pattern: 'cccc 000P U0W1 nnnn tttt 0000 1011 mmmm',
    exec: (cpu, insn) => loadHalf(cpu, insn, cpu.r[fRm(insn)], Kind.H),
    dis: disReg('ldrh'), random: singleRegOk,
  },
  {
    // LDRSB<c> <Rt>, [<Rn>{, #+/-<imm8>}]{!}  (A8.8.84 A1)
    name: 'LDRSB_imm', pattern: 'cccc 000P U1W1 nnnn tttt iiii 1101 iiii',
    exec: (cpu, insn) => loadHalf(cpu, insn, imm8Split(insn), Kind.SB),
    dis: disImm('ldrsb'), random: singleOk,
  },
  {
    // LDRSB<c> <Rt>, [PC, #+/-<imm8>]  (A8.8.85 A1)
    name: 'LDRSB_lit', pattern: 'cccc 0001 U101 1111 tttt iiii 1101 iiii',
    exec: (cpu, insn) => loadHalfLiteral(cpu, insn, Kind.SB),
    dis: disImm('ldrsb'), random: (insn) => fRt(insn) !== 15,
  },
  {
    // LDRSB<c> <Rt>, [<Rn>, +/-<Rm>]{!}  (A8.8.86 A1)
    name: 'LDRSB_reg', pattern: 'cccc 000P U0W1 nnnn tttt 0000 1101 mmmm',
    exec: (cpu, insn) => loadHalf(cpu, insn, cpu.r[fRm(insn)], Kind.SB),
    dis: disReg('ldrsb'), random: singleRegOk,
  },
  {
    // LDRSH<c> <Rt>, [<Rn>{, #+/-<imm8>}]{!}  (A8.8.88 A1)
    name: 'LDRSH_imm', pattern: 'cccc 000P U1W1 nnnn tttt iiii 1111 iiii',
    exec: (cpu, insn) => loadHalf(cpu, insn, imm8Split(insn), Kind.SH),
    dis: disImm('ldrsh'), random: singleOk,
  },
  {
    // LDRSH<c> <Rt>, [PC, #+/-<imm8>]  (A8.8.89 A1)
    name: 'LDRSH_lit', pattern: 'cccc 0001 U101 1111 tttt iiii 1111 iiii',
    exec: (cpu, insn) => loadHalfLiteral(cpu, insn, Kind.SH),
    dis: disImm('ldrsh'), random: (insn) => fRt(insn) !== 15,
  },
  {
    // LDRSH<c> <Rt>, [<Rn>, +/-<Rm>]{!}  (A8.8.90 A1)
    name: 'LDRSH_reg', pattern: 'cccc 000P U0W1 nnnn tttt 0000 1111 mmmm',
    exec: (cpu, insn) => loadHalf(cpu, insn, cpu.r[fRm(insn)], Kind.SH),
    dis: disReg('ldrsh'), random: singleRegOk,
  },
  {
    // LDRD<c> <Rt>, <Rt2>, [<Rn>{, #+/-<imm8>}]{!}  (A8.8.72 A1). objdump 2.40 prints only Rt.
    name: 'LDRD_imm', pattern: 'cccc 000P U1W0 nnnn tttt iiii 1101 iiii',
    exec: (cpu, insn) => loadDual(cpu, insn, imm8Split(insn)),
    dis: disImm('ldrd'), random: dualOk,
  },
  {
    // LDRD<c> <Rt>, <Rt2>, [PC, #+/-<imm8>]  (A8.8.73 A1)
    name: 'LDRD_lit', pattern: 'cccc 0001 U100 1111 tttt iiii 1101 iiii',
    exec: (cpu, insn) => {
      if (dualUndef(cpu, insn)) return;
      const base = (cpu.r[15] & ~3) >>> 0;
      const imm = imm8Split(insn);
      const addr = (bitU(insn) ? base + imm : base - imm) >>> 0;
      const lo = cpu.read32Aligned(addr);
      const hi = cpu.read32Aligned((addr + 4) >>> 0);
      setPair(cpu, fRt(insn), lo, hi);
    },
    dis: disImm('ldrd'), random: dualOk,
  },
  {
    // LDRD<c> <Rt>, <Rt2>, [<Rn>, +/-<Rm>]{!}  (A8.8.74 A1)
    name: 'LDRD_reg', pattern: 'cccc 000P U0W0 nnnn tttt 0000 1101 mmmm',
    exec: (cpu, insn) => loadDual(cpu, insn, cpu.r[fRm(insn)]),
    dis: disReg('ldrd'),
    random: (insn) => dualOk(insn) && fRm(insn) !== 15 && fRm(insn) !== fRt(insn) && fRm(insn) !== fRt(insn) + 1,
  },
  {
    // STRD<c> <Rt>, <Rt2>, [<Rn>{, #+/-<imm8>}]{!}  (A8.8.210 A1)
    name: 'STRD_imm', pattern: 'cccc 000P U1W0 nnnn tttt iiii 1111 iiii',
    exec: (cpu, insn) => storeDual(cpu, insn, imm8Split(insn)),
    dis: disImm('strd'), random: dualOk,
  },
  {
    // STRD<c> <Rt>, <Rt2>, [<Rn>, +/-<Rm>]{!}  (A8.8.211 A1)
    name: 'STRD_reg', pattern: 'cccc 000P U0W0 nnnn tttt 0000 1111 mmmm',
    exec: (cpu, insn) => storeDual(cpu, insn, cpu.r[fRm(insn)]),
    dis: disReg('strd'), random: (insn) => dualOk(insn) && fRm(insn) !== 15,
  },
  // Unprivileged forms: P = 0, W = 1, always post-indexed (A8.8.83, A8.8.87, A8.8.91, A8.8.216).
  {
    // STRHT<c> <Rt>, [<Rn>], #+/-<imm8>  (A8.8.216 A1)
    name: 'STRHT_imm', pattern: 'cccc 0000 U110 nnnn tttt iiii 1011 iiii',
    exec: (cpu, insn) => storeUnpriv(cpu, insn, imm8Split(insn), 2),
    dis: disImmT('strht'), random: unprivOk,
  },
  {
    // STRHT<c> <Rt>, [<Rn>], +/-<Rm>  (A8.8.216 A2)
    name: 'STRHT_reg', pattern: 'cccc 0000 U010 nnnn tttt 0000 1011 mmmm',
    exec: (cpu, insn) => storeUnpriv(cpu, insn, cpu.r[fRm(insn)], 2),
    dis: disRegT('strht'), random: unprivRegOk,
  },
  {
    // LDRHT<c> <Rt>, [<Rn>], #+/-<imm8>  (A8.8.83 A1)
    name: 'LDRHT_imm', pattern: 'cccc 0000 U111 nnnn tttt iiii 1011 iiii',
    exec: (cpu, insn) => loadUnpriv(cpu, insn, imm8Split(insn), 2, false),
    dis: disImmT('ldrht'), random: unprivOk,
  },
  {
    // LDRHT<c> <Rt>, [<Rn>], +/-<Rm>  (A8.8.83 A2)
    name: 'LDRHT_reg', pattern: 'cccc 0000 U011 nnnn tttt 0000 1011 mmmm',
    exec: (cpu, insn) => loadUnpriv(cpu, insn, cpu.r[fRm(insn)], 2, false),
    dis: disRegT('ldrht'), random: unprivRegOk,
  },
  {
    // LDRSBT<c> <Rt>, [<Rn>], #+/-<imm8>  (A8.8.87 A1)
    name: 'LDRSBT_imm', pattern: 'cccc 0000 U111 nnnn tttt iiii 1101 iiii',
    exec: (cpu, insn) => loadUnpriv(cpu, insn, imm8Split(insn), 1, true),
    dis: disImmT('ldrsbt'), random: unprivOk,
  },
  {
    // LDRSBT<c> <Rt>, [<Rn>], +/-<Rm>  (A8.8.87 A2)
    name: 'LDRSBT_reg', pattern: 'cccc 0000 U011 nnnn tttt 0000 1101 mmmm',
    exec: (cpu, insn) => loadUnpriv(cpu, insn, cpu.r[fRm(insn)], 1, true),
    dis: disRegT('ldrsbt'), random: unprivRegOk,
  },
  {
    // LDRSHT<c> <Rt>, [<Rn>], #+/-<imm8>  (A8.8.91 A1)
    name: 'LDRSHT_imm', pattern: 'cccc 0000 U111 nnnn tttt iiii 1111 iiii',
    exec: (cpu, insn) => loadUnpriv(cpu, insn, imm8Split(insn), 2, true),
    dis: disImmT('ldrsht'), random: unprivOk,
  },
  {
    // LDRSHT<c> <Rt>, [<Rn>], +/-<Rm>  (A8.8.91 A2)
    name: 'LDRSHT_reg', pattern: 'cccc 0000 U011 nnnn tttt 0000 1111 mmmm',
    exec: (cpu, insn) => loadUnpriv(cpu, insn, cpu.r[fRm(insn)], 2, true),
    dis: disRegT('ldrsht'), random: unprivRegOk,
  },
];

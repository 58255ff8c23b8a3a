// A32 load/store word and unsigned byte: LDR/STR/LDRB/STRB (immediate, register, literal), the
// unprivileged LDRT/STRT/LDRBT/STRBT and single-register PUSH/POP. ARM ARM A5.3, A8.8.62-A8.8.72, A8.8.203-A8.8.211.

import type { Cpu } from '../../cpu/cpu';
import type { InstrDef } from '../instr';
import { reg } from './common';
import { genLsImm, genLsReg } from './ls-gen';
import {
  bitP, bitU, bitW, fRm, fRn, fRt, loadUnpriv, memImmText, memRegText, mn, rmShiftText, shiftedRm,
  storeUnpriv, wback, writeBase,
} from './ls-common';

/**
 * LDR/LDRB with an unsigned offset magnitude. The access comes first, then base writeback, then
 * Rt (QEMU's order, so Rt wins the UNPREDICTABLE Rn == Rt case). Loads to PC interwork (A2.3.1).
 */
function load(cpu: Cpu, insn: number, offset: number, byte: boolean): void {
  const n = fRn(insn);
  const t = fRt(insn);
  const base = cpu.r[n];
  const offAddr = (bitU(insn) ? base + offset : base - offset) >>> 0;
  const addr = bitP(insn) ? offAddr : base;
  const data = byte ? cpu.read8(addr) : cpu.read32(addr);
  if (wback(insn)) writeBase(cpu, n, offAddr);
  if (t === 15) cpu.loadWritePC(data);
  else cpu.r[t] = data;
}

/** STR/STRB: Rt == PC stores PC + 8 (PCStoreValue, A2.3.1); writeback only after the store. */
function store(cpu: Cpu, insn: number, offset: number, byte: boolean): void {
  const n = fRn(insn);
  const base = cpu.r[n];
  const offAddr = (bitU(insn) ? base + offset : base - offset) >>> 0;
  const addr = bitP(insn) ? offAddr : base;
  const v = cpu.r[fRt(insn)];
  if (byte) cpu.write8(addr, v & 0xff);
  else cpu.write32(addr, v);
  if (wback(insn)) writeBase(cpu, n, offAddr);
}

/** LDR (literal) A8.8.64: address = Align(PC, 4) +/- imm12, no writeback. */
function loadLiteral(cpu: Cpu, insn: number, byte: boolean): void {
  const t = fRt(insn);
  const base = (cpu.r[15] & ~3) >>> 0;
  const imm = insn & 0xfff;
  const addr = (bitU(insn) ? base + imm : base - imm) >>> 0;
  const data = byte ? cpu.read8(addr) : cpu.read32(addr);
  if (t === 15) cpu.loadWritePC(data);
  else cpu.r[t] = data;
}

const disImm = (name: string) => (insn: number): string =>
  `${mn(name, insn)}\t${reg(fRt(insn))}, ${memImmText(fRn(insn), insn & 0xfff, bitP(insn), bitU(insn), bitW(insn))}`;

const disReg = (name: string) => (insn: number): string =>
  `${mn(name, insn)}\t${reg(fRt(insn))}, ${memRegText(fRn(insn), fRm(insn), bitP(insn), bitU(insn), bitW(insn), rmShiftText(insn))}`;

/** T forms are always post-indexed: `ldrt r0, [r1], #4` (objdump prints a zero offset too). */
const disImmT = (name: string) => (insn: number): string =>
  `${mn(name, insn)}\t${reg(fRt(insn))}, ${memImmText(fRn(insn), insn & 0xfff, false, bitU(insn), false)}`;

const disRegT = (name: string) => (insn: number): string =>
  `${mn(name, insn)}\t${reg(fRt(insn))}, ${memRegText(fRn(insn), fRm(insn), false, bitU(insn), false, rmShiftText(insn))}`;

/** Writeback with Rn == PC or Rn == Rt is UNPREDICTABLE (A8.8.63 etc.). */
const wbOk = (insn: number): boolean => !wback(insn) || (fRn(insn) !== 15 && fRn(insn) !== fRt(insn));

// P == 0 && W == 1 are the T forms: their patterns fix P and W and so always win over these.
export const A32_LS_WORD: readonly InstrDef[] = [
  {
    // STR<c> <Rt>, [<Rn>{, #+/-<imm12>}]{!} / STR<c> <Rt>, [<Rn>], #+/-<imm12>  (A8.8.204 A1)
    name: 'STR_imm', pattern: 'cccc 010P U0W0 nnnn tttt iiii iiii iiii',
    exec: (cpu, insn) => store(cpu, insn, insn & 0xfff, false),
    dis: disImm('str'),
    random: wbOk,
    gen: (insn, pc) => genLsImm(insn, pc, false, false),
    genMemory: true,
  },
  {
    // STR<c> <Rt>, [<Rn>, +/-<Rm>{, <shift>}]{!}  (A8.8.205 A1)
    name: 'STR_reg', pattern: 'cccc 011P U0W0 nnnn tttt iiii itt0 mmmm',
    exec: (cpu, insn) => store(cpu, insn, shiftedRm(cpu, insn), false),
    dis: disReg('str'),
    random: (insn) => wbOk(insn) && fRm(insn) !== 15,
    gen: (insn, pc) => genLsReg(insn, pc, false, false),
    genMemory: true,
  },
  {
    // STRB<c> <Rt>, [<Rn>{, #+/-<imm12>}]{!}  (A8.8.207 A1); Rt == PC is UNPREDICTABLE
    name: 'STRB_imm', pattern: 'cccc 010P U1W0 nnnn tttt iiii iiii iiii',
    exec: (cpu, insn) => store(cpu, insn, insn & 0xfff, true),
    dis: disImm('strb'),
    random: (insn) => wbOk(insn) && fRt(insn) !== 15,
    gen: (insn, pc) => genLsImm(insn, pc, false, true),
    genMemory: true,
  },
  {
    // STRB<c> <Rt>, [<Rn>, +/-<Rm>{, <shift>}]{!}  (A8.8.208 A1)
    name: 'STRB_reg', pattern: 'cccc 011P U1W0 nnnn tttt iiii itt0 mmmm',
    exec: (cpu, insn) => store(cpu, insn, shiftedRm(cpu, insn), true),
    dis: disReg('strb'),
    random: (insn) => wbOk(insn) && fRt(insn) !== 15 && fRm(insn) !== 15,
    gen: (insn, pc) => genLsReg(insn, pc, false, true),
    genMemory: true,
  },
  {
    // LDR<c> <Rt>, [<Rn>{, #+/-<imm12>}]{!}  (A8.8.63 A1); Rt == PC is an interworking branch
    name: 'LDR_imm', pattern: 'cccc 010P U0W1 nnnn tttt iiii iiii iiii',
    exec: (cpu, insn) => load(cpu, insn, insn & 0xfff, false),
    dis: disImm('ldr'),
    random: (insn) => wbOk(insn) && fRt(insn) !== 15,
    gen: (insn, pc) => genLsImm(insn, pc, true, false),
    genMemory: true,
  },
  {
    // LDR<c> <Rt>, [PC, #+/-<imm12>]  (A8.8.64 A1, the P = 1, W = 0 form; others are UNPREDICTABLE)
    name: 'LDR_lit', pattern: 'cccc 0101 U001 1111 tttt iiii iiii iiii',
    exec: (cpu, insn) => loadLiteral(cpu, insn, false),
    dis: disImm('ldr'),
    random: (insn) => fRt(insn) !== 15,
  },
  {
    // LDR<c> <Rt>, [<Rn>, +/-<Rm>{, <shift>}]{!}  (A8.8.65 A1)
    name: 'LDR_reg', pattern: 'cccc 011P U0W1 nnnn tttt iiii itt0 mmmm',
    exec: (cpu, insn) => load(cpu, insn, shiftedRm(cpu, insn), false),
    dis: disReg('ldr'),
    random: (insn) => wbOk(insn) && fRt(insn) !== 15 && fRm(insn) !== 15,
    gen: (insn, pc) => genLsReg(insn, pc, true, false),
    genMemory: true,
  },
  {
    // LDRB<c> <Rt>, [<Rn>{, #+/-<imm12>}]{!}  (A8.8.67 A1)
    name: 'LDRB_imm', pattern: 'cccc 010P U1W1 nnnn tttt iiii iiii iiii',
    exec: (cpu, insn) => load(cpu, insn, insn & 0xfff, true),
    dis: disImm('ldrb'),
    random: (insn) => wbOk(insn) && fRt(insn) !== 15,
    gen: (insn, pc) => genLsImm(insn, pc, true, true),
    genMemory: true,
  },
  {
    // LDRB<c> <Rt>, [PC, #+/-<imm12>]  (A8.8.68 A1)
    name: 'LDRB_lit', pattern: 'cccc 0101 U101 1111 tttt iiii iiii iiii',
    exec: (cpu, insn) => loadLiteral(cpu, insn, true),
    dis: disImm('ldrb'),
    random: (insn) => fRt(insn) !== 15,
  },
  {
    // LDRB<c> <Rt>, [<Rn>, +/-<Rm>{, <shift>}]{!}  (A8.8.69 A1)
    name: 'LDRB_reg', pattern: 'cccc 011P U1W1 nnnn tttt iiii itt0 mmmm',
    exec: (cpu, insn) => load(cpu, insn, shiftedRm(cpu, insn), true),
    dis: disReg('ldrb'),
    random: (insn) => wbOk(insn) && fRt(insn) !== 15 && fRm(insn) !== 15,
    gen: (insn, pc) => genLsReg(insn, pc, true, true),
    genMemory: true,
  },
  // Unprivileged forms (P = 0, W = 1). Rn == PC, Rn == Rt, Rt == PC (and Rm == PC) are UNPREDICTABLE.
  {
    // STRT<c> <Rt>, [<Rn>], #+/-<imm12>  (A8.8.219 A1)
    name: 'STRT_imm', pattern: 'cccc 0100 U010 nnnn tttt iiii iiii iiii',
    exec: (cpu, insn) => storeUnpriv(cpu, insn, insn & 0xfff, 4),
    dis: disImmT('strt'),
    random: (insn) => unprivOk(insn, false),
  },
  {
    // STRT<c> <Rt>, [<Rn>], +/-<Rm>{, <shift>}  (A8.8.219 A2)
    name: 'STRT_reg', pattern: 'cccc 0110 U010 nnnn tttt iiii itt0 mmmm',
    exec: (cpu, insn) => storeUnpriv(cpu, insn, shiftedRm(cpu, insn), 4),
    dis: disRegT('strt'),
    random: (insn) => unprivOk(insn, true),
  },
  {
    // STRBT<c> <Rt>, [<Rn>], #+/-<imm12>  (A8.8.209 A1)
    name: 'STRBT_imm', pattern: 'cccc 0100 U110 nnnn tttt iiii iiii iiii',
    exec: (cpu, insn) => storeUnpriv(cpu, insn, insn & 0xfff, 1),
    dis: disImmT('strbt'),
    random: (insn) => unprivOk(insn, false),
  },
  {
    // STRBT<c> <Rt>, [<Rn>], +/-<Rm>{, <shift>}  (A8.8.209 A2)
    name: 'STRBT_reg', pattern: 'cccc 0110 U110 nnnn tttt iiii itt0 mmmm',
    exec: (cpu, insn) => storeUnpriv(cpu, insn, shiftedRm(cpu, insn), 1),
    dis: disRegT('strbt'),
    random: (insn) => unprivOk(insn, true),
  },
  {
    // LDRT<c> <Rt>, [<Rn>], #+/-<imm12>  (A8.8.92 A1)
    name: 'LDRT_imm', pattern: 'cccc 0100 U011 nnnn tttt iiii iiii iiii',
    exec: (cpu, insn) => loadUnpriv(cpu, insn, insn & 0xfff, 4, false),
    dis: disImmT('ldrt'),
    random: (insn) => unprivOk(insn, false),
  },
  {
    // LDRT<c> <Rt>, [<Rn>], +/-<Rm>{, <shift>}  (A8.8.92 A2)
    name: 'LDRT_reg', pattern: 'cccc 0110 U011 nnnn tttt iiii itt0 mmmm',
    exec: (cpu, insn) => loadUnpriv(cpu, insn, shiftedRm(cpu, insn), 4, false),
    dis: disRegT('ldrt'),
    random: (insn) => unprivOk(insn, true),
  },
  {
    // LDRBT<c> <Rt>, [<Rn>], #+/-<imm12>  (A8.8.71 A1)
    name: 'LDRBT_imm', pattern: 'cccc 0100 U111 nnnn tttt iiii iiii iiii',
    exec: (cpu, insn) => loadUnpriv(cpu, insn, insn & 0xfff, 1, false),
    dis: disImmT('ldrbt'),
    random: (insn) => unprivOk(insn, false),
  },
  {
    // LDRBT<c> <Rt>, [<Rn>], +/-<Rm>{, <shift>}  (A8.8.71 A2)
    name: 'LDRBT_reg', pattern: 'cccc 0110 U111 nnnn tttt iiii itt0 mmmm',
    exec: (cpu, insn) => loadUnpriv(cpu, insn, shiftedRm(cpu, insn), 1, false),
    dis: disRegT('ldrbt'),
    random: (insn) => unprivOk(insn, true),
  },
  {
    // PUSH<c> {<Rt>} = STR<c> <Rt>, [SP, #-4]!  (A8.8.133 A2); objdump prints the alias
    name: 'PUSH_single', pattern: 'cccc 0101 0010 1101 tttt 0000 0000 0100',
    exec: (cpu, insn) => store(cpu, insn, 4, false),
    dis: (insn) => `${mn('push', insn)}\t{${reg(fRt(insn))}}`,
    random: (insn) => fRt(insn) !== 13,
  },
  {
    // POP<c> {<Rt>} = LDR<c> <Rt>, [SP], #4  (A8.8.131 A2)
    name: 'POP_single', pattern: 'cccc 0100 1001 1101 tttt 0000 0000 0100',
    exec: (cpu, insn) => load(cpu, insn, 4, false),
    dis: (insn) => `${mn('pop', insn)}\t{${reg(fRt(insn))}}`,
    random: (insn) => fRt(insn) !== 13 && fRt(insn) !== 15,
  },
];

function unprivOk(insn: number, hasRm: boolean): boolean {
  const n = fRn(insn);
  const t = fRt(insn);
  return n !== 15 && t !== 15 && n !== t && (!hasRm || fRm(insn) !== 15);
}

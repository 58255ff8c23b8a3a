// A32 data-processing: immediate, register and register-shifted-register forms of AND..MVN, the
// MOV shift aliases (LSL/LSR/ASR/ROR/RRX) and MOVW/MOVT. ARM ARM A5.2.1-A5.2.3, A5.2.4, A8.8.

import type { Cpu } from '../../cpu/cpu';
import type { InstrDef } from '../instr';
import { condStr, expandImm, reg, shiftCarry, shiftImm, shiftImmText, shiftReg } from './common';
import { ALU_OPS, aluFlags, aluWrite, writeRdOrBranch, type AluOp } from './dp-alu';
import { genAluImm, genAluReg } from './dp-gen';

const SHIFT = ['lsl', 'lsr', 'asr', 'ror'];

/**
 * Modified immediate as objdump prints it: the value as a signed decimal, or "#imm8, rot" when the
 * encoding is not the one with the smallest rotation (binutils arm-dis.c, operand %o).
 */
export function dpImmText(imm12: number): string {
  const rot = (imm12 >>> 8) * 2;
  const v8 = imm12 & 0xff;
  const a = rot === 0 ? v8 : ((v8 >>> rot) | (v8 << (32 - rot))) >>> 0;
  let i = 0;
  for (; i < 32; i += 2) if ((((a << i) | (a >>> ((32 - i) & 31))) >>> 0) <= 0xff) break;
  return i !== rot ? `#${v8}, ${rot}` : `#${a | 0}`;
}

/** "add" + "s" + cond: objdump puts the S suffix before the condition ("addseq"). */
function mnemonic(o: AluOp, insn: number): string {
  const s = !o.compare && (insn >>> 20) & 1 ? 's' : '';
  return `${o.mnem}${s}${condStr(insn)}`;
}

function operands(o: AluOp, insn: number, op2: string): string {
  const d = reg(insn >>> 12);
  const n = reg(insn >>> 16);
  if (o.compare) return `${n}, ${op2}`;
  if (o.unary) return `${d}, ${op2}`;
  return `${d}, ${n}, ${op2}`;
}

const bits4 = (v: number): string => v.toString(2).padStart(4, '0');

/** Fixed bits of S/Rn/Rd for the opcode class: compares have S=1, Rd=0000; MOV/MVN have Rn=0000 (SBZ, as QEMU's a32.decode). */
function sndFields(o: AluOp): string {
  if (o.compare) return '1 nnnn 0000';
  if (o.unary) return 'S 0000 dddd';
  return 'S nnnn dddd';
}

/** Rd == PC branches or returns from an exception: keep those out of random streams. */
const noPcDest = (insn: number): boolean => ((insn >>> 12) & 15) !== 15;

/** Register-shifted-register forms: any of Rd, Rn, Rm, Rs == PC is UNPREDICTABLE (A8.8 "if d == 15 || ..."). */
function rsrLegal(o: AluOp) {
  return (insn: number): boolean =>
    ((insn >>> 8) & 15) !== 15 && (insn & 15) !== 15 &&
    (o.unary || ((insn >>> 16) & 15) !== 15) && (o.compare || ((insn >>> 12) & 15) !== 15);
}

/** <op>{S}<c> <Rd>, <Rn>, #<const>   (A8.8 "<op> (immediate)", A5.2.3) */
function immDef(o: AluOp): InstrDef {
  const fn = o.fn;
  return {
    name: `${o.mnem.toUpperCase()}_imm`,
    pattern: `cccc 001${bits4(o.opc)} ${sndFields(o)} iiii iiii iiii`,
    exec: o.compare
      ? (cpu: Cpu, insn: number) => {
        const b = expandImm(insn & 0xfff, cpu.c);
        const shC = shiftCarry;
        aluFlags(cpu, o, fn(cpu.r[(insn >>> 16) & 15], b, cpu.c), shC);
      }
      : (cpu: Cpu, insn: number) => {
        const b = expandImm(insn & 0xfff, cpu.c);
        const shC = shiftCarry;
        const res = fn(cpu.r[(insn >>> 16) & 15], b, cpu.c);
        aluWrite(cpu, o, (insn >>> 12) & 15, (insn >>> 20) & 1, res, shC);
      },
    dis: (insn) => `${mnemonic(o, insn)}\t${operands(o, insn, dpImmText(insn & 0xfff))}`,
    random: o.compare ? true : noPcDest,
    gen: (insn, pc) => genAluImm(o, insn, pc),
  };
}

/** <op>{S}<c> <Rd>, <Rn>, <Rm>{, <shift> #<n>}   (A8.8 "<op> (register)", A5.2.1) */
function regDef(o: AluOp, name = `${o.mnem.toUpperCase()}_reg`, fixedShift?: string): InstrDef {
  const fn = o.fn;
  return {
    name,
    pattern: `cccc 000${bits4(o.opc)} ${sndFields(o)} ${fixedShift ?? 'iiiii tt0'} mmmm`,
    exec: o.compare
      ? (cpu: Cpu, insn: number) => {
        const b = shiftImm(cpu.r[insn & 15], (insn >>> 5) & 3, (insn >>> 7) & 31, cpu.c);
        const shC = shiftCarry;
        aluFlags(cpu, o, fn(cpu.r[(insn >>> 16) & 15], b, cpu.c), shC);
      }
      : (cpu: Cpu, insn: number) => {
        const b = shiftImm(cpu.r[insn & 15], (insn >>> 5) & 3, (insn >>> 7) & 31, cpu.c);
        const shC = shiftCarry;
        const res = fn(cpu.r[(insn >>> 16) & 15], b, cpu.c);
        aluWrite(cpu, o, (insn >>> 12) & 15, (insn >>> 20) & 1, res, shC);
      },
    dis: (insn) =>
      `${mnemonic(o, insn)}\t${operands(o, insn, reg(insn) + shiftImmText((insn >>> 5) & 3, (insn >>> 7) & 31))}`,
    random: o.compare ? true : noPcDest,
    gen: (insn, pc) => genAluReg(o, insn, pc),
  };
}

/** <op>{S}<c> <Rd>, <Rn>, <Rm>, <type> <Rs>   (A8.8 "<op> (register-shifted register)", A5.2.2) */
function rsrDef(o: AluOp): InstrDef {
  const fn = o.fn;
  return {
    name: `${o.mnem.toUpperCase()}_rsr`,
    pattern: `cccc 000${bits4(o.opc)} ${sndFields(o)} ssss 0tt1 mmmm`,
    exec: o.compare
      ? (cpu: Cpu, insn: number) => {
        const b = shiftReg(cpu.r[insn & 15], (insn >>> 5) & 3, cpu.r[(insn >>> 8) & 15] & 0xff, cpu.c);
        const shC = shiftCarry;
        aluFlags(cpu, o, fn(cpu.r[(insn >>> 16) & 15], b, cpu.c), shC);
      }
      : (cpu: Cpu, insn: number) => {
        const b = shiftReg(cpu.r[insn & 15], (insn >>> 5) & 3, cpu.r[(insn >>> 8) & 15] & 0xff, cpu.c);
        const shC = shiftCarry;
        const res = fn(cpu.r[(insn >>> 16) & 15], b, cpu.c);
        aluWrite(cpu, o, (insn >>> 12) & 15, (insn >>> 20) & 1, res, shC);
      },
    dis: (insn) =>
      `${mnemonic(o, insn)}\t${operands(o, insn, `${reg(insn)}, ${SHIFT[(insn >>> 5) & 3]} ${reg(insn >>> 8)}`)}`,
    random: rsrLegal(o),
  };
}

const MOV = ALU_OPS[13];

/** MOV shift aliases: name, fixed bits 11:4 (or field letters), dis text, extra match. */
function movShiftImm(name: string, shiftBits: string, text: (insn: number) => string, match?: (insn: number) => boolean): InstrDef {
  const base = regDef(MOV, name, shiftBits);
  return {
    ...base,
    dis: (insn) => {
      const s = (insn >>> 20) & 1 ? 's' : '';
      return `${text(insn).replace(/^(\w+)/, `$1${s}${condStr(insn)}`)}`;
    },
    match,
  };
}

const imm5Nonzero = (insn: number): boolean => ((insn >>> 7) & 31) !== 0;
const rdm = (insn: number): string => `${reg(insn >>> 12)}, ${reg(insn)}`;

const MOV_REG_FAMILY: readonly InstrDef[] = [
  // MOV{S}<c> <Rd>, <Rm>   (A8.8.105); objdump calls the AL "mov r0, r0" nop.
  {
    ...movShiftImm('MOV_reg', '00000 000', (insn) => `mov\t${rdm(insn)}`),
    dis: (insn) => (insn >>> 0 === 0xe1a00000 ? 'nop' : `mov${(insn >>> 20) & 1 ? 's' : ''}${condStr(insn)}\t${rdm(insn)}`),
  },
  // LSL{S}<c> <Rd>, <Rm>, #<imm5>   (A8.8.94), imm5 != 0 (0 is MOV)
  movShiftImm('LSL_imm', 'iiiii 000', (insn) => `lsl\t${rdm(insn)}, #${(insn >>> 7) & 31}`, imm5Nonzero),
  // LSR{S}<c> <Rd>, <Rm>, #<imm>   (A8.8.96), imm5 == 0 means 32
  movShiftImm('LSR_imm', 'iiiii 010', (insn) => `lsr\t${rdm(insn)}, #${((insn >>> 7) & 31) || 32}`),
  // ASR{S}<c> <Rd>, <Rm>, #<imm>   (A8.8.16), imm5 == 0 means 32
  movShiftImm('ASR_imm', 'iiiii 100', (insn) => `asr\t${rdm(insn)}, #${((insn >>> 7) & 31) || 32}`),
  // ROR{S}<c> <Rd>, <Rm>, #<imm5>   (A8.8.149), imm5 != 0 (0 is RRX)
  movShiftImm('ROR_imm', 'iiiii 110', (insn) => `ror\t${rdm(insn)}, #${(insn >>> 7) & 31}`, imm5Nonzero),
  // RRX{S}<c> <Rd>, <Rm>   (A8.8.150)
  movShiftImm('RRX', '00000 110', (insn) => `rrx\t${rdm(insn)}`),
];

/** LSL/LSR/ASR/ROR{S}<c> <Rd>, <Rn>, <Rm>   (A8.8.95, .97, .17, .150): MOV with a register shift. */
function movShiftReg(type: number): InstrDef {
  const base = rsrDef(MOV);
  const mn = SHIFT[type];
  return {
    ...base,
    name: `${mn.toUpperCase()}_reg`,
    pattern: `cccc 0001 101S 0000 dddd ssss 0${((type >> 1) & 1)}${type & 1}1 mmmm`,
    dis: (insn) =>
      `${mn}${(insn >>> 20) & 1 ? 's' : ''}${condStr(insn)}\t${reg(insn >>> 12)}, ${reg(insn)}, ${reg(insn >>> 8)}`,
  };
}

/** MOVW<c> <Rd>, #<imm16>   (A8.8.106 encoding A2). Rd == PC is UNPREDICTABLE; QEMU's store_reg branches. */
const MOVW: InstrDef = {
  name: 'MOVW',
  pattern: 'cccc 0011 0000 iiii dddd iiii iiii iiii',
  exec: (cpu, insn) => writeRdOrBranch(cpu, (insn >>> 12) & 15, ((insn >>> 4) & 0xf000) | (insn & 0xfff)),
  dis: (insn) => `movw${condStr(insn)}\t${reg(insn >>> 12)}, #${((insn >>> 4) & 0xf000) | (insn & 0xfff)}`,
  random: noPcDest,
  gen: (insn) => (((insn >>> 12) & 15) === 15 ? undefined : `r[${(insn >>> 12) & 15}] = ${((insn >>> 4) & 0xf000) | (insn & 0xfff)};`),
};

/** MOVT<c> <Rd>, #<imm16>   (A8.8.109): R[d]<31:16> = imm16, low half kept. */
const MOVT: InstrDef = {
  name: 'MOVT',
  pattern: 'cccc 0011 0100 iiii dddd iiii iiii iiii',
  exec: (cpu, insn) => {
    const d = (insn >>> 12) & 15;
    const imm16 = ((insn >>> 4) & 0xf000) | (insn & 0xfff);
    writeRdOrBranch(cpu, d, ((imm16 << 16) | (cpu.r[d] & 0xffff)) >>> 0);
  },
  dis: (insn) => `movt${condStr(insn)}\t${reg(insn >>> 12)}, #${((insn >>> 4) & 0xf000) | (insn & 0xfff)}`,
  random: noPcDest,
  gen: (insn) => {
    const d = (insn >>> 12) & 15;
    const imm16 = ((insn >>> 4) & 0xf000) | (insn & 0xfff);
    return d === 15 ? undefined : `r[${d}] = ((${imm16 << 16} | (r[${d}] & 0xffff)) >>> 0);`;
  },
};

export const A32_DATAPROC: readonly InstrDef[] = [
  ...ALU_OPS.map(immDef),
  ...ALU_OPS.filter((o) => o !== MOV).map((o) => regDef(o)),
  ...ALU_OPS.filter((o) => o !== MOV).map(rsrDef),
  ...MOV_REG_FAMILY,
  movShiftReg(0),
  movShiftReg(1),
  movShiftReg(2),
  movShiftReg(3),
  MOVW,
  MOVT,
];

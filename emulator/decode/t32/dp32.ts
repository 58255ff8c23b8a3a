// 32-bit T32 data processing: modified immediate, plain binary immediate (ADDW/SUBW/ADR, MOVW/MOVT,
// bitfields, saturation), shifted register, register-controlled shifts. ARM ARM A6.3.1, A6.3.3, A6.3.11, A6.3.12.

import type { Cpu } from '../../cpu/cpu';
import type { InstrDef } from '../instr';
import { takeUndefined } from '../../cpu/exceptions';
import { shiftCarry, shiftImm, shiftImmText, shiftReg } from '../a32/common';
import { signedSat, unsignedSat, satHit } from '../a32/media-sat';
import { alu, setFlags, wr, Op } from './alu';
import { expandCarry, IMM12, IMM5, itc, modImmText, R, RD, RM, RN, SBIT, STYPE, thumbExpandImm } from './common';
import { expandImmJs, genT32Op, rj, shiftedJs } from './gen';

const b4 = (v: number): string => v.toString(2).padStart(4, '0');

interface DpOp { readonly op: number; readonly mn: string; readonly w: boolean }
/** Opcodes with their objdump mnemonic and whether objdump adds ".w" (a 16-bit form exists). */
const DP_OPS: readonly DpOp[] = [
  { op: Op.AND, mn: 'and', w: true }, { op: Op.BIC, mn: 'bic', w: true }, { op: Op.ORR, mn: 'orr', w: true },
  { op: Op.ORN, mn: 'orn', w: false }, { op: Op.EOR, mn: 'eor', w: true }, { op: Op.ADD, mn: 'add', w: true },
  { op: Op.ADC, mn: 'adc', w: true }, { op: Op.SBC, mn: 'sbc', w: true }, { op: Op.SUB, mn: 'sub', w: true },
  { op: Op.RSB, mn: 'rsb', w: false },
];

/** Compare forms: Rd = 1111 with S = 1 (TST = AND, TEQ = EOR, CMN = ADD, CMP = SUB). */
const CMP_OPS: readonly DpOp[] = [
  { op: Op.AND, mn: 'tst', w: true }, { op: Op.EOR, mn: 'teq', w: false },
  { op: Op.ADD, mn: 'cmn', w: true }, { op: Op.SUB, mn: 'cmp', w: true },
];

/** Operand2 of the register form: Shift_C(R[m], type, imm5) with its carry in shiftCarry. */
function shifted(cpu: Cpu, w: number): number {
  return shiftImm(cpu.r[RM(w)], STYPE(w), IMM5(w), cpu.c);
}

function regText(w: number): string {
  return `${R(RM(w))}${shiftImmText(STYPE(w), IMM5(w))}`;
}

function binOp(cpu: Cpu, o: number, w: number, b: number, shC: number): void {
  const res = alu(o, cpu.r[RN(w)], b, cpu.c);
  const d = RD(w);
  if (SBIT(w) && d !== 15) {
    cpu.r[d] = res;
    setFlags(cpu, o, res, shC);
  } else wr(cpu, d, res);
}

const sfx = (w: number): string => (SBIT(w) ? 's' : '');

function immOp(o: DpOp): InstrDef {
  return {
    // <op>{S}<c>.W <Rd>, <Rn>, #<const>   (A8.8.x T1/T3 encodings of AND..RSB)
    name: `T32_${o.mn.toUpperCase()}_imm`,
    pattern: `11110 i 0 ${b4(o.op)} S nnnn 0 iii dddd iiiiiiii`,
    exec: (cpu, w) => {
      const b = thumbExpandImm(IMM12(w), cpu.c);
      binOp(cpu, o.op, w, b, expandCarry);
    },
    dis: (w, env) => `${o.mn}${sfx(w)}${itc(env)}${o.w ? '.w' : ''}\t${R(RD(w))}, ${R(RN(w))}, ${modImmText(w)}`,
    random: (w) => RD(w) < 13 && RN(w) < 13,
    gen: (w, pc) => {
      if (RD(w) === 15) return undefined;
      const { v, c } = expandImmJs(IMM12(w));
      return genT32Op(o.op, rj(RN(w), pc), `${v}`, c, RD(w), SBIT(w) === 1);
    },
  };
}

function regOp(o: DpOp): InstrDef {
  return {
    // <op>{S}<c>.W <Rd>, <Rn>, <Rm>{, <shift>}   (A8.8.x T2/T3 register encodings)
    name: `T32_${o.mn.toUpperCase()}_reg`,
    pattern: `1110101 ${b4(o.op)} S nnnn 0 iii dddd ii tt mmmm`,
    exec: (cpu, w) => {
      const b = shifted(cpu, w);
      binOp(cpu, o.op, w, b, shiftCarry);
    },
    dis: (w, env) => `${o.mn}${sfx(w)}${itc(env)}${o.w ? '.w' : ''}\t${R(RD(w))}, ${R(RN(w))}, ${regText(w)}`,
    random: (w) => RD(w) < 13 && RN(w) < 13 && RM(w) < 13,
    gen: (w, pc) => {
      if (RD(w) === 15) return undefined;
      const { pre, b, c } = shiftedJs(RM(w), STYPE(w), IMM5(w), pc);
      const body = genT32Op(o.op, rj(RN(w), pc), b, c, RD(w), SBIT(w) === 1);
      return body === undefined ? undefined : `{ ${pre}${body} }`;
    },
  };
}

function cmpImm(o: DpOp): InstrDef {
  return {
    // TST/TEQ/CMN/CMP<c>.W <Rn>, #<const>
    name: `T32_${o.mn.toUpperCase()}_imm`,
    pattern: `11110 i 0 ${b4(o.op)} 1 nnnn 0 iii 1111 iiiiiiii`,
    exec: (cpu, w) => {
      const b = thumbExpandImm(IMM12(w), cpu.c);
      const c = expandCarry;
      setFlags(cpu, o.op, alu(o.op, cpu.r[RN(w)], b, cpu.c), c);
    },
    dis: (w, env) => `${o.mn}${itc(env)}${o.w ? '.w' : ''}\t${R(RN(w))}, ${modImmText(w)}`,
    gen: (w, pc) => {
      const { v, c } = expandImmJs(IMM12(w));
      return genT32Op(o.op, rj(RN(w), pc), `${v}`, c, undefined, true);
    },
  };
}

function cmpReg(o: DpOp): InstrDef {
  return {
    // TST/TEQ/CMN/CMP<c>.W <Rn>, <Rm>{, <shift>}
    name: `T32_${o.mn.toUpperCase()}_reg`,
    pattern: `1110101 ${b4(o.op)} 1 nnnn 0 iii 1111 ii tt mmmm`,
    exec: (cpu, w) => {
      const b = shifted(cpu, w);
      const c = shiftCarry;
      setFlags(cpu, o.op, alu(o.op, cpu.r[RN(w)], b, cpu.c), c);
    },
    dis: (w, env) => `${o.mn}${itc(env)}${o.w ? '.w' : ''}\t${R(RN(w))}, ${regText(w)}`,
    gen: (w, pc) => {
      const { pre, b, c } = shiftedJs(RM(w), STYPE(w), IMM5(w), pc);
      const body = genT32Op(o.op, rj(RN(w), pc), b, c, undefined, true);
      return body === undefined ? undefined : `{ ${pre}${body} }`;
    },
  };
}

function movLike(cpu: Cpu, w: number, v: number, c: number): void {
  const d = RD(w);
  if (SBIT(w) && d !== 15) {
    cpu.r[d] = v;
    cpu.setNZ(v);
    cpu.c = c;
  } else wr(cpu, d, v);
}

const moves: InstrDef[] = [
  {
    // MOV{S}<c>.W <Rd>, #<const>   (A8.8.102 T2)
    name: 'T32_MOV_imm', pattern: '11110 i 0 0010 S 1111 0 iii dddd iiiiiiii',
    exec: (cpu, w) => { const v = thumbExpandImm(IMM12(w), cpu.c); movLike(cpu, w, v, expandCarry); },
    dis: (w, env) => `mov${sfx(w)}${itc(env)}.w\t${R(RD(w))}, ${modImmText(w)}`,
  },
  {
    // MVN{S}<c> <Rd>, #<const>   (A8.8.115 T1)
    name: 'T32_MVN_imm', pattern: '11110 i 0 0011 S 1111 0 iii dddd iiiiiiii',
    exec: (cpu, w) => { const v = thumbExpandImm(IMM12(w), cpu.c); movLike(cpu, w, ~v >>> 0, expandCarry); },
    dis: (w, env) => `mvn${sfx(w)}${itc(env)}.w\t${R(RD(w))}, ${modImmText(w)}`,
  },
  {
    // MOV{S}<c>.W <Rd>, <Rm>{, <shift>}  (A8.8.103 T3 and the LSL/LSR/ASR/ROR/RRX immediate aliases)
    name: 'T32_MOV_reg', pattern: '11101010010 S 1111 0 iii dddd ii tt mmmm',
    exec: (cpu, w) => { const v = shifted(cpu, w); movLike(cpu, w, v, shiftCarry); },
    dis: (w, env) => `mov${sfx(w)}${itc(env)}.w\t${R(RD(w))}, ${regText(w)}`,
  },
  {
    // MVN{S}<c>.W <Rd>, <Rm>{, <shift>}   (A8.8.116 T2)
    name: 'T32_MVN_reg', pattern: '11101010011 S 1111 0 iii dddd ii tt mmmm',
    exec: (cpu, w) => { const v = shifted(cpu, w); movLike(cpu, w, ~v >>> 0, shiftCarry); },
    dis: (w, env) => `mvn${sfx(w)}${itc(env)}.w\t${R(RD(w))}, ${regText(w)}`,
  },
  {
    // PKHBT/PKHTB<c> <Rd>, <Rn>, <Rm>{, <shift>}   (A8.8.125 T1)
    name: 'T32_PKH', pattern: '11101010110 0 nnnn 0 iii dddd ii t 0 mmmm',
    exec: (cpu, w) => {
      const tb = (w & 0x20) !== 0;
      const op2 = shiftImm(cpu.r[RM(w)], tb ? 2 : 0, IMM5(w), cpu.c);
      const n = cpu.r[RN(w)];
      const v = tb ? (n & 0xffff0000) | (op2 & 0xffff) : (op2 & 0xffff0000) | (n & 0xffff);
      wr(cpu, RD(w), v >>> 0);
    },
    dis: (w, env) => `pkh${w & 0x20 ? 'tb' : 'bt'}${itc(env)}\t${R(RD(w))}, ${R(RN(w))}, ${regText(w)}`,
  },
];

const SHIFT_MN = ['lsl', 'lsr', 'asr', 'ror'];
const regShift: InstrDef[] = [0, 1, 2, 3].map((t) => ({
  // LSL/LSR/ASR/ROR{S}<c>.W <Rd>, <Rn>, <Rm>   (A8.8.95 T2 etc.)
  name: `T32_${SHIFT_MN[t].toUpperCase()}_reg`,
  pattern: `11111010 0 ${t.toString(2).padStart(2, '0')} S nnnn 1111 dddd 0000 mmmm`,
  exec: (cpu, w) => {
    const v = shiftReg(cpu.r[RN(w)], t, cpu.r[RM(w)] & 0xff, cpu.c);
    movLike(cpu, w, v, shiftCarry);
  },
  dis: (w, env) => `${SHIFT_MN[t]}${sfx(w)}${itc(env)}.w\t${R(RD(w))}, ${R(RN(w))}, ${R(RM(w))}`,
}));

/** imm16 of MOVW/MOVT: imm4:i:imm3:imm8. */
const IMM16 = (w: number): number => ((w >>> 4) & 0xf000) | IMM12(w);
/** lsb of the bitfield/saturate forms: imm3:imm2. */
const LSB = (w: number): number => IMM5(w);

const plain: InstrDef[] = [
  {
    // ADDW<c> <Rd>, <Rn>, #<imm12>   (A8.8.4 T4; Rn = SP is A8.8.9 T4)
    name: 'T32_ADDW', pattern: '11110 i 1 0000 0 nnnn 0 iii dddd iiiiiiii',
    match: (w) => RN(w) !== 15,
    exec: (cpu, w) => wr(cpu, RD(w), cpu.r[RN(w)] + IMM12(w)),
    dis: (w, env) => `addw${itc(env)}\t${R(RD(w))}, ${R(RN(w))}, #${IMM12(w)}`,
  },
  {
    // SUBW<c> <Rd>, <Rn>, #<imm12>   (A8.8.222 T4)
    name: 'T32_SUBW', pattern: '11110 i 1 0101 0 nnnn 0 iii dddd iiiiiiii',
    match: (w) => RN(w) !== 15,
    exec: (cpu, w) => wr(cpu, RD(w), cpu.r[RN(w)] - IMM12(w)),
    dis: (w, env) => `subw${itc(env)}\t${R(RD(w))}, ${R(RN(w))}, #${IMM12(w)}`,
  },
  {
    // ADR<c>.W <Rd>, <label>  (A8.8.12 T3 = ADDW Rd, PC, #imm12); objdump prints the ADDW form
    name: 'T32_ADR_add', pattern: '11110 i 1 0000 0 1111 0 iii dddd iiiiiiii',
    exec: (cpu, w) => wr(cpu, RD(w), (cpu.r[15] & ~3) + IMM12(w)),
    dis: (w, env) => `addw${itc(env)}\t${R(RD(w))}, pc, #${IMM12(w)}`,
  },
  {
    // ADR<c>.W <Rd>, <label>  (A8.8.12 T2 = SUBW Rd, PC, #imm12)
    name: 'T32_ADR_sub', pattern: '11110 i 1 0101 0 1111 0 iii dddd iiiiiiii',
    exec: (cpu, w) => wr(cpu, RD(w), (cpu.r[15] & ~3) - IMM12(w)),
    dis: (w, env) => `subw${itc(env)}\t${R(RD(w))}, pc, #${IMM12(w)}`,
  },
  {
    // MOVW<c> <Rd>, #<imm16>   (A8.8.102 T3)
    name: 'T32_MOVW', pattern: '11110 i 1 0010 0 iiii 0 iii dddd iiiiiiii',
    exec: (cpu, w) => wr(cpu, RD(w), IMM16(w)),
    dis: (w, env) => `movw${itc(env)}\t${R(RD(w))}, #${IMM16(w)}`,
  },
  {
    // MOVT<c> <Rd>, #<imm16>   (A8.8.106 T1)
    name: 'T32_MOVT', pattern: '11110 i 1 0110 0 iiii 0 iii dddd iiiiiiii',
    exec: (cpu, w) => wr(cpu, RD(w), ((IMM16(w) << 16) | (cpu.r[RD(w)] & 0xffff)) >>> 0),
    dis: (w, env) => `movt${itc(env)}\t${R(RD(w))}, #${IMM16(w)}`,
  },
  {
    // SSAT<c> <Rd>, #<imm>, <Rn>{, <shift>}   (A8.8.165 T1)
    name: 'T32_SSAT', pattern: '11110 0 1 100 s 0 nnnn 0 iii dddd ii 0 bbbbb',
    match: (w) => !((w & 0x200000) !== 0 && IMM5(w) === 0),
    exec: (cpu, w) => {
      const op = shiftImm(cpu.r[RN(w)], (w & 0x200000) ? 2 : 0, IMM5(w), cpu.c) | 0;
      const v = signedSat(op, (w & 31) + 1);
      if (satHit) cpu.q = 1;
      wr(cpu, RD(w), v >>> 0);
    },
    dis: (w, env) => `ssat${itc(env)}\t${R(RD(w))}, #${(w & 31) + 1}, ${R(RN(w))}${satShift(w)}`,
  },
  {
    // USAT<c> <Rd>, #<imm>, <Rn>{, <shift>}   (A8.8.252 T1)
    name: 'T32_USAT', pattern: '11110 0 1 110 s 0 nnnn 0 iii dddd ii 0 bbbbb',
    match: (w) => !((w & 0x200000) !== 0 && IMM5(w) === 0),
    exec: (cpu, w) => {
      const op = shiftImm(cpu.r[RN(w)], (w & 0x200000) ? 2 : 0, IMM5(w), cpu.c) | 0;
      const v = unsignedSat(op, w & 31);
      if (satHit) cpu.q = 1;
      wr(cpu, RD(w), v >>> 0);
    },
    dis: (w, env) => `usat${itc(env)}\t${R(RD(w))}, #${w & 31}, ${R(RN(w))}${satShift(w)}`,
  },
  {
    // SSAT16<c> <Rd>, #<imm>, <Rn>   (A8.8.166 T1)
    name: 'T32_SSAT16', pattern: '11110 0 1 100 1 0 nnnn 0 000 dddd 00 00 bbbb',
    exec: (cpu, w) => {
      const n = cpu.r[RN(w)];
      const bits = (w & 15) + 1;
      const lo = signedSat((n << 16) >> 16, bits);
      const s1 = satHit;
      const hi = signedSat(n >> 16, bits);
      if (s1 || satHit) cpu.q = 1;
      wr(cpu, RD(w), ((hi << 16) | (lo & 0xffff)) >>> 0);
    },
    dis: (w, env) => `ssat16${itc(env)}\t${R(RD(w))}, #${(w & 15) + 1}, ${R(RN(w))}`,
  },
  {
    // USAT16<c> <Rd>, #<imm>, <Rn>   (A8.8.253 T1)
    name: 'T32_USAT16', pattern: '11110 0 1 110 1 0 nnnn 0 000 dddd 00 00 bbbb',
    exec: (cpu, w) => {
      const n = cpu.r[RN(w)];
      const bits = w & 15;
      const lo = unsignedSat((n << 16) >> 16, bits);
      const s1 = satHit;
      const hi = unsignedSat(n >> 16, bits);
      if (s1 || satHit) cpu.q = 1;
      wr(cpu, RD(w), ((hi << 16) | (lo & 0xffff)) >>> 0);
    },
    dis: (w, env) => `usat16${itc(env)}\t${R(RD(w))}, #${w & 15}, ${R(RN(w))}`,
  },
  {
    // SBFX<c> <Rd>, <Rn>, #<lsb>, #<width>   (A8.8.164 T1)
    name: 'T32_SBFX', pattern: '11110 0 1 1010 0 nnnn 0 iii dddd ii 0 wwwww',
    exec: (cpu, w) => {
      const lsb = LSB(w);
      const width = (w & 31) + 1;
      // UNPREDICTABLE (A8.8.164); QEMU's trans_SBFX (shared by A32 and T32) makes it UNDEFINED.
      if (lsb + width > 32) { takeUndefined(cpu); return; }
      const v = (cpu.r[RN(w)] << (32 - lsb - width)) >> (32 - width);
      wr(cpu, RD(w), v >>> 0);
    },
    dis: (w, env) => `sbfx${itc(env)}\t${R(RD(w))}, ${R(RN(w))}, #${LSB(w)}, #${(w & 31) + 1}`,
  },
  {
    // UBFX<c> <Rd>, <Rn>, #<lsb>, #<width>   (A8.8.246 T1)
    name: 'T32_UBFX', pattern: '11110 0 1 1110 0 nnnn 0 iii dddd ii 0 wwwww',
    exec: (cpu, w) => {
      const lsb = LSB(w);
      const width = (w & 31) + 1;
      if (lsb + width > 32) { takeUndefined(cpu); return; } // as SBFX
      const v = width === 32 ? cpu.r[RN(w)] : (cpu.r[RN(w)] >>> lsb) & ((1 << width) - 1);
      wr(cpu, RD(w), v >>> 0);
    },
    dis: (w, env) => `ubfx${itc(env)}\t${R(RD(w))}, ${R(RN(w))}, #${LSB(w)}, #${(w & 31) + 1}`,
  },
  {
    // BFI<c> <Rd>, <Rn>, #<lsb>, #<width>   (A8.8.21 T1)
    name: 'T32_BFI', pattern: '11110 0 1 1011 0 nnnn 0 iii dddd ii 0 mmmmm',
    match: (w) => RN(w) !== 15,
    exec: (cpu, w) => bitfield(cpu, w, cpu.r[RN(w)]),
    dis: (w, env) => `bfi${itc(env)}\t${R(RD(w))}, ${R(RN(w))}, ${bfText(w)}`,
  },
  {
    // BFC<c> <Rd>, #<lsb>, #<width>   (A8.8.20 T1)
    name: 'T32_BFC', pattern: '11110 0 1 1011 0 1111 0 iii dddd ii 0 mmmmm',
    exec: (cpu, w) => bitfield(cpu, w, 0),
    dis: (w, env) => `bfc${itc(env)}\t${R(RD(w))}, ${bfText(w)}`,
  },
];

function satShift(w: number): string {
  const amt = IMM5(w);
  if (w & 0x200000) return `, asr #${amt}`;
  return amt ? `, lsl #${amt}` : '';
}

function bfText(w: number): string {
  const lsb = LSB(w);
  return `#${lsb}, #${(w & 31) - lsb + 1}`;
}

/** BFI/BFC: Rd<msb:lsb> = src<msb-lsb:0>; msb < lsb is UNPREDICTABLE (QEMU's trans_BFCI: UNDEFINED, as A32). */
function bitfield(cpu: Cpu, w: number, src: number): void {
  const lsb = LSB(w);
  const msb = w & 31;
  if (msb < lsb) { takeUndefined(cpu); return; }
  const width = msb - lsb + 1;
  const mask = (width === 32 ? 0xffffffff : ((1 << width) - 1) << lsb) >>> 0;
  wr(cpu, RD(w), ((cpu.r[RD(w)] & ~mask) | ((src << lsb) & mask)) >>> 0);
}

export const T32_DP: readonly InstrDef[] = [
  ...DP_OPS.map(immOp),
  ...DP_OPS.map(regOp),
  ...CMP_OPS.map(cmpImm),
  ...CMP_OPS.map(cmpReg),
  ...moves,
  ...regShift,
  ...plain,
];

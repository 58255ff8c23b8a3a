// 16-bit Thumb data processing: shifts, add/subtract, move/compare immediate, the register ALU group,
// high-register ADD/CMP/MOV, ADR and SP arithmetic. ARM ARM A6.2.1-A6.2.3, A6.2.5; semantics A8.8.

import type { InstrDef } from '../instr';
import { addWithCarry } from '../a32/dp-alu';
import { shiftImm, shiftReg, shiftCarry } from '../a32/common';
import { addFlags, wr } from './alu';
import { inIt, itc, itS, R } from './common';
import { genAdd, genLogical, rj } from './gen';
import { shiftedReg } from '../a32/dp-gen';

const r3 = (i: number, at: number): number => (i >>> at) & 7;
/** Rdn of the high-register forms: DN:Rdn. */
const dn = (i: number): number => ((i >>> 4) & 8) | (i & 7);
const rmHi = (i: number): number => (i >>> 3) & 15;

/** Logical result with NZC (C from the shifter) unless in an IT block. */
function logical(cpu: Parameters<InstrDef['exec']>[0], d: number, res: number, c: number): void {
  cpu.r[d] = res;
  if (!inIt(cpu)) { cpu.setNZ(res); cpu.c = c; }
}

function arith(cpu: Parameters<InstrDef['exec']>[0], d: number, res: number): void {
  cpu.r[d] = res;
  if (!inIt(cpu)) addFlags(cpu, res);
}

const SHIFT_NAMES = ['lsl', 'lsr', 'asr'];

/** LSL/LSR/ASR (immediate), T1; LSL #0 is MOVS Rd, Rm (A8.8.105). */
const shiftImmDefs: InstrDef[] = [0, 1, 2].map((t) => ({
  // <op>S <Rd>, <Rm>, #<imm5>   (A8.8.94 LSL imm, A8.8.97 LSR imm, A8.8.17 ASR imm)
  name: `T16_${SHIFT_NAMES[t].toUpperCase()}_imm`,
  pattern: `000${t === 0 ? '00' : t === 1 ? '01' : '10'} iiiii mmm ddd`,
  exec: (cpu, i) => {
    const res = shiftImm(cpu.r[r3(i, 3)], t, (i >>> 6) & 31, cpu.c);
    logical(cpu, r3(i, 0), res, shiftCarry);
  },
  gen: (i) => {
    const { b, c } = shiftedReg(`r[${r3(i, 3)}]`, t, (i >>> 6) & 31);
    return genLogical('b', '0', b, c, r3(i, 0), true);
  },
  dis: (i, env) => {
    const imm = (i >>> 6) & 31;
    if (t === 0 && imm === 0) return `mov${itS(env)}\t${R(r3(i, 0))}, ${R(r3(i, 3))}`;
    return `${SHIFT_NAMES[t]}${itS(env)}\t${R(r3(i, 0))}, ${R(r3(i, 3))}, #${imm === 0 ? 32 : imm}`;
  },
}));

const addSub: InstrDef[] = [
  {
    // ADDS <Rd>, <Rn>, <Rm>   (A8.8.6 T1)
    name: 'T16_ADD_reg', pattern: '0001100 mmm nnn ddd',
    exec: (cpu, i) => arith(cpu, r3(i, 0), addWithCarry(cpu.r[r3(i, 3)], cpu.r[r3(i, 6)], 0)),
    dis: (i, env) => `add${itS(env)}\t${R(r3(i, 0))}, ${R(r3(i, 3))}, ${R(r3(i, 6))}`,
    gen: (i) => genAdd(`r[${r3(i, 3)}]`, `r[${r3(i, 6)}]`, '0', r3(i, 0), true),
  },
  {
    // SUBS <Rd>, <Rn>, <Rm>   (A8.8.223 T1)
    name: 'T16_SUB_reg', pattern: '0001101 mmm nnn ddd',
    exec: (cpu, i) => arith(cpu, r3(i, 0), addWithCarry(cpu.r[r3(i, 3)], ~cpu.r[r3(i, 6)] >>> 0, 1)),
    dis: (i, env) => `sub${itS(env)}\t${R(r3(i, 0))}, ${R(r3(i, 3))}, ${R(r3(i, 6))}`,
    gen: (i) => genAdd(`r[${r3(i, 3)}]`, `(~r[${r3(i, 6)}] >>> 0)`, '1', r3(i, 0), true),
  },
  {
    // ADDS <Rd>, <Rn>, #<imm3>   (A8.8.4 T1)
    name: 'T16_ADD_imm3', pattern: '0001110 iii nnn ddd',
    exec: (cpu, i) => arith(cpu, r3(i, 0), addWithCarry(cpu.r[r3(i, 3)], (i >>> 6) & 7, 0)),
    dis: (i, env) => `add${itS(env)}\t${R(r3(i, 0))}, ${R(r3(i, 3))}, #${(i >>> 6) & 7}`,
    gen: (i) => genAdd(`r[${r3(i, 3)}]`, `${(i >>> 6) & 7}`, '0', r3(i, 0), true),
  },
  {
    // SUBS <Rd>, <Rn>, #<imm3>   (A8.8.221 T1)
    name: 'T16_SUB_imm3', pattern: '0001111 iii nnn ddd',
    exec: (cpu, i) => arith(cpu, r3(i, 0), addWithCarry(cpu.r[r3(i, 3)], ~((i >>> 6) & 7) >>> 0, 1)),
    dis: (i, env) => `sub${itS(env)}\t${R(r3(i, 0))}, ${R(r3(i, 3))}, #${(i >>> 6) & 7}`,
    gen: (i) => genAdd(`r[${r3(i, 3)}]`, `${~((i >>> 6) & 7) >>> 0}`, '1', r3(i, 0), true),
  },
  {
    // MOVS <Rd>, #<imm8>   (A8.8.102 T1)
    name: 'T16_MOV_imm', pattern: '00100 ddd iiiiiiii',
    exec: (cpu, i) => {
      const v = i & 0xff;
      cpu.r[r3(i, 8)] = v;
      if (!inIt(cpu)) cpu.setNZ(v);
    },
    dis: (i, env) => `mov${itS(env)}\t${R(r3(i, 8))}, #${i & 0xff}`,
    gen: (i) => `{ const res = ${i & 0xff}; r[${r3(i, 8)}] = res; cpu.n = 0; cpu.z = res === 0 ? 1 : 0; }`,
  },
  {
    // CMP <Rn>, #<imm8>   (A8.8.37 T1)
    name: 'T16_CMP_imm', pattern: '00101 nnn iiiiiiii',
    exec: (cpu, i) => addFlags(cpu, addWithCarry(cpu.r[r3(i, 8)], ~(i & 0xff) >>> 0, 1)),
    dis: (i, env) => `cmp${itc(env)}\t${R(r3(i, 8))}, #${i & 0xff}`,
    gen: (i) => genAdd(`r[${r3(i, 8)}]`, `${~(i & 0xff) >>> 0}`, '1', undefined, true),
  },
  {
    // ADDS <Rdn>, #<imm8>   (A8.8.4 T2)
    name: 'T16_ADD_imm8', pattern: '00110 ddd iiiiiiii',
    exec: (cpu, i) => arith(cpu, r3(i, 8), addWithCarry(cpu.r[r3(i, 8)], i & 0xff, 0)),
    dis: (i, env) => `add${itS(env)}\t${R(r3(i, 8))}, #${i & 0xff}`,
    gen: (i) => genAdd(`r[${r3(i, 8)}]`, `${i & 0xff}`, '0', r3(i, 8), true),
  },
  {
    // SUBS <Rdn>, #<imm8>   (A8.8.221 T2)
    name: 'T16_SUB_imm8', pattern: '00111 ddd iiiiiiii',
    exec: (cpu, i) => arith(cpu, r3(i, 8), addWithCarry(cpu.r[r3(i, 8)], ~(i & 0xff) >>> 0, 1)),
    dis: (i, env) => `sub${itS(env)}\t${R(r3(i, 8))}, #${i & 0xff}`,
    gen: (i) => genAdd(`r[${r3(i, 8)}]`, `${~(i & 0xff) >>> 0}`, '1', r3(i, 8), true),
  },
];

/** The register ALU group 010000 oooo (A6.2.2): op, mnemonic, whether it sets flags via %C. */
const ALU_NAMES = ['and', 'eor', 'lsl', 'lsr', 'asr', 'adc', 'sbc', 'ror', 'tst', 'neg', 'cmp', 'cmn', 'orr', 'mul', 'bic', 'mvn'];

function aluReg(op: number): InstrDef {
  const name = ALU_NAMES[op];
  const compare = op === 8 || op === 10 || op === 11;
  return {
    // <op>S <Rdn>, <Rm>   (A6.2.2; NEG is RSBS <Rd>, <Rn>, #0, A8.8.152)
    name: `T16_${name.toUpperCase()}_reg`,
    pattern: `010000 ${op.toString(2).padStart(4, '0')} mmm ddd`,
    exec: (cpu, i) => {
      const d = i & 7;
      const a = cpu.r[d];
      const b = cpu.r[r3(i, 3)];
      const c = cpu.c;
      switch (op) {
        case 0: logical(cpu, d, (a & b) >>> 0, c); break;
        case 1: logical(cpu, d, (a ^ b) >>> 0, c); break;
        case 2: case 3: case 4: case 7: {
          const res = shiftReg(a, op === 2 ? 0 : op === 3 ? 1 : op === 4 ? 2 : 3, b & 0xff, c);
          logical(cpu, d, res, shiftCarry);
          break;
        }
        case 5: arith(cpu, d, addWithCarry(a, b, c)); break;
        case 6: arith(cpu, d, addWithCarry(a, ~b >>> 0, c)); break;
        case 8: { const res = (a & b) >>> 0; cpu.setNZ(res); break; }
        case 9: arith(cpu, d, addWithCarry(~b >>> 0, 0, 1)); break;
        case 10: addFlags(cpu, addWithCarry(a, ~b >>> 0, 1)); break;
        case 11: addFlags(cpu, addWithCarry(a, b, 0)); break;
        case 12: logical(cpu, d, (a | b) >>> 0, c); break;
        case 13: logical(cpu, d, Math.imul(a, b) >>> 0, c); break; // C unchanged (ARMv6+)
        case 14: logical(cpu, d, (a & ~b) >>> 0, c); break;
        default: logical(cpu, d, ~b >>> 0, c); break;
      }
    },
    dis: (i, env) => `${name}${compare ? itc(env) : itS(env)}\t${R(i & 7)}, ${R(r3(i, 3))}`,
    gen: (i) => genAluReg(op, i & 7, r3(i, 3)),
  };
}

/** Fast-path text for the register ALU group (shifts by register stay in the handler). */
function genAluReg(op: number, d: number, m: number): string | undefined {
  const a = `r[${d}]`;
  const b = `r[${m}]`;
  switch (op) {
    case 0: return genLogical('(a & b) >>> 0', a, b, 'cpu.c', d, true);
    case 1: return genLogical('(a ^ b) >>> 0', a, b, 'cpu.c', d, true);
    case 5: return genAdd(a, b, 'cpu.c', d, true);
    case 6: return genAdd(a, `(~${b} >>> 0)`, 'cpu.c', d, true);
    case 8: return genLogical('(a & b) >>> 0', a, b, 'cpu.c', undefined, true);
    case 9: return genAdd(`(~${b} >>> 0)`, '0', '1', d, true);
    case 10: return genAdd(a, `(~${b} >>> 0)`, '1', undefined, true);
    case 11: return genAdd(a, b, '0', undefined, true);
    case 12: return genLogical('(a | b) >>> 0', a, b, 'cpu.c', d, true);
    case 13: return genLogical('Math.imul(a, b) >>> 0', a, b, 'cpu.c', d, true);
    case 14: return genLogical('(a & ~b) >>> 0', a, b, 'cpu.c', d, true);
    case 15: return genLogical('~b >>> 0', a, b, 'cpu.c', d, true);
    default: return undefined;
  }
}

const aluDefs: InstrDef[] = Array.from({ length: 16 }, (_, op) => aluReg(op));

const special: InstrDef[] = [
  {
    // ADD <Rdn>, <Rm>   (A8.8.6 T2; A8.8.9 ADD SP plus register T1/T2)
    name: 'T16_ADD_hi', pattern: '01000100 D mmmm ddd',
    exec: (cpu, i) => wr(cpu, dn(i), cpu.r[dn(i)] + cpu.r[rmHi(i)]),
    dis: (i, env) => `add${itc(env)}\t${R(dn(i))}, ${R(rmHi(i))}`,
    random: (i) => dn(i) !== 15 && rmHi(i) !== 15 && dn(i) !== 13,
    gen: (i, pc) => (dn(i) === 15 ? undefined : `r[${dn(i)}] = (${rj(dn(i), pc)} + ${rj(rmHi(i), pc)}) >>> 0;`),
  },
  {
    // CMP <Rn>, <Rm>   (A8.8.38 T2)
    name: 'T16_CMP_hi', pattern: '01000101 N mmmm nnn',
    exec: (cpu, i) => addFlags(cpu, addWithCarry(cpu.r[dn(i)], ~cpu.r[rmHi(i)] >>> 0, 1)),
    dis: (i, env) => `cmp${itc(env)}\t${R(dn(i))}, ${R(rmHi(i))}`,
    random: (i) => dn(i) !== 15 && rmHi(i) !== 15,
    gen: (i, pc) => genAdd(rj(dn(i), pc), `(~${rj(rmHi(i), pc)} >>> 0)`, '1', undefined, true),
  },
  {
    // MOV <Rd>, <Rm>   (A8.8.103 T1); MOV PC is a branch (BranchWritePC)
    name: 'T16_MOV_hi', pattern: '01000110 D mmmm ddd',
    exec: (cpu, i) => wr(cpu, dn(i), cpu.r[rmHi(i)]),
    dis: (i, env) => (i === 0x46c0 ? `nop${itc(env)}` : `mov${itc(env)}\t${R(dn(i))}, ${R(rmHi(i))}`),
    random: (i) => dn(i) !== 15 && rmHi(i) !== 15 && dn(i) !== 13,
    gen: (i, pc) => (dn(i) === 15 ? undefined : `r[${dn(i)}] = ${rj(rmHi(i), pc)};`),
  },
  {
    // ADR <Rd>, <label>  = ADD <Rd>, PC, #imm   (A8.8.12 T1)
    name: 'T16_ADR', pattern: '10100 ddd iiiiiiii',
    exec: (cpu, i) => { cpu.r[r3(i, 8)] = ((cpu.r[15] & ~3) + (i & 0xff) * 4) >>> 0; },
    dis: (i, env) => `add${itc(env)}\t${R(r3(i, 8))}, pc, #${(i & 0xff) * 4}`,
  },
  {
    // ADD <Rd>, SP, #<imm>   (A8.8.8 T1)
    name: 'T16_ADD_sp_imm', pattern: '10101 ddd iiiiiiii',
    exec: (cpu, i) => { cpu.r[r3(i, 8)] = (cpu.r[13] + (i & 0xff) * 4) >>> 0; },
    dis: (i, env) => `add${itc(env)}\t${R(r3(i, 8))}, sp, #${(i & 0xff) * 4}`,
  },
  {
    // ADD SP, SP, #<imm>   (A8.8.8 T2)
    name: 'T16_ADD_sp_sp', pattern: '101100000 iiiiiii',
    exec: (cpu, i) => { cpu.r[13] = (cpu.r[13] + (i & 0x7f) * 4) >>> 0; },
    dis: (i, env) => `add${itc(env)}\tsp, #${(i & 0x7f) * 4}`,
  },
  {
    // SUB SP, SP, #<imm>   (A8.8.225 T1)
    name: 'T16_SUB_sp_sp', pattern: '101100001 iiiiiii',
    exec: (cpu, i) => { cpu.r[13] = (cpu.r[13] - (i & 0x7f) * 4) >>> 0; },
    dis: (i, env) => `sub${itc(env)}\tsp, #${(i & 0x7f) * 4}`,
  },
];

export const T16_DP: readonly InstrDef[] = [...shiftImmDefs, ...addSub, ...aluDefs, ...special];

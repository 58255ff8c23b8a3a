// Fast-path code generation for the most frequent T32 encodings (see emulator/cpu/jit.ts): JS text
// with exactly the semantics of the handlers next to which they are attached. Compiled blocks only
// run outside IT blocks, so the 16-bit "S unless in an IT block" forms always set flags here.

import { shiftedReg } from '../a32/dp-gen';

/** Register read; PC reads as the instruction address + 4 in Thumb state (A2.3.1). */
export function rj(n: number, pc: number): string {
  return n === 15 ? `${(pc + 4) >>> 0}` : `r[${n}]`;
}

const NZ = 'cpu.n = res >>> 31; cpu.z = res === 0 ? 1 : 0;';

/** AddWithCarry(x, y, c) into `res`, optional destination and NZCV (A2.2.1). */
export function genAdd(x: string, y: string, c: string, dest: number | undefined, flags: boolean): string {
  const d = dest === undefined ? '' : ` r[${dest}] = res;`;
  const f = flags ? ` ${NZ} cpu.c = sum > 4294967295 ? 1 : 0; cpu.v = ((x ^ res) & (y ^ res)) >>> 31;` : '';
  return `{ const x = ${x}, y = ${y}; const sum = x + y + ${c}; const res = sum >>> 0;${d}${f} }`;
}

/** A logical result `expr` (over a, b) into `res`, optional destination, NZ and C = shC. */
export function genLogical(expr: string, a: string, b: string, shC: string, dest: number | undefined, flags: boolean): string {
  const d = dest === undefined ? '' : ` r[${dest}] = res;`;
  const needC = flags && shC !== 'cpu.c';
  const f = flags ? ` ${NZ}${needC ? ' cpu.c = shC;' : ''}` : '';
  return `{ const a = ${a}, b = ${b};${needC ? ` const shC = ${shC};` : ''} const res = ${expr};${d}${f} }`;
}

/** T32 data-processing opcodes (A6.3.1) as expressions/AddWithCarry operands. */
export function genT32Op(op: number, a: string, b: string, shC: string, dest: number | undefined, flags: boolean): string | undefined {
  switch (op) {
    case 0: return genLogical('(a & b) >>> 0', a, b, shC, dest, flags);
    case 1: return genLogical('(a & ~b) >>> 0', a, b, shC, dest, flags);
    case 2: return genLogical('(a | b) >>> 0', a, b, shC, dest, flags);
    case 3: return genLogical('(a | ~b) >>> 0', a, b, shC, dest, flags);
    case 4: return genLogical('(a ^ b) >>> 0', a, b, shC, dest, flags);
    case 8: return genAdd(a, b, '0', dest, flags);
    case 10: return genAdd(a, b, 'cpu.c', dest, flags);
    case 11: return genAdd(a, `(~${b} >>> 0)`, 'cpu.c', dest, flags);
    case 13: return genAdd(a, `(~${b} >>> 0)`, '1', dest, flags);
    case 14: return genAdd(`(~${a} >>> 0)`, b, '1', dest, flags);
    default: return undefined;
  }
}

/** ThumbExpandImm_C (A6.3.2) folded to a constant and its carry expression. */
export function expandImmJs(imm12: number): { v: number; c: string } {
  const imm8 = imm12 & 0xff;
  if ((imm12 & 0xc00) === 0) {
    const k = (imm12 >>> 8) & 3;
    const v = k === 0 ? imm8 : k === 1 ? ((imm8 << 16) | imm8) >>> 0 : k === 2 ? ((imm8 << 24) | (imm8 << 8)) >>> 0
      : ((imm8 << 24) | (imm8 << 16) | (imm8 << 8) | imm8) >>> 0;
    return { v, c: 'cpu.c' };
  }
  const unrot = 0x80 | (imm12 & 0x7f);
  const rot = (imm12 >>> 7) & 31;
  const v = ((unrot >>> rot) | (unrot << (32 - rot))) >>> 0;
  return { v, c: `${v >>> 31}` };
}

/** Shifted register operand `Rm, <type> #imm5` with its carry (DecodeImmShift, Shift_C). */
export function shiftedJs(m: number, type: number, imm5: number, pc: number): { pre: string; b: string; c: string } {
  const src = m === 15 ? `${(pc + 4) >>> 0}` : 'rm';
  const { b, c } = shiftedReg(src, type, imm5);
  return { pre: m === 15 ? '' : `const rm = r[${m}]; `, b, c };
}

/** A single load or store (16- and 32-bit forms), recording the abort syndrome like the handler. */
export function genSingle(load: boolean, size: 1 | 2 | 4, signed: boolean, t: number, addr: string): string | undefined {
  if (t === 15) return undefined;
  const iss = `iss.valid = true; iss.size = ${size}; iss.signed = ${signed ? 1 : 0}; iss.rt = ${t};`;
  if (load) {
    const rd = size === 4 ? 'cpu.read32(a)' : size === 2 ? 'cpu.read16(a)' : 'cpu.read8(a)';
    const ext = !signed || size === 4 ? 'v' : size === 2 ? '(((v << 16) >> 16) >>> 0)' : '(((v << 24) >> 24) >>> 0)';
    return `${iss} { const a = (${addr}) >>> 0; const v = ${rd}; r[${t}] = ${ext}; }`;
  }
  const wr = size === 4 ? `cpu.write32(a, r[${t}])` : size === 2 ? `cpu.write16(a, r[${t}] & 0xffff)` : `cpu.write8(a, r[${t}] & 0xff)`;
  return `${iss} { const a = (${addr}) >>> 0; ${wr}; }`;
}

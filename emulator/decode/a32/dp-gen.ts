// Fast-path code generation for A32 data-processing (immediate and immediate-shift forms): the
// same semantics as dataproc.ts's handlers (A8.8, Shift_C A8.4.3, AddWithCarry A2.2.1) as JS text.

import type { AluOp } from './dp-alu';

/** JS expression reading register n; PC reads as the instruction address + 8. */
function regExpr(n: number, pc: number): string {
  return n === 15 ? `${(pc + 8) >>> 0}` : `r[${n}]`;
}

/** Second operand and its shifter carry-out for `Rm, <shift> #imm5` (DecodeImmShift + Shift_C). */
export function shiftedReg(m: string, type: number, imm5: number): { b: string; c: string } {
  switch (type) {
    case 0:
      return imm5 === 0 ? { b: m, c: 'cpu.c' } : { b: `((${m} << ${imm5}) >>> 0)`, c: `((${m} >>> ${32 - imm5}) & 1)` };
    case 1:
      return imm5 === 0 ? { b: '0', c: `(${m} >>> 31)` } : { b: `(${m} >>> ${imm5})`, c: `((${m} >>> ${imm5 - 1}) & 1)` };
    case 2:
      return imm5 === 0
        ? { b: `((${m} >> 31) >>> 0)`, c: `(${m} >>> 31)` }
        : { b: `((${m} >> ${imm5}) >>> 0)`, c: `((${m} >>> ${imm5 - 1}) & 1)` };
    default:
      return imm5 === 0
        ? { b: `(((cpu.c << 31) | (${m} >>> 1)) >>> 0)`, c: `(${m} & 1)` }
        : { b: `(((${m} >>> ${imm5}) | (${m} << ${32 - imm5})) >>> 0)`, c: `((${m} >>> ${imm5 - 1}) & 1)` };
  }
}

/**
 * Statements for one ALU instruction with operand expressions already chosen, or undefined when
 * the fast path does not handle it (Rd == PC: branches and exception returns stay in the handler).
 */
function aluBody(o: AluOp, d: number, s: boolean, a: string, b: string, shC: string): string | undefined {
  if (!o.compare && d === 15) return undefined;
  const write = o.compare ? '' : `r[${d}] = res;`;
  let calc: string;
  let flags = '';
  const nz = 'cpu.n = res >>> 31; cpu.z = res === 0 ? 1 : 0;';
  switch (o.opc) {
    case 0: case 8: calc = `const res = (a & b) >>> 0;`; break;
    case 1: case 9: calc = `const res = (a ^ b) >>> 0;`; break;
    case 12: calc = `const res = (a | b) >>> 0;`; break;
    case 13: calc = `const res = b;`; break;
    case 14: calc = `const res = (a & ~b) >>> 0;`; break;
    case 15: calc = `const res = ~b >>> 0;`; break;
    default: {
      // AddWithCarry(x, y, carry): x + y + c exactly in a double, then C and V from it.
      const [x, y, c] =
        o.opc === 2 || o.opc === 10 ? ['a', '(~b >>> 0)', '1'] :
        o.opc === 3 ? ['(~a >>> 0)', 'b', '1'] :
        o.opc === 4 || o.opc === 11 ? ['a', 'b', '0'] :
        o.opc === 5 ? ['a', 'b', 'cpu.c'] :
        o.opc === 6 ? ['a', '(~b >>> 0)', 'cpu.c'] :
        ['(~a >>> 0)', 'b', 'cpu.c'];
      calc = `const x = ${x}, y = ${y}; const sum = x + y + ${c}; const res = sum >>> 0;`;
      if (s || o.compare) flags = `${nz} cpu.c = sum > 4294967295 ? 1 : 0; cpu.v = ((x ^ res) & (y ^ res)) >>> 31;`;
      return `{ const a = ${a}, b = ${b}; ${calc} ${write} ${flags} }`;
    }
  }
  if (s || o.compare) flags = `${nz} cpu.c = shC;`;
  const needC = flags !== '' && shC !== 'cpu.c';
  return `{ const a = ${a}, b = ${b};${needC ? ` const shC = ${shC};` : ''} ${calc} ${write} ${flags.replace('cpu.c = shC;', needC ? 'cpu.c = shC;' : '')} }`;
}

/** <op>{S} Rd, Rn, #const (A5.2.3): the rotated immediate and its carry are constants. */
export function genAluImm(o: AluOp, insn: number, pc: number): string | undefined {
  const imm12 = insn & 0xfff;
  const rot = (imm12 >>> 8) * 2;
  const v8 = imm12 & 0xff;
  const v = rot === 0 ? v8 : ((v8 >>> rot) | (v8 << (32 - rot))) >>> 0;
  const shC = rot === 0 ? 'cpu.c' : `${v >>> 31}`;
  const n = (insn >>> 16) & 15;
  return aluBody(o, (insn >>> 12) & 15, ((insn >>> 20) & 1) === 1, o.unary ? '0' : regExpr(n, pc), `${v}`, shC);
}

/** <op>{S} Rd, Rn, Rm{, <shift> #n} (A5.2.1). */
export function genAluReg(o: AluOp, insn: number, pc: number): string | undefined {
  const n = (insn >>> 16) & 15;
  const m = (insn & 15) === 15 ? `${(pc + 8) >>> 0}` : 'rm';
  const { b, c } = shiftedReg(m, (insn >>> 5) & 3, (insn >>> 7) & 31);
  const body = aluBody(o, (insn >>> 12) & 15, ((insn >>> 20) & 1) === 1, o.unary ? '0' : regExpr(n, pc), b, c);
  if (body === undefined) return undefined;
  return (insn & 15) === 15 ? body : `{ const rm = r[${insn & 15}]; ${body} }`;
}

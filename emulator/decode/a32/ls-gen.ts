// Fast-path code generation for A32 LDR/STR/LDRB/STRB with an immediate offset (A8.8.63, A8.8.204,
// A8.8.67, A8.8.207) and register offsets (A8.8.65, .205, .68, .208): same order as
// ls-word.ts — access first, then writeback, then Rt.

import { shiftedReg } from './dp-gen';

/** JS statements for a word/byte load or store with imm12, or undefined to use the handler. */
export function genLsImm(insn: number, pc: number, load: boolean, byte: boolean): string | undefined {
  return genLs(insn, pc, load, byte, `${insn & 0xfff}`, '');
}

/** The same with a register offset `Rm{, <shift> #n}` (the shift's carry-out is not used). */
export function genLsReg(insn: number, pc: number, load: boolean, byte: boolean): string | undefined {
  const m = insn & 15;
  if (m === 15) return undefined;
  const { b } = shiftedReg('rm', (insn >>> 5) & 3, (insn >>> 7) & 31);
  return genLs(insn, pc, load, byte, 'off', `const rm = r[${m}]; const off = ${b};`);
}

function genLs(insn: number, pc: number, load: boolean, byte: boolean, offset: string, pre: string): string | undefined {
  const p = (insn >>> 24) & 1;
  const u = (insn >>> 23) & 1;
  const w = (insn >>> 21) & 1;
  const n = (insn >>> 16) & 15;
  const t = (insn >>> 12) & 15;
  const wback = p === 0 || w === 1;
  if (p === 0 && w === 1) return undefined; // LDRT/STRT family: other encodings own these
  if (load && t === 15) return undefined; // interworking branch
  if (wback && (n === 15 || n === t)) return undefined; // UNPREDICTABLE: leave to the handler
  if (!load && byte && t === 15) return undefined;
  const base = n === 15 ? `${(pc + 8) >>> 0}` : `r[${n}]`;
  const off = u ? `${base} + ${offset}` : `${base} - ${offset}`;
  const offAddr = `((${off}) >>> 0)`;
  const addr = p ? 'oa' : 'base';
  const acc = load
    ? `const v = cpu.${byte ? 'read8' : 'read32'}(${addr});`
    : `cpu.${byte ? 'write8' : 'write32'}(${addr}, ${byte ? `${t === 15 ? (pc + 8) & 0xff : `r[${t}] & 0xff`}` : t === 15 ? `${(pc + 8) >>> 0}` : `r[${t}]`});`;
  const wb = wback ? `r[${n}] = oa;` : '';
  const set = load ? `r[${t}] = v;` : '';
  return `{ ${pre} const base = ${base}; const oa = ${offAddr}; ${acc} ${wb} ${set} }`;
}

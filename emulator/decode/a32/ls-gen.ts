// Fast-path code generation for A32 LDR/STR/LDRB/STRB with an immediate offset (A8.8.63, A8.8.204,
// A8.8.67, A8.8.207): same order as ls-word.ts — access first, then writeback, then Rt.

/** JS statements for a word/byte load or store with imm12, or undefined to use the handler. */
export function genLsImm(insn: number, pc: number, load: boolean, byte: boolean): string | undefined {
  const p = (insn >>> 24) & 1;
  const u = (insn >>> 23) & 1;
  const w = (insn >>> 21) & 1;
  const n = (insn >>> 16) & 15;
  const t = (insn >>> 12) & 15;
  const imm = insn & 0xfff;
  const wback = p === 0 || w === 1;
  if (p === 0 && w === 1) return undefined; // LDRT/STRT family: other encodings own these
  if (load && t === 15) return undefined; // interworking branch
  if (wback && (n === 15 || n === t)) return undefined; // UNPREDICTABLE: leave to the handler
  if (!load && byte && t === 15) return undefined;
  const base = n === 15 ? `${(pc + 8) >>> 0}` : `r[${n}]`;
  const off = u ? `${base} + ${imm}` : `${base} - ${imm}`;
  const offAddr = `((${off}) >>> 0)`;
  const addr = p ? 'oa' : 'base';
  const acc = load
    ? `const v = cpu.${byte ? 'read8' : 'read32'}(${addr});`
    : `cpu.${byte ? 'write8' : 'write32'}(${addr}, ${byte ? `${t === 15 ? (pc + 8) & 0xff : `r[${t}] & 0xff`}` : t === 15 ? `${(pc + 8) >>> 0}` : `r[${t}]`});`;
  const wb = wback ? `r[${n}] = oa;` : '';
  const set = load ? `r[${t}] = v;` : '';
  return `{ const base = ${base}; const oa = ${offAddr}; ${acc} ${wb} ${set} }`;
}

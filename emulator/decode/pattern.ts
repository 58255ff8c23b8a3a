// Bit-pattern encodings: one string per encoding (dynarmic style), compiled once into mask/value
// pairs and per-letter field extractors shared by the executor, the disassembler and the generator.

/** A field named by a letter in a pattern, e.g. 'd' in 'cccc0000100Snnnnddddiiiiitt0mmmm'. */
export interface FieldSpec {
  readonly letter: string;
  /** Bit positions from most to least significant. */
  readonly bits: readonly number[];
}

export interface CompiledPattern {
  readonly mask: number;
  readonly value: number;
  readonly width: 16 | 32;
  readonly fields: readonly FieldSpec[];
}

/**
 * Compile a pattern. Characters: '0'/'1' fixed bits, '-' or 'x' don't-care, any other letter a
 * named field bit. Spaces are ignored so long patterns can be grouped for reading.
 */
export function compilePattern(pattern: string): CompiledPattern {
  const p = pattern.replace(/ /g, '');
  if (p.length !== 32 && p.length !== 16) throw new Error(`pattern '${pattern}' has ${p.length} bits`);
  let mask = 0;
  let value = 0;
  const fieldBits = new Map<string, number[]>();
  for (let i = 0; i < p.length; i++) {
    const bit = p.length - 1 - i;
    const ch = p[i];
    if (ch === '0' || ch === '1') {
      mask |= 1 << bit;
      if (ch === '1') value |= 1 << bit;
    } else if (ch !== '-' && ch !== 'x') {
      let list = fieldBits.get(ch);
      if (!list) fieldBits.set(ch, (list = []));
      list.push(bit);
    }
  }
  const fields = [...fieldBits].map(([letter, bits]) => ({ letter, bits }));
  return { mask: mask >>> 0, value: value >>> 0, width: p.length as 16 | 32, fields };
}

/** Extract a named field (bits concatenated in pattern order). Slow path: disassembler, generator. */
export function fieldValue(f: FieldSpec, insn: number): number {
  let v = 0;
  for (const b of f.bits) v = (v * 2) + ((insn >>> b) & 1);
  return v >>> 0;
}

export function fieldsOf(cp: CompiledPattern, insn: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const f of cp.fields) out[f.letter] = fieldValue(f, insn);
  return out;
}

/** Insert a value into a named field of an instruction word (used by the random generator). */
export function withField(f: FieldSpec, insn: number, v: number): number {
  let w = insn;
  for (let i = f.bits.length - 1, k = 0; i >= 0; i--, k++) {
    const b = f.bits[i];
    w = (w & ~(1 << b)) | (((v >>> k) & 1) << b);
  }
  return w >>> 0;
}

export function popcount32(x: number): number {
  x = x - ((x >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

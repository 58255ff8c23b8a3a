// Compiles a decode table (list of InstrDef) once into a bucketed matcher. The most specific
// pattern (most fixed bits) wins, as in dynarmic; ties keep table order.

import type { InstrDef } from './instr';
import { compilePattern, popcount32, type CompiledPattern } from './pattern';

export interface CompiledDef {
  readonly def: InstrDef;
  readonly index: number;
  readonly cp: CompiledPattern;
  readonly excludeCond15: boolean;
}

export class Decoder {
  readonly entries: CompiledDef[];
  private readonly buckets = new Map<number, Int32Array>();

  constructor(
    defs: readonly InstrDef[],
    /** Maps an instruction word to a bucket key; all words with one key share candidates. */
    private readonly keyOf: (insn: number) => number,
    /** A representative word for a key, and the key's bit mask, so buckets can be pre-filtered. */
    private readonly keyMask: number,
  ) {
    const seen = new Set<string>();
    this.entries = defs.map((def, index) => {
      if (seen.has(def.name)) throw new Error(`duplicate encoding name ${def.name}`);
      seen.add(def.name);
      const cp = compilePattern(def.pattern);
      const excludeCond15 = cp.width === 32 && def.pattern.replace(/ /g, '').startsWith('cccc');
      return { def, index, cp, excludeCond15 };
    });
    // Most fixed bits first; stable sort keeps table order for equal specificity.
    this.entries.sort((a, b) => popcount32(b.cp.mask) - popcount32(a.cp.mask) || a.index - b.index);
  }

  private candidates(insn: number): Int32Array {
    const key = this.keyOf(insn);
    let list = this.buckets.get(key);
    if (!list) {
      const km = this.keyMask;
      const rep = insn & km;
      const out: number[] = [];
      for (let i = 0; i < this.entries.length; i++) {
        const e = this.entries[i];
        const m = e.cp.mask & km;
        if (((rep & m) >>> 0) === ((e.cp.value & m) >>> 0)) out.push(i);
      }
      list = Int32Array.from(out);
      this.buckets.set(key, list);
    }
    return list;
  }

  /** Returns the matching entry or undefined when no encoding in the table matches. */
  decode(insn: number): CompiledDef | undefined {
    const cands = this.candidates(insn);
    for (let i = 0; i < cands.length; i++) {
      const e = this.entries[cands[i]];
      if (((insn & e.cp.mask) >>> 0) !== e.cp.value) continue;
      if (e.excludeCond15 && insn >>> 28 === 0xf) continue;
      if (e.def.match && !e.def.match(insn)) continue;
      return e;
    }
    return undefined;
  }
}

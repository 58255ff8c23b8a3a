// ELF symbol lookups for the debugger: name -> address, address -> "func+off", function ranges.
// ELF for the ARM Architecture (IHI 0044) §5.5 (symbol values, Thumb bit, mapping symbols).

import type { ElfSection, ElfSymbol, MappingSymbol } from '../loader/elf';

/** What the bytes at an address are, by the mapping symbols (§5.5.5): A32, T32 or data, up to `end`. */
export interface Mapping {
  readonly kind: 'a' | 't' | 'd';
  readonly end: number;
}

const lastAtOrBelow = <T extends { value: number }>(list: readonly T[], addr: number): number => {
  let lo = 0;
  let hi = list.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid].value <= addr) { found = mid; lo = mid + 1; } else hi = mid - 1;
  }
  return found;
};

export class SymbolTable {
  private readonly byName = new Map<string, ElfSymbol>();
  /** Functions and labels sorted by address, for address -> symbol. */
  private readonly sorted: ElfSymbol[];

  private readonly mapping: readonly MappingSymbol[];
  private readonly sections: readonly ElfSection[];
  /** Every symbol address (mapping symbols included) with its section, sorted: data chunk limits. */
  private readonly marks: readonly { value: number; section: number }[];

  constructor(symbols: readonly ElfSymbol[], mapping: readonly MappingSymbol[] = [], sections: readonly ElfSection[] = []) {
    this.mapping = mapping;
    this.sections = sections;
    this.marks = [...mapping, ...symbols.filter((x) => x.section !== undefined).map((x) => ({ value: x.value, section: x.section! }))]
      .sort((a, b) => a.value - b.value);
    for (const s of symbols) {
      const cur = this.byName.get(s.name);
      // Prefer functions and sized objects over plain labels of the same name.
      if (!cur || (cur.type === 0 && s.type !== 0)) this.byName.set(s.name, s);
    }
    this.sorted = symbols.filter((s) => s.type === 2 || s.type === 0).sort((a, b) => a.value - b.value || b.size - a.size);
  }

  lookup(name: string): ElfSymbol | undefined {
    return this.byName.get(name);
  }

  /** The function or label containing `addr` (a sized symbol covering it, else the nearest below). */
  at(addr: number): ElfSymbol | undefined {
    const s = this.sorted;
    let lo = 0;
    let hi = s.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if (s[mid].value <= addr) { found = mid; lo = mid + 1; } else hi = mid - 1;
    }
    if (found < 0) return undefined;
    // Among symbols at or below addr, prefer the closest function whose size covers addr.
    for (let i = found; i >= 0 && i > found - 8; i--) {
      const c = s[i];
      if (c.type === 2 && c.size > 0 && addr < c.value + c.size) return c;
    }
    const near = s[found];
    if (near.size > 0 && addr >= near.value + near.size) return undefined;
    return near;
  }

  /** "name" or "name+0x10" for an address, or undefined. */
  describe(addr: number): string | undefined {
    const s = this.at(addr);
    if (!s) return undefined;
    const off = addr - s.value;
    return off === 0 ? s.name : `${s.name}+0x${off.toString(16)}`;
  }

  private inSection(section: number, addr: number): boolean {
    const h = this.sections[section];
    return h !== undefined && addr >= h.addr && addr < h.addr + h.size;
  }

  /** The mapping symbol in force at `addr` and where its run ends, or undefined when none covers it. */
  mappingAt(addr: number): Mapping | undefined {
    const m = this.mapping;
    const i = lastAtOrBelow(m, addr);
    // Several sections may hold mapping symbols below addr: take the closest one of addr's section.
    for (let k = i; k >= 0 && k > i - 16; k--) {
      const sec = m[k].section;
      if (!this.inSection(sec, addr)) continue;
      let end = this.sections[sec].addr + this.sections[sec].size;
      for (let j = i + 1; j < m.length && m[j].value < end; j++) if (m[j].section === sec) { end = m[j].value; break; }
      return { kind: m[k].kind, end: end >>> 0 };
    }
    return undefined;
  }

  /**
   * Bytes objdump prints as one data item at `addr` inside a $d run: up to the next word boundary,
   * cut at the next symbol of the section, and a 3-byte rest printed as .byte or .short (binutils
   * arm-dis.c print_insn for data).
   */
  dataChunk(addr: number, end: number): 1 | 2 | 4 {
    let size = 4 - (addr & 3);
    const marks = this.marks;
    let lo = lastAtOrBelow(marks, addr) + 1;
    for (; lo < marks.length; lo++) if (marks[lo].value > addr) break;
    let next = end;
    if (lo < marks.length && marks[lo].value < next) next = marks[lo].value;
    if (next - addr < size) size = next - addr;
    if (size === 3) size = addr & 1 ? 1 : 2;
    return (size <= 0 ? 1 : size) as 1 | 2 | 4;
  }

  /**
   * Is `addr` code of a known function: covered by an STT_FUNC symbol, or by a label in a run the
   * mapping symbols mark as A32/T32 code. The unwinder's test for a real return address.
   */
  isCode(addr: number): boolean {
    const s = this.at(addr);
    if (!s) return false;
    if (s.type === 2) return true;
    const mk = this.mappingAt(addr);
    return mk !== undefined && mk.kind !== 'd';
  }

  /**
   * Top (exclusive end) of the stack region holding `sp`: a sized object covering it (a stack
   * array), else the nearest symbol at or above it named like a stack end ("hyp_stack_top",
   * "__stack_end", "_estack"), else 1 MiB above: full-descending stacks (AAPCS §5.2.1) grow down
   * from such a symbol, so a caller frame beyond it is not on this stack.
   */
  stackTop(sp: number): number {
    sp >>>= 0;
    let best = Math.min(sp + 0x100000, 0x100000000);
    for (const s of this.byName.values()) {
      if (s.type === 1 && s.size > 0 && sp >= s.value && sp <= s.value + s.size) return s.value + s.size;
      if (s.value >= sp && s.value < best && s.type !== 2 && /stack/i.test(s.name) && /top|end|^_?estack$|^__stack$/i.test(s.name)) best = s.value;
    }
    return best;
  }

  get all(): readonly ElfSymbol[] {
    return [...this.byName.values()];
  }
}

// ELF symbol lookups for the debugger: name -> address, address -> "func+off", function ranges.
// ELF for the ARM Architecture (IHI 0044) §5.5 (symbol values, Thumb bit, mapping symbols).

import type { ElfSymbol } from '../loader/elf';

export class SymbolTable {
  private readonly byName = new Map<string, ElfSymbol>();
  /** Functions and labels sorted by address, for address -> symbol. */
  private readonly sorted: ElfSymbol[];

  constructor(symbols: readonly ElfSymbol[]) {
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

  get all(): readonly ElfSymbol[] {
    return [...this.byName.values()];
  }
}

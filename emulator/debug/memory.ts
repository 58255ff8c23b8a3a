// Debugger memory access in named address spaces: guest virtual, IPA, Hyp virtual and physical.
// Reads never disturb the machine (Bus.peek, no TLB fill); unmapped bytes are reported as such.

import type { Machine } from '../machine';
import { Mode } from '../cpu/psr';
import { spaceToPhys } from './translate';

export type AddressSpace = 'guest-va' | 'ipa' | 'hyp-va' | 'phys';
export const SPACES: readonly AddressSpace[] = ['guest-va', 'ipa', 'hyp-va', 'phys'];

/** Translates one address of a space to physical without side effects; undefined = fault/unmapped. */
export type SpaceTranslator = (space: AddressSpace, addr: number) => number | undefined;

/** The space the CPU uses right now for its own accesses. */
export function currentSpace(m: Machine): AddressSpace {
  return m.cpu.mode === Mode.HYP ? 'hyp-va' : 'guest-va';
}

/** Parse a memory reference "space:0xADDR" or "0xADDR" (current space). */
export function parseReference(ref: string, dflt: AddressSpace): { space: AddressSpace; addr: number } | undefined {
  if (typeof ref !== 'string') return undefined;
  const m = /^(?:(guest-va|ipa|hyp-va|phys|pa):)?\s*(0x[0-9a-fA-F]+|\d+)$/.exec(ref.trim());
  if (!m) return undefined;
  const addr = Number(m[2]);
  if (!Number.isFinite(addr) || addr < 0 || addr > 0xffffffff) return undefined;
  const space = (m[1] === 'pa' ? 'phys' : m[1] ?? dflt) as AddressSpace;
  return { space, addr };
}

export function makeReference(space: AddressSpace, addr: number): string {
  return `${space}:0x${(addr >>> 0).toString(16).padStart(8, '0')}`;
}

export class DebugMemory {
  /** Translation of one address of a space; by default the MMU's own walker (translate.ts). */
  translator: SpaceTranslator;
  /**
   * Page translations, kept only while the core is stopped (a stackTrace reads dozens of words):
   * `frozen` is set by the runtime at a stop and cleared when the core runs or state is edited.
   */
  private readonly pages = new Map<string, number | undefined>();
  private frozen = false;

  constructor(private readonly m: Machine) {
    this.translator = (space, addr) => spaceToPhys(m, space, addr);
  }

  /** The core stopped: page translations cannot change until it runs or a register is edited. */
  freeze(): void {
    this.pages.clear();
    this.frozen = true;
  }

  /** Translation state may have been edited (a system register, a table in memory): forget pages. */
  flush(): void {
    this.pages.clear();
  }

  /** The core runs, or translation state may have been edited: translate afresh from now on. */
  thaw(): void {
    this.pages.clear();
    this.frozen = false;
  }

  toPhys(space: AddressSpace, addr: number): number | undefined {
    addr >>>= 0;
    if (space === 'phys') return addr;
    if (!this.frozen) return this.translator(space, addr);
    const key = `${space}${addr >>> 12}`;
    let base = this.pages.get(key);
    if (base === undefined && !this.pages.has(key)) {
      base = this.translator(space, (addr & ~0xfff) >>> 0);
      this.pages.set(key, base);
    }
    return base === undefined ? undefined : (base + (addr & 0xfff)) >>> 0;
  }

  /** Read bytes; result[i] = -1 where unreadable. */
  read(space: AddressSpace, addr: number, count: number): Int16Array {
    const out = new Int16Array(count).fill(-1);
    let pagePa: number | undefined;
    let pageVa = -1;
    for (let i = 0; i < count; i++) {
      const a = (addr + i) >>> 0;
      if (addr + i > 0xffffffff) break;
      const vpage = a >>> 12;
      if (vpage !== pageVa) {
        pageVa = vpage;
        const p = this.toPhys(space, (vpage << 12) >>> 0);
        pagePa = p;
      }
      if (pagePa === undefined) continue;
      const v = this.m.bus.peek((pagePa + (a & 0xfff)) >>> 0, 1);
      if (v !== undefined) out[i] = v;
    }
    return out;
  }

  readWord(space: AddressSpace, addr: number, size: 1 | 2 | 4): number | undefined {
    const b = this.read(space, addr, size);
    let v = 0;
    for (let i = size - 1; i >= 0; i--) {
      if (b[i] < 0) return undefined;
      v = (v * 256) + b[i];
    }
    return v >>> 0;
  }

  /** Write bytes to RAM; returns how many bytes were written before the first unwritable one. */
  write(space: AddressSpace, addr: number, bytes: Uint8Array): number {
    for (let i = 0; i < bytes.length; i++) {
      const a = (addr + i) >>> 0;
      const pa = this.toPhys(space, a);
      if (pa === undefined || this.m.bus.ramOffset(pa) < 0) return i;
      this.m.bus.write(pa, 1, bytes[i]);
    }
    this.m.cpu.flushTlb();
    return bytes.length;
  }
}

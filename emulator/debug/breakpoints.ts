// Instruction-address breakpoints as the interpreter sees them (BreakpointSink): a page bitmap so
// the run loop pays one array load per instruction, and per-address entries with conditions.

import type { BreakpointSink } from '../cpu/interpreter';
import type { Bus } from '../memory/bus';

/** One user breakpoint at an address (source, function or instruction breakpoint). */
export interface BreakpointEntry {
  readonly id: number;
  readonly address: number;
  readonly condition?: string;
  /** DAP hitCondition: ">= 3", "% 2", "5" (== 5). */
  readonly hitCondition?: string;
  readonly logMessage?: string;
  hits: number;
}

/** Decides whether an entry stops: evaluates its condition, hit count and log message. */
export type BreakpointJudge = (entries: readonly BreakpointEntry[]) => boolean;

export class BreakpointSet implements BreakpointSink {
  readonly bpPages: Uint8Array;
  private readonly byAddr = new Map<number, BreakpointEntry[]>();
  /** Temporary stops for stepping (address -> predicate). */
  private readonly temps = new Map<number, () => boolean>();
  /** Set when hit() stopped on a temporary breakpoint rather than a user one. */
  lastWasTemp = false;
  private judge: BreakpointJudge = () => true;

  /** One bit per RAM word holding a breakpoint: hit() answers "no" without a Map lookup. */
  private readonly wordBits: Uint8Array;

  private readonly ramBase: number;
  private readonly ramSize: number;

  constructor(private readonly bus: Bus) {
    this.ramBase = bus.ramBase;
    this.ramSize = bus.ramSize;
    this.bpPages = new Uint8Array(bus.ramSize >>> 12);
    this.wordBits = new Uint8Array(bus.ramSize >>> 5);
  }

  setJudge(j: BreakpointJudge): void {
    this.judge = j;
  }

  /**
   * RAM page of an address for bpPages. Breakpoints are set on virtual addresses; the page map is
   * indexed by the physical page the fetch hits, so we mark the page of the address taken as
   * physical (flat mapping). With the MMU on and VA != PA, markAll() covers every page.
   */
  private page(addr: number): number {
    const off = this.bus.ramOffset(addr);
    return off < 0 ? -1 : off >>> 12;
  }

  private rebuildPages(): void {
    this.bpPages.fill(0);
    this.wordBits.fill(0);
    const mark = (a: number): void => {
      const off = this.bus.ramOffset(a);
      if (off < 0) return;
      this.bpPages[off >>> 12] = 1;
      this.wordBits[off >>> 5] |= 1 << ((off >>> 2) & 7);
    };
    for (const a of this.byAddr.keys()) mark(a);
    for (const a of this.temps.keys()) mark(a);
    if (this.anyVirtual) this.bpPages.fill(1);
  }

  /** True when some breakpoint address lies outside RAM as a physical address (MMU-mapped code). */
  private anyVirtual = false;

  replace(group: Set<number>, entries: BreakpointEntry[]): void {
    for (const [a, list] of this.byAddr) {
      const kept = list.filter((e) => !group.has(e.id));
      if (kept.length) this.byAddr.set(a, kept);
      else this.byAddr.delete(a);
    }
    for (const e of entries) {
      const list = this.byAddr.get(e.address) ?? [];
      list.push(e);
      this.byAddr.set(e.address, list);
    }
    this.refresh();
  }

  private refresh(): void {
    this.anyVirtual = [...this.byAddr.keys(), ...this.temps.keys()].some((a) => this.page(a) < 0);
    this.rebuildPages();
  }

  setTemp(addr: number, pred: () => boolean): void {
    this.temps.set(addr >>> 0, pred);
    this.refresh();
  }

  clearTemps(): void {
    if (this.temps.size === 0) return;
    this.temps.clear();
    this.refresh();
  }

  get empty(): boolean {
    return this.byAddr.size === 0 && this.temps.size === 0;
  }

  has(addr: number): boolean {
    return this.byAddr.has(addr);
  }

  hit(pc: number): boolean {
    if (!this.anyVirtual) {
      const off = (pc - this.ramBase) >>> 0;
      if (off < this.ramSize && (this.wordBits[off >>> 5] & (1 << ((off >>> 2) & 7))) === 0) return false;
    }
    const t = this.temps.get(pc);
    if (t && t()) {
      this.lastWasTemp = true;
      return true;
    }
    const list = this.byAddr.get(pc);
    if (!list) return false;
    this.lastWasTemp = false;
    return this.judge(list);
  }

  entriesAt(pc: number): readonly BreakpointEntry[] {
    return this.byAddr.get(pc) ?? [];
  }
}

/** DAP hitCondition semantics: "N" or "== N" stops on the Nth hit, ">= N", "> N", "% N". */
export function hitConditionMet(cond: string, hits: number): boolean {
  const m = /^\s*(==|>=|>|<=|<|%)?\s*(\d+)\s*$/.exec(cond);
  if (!m) throw new Error(`bad hit condition '${cond}': use N, == N, >= N, > N or % N`);
  const n = Number(m[2]);
  switch (m[1] ?? '==') {
    case '==': return hits === n;
    case '>=': return hits >= n;
    case '>': return hits > n;
    case '<=': return hits <= n;
    case '<': return hits < n;
    default: return n > 0 && hits % n === 0;
  }
}

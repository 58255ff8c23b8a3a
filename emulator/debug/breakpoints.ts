// Instruction-address breakpoints as the run loop sees them (BreakpointSink): flags per virtual
// page so the loop pays one array load per instruction, and per-address entries with conditions.

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
  private readonly byAddr = new Map<number, BreakpointEntry[]>();
  /** Temporary stops for stepping (address -> predicate). */
  private readonly temps = new Map<number, () => boolean>();
  /** Set when hit() stopped on a temporary breakpoint rather than a user one. */
  lastWasTemp = false;
  private judge: BreakpointJudge = () => true;
  /** Per virtual page: one flag per halfword holding a breakpoint (see BreakpointSink). */
  private pages = new Map<number, Uint8Array>();
  /** Per virtual page: bumped when its breakpoint addresses change. */
  private readonly versions = new Map<number, number>();

  pageVersion(vpn: number): number {
    return this.versions.get(vpn) ?? 0;
  }

  constructor(_bus: Bus) {}

  wordsForPage(vpn: number): Uint8Array | undefined {
    return this.pages.get(vpn);
  }

  setJudge(j: BreakpointJudge): void {
    this.judge = j;
  }

  private rebuildPages(): void {
    const pages = new Map<number, Uint8Array>();
    const mark = (a: number): void => {
      const vpn = a >>> 12;
      let words = pages.get(vpn);
      if (!words) pages.set(vpn, (words = new Uint8Array(2048)));
      words[(a & 0xfff) >>> 1] = 1;
    };
    for (const a of this.byAddr.keys()) mark(a);
    for (const a of this.temps.keys()) mark(a);
    // Only pages whose flags changed get a new version, so compiled code elsewhere stays.
    for (const vpn of new Set([...pages.keys(), ...this.pages.keys()])) {
      const a = pages.get(vpn);
      const b = this.pages.get(vpn);
      if (!a || !b || a.some((v, i) => v !== b[i])) this.versions.set(vpn, (this.versions.get(vpn) ?? 0) + 1);
    }
    this.pages = pages;
  }

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

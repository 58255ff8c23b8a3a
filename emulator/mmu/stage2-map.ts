// Enumeration of every stage-2 mapping as coalesced IPA -> PA regions for the debugger's map view
// (descriptor format B3.6.2, geometry B4.1.159 VTCR). Reads RAM only; tolerates loops and garbage.

import type { Cpu } from '../cpu/cpu';
import { s2Geometry, LEVEL_SHIFT } from './stage2';
import { pow2 } from './walker';

export interface Stage2Region {
  ipa: number;
  pa: number;
  size: number;
  access: 'rw' | 'ro' | 'wo' | 'none';
  memAttr: number;
  xn: boolean;
  /** Access flag: false means every access faults (stage-2 access flag fault). */
  af: boolean;
}

export interface Stage2Map {
  enabled: boolean;
  ipaBits: number;
  regions: Stage2Region[];
  /** Tables that could not be read, inconsistent geometry, truncation. */
  problems: string[];
}

const ACCESS = ['none', 'ro', 'wo', 'rw'] as const;
/** Output cap: a pathological table set cannot make the debugger allocate without bound. */
const MAX_REGIONS = 200_000;

interface Ctx {
  cpu: Cpu;
  memo: Map<number, Stage2Region[]>;
  problems: string[];
  budget: number;
}

/** Append `r` (shifted by `delta` in IPA) to `list`, merging with the last region when contiguous. */
function push(list: Stage2Region[], r: Stage2Region, delta: number): void {
  const last = list[list.length - 1];
  const ipa = r.ipa + delta;
  if (last && last.ipa + last.size === ipa && last.pa + last.size === r.pa && last.access === r.access &&
    last.memAttr === r.memAttr && last.xn === r.xn && last.af === r.af) {
    last.size += r.size;
    return;
  }
  list.push({ ...r, ipa });
}

/**
 * Regions of one table at `level` (relative IPAs, starting at 0). Memoized by (address, level) so
 * that shared or self-referencing tables are read once.
 */
function table(ctx: Ctx, addr: number, level: number, entries: number): Stage2Region[] {
  const key = addr * 4 + level;
  const known = ctx.memo.get(key);
  if (known) return known;
  const list: Stage2Region[] = [];
  ctx.memo.set(key, list); // a table that leads back to itself sees the (partial) list: no recursion loop
  const bus = ctx.cpu.bus;
  const ram32 = bus.ram32;
  const shift = LEVEL_SHIFT[level];
  const span = pow2(shift);
  for (let i = 0; i < entries; i++) {
    const pa = addr + i * 8;
    const off = pa - bus.ramBase;
    if (off < 0 || off + 8 > bus.ramSize) {
      ctx.problems.push(`level-${level} table at 0x${addr.toString(16)} lies outside RAM`);
      break;
    }
    const lo = ram32[off >>> 2];
    const type = lo & 3;
    if (type === 0 || type === 2 || (type === 1 && level === 3)) continue; // invalid: skip quickly
    const hi = ram32[(off >>> 2) + 1];
    const out = (hi & 0xff) * 4294967296 + (level === 1 ? (lo >>> 30) * pow2(30) : level === 2 ? (lo >>> 21) * pow2(21) : (lo >>> 12) * 4096);
    if (type === 3 && level < 3) {
      const next = (hi & 0xff) * 4294967296 + (lo >>> 12) * 4096;
      const sub = table(ctx, next, level + 1, 512);
      for (const r of sub) {
        if (ctx.budget-- <= 0) break;
        push(list, r, i * span);
      }
      continue;
    }
    if (ctx.budget-- <= 0) break;
    push(list, {
      ipa: 0, pa: out, size: span, access: ACCESS[(lo >>> 6) & 3], memAttr: (lo >>> 2) & 0xf,
      xn: ((hi >>> 22) & 1) === 1, af: ((lo >>> 10) & 1) === 1,
    }, i * span);
  }
  return list;
}

/** Every stage-2 mapping of the current VTTBR/VTCR as coalesced regions sorted by IPA. */
export function stage2Map(cpu: Cpu): Stage2Map {
  const sys = cpu.sys;
  const enabled = (sys.hcr & ((1 << 0) | (1 << 12))) !== 0;
  const g = s2Geometry(sys.vtcr, sys.vttbrLo, sys.vttbrHi);
  const result: Stage2Map = { enabled, ipaBits: g.inputBits, regions: [], problems: [] };
  if (!enabled) result.problems.push('stage 2 is off (HCR.VM=0): the map below is what VTTBR would give');
  if (g.error !== undefined) {
    result.problems.push(g.error);
    return result;
  }
  const ctx: Ctx = { cpu, memo: new Map(), problems: result.problems, budget: MAX_REGIONS };
  const regions = table(ctx, g.base, g.startLevel, g.entries);
  result.regions = regions.map((r) => ({ ...r }));
  if (ctx.budget <= 0) result.problems.push(`more than ${MAX_REGIONS} regions: list truncated`);
  return result;
}

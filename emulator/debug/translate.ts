// The debugger's translation views over the MMU's own walker (emulator/mmu/walk-api.ts): one address
// walked through every stage with each descriptor read, the stage-2 map, and address-space lookups.
// ARM ARM B3.2 (address types), B3.5/B3.6 (descriptor formats), B3.6.5 (stage 2), B4.1.159 (VTCR).

import type { Machine } from '../machine';
import { walk, stage2Map, type WalkRegime, type WalkReport } from '../mmu/walk-api';
import type { WalkStep } from '../mmu/types';
import type { AddressSpace } from './memory';

export type TranslateSpace = 'guest-va' | 'ipa' | 'hyp-va';

/** One descriptor read, JSON-safe (the walker's raw descriptor is a bigint). */
export interface TranslateStep {
  stage: 1 | 2;
  level: number;
  /** Base of the table and the descriptor's address (an IPA for stage-1 tables under stage 2). */
  tableBase: string;
  descriptorAddress: string;
  /** Raw descriptor: 8 hex digits (short format) or 16 (long format). */
  descriptor: string;
  fields: Record<string, string | number | boolean>;
  /** One line for people: "stage 2 level 1 @ 0x47002028: 0x0000000047006003 table → 0x47006000". */
  text: string;
  /** The stage-2 walk of a stage-1 table address (nested walk, B3.6.? S1PTW). */
  nested?: TranslateStep[];
  note?: string;
}

export interface TranslateResult {
  outputAddress: number;
  /** The same in hex, for people. */
  pa: string;
  /** For a guest VA with stage 2 on: the stage-1 output (intermediate physical address). */
  ipa?: string;
  memoryType: string;
  /** MAIR-format attribute byte and shareability (0 non, 2 outer, 3 inner). */
  attr: number;
  shareability: number;
  permissions: { pl0: string; pl1: string };
  /** Size of the mapping around the address (bytes), both stages combined. */
  blockSize: number;
}

export interface TranslateFault {
  type: string;
  stage: 1 | 2;
  level: number;
  ipa?: string;
  s1ptw: boolean;
  domain?: number;
  reason: string;
}

export interface TranslateReport {
  address: number;
  space: TranslateSpace;
  notes: string[];
  steps: TranslateStep[];
  result?: TranslateResult;
  fault?: TranslateFault;
}

const hex = (v: number): string => `0x${v.toString(16)}`;

/** Decoded field value for the step's text: addresses in hex, flags and small numbers as they are. */
function fieldText(k: string, v: string | number | boolean): string {
  if (typeof v === 'number') return /address|table|base|pa$/i.test(k) || v > 0xffff ? hex(v) : String(v);
  return String(v);
}

/** `s1Long`: stage-1 descriptors are long-format (Hyp, or TTBCR.EAE = 1); stage 2 always is. */
function convertStep(s: WalkStep, s1Long: boolean): TranslateStep {
  const long = s.stage === 2 || s1Long;
  const desc = `0x${s.descriptor.toString(16).padStart(long ? 16 : 8, '0')}`;
  const parts = Object.entries(s.fields).map(([k, v]) => (k === 'type' ? String(v) : `${k}=${fieldText(k, v)}`));
  const out: TranslateStep = {
    stage: s.stage,
    level: s.level,
    tableBase: hex(s.tableBase),
    descriptorAddress: hex(s.descriptorAddress),
    descriptor: desc,
    fields: { ...s.fields },
    text: `stage ${s.stage} level ${s.level} @ ${hex(s.descriptorAddress)}: ${desc} ${parts.join(' ')}${s.note ? ` (${s.note})` : ''}`,
  };
  if (s.nested) out.nested = s.nested.map((n) => convertStep(n, s1Long));
  if (s.note) out.note = s.note;
  return out;
}

function regimeOf(space: TranslateSpace): WalkRegime {
  return space === 'guest-va' ? 'guest-va-both' : space;
}

/** Walk one address as the CPU would for a PL1 read (Hyp for hyp-va); nothing in the machine changes. */
export function translateReport(m: Machine, space: TranslateSpace, address: number): TranslateReport {
  const rep: WalkReport = walk(m.cpu, address >>> 0, regimeOf(space), 'read', 1);
  const s1Long = space !== 'guest-va' || (m.cpu.sys.ttbcr >>> 31) === 1;
  const out: TranslateReport = { address: address >>> 0, space, notes: rep.notes, steps: rep.steps.map((st) => convertStep(st, s1Long)) };
  if (rep.result) {
    const r = rep.result;
    out.result = {
      outputAddress: r.outputAddress, pa: hex(r.outputAddress), memoryType: r.attributes.memoryType,
      attr: r.attributes.attr, shareability: r.attributes.shareability, permissions: r.permissions, blockSize: r.blockSize,
    };
    if (space === 'guest-va' && (m.cpu.sys.hcr & 1) === 1) {
      const s1 = walk(m.cpu, address >>> 0, 'guest-va', 'read', 1);
      if (s1.result) out.result.ipa = hex(s1.result.outputAddress);
    }
  }
  if (rep.fault) {
    const f = rep.fault;
    out.fault = { type: f.type, stage: f.stage, level: f.level, s1ptw: f.s1ptw, reason: f.reason, ...(f.ipa !== undefined ? { ipa: hex(f.ipa) } : {}), ...(f.domain !== undefined ? { domain: f.domain } : {}) };
  }
  return out;
}

/**
 * Physical address of `addr` in `space` as a PL1 (or Hyp) read would see it; undefined when the
 * walk faults or the output lies above 4 GiB (nothing of the virt board lives there).
 */
export function spaceToPhys(m: Machine, space: AddressSpace, addr: number): number | undefined {
  if (space === 'phys') return addr >>> 0;
  const rep = walk(m.cpu, addr >>> 0, regimeOf(space), 'read', 1);
  if (!rep.result || rep.fault) return undefined;
  const pa = rep.result.outputAddress;
  return pa <= 0xffffffff ? pa : undefined;
}

export interface Stage2MapReport {
  enabled: boolean;
  vmid: number;
  vttbr: string;
  vtcr: string;
  ipaBits: number;
  regions: { ipa: string; pa: string; size: number; access: string; memAttr: number; memoryType: string; xn: boolean; af: boolean }[];
  problems: string[];
}

/** Stage-2 MemAttr[3:0] in words (B3.6.2 Table B3-11: [3:2] outer, [1:0] inner, 00 = Device/SO). */
export function s2MemAttrText(a: number): string {
  const outer = a >>> 2;
  const inner = a & 3;
  if (outer === 0) return inner === 0 ? 'Strongly-ordered' : inner === 1 ? 'Device' : 'UNPREDICTABLE';
  const cache = ['', 'non-cacheable', 'write-through', 'write-back'];
  return `Normal outer ${cache[outer]} inner ${inner === 0 ? 'UNPREDICTABLE' : cache[inner]}`;
}

/** The whole stage-2 map of the current VTTBR/VTCR, adjacent pages with equal attributes coalesced. */
export function stage2MapReport(m: Machine): Stage2MapReport {
  const s = m.cpu.sys;
  const map = stage2Map(m.cpu);
  return {
    enabled: map.enabled,
    vmid: s.vmid,
    vttbr: `0x${(s.vttbrHi >>> 0).toString(16).padStart(8, '0')}${(s.vttbrLo >>> 0).toString(16).padStart(8, '0')}`,
    vtcr: `0x${(s.vtcr >>> 0).toString(16).padStart(8, '0')}`,
    ipaBits: map.ipaBits,
    // With HCR.VM = 0 nothing goes through stage 2: an empty map, whatever VTTBR points at.
    regions: !map.enabled ? [] : map.regions.map((r) => ({ ipa: hex(r.ipa), pa: hex(r.pa), size: r.size, access: r.access, memAttr: r.memAttr, memoryType: s2MemAttrText(r.memAttr), xn: r.xn, af: r.af })),
    problems: map.enabled ? map.problems : ['stage 2 is off (HCR.VM=0)'],
  };
}

/** Text form of a walk for the Debug Console. */
export function translateText(rep: TranslateReport): string {
  const lines = [`translate ${hex(rep.address)} (${rep.space})`];
  for (const n of rep.notes) lines.push(`  note: ${n}`);
  const put = (steps: TranslateStep[], indent: string): void => {
    for (const s of steps) {
      if (s.nested?.length) {
        lines.push(`${indent}stage-1 table at IPA ${s.tableBase} through stage 2:`);
        put(s.nested, `${indent}    `);
      }
      lines.push(`${indent}${s.text}`);
    }
  };
  put(rep.steps, '  ');
  if (rep.fault) {
    const f = rep.fault;
    lines.push(`  fault: ${f.type} at stage ${f.stage} level ${f.level}${f.s1ptw ? ' (on a stage-1 table walk)' : ''}${f.ipa ? `, IPA ${f.ipa}` : ''}: ${f.reason}`);
  } else if (rep.result) {
    const r = rep.result;
    lines.push(`  => PA ${r.pa}${r.ipa ? ` (IPA ${r.ipa})` : ''}, ${r.memoryType}, PL1 ${r.permissions.pl1} PL0 ${r.permissions.pl0}, mapping of ${r.blockSize >= 2 ** 20 ? `${r.blockSize / 2 ** 20} MiB` : `${r.blockSize / 1024} KiB`}`);
  }
  return lines.join('\n');
}

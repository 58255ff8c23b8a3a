// What the Stage-2 panel shows, computed from the adapter's answers: VTTBR/VTCR/HCR decoded with the
// system-register table's fields, regions diffed against the last stop, stage-2 descriptors decoded.
// B4.1.159 VTCR, B4.1.160 VTTBR, B4.1.65 HCR.VM, B3.6.2 (long-descriptor stage-2 formats).

import { s2Geometry } from '../../emulator/mmu/stage2';
import { describeAttr, s2MemAttrToMair } from '../../emulator/mmu/attrs';
import { fieldValue, lookupSysRegName } from '../cp-operands';
import type { Stage2MapResponse, Stage2RegionInfo } from '../protocol';

export interface FieldRow { name: string; bits: string; value: string; description: string }

export interface Stage2Header {
  enabled: boolean;
  hcrVm: boolean | undefined;
  vmid: number;
  vttbr: string;
  baddr: string;
  vtcr: string;
  ipaBits: number;
  startLevel: number;
  rootTable: number;
  rootEntries: number;
  geometryError?: string;
  vttbrFields: FieldRow[];
  vtcrFields: FieldRow[];
}

export interface RegionRow extends Stage2RegionInfo {
  attrText: string;
  changed: boolean;
}

export interface DescriptorRow {
  index: number;
  /** Input address (IPA) this entry covers. */
  ipa: number;
  span: number;
  address: number;
  raw: string;
  type: 'table' | 'block' | 'page';
  next?: number;
  outputAddress?: number;
  fields: Record<string, string | number | boolean>;
  changed: boolean;
}

const hex = (v: number, w = 8): string => `0x${Math.floor(v).toString(16).padStart(w, '0')}`;

export function vttbrWords(v: Stage2MapResponse['vttbr']): { lo: number; hi: number } {
  if (typeof v === 'number') return { lo: v % 4294967296 >>> 0, hi: Math.floor(v / 4294967296) >>> 0 };
  if (typeof v === 'string') {
    const big = BigInt(v.replace(/_/g, ''));
    return { lo: Number(big & 0xffffffffn), hi: Number((big >> 32n) & 0xffffffffn) };
  }
  return { lo: v.lo >>> 0, hi: v.hi >>> 0 };
}

function fieldRows(regName: string, value: { lo: number; hi: number }): FieldRow[] {
  const reg = lookupSysRegName(regName);
  if (!reg) return [];
  return [...reg.fields].sort((a, b) => b.lsb - a.lsb).map((f) => ({
    name: f.name,
    bits: f.width === 1 ? `${f.lsb}` : `${f.lsb + f.width - 1}:${f.lsb}`,
    value: f.width === 1 ? String(fieldValue(value, f.lsb, f.width)) : `0x${fieldValue(value, f.lsb, f.width).toString(16)}`,
    description: f.description,
  }));
}

export function decodeHeader(map: Stage2MapResponse): Stage2Header {
  const vt = vttbrWords(map.vttbr);
  const vtcr = map.vtcr >>> 0;
  const g = s2Geometry(vtcr, vt.lo, vt.hi);
  const baddr = (vt.hi & 0xff) * 4294967296 + vt.lo;
  return {
    enabled: map.enabled,
    hcrVm: map.hcr === undefined ? undefined : (map.hcr & 1) === 1,
    vmid: map.vmid ?? (vt.hi >>> 16) & 0xff,
    vttbr: `0x${vt.hi.toString(16).padStart(8, '0')}_${vt.lo.toString(16).padStart(8, '0')}`,
    baddr: hex(baddr, 10),
    vtcr: hex(vtcr),
    ipaBits: map.ipaBits ?? g.inputBits,
    startLevel: g.startLevel,
    rootTable: g.base,
    rootEntries: g.entries,
    geometryError: g.error,
    vttbrFields: fieldRows('VTTBR', vt),
    vtcrFields: fieldRows('VTCR', { lo: vtcr, hi: 0 }),
  };
}

const regionKey = (r: Stage2RegionInfo): string => `${r.ipa}:${r.size}:${r.pa}:${r.access}:${r.memAttr}:${r.xn}:${r.af ?? true}`;

/** Regions with their attribute text, flagged when absent (or different) at the previous stop. */
export function diffRegions(prev: readonly Stage2RegionInfo[] | undefined, next: readonly Stage2RegionInfo[]): RegionRow[] {
  const known = prev ? new Set(prev.map(regionKey)) : undefined;
  return next.map((r) => ({ ...r, attrText: describeAttr(s2MemAttrToMair(r.memAttr)), changed: known !== undefined && !known.has(regionKey(r)) }));
}

/** Address bits a level resolves (B3.6.2): level 1 -> 30, 2 -> 21, 3 -> 12. */
export const S2_LEVEL_SHIFT = [39, 30, 21, 12];

/**
 * Decode the valid descriptors of one stage-2 table read as little-endian bytes (B3.6.2:
 * bits[1:0] 0b11 table/page, 0b01 block at levels 1-2; stage-2 attributes MemAttr[5:2],
 * HAP[7:6], SH[9:8], AF[10], Contiguous[52], XN[54]).
 */
export function decodeTable(bytes: Uint8Array, tableAddr: number, level: number, ipaBase: number, prev: Map<number, string> | undefined): DescriptorRow[] {
  const out: DescriptorRow[] = [];
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const shift = S2_LEVEL_SHIFT[level];
  const span = 2 ** shift;
  for (let i = 0; i + 8 <= bytes.length; i += 8) {
    const lo = dv.getUint32(i, true);
    const hi = dv.getUint32(i + 4, true);
    const t = lo & 3;
    if (t === 0 || t === 2 || (t === 1 && level === 3)) continue;
    const index = i / 8;
    const address = tableAddr + i;
    const raw = `0x${hi.toString(16).padStart(8, '0')}_${lo.toString(16).padStart(8, '0')}`;
    const changed = prev !== undefined && prev.get(address) !== raw;
    const ipa = ipaBase + index * span;
    if (t === 3 && level < 3) {
      const next = (hi & 0xff) * 4294967296 + (lo >>> 12) * 4096;
      out.push({ index, ipa, span, address, raw, type: 'table', next, fields: { nextTable: hex(next, 10) }, changed });
      continue;
    }
    const oa = (hi & 0xff) * 4294967296 + (lo - (lo % span));
    const memAttr = (lo >>> 2) & 0xf;
    out.push({
      index, ipa, span, address, raw, type: level === 3 ? 'page' : 'block', outputAddress: oa, changed,
      fields: {
        MemAttr: `0x${memAttr.toString(16)} (${describeAttr(s2MemAttrToMair(memAttr))})`,
        HAP: ['none', 'ro', 'wo', 'rw'][(lo >>> 6) & 3],
        SH: ['non', 'reserved', 'outer', 'inner'][(lo >>> 8) & 3],
        AF: ((lo >>> 10) & 1) === 1,
        Contiguous: ((hi >>> 20) & 1) === 1,
        XN: ((hi >>> 22) & 1) === 1,
      },
    });
  }
  return out;
}

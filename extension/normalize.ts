// Brings the adapter's custom-request answers into one shape: numbers may arrive as numbers or as
// hex strings ("0x4a000010"), lists bare or wrapped, a translation result as a PA or as an object.

import type { ExceptionEntry, ExceptionLogResponse, Stage2MapResponse, Stage2RegionInfo, TranslateResponse, WalkStepInfo } from './protocol';

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v && typeof v === 'object' ? (v as Obj) : {});

/** A number from a number, a decimal or hex string (underscores allowed), or a bigint. */
export function num(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'string') {
    const t = v.trim().replace(/_/g, '');
    if (/^0x[0-9a-f]+$/i.test(t)) return t.length > 15 ? Number(BigInt(t)) : parseInt(t, 16);
    if (/^\d+$/.test(t)) return Number(t);
  }
  return undefined;
}

function step(v: unknown): WalkStepInfo {
  const o = obj(v);
  // The adapter sends the raw descriptor as one hex string ("0x0000000047006003"); older shapes split it.
  const whole = typeof o.descriptor === 'string' && /^0x[0-9a-f]+$/i.test(o.descriptor.trim()) ? BigInt(o.descriptor.trim()) : undefined;
  const lo = whole !== undefined ? Number(whole & 0xffffffffn) : num(o.descriptorLo) ?? 0;
  const hi = whole !== undefined ? Number((whole >> 32n) & 0xffffffffn) : num(o.descriptorHi) ?? 0;
  return {
    stage: num(o.stage) === 1 ? 1 : 2, level: num(o.level) ?? 0, tableBase: num(o.tableBase) ?? 0, descriptorAddress: num(o.descriptorAddress) ?? 0,
    descriptorHi: hi, descriptorLo: lo, fields: (o.fields && typeof o.fields === 'object' ? o.fields : typeof o.text === 'string' ? { text: o.text } : {}) as WalkStepInfo['fields'],
    nested: Array.isArray(o.nested) ? o.nested.map(step) : undefined, note: typeof o.note === 'string' ? o.note : undefined,
  };
}

export function normalizeTranslate(v: unknown, address: number): TranslateResponse {
  const o = obj(v);
  const notes = Array.isArray(o.notes) ? o.notes.map(String) : typeof o.note === 'string' ? [o.note] : [];
  let result: TranslateResponse['result'];
  const pa = num(o.result);
  if (pa !== undefined) result = { outputAddress: pa };
  else if (o.result && typeof o.result === 'object') {
    const r = obj(o.result);
    // Memory type and attributes may sit in `attributes` or flat on the result (the adapter's shape).
    const a = r.attributes && typeof r.attributes === 'object' ? obj(r.attributes) : r;
    const memoryType = typeof a.memoryType === 'string' ? a.memoryType : undefined;
    const p = obj(r.permissions);
    result = {
      outputAddress: num(r.outputAddress) ?? num(r.pa) ?? 0,
      ipa: num(r.ipa),
      attributes: memoryType !== undefined ? { memoryType, attr: num(a.attr) ?? 0, shareability: num(a.shareability) ?? 0 } : undefined,
      permissions: typeof p.pl1 === 'string' && typeof p.pl0 === 'string' ? { pl0: p.pl0, pl1: p.pl1 } : undefined,
      blockSize: num(r.blockSize),
    };
  }
  let fault: TranslateResponse['fault'];
  if (typeof o.fault === 'string') fault = { type: o.fault, stage: 2, level: 0, reason: o.fault };
  else if (o.fault && typeof o.fault === 'object') {
    const f = obj(o.fault);
    fault = { type: String(f.type ?? 'fault'), stage: num(f.stage) === 1 ? 1 : 2, level: num(f.level) ?? 0, ipa: num(f.ipa), s1ptw: f.s1ptw === true, reason: String(f.reason ?? '') };
  }
  return { regime: typeof o.regime === 'string' ? o.regime : undefined, address: num(o.address) ?? address, notes, steps: Array.isArray(o.steps) ? o.steps.map(step) : [], result, fault };
}

function region(v: unknown): Stage2RegionInfo {
  const o = obj(v);
  const access = o.access === 'rw' || o.access === 'ro' || o.access === 'wo' ? o.access : 'none';
  return { ipa: num(o.ipa) ?? 0, pa: num(o.pa) ?? 0, size: num(o.size) ?? 0, access, memAttr: num(o.memAttr) ?? 0, xn: o.xn === true, af: o.af === false ? false : true };
}

export function normalizeStage2Map(v: unknown): Stage2MapResponse {
  const o = obj(v);
  const regions = (Array.isArray(o.regions) ? o.regions.map(region) : []).sort((a, b) => a.ipa - b.ipa);
  const vttbr = typeof o.vttbr === 'string' || typeof o.vttbr === 'number' ? o.vttbr : o.vttbr && typeof o.vttbr === 'object' ? { lo: num(obj(o.vttbr).lo) ?? 0, hi: num(obj(o.vttbr).hi) ?? 0 } : 0;
  return {
    enabled: o.enabled === true, vmid: num(o.vmid) ?? 0, vttbr, vtcr: num(o.vtcr) ?? 0, hcr: num(o.hcr), ipaBits: num(o.ipaBits), regions,
    problems: Array.isArray(o.problems) ? o.problems.map(String) : [],
  };
}

function entry(v: unknown): ExceptionEntry {
  const o = obj(v);
  const mode = (m: unknown): number | string => num(m) ?? (typeof m === 'string' ? m : '?');
  return {
    kind: String(o.kind ?? '?'), from: mode(o.from), to: mode(o.to), pc: num(o.pc) ?? 0, vector: num(o.vector), hsr: num(o.hsr),
    syndrome: typeof o.syndrome === 'string' ? o.syndrome : undefined, icount: num(o.icount) ?? 0, far: num(o.far), hpfar: num(o.hpfar),
    description: typeof o.description === 'string' ? o.description : undefined,
  };
}

export function normalizeExceptionLog(v: unknown): ExceptionLogResponse {
  const o = obj(v);
  const list = Array.isArray(v) ? v : Array.isArray(o.entries) ? o.entries : [];
  const entries = list.map(entry);
  return { entries, total: num(o.total) ?? entries.length, icount: num(o.icount) };
}

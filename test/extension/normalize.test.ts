// The adapter's custom-request answers in their accepted spellings (hex strings or numbers).
import { describe, expect, it } from 'vitest';
import { normalizeExceptionLog, normalizeStage2Map, normalizeTranslate, num } from '../../extension/normalize';

describe('normalize', () => {
  it('parses numbers and hex strings', () => {
    expect(num('0x4a000010')).toBe(0x4a000010);
    expect(num('0x0000000140200000')).toBe(0x140200000);
    expect(num(12)).toBe(12);
    expect(num('x')).toBeUndefined();
  });
  it('reads the exception log with hex strings and mode names', () => {
    const r = normalizeExceptionLog({ total: 3, entries: [{ kind: 'hvc', from: 'svc', to: 'hyp', pc: '0x400004a4', hsr: '0x4a000000', icount: 1126 }] });
    expect(r.total).toBe(3);
    expect(r.entries[0]).toMatchObject({ kind: 'hvc', from: 'svc', to: 'hyp', pc: 0x400004a4, hsr: 0x4a000000, icount: 1126 });
  });
  it('reads a flat translation and a walk report', () => {
    expect(normalizeTranslate({ address: 16, steps: [], result: 16, note: 'flat' }, 16)).toMatchObject({ result: { outputAddress: 16 }, notes: ['flat'] });
    const w = normalizeTranslate({ steps: [{ stage: 2, level: 1, tableBase: 0x40200000, descriptorAddress: 0x40200008, descriptorHi: 0, descriptorLo: 0x40300003, fields: { type: 'table' } }], result: { outputAddress: 0x48000000, blockSize: 4096 } }, 0x40000000);
    expect(w.steps[0].level).toBe(1);
    expect(w.result?.outputAddress).toBe(0x48000000);
  });
  it('sorts stage-2 regions and keeps VTTBR as given', () => {
    const m = normalizeStage2Map({ enabled: true, vmid: 1, vttbr: '0x0001000040200000', vtcr: '0x80003558', regions: [{ ipa: 0x9000000, pa: 0x9000000, size: 4096, access: 'rw', memAttr: 1, xn: true }, { ipa: 0x40000000, pa: 0x48000000, size: 0x200000, access: 'rw', memAttr: 0xf, xn: false }].reverse() });
    expect(m.regions.map((r) => r.ipa)).toEqual([0x9000000, 0x40000000]);
    expect(m.vtcr).toBe(0x80003558);
  });
});

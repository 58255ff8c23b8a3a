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
  it('reads the adapter\'s walk report: one hex descriptor, flat memory type, stage-1 IPA', () => {
    // Shape documented in debug-adapter/README-section.md (hypscope.translate).
    const w = normalizeTranslate({
      address: 0x40000a04, space: 'guest-va', notes: ['short-descriptor format (TTBCR.EAE=0)'],
      steps: [{ stage: 1, level: 1, tableBase: '0x4000c000', descriptorAddress: '0x4000d000', descriptor: '0x4000140e', fields: { type: 'section' }, text: 't',
        nested: [{ stage: 2, level: 2, tableBase: '0x47006000', descriptorAddress: '0x47006000', descriptor: '0x00000000410007fd', fields: { type: 'block' }, text: 't' }] }],
      result: { outputAddress: 0x41000a04, pa: '0x41000a04', ipa: '0x40000a04', memoryType: 'Normal outer WB inner WB', attr: 255, shareability: 3, permissions: { pl0: '---', pl1: 'rwx' }, blockSize: 1048576 },
    }, 0x40000a04);
    expect(w.steps[0]).toMatchObject({ stage: 1, tableBase: 0x4000c000, descriptorAddress: 0x4000d000, descriptorHi: 0, descriptorLo: 0x4000140e });
    expect(w.steps[0].nested?.[0]).toMatchObject({ descriptorHi: 0, descriptorLo: 0x410007fd });
    expect(w.result).toMatchObject({ outputAddress: 0x41000a04, ipa: 0x40000a04, attributes: { memoryType: 'Normal outer WB inner WB' }, permissions: { pl0: '---', pl1: 'rwx' }, blockSize: 1048576 });
    const f = normalizeTranslate({ address: 0xa000000, space: 'ipa', steps: [], fault: { type: 'translation', stage: 2, level: 2, ipa: '0xa000000', s1ptw: false, reason: 'invalid' } }, 0xa000000);
    expect(f.fault).toMatchObject({ type: 'translation', stage: 2, level: 2, ipa: 0xa000000 });
  });
  it('sorts stage-2 regions and keeps VTTBR as given', () => {
    const m = normalizeStage2Map({ enabled: true, vmid: 1, vttbr: '0x0001000040200000', vtcr: '0x80003558', regions: [{ ipa: 0x9000000, pa: 0x9000000, size: 4096, access: 'rw', memAttr: 1, xn: true }, { ipa: 0x40000000, pa: 0x48000000, size: 0x200000, access: 'rw', memAttr: 0xf, xn: false }].reverse() });
    expect(m.regions.map((r) => r.ipa)).toEqual([0x9000000, 0x40000000]);
    expect(m.vtcr).toBe(0x80003558);
  });
});

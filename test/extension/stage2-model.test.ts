// Stage-2 panel model: VTTBR/VTCR decoding (B4.1.159, B4.1.160) and descriptor decoding (B3.6.2).
import { describe, expect, it } from 'vitest';
import { decodeHeader, decodeTable, diffRegions } from '../../extension/panels/stage2-model';
import { laneOf, toColumns } from '../../extension/panels/exception-model';

describe('stage2 model', () => {
  it('decodes VTTBR VMID/BADDR and the VTCR geometry', () => {
    // VTCR T0SZ=0 (32-bit IPA), SL0=01 (start at level 1): 4 level-1 entries.
    const h = decodeHeader({ enabled: true, vmid: 1, vttbr: '0x0001000040200000', vtcr: 0x80000040, regions: [] });
    expect(h.vmid).toBe(1);
    expect(h.baddr).toBe('0x0040200000');
    expect(h.ipaBits).toBe(32);
    expect(h.startLevel).toBe(1);
    expect(h.rootEntries).toBe(4);
    expect(h.vttbrFields.find((f) => f.name === 'VMID')?.value).toBe('0x1');
  });
  it('decodes table, block and page descriptors', () => {
    const b = new Uint8Array(32);
    const dv = new DataView(b.buffer);
    dv.setUint32(0, 0x40300003, true); // table -> 0x40300000
    dv.setUint32(8, 0x400007fd, true); // block: AF, SH=inner? (bits 9:8 = 11), HAP=rw, MemAttr=0xf
    dv.setUint32(12, 0x00400000, true); // XN (bit 54)
    const rows = decodeTable(b, 0x40200000, 1, 0, undefined);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ type: 'table', next: 0x40300000, ipa: 0 });
    expect(rows[1]).toMatchObject({ type: 'block', outputAddress: 0x40000000, ipa: 0x40000000, span: 0x40000000 });
    expect(rows[1].fields).toMatchObject({ HAP: 'rw', AF: true, XN: true, SH: 'inner' });
    const again = decodeTable(b, 0x40200000, 1, 0, new Map([[0x40200000, '0x00000000_40300003']]));
    expect(again.map((r) => r.changed)).toEqual([false, true]);
  });
  it('flags regions that are new since the previous stop', () => {
    const a = { ipa: 0, pa: 0, size: 4096, access: 'rw' as const, memAttr: 0xf, xn: false };
    const b = { ...a, ipa: 4096, access: 'ro' as const };
    expect(diffRegions([a], [a, b]).map((r) => r.changed)).toEqual([false, true]);
    expect(diffRegions(undefined, [a])[0].changed).toBe(false);
  });
});

describe('exception model', () => {
  it('puts modes in lanes by privilege (B1.3.1)', () => {
    expect(laneOf(0x10)).toBe(0);
    expect(laneOf(0x13)).toBe(1);
    expect(laneOf(0x1a)).toBe(2);
    expect(laneOf('hyp')).toBe(2);
    expect(laneOf('usr')).toBe(0);
  });
  it('builds columns for 100,000 entries', () => {
    const entries = Array.from({ length: 100_000 }, (_, i) => ({ kind: i % 2 ? 'eret' : 'hvc', from: i % 2 ? 'hyp' : 'svc', to: i % 2 ? 'svc' : 'hyp', pc: 0x40000000 + i, icount: i * 10 }));
    const c = toColumns(entries);
    expect(c.count).toBe(100_000);
    expect(c.kinds).toEqual(['hvc', 'eret']);
    expect(c.toLane[0]).toBe(2);
    expect(c.hsr[0]).toBe(-1);
  });
});

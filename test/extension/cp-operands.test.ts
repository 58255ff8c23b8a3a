// Hover lookups of MCR/MRC/MCRR/MRRC operands against the system-register table.
// Encodings from DDI 0406C B3.17 (Table B3-42 summary of CP15 registers, Hyp registers B4.1).
import { describe, expect, it } from 'vitest';
import { describeSysReg, lookupSysRegName, lookupTransfer, parseCpTransfer } from '../../extension/cp-operands';

describe('parseCpTransfer', () => {
  it('names HCR for mcr p15, 4, r0, c1, c1, 0 (B4.1.65)', () => {
    const t = parseCpTransfer('    mcr p15, 4, r0, c1, c1, 0      @ HCR');
    expect(t).toMatchObject({ cp: 15, opc1: 4, crn: 1, crm: 1, opc2: 0, read: false, is64: false });
    expect(lookupTransfer(t!)?.name).toBe('HCR');
  });
  it('names VTTBR for mcrr p15, 6, r0, r1, c2 (B4.1.160)', () => {
    const t = parseCpTransfer('mcrr p15, 6, r0, r1, c2');
    expect(t).toMatchObject({ cp: 15, opc1: 6, crm: 2, is64: true, read: false });
    expect(lookupTransfer(t!)?.name).toBe('VTTBR');
  });
  it('reads with a condition and the HSR encoding p15, 4, c5, c2, 0 (B4.1.67)', () => {
    const t = parseCpTransfer('\tmrceq\tp15, 4, r1, c5, c2, 0');
    expect(t?.read).toBe(true);
    expect(lookupTransfer(t!)?.name).toBe('HSR');
  });
  it('names SCTLR for mrc p15, 0, r0, c1, c0, 0 and ignores comments', () => {
    expect(lookupTransfer(parseCpTransfer('mrc p15, 0, r0, c1, c0, 0 // SCTLR')!)?.name).toBe('SCTLR');
    expect(parseCpTransfer('@ mcr p15, 4, r0, c1, c1, 0')).toBeUndefined();
  });
  it('returns undefined for lines without a transfer', () => {
    expect(parseCpTransfer('add r0, r1, r2')).toBeUndefined();
  });
});

describe('describeSysReg', () => {
  it('lists HCR fields with live values', () => {
    const hcr = lookupSysRegName('hcr')!;
    const md = describeSysReg(hcr, { lo: 0x04082039, hi: 0 });
    expect(md).toContain('**HCR**');
    expect(md).toContain('p15, 4, c1, c1, 0');
    expect(md).toMatch(/\| VM \| 0 \| 1 \|/);
    expect(md).toMatch(/\| TVM \| 26 \| 1 \|/);
  });
  it('decodes the VMID of a 64-bit VTTBR (bits 55:48)', () => {
    const md = describeSysReg(lookupSysRegName('VTTBR')!, { lo: 0x40200000, hi: 0x00010000 });
    expect(md).toMatch(/\| VMID \| 55:48 \| 0x1 \|/);
  });
});

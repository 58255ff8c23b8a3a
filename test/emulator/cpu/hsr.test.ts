// HSR encodings per exception class, expected values assembled by hand from DDI 0406C B3.13.6
// (Table B3-27 and the ISS layouts), cross-checked against values QEMU 7.2 printed (test/guests/ve/traps.c).
import { describe, expect, it } from 'vitest';
import { EC, hsr, issMcr, issMcrr } from '../../../emulator/cpu/hsr';
import { cpTrapSyndrome, hcptrSyndrome, vmrsTrapSyndrome, wfxSyndrome } from '../../../emulator/cpu/traps';

describe('HSR layout EC[31:26] IL[25] ISS[24:0]', () => {
  it('HVC #0x1234 from A32: EC 0x12, IL=1, imm16', () => {
    expect(hsr(EC.Hvc, true, 0x1234)).toBe(0x4a001234);
  });
  it('SVC in Hyp (EC 0x11) and trapped SMC (EC 0x13, ISS 0)', () => {
    expect(hsr(EC.Svc, true, 0x99)).toBe(0x46000099);
    expect(hsr(EC.Smc, true, 0)).toBe(0x4e000000);
  });
  it('Unknown (EC 0x00) with IL written as 0 on v7', () => {
    expect(hsr(EC.Unknown, false, 0)).toBe(0);
  });
  it('MRC p15, 0, r3, c1, c0, 0 trapped: CV=1 COND=0xE Opc2 Opc1 CRn Rt CRm Dir', () => {
    // 0x03<<26 | IL | CV(1<<24) | 0xE<<20 | CRn 1<<10 | Rt 3<<5 | Dir 1
    expect(hsr(EC.Mcr15, true, issMcr(0xe, 0, 1, 3, 0, 0, true))).toBe(0x0fe00461);
    expect(cpTrapSyndrome(15, false, 0, 1, 0, 0, 3, 0, true)).toBe(0x0fe00461);
  });
  it('MRC p15, 1, r1, c0, c0, 7 (AIDR): Opc2 at [19:17], Opc1 at [16:14]', () => {
    expect(cpTrapSyndrome(15, false, 1, 0, 0, 7, 1, 0, true)).toBe(0x0fee4021);
  });
  it('MRRC p15, 0, r1, r2, c14 (CNTPCT): EC 0x04, Opc1[19:16] Rt2[13:10] Rt[8:5] CRm[4:1]', () => {
    expect(issMcrr(0xe, 0, 1, 2, 14, true)).toBe(0x00e0083d | (1 << 24));
    expect(cpTrapSyndrome(15, true, 0, 0, 14, 0, 1, 2, true)).toBe(0x13e0083d);
  });
  it('MCRR p15, 0, r1, r2, c2 write: Direction 0', () => {
    expect(cpTrapSyndrome(15, true, 0, 0, 2, 0, 1, 2, false)).toBe(0x13e00824);
  });
  it('CP14 MRC (EC 0x05): DBGBVR0 = p14, 0, r1, c0, c0, 4', () => {
    expect(cpTrapSyndrome(14, false, 0, 0, 0, 4, 1, 0, true)).toBe(0x17e80021);
  });
  it('WFI trap EC 0x01 TI=0 and WFE TI=1', () => {
    expect(wfxSyndrome(false, true)).toBe(0x07e00000);
    expect(wfxSyndrome(true, true)).toBe(0x07e00001);
  });
  it('HCPTR trap EC 0x07: CV, COND=0xE, coproc 0xA (v7)', () => {
    expect(hcptrSyndrome(false, true)).toBe(0x1fe0000a);
  });
  it('VMRS trap EC 0x08: Opc1 = 7, CRn = FP register number', () => {
    expect(vmrsTrapSyndrome(0, 1, true)).toBe(0x23e1c021); // FPSID -> r1
    expect(vmrsTrapSyndrome(7, 2, true)).toBe(0x23e1dc41); // MVFR0 -> r2
  });
  it('stage-2 data abort example from the reference (STR r3, permission L3)', () => {
    const iss = (1 << 24) | (2 << 22) | (3 << 16) | (1 << 6) | 0x0f;
    expect(hsr(EC.DabtLower, true, iss)).toBe(0x9383004f);
  });
});

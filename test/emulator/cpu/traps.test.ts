// Trap rules and priorities through the MRC/MCR semantics, expected outcomes from QEMU 7.2 runs of
// test/guests/ve/traps.c, the manual's priority order (B1.14, B3.17) and, for the traps QEMU lacks,
// the HSR encodings of B3.13.6 (last block; same values as test/guests/ve-arch/traps.expected).
import { describe, expect, it } from 'vitest';
import { makeCpu } from './_vecpu';
import { Mode } from '../../../emulator/cpu/psr';
import { doMcr, doMrc, doMrrc } from '../../../emulator/decode/a32/sys-coproc';
import { doVmrs, fpAccessOk } from '../../../emulator/decode/a32/sys-vfp';
import { doHvc, doSev, doSmc, doWfe, doWfi } from '../../../emulator/decode/a32/sys-exc';
import { hcptrSyndrome, trapPolicy } from '../../../emulator/cpu/traps';
import { checkInterrupts } from '../../../emulator/cpu/interrupts';
import { lookupSysRegByName, SYSREGS } from '../../../emulator/sysregs/table';
import { isrLines } from '../../../emulator/sysregs/isr';

const HYP_TRAP = 0x40002000 + 0x14;
const PL1_UNDEF = 0x40003000 + 0x04;

describe('CP15 traps from PL1', () => {
  it('HSTR.T1 traps MRC SCTLR with EC 0x03', () => {
    const cpu = makeCpu(Mode.SVC);
    cpu.sys.hstr = 2;
    doMrc(cpu, 15, 0, 1, 0, 0, 1);
    expect(cpu.nextPc).toBe(HYP_TRAP);
    expect(cpu.sys.hsr).toBe(0x0fe00421);
    expect(cpu.elrHyp).toBe(0x40001000);
  });
  it('a Hyp register from PL1 is UNDEFINED even with HSTR.T1', () => {
    const cpu = makeCpu(Mode.SVC);
    cpu.sys.hstr = 2;
    doMrc(cpu, 15, 4, 1, 1, 0, 1);
    expect(cpu.nextPc).toBe(PL1_UNDEF);
    expect(cpu.mode).toBe(Mode.UND);
  });
  it('HCR.TVM traps writes, not reads', () => {
    const cpu = makeCpu(Mode.SVC);
    cpu.sys.hcr = 1 << 26;
    doMrc(cpu, 15, 0, 1, 0, 0, 1);
    expect(cpu.mode).toBe(Mode.SVC);
    doMcr(cpu, 15, 0, 1, 0, 0, 1);
    expect(cpu.sys.hsr).toBe(0x0fe00420);
  });
  it('CNTHCTL.PL1PCTEN = 0 traps MRRC CNTPCT with EC 0x04', () => {
    const cpu = makeCpu(Mode.SVC);
    cpu.sys.cnthctl = 0;
    doMrrc(cpu, 15, 0, 14, 1, 2);
    expect(cpu.sys.hsr).toBe(0x13e0083d);
  });
  it('HDCR.TDA traps DBGDIDR (EC 0x05); TPM traps PMCR', () => {
    const cpu = makeCpu(Mode.SVC);
    cpu.sys.hdcr = 6 | (1 << 9);
    doMrc(cpu, 14, 0, 0, 0, 0, 1);
    expect(cpu.sys.hsr).toBe(0x17e00021);
    const c2 = makeCpu(Mode.SVC);
    c2.sys.hdcr = 6 | (1 << 6);
    doMrc(c2, 15, 0, 9, 12, 0, 1);
    expect(c2.sys.hsr).toBe(0x0fe02439);
  });
  it('PL0 access to a PL1 register is UNDEFINED; with HCR.TGE it goes to Hyp as EC 0x00', () => {
    const cpu = makeCpu(Mode.USR);
    cpu.sys.hstr = 2;
    doMrc(cpu, 15, 0, 1, 0, 0, 1);
    expect(cpu.mode).toBe(Mode.UND);
    const c2 = makeCpu(Mode.USR);
    c2.sys.hcr = 1 << 27;
    doMrc(c2, 15, 0, 1, 0, 0, 1);
    expect(c2.mode).toBe(Mode.HYP);
    expect(c2.sys.hsr).toBe(0);
  });
  it('TPIDRURO is readable, not writable, from PL0', () => {
    const cpu = makeCpu(Mode.USR);
    cpu.sys.tpidruro = 0x1234;
    doMrc(cpu, 15, 0, 13, 0, 3, 2);
    expect(cpu.r[2]).toBe(0x1234);
    doMcr(cpu, 15, 0, 13, 0, 3, 2);
    expect(cpu.mode).toBe(Mode.UND);
  });
});

describe('FP access priority: CPACR, then HCPTR, then FPEXC.EN', () => {
  it('CPACR denies → UNDEFINED at PL1 even with HCPTR.TCP10', () => {
    const cpu = makeCpu(Mode.SVC);
    cpu.sys.hcptr = 0xc00;
    doVmrs(cpu, 1, 1);
    expect(cpu.mode).toBe(Mode.UND);
  });
  it('CPACR full, HCPTR.TCP10 → Hyp trap EC 0x07 even with FPEXC.EN = 0', () => {
    const cpu = makeCpu(Mode.SVC);
    cpu.sys.cpacr = 0xf00000;
    cpu.sys.hcptr = 0x400;
    doVmrs(cpu, 1, 1);
    expect(cpu.sys.hsr).toBe(0x1fe0000a);
    expect(cpu.nextPc).toBe(HYP_TRAP);
  });
  it('FPEXC.EN = 0 → UNDEFINED, but VMRS FPEXC works', () => {
    const cpu = makeCpu(Mode.SVC);
    cpu.sys.cpacr = 0xf00000;
    doVmrs(cpu, 8, 0);
    expect(cpu.mode).toBe(Mode.SVC);
    doVmrs(cpu, 1, 1);
    expect(cpu.mode).toBe(Mode.UND);
  });
  it('VMRS FPSID with HCR.TID0 → EC 0x08', () => {
    const cpu = makeCpu(Mode.SVC);
    cpu.sys.cpacr = 0xf00000;
    cpu.sys.hcr = 1 << 15;
    doVmrs(cpu, 0, 1);
    expect(cpu.sys.hsr).toBe(0x23e1c021);
  });
  it('in Hyp, HCPTR.TCP10 → Undefined to Hyp vector 0x04 with EC 0x07', () => {
    const cpu = makeCpu(Mode.HYP);
    cpu.sys.hcptr = 0xc00;
    doVmrs(cpu, 1, 1);
    expect(cpu.nextPc).toBe(0x40002000 + 4);
    expect(cpu.sys.hsr).toBe(0x1fe0000a);
  });
});

describe('HVC, SMC, WFI', () => {
  it('HVC is UNDEFINED in User mode, EC 0x12 from SVC', () => {
    const u = makeCpu(Mode.USR);
    doHvc(u, 1);
    expect(u.mode).toBe(Mode.UND);
    const s = makeCpu(Mode.SVC);
    doHvc(s, 0xabcd);
    expect(s.sys.hsr).toBe(0x4a00abcd);
    expect(s.elrHyp).toBe(0x40001004);
  });
  it('SMC with HCR.TSC → EC 0x13; without PSCI handler → UNDEFINED', () => {
    const s = makeCpu(Mode.SVC);
    s.sys.hcr = 1 << 19;
    doSmc(s);
    expect(s.sys.hsr).toBe(0x4e000000);
    const t = makeCpu(Mode.SVC);
    doSmc(t);
    expect(t.mode).toBe(Mode.UND);
  });
  it('WFI with HCR.TWI → EC 0x01', () => {
    const s = makeCpu(Mode.SVC);
    s.sys.hcr = 1 << 13;
    doWfi(s);
    expect(s.sys.hsr).toBe(0x07e00000);
  });
});

describe('interrupt routing', () => {
  const lines = (o: Partial<{ irq: boolean; fiq: boolean; virq: boolean; vfiq: boolean }>) => ({ irq: false, fiq: false, virq: false, vfiq: false, ...o });
  it('physical IRQ with IMO goes to Hyp even when CPSR.I is set in SVC', () => {
    const cpu = makeCpu(Mode.SVC);
    cpu.sys.hcr = 1 << 4;
    cpu.ctl |= 0x80;
    expect(checkInterrupts(cpu, lines({ irq: true }))).toBe(true);
    expect(cpu.mode).toBe(Mode.HYP);
    expect(cpu.nextPc).toBe(0x40002000 + 0x18);
  });
  it('physical IRQ without IMO is not taken in Hyp', () => {
    const cpu = makeCpu(Mode.HYP);
    cpu.ctl &= ~0x80;
    expect(checkInterrupts(cpu, lines({ irq: true }))).toBe(false);
  });
  it('HCR.VI needs IMO and is masked by CPSR.I; taken to IRQ mode', () => {
    const cpu = makeCpu(Mode.SVC);
    cpu.ctl &= ~0xc0;
    cpu.sys.hcr = 1 << 7;
    expect(checkInterrupts(cpu, lines({}))).toBe(false);
    cpu.sys.hcr = (1 << 7) | (1 << 4);
    cpu.ctl |= 0x80;
    expect(checkInterrupts(cpu, lines({}))).toBe(false);
    cpu.ctl &= ~0x80;
    expect(checkInterrupts(cpu, lines({}))).toBe(true);
    expect(cpu.mode).toBe(Mode.IRQ);
    expect(cpu.nextPc).toBe(0x40003000 + 0x18);
  });
  it('virtual IRQ is never taken in Hyp mode', () => {
    const cpu = makeCpu(Mode.HYP);
    cpu.ctl &= ~0xc0;
    cpu.sys.hcr = (1 << 7) | (1 << 4);
    expect(checkInterrupts(cpu, lines({ virq: true }))).toBe(false);
  });
});

// QEMU 7.2 runs of test/guests/ve/smc.thumb.c, tvm.c, eret.c.
describe('SMC in T32, HSTR per CRn, virtual priority, ISR', () => {
  it('T32 SMC trapped by HCR.TSC: IL = 1 (32-bit encoding), ISS 0; IT state advanced as QEMU', () => {
    const cpu = makeCpu(Mode.SVC);
    cpu.thumb = 1;
    cpu.insnLen = 4;
    cpu.sys.hcr = 1 << 19;
    cpu.it = 0x18; // IT NE, last instruction of the block
    doSmc(cpu);
    expect(cpu.sys.hsr).toBe(0x4e000000);
    expect(cpu.elrHyp).toBe(0x40001000);
    expect(cpu.spsr & 0x0600fc00).toBe(0); // QEMU: SPSR_hyp.IT of the next instruction (none)
  });
  it('HSTR: T4/T14 are reserved, MCRR uses CRm, CP14 is never trapped by HSTR', () => {
    const cpu = makeCpu(Mode.SVC);
    cpu.sys.hstr = 1 << 14;
    doMrc(cpu, 15, 0, 14, 0, 0, 1); // CNTFRQ
    expect(cpu.mode).toBe(Mode.SVC);
    cpu.sys.hstr = 1 << 7;
    doMrrc(cpu, 15, 0, 7, 1, 2); // PAR (64-bit): CRm = 7
    expect(cpu.sys.hsr).toBe(0x13e0082f); // QEMU: tvm.c "mrrc par hstr.t7"
    const d = makeCpu(Mode.SVC);
    d.sys.hstr = 0xffff;
    doMrc(d, 14, 0, 0, 0, 0, 1); // DBGDIDR
    expect(d.mode).toBe(Mode.SVC);
  });
  it('all virtual exceptions pending: vIRQ first, then vFIQ, then vAbort (QEMU order)', () => {
    const lines = { irq: false, fiq: false, virq: false, vfiq: false };
    const a = makeCpu(Mode.SVC);
    a.ctl &= ~0x1c0;
    a.sys.hcr = 0x1f8;
    expect(checkInterrupts(a, lines)).toBe(true);
    expect(a.mode).toBe(Mode.IRQ);
    const b = makeCpu(Mode.SVC);
    b.ctl = (b.ctl & ~0x1c0) | 0x80; // I masked
    b.sys.hcr = 0x1f8;
    expect(checkInterrupts(b, lines)).toBe(true);
    expect(b.mode).toBe(Mode.FIQ);
  });
  it('ISR shows virtual A/I/F at PL1 when AMO/IMO/FMO route them, physical lines otherwise', () => {
    const cpu = makeCpu(Mode.SVC);
    const isr = lookupSysRegByName('ISR')!;
    const lines = { irq: true, fiq: false, virq: false, vfiq: false };
    isrLines.set(cpu, lines);
    expect(isr.read(cpu)).toBe(0x80);
    cpu.sys.hcr = (1 << 4) | (1 << 3) | (1 << 6); // IMO, FMO, VF
    expect(isr.read(cpu)).toBe(0x40);
    cpu.sys.hcr = (1 << 5) | (1 << 8); // AMO, VA
    expect(isr.read(cpu)).toBe(0x180);
  });
});

// The traps QEMU 7.2 lacks, now on by default. Expected HSRs from B3.13.6: EC[31:26], IL[25] = 1
// (A32), CV[24] = 1, COND[23:20] = 0xE; EC 0x03 ISS Opc2[19:17] Opc1[16:14] CRn[13:10] Rt[8:5]
// CRm[4:1] Direction[0] (1 = read); EC 0x0C ISS Opc1[19:16] Rt2[13:10] Rt[8:5] CRm[4:1] Direction[0];
// EC 0x07 ISS TA[5] coproc[3:0]; EC 0x01 ISS TI[0] (1 = WFE). Register lists from B1.14.2-B1.14.4.
describe('architectural traps (HCR TID1/TID3/TIDCP/TSW/TPC/TPU/TWE, HCPTR, HDCR)', () => {
  const mrcTrap = (hcr: number, opc1: number, crn: number, crm: number, opc2: number): number => {
    const cpu = makeCpu(Mode.SVC);
    cpu.sys.hcr = hcr;
    doMrc(cpu, 15, opc1, crn, crm, opc2, 1);
    expect(cpu.nextPc).toBe(HYP_TRAP);
    expect(cpu.elrHyp).toBe(0x40001000);
    return cpu.sys.hsr;
  };
  const mcrTrap = (hcr: number, crn: number, crm: number, opc2: number): number => {
    const cpu = makeCpu(Mode.SVC);
    cpu.sys.hcr = hcr;
    doMcr(cpu, 15, 0, crn, crm, opc2, 1);
    expect(cpu.nextPc).toBe(HYP_TRAP);
    return cpu.sys.hsr;
  };
  const regsWith = (key: 'hcr', bit: string): string[] =>
    SYSREGS.filter((r) => r.traps.some((t) => key in t && (t as { hcr: string }).hcr === bit)).map((r) => r.name).sort();

  it('the default is architectural', () => {
    expect(trapPolicy.followQemu).toBe(false);
  });
  it('HCR.TID1 traps TCMTR, TLBTR, REVIDR (and AIDR) reads', () => {
    expect(regsWith('hcr', 'TID1')).toEqual(['AIDR', 'REVIDR', 'TCMTR', 'TLBTR']);
    expect(mrcTrap(1 << 16, 0, 0, 0, 2)).toBe(0x0fe40021); // TCMTR
    expect(mrcTrap(1 << 16, 0, 0, 0, 3)).toBe(0x0fe60021); // TLBTR
    expect(mrcTrap(1 << 16, 0, 0, 0, 6)).toBe(0x0fec0021); // REVIDR
    expect(mrcTrap(1 << 16, 1, 0, 0, 7)).toBe(0x0fee4021); // AIDR: opc2 7 -> 0xe0000, opc1 1 -> 0x4000
  });
  it('HCR.TID3 traps exactly ID_PFR0-1, ID_DFR0, ID_AFR0, ID_MMFR0-3, ID_ISAR0-5', () => {
    const want = ['ID_AFR0', 'ID_DFR0', 'ID_ISAR0', 'ID_ISAR1', 'ID_ISAR2', 'ID_ISAR3', 'ID_ISAR4', 'ID_ISAR5',
      'ID_MMFR0', 'ID_MMFR1', 'ID_MMFR2', 'ID_MMFR3', 'ID_PFR0', 'ID_PFR1'];
    expect(regsWith('hcr', 'TID3')).toEqual(want);
    expect(mrcTrap(1 << 18, 0, 0, 1, 0)).toBe(0x0fe00023); // ID_PFR0
    expect(mrcTrap(1 << 18, 0, 0, 2, 5)).toBe(0x0fea0025); // ID_ISAR5
  });
  it('HCR.TIDCP covers exactly the table registers in the CRn c9/c10/c11 IMPLEMENTATION DEFINED ranges', () => {
    const inRange = (crn: number, crm: number): boolean =>
      (crn === 9 && (crm <= 2 || (crm >= 5 && crm <= 8))) ||
      (crn === 10 && [0, 1, 4, 8].includes(crm)) ||
      (crn === 11 && (crm <= 8 || crm === 15));
    const want = SYSREGS.filter((r) => r.cp === 15 && !r.is64 && inRange(r.crn, r.crm)).map((r) => r.name).sort();
    expect(want).toEqual(['L2CTLR', 'L2ECTLR']);
    expect(regsWith('hcr', 'TIDCP')).toEqual(want);
    expect(mrcTrap(1 << 20, 1, 9, 0, 2)).toBe(0x0fe46421); // L2CTLR
  });
  it('HCR.TSW/TPC/TPU trap the set/way, PoC and PoU maintenance operations', () => {
    expect(regsWith('hcr', 'TSW')).toEqual(['DCCISW', 'DCCSW', 'DCISW']);
    expect(regsWith('hcr', 'TPC')).toEqual(['DCCIMVAC', 'DCCMVAC', 'DCIMVAC']);
    expect(regsWith('hcr', 'TPU')).toEqual(['DCCMVAU', 'ICIALLU', 'ICIALLUIS', 'ICIMVAU']);
    expect(mcrTrap(1 << 22, 7, 6, 2)).toBe(0x0fe41c2c); // DCISW
    expect(mcrTrap(1 << 22, 7, 14, 2)).toBe(0x0fe41c3c); // DCCISW
    expect(mcrTrap(1 << 23, 7, 10, 1)).toBe(0x0fe21c34); // DCCMVAC
    expect(mcrTrap(1 << 24, 7, 5, 0)).toBe(0x0fe01c2a); // ICIALLU
    expect(mcrTrap(1 << 24, 7, 11, 1)).toBe(0x0fe21c36); // DCCMVAU
    const bp = makeCpu(Mode.SVC);
    bp.sys.hcr = 1 << 24;
    doMcr(bp, 15, 0, 7, 5, 6, 1); // BPIALL is not a TPU operation
    expect(bp.mode).toBe(Mode.SVC);
  });
  it('HCPTR.TCPAC traps PL1 CPACR reads and writes with EC 0x03; the write does not happen', () => {
    const cpu = makeCpu(Mode.SVC);
    cpu.sys.hcptr = 1 << 31;
    doMrc(cpu, 15, 0, 1, 0, 2, 1);
    expect(cpu.sys.hsr).toBe(0x0fe40421);
    const w = makeCpu(Mode.SVC);
    w.sys.hcptr = 1 << 31;
    w.r[1] = 0xf00000;
    doMcr(w, 15, 0, 1, 0, 2, 1);
    expect(w.sys.hsr).toBe(0x0fe40420);
    expect(w.sys.cpacr).toBe(0);
  });
  it('HDCR.TPMCR traps PMCR only, also from PL0 when PMUSERENR.EN allows the access', () => {
    const cpu = makeCpu(Mode.SVC);
    cpu.sys.hdcr = 6 | (1 << 5);
    doMrc(cpu, 15, 0, 9, 13, 0, 1); // PMCCNTR
    expect(cpu.mode).toBe(Mode.SVC);
    doMrc(cpu, 15, 0, 9, 12, 0, 1); // PMCR
    expect(cpu.sys.hsr).toBe(0x0fe02439);
    const u = makeCpu(Mode.USR);
    u.sys.hdcr = 6 | (1 << 5);
    u.sys.pmuserenr = 1;
    doMrc(u, 15, 0, 9, 12, 0, 1);
    expect(u.mode).toBe(Mode.HYP);
    expect(u.sys.hsr).toBe(0x0fe02439);
  });
  it('HDCR.TDRA traps MRRC DBGDRAR/DBGDSAR with EC 0x0C; HDCR.TDE forces TDA/TDOSA/TDRA', () => {
    const cpu = makeCpu(Mode.SVC);
    cpu.sys.hdcr = 6 | (1 << 11);
    doMrrc(cpu, 14, 0, 1, 1, 2);
    expect(cpu.sys.hsr).toBe(0x33e00823);
    const s = makeCpu(Mode.SVC);
    s.sys.hdcr = 6 | (1 << 11);
    doMrrc(s, 14, 0, 2, 1, 2);
    expect(s.sys.hsr).toBe(0x33e00825);
    for (const [crn, crm, opc2, want] of [[0, 0, 0, 0x17e00021], [1, 0, 0, 0x17e00421], [1, 1, 4, 0x17e80423]] as const) {
      const t = makeCpu(Mode.SVC);
      t.sys.hdcr = 6 | (1 << 8); // TDE only: DBGDIDR (TDA), DBGDRAR (TDRA), DBGOSLSR (TDOSA)
      doMrc(t, 14, 0, crn, crm, opc2, 1);
      expect(t.sys.hsr).toBe(want);
    }
  });
  it('HCR.TWE traps WFE from PL1 with EC 0x01, TI = 1, ELR = the WFE; not in Hyp', () => {
    const cpu = makeCpu(Mode.SVC);
    cpu.sys.hcr = 1 << 14;
    doWfe(cpu);
    expect(cpu.sys.hsr).toBe(0x07e00001);
    expect(cpu.elrHyp).toBe(0x40001000);
    expect(cpu.nextPc).toBe(HYP_TRAP);
    const h = makeCpu(Mode.HYP);
    h.sys.hcr = 1 << 14;
    doWfe(h);
    expect(h.nextPc).toBe(0x40001004);
  });
  it('HCPTR.TASE traps Advanced SIMD only, with TA = 1; TCP10/11 keep TA for SIMD, coproc 0xA for FP', () => {
    const fp = (hcptr: number, simd: boolean): { ok: boolean; hsr: number } => {
      const cpu = makeCpu(Mode.SVC);
      cpu.sys.cpacr = 0xf00000;
      cpu.sys.fpexc = 1 << 30;
      cpu.sys.hcptr = hcptr;
      const ok = fpAccessOk(cpu, simd, false);
      return { ok, hsr: cpu.sys.hsr };
    };
    expect(fp(1 << 15, true)).toEqual({ ok: false, hsr: 0x1fe00020 });
    expect(fp(1 << 15, false).ok).toBe(true);
    expect(fp(0xc00, true)).toEqual({ ok: false, hsr: 0x1fe00020 });
    expect(fp(0xc00, false)).toEqual({ ok: false, hsr: 0x1fe0000a });
    expect(hcptrSyndrome(true, false)).toBe(0x1de00020); // IL = 0 for a 16-bit T32 encoding
  });
  it('trapPolicy.followQemu reproduces QEMU 7.2 (no TID1 TCMTR trap, TA = 0, no TWE)', () => {
    trapPolicy.followQemu = true;
    try {
      const cpu = makeCpu(Mode.SVC);
      cpu.sys.hcr = (1 << 16) | (1 << 14);
      doMrc(cpu, 15, 0, 0, 0, 2, 1);
      doWfe(cpu);
      expect(cpu.mode).toBe(Mode.SVC);
      expect(hcptrSyndrome(true, true)).toBe(0x1fe0000a);
    } finally {
      trapPolicy.followQemu = false;
    }
  });
});

describe('WFE and the Event Register (B1.8.13, B1.14.9)', () => {
  it('a WFE with the Event Register set clears it and completes without trapping, even with HCR.TWE', () => {
    const cpu = makeCpu(Mode.SVC);
    cpu.sys.hcr = 1 << 14;
    cpu.event = 1;
    const next = cpu.nextPc;
    doWfe(cpu);
    expect(cpu.event).toBe(0);
    expect(cpu.mode).toBe(Mode.SVC);
    expect(cpu.nextPc).toBe(next);
  });
  it('SEV sets the Event Register; the next WFE consumes it, the one after is trapped by HCR.TWE', () => {
    const cpu = makeCpu(Mode.SVC);
    cpu.sys.hcr = 1 << 14;
    doSev(cpu);
    expect(cpu.event).toBe(1);
    doWfe(cpu);
    expect(cpu.mode).toBe(Mode.SVC);
    doWfe(cpu);
    expect(cpu.mode).toBe(Mode.HYP);
    expect(cpu.sys.hsr >>> 26).toBe(0x01);
    expect(cpu.sys.hsr & 1).toBe(1); // TI = 1: WFE
  });
});

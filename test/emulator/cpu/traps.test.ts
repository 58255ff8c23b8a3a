// Trap rules and priorities through the MRC/MCR semantics, expected outcomes from QEMU 7.2 runs of
// test/guests/ve/traps.c and the manual's priority order (B1.14, B3.17).
import { describe, expect, it } from 'vitest';
import { makeCpu } from './_vecpu';
import { Mode } from '../../../emulator/cpu/psr';
import { doMcr, doMrc, doMrrc } from '../../../emulator/decode/a32/sys-coproc';
import { doVmrs } from '../../../emulator/decode/a32/sys-vfp';
import { doHvc, doSmc, doWfi } from '../../../emulator/decode/a32/sys-exc';
import { checkInterrupts } from '../../../emulator/cpu/interrupts';
import { lookupSysRegByName } from '../../../emulator/sysregs/table';
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

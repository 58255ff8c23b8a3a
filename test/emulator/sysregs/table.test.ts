// The system-register table: encodings (B3.17), reset values as QEMU 7.2's cortex-a15 prints them
// (test/guests/ve/id_regs.c, reg_masks.c), lookups, field decoding.
import { describe, expect, it } from 'vitest';
import { describeSysReg, lookupSysReg32, lookupSysReg64, lookupSysRegByName, SYSREGS } from '../../../emulator/sysregs/table';
import { makeCpu } from '../cpu/_vecpu';
import { Mode } from '../../../emulator/cpu/psr';

describe('system register table', () => {
  it('finds registers by encoding and by name', () => {
    expect(lookupSysReg32(15, 4, 1, 1, 0)?.name).toBe('HCR');
    expect(lookupSysReg64(15, 6, 2)?.name).toBe('VTTBR');
    expect(lookupSysRegByName('mair0')?.name).toBe('PRRR');
    expect(lookupSysReg32(15, 0, 1, 0, 7)).toBeUndefined();
  });
  it('has unique names', () => {
    const names = SYSREGS.map((r) => r.name);
    expect(new Set(names).size).toBe(names.length);
  });
  it('identification values read from Hyp match QEMU 7.2', () => {
    const cpu = makeCpu(Mode.HYP);
    const rd = (name: string): number => lookupSysRegByName(name)!.read(cpu);
    expect(rd('MIDR')).toBe(0x414fc0f0);
    expect(rd('MPIDR')).toBe(0x80000000);
    expect(rd('CTR')).toBe(0x8444c004);
    expect(rd('CLIDR')).toBe(0x0a200023);
    expect(rd('ID_PFR1')).toBe(0x00011001);
    expect(rd('ID_ISAR2')).toBe(0x21232041);
    expect(rd('CNTFRQ')).toBe(0x03b9aca0);
    expect(rd('HDCR')).toBe(6);
    expect(rd('HSCTLR')).toBe(0);
    expect(rd('SCTLR')).toBe(0x00c50078);
    expect(rd('DBGDIDR')).toBe(0x3515f021);
    cpu.sys.csselr = 2;
    expect(rd('CCSIDR')).toBe(0x711fe07a);
  });
  it('PL1 reads of MIDR/MPIDR return VPIDR/VMPIDR', () => {
    const cpu = makeCpu(Mode.SVC);
    cpu.sys.vpidr = 0x11223344;
    cpu.sys.vmpidr = 0x80000102;
    expect(lookupSysRegByName('MIDR')!.read(cpu)).toBe(0x11223344);
    expect(lookupSysRegByName('MPIDR')!.read(cpu)).toBe(0x80000102);
  });
  it('write masks as QEMU shows them', () => {
    const cpu = makeCpu(Mode.HYP);
    const wr = (name: string, v: number): number => { const r = lookupSysRegByName(name)!; r.write(cpu, v, 0); return r.read(cpu); };
    expect(wr('HCR', 0xffffffff)).toBe(0x0fffffff);
    expect(wr('HVBAR', 0xffffffff)).toBe(0xffffffe0);
    expect(wr('CPACR', 0xffffffff)).toBe(0xc0f00000);
    expect(wr('TTBCR', 0xffffffff)).toBe(0xffc73f87);
    expect(wr('CSSELR', 0xffffffff)).toBe(0xf);
  });
  it('HCR writes raise attention; translation registers notify the MMU; TLB ops pass op names', () => {
    const cpu = makeCpu(Mode.HYP);
    const calls = (cpu.mmu as unknown as { calls: string[] }).calls;
    cpu.attention = false;
    lookupSysRegByName('HCR')!.write(cpu, 0x90, 0);
    expect(cpu.attention).toBe(true);
    expect(calls).toContain('changed');
    lookupSysRegByName('TLBIALLNSNHIS')!.write(cpu, 0, 0);
    expect(calls).toContain('TLBIALLNSNHIS:0');
  });
  it('VTTBR decodes VMID from bits [55:48]', () => {
    const f = describeSysReg(lookupSysRegByName('VTTBR')!, 0x80000000, 0x00010000);
    expect(f.find((x) => x.name === 'VMID')?.value).toBe(1);
    expect(f.find((x) => x.name === 'BADDR')?.value).toBe(0x80000000);
  });
  // B8.2: CNTVOFF and the CVALs are 64-bit; QEMU reads all-ones back (test/guests/ve/reg_masks).
  it('64-bit timer registers keep every bit through MCRR/MRRC; CNTVCT = CNTPCT - CNTVOFF mod 2^64', () => {
    const cpu = makeCpu(Mode.HYP);
    const rw = (name: string, lo: number, hi: number): [number, number] => {
      const r = lookupSysRegByName(name)!;
      r.write(cpu, lo, hi);
      return [r.read(cpu), r.readHi(cpu)];
    };
    expect(rw('CNTVOFF', 0xffffffff, 0xffffffff)).toEqual([0xffffffff, 0xffffffff]);
    expect(rw('CNTP_CVAL', 0xffffffff, 0xffffffff)).toEqual([0xffffffff, 0xffffffff]);
    expect(rw('CNTV_CVAL', 0x12345678, 0xfedcba98)).toEqual([0x12345678, 0xfedcba98]);
    expect(rw('CNTHP_CVAL', 1, 0x80000000)).toEqual([1, 0x80000000]);
    cpu.icount = 5;
    const vct = lookupSysRegByName('CNTVCT')!;
    lookupSysRegByName('CNTVOFF')!.write(cpu, 6, 0);
    expect([vct.read(cpu), vct.readHi(cpu)]).toEqual([0xffffffff, 0xffffffff]); // never negative
    lookupSysRegByName('CNTVOFF')!.write(cpu, 0xfffffffb, 0xffffffff); // -5
    expect([vct.read(cpu), vct.readHi(cpu)]).toEqual([10, 0]);
    const pct = lookupSysRegByName('CNTPCT')!;
    cpu.icount = 2 ** 32 + 3;
    expect([pct.read(cpu), pct.readHi(cpu)]).toEqual([3, 1]);
  });
});

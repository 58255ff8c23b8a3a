// Stage-1 walks on hand-built tables: short descriptors (B3.5) and long descriptors (B3.6), with
// expected outcomes as QEMU 7.2 produced them for test/guests/mmu/short.c and two_stage.c.
import { describe, expect, it } from 'vitest';
import { Access } from '../../../emulator/cpu/access';
import { FaultType, GuestAbort } from '../../../emulator/cpu/fault';
import { pl1FaultStatus } from '../../../emulator/cpu/fault-status';
import { walk } from '../../../emulator/mmu/walk-api';
import { machine, RAM, thrown, w32, w64 } from './helpers';

const L1 = RAM + 0x10000; // 16 KB aligned level-1 table
const L2 = RAM + 0x14000;

function short() {
  const m = machine();
  const { cpu, bus } = m;
  cpu.sys.ttbr0Lo = L1;
  cpu.sys.sctlr |= 1;
  cpu.sys.dacr = 0x271; // d0 client, d1 no access, d2 manager, d3 client, d4 reserved
  const sec = (va: number, pa: number, attrs: number) => w32(bus, L1 + (va >>> 20) * 4, (pa & 0xfff00000) | attrs | 2);
  const ap = (a: number) => ((a & 3) << 10) | ((a >> 2) << 15);
  sec(0x80000000, RAM, ap(3) | 0x700c); // TEX 111, C, B: Normal WB; AP 011 full access
  sec(0x80100000, RAM, ap(1));
  sec(0x80300000, RAM, ap(5));
  sec(0x80500000, RAM, ap(3) | (1 << 5));           // domain 1: no access
  sec(0x80600000, RAM, ap(0) | (2 << 5) | (1 << 4)); // manager, AP 000, XN
  sec(0x80800000, RAM, ap(3) | (1 << 4));           // XN
  sec(0x80900000, RAM, ap(1) | 1);                  // PXN
  // supersection at 0x8100_0000: PA[31:24] = 0x40, PA[35:32] = 0x3 (bits 23:20)
  for (let i = 0; i < 16; i++) w32(bus, L1 + (0x810 + i) * 4, 0x40000000 | (3 << 20) | (1 << 18) | ap(3) | 2);
  // page table at 0x8200_0000 in domain 3 and one at 0x8210_0000 in domain 1
  w32(bus, L1 + 0x820 * 4, L2 | (3 << 5) | 1);
  w32(bus, L1 + 0x821 * 4, (L2 + 0x400) | (1 << 5) | 1);
  const pap = (a: number) => ((a & 3) << 4) | ((a >> 2) << 9);
  w32(bus, L2 + 0 * 4, (RAM + 0x4000) | pap(3) | 2);
  w32(bus, L2 + 1 * 4, (RAM + 0x5000) | pap(2) | 2);
  w32(bus, L2 + 4 * 4, (RAM + 0x7000) | pap(3) | 3); // small page with XN
  for (let i = 16; i < 32; i++) w32(bus, L2 + i * 4, RAM | pap(3) | 1); // large page 64 KB
  return m;
}

function fault(fn: () => unknown): GuestAbort {
  const f = thrown(fn);
  expect(f).toBeInstanceOf(GuestAbort);
  return f as GuestAbort;
}

describe('short descriptors', () => {
  it('sections, supersections, small and large pages translate', () => {
    const { cpu } = short();
    const t = (va: number) => cpu.mmu.translate(va, Access.Read, 1);
    expect(t(0x80012345)).toBe(0x40012345);
    // supersection: PA = 0x3_4000_0000 | VA[23:0]
    expect(t(0x81234567)).toBe(0x3_4023_4567);
    expect(t(0x82000abc)).toBe(0x40004abc);
    // large page: VA[15:0] kept: 0x8201_3008 -> 0x4000_3008
    expect(t(0x82013008)).toBe(0x40003008);
  });

  it('AP, XN and PXN checks give permission faults at level 1 (DFSR 0x00d / 0x80d as on QEMU)', () => {
    const { cpu } = short();
    const f1 = fault(() => cpu.mmu.translate(0x80100010, Access.Read, 0));
    expect(pl1FaultStatus(f1, true)).toBe(0x0d);
    const f2 = fault(() => cpu.mmu.translate(0x80300010, Access.Write, 1));
    expect(pl1FaultStatus(f2, true)).toBe(0x80d);
    expect(fault(() => cpu.mmu.translate(0x80800800, Access.Fetch, 1)).type).toBe(FaultType.Permission);
    expect(fault(() => cpu.mmu.translate(0x80900800, Access.Fetch, 1)).type).toBe(FaultType.Permission);
    expect(cpu.mmu.translate(0x80900010, Access.Read, 1)).toBe(0x40000010);
  });

  it('domains: no access faults (DFSR 0x19, reserved 0x49 via d4), manager skips AP and XN', () => {
    const { cpu, bus } = short();
    expect(pl1FaultStatus(fault(() => cpu.mmu.translate(0x80500010, Access.Read, 1)), true)).toBe(0x19);
    expect(cpu.mmu.translate(0x80600010, Access.Write, 0)).toBe(0x40000010);
    expect(cpu.mmu.translate(0x80600800, Access.Fetch, 1)).toBe(0x40000800);
    w32(bus, L1 + 0x807 * 4, RAM | (4 << 5) | (3 << 10) | 2);
    expect(pl1FaultStatus(fault(() => cpu.mmu.translate(0x80700010, Access.Read, 1)), true)).toBe(0x49);
  });

  it('a page table in a no-access domain gives a level-2 domain fault before the L2 fetch (QEMU: 0x1b)', () => {
    const { cpu } = short();
    // L2 + 0x400 holds only zeros: QEMU still reports the domain fault, not a translation fault.
    expect(pl1FaultStatus(fault(() => cpu.mmu.translate(0x82101004, Access.Read, 1)), true)).toBe(0x1b);
    const r = walk(cpu, 0x82101004, 'guest-va');
    expect(r.steps.length).toBe(1);
    expect(r.fault).toMatchObject({ type: 'domain', level: 2, domain: 1 });
  });

  it('translation faults: level 1 (0x05, domain 0) and level 2 (0x37 with the table domain)', () => {
    const { cpu } = short();
    expect(pl1FaultStatus(fault(() => cpu.mmu.translate(0x80a00010, Access.Read, 1)), true)).toBe(0x05);
    expect(pl1FaultStatus(fault(() => cpu.mmu.translate(0x82002004, Access.Read, 1)), true)).toBe(0x37);
  });

  it('SCTLR.AFE: AP[0] = 0 is an access-flag fault (0x03 section, 0x36 page) before permissions', () => {
    const { cpu, bus } = short();
    cpu.sys.sctlr |= 1 << 29;
    w32(bus, L1 + 0x802 * 4, RAM | (2 << 10) | 2); // AP = 010: AP[0] = 0
    expect(pl1FaultStatus(fault(() => cpu.mmu.translate(0x80200010, Access.Read, 1)), true)).toBe(0x03);
    expect(pl1FaultStatus(fault(() => cpu.mmu.translate(0x82001004, Access.Read, 1)), true)).toBe(0x36);
    // AP[2:1] = 01 in the simplified model is full access (B3.7.1): section 0x8000_0000 has AP 011.
    expect(cpu.mmu.translate(0x80000010, Access.Write, 0)).toBe(0x40000010);
  });

  it('ATS1C* write PAR in the 32-bit format like QEMU (NS = 1, no attributes; SS for supersections)', () => {
    const { cpu } = short();
    cpu.pl = 1;
    cpu.mmu.addressTranslate('ATS1CPR', 0x80000123);
    expect([cpu.sys.parLo, cpu.sys.parHi]).toEqual([0x40000200, 0]);
    cpu.mmu.addressTranslate('ATS1CPW', 0x80300123);
    expect(cpu.sys.parLo).toBe(0x1b);
    cpu.mmu.addressTranslate('ATS1CPR', 0x81234567);
    expect(cpu.sys.parLo).toBe(0x40000202);
    cpu.mmu.addressTranslate('ATS1CPR', 0x80500000);
    expect(cpu.sys.parLo).toBe(0x13);
    cpu.mmu.addressTranslate('ATS1CPR', 0x82101000);
    expect(cpu.sys.parLo).toBe(0x17);
  });
});

describe('long descriptors', () => {
  const T1 = RAM + 0x20000;
  function lpae() {
    const m = machine();
    const { cpu, bus } = m;
    cpu.sys.ttbcr = 0x80000000; // EAE, T0SZ 0
    cpu.sys.ttbr0Lo = T1;
    cpu.sys.prrr = 0x004404ff; // MAIR0: Attr0 WB, Attr1 Device, Attr2 NC
    cpu.sys.sctlr |= 1;
    w64(bus, T1 + 8, BigInt(RAM) | 0x701n);               // L1[1]: 1 GB block, Attr0, SH 11, AF
    w64(bus, T1 + 16, BigInt(T1 + 0x1000) | 3n);         // L1[2]: table
    w64(bus, T1 + 0x1000, BigInt(T1 + 0x2000) | 3n);     // L2[0]: table
    w64(bus, T1 + 0x1008, BigInt(RAM) | 0x441n);         // L2[1]: 2 MB block AP 01
    w64(bus, T1 + 0x1010, BigInt(T1 + 0x2000) | 3n | (2n << 61n)); // L2[2]: table with APTable = 10
    w64(bus, T1 + 0x2000, BigInt(RAM + 0x3000) | 0x443n); // L3[0]: page AP 01 (RW at PL0 and PL1)
    w64(bus, T1 + 0x2008, BigInt(RAM + 0x4000) | 0x043n); // L3[1]: AF = 0
    w64(bus, T1 + 0x2010, BigInt(RAM + 0x5000) | 0x4c3n | (1n << 53n)); // L3[2]: AP 11 (RO), PXN
    return m;
  }

  it('blocks at level 1 and 2, pages at level 3', () => {
    const { cpu } = lpae();
    expect(cpu.mmu.translate(0x40012345, Access.Read, 1)).toBe(0x40012345);
    expect(cpu.mmu.translate(0x80212345, Access.Read, 0)).toBe(0x40012345);
    expect(cpu.mmu.translate(0x80000abc, Access.Write, 0)).toBe(0x40003abc);
  });

  it('faults carry the level: AF L3 (0x20b), permission L3 (0xa0f), translation L1 (0x205)', () => {
    const { cpu } = lpae();
    expect(pl1FaultStatus(fault(() => cpu.mmu.translate(0x80001010, Access.Read, 1)), true)).toBe(0x20b);
    expect(pl1FaultStatus(fault(() => cpu.mmu.translate(0x80002010, Access.Write, 1)), true)).toBe(0xa0f);
    expect(pl1FaultStatus(fault(() => cpu.mmu.translate(0x80002800, Access.Fetch, 1)), false)).toBe(0x20f);
    expect(pl1FaultStatus(fault(() => cpu.mmu.translate(0xc0000000, Access.Read, 1)), true)).toBe(0x205);
  });

  it('APTable[1] makes everything below read-only', () => {
    const { cpu } = lpae();
    expect(cpu.mmu.translate(0x80400010, Access.Read, 0)).toBe(0x40003010);
    expect(fault(() => cpu.mmu.translate(0x80400010, Access.Write, 1)).level).toBe(3);
  });

  it('the TTBR0/TTBR1 gap and EPD1 are level-1 translation faults (QEMU DFSR 0x205)', () => {
    const { cpu } = lpae();
    cpu.sys.ttbcr = 0x80000000 | 1 | (2 << 16); // T0SZ 1 (2 GB), T1SZ 2 (top 1 GB): gap 2-3 GB
    cpu.mmu.translationRegsChanged();
    expect(pl1FaultStatus(fault(() => cpu.mmu.translate(0x80000010, Access.Read, 1)), true)).toBe(0x205);
    cpu.sys.ttbcr |= 1 << 23;
    cpu.mmu.translationRegsChanged();
    expect(pl1FaultStatus(fault(() => cpu.mmu.translate(0xc0003010, Access.Read, 1)), true)).toBe(0x205);
  });

  it('64-bit PAR: ATTR, SH, NS and LPAE as QEMU shows (0xff000000_40000b80)', () => {
    const { cpu } = lpae();
    cpu.mmu.addressTranslate('ATS1CPR', 0x40000123);
    expect([cpu.sys.parHi >>> 0, cpu.sys.parLo >>> 0]).toEqual([0xff000000, 0x40000b80]);
    cpu.mmu.addressTranslate('ATS1CPW', 0x80002123);
    expect([cpu.sys.parHi, cpu.sys.parLo]).toEqual([0, 0x81f]);
  });

  it('Hyp stage 1: AP[1] and PXN ignored, AP[2] read-only, AF fault at level 2 (HSR DFSC 0x0a)', () => {
    const { cpu, bus } = lpae();
    const H = RAM + 0x30000;
    cpu.sys.httbrLo = H;
    cpu.sys.htcr = 0x80003500;
    cpu.sys.hmair0 = 0xff;
    cpu.sys.hsctlr |= 1;
    w64(bus, H + 16, BigInt(H + 0x1000) | 3n);
    w64(bus, H + 0x1000, BigInt(RAM) | 0x481n);                 // AP 10: read-only
    w64(bus, H + 0x1008, BigInt(RAM) | 0x441n | (1n << 53n));   // AP 01 (AP[1] ignored): RW; PXN ignored
    w64(bus, H + 0x1010, BigInt(RAM) | 0x001n);                 // AF 0
    expect(fault(() => cpu.mmu.translate(0x80000010, Access.Write, 2))).toMatchObject({ type: FaultType.Permission, level: 2 });
    expect(cpu.mmu.translate(0x80200010, Access.Write, 2)).toBe(0x40000010);
    expect(cpu.mmu.translate(0x80200800, Access.Fetch, 2)).toBe(0x40000800);
    expect(fault(() => cpu.mmu.translate(0x80400010, Access.Read, 2))).toMatchObject({ type: FaultType.AccessFlag, level: 2 });
    cpu.mmu.addressTranslate('ATS1HW', 0x80000010);
    expect(cpu.sys.parLo).toBe(0x81d);
  });
});

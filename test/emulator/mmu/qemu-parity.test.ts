// Walk API and fault reporting on hand-built tables where QEMU 7.2 makes a choice the manual leaves
// open: S1PTW fault level, IFSR domain, short-descriptor PAR attributes; TEX remap by the manual (B3.8.3).
import { describe, expect, it } from 'vitest';
import { Access } from '../../../emulator/cpu/access';
import { FaultType, GuestAbort } from '../../../emulator/cpu/fault';
import { pl1FaultStatus } from '../../../emulator/cpu/fault-status';
import { walk } from '../../../emulator/mmu/walk-api';
import { machine, RAM, thrown, w32, w64 } from './helpers';

const L1 = RAM + 0x10000;

describe('S1PTW fault level (QEMU 7.2: the stage-1 level of the table access)', () => {
  /** Stage 2 identity for IPA 1-2 GB by 2 MB blocks except IPA 0x4020_0000, a level-3 table with a HAP=00 page. */
  function nested() {
    const m = machine();
    const { cpu, bus } = m;
    const s2l1 = RAM + 0x1000, s2l2 = RAM + 0x2000, s2l3 = RAM + 0x3000;
    cpu.sys.vtcr = 0x80003540; // T0SZ 0, SL0 01: start at level 1
    cpu.sys.vttbrLo = s2l1;
    cpu.sys.hcr = 1;
    w64(m.bus, s2l1 + 8, BigInt(s2l2 | 3));
    for (let i = 0; i < 512; i++) w64(bus, s2l2 + i * 8, BigInt(((RAM + i * 0x200000) | 0x7fd) >>> 0)); // block, MemAttr f, HAP 11, SH 11, AF
    w64(bus, s2l2 + 8, BigInt(s2l3 | 3)); // IPA 0x4020_0000: pages
    w64(bus, s2l3 + 0, BigInt((RAM + 0x200000) | 0x43f)); // HAP 00: no access, AF
    // Long-descriptor stage 1: L1[2] -> L2 at RAM+0x4000; L2[0] -> L3 table at IPA 0x4020_0000.
    const s1l1 = RAM + 0x5000, s1l2 = RAM + 0x4000;
    cpu.sys.ttbcr = 0x80000000;
    cpu.sys.ttbr0Lo = s1l1;
    cpu.sys.sctlr |= 1;
    w64(bus, s1l1 + 16, BigInt(s1l2 | 3));
    w64(bus, s1l2, BigInt(0x40200000 | 3));
    return m;
  }

  it('keeps the stage-2 fault type and reports the stage-1 level (levels.c: HSR 0x9000008f)', () => {
    const { cpu } = nested();
    const f = thrown(() => cpu.mmu.translate(0x80000010, Access.Read, 1)) as GuestAbort;
    expect(f).toBeInstanceOf(GuestAbort);
    // The level-3 stage-1 descriptor at IPA 0x4020_0000 hits a stage-2 level-3 permission fault.
    expect([f.type, f.stage, f.level, f.s1ptw, f.ipa]).toEqual([FaultType.Permission, 2, 3, true, 0x40200000]);
  });

  it('a level-2 table read faulting at stage-2 level 3 is reported at level 2 (levels.c: HSR 0x9000008e)', () => {
    const { cpu, bus } = nested();
    w64(bus, RAM + 0x5000 + 16, BigInt(0x40200000 | 3)); // stage-1 L1[2] -> L2 table at the no-access IPA
    const f = thrown(() => cpu.mmu.translate(0x80000010, Access.Read, 1)) as GuestAbort;
    expect([f.type, f.level, f.s1ptw]).toEqual([FaultType.Permission, 2, true]);
    const r = walk(cpu, 0x80000010, 'guest-va-both');
    expect(r.fault).toMatchObject({ type: 'permission', stage: 2, level: 2, s1ptw: true, ipa: 0x40200000 });
    expect(r.fault?.reason).toContain('stage-2 level 3');
  });

  it('PAR from ATS12NSOPR in Hyp: F, FST = permission level 2, S2WLK, FSTAGE, LPAE (B4.1.112: 0xb1d)', () => {
    const { cpu, bus } = nested();
    w64(bus, RAM + 0x5000 + 16, BigInt(0x40200000 | 3));
    cpu.pl = 2;
    cpu.mmu.addressTranslate('ATS12NSOPR', 0x80000010);
    expect(cpu.sys.parLo >>> 0).toBe(0xb1d);
  });
});

describe('short descriptors as QEMU reports them', () => {
  function shortTables() {
    const m = machine();
    const { cpu, bus } = m;
    cpu.sys.ttbr0Lo = L1;
    cpu.sys.sctlr |= 1;
    cpu.sys.dacr = 0x1 | (0 << 2); // d0 client, d1 no access
    // 0x8000_0000: section in domain 1 (no access); 0x8010_0000: TEX 000 C 1 B 0, S = 1, AP 011.
    w32(bus, L1 + 0x800 * 4, RAM | (1 << 5) | (3 << 10) | 2);
    w32(bus, L1 + 0x801 * 4, RAM | (1 << 16) | (1 << 3) | (3 << 10) | 2);
    w32(bus, L1 + 0x802 * 4, RAM | (1 << 3) | (3 << 10) | 2);
    return m;
  }

  it('a prefetch abort on a domain fault carries the domain in IFSR[7:4] (QEMU short.c: 0x19)', () => {
    const { cpu } = shortTables();
    const f = thrown(() => cpu.mmu.translate(0x80000800, Access.Fetch, 1)) as GuestAbort;
    expect(pl1FaultStatus(f, false)).toBe(0x19);
  });

  it('TEX remap: PRRR/NMRR index TEX[0]:C:B = 2 selects Normal, inner WB-WA, outer WT, inner shareable with S=1', () => {
    const { cpu } = shortTables();
    cpu.sys.sctlr |= 1 << 28; // TRE
    // PRRR 0xff0a81a8: TR2 = 10 Normal; NS1 = 1, NS0 = 0; NOS2 = 1. NMRR 0xe4a0e41b: IR2 = 01, OR2 = 10.
    cpu.sys.prrr = 0xff0a81a8;
    cpu.sys.nmrr = 0xe4a0e41b;
    const r = walk(cpu, 0x80100000, 'guest-va');
    expect(r.result?.attributes).toMatchObject({ attr: 0xaf, shareability: 3 });
    const r0 = walk(cpu, 0x80200000, 'guest-va'); // S = 0: PRRR.NS0 = 0, non-shareable
    expect(r0.result?.attributes).toMatchObject({ attr: 0xaf, shareability: 0 });
  });

  it('ATS1CPR in Hyp uses the 64-bit PAR with ATTR 0 and SH 0 for short descriptors (remap.c: 0x40000a00)', () => {
    const { cpu } = shortTables();
    cpu.sys.sctlr |= 1 << 28;
    cpu.sys.prrr = 0xff0a81a8;
    cpu.sys.nmrr = 0xe4a0e41b;
    cpu.pl = 2;
    cpu.mmu.addressTranslate('ATS1CPR', 0x80100010);
    expect([cpu.sys.parHi >>> 0, cpu.sys.parLo >>> 0]).toEqual([0, 0x40000a00]);
    cpu.pl = 1; // at PL1 the 32-bit format: PA and NS only
    cpu.mmu.addressTranslate('ATS1CPR', 0x80100010);
    expect([cpu.sys.parHi >>> 0, cpu.sys.parLo >>> 0]).toEqual([0, 0x40000200]);
  });
});

// TLB model (B3.10): stale entries survive until the right maintenance operation, tagged by ASID
// and VMID; the walk API never fills it; ATS S1PTW from PL1 becomes an abort; stage-2 map.
import { describe, expect, it } from 'vitest';
import { Access } from '../../../emulator/cpu/access';
import { GuestAbort } from '../../../emulator/cpu/fault';
import { stage2Map, walk } from '../../../emulator/mmu/walk-api';
import { machine, RAM, thrown, w32, w64 } from './helpers';

const L1 = RAM + 0x10000;

function withSection() {
  const m = machine();
  const { cpu, bus } = m;
  cpu.sys.ttbr0Lo = L1;
  cpu.sys.sctlr |= 1;
  cpu.sys.dacr = 1;
  cpu.sys.contextidr = 5;
  w32(bus, L1 + 0x800 * 4, RAM | (3 << 10) | 2);              // global section VA 0x8000_0000
  w32(bus, L1 + 0x801 * 4, (RAM + 0x100000) | (3 << 10) | (1 << 17) | 2); // nG section 0x8010_0000
  return m;
}

describe('TLB maintenance', () => {
  it('keeps a stale translation until TLBIMVA (as hardware may), then walks again', () => {
    const { cpu, bus, mmu } = withSection();
    expect(mmu.translate(0x80000010, Access.Read, 1)).toBe(0x40000010);
    w32(bus, L1 + 0x800 * 4, (RAM + 0x200000) | (3 << 10) | 2);
    expect(mmu.translate(0x80000010, Access.Read, 1)).toBe(0x40000010); // stale, architecturally allowed
    mmu.tlbMaintenance('TLBIMVA', 0x80000000 | 5);
    expect(mmu.translate(0x80000010, Access.Read, 1)).toBe(0x40200010);
  });

  it('TLBIASID drops only non-global entries of that ASID; TLBIALL drops the VMID', () => {
    const { cpu, bus, mmu } = withSection();
    mmu.translate(0x80000010, Access.Read, 1);
    mmu.translate(0x80100010, Access.Read, 1);
    w32(bus, L1 + 0x800 * 4, 0);
    w32(bus, L1 + 0x801 * 4, 0);
    mmu.tlbMaintenance('TLBIASID', 4); // other ASID: nothing
    expect(mmu.translate(0x80100010, Access.Read, 1)).toBe(0x40100010);
    mmu.tlbMaintenance('TLBIASID', 5);
    expect(thrown(() => mmu.translate(0x80100010, Access.Read, 1))).toBeInstanceOf(GuestAbort);
    expect(mmu.translate(0x80000010, Access.Read, 1)).toBe(0x40000010); // global survives TLBIASID
    cpu.sys.vttbrHi = 7 << 16; // another VMID: TLBIALL acts on VMID 7 only
    mmu.tlbMaintenance('TLBIALL', 0);
    cpu.sys.vttbrHi = 0;
    expect(mmu.translate(0x80000010, Access.Read, 1)).toBe(0x40000010);
    mmu.tlbMaintenance('TLBIALLNSNH', 0);
    expect(thrown(() => mmu.translate(0x80000010, Access.Read, 1))).toBeInstanceOf(GuestAbort);
  });

  it('nG entries of another ASID do not hit', () => {
    const { cpu, bus, mmu } = withSection();
    mmu.translate(0x80100010, Access.Read, 1);
    w32(bus, L1 + 0x801 * 4, 0);
    cpu.sys.contextidr = 6;
    mmu.translationRegsChanged();
    expect(thrown(() => mmu.translate(0x80100010, Access.Read, 1))).toBeInstanceOf(GuestAbort);
  });

  it('a permission miss on a cached entry re-walks and reports the precise fault', () => {
    const { bus, mmu } = withSection();
    w32(bus, L1 + 0x802 * 4, (RAM) | (5 << 10 & 0xc00) | (1 << 15) | (1 << 10) | 2); // AP 101: PL1 RO
    mmu.translate(0x80200000, Access.Read, 1);
    const f = thrown(() => mmu.translate(0x80200000, Access.Write, 1)) as GuestAbort;
    expect([f.type, f.level, f.write]).toEqual([2, 1, true]);
  });
});

describe('walk API', () => {
  it('has no side effects: no TLB fill, no fault registers written', () => {
    const { cpu, mmu } = withSection();
    const before = { ...cpu.sys };
    const r = walk(cpu, 0x80000010, 'guest-va');
    expect(r.result?.outputAddress).toBe(0x40000010);
    expect(r.steps[0].fields).toMatchObject({ type: 'section', domain: 0 });
    expect(mmu.tlb.size).toBe(0);
    walk(cpu, 0x80a00000, 'guest-va');
    expect({ ...cpu.sys }).toEqual(before);
  });

  it('survives a table pointing at itself and descriptors outside RAM', () => {
    const { cpu, bus } = machine();
    cpu.sys.ttbcr = 0x80000000;
    cpu.sys.ttbr0Lo = RAM;
    cpu.sys.sctlr |= 1;
    w64(bus, RAM + 16, BigInt(RAM) | 3n); // L1[2] -> the L1 table itself
    const r = walk(cpu, 0x80000000, 'guest-va');
    expect(r.steps[0].note).toBe('table points at itself');
    // The L1 table read again as a level-2 table: index VA[29:21] = 0 holds 0 -> invalid.
    expect(r.steps.length).toBe(2);
    expect(r.fault).toMatchObject({ type: 'translation', level: 2 });
    w64(bus, RAM + 24, 0x1_0000_0000n | 3n); // L1[3] -> table at PA 0x1_0000_0000 (nothing there)
    const r2 = walk(cpu, 0xc0000000, 'guest-va');
    expect(r2.fault).toMatchObject({ type: 'external-on-walk', stage: 1, level: 2 });
    expect(r2.steps[1].note).toMatch(/outside RAM/);
  });
});

describe('ATS', () => {
  it('ATS1CPR at PL1 with a stage-2 fault on the walk is a data abort to Hyp with CM and S1PTW', () => {
    const { cpu } = withSection();
    cpu.sys.hcr = 1;
    cpu.sys.vtcr = 0x80000040; // SL0 = 1, T0SZ = 0; VTTBR = 0 -> level-1 read at PA 0 faults
    cpu.sys.vttbrLo = RAM + 0x3000; // empty: translation fault at stage-2 level 1
    cpu.pl = 1;
    const f = thrown(() => cpu.mmu.addressTranslate('ATS1CPR', 0x80000000)) as GuestAbort;
    expect([f.stage, f.s1ptw, f.cm, f.write, f.level]).toEqual([2, true, true, true, 1]);
    cpu.pl = 2; // from Hyp the same fault is reported in PAR: F, FST 0x05, S2WLK, FSTAGE, LPAE
    cpu.mmu.addressTranslate('ATS1CPR', 0x80000000);
    expect(cpu.sys.parLo).toBe(0xb0b);
  });
});

describe('stage-2 map', () => {
  it('coalesces a fully populated 40-bit IPA space of 1 GB blocks into one region', () => {
    const { cpu, bus } = machine();
    cpu.sys.hcr = 1;
    cpu.sys.vtcr = 0x80000058; // T0SZ -8: 1024 level-1 entries at BADDR (8 KB aligned)
    cpu.sys.vttbrLo = RAM;
    for (let i = 0; i < 1024; i++) w64(bus, RAM + i * 8, BigInt(i) * (1n << 30n) | 0x4fdn); // block, MemAttr 0xF, HAP 11, AF
    const m = stage2Map(cpu);
    expect(m.regions).toEqual([{ ipa: 0, pa: 0, size: 2 ** 40, access: 'rw', memAttr: 0xf, xn: false, af: true }]);
  });

  it('splits on attribute changes, skips invalid entries, tolerates shared and self-referencing tables', () => {
    const { cpu, bus } = machine();
    cpu.sys.hcr = 1;
    cpu.sys.vtcr = 0x80000040;
    cpu.sys.vttbrLo = RAM;
    w64(bus, RAM + 8, BigInt(RAM + 0x1000) | 3n); // IPA 1-2 GB -> L2 table
    w64(bus, RAM + 0x1000, BigInt(RAM + 0x2000) | 3n); // IPA 0x4000_0000 -> L3 table
    w64(bus, RAM + 0x1008, BigInt(RAM + 0x1000) | 3n); // self-reference (read as an L3 table)
    for (let i = 0; i < 4; i++) w64(bus, RAM + 0x2000 + i * 8, BigInt(0x5000_0000 + i * 0x1000) | 0x4ffn);
    w64(bus, RAM + 0x2018, BigInt(0x5000_3000) | 0x47fn); // 4th page read-only
    const m = stage2Map(cpu);
    expect(m.regions.slice(0, 2)).toEqual([
      { ipa: 0x4000_0000, pa: 0x5000_0000, size: 0x3000, access: 'rw', memAttr: 0xf, xn: false, af: true },
      { ipa: 0x4000_3000, pa: 0x5000_3000, size: 0x1000, access: 'ro', memAttr: 0xf, xn: false, af: true },
    ]);
    expect(m.regions.length).toBeGreaterThan(2); // the self-referencing table's entries read as pages
  });
});

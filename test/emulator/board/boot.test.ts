// Where images, QEMU's boot stub and the DTB go, and the state at the first instruction, for each kind of
// image (emulator/board/boot.ts, machine.load). Expected values measured on QEMU 7.2 with the gdb stub and
// test/guests/boot/_probe.s (see test/emulator/board/boot-qemu.test.ts for the live comparison).

import { describe, expect, it } from 'vitest';
import { Machine } from '../../../emulator/machine';
import { linuxBootStub, planBiosBoot, planKernelBoot } from '../../../emulator/board/boot';
import { VIRT_DTB_SIZE } from '../../../emulator/board/dtb';
import { ElfError } from '../../../emulator/loader/elf';
import { elf32 } from '../loader/elf-builder';

const MiB = 1 << 20;
const dtb = new Uint8Array(VIRT_DTB_SIZE);
const req = (ramSize: number) => ({ ramBase: 0x40000000, ramSize, dtb });
const LOOP = Uint8Array.of(0xfe, 0xff, 0xff, 0xea); // b .

describe('raw images (Linux boot protocol)', () => {
  it('loads at RAM + 64 KiB with QEMU\'s stub at RAM start (gdb x/7wx 0x40000000 on QEMU)', () => {
    const p = planKernelBoot(LOOP, 'k.bin', req(128 * MiB));
    expect(p.kind).toBe('linux');
    expect(p.pc).toBe(0x40000000);
    expect(p.entry).toBe(0x40010000);
    const stub = p.blobs.find((b) => b.name === 'bootloader')!;
    expect(stub.addr).toBe(0x40000000);
    const words = [...new Uint32Array(stub.bytes.slice().buffer)];
    expect(words).toEqual([0xe3a00000, 0xe59f1004, 0xe59f2004, 0xe59ff004, 0xffffffff, 0x44000000, 0x40010000]);
  });

  it.each([
    [128 * MiB, 4, 0x44000000],
    [32 * MiB, 4, 0x41000000],
    [512 * MiB, 4, 0x48000000],
    [1024 * MiB, 4, 0x48000000],
    [128 * MiB, 70 * MiB, 0x44610000],
    [128 * MiB, 128 * MiB - 64 * 1024 - 4096, 0x47fff000],
  ])('RAM %i, image %i bytes: DTB at %s (measured r2)', (ram, size, at) => {
    const img = new Uint8Array(size);
    img.set(LOOP);
    expect(planKernelBoot(img, 'k.bin', req(ram)).dtb).toBe(at);
  });

  it('cuts the DTB at the end of RAM and refuses images QEMU refuses', () => {
    const p = planKernelBoot(new Uint8Array(128 * MiB - 64 * 1024 - 4096), 'k', req(128 * MiB));
    expect(p.blobs.find((b) => b.name === 'dtb')!.bytes.length).toBe(4096);
    expect(() => planKernelBoot(new Uint8Array(128 * MiB - 64 * 1024), 'k', req(128 * MiB))).toThrow(/not enough space for the DTB/);
    expect(() => planKernelBoot(new Uint8Array(128 * MiB), 'k', req(128 * MiB))).toThrow(/too large to fit in RAM/);
    expect(() => planKernelBoot(new Uint8Array(0), 'k', req(128 * MiB))).toThrow(/file is empty/);
  });

  it('runs the stub on the CPU: r0 = 0, r1 = 0xffffffff, r2 = DTB, Hyp, after 4 instructions', () => {
    const m = new Machine();
    m.load(LOOP, 'k.bin');
    expect(m.cpu.pc).toBe(0x40000000);
    expect(m.cpu.getCPSR() >>> 0).toBe(0x400001da);
    m.run(4);
    expect(m.cpu.pc).toBe(0x40010000);
    expect([m.cpu.r[0], m.cpu.r[1], m.cpu.r[2]]).toEqual([0, 0xffffffff, 0x44000000]);
    expect(m.cpu.getCPSR() >>> 0).toBe(0x400001da);
    expect(m.bus.read(0x44000000, 4)).toBe(0xedfe0dd0); // d00dfeed, big-endian
  });

  it('an explicit --load-address loads and starts there, without stub or DTB', () => {
    const p = planKernelBoot(LOOP, 'k', { ...req(128 * MiB), loadAddress: 0x40200000 });
    expect(p).toMatchObject({ kind: 'raw', pc: 0x40200000, dtb: undefined });
    expect(p.blobs).toHaveLength(1);
  });
});

describe('uImage', () => {
  const uimage = (os: number, load: number, comp = 0, arch = 2): Uint8Array => {
    const out = new Uint8Array(64 + 4);
    const dv = new DataView(out.buffer);
    dv.setUint32(0, 0x27051956);
    dv.setUint32(12, 4);
    dv.setUint32(16, load);
    dv.setUint32(20, load);
    out.set([os, arch, 2, comp], 28);
    out.set(LOOP, 64);
    return out;
  };
  it('Linux: stub + DTB as for raw images, kernel at ih_load (measured)', () => {
    expect(planKernelBoot(uimage(5, 0x40200000), 'u', req(128 * MiB))).toMatchObject({ kind: 'linux', pc: 0x40000000, entry: 0x40200000, dtb: 0x44000000 });
  });
  it('another OS: entered at ih_ep with zero registers; QEMU puts the DTB at address 0 (flash)', () => {
    expect(planKernelBoot(uimage(17, 0x40200000), 'u', req(128 * MiB))).toMatchObject({ kind: 'image', pc: 0x40200000, dtb: 0 });
  });
  it('rejects compressed and non-ARM images precisely', () => {
    expect(() => planKernelBoot(uimage(5, 0x40200000, 1), 'u', req(128 * MiB))).toThrow(/gzip/);
    expect(() => planKernelBoot(uimage(5, 0x40200000, 0, 3), 'u', req(128 * MiB))).toThrow(/not ARM/);
  });
});

describe('ELF images', () => {
  const at = (...addrs: number[]): Uint8Array => elf32({ entry: addrs[0], segments: addrs.map((a) => ({ paddr: a, data: LOOP })) });
  it.each([
    [[0x40010000], undefined], // lib/link.ld guests: the 1 MiB DTB does not fit below the image
    [[0x40100000], 0x40000000],
    [[0x41000000], 0x40000000],
    [[0x00000000], 0x40000000], // wholly in flash
    [[0x00100000, 0x40200000], 0x00000000], // spans the start of RAM: QEMU writes the DTB at 0 (flash)
  ])('segments at %j: DTB at %s, PC = entry, registers zero', (addrs, where) => {
    const m = new Machine();
    const p = m.load(at(...addrs), 'x.elf');
    expect(p.boot!.dtb).toBe(where);
    expect(m.cpu.pc).toBe(addrs[0]);
    expect([...m.cpu.r.subarray(0, 15)].every((v) => v === 0)).toBe(true);
    if (where !== undefined) expect(m.bus.read(where, 4)).toBe(0xedfe0dd0);
  });
  it('refuses an ELF whose flash segment collides with the DTB QEMU puts at 0', () => {
    expect(() => new Machine().load(at(0, 0x40200000), 'x.elf')).toThrow(/overlaps dtb/);
  });
  it('refuses overlapping and out-of-memory segments', () => {
    expect(() => new Machine().load(elf32({ entry: 0x40100000, segments: [{ paddr: 0x40100000, data: new Uint8Array(8) }, { paddr: 0x40100004, data: LOOP }] }), 'x.elf')).toThrow(ElfError);
    expect(() => new Machine().load(at(0x20000000), 'x.elf')).toThrow(/lies outside RAM .* and flash/);
    expect(() => new Machine().load(at(0x48000000), 'x.elf')).toThrow(/outside RAM/);
  });
});

describe('-bios firmware', () => {
  it('goes to flash at 0, PC = 0 in Hyp, DTB at RAM start, registers zero (measured)', () => {
    const m = new Machine();
    m.load(LOOP, 'fw.bin', undefined, { bios: true });
    expect(m.cpu.pc).toBe(0);
    expect(m.cpu.getCPSR() >>> 0).toBe(0x400001da);
    expect(m.bus.read(0, 4)).toBe(0xeafffffe);
    expect(m.bus.read(0x40000000, 4)).toBe(0xedfe0dd0);
    m.run(10);
    expect(m.cpu.pc).toBe(0);
  });
  it('refuses firmware larger than the 64 MiB bank', () => {
    expect(() => planBiosBoot(new Uint8Array(64 * MiB + 1), 'fw', req(128 * MiB))).toThrow(/does not fit/);
  });
});

describe('flash', () => {
  it('executes zeros (ANDEQ) like QEMU, instead of aborting', () => {
    const m = new Machine();
    m.load(elf32({ entry: 0x40100000, segments: [{ paddr: 0x40100000, data: Uint8Array.of(0x00, 0x00, 0xa0, 0xe3, 0x10, 0xff, 0x2f, 0xe1) }] }), 'x.elf'); // mov r0,#0; bx r0
    m.run(6);
    expect(m.cpu.pc).toBe(16);
    expect(m.exceptionLog).toHaveLength(0);
  });
  it('stub words are those QEMU writes (boot.c bootloader[])', () => {
    expect([...new Uint32Array(linuxBootStub(0x1234, 0x5678).slice().buffer)].slice(4)).toEqual([0xffffffff, 0x1234, 0x5678]);
  });
});

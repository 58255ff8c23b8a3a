// The ELF loader's checks (emulator/loader/elf.ts): every malformed or unsuitable file gets a precise
// ElfError, never a crash. Facts about QEMU: it loads ET_DYN like ET_EXEC (measured on QEMU 7.2).

import { describe, expect, it } from 'vitest';
import { ElfError, parseElf } from '../../../emulator/loader/elf';
import { Machine } from '../../../emulator/machine';
import { elf32 } from './elf-builder';

const CODE = Uint8Array.of(0xfe, 0xff, 0xff, 0xea);
const good = (): Uint8Array => elf32({ entry: 0x40100000, segments: [{ paddr: 0x40100000, data: CODE }] });
const set32 = (b: Uint8Array, off: number, v: number): Uint8Array => {
  const c = b.slice();
  new DataView(c.buffer).setUint32(off, v, true);
  return c;
};
const set16 = (b: Uint8Array, off: number, v: number): Uint8Array => {
  const c = b.slice();
  new DataView(c.buffer).setUint16(off, v, true);
  return c;
};

describe('parseElf', () => {
  it('accepts a minimal executable', () => {
    const e = parseElf(good(), 'x.elf');
    expect(e.entry).toBe(0x40100000);
    expect(e.segments).toHaveLength(1);
  });

  it('accepts ET_DYN, as QEMU does', () => {
    expect(parseElf(elf32({ entry: 0x40100000, type: 3, segments: [{ paddr: 0x40100000, data: CODE }] })).segments).toHaveLength(1);
  });

  const cases: [string, Uint8Array, RegExp][] = [
    ['no magic', Uint8Array.of(1, 2, 3, 4, 5), /no \\x7fELF magic/],
    ['truncated header', good().subarray(0, 40), /ELF header .* runs past the end of the file \(40 bytes\)/],
    ['ELF64', elf32({ entry: 0, cls: 2, segments: [{ paddr: 0x40100000, data: CODE }] }), /ELF class 64-bit \(need ELF32\)/],
    ['bad class', elf32({ entry: 0, cls: 7, segments: [{ paddr: 0x40100000, data: CODE }] }), /ELF class 7/],
    ['big-endian', elf32({ entry: 0, data: 2, segments: [{ paddr: 0x40100000, data: CODE }] }), /big-endian/],
    ['x86', elf32({ entry: 0, machine: 3, segments: [{ paddr: 0x40100000, data: CODE }] }), /e_machine = 3, expected 40 = EM_ARM/],
    ['relocatable object', elf32({ entry: 0, type: 1, segments: [{ paddr: 0x40100000, data: CODE }] }), /relocatable object \(ET_REL\)/],
    ['core dump', elf32({ entry: 0, type: 4, segments: [{ paddr: 0x40100000, data: CODE }] }), /core dump/],
    ['program headers past the end', set32(good(), 28, 0x1000), /program header table .* runs past the end/],
    ['small phentsize', elf32({ entry: 0, phentsize: 16, segments: [{ paddr: 0x40100000, data: CODE }] }), /e_phentsize = 16 \(need 32\)/],
    ['segment data past the end', set32(set32(good(), 52 + 16, 0x100), 52 + 20, 0x100), /segment 0 data .* runs past the end/],
    ['segment offset past the end', set32(good(), 52 + 4, 0xfffffff0), /segment 0 data/],
    ['filesz > memsz', set32(good(), 52 + 20, 2), /p_filesz 0x4 > p_memsz 0x2/],
    ['segment wrapping 4 GiB', elf32({ entry: 0, segments: [{ paddr: 0xfffffff0, data: CODE, memsz: 0x100 }] }), /runs past the 4 GiB address space/],
    ['no PT_LOAD', elf32({ entry: 0, segments: [{ paddr: 0x40100000, data: CODE, type: 4 }] }), /no loadable \(PT_LOAD\) segments/],
    ['no program headers', set16(good(), 44, 0), /no loadable/],
  ];
  it.each(cases)('%s: precise ElfError', (_name, bytes, msg) => {
    expect(() => parseElf(bytes, 'x.elf')).toThrow(ElfError);
    expect(() => parseElf(bytes, 'x.elf')).toThrow(msg);
  });

  it('never throws anything but ElfError on random corruption', () => {
    const base = good();
    let seed = 12345;
    const rnd = (n: number): number => { seed = (seed * 1103515245 + 12345) >>> 0; return seed % n; };
    for (let i = 0; i < 2000; i++) {
      const b = base.slice(0, 1 + rnd(base.length));
      for (let k = 0; k < 4; k++) b[rnd(b.length)] = rnd(256);
      b.set([0x7f, 0x45, 0x4c, 0x46].slice(0, Math.min(4, b.length)));
      try { parseElf(b); } catch (e) { expect(e).toBeInstanceOf(ElfError); }
    }
  });
});

describe('Machine.load of ELF files', () => {
  it('reports segments outside RAM and flash with their addresses', () => {
    const bytes = elf32({ entry: 0x09000000, segments: [{ paddr: 0x09000000, data: CODE }] });
    expect(() => new Machine().load(bytes, 'x.elf')).toThrow(/segment 0 at 0x9000000\.\.0x9000004 lies outside RAM \(0x40000000\.\.0x48000000\) and flash/);
  });
  it('reports overlapping segments like QEMU\'s ROM overlap check', () => {
    const bytes = elf32({ entry: 0x40100000, segments: [{ paddr: 0x40100000, data: new Uint8Array(16) }, { paddr: 0x40100008, data: CODE }] });
    expect(() => new Machine().load(bytes, 'x.elf')).toThrow(/overlaps .*Some ROM regions are overlapping/);
  });
  it('loads .bss (p_memsz > p_filesz) as zeros', () => {
    const m = new Machine();
    m.bus.loadBytes(0x40100004, Uint8Array.of(1, 2, 3, 4));
    m.load(elf32({ entry: 0x40100000, segments: [{ paddr: 0x40100000, data: CODE, memsz: 16 }] }), 'x.elf');
    expect(m.bus.read(0x40100004, 4)).toBe(0);
  });
});

describe('mapping symbols', () => {
  it('keeps $a/$t/$d apart from the symbols, as readelf lists them', async () => {
    const fs = await import('node:fs');
    const path = await import('node:path');
    const { execFileSync } = await import('node:child_process');
    const elf = path.resolve(__dirname, '../../../examples/toy-hypervisor/toy-hypervisor-thumb.elf');
    const img = parseElf(new Uint8Array(fs.readFileSync(elf)));
    const want = new Set<string>();
    for (const l of execFileSync('arm-none-eabi-readelf', ['-sW', elf], { encoding: 'utf8' }).split('\n')) {
      const m = /^\s*\d+: ([0-9a-f]{8})\s+0 NOTYPE\s+LOCAL\s+DEFAULT\s+(\d+) \$([atd])$/.exec(l);
      if (m) want.add(`${m[3]}@${m[1]}#${m[2]}`);
    }
    const got = new Set(img.mappingSymbols.map((s) => `${s.kind}@${s.value.toString(16).padStart(8, '0')}#${s.section}`));
    expect(got).toEqual(want);
    expect([...got].some((k) => k.startsWith('t@'))).toBe(true);
    expect(img.symbols.some((s) => s.name.startsWith('$'))).toBe(false);
  });
});

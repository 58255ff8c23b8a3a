// ELF32 little-endian ARM executables: header checks, PT_LOAD segments, entry point, symbols.
// ELF specification (System V gABI) and "ELF for the ARM Architecture" (IHI 0044).

export interface ElfSegment {
  readonly paddr: number;
  readonly vaddr: number;
  readonly data: Uint8Array;
  readonly memsz: number;
  readonly flags: number;
}

export interface ElfSection {
  readonly name: string;
  readonly addr: number;
  readonly offset: number;
  readonly size: number;
  readonly type: number;
}

export interface ElfSymbol {
  readonly name: string;
  readonly value: number;
  readonly size: number;
  /** STT_FUNC = 2, STT_OBJECT = 1, STT_NOTYPE = 0. */
  readonly type: number;
  /** Thumb function (bit 0 of value set for STT_FUNC). */
  readonly thumb: boolean;
  /** Index of the section the symbol is defined in (st_shndx). */
  readonly section?: number;
}

/**
 * A mapping symbol (IHI 0044 §5.5.5): from `value` on, the section holds A32 code ($a), T32 code
 * ($t) or data ($d), up to the next mapping symbol of the same section.
 */
export interface MappingSymbol {
  readonly value: number;
  readonly kind: 'a' | 't' | 'd';
  readonly section: number;
}

export interface ElfImage {
  readonly entry: number;
  readonly segments: readonly ElfSegment[];
  readonly sections: readonly ElfSection[];
  readonly symbols: readonly ElfSymbol[];
  /** $a/$t/$d mapping symbols sorted by address (kept apart: they are not names for the user). */
  readonly mappingSymbols: readonly MappingSymbol[];
  /** Raw file, for the DWARF reader. */
  readonly bytes: Uint8Array;
}

/** A descriptive load error; the CLI and the debug adapter print `message` as is. */
export class ElfError extends Error {}

const EM_ARM = 40;
const PT_LOAD = 1;
const SHT_SYMTAB = 2;

export function isElf(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x7f && bytes[1] === 0x45 && bytes[2] === 0x4c && bytes[3] === 0x46;
}

export function parseElf(bytes: Uint8Array, what = 'file'): ElfImage {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const need = (off: number, len: number, ctx: string): void => {
    if (off < 0 || len < 0 || off + len > bytes.length) {
      throw new ElfError(`${what}: corrupt ELF: ${ctx} at offset 0x${off.toString(16)} (+${len}) runs past the end of the file (${bytes.length} bytes)`);
    }
  };
  if (!isElf(bytes)) throw new ElfError(`${what}: not an ELF file (no \\x7fELF magic)`);
  need(0, 52, 'ELF header');
  if (bytes[4] !== 1) throw new ElfError(`${what}: not an ARM ELF: ELF class ${bytes[4] === 2 ? '64-bit' : bytes[4]} (need ELF32)`);
  if (bytes[5] !== 1) throw new ElfError(`${what}: big-endian ELF files are not supported (need little-endian)`);
  const u16 = (o: number): number => dv.getUint16(o, true);
  const u32 = (o: number): number => dv.getUint32(o, true);
  const machine = u16(18);
  if (machine !== EM_ARM) throw new ElfError(`${what}: not an ARM ELF (e_machine = ${machine}, expected 40 = EM_ARM)`);
  // QEMU's -kernel loads ET_DYN like ET_EXEC (segments at p_paddr, no relocation; measured on QEMU 7.2).
  const type = u16(16);
  if (type !== 2 && type !== 3) {
    const kind = type === 1 ? 'a relocatable object (ET_REL)' : type === 4 ? 'a core dump (ET_CORE)' : `of type ${type}`;
    throw new ElfError(`${what}: ELF file is ${kind}, not an executable (ET_EXEC = 2 or ET_DYN = 3); link the program first`);
  }
  if (u16(40) !== 0 && u16(40) < 52) throw new ElfError(`${what}: corrupt ELF: header size e_ehsize = ${u16(40)} (need 52)`);
  const entry = u32(24);
  const phoff = u32(28);
  const shoff = u32(32);
  const phentsize = u16(42);
  const phnum = u16(44);
  const shentsize = u16(46);
  const shnum = u16(48);
  const shstrndx = u16(50);

  const segments: ElfSegment[] = [];
  if (phnum > 0) {
    if (phentsize < 32) throw new ElfError(`${what}: corrupt ELF: program header entry size e_phentsize = ${phentsize} (need 32)`);
    need(phoff, phnum * phentsize, 'program header table');
  }
  for (let i = 0; i < phnum; i++) {
    const o = phoff + i * phentsize;
    if (u32(o) !== PT_LOAD) continue;
    const offset = u32(o + 4);
    const vaddr = u32(o + 8);
    const paddr = u32(o + 12);
    const filesz = u32(o + 16);
    const memsz = u32(o + 20);
    const flags = u32(o + 24);
    if (memsz === 0) continue;
    if (filesz > memsz) throw new ElfError(`${what}: corrupt ELF: segment ${i} has p_filesz 0x${filesz.toString(16)} > p_memsz 0x${memsz.toString(16)}`);
    if (paddr + memsz > 2 ** 32) {
      throw new ElfError(`${what}: corrupt ELF: segment ${i} at 0x${paddr.toString(16)} with p_memsz 0x${memsz.toString(16)} runs past the 4 GiB address space`);
    }
    need(offset, filesz, `segment ${i} data`);
    segments.push({ paddr, vaddr, data: bytes.subarray(offset, offset + filesz), memsz, flags });
  }
  if (segments.length === 0) throw new ElfError(`${what}: ELF has no loadable (PT_LOAD) segments`);

  const sections: ElfSection[] = [];
  const symbols: ElfSymbol[] = [];
  const mappingSymbols: MappingSymbol[] = [];
  if (shnum > 0 && shoff !== 0 && shentsize >= 40 && shoff + shnum * shentsize <= bytes.length) {
    const sh = (i: number) => {
      const o = shoff + i * shentsize;
      return { name: u32(o), type: u32(o + 4), addr: u32(o + 12), offset: u32(o + 16), size: u32(o + 20), link: u32(o + 24), entsize: u32(o + 36) };
    };
    const strtab = shstrndx < shnum ? sh(shstrndx) : undefined;
    const str = (tabOff: number, tabSize: number, idx: number): string => {
      let s = '';
      for (let p = tabOff + idx; p < tabOff + tabSize && p < bytes.length && bytes[p] !== 0; p++) s += String.fromCharCode(bytes[p]);
      return s;
    };
    for (let i = 0; i < shnum; i++) {
      const h = sh(i);
      const name = strtab ? str(strtab.offset, strtab.size, h.name) : '';
      sections.push({ name, addr: h.addr, offset: h.offset, size: h.size, type: h.type });
      if (h.type === SHT_SYMTAB && h.entsize >= 16 && h.link < shnum && h.offset + h.size <= bytes.length) {
        const st = sh(h.link);
        if (st.offset + st.size > bytes.length) continue;
        for (let k = 1; k < Math.floor(h.size / h.entsize); k++) {
          const o = h.offset + k * h.entsize;
          const nameIdx = u32(o);
          const value = u32(o + 4);
          const size = u32(o + 8);
          const info = bytes[o + 12];
          const shndx = u16(o + 14);
          const stype = info & 0xf;
          if (shndx === 0 || stype > 2) continue;
          const sname = str(st.offset, st.size, nameIdx);
          if (!sname) continue;
          if (sname.startsWith('$')) {
            // Mapping symbols are "$a", "$t", "$d", optionally followed by "." and any text (§5.5.5).
            const mk = /^\$([atd])(\..*)?$/.exec(sname);
            if (mk && stype === 0) mappingSymbols.push({ value, kind: mk[1] as 'a' | 't' | 'd', section: shndx });
            continue;
          }
          const thumb = stype === 2 && (value & 1) === 1;
          symbols.push({ name: sname, value: thumb ? value & ~1 : value, size, type: stype, thumb, section: shndx });
        }
      }
    }
  }
  mappingSymbols.sort((a, b) => a.value - b.value || a.section - b.section);
  return { entry, segments, sections, symbols, mappingSymbols, bytes };
}

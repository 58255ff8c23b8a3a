// A minimal ELF32 (little-endian, EM_ARM) executable writer: one PT_LOAD per segment, no sections.
// Layout per the System V gABI / ARM ELF (IHI 0044); QEMU's -kernel and hypscope's loader accept it.

export interface ElfSegmentSpec {
  /** Load (virtual = physical) address. */
  readonly addr: number;
  readonly data: Uint8Array;
  /** PF_R | PF_W | PF_X bits (default R|W|X). */
  readonly flags?: number;
}

const EHDR_SIZE = 52;
const PHDR_SIZE = 32;
const PT_LOAD = 1;
const EM_ARM = 40;
/** EF_ARM_EABI_VER5: what GNU ld writes for EABI executables. */
const EF_ARM_EABI_VER5 = 0x05000000;

/** Build the bytes of an executable ELF whose entry is `entry`. */
export function writeElf32(entry: number, segments: readonly ElfSegmentSpec[]): Uint8Array {
  const phoff = EHDR_SIZE;
  let offset = phoff + PHDR_SIZE * segments.length;
  const offsets: number[] = [];
  for (const s of segments) {
    offset = (offset + 15) & ~15;
    offsets.push(offset);
    offset += s.data.length;
  }
  const out = new Uint8Array(offset);
  const dv = new DataView(out.buffer);
  out.set([0x7f, 0x45, 0x4c, 0x46, 1 /* ELFCLASS32 */, 1 /* ELFDATA2LSB */, 1 /* EV_CURRENT */], 0);
  dv.setUint16(16, 2, true); // ET_EXEC
  dv.setUint16(18, EM_ARM, true);
  dv.setUint32(20, 1, true); // e_version
  dv.setUint32(24, entry >>> 0, true);
  dv.setUint32(28, phoff, true);
  dv.setUint32(32, 0, true); // no section headers
  dv.setUint32(36, EF_ARM_EABI_VER5, true);
  dv.setUint16(40, EHDR_SIZE, true);
  dv.setUint16(42, PHDR_SIZE, true);
  dv.setUint16(44, segments.length, true);
  dv.setUint16(46, 40, true); // e_shentsize
  dv.setUint16(48, 0, true);
  dv.setUint16(50, 0, true);
  segments.forEach((s, i) => {
    const p = phoff + i * PHDR_SIZE;
    const off = offsets[i] ?? 0;
    dv.setUint32(p, PT_LOAD, true);
    dv.setUint32(p + 4, off, true);
    dv.setUint32(p + 8, s.addr >>> 0, true);
    dv.setUint32(p + 12, s.addr >>> 0, true);
    dv.setUint32(p + 16, s.data.length, true);
    dv.setUint32(p + 20, s.data.length, true);
    dv.setUint32(p + 24, s.flags ?? 7, true);
    dv.setUint32(p + 28, 4, true);
    out.set(s.data, off);
  });
  return out;
}

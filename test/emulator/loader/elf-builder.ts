// Builds small ELF32 little-endian ARM executables for loader tests (System V gABI, ELF for the ARM
// Architecture), with knobs to corrupt each field.

export interface SegmentSpec {
  readonly paddr: number;
  readonly data: Uint8Array;
  readonly memsz?: number;
  readonly type?: number;
}

export interface ElfSpec {
  readonly entry: number;
  readonly segments: readonly SegmentSpec[];
  readonly machine?: number;
  readonly type?: number;
  readonly cls?: number;
  readonly data?: number;
  readonly phentsize?: number;
}

export function elf32(spec: ElfSpec): Uint8Array {
  const phoff = 52;
  const n = spec.segments.length;
  let off = phoff + n * 32;
  const offsets = spec.segments.map((s) => { const o = off; off += s.data.length; return o; });
  const out = new Uint8Array(off);
  const dv = new DataView(out.buffer);
  out.set([0x7f, 0x45, 0x4c, 0x46, spec.cls ?? 1, spec.data ?? 1, 1], 0);
  dv.setUint16(16, spec.type ?? 2, true);
  dv.setUint16(18, spec.machine ?? 40, true);
  dv.setUint32(20, 1, true);
  dv.setUint32(24, spec.entry, true);
  dv.setUint32(28, n ? phoff : 0, true);
  dv.setUint16(40, 52, true);
  dv.setUint16(42, spec.phentsize ?? 32, true);
  dv.setUint16(44, n, true);
  spec.segments.forEach((s, i) => {
    const o = phoff + i * 32;
    dv.setUint32(o, s.type ?? 1, true);
    dv.setUint32(o + 4, offsets[i], true);
    dv.setUint32(o + 8, s.paddr, true);
    dv.setUint32(o + 12, s.paddr, true);
    dv.setUint32(o + 16, s.data.length, true);
    dv.setUint32(o + 20, s.memsz ?? s.data.length, true);
    dv.setUint32(o + 24, 5, true);
    out.set(s.data, offsets[i]);
  });
  return out;
}

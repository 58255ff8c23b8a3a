// Disassembly of every Advanced SIMD encoding against GNU objdump: random words of each NEON table
// pattern that decode to that entry are printed by objdump and by the entry's `dis` (A7.4-A7.7).
import { describe, expect, it } from 'vitest';
import { A32_DECODER } from '../../../emulator/decode/a32/index';
import { T32_DECODER } from '../../../emulator/decode/t32/index';
import { disassembleWords, sampleEncodings } from '../../support/objdump';

const NEON = /^(NEON_|SIMD_(?!DP$|LDST$)|VLD1_|VLDn_)/;
const PER_ENTRY = Number(process.env.NEON_DIS_SAMPLES ?? 48);

describe('Advanced SIMD disassembly matches objdump', () => {
  const entries = A32_DECODER.entries.filter((e) => NEON.test(e.def.name));
  it('covers the NEON table', () => { expect(entries.length).toBeGreaterThan(30); });
  for (const e of entries) {
    it(e.def.name, () => {
      const words = sampleEncodings(e.def.pattern, PER_ENTRY * 4, 0x1234 + e.index)
        .filter((w) => A32_DECODER.decode(w)?.def === e.def).slice(0, PER_ENTRY);
      expect(words.length).toBeGreaterThan(0);
      const lines = disassembleWords(words, { prelude: ['.fpu neon-vfpv4'] });
      const bad: string[] = [];
      words.forEach((w, i) => {
        const ours = e.def.dis(w, { addr: 0 });
        if (ours !== lines[i].text) bad.push(`${w.toString(16)}: objdump "${lines[i].text}" ours "${ours}"`);
      });
      expect(bad.slice(0, 8)).toEqual([]);
    });
  }
});

/** The T32 form of an A32 Advanced SIMD word: 1111 001U -> 111U 1111, 1111 0100 -> 1111 1001 (A7.4, A7.7). */
function toT32(w: number): number {
  if ((w >>> 24) === 0xf4) return ((w & 0x00ffffff) | 0xf9000000) >>> 0;
  const u = (w >>> 24) & 1;
  return ((w & 0x00ffffff) | ((0xef | (u << 4)) << 24)) >>> 0;
}

describe('Advanced SIMD disassembly in T32 (through the A32 bridge) matches objdump', () => {
  const entries = A32_DECODER.entries.filter((e) => NEON.test(e.def.name));
  it('all NEON entries, a few words each', () => {
    const words: number[] = [];
    for (const e of entries) {
      words.push(...sampleEncodings(e.def.pattern, 64, 0x99 + e.index)
        .filter((w) => A32_DECODER.decode(w)?.def === e.def).slice(0, 4).map(toT32));
    }
    const lines = disassembleWords(words, { thumb: true, prelude: ['.fpu neon-vfpv4'] });
    const bad: string[] = [];
    words.forEach((w, i) => {
      const ours = T32_DECODER.decode(w)?.def.dis(w, { addr: 0 }) ?? '(none)';
      if (ours !== lines[i].text) bad.push(`${w.toString(16)}: objdump "${lines[i].text}" ours "${ours}"`);
    });
    expect(bad.slice(0, 8)).toEqual([]);
  });
});

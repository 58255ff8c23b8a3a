// A32 coprocessor space: disassembly text equals GNU objdump's for MRC/MCR/MRRC/MCRR/LDC/CDP/VMRS/VMSR.
import { describe, expect, it } from 'vitest';
import { assemble } from '../../../support/objdump';
import { A32_DECODER } from '../../../../emulator/decode/a32/index';

const LINES = [
  'mrc p15, 0, r1, c1, c0, 0', 'mcrne p15, 4, r0, c1, c1, 0', 'mrc p14, 0, r1, c0, c0, 0', 'mrc p15, 0, APSR_nzcv, c0, c0, 0',
  'mrrc p15, 0, r1, r2, c2', 'mcrr p15, 6, r0, r1, c2', 'ldc p14, c5, [r0]', 'ldcl p14, c5, [r0], #4', 'stc p14, c5, [r1, #-8]!',
  'cdp p5, 1, c2, c3, c4, 5', 'vmrs r0, fpscr', 'vmrs APSR_nzcv, fpscr', 'vmsr fpexc, r0', 'vmrs r1, fpsid', 'vmrs r2, mvfr0',
  'vmrseq r1, fpexc', 'vmrs r3, mvfr1', 'vmsr fpscr, r4', 'mrc2 p15, 0, r1, c1, c0, 0', 'mcrr2 p15, 0, r1, r2, c3',
];

describe('A32 coprocessor disassembly matches objdump', () => {
  const lines = assemble(LINES, { prelude: ['.fpu neon-vfpv4'] });
  for (const l of lines) {
    it(`${l.word.toString(16).padStart(8, '0')} ${l.text}`, () => {
      const e = A32_DECODER.decode(l.word);
      expect(e, 'decodes').toBeDefined();
      expect(e!.def.dis(l.word, { addr: l.addr })).toBe(l.text);
    });
  }
});

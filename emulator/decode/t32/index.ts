// The T32 decode table: every ARMv7-A Thumb encoding (16-bit and 32-bit), assembled from one file
// per class, and a decoder that keeps the two widths apart. ARM ARM A6.1 (instruction width), A6.2, A6.3.

import type { InstrDef } from '../instr';
import { Decoder, type CompiledDef } from '../decoder';
import { compilePattern } from '../pattern';
import { thumbDisasm } from '../../disasm/disasm';
import { abortIssThumb } from '../../cpu/abort-iss';
import { T16_DP } from './t16-dp';
import { T16_LS } from './t16-ls';
import { T16_MISC } from './t16-misc';
import { T32_DP } from './dp32';
import { T32_MEDIA } from './media32';
import { T32_MUL } from './mul32';
import { T32_LS } from './ls32';
import { T32_BLOCK } from './block32';
import { T32_BRANCH } from './branch32';
import { t32DataAbortIss } from './mem';

export const T32_TABLE: readonly InstrDef[] = [
  ...T16_DP,
  ...T16_LS,
  ...T16_MISC,
  ...T32_DP,
  ...T32_MEDIA,
  ...T32_MUL,
  ...T32_LS,
  ...T32_BLOCK,
  ...T32_BRANCH,
];

const is16 = (d: InstrDef): boolean => compilePattern(d.pattern).width === 16;

/**
 * Decodes a 16-bit halfword (value <= 0xffff) against the 16-bit patterns only, and a 32-bit
 * hw1:hw2 word against the 32-bit patterns only (A6.1: hw1[15:11] in {11101, 11110, 11111}).
 */
export class T32Decoder extends Decoder {
  private readonly d16: Decoder;
  private readonly d32: Decoder;

  constructor(defs: readonly InstrDef[]) {
    super(defs, (i) => i >>> 20, 0xfff00000 | 0);
    this.d16 = new Decoder(defs.filter(is16), (i) => (i >>> 8) & 0xff, 0xff00);
    this.d32 = new Decoder(defs.filter((d) => !is16(d)), (i) => ((i >>> 19) & 0x1ffe) | ((i >>> 15) & 1), 0xfff08000 | 0);
  }

  override decode(insn: number): CompiledDef | undefined {
    return insn > 0xffff ? this.d32.decode(insn >>> 0) : this.d16.decode(insn);
  }
}

export const T32_DECODER = new T32Decoder(T32_TABLE);

// The disassembler front end and the data-abort syndrome read the T32 side through these hooks.
thumbDisasm.decoder = T32_DECODER;
abortIssThumb.t32DataAbortIss = () => t32DataAbortIss();

// The A32 decode table: every ARMv7-A ARM-state encoding, assembled from one file per class.
// ARM ARM A5 "ARM Instruction Set Encoding" gives the top-level split followed here.

import type { InstrDef } from '../instr';
import { Decoder } from '../decoder';
import { A32_DATAPROC } from './dataproc';
import { A32_MULTIPLY } from './multiply';
import { A32_MEDIA } from './media';
import { A32_LOADSTORE } from './loadstore';
import { A32_BRANCH } from './branch';
import { A32_SYSTEM } from './system';
import { A32_COPROC } from './coproc';

export const A32_TABLE: readonly InstrDef[] = [
  ...A32_DATAPROC,
  ...A32_MULTIPLY,
  ...A32_MEDIA,
  ...A32_LOADSTORE,
  ...A32_BRANCH,
  ...A32_SYSTEM,
  ...A32_COPROC,
];

/** Bucket key: op bits [27:20] and [7:4], plus the unconditional space (cond == 1111). */
export const A32_DECODER = new Decoder(
  A32_TABLE,
  (insn) => ((insn >>> 28 === 0xf ? 0x1000 : 0) | ((insn >>> 16) & 0xff0) | ((insn >>> 4) & 0xf)),
  0xfff000f0 | 0,
);

// A32 load/store encodings: word/byte (A5.3), extra load/store (A5.2.8), synchronization
// (A5.2.10 plus CLREX) and load/store multiple (A5.5), one ls-*.ts file per group.

import type { InstrDef } from '../instr';
import { A32_LS_WORD } from './ls-word';
import { A32_LS_EXTRA } from './ls-extra';
import { A32_LS_SYNC } from './ls-sync';
import { A32_LS_BLOCK } from './ls-block';
// The Hyp data-abort syndrome (ISV/SAS/SSE/SRT) decodes these encodings; loading the table
// registers it with the exception code.
import '../../cpu/abort-iss';

export const A32_LOADSTORE: readonly InstrDef[] = [
  ...A32_LS_WORD,
  ...A32_LS_EXTRA,
  ...A32_LS_SYNC,
  ...A32_LS_BLOCK,
];

// A32 encodings: coproc class (ARM ARM chapter A5/A8). Filled in per class.

import type { InstrDef } from '../instr';

export const A32_COPROC: readonly InstrDef[] = [];

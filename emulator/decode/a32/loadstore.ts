// A32 encodings: loadstore class (ARM ARM chapter A5/A8). Filled in per class.

import type { InstrDef } from '../instr';

export const A32_LOADSTORE: readonly InstrDef[] = [];

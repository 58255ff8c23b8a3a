// Every implemented VFP and Advanced SIMD encoding, for the A32 coprocessor table (and through it
// T32, which re-encodes its FP/SIMD space as A32). A7 "Advanced SIMD and Floating-point Instruction Encoding".

import type { InstrDef } from '../decode/instr';
import { VFP_DP } from './vfp-dp';
import { VFP_CVT } from './vfp-cvt';
import { VFP_LS } from './vfp-ls';
import { VFP_MOVE } from './vfp-move';
import { NEON_DP } from './neon-dp';
import { NEON_LS } from './neon-ls';
import { NEON_INT3 } from './neon-int3';
import { NEON_MISC } from './neon-misc';
import { NEON_PERM } from './neon-perm';
import { NEON_SHIFT } from './neon-shift';
import { NEON_LONG } from './neon-long';
import { NEON_FLOAT } from './neon-float';
import { NEON_LDST } from './neon-ldst';

export const FP_TABLE: readonly InstrDef[] = [
  ...VFP_DP, ...VFP_CVT, ...VFP_LS, ...VFP_MOVE,
  ...NEON_DP, ...NEON_INT3, ...NEON_MISC, ...NEON_PERM, ...NEON_SHIFT, ...NEON_LONG, ...NEON_FLOAT,
  ...NEON_LS, ...NEON_LDST,
];

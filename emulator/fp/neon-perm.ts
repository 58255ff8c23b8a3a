// Advanced SIMD element moves that are not two-register-miscellaneous forms: VDUP (scalar) and the
// table lookups VTBL/VTBX. A7.4 "Other" encodings, semantics A8.8.294 (VDUP scalar), A8.8.419 (VTBL).

import type { Cpu } from '../cpu/cpu';
import type { InstrDef } from '../decode/instr';
import { fpRegs } from './regs';
import { SNAP, evenRegs, fD, fM, fN, getU, guard, put, q6, rq, snap } from './neon-util';

/** imm4 of VDUP (scalar): xxx1 byte, xx10 halfword, x100 word; x000 UNDEFINED (not matched). */
function dupSize(insn: number): number {
  const imm4 = (insn >>> 16) & 15;
  if (imm4 & 1) return 8;
  if (imm4 & 2) return 16;
  return imm4 & 4 ? 32 : 0;
}
const dupIndex = (insn: number, esize: number): number => ((insn >>> 16) & 15) >>> (esize === 8 ? 1 : esize === 16 ? 2 : 3);

function vdupExec(cpu: Cpu, insn: number): void {
  const q = q6(insn);
  const d = fD(insn);
  if (!guard(cpu, q && (d & 1) !== 0)) return;
  const f = fpRegs(cpu);
  const esize = dupSize(insn);
  const v = getU(f, fM(insn), esize, dupIndex(insn, esize));
  const count = ((q ? 2 : 1) * 64) / esize;
  for (let i = 0; i < count; i++) put(f, d, esize, i, v);
}

/** VTBL / VTBX (A8.8.419): bytes of Vm index a table of 1-4 consecutive D registers from Vn. */
function vtblExec(cpu: Cpu, insn: number): void {
  const len = ((insn >>> 8) & 3) + 1;
  const n = fN(insn);
  if (!guard(cpu, false)) return;
  const f = fpRegs(cpu);
  snap(f, n, 0, len);
  snap(f, fM(insn), 4, 1);
  const extension = ((insn >>> 6) & 1) === 1;
  const d = fD(insn);
  for (let i = 0; i < 8; i++) {
    const idx = SNAP.b[32 + i];
    if (idx < 8 * len) f.b[d * 8 + i] = SNAP.b[idx];
    else if (!extension) f.b[d * 8 + i] = 0;
  }
}

/** objdump prints a register list as {dN} or {dN-dM}. */
function tableText(n: number, len: number): string {
  const last = n + len - 1;
  return len === 1 ? `{d${n}}` : `{d${n}-${last > 31 ? '<overflow reg ' : ''}d${last}}`;
}

export const NEON_PERM: readonly InstrDef[] = [
  {
    // VDUP<c>.<size> <Qd>, <Dm[x]> (A8.8.293 encoding A1)
    name: 'NEON_vdup_scalar', pattern: '1111 0011 1D11 iiii dddd 1100 0QM0 mmmm',
    match: (insn) => dupSize(insn) !== 0,
    random: (insn) => !q6(insn) || evenRegs(fD(insn)),
    exec: vdupExec,
    dis(insn) {
      const esize = dupSize(insn);
      return `vdup.${esize}\t${rq(q6(insn), fD(insn))}, d${fM(insn)}[${dupIndex(insn, esize)}]`;
    },
  },
  {
    // VTBL/VTBX<c>.8 <Dd>, <list>, <Dm> (A8.8.419); n + length > 32 is UNPREDICTABLE
    name: 'NEON_vtbl', pattern: '1111 0011 1D11 nnnn dddd 10ll NoM0 mmmm',
    random: (insn) => fN(insn) + ((insn >>> 8) & 3) + 1 <= 32,
    exec: vtblExec,
    dis: (insn) => `${(insn >>> 6) & 1 ? 'vtbx' : 'vtbl'}.8\td${fD(insn)}, ${tableText(fN(insn), ((insn >>> 8) & 3) + 1)}, d${fM(insn)}`,
  },
];

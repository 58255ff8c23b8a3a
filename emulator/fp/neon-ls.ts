// Advanced SIMD element/structure loads and stores: VLD1/VST1 (multiple single elements, 1-4
// registers) with alignment hints and post-indexing. A7.7 table A7-21, A8.8.320, A8.8.404.
// VLD2-VLD4/VST2-VST4 and the single-lane/all-lanes forms are in neon-ldst.ts.

import type { Cpu } from '../cpu/cpu';
import type { InstrDef } from '../decode/instr';
import { reg } from '../decode/a32/common';
import { fpAccessOk } from '../decode/a32/sys-vfp';
import { takeUndefined } from '../cpu/exceptions';
import { fpRegs } from './regs';
import { dIdx } from './common';

/** Registers moved by `type` (bits 11:8): 0111 one, 1010 two, 0110 three, 0010 four. */
function regsOf(insn: number): number {
  switch ((insn >>> 8) & 15) {
    case 7: return 1;
    case 10: return 2;
    case 6: return 3;
    case 2: return 4;
    default: return 0;
  }
}

/** UNDEFINED alignment encodings (A8.8.320): align<1> set with 1 or 3 registers, 11 with 2. */
function alignUndef(insn: number): boolean {
  const regs = regsOf(insn);
  const align = (insn >>> 4) & 3;
  return ((regs === 1 || regs === 3) && (align & 2) !== 0) || (regs === 2 && align === 3);
}

/** Loaded bytes land here first so an abort leaves the registers unchanged. */
const buf = new Uint8Array(32);

function vld1Exec(cpu: Cpu, insn: number): void {
  const regs = regsOf(insn);
  const d = dIdx((insn >>> 12) & 15, (insn >>> 22) & 1);
  if (alignUndef(insn) || d + regs > 32) { takeUndefined(cpu); return; }
  if (!fpAccessOk(cpu, true, false)) return;
  const rn = (insn >>> 16) & 15;
  const rm = insn & 15;
  const esize = 8 << ((insn >>> 6) & 3);
  const align = (insn >>> 4) & 3;
  const base = cpu.r[rn];
  // The alignment hint is checked whatever SCTLR.A says (A3.2.1: alignment = 4 << align bytes).
  if (align !== 0 && (base & ((4 << align) - 1)) !== 0) throw cpu.alignmentFault(base, ((insn >>> 21) & 1) === 0);
  const b = fpRegs(cpu).b;
  const bytes = regs * 8;
  const step = esize === 64 ? 4 : esize >>> 3;
  const load = ((insn >>> 21) & 1) === 1;
  for (let i = 0; i < bytes; i += step) {
    const a = (base + i) >>> 0;
    const off = d * 8 + i;
    if (load) {
      // Elements are read at their size so SCTLR.A alignment checking applies per element (MemU).
      if (step === 1) buf[i] = cpu.read8(a);
      else if (step === 2) { const v = cpu.read16(a); buf[i] = v; buf[i + 1] = v >>> 8; }
      else { const v = cpu.read32(a); buf[i] = v; buf[i + 1] = v >>> 8; buf[i + 2] = v >>> 16; buf[i + 3] = v >>> 24; }
    } else if (step === 1) cpu.write8(a, b[off]);
    else if (step === 2) cpu.write16(a, b[off] | (b[off + 1] << 8));
    else cpu.write32(a, (b[off] | (b[off + 1] << 8) | (b[off + 2] << 16) | (b[off + 3] << 24)) >>> 0);
  }
  if (load) for (let i = 0; i < bytes; i++) b[d * 8 + i] = buf[i];
  if (rm !== 15) cpu.setReg(rn, (base + (rm === 13 ? bytes : cpu.r[rm])) >>> 0);
}

function vld1Dis(insn: number): string {
  const regs = regsOf(insn);
  const d = dIdx((insn >>> 12) & 15, (insn >>> 22) & 1);
  const list = regs === 1 ? `{d${d}}` : `{d${d}-d${d + regs - 1}}`;
  const align = (insn >>> 4) & 3;
  const rn = reg((insn >>> 16) & 15);
  const rm = insn & 15;
  const addr = `[${rn}${align ? ` :${32 << align}` : ''}]${rm === 13 ? '!' : rm !== 15 ? `, ${reg(rm)}` : ''}`;
  return `v${(insn >>> 21) & 1 ? 'ld' : 'st'}1.${8 << ((insn >>> 6) & 3)}\t${list}, ${addr}`;
}

export const NEON_LS: readonly InstrDef[] = [
  {
    // VLD1.<size> <list>, [<Rn>{:<align>}]{!} / [<Rn>], <Rm>; VST1 likewise (L = bit 21).
    name: 'VLD1_VST1_multi', pattern: '1111 0100 0DL0 nnnn dddd tttt zzaa mmmm',
    match: (insn) => regsOf(insn) !== 0,
    random: false,
    exec: vld1Exec,
    dis: vld1Dis,
  },
];

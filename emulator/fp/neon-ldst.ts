// Advanced SIMD structure loads/stores beyond VLD1/VST1 multiple: VLD2-4/VST2-4 (multiple structures),
// VLD1-4/VST1-4 (single lane) and VLD1-4 (all lanes), with alignment and write-back. A7.7 tables A7-21/A7-22,
// A8.8.321-A8.8.331 (loads), A8.8.405-A8.8.412 (stores).

import type { Cpu } from '../cpu/cpu';
import type { InstrDef } from '../decode/instr';
import { reg } from '../decode/a32/common';
import { fpAccessOk } from '../decode/a32/sys-vfp';
import { takeUndefined } from '../cpu/exceptions';
import { fpRegs } from './regs';
import { dIdx } from './common';

/** A decoded transfer: n structure members in registers d, d+inc, ...; `regs` registers per member. */
interface Layout { n: number; inc: number; regs: number; ebytes: number; align: number; undef: boolean }
const L: Layout = { n: 0, inc: 1, regs: 1, ebytes: 1, align: 1, undef: false };

const dOf = (insn: number): number => dIdx((insn >>> 12) & 15, (insn >>> 22) & 1);

/** Multiple structures, type bits 11:8 (A7.7 table A7-21): VLD2 (1000, 1001, 0011), VLD3 (0100, 0101), VLD4 (0000, 0001). */
function multiLayout(insn: number): Layout {
  const type = (insn >>> 8) & 15;
  const size = (insn >>> 6) & 3;
  const align = (insn >>> 4) & 3;
  L.ebytes = 1 << size;
  L.regs = 1;
  L.inc = type & 1 ? 2 : 1;
  L.undef = size === 3;
  if (type === 8 || type === 9 || type === 3) {
    L.n = 2;
    if (type === 3) { L.regs = 2; L.inc = 2; } else L.undef ||= align === 3;
    L.align = align === 0 ? 1 : 4 << align;
  } else if (type === 4 || type === 5) {
    L.n = 3;
    L.undef ||= (align & 2) !== 0;
    L.align = align & 1 ? 8 : 1;
  } else {
    L.n = 4;
    L.align = align === 0 ? 1 : 4 << align;
  }
  return L;
}

/** Single lane (size bits 11:10 != 11, N = bits 9:8): index, register increment and alignment from index_align. */
let laneIndex = 0;
function laneLayout(insn: number): Layout {
  const size = (insn >>> 10) & 3;
  const n = ((insn >>> 8) & 3) + 1;
  const ia = (insn >>> 4) & 15;
  L.n = n; L.regs = 1; L.ebytes = 1 << size; L.undef = false; L.inc = 1; L.align = 1;
  laneIndex = ia >>> (size + 1);
  const incBit = size === 0 ? 0 : (ia >>> size) & 1; // ia<1> for halfwords, ia<2> for words
  if (n > 1) L.inc = incBit ? 2 : 1;
  switch (n) {
    case 1:
      if (size === 0) L.undef = (ia & 1) !== 0;
      else if (size === 1) { L.undef = (ia & 2) !== 0; L.align = ia & 1 ? 2 : 1; }
      else { L.undef = (ia & 4) !== 0 || ((ia & 3) !== 0 && (ia & 3) !== 3); L.align = ia & 3 ? 4 : 1; }
      break;
    case 2:
      if (size === 2) L.undef = (ia & 2) !== 0;
      L.align = ia & 1 ? 2 * L.ebytes : 1;
      break;
    case 3:
      L.undef = size === 2 ? (ia & 3) !== 0 : (ia & 1) !== 0;
      break;
    default:
      if (size === 2) { L.undef = (ia & 3) === 3; L.align = (ia & 3) === 0 ? 1 : 4 << (ia & 3); }
      else L.align = ia & 1 ? 4 * L.ebytes : 1;
  }
  return L;
}

/** All lanes (bits 11:10 = 11): size bits 7:6, T bit 5, a bit 4 (A8.8.322, A8.8.325, A8.8.328, A8.8.331). */
function allLayout(insn: number): Layout {
  const n = ((insn >>> 8) & 3) + 1;
  const size = (insn >>> 6) & 3;
  const t = (insn >>> 5) & 1;
  const a = (insn >>> 4) & 1;
  L.n = n; L.regs = 1; L.inc = 1; L.undef = false;
  L.ebytes = 1 << size;
  switch (n) {
    case 1: L.undef = size === 3 || (size === 0 && a === 1); L.regs = t ? 2 : 1; L.align = a ? L.ebytes : 1; break;
    case 2: L.undef = size === 3; L.inc = t ? 2 : 1; L.align = a ? 2 * L.ebytes : 1; break;
    case 3: L.undef = size === 3 || a === 1; L.inc = t ? 2 : 1; L.align = 1; break;
    default:
      L.inc = t ? 2 : 1;
      if (size === 3) { L.undef = a === 0; L.ebytes = 4; L.align = 16; } else L.align = a ? (size === 2 ? 8 : 4 * L.ebytes) : 1;
  }
  return L;
}

const enum Kind { Multi, Lane, All }

function layoutOf(insn: number, kind: Kind): Layout {
  return kind === Kind.Multi ? multiLayout(insn) : kind === Kind.Lane ? laneLayout(insn) : allLayout(insn);
}

/** Highest register used (an out-of-range list is UNPREDICTABLE; vetoed for random streams, UNDEFINED here). */
function lastReg(insn: number, l: Layout): number {
  return dOf(insn) + (l.n - 1) * l.inc + (l.regs - 1);
}

const buf = new Uint8Array(64);

function readElem(cpu: Cpu, a: number, eb: number, at: number): void {
  if (eb === 1) buf[at] = cpu.read8(a);
  else if (eb === 2) { const v = cpu.read16(a); buf[at] = v; buf[at + 1] = v >>> 8; }
  else { const v = cpu.read32(a); buf[at] = v; buf[at + 1] = v >>> 8; buf[at + 2] = v >>> 16; buf[at + 3] = v >>> 24; }
}

function writeElem(cpu: Cpu, a: number, eb: number, b: Uint8Array, off: number): void {
  if (eb === 1) cpu.write8(a, b[off]);
  else if (eb === 2) cpu.write16(a, b[off] | (b[off + 1] << 8));
  else cpu.write32(a, (b[off] | (b[off + 1] << 8) | (b[off + 2] << 16) | (b[off + 3] << 24)) >>> 0);
}

function ldstExec(cpu: Cpu, insn: number, kind: Kind): void {
  const l = layoutOf(insn, kind);
  const d = dOf(insn);
  if (l.undef || lastReg(insn, l) > 31) { takeUndefined(cpu); return; }
  if (!fpAccessOk(cpu, true, false)) return;
  const load = ((insn >>> 21) & 1) === 1;
  const rn = (insn >>> 16) & 15;
  const rm = insn & 15;
  const base = cpu.r[rn];
  // The alignment requirement of the encoding applies whatever SCTLR.A says (A3.2.1).
  if (l.align > 1 && (base & (l.align - 1)) !== 0) throw cpu.alignmentFault(base, !load);
  const b = fpRegs(cpu).b;
  const eb = l.ebytes;
  let bytes: number;
  if (kind === Kind.Multi) {
    // Memory order: for each register r, element e: members 0..n-1 (A8.8.323 etc.).
    const per = 8 / eb;
    let addr = base;
    let k = 0;
    for (let r = 0; r < l.regs; r++) {
      for (let e = 0; e < per; e++) {
        for (let s = 0; s < l.n; s++) {
          const off = (d + r + s * l.inc) * 8 + e * eb;
          if (load) readElem(cpu, addr, eb, k); else writeElem(cpu, addr, eb, b, off);
          addr = (addr + eb) >>> 0;
          k += eb;
        }
      }
    }
    if (load) {
      k = 0;
      for (let r = 0; r < l.regs; r++) {
        for (let e = 0; e < per; e++) {
          for (let s = 0; s < l.n; s++) {
            const off = (d + r + s * l.inc) * 8 + e * eb;
            for (let i = 0; i < eb; i++) b[off + i] = buf[k + i];
            k += eb;
          }
        }
      }
    }
    bytes = 8 * l.regs * l.n;
  } else if (kind === Kind.Lane) {
    for (let s = 0; s < l.n; s++) {
      const off = (d + s * l.inc) * 8 + laneIndex * eb;
      const a = (base + s * eb) >>> 0;
      if (load) readElem(cpu, a, eb, s * eb); else writeElem(cpu, a, eb, b, off);
    }
    if (load) {
      for (let s = 0; s < l.n; s++) {
        const off = (d + s * l.inc) * 8 + laneIndex * eb;
        for (let i = 0; i < eb; i++) b[off + i] = buf[s * eb + i];
      }
    }
    bytes = eb * l.n;
  } else {
    for (let s = 0; s < l.n; s++) readElem(cpu, (base + s * eb) >>> 0, eb, s * eb);
    for (let s = 0; s < l.n; s++) {
      for (let r = 0; r < l.regs; r++) {
        const dd = d + s * l.inc + r;
        for (let e = 0; e < 8; e += eb) for (let i = 0; i < eb; i++) b[dd * 8 + e + i] = buf[s * eb + i];
      }
    }
    bytes = eb * l.n;
  }
  if (rm !== 15) cpu.setReg(rn, (base + (rm === 13 ? bytes : cpu.r[rm])) >>> 0);
}

// ---------------------------------------------------------------- disassembly (objdump's list syntax)

function listText(insn: number, kind: Kind, l: Layout): string {
  const d = dOf(insn);
  const count = l.n * l.regs;
  const suffix = kind === Kind.Lane ? `[${laneIndex}]` : kind === Kind.All ? '[]' : '';
  if (kind !== Kind.Lane && (l.inc === 1 || l.regs === 2) && count > 1) return `{d${d}${suffix}-d${d + count - 1}${suffix}}`;
  const regs: string[] = [];
  for (let s = 0; s < l.n; s++) for (let r = 0; r < l.regs; r++) regs.push(`d${d + s * l.inc + r}${suffix}`);
  return `{${regs.join(',')}}`;
}

function ldstDis(insn: number, kind: Kind): string {
  const l = layoutOf(insn, kind);
  const load = (insn >>> 21) & 1;
  const rn = reg((insn >>> 16) & 15);
  const rm = insn & 15;
  const al = l.align > 1 ? ` :${l.align * 8}` : '';
  const addr = `[${rn}${al}]${rm === 13 ? '!' : rm !== 15 ? `, ${reg(rm)}` : ''}`;
  return `v${load ? 'ld' : 'st'}${l.n}.${l.ebytes * 8}\t${listText(insn, kind, l)}, ${addr}`;
}

function entry(name: string, pattern: string, kind: Kind, ok: (insn: number) => boolean): InstrDef {
  return {
    name, pattern,
    match: (insn) => ok(insn) && !layoutOf(insn, kind).undef,
    random: false, // the random generator's address model knows only VLD1/VST1 multiple (test/harness/random-fp.ts)
    exec: (cpu, insn) => ldstExec(cpu, insn, kind),
    dis: (insn) => ldstDis(insn, kind),
  };
}

export const NEON_LDST: readonly InstrDef[] = [
  // VLD2/VLD3/VLD4, VST2/VST3/VST4 <list>, [<Rn>{:<align>}]{!} / [<Rn>], <Rm> (multiple structures)
  entry('VLDn_VSTn_multi', '1111 0100 0DL0 nnnn dddd tttt zzaa mmmm', Kind.Multi, (insn) => {
    const t = (insn >>> 8) & 15;
    return t === 0 || t === 1 || t === 3 || t === 4 || t === 5 || t === 8 || t === 9;
  }),
  // VLD1-4/VST1-4 <list with [x]>, [<Rn>{:<align>}]... (single structure to one lane)
  entry('VLDn_VSTn_lane', '1111 0100 1DL0 nnnn dddd zzNN iiii mmmm', Kind.Lane, (insn) => ((insn >>> 10) & 3) !== 3),
  // VLD1-4 <list with []>, [<Rn>{:<align>}]... (single structure to all lanes)
  entry('VLDn_all', '1111 0100 1D10 nnnn dddd 11NN zzTa mmmm', Kind.All, () => true),
];

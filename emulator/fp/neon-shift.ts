// Advanced SIMD "two registers and a shift amount" (A7.4.4) beyond VSHR/VSHL: VSRA/VRSHR/VRSRA, VSRI/VSLI,
// VQSHL/VQSHLU (immediate), the narrowing VSHRN/VRSHRN/VQ(R)SHR(U)N and the lengthening VSHLL/VMOVL. A8.8.

import type { Cpu } from '../cpu/cpu';
import type { InstrDef } from '../decode/instr';
import { fpRegs } from './regs';
import {
  M_SLOT, SNAP, bit, evenRegs, fD, fM, get64, getE, getU, guard, put, put64, q6, qr, rq, sat, sat64, snap, snapVm, su,
} from './neon-util';

/** Element size from L:imm6 (A7.4.4): 8/16/32/64, 0 for the one-register-and-immediate space. */
function esizeOf(insn: number): number {
  if (bit(insn, 7)) return 64;
  const imm6 = (insn >>> 16) & 63;
  return imm6 >= 32 ? 32 : imm6 >= 16 ? 16 : imm6 >= 8 ? 8 : 0;
}
const imm6 = (insn: number): number => (insn >>> 16) & 63;
/** Right shift amount: 2*esize - imm6 (64 - imm6 with L = 1). */
const rshift = (insn: number, esize: number): number => (esize === 64 ? 64 : esize * 2) - imm6(insn);
/** Left shift amount: imm6 - esize (imm6 with L = 1). */
const lshift = (insn: number, esize: number): number => imm6(insn) - (esize === 64 ? 0 : esize);

const enum K { VSRA, VRSHR, VRSRA, VSRI, VSLI, VQSHL, VQSHLU }

/** Rounding/plain right shift of an integer number (exact for |v| < 2^53). */
function shr(v: number, s: number, round: boolean): number {
  return Math.floor((round ? v + 2 ** (s - 1) : v) / 2 ** s);
}

function elemN(cpu: Cpu, k: K, v: number, x: number, s: number, esize: number, u: boolean): number {
  const mask = 2 ** esize - 1;
  switch (k) {
    case K.VSRA: return x + shr(v, s, false);
    case K.VRSHR: return shr(v, s, true);
    case K.VRSRA: return x + shr(v, s, true);
    case K.VSRI: {
      if (s === esize) return x; // nothing inserted
      const keep = mask - Math.floor(mask / 2 ** s); // top s bits of the destination survive
      return (x & keep) + Math.floor(v / 2 ** s);
    }
    case K.VSLI: {
      const low = 2 ** s - 1;
      return (x & low) + ((v * 2 ** s) % 2 ** esize - ((v * 2 ** s) % 2 ** esize & low));
    }
    default: return sat(cpu, v * 2 ** s, esize, u || k === K.VQSHLU);
  }
}

function elem64(cpu: Cpu, k: K, v: bigint, x: bigint, s: number, u: boolean): bigint {
  const bs = BigInt(s);
  const rnd = s > 0 ? 1n << (bs - 1n) : 0n;
  const mask = (1n << 64n) - 1n;
  switch (k) {
    case K.VSRA: return x + (v >> bs);
    case K.VRSHR: return (v + rnd) >> bs;
    case K.VRSRA: return x + ((v + rnd) >> bs);
    case K.VSRI: {
      const m = mask >> bs;
      return (BigInt.asUintN(64, x) & ~m & mask) | (BigInt.asUintN(64, v) >> bs);
    }
    case K.VSLI: {
      const m = (mask << bs) & mask;
      return (BigInt.asUintN(64, x) & ~m & mask) | ((BigInt.asUintN(64, v) << bs) & mask);
    }
    default: return sat64(cpu, v << bs, u || k === K.VQSHLU);
  }
}

function shiftExec(cpu: Cpu, insn: number, k: K): void {
  const regs = snapVm(cpu, insn);
  if (regs === 0) return;
  const f = fpRegs(cpu);
  const d = fD(insn);
  const esize = esizeOf(insn);
  const left = k === K.VSLI || k === K.VQSHL || k === K.VQSHLU;
  const s = left ? lshift(insn, esize) : rshift(insn, esize);
  // Signedness of the source: VSRI/VSLI are bitwise, VQSHLU reads signed, the rest follow U.
  const u = k === K.VSRI || k === K.VSLI ? true : k === K.VQSHLU ? false : bit(insn, 24) === 1;
  const accum = k === K.VSRA || k === K.VRSRA || k === K.VSRI || k === K.VSLI;
  if (esize === 64) {
    for (let i = 0; i < regs; i++) put64(f, d, i, elem64(cpu, k, get64(SNAP, M_SLOT, i, u), accum ? get64(f, d, i, true) : 0n, s, u));
    return;
  }
  const count = (regs * 64) / esize;
  for (let i = 0; i < count; i++) {
    const x = accum ? getU(f, d, esize, i) : 0;
    put(f, d, esize, i, elemN(cpu, k, getE(SNAP, M_SLOT, esize, i, u), x, s, esize, u));
  }
}

const MN = ['vsra', 'vrshr', 'vrsra', 'vsri', 'vsli', 'vqshl', 'vqshlu'];

function shiftDis(insn: number, k: K): string {
  const esize = esizeOf(insn);
  const left = k === K.VSLI || k === K.VQSHL || k === K.VQSHLU;
  const s = left ? lshift(insn, esize) : rshift(insn, esize);
  const dt = k === K.VSRI || k === K.VSLI ? `${esize}` : k === K.VQSHLU ? `s${esize}` : `${su(bit(insn, 24))}${esize}`;
  const q = q6(insn);
  return `${MN[k]}.${dt}\t${rq(q, fD(insn))}, ${rq(q, fM(insn))}, #${s}`;
}

const qVeto = (insn: number): boolean => !q6(insn) || evenRegs(fD(insn), fM(insn));

function shift(name: string, u: string, a: string, k: K): InstrDef {
  return {
    name, pattern: `1111 001${u} 1Dii iiii dddd ${a} LQM1 mmmm`,
    match: (insn) => esizeOf(insn) !== 0, random: qVeto,
    exec: (cpu, insn) => shiftExec(cpu, insn, k),
    dis: (insn) => shiftDis(insn, k),
  };
}

// ---------------------------------------------------------------- narrowing (A8.8.383-A8.8.386, A8.8.364-A8.8.365)

/** Destination element size of a narrowing shift from imm6 (L = 0): 001xxx 8, 01xxxx 16, 1xxxxx 32. */
function nsize(insn: number): number {
  const v = imm6(insn);
  return v >= 32 ? 32 : v >= 16 ? 16 : v >= 8 ? 8 : 0;
}

/**
 * kind: 0 VSHRN, 1 VQSHRUN (signed source, unsigned result), 2 VQSHRN (U gives both signednesses).
 * round: the R forms (bit 6).
 */
function narrowExec(cpu: Cpu, insn: number, kind: number): void {
  const d = fD(insn);
  const m = fM(insn);
  if (!guard(cpu, (m & 1) !== 0)) return;
  const f = fpRegs(cpu);
  snap(f, m, M_SLOT, 2);
  const esize = nsize(insn);
  const s = esize * 2 - imm6(insn);
  const round = bit(insn, 6) === 1;
  const srcU = kind === 2 && bit(insn, 24) === 1;
  for (let i = 0; i < 64 / esize; i++) {
    let r: number;
    if (esize === 32) {
      const v = get64(SNAP, M_SLOT, i, srcU);
      const sh = (round ? v + (1n << BigInt(s - 1)) : v) >> BigInt(s);
      if (kind === 0) { put(f, d, 32, i, Number(BigInt.asUintN(32, sh))); continue; }
      const lo = kind === 1 || srcU ? 0n : -(1n << 31n);
      const hi = kind === 1 || srcU ? 0xffffffffn : (1n << 31n) - 1n;
      const c = sh < lo ? lo : sh > hi ? hi : sh;
      if (c !== sh) cpu.sys.fpscr = (cpu.sys.fpscr | 0x08000000) >>> 0;
      put(f, d, 32, i, Number(c));
      continue;
    }
    r = shr(getE(SNAP, M_SLOT, esize * 2, i, srcU), s, round);
    if (kind !== 0) r = sat(cpu, r, esize, kind === 1 || srcU);
    put(f, d, esize, i, r);
  }
}

function narrowDis(insn: number, kind: number): string {
  const esize = nsize(insn);
  const r = bit(insn, 6) ? 'r' : '';
  const mn = kind === 0 ? `v${r}shrn.i` : kind === 1 ? `vq${r}shrun.s` : `vq${r}shrn.${su(bit(insn, 24))}`;
  return `${mn}${esize * 2}\td${fD(insn)}, ${qr(fM(insn))}, #${esize * 2 - imm6(insn)}`;
}

function narrow(name: string, u: string, a: string, kind: number): InstrDef {
  return {
    name, pattern: `1111 001${u} 1Dii iiii dddd ${a} 0RM1 mmmm`,
    match: (insn) => nsize(insn) !== 0, random: (insn) => (fM(insn) & 1) === 0,
    exec: (cpu, insn) => narrowExec(cpu, insn, kind),
    dis: (insn) => narrowDis(insn, kind),
  };
}

/** VSHLL<c>.<type><size> <Qd>, <Dm>, #<imm> / VMOVL (shift 0) (A8.8.379 encoding A1, A8.8.342). */
function vshllExec(cpu: Cpu, insn: number): void {
  const d = fD(insn);
  if (!guard(cpu, (d & 1) !== 0)) return;
  const f = fpRegs(cpu);
  snap(f, fM(insn), M_SLOT, 1);
  const esize = nsize(insn);
  const s = imm6(insn) - esize;
  const u = bit(insn, 24) === 1;
  for (let i = 0; i < 64 / esize; i++) put(f, d, esize * 2, i, getE(SNAP, M_SLOT, esize, i, u) * 2 ** s);
}

export const NEON_SHIFT: readonly InstrDef[] = [
  // VSRA/VRSHR/VRSRA<c>.<type><size> <Qd>, <Qm>, #<imm> (A8.8.389, A8.8.374, A8.8.377)
  shift('NEON_vsra', 'U', '0001', K.VSRA),
  shift('NEON_vrshr', 'U', '0010', K.VRSHR),
  shift('NEON_vrsra', 'U', '0011', K.VRSRA),
  // VSRI/VSLI<c>.<size> <Qd>, <Qm>, #<imm> (A8.8.390, A8.8.380)
  shift('NEON_vsri', '1', '0100', K.VSRI),
  shift('NEON_vsli', '1', '0101', K.VSLI),
  // VQSHL{U}<c>.<type><size> <Qd>, <Qm>, #<imm> (A8.8.364): op = bit 8; U = 0 with op = 0 UNDEFINED
  shift('NEON_vqshl_imm', 'U', '0111', K.VQSHL),
  shift('NEON_vqshlu', '1', '0110', K.VQSHLU),
  // VSHRN/VRSHRN<c>.I<size> <Dd>, <Qm>, #<imm> (A8.8.385, A8.8.375)
  narrow('NEON_vshrn', '0', '1000', 0),
  // VQSHRUN/VQRSHRUN<c>.S<size> (A8.8.366, A8.8.368)
  narrow('NEON_vqshrun', '1', '1000', 1),
  // VQSHRN/VQRSHRN<c>.<type><size> (A8.8.366, A8.8.368)
  narrow('NEON_vqshrn', 'U', '1001', 2),
  {
    // VSHLL<c>.<type><size> <Qd>, <Dm>, #<imm> (1 <= imm < size) and VMOVL<c>.<dt> <Qd>, <Dm> (imm = 0)
    name: 'NEON_vshll', pattern: '1111 001U 1Dii iiii dddd 1010 00M1 mmmm',
    match: (insn) => nsize(insn) !== 0, random: (insn) => (fD(insn) & 1) === 0,
    exec: vshllExec,
    dis(insn) {
      const esize = nsize(insn);
      const s = imm6(insn) - esize;
      const dt = `${su(bit(insn, 24))}${esize}`;
      if (s === 0) return `vmovl.${dt}\t${qr(fD(insn))}, d${fM(insn)}`;
      return `vshll.${dt}\t${qr(fD(insn))}, d${fM(insn)}, #${s}`;
    },
  },
];

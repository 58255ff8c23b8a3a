// Advanced SIMD "two registers, miscellaneous" integer forms (A7.4.5): VREV, VPADDL/VPADAL, VCLS/VCLZ/VCNT,
// VMVN, VQABS/VQNEG, compares with #0, VABS/VNEG, VSWP/VTRN/VUZP/VZIP, VMOVN/VQMOVN/VQMOVUN, VSHLL (max).
// Semantics A8.8; float forms of compares/VABS/VNEG live in neon-float.ts.

import type { Cpu } from '../cpu/cpu';
import type { InstrDef } from '../decode/instr';
import { fpRegs } from './regs';
import {
  M_SLOT, SNAP, bit, evenRegs, fD, fM, getE, getU, guard, put, q6, qr, rq, sat, snap, snapVm, su, sz18,
} from './neon-util';

/** Pattern of a two-register-miscellaneous form: A = bits 17:16, bits 10:7 fixed, Q at bit 6 (A7.4.5). */
const pat = (a: string, b4: string, q = 'Q'): string => `1111 0011 1D11 zz${a} dddd 0${b4.slice(0, 3)} ${b4[3]}${q}M0 mmmm`;

const qVeto = (insn: number): boolean => !q6(insn) || evenRegs(fD(insn), fM(insn));

/** Runs `fn(esize, i, value)` per element of Vm (snapshotted), writing its result to Vd. */
function unary(cpu: Cpu, insn: number, unsigned: boolean, fn: (cpu: Cpu, v: number, esize: number) => number): void {
  const regs = snapVm(cpu, insn);
  if (regs === 0) return;
  const f = fpRegs(cpu);
  const d = fD(insn);
  const esize = 8 << sz18(insn);
  const count = (regs * 64) / esize;
  for (let i = 0; i < count; i++) put(f, d, esize, i, fn(cpu, getE(SNAP, M_SLOT, esize, i, unsigned), esize));
}

function clz(v: number, esize: number): number { return Math.clz32(v) - (32 - esize); }

/** Two-register text: <mn>.<dt> <Qd>, <Qm>[, #0]. */
function dis2(insn: number, mn: string, suffix = ''): string {
  const q = q6(insn);
  return `${mn}\t${rq(q, fD(insn))}, ${rq(q, fM(insn))}${suffix}`;
}

const esz = (insn: number): number => 8 << sz18(insn);

function simple(name: string, a: string, b4: string, mn: (insn: number) => string, unsigned: (insn: number) => boolean,
  fn: (cpu: Cpu, v: number, esize: number) => number, ok: (insn: number) => boolean, suffix = ''): InstrDef {
  return {
    name, pattern: pat(a, b4), match: ok, random: qVeto,
    exec: (cpu, insn) => unary(cpu, insn, unsigned(insn), fn),
    dis: (insn) => dis2(insn, mn(insn), suffix),
  };
}

const signed = (): boolean => false;
const size3 = (insn: number): boolean => sz18(insn) !== 3;
const ones = (esize: number): number => 2 ** esize - 1;

// ---------------------------------------------------------------- VREV, pairwise add

/** VREV<n>.<size> (A8.8.377): element i of each n-bit group comes from element i XOR (n/esize - 1). */
function vrevExec(cpu: Cpu, insn: number, region: number): void {
  const regs = snapVm(cpu, insn);
  if (regs === 0) return;
  const f = fpRegs(cpu);
  const d = fD(insn);
  const esize = esz(insn);
  const flip = region / esize - 1;
  const count = (regs * 64) / esize;
  for (let i = 0; i < count; i++) put(f, d, esize, i, getU(SNAP, M_SLOT, esize, i ^ flip));
}

function vrev(name: string, b4: string, region: number): InstrDef {
  return {
    name, pattern: pat('00', b4), match: (insn) => esz(insn) < region, random: qVeto,
    exec: (cpu, insn) => vrevExec(cpu, insn, region),
    dis: (insn) => dis2(insn, `vrev${region}.${esz(insn)}`),
  };
}

/** VPADDL / VPADAL (A8.8.354, A8.8.352): adjacent pairs summed into double-width elements. */
function vpaddlExec(cpu: Cpu, insn: number, accumulate: boolean): void {
  const regs = snapVm(cpu, insn);
  if (regs === 0) return;
  const f = fpRegs(cpu);
  const d = fD(insn);
  const esize = esz(insn);
  const u = bit(insn, 7) === 1;
  const count = (regs * 32) / esize;
  for (let i = 0; i < count; i++) {
    const s = getE(SNAP, M_SLOT, esize, 2 * i, u) + getE(SNAP, M_SLOT, esize, 2 * i + 1, u);
    if (esize === 32) {
      // 64-bit result: sum of two 32-bit values is below 2^33, exact as a double; add the old value as 64 bits.
      const lo = f.w[(d + i) * 2];
      const hi = f.w[(d + i) * 2 + 1];
      const old = accumulate ? hi * 4294967296 + lo : 0;
      if (accumulate && hi >= 0x00200000) { // beyond 2^53: add in two word halves
        const sh = Math.floor(s / 4294967296);
        const sl = s - sh * 4294967296;
        const nl = lo + sl;
        f.w[(d + i) * 2] = nl >>> 0;
        f.w[(d + i) * 2 + 1] = (hi + sh + (nl >= 4294967296 ? 1 : 0)) >>> 0;
        continue;
      }
      put(f, d, 64, i, old + s);
    } else put(f, d, esize * 2, i, (accumulate ? getU(f, d, esize * 2, i) : 0) + s);
  }
}

function vpaddl(name: string, b3: string, accumulate: boolean): InstrDef {
  return {
    name, pattern: pat('00', `${b3}U`), match: size3, random: qVeto,
    exec: (cpu, insn) => vpaddlExec(cpu, insn, accumulate),
    dis: (insn) => dis2(insn, `${accumulate ? 'vpadal' : 'vpaddl'}.${su(bit(insn, 7))}${esz(insn)}`),
  };
}

// ---------------------------------------------------------------- permutes (A8.8.418-A8.8.427)

/** VSWP (A8.8.418). */
function vswpExec(cpu: Cpu, insn: number): void {
  const q = q6(insn);
  const d = fD(insn);
  const m = fM(insn);
  if (!guard(cpu, q && !evenRegs(d, m))) return;
  const w = fpRegs(cpu).w;
  for (let i = 0; i < (q ? 4 : 2); i++) {
    const t = w[d * 2 + i];
    w[d * 2 + i] = w[m * 2 + i];
    w[m * 2 + i] = t;
  }
}

/** VTRN (A8.8.422): per doubleword, Vd odd elements swap with Vm even elements. */
function vtrnExec(cpu: Cpu, insn: number): void {
  const q = q6(insn);
  const d = fD(insn);
  const m = fM(insn);
  if (!guard(cpu, q && !evenRegs(d, m))) return;
  const f = fpRegs(cpu);
  const esize = esz(insn);
  const elements = 64 / esize;
  for (let r = 0; r < (q ? 2 : 1); r++) {
    for (let e = 0; e < elements / 2; e++) {
      const a = getU(f, d + r, esize, 2 * e + 1);
      put(f, d + r, esize, 2 * e + 1, getU(f, m + r, esize, 2 * e));
      put(f, m + r, esize, 2 * e, a);
    }
  }
}

/** VUZP / VZIP (A8.8.425, A8.8.427) on the concatenation Vm:Vd (Vd in the low half). */
function unzipExec(cpu: Cpu, insn: number, zip: boolean): void {
  const q = q6(insn);
  const d = fD(insn);
  const m = fM(insn);
  if (!guard(cpu, q && !evenRegs(d, m))) return;
  const f = fpRegs(cpu);
  const regs = q ? 2 : 1;
  snap(f, d, 0, regs);
  snap(f, m, regs, regs); // SNAP D0.. = Vd then Vm: the concatenated vector, lowest element first
  const esize = esz(insn);
  const half = (regs * 64) / esize;
  for (let i = 0; i < half; i++) {
    if (zip) {
      // result element 2i = Vd[i], 2i+1 = Vm[i]; results 0..half-1 go to Vd, the rest to Vm
      const src = (i & 1 ? half : 0) + (i >>> 1);
      put(f, d, esize, i, getU(SNAP, 0, esize, src));
      const j = i + half;
      put(f, m, esize, i, getU(SNAP, 0, esize, (j & 1 ? half : 0) + (j >>> 1)));
    } else {
      put(f, d, esize, i, getU(SNAP, 0, esize, 2 * i));
      put(f, m, esize, i, getU(SNAP, 0, esize, 2 * i + 1));
    }
  }
}

function perm(name: string, b4: string, mn: string, fn: (cpu: Cpu, insn: number) => void, ok: (insn: number) => boolean): InstrDef {
  return {
    name, pattern: pat('10', b4), match: ok,
    // VSWP/VTRN/VUZP/VZIP with Vd == Vm are UNPREDICTABLE (A8.8.418 etc.)
    random: (insn) => qVeto(insn) && fD(insn) !== fM(insn),
    exec: fn,
    dis: (insn) => dis2(insn, mn === 'vswp' ? mn : `${mn}.${esz(insn)}`),
  };
}

// ---------------------------------------------------------------- narrowing and VSHLL (A8.8.340, A8.8.362, A8.8.379)

/** VMOVN / VQMOVN / VQMOVUN: kind 0 VMOVN, 1 VQMOVUN, 2 VQMOVN.S, 3 VQMOVN.U (bits 7:6). */
function narrowExec(cpu: Cpu, insn: number): void {
  const d = fD(insn);
  const m = fM(insn);
  if (!guard(cpu, (m & 1) !== 0)) return;
  const f = fpRegs(cpu);
  snap(f, m, M_SLOT, 2);
  const esize = esz(insn);
  const kind = (insn >>> 6) & 3;
  const count = 64 / esize;
  for (let i = 0; i < count; i++) {
    let v: number;
    if (esize === 32) {
      // source is 64 bits: its value as hi*2^32 + lo decides saturation (exactness not needed beyond the bounds)
      const lo = SNAP.w[M_SLOT * 2 + i * 2];
      const hi = SNAP.w[M_SLOT * 2 + i * 2 + 1];
      if (kind === 0) { put(f, d, 32, i, lo); continue; }
      const sh = kind === 3 ? hi : hi | 0;
      // a value with high word outside {0, -1} saturates; otherwise the exact value fits a double
      v = sh * 4294967296 + lo;
    } else v = getE(SNAP, M_SLOT, esize * 2, i, kind === 3);
    if (kind === 0) put(f, d, esize, i, v);
    else put(f, d, esize, i, sat(cpu, v, esize, kind !== 2));
  }
}

function narrowDis(insn: number): string {
  const kind = (insn >>> 6) & 3;
  const e2 = esz(insn) * 2;
  const mn = ['vmovn.i', 'vqmovun.s', 'vqmovn.s', 'vqmovn.u'][kind];
  return `${mn}${e2}\td${fD(insn)}, ${qr(fM(insn))}`;
}

/** VSHLL<c>.<type><size> <Qd>, <Dm>, #<size> (maximum shift form, A8.8.379 encoding A2). */
function vshllMaxExec(cpu: Cpu, insn: number): void {
  const d = fD(insn);
  const m = fM(insn);
  if (!guard(cpu, (d & 1) !== 0)) return;
  const f = fpRegs(cpu);
  snap(f, m, M_SLOT, 1);
  const esize = esz(insn);
  for (let i = 0; i < 64 / esize; i++) {
    if (esize === 32) { f.w[(d + i) * 2] = 0; f.w[(d + i) * 2 + 1] = SNAP.w[M_SLOT * 2 + i]; }
    else put(f, d, esize * 2, i, getU(SNAP, M_SLOT, esize, i) * 2 ** esize);
  }
}

// ---------------------------------------------------------------- table

export const NEON_MISC: readonly InstrDef[] = [
  // VREV64/VREV32/VREV16<c>.<size> <Qd>, <Qm> (A8.8.377)
  vrev('NEON_vrev64', '0000', 64),
  vrev('NEON_vrev32', '0001', 32),
  vrev('NEON_vrev16', '0010', 16),
  // VPADDL/VPADAL<c>.<dt> <Qd>, <Qm> (A8.8.354, A8.8.352)
  vpaddl('NEON_vpaddl', '010', false),
  vpaddl('NEON_vpadal', '110', true),
  // VCLS<c>.S<size>, VCLZ<c>.I<size>, VCNT<c>.8, VMVN<c> <Qd>, <Qm> (A8.8.297, A8.8.298, A8.8.303, A8.8.358)
  simple('NEON_vcls', '00', '1000', (i) => `vcls.s${esz(i)}`, signed,
    (_c, v, e) => clz(v < 0 ? ~v & ones(e) : v, e) - 1, size3),
  simple('NEON_vclz', '00', '1001', (i) => `vclz.i${esz(i)}`, () => true, (_c, v, e) => clz(v, e), size3),
  simple('NEON_vcnt', '00', '1010', () => 'vcnt.8', () => true, (_c, v) => {
    let x = v;
    x -= (x >>> 1) & 0x55;
    x = (x & 0x33) + ((x >>> 2) & 0x33);
    return (x + (x >>> 4)) & 15;
  }, (i) => sz18(i) === 0),
  simple('NEON_vmvn_reg', '00', '1011', () => 'vmvn', () => true, (_c, v) => ~v, (i) => sz18(i) === 0),
  // VQABS/VQNEG<c>.S<size> (A8.8.356, A8.8.366)
  simple('NEON_vqabs', '00', '1110', (i) => `vqabs.s${esz(i)}`, signed, (c, v, e) => sat(c, Math.abs(v), e, false), size3),
  simple('NEON_vqneg', '00', '1111', (i) => `vqneg.s${esz(i)}`, signed, (c, v, e) => sat(c, -v, e, false), size3),
  // VCGT/VCGE/VCEQ/VCLE/VCLT<c>.<dt> <Qd>, <Qm>, #0 (integer, A8.8.294 etc.)
  simple('NEON_vcgt0', '01', '0000', (i) => `vcgt.s${esz(i)}`, signed, (_c, v, e) => (v > 0 ? ones(e) : 0), size3, ', #0'),
  simple('NEON_vcge0', '01', '0001', (i) => `vcge.s${esz(i)}`, signed, (_c, v, e) => (v >= 0 ? ones(e) : 0), size3, ', #0'),
  simple('NEON_vceq0', '01', '0010', (i) => `vceq.i${esz(i)}`, signed, (_c, v, e) => (v === 0 ? ones(e) : 0), size3, ', #0'),
  simple('NEON_vcle0', '01', '0011', (i) => `vcle.s${esz(i)}`, signed, (_c, v, e) => (v <= 0 ? ones(e) : 0), size3, ', #0'),
  simple('NEON_vclt0', '01', '0100', (i) => `vclt.s${esz(i)}`, signed, (_c, v, e) => (v < 0 ? ones(e) : 0), size3, ', #0'),
  // VABS/VNEG<c>.S<size> (integer, A8.8.280, A8.8.355): results wrap (no saturation)
  simple('NEON_vabs_i', '01', '0110', (i) => `vabs.s${esz(i)}`, signed, (_c, v) => Math.abs(v), size3),
  simple('NEON_vneg_i', '01', '0111', (i) => `vneg.s${esz(i)}`, signed, (_c, v) => -v, size3),
  // VSWP<c> / VTRN/VUZP/VZIP<c>.<size> <Qd>, <Qm> (A8.8.418, A8.8.422, A8.8.425, A8.8.427)
  perm('NEON_vswp', '0000', 'vswp', vswpExec, (i) => sz18(i) === 0),
  perm('NEON_vtrn', '0001', 'vtrn', vtrnExec, size3),
  perm('NEON_vuzp', '0010', 'vuzp', (c, i) => unzipExec(c, i, false), (i) => sz18(i) !== 3 && (q6(i) || sz18(i) !== 2)),
  perm('NEON_vzip', '0011', 'vzip', (c, i) => unzipExec(c, i, true), (i) => sz18(i) !== 3 && (q6(i) || sz18(i) !== 2)),
  {
    // VMOVN<c>.I<size> <Dd>, <Qm>; VQMOVN{U}<c>.<type><size> <Dd>, <Qm> (A8.8.340, A8.8.362): bits 7:6 = op
    name: 'NEON_vmovn', pattern: '1111 0011 1D11 zz10 dddd 0010 ooM0 mmmm',
    match: size3, random: (insn) => (fM(insn) & 1) === 0,
    exec: narrowExec, dis: narrowDis,
  },
  {
    // VSHLL<c>.I<size> <Qd>, <Dm>, #<size> (A8.8.379 encoding A2)
    name: 'NEON_vshll_max', pattern: '1111 0011 1D11 zz10 dddd 0011 00M0 mmmm',
    match: size3, random: (insn) => (fD(insn) & 1) === 0,
    exec: vshllMaxExec,
    dis: (insn) => `vshll.i${esz(insn)}\t${qr(fD(insn))}, d${fM(insn)}, #${esz(insn)}`,
  },
];



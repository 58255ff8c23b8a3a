// Random A32 instruction streams drawn from the decoder's own encoding tables (A32_TABLE), with
// register roles that keep every memory access inside a known data window (ARM ARM A5.2-A5.5, A8.8).

import type { CompiledDef, Decoder } from '../../emulator/decode/decoder';
import { withField, type FieldSpec } from '../../emulator/decode/pattern';
import type { Prng } from './random-prng';
import { FP_MEMORY, fpAccess, fpCoreFields, fpFixup, fpVeto } from './random-fp';

/**
 * Registers with a fixed job inside one block. Random instructions never write them except as the
 * write-back base of a load/store, whose new value the generator computes, so every effective
 * address is known when the instruction is generated.
 */
export interface Roles {
  /** Base register that never changes (loads/stores without write-back). */
  readonly fixedBase: number;
  /** Base register for write-back forms (tracked value). */
  readonly movingBase: number;
  /** Small non-negative value used as the register offset (Rm) of loads/stores. */
  readonly index: number;
}

/** Byte range [lo, hi) every generated access must stay in. */
export interface Window {
  readonly lo: number;
  readonly hi: number;
}

/** Register letters the tables use for 4-bit register fields (Rd, Rt, RdHi, RdLo, Rn, Rm, Ra, Rs). */
const REG_LETTERS = new Set(['d', 't', 'h', 'l', 'n', 'm', 'a', 's']);
/** Letters that name a result register in non-memory encodings. */
const DEST_LETTERS = new Set(['d', 't', 'h', 'l']);
const SP = 13;
const PC = 15;

/** A 4-bit register operand inside a field: the nibble at bits [lo+3:lo]. */
interface RegField {
  readonly letter: string;
  readonly lo: number;
}

interface Candidate {
  readonly entry: CompiledDef;
  readonly regs: readonly RegField[];
  readonly others: readonly FieldSpec[];
  readonly cond: FieldSpec | undefined;
  readonly memory: boolean;
  readonly store: boolean;
  /** In the VFP/Advanced SIMD space: operands placed by random-fp.ts. */
  readonly fp: boolean;
}

/**
 * Register fields of an encoding: fields named by a register letter that are exactly one aligned
 * nibble (or a nibble plus the 2-bit shift type, as in 'tttt ... tt' of STR (register)).
 */
function registerFields(fields: readonly FieldSpec[]): { regs: RegField[]; others: FieldSpec[] } {
  const regs: RegField[] = [];
  const others: FieldSpec[] = [];
  for (const f of fields) {
    if (f.letter === 'c' && f.bits[0] === 31) continue;
    const b = f.bits;
    const top = b[0] ?? -1;
    const nibble = top % 4 === 3 && b[1] === top - 1 && b[2] === top - 2 && b[3] === top - 3;
    if (REG_LETTERS.has(f.letter) && nibble && (b.length === 4 || b.length === 6)) {
      regs.push({ letter: f.letter, lo: top - 3 });
      if (b.length === 6) others.push(f); // the shift-type bits get random values first
    } else {
      others.push(f);
    }
  }
  return { regs, others };
}

const MEMORY_NAME = /^(LDR|STR|LDM|STM|PUSH|POP|SWP|LDA|STL)/;

/** Memory access of one load/store, as the ARM ARM pseudocode computes it. */
export interface Access {
  readonly lo: number;
  readonly size: number;
  readonly align: number;
  /** Base register value after the instruction, when it writes the base back. */
  readonly newBase: number | undefined;
}

function shiftIndex(x: number, type: number, imm5: number): number | undefined {
  switch (type) {
    case 0: return imm5 <= 2 ? (x << imm5) >>> 0 : undefined; // LSL: keep the offset small
    case 1: return imm5 === 0 ? 0 : x >>> imm5; // LSR #32 when imm5 == 0 (A8.4.1)
    case 2: return imm5 === 0 ? 0 : x >>> imm5; // ASR on a non-negative index
    default: return undefined; // ROR/RRX would move the index bits to the top
  }
}

/**
 * Address range of a load/store by its A32 class (A5.3 word/byte, A5.2.8 extra, A5.2.10
 * synchronization, A5.5 block transfers). Undefined when the form is not one we can bound.
 */
function accessOf(insn: number, base: number, index: number): Access | undefined {
  const op1 = (insn >>> 25) & 7;
  const p = (insn >>> 24) & 1;
  const u = (insn >>> 23) & 1;
  const w = (insn >>> 21) & 1;
  const apply = (off: number): number => (u ? base + off : base - off) >>> 0;
  if (op1 === 2 || op1 === 3) {
    let off: number | undefined;
    if (op1 === 3) off = shiftIndex(index, (insn >>> 5) & 3, (insn >>> 7) & 31);
    else off = insn & 0xfff;
    if (off === undefined) return undefined;
    const size = (insn >>> 22) & 1 ? 1 : 4;
    const wb = p === 0 || w === 1;
    return { lo: p ? apply(off) : base, size, align: 1, newBase: wb ? apply(off) : undefined };
  }
  if (op1 === 0 && ((insn >>> 4) & 0xf) === 9) {
    // SWP/SWPB (bit 23 = 0) and LDREX/STREX family: address = [Rn], no offset.
    if (((insn >>> 23) & 1) === 0) {
      const size = (insn >>> 22) & 1 ? 1 : 4;
      return { lo: base, size, align: size, newBase: undefined };
    }
    const size = [4, 8, 1, 2][(insn >>> 21) & 3] ?? 4;
    return { lo: base, size, align: size, newBase: undefined };
  }
  if (op1 === 0 && (insn & 0x90) === 0x90) {
    const off = (insn >>> 22) & 1 ? (((insn >>> 4) & 0xf0) | (insn & 0xf)) : index;
    const op2 = (insn >>> 5) & 3;
    const load = (insn >>> 20) & 1;
    let size = 2;
    let align = 1;
    if (op2 === 2) size = load ? 1 : 8;
    if (op2 === 3) size = load ? 2 : 8;
    if (size === 8) align = 4; // LDRD/STRD need word alignment (A3.2.1)
    const wb = p === 0 || w === 1;
    return { lo: p ? apply(off) : base, size, align, newBase: wb ? apply(off) : undefined };
  }
  if (op1 === 4) {
    const n = popcountList(insn & 0xffff);
    const size = 4 * n;
    let lo: number;
    if (u) lo = p ? base + 4 : base;
    else lo = p ? base - size : base - size + 4;
    return { lo: lo >>> 0, size, align: 4, newBase: w ? (u ? base + size : base - size) >>> 0 : undefined };
  }
  return undefined;
}

/** LDREX{,B,H,D} or STREX{,B,H,D} (A5.2.10 synchronization primitives with bit 23 set). */
function exclusiveKind(w: number): 'load' | 'store' | undefined {
  if (((w >>> 25) & 7) !== 0 || ((w >>> 4) & 0xf) !== 9 || ((w >>> 23) & 1) === 0 || ((w >>> 24) & 1) === 0) return undefined;
  return (w >>> 20) & 1 ? 'load' : 'store';
}

function popcountList(x: number): number {
  let n = 0;
  for (let v = x; v !== 0; v &= v - 1) n++;
  return n;
}

/**
 * A plain store to the address the local monitor marks: whether it clears the monitor is
 * IMPLEMENTATION DEFINED (A3.4.1, Table A3-5 note); QEMU's STREX compares the memory value with the
 * one LDREX read (so a store of a different value makes it fail), hypscope keeps the monitor. Such
 * stores are not generated while the monitor is in the Exclusive Access state.
 */
export function overlapsMonitor(t: Tracked, a: Access): boolean {
  if (t.monitorAddr === -1) return false;
  return a.lo < t.monitorAddr + t.monitorSize && t.monitorAddr < a.lo + a.size;
}

/** Register values the generator knows while it builds a block. */
export interface Tracked {
  fixedBase: number;
  movingBase: number;
  sp: number;
  index: number;
  /**
   * Local exclusive monitor as the generator models it (-1 = open access). A Store-Exclusive to
   * another address or of another size than the preceding Load-Exclusive is UNPREDICTABLE (A3.4.5),
   * so STREX is only generated with the monitor open or matching exactly.
   */
  monitorAddr: number;
  monitorSize: number;
}

export interface GeneratorOptions {
  /** Probability of a random condition instead of AL (default 0.1). */
  readonly condProbability?: number;
  /** Encoding names to leave out (e.g. known QEMU deviations). */
  readonly exclude?: ReadonlySet<string>;
  /** Restrict to these encoding names (debugging). */
  readonly only?: ReadonlySet<string>;
  /**
   * Include the VFP and Advanced SIMD encodings of emulator/fp/ (default false), with the FP
   * loads/stores of FP_MEMORY although their table entries say `random: false`. Blocks that use
   * them enable CPACR/FPEXC and compare D0-D31 and FPSCR (random-block.ts).
   */
  readonly fpSimd?: boolean;
  /** Only FP/SIMD encodings (the T32 generator draws its FP instructions from here). */
  readonly fpOnly?: boolean;
  /** Probability of drawing an FP/SIMD encoding rather than an integer one (default: by count). */
  readonly fpShare?: number;
}

/**
 * Encodings in the VFP/coprocessor space (A5.6: op1 = 110xxx, 1110xx) or the unconditional
 * Advanced SIMD spaces (A5.7.1 data-processing 1111 001x, A5.7.4 element/structure 1111 0100).
 */
export function isFpSimdSpace(mask: number, value: number): boolean {
  const fixed = (hi: number, lo: number): boolean => (((mask >>> lo) & ((1 << (hi - lo + 1)) - 1)) === (1 << (hi - lo + 1)) - 1);
  const bits = (hi: number, lo: number): number => (value >>> lo) & ((1 << (hi - lo + 1)) - 1);
  const uncond = fixed(31, 28) && bits(31, 28) === 0xf;
  if (uncond && fixed(27, 25) && bits(27, 25) === 1) return true;
  if (uncond && fixed(27, 24) && bits(27, 24) === 4) return true;
  if (fixed(27, 25) && bits(27, 25) === 6) return true;
  return fixed(27, 24) && bits(27, 24) === 0xe;
}

/** Statistics over a generator's lifetime: how often each encoding was emitted. */
export type Coverage = Map<string, number>;

export class A32Generator {
  readonly candidates: readonly Candidate[];
  readonly coverage: Coverage = new Map();
  private readonly condP: number;
  private readonly intList: readonly Candidate[];
  private readonly fpList: readonly Candidate[];
  private readonly fpShare: number;

  constructor(private readonly decoder: Decoder, opts: GeneratorOptions = {}) {
    this.condP = opts.condProbability ?? 0.1;
    const fpSimd = (opts.fpSimd ?? false) || (opts.fpOnly ?? false);
    const list: Candidate[] = [];
    for (const entry of decoder.entries) {
      const def = entry.def;
      const fp = isFpSimdSpace(entry.cp.mask, entry.cp.value);
      if (entry.cp.width !== 32 || (def.random === false && !(fpSimd && FP_MEMORY.has(def.name)))) continue;
      if (opts.exclude?.has(def.name) || (opts.only !== undefined && !opts.only.has(def.name))) continue;
      if ((fp && !fpSimd) || (!fp && (opts.fpOnly ?? false))) continue;
      const cond = entry.cp.fields.find((f) => f.letter === 'c' && f.bits[0] === 31);
      if (fp) {
        // Extension-register fields are plain random bits; core fields are placed per encoding.
        const others = entry.cp.fields.filter((f) => f !== cond);
        const memory = FP_MEMORY.has(def.name);
        list.push({ entry, regs: [], others, cond, memory, store: false, fp });
        continue;
      }
      const { regs, others } = registerFields(entry.cp.fields);
      const memory = MEMORY_NAME.test(def.name);
      list.push({ entry, regs, others, cond, memory, store: memory && /^(STR|STM|PUSH|STL)/.test(def.name), fp });
    }
    // Table order within equal specificity is irrelevant here; keep the table's own order.
    list.sort((a, b) => a.entry.index - b.entry.index);
    this.candidates = list;
    this.intList = list.filter((c) => !c.fp);
    this.fpList = list.filter((c) => c.fp);
    this.fpShare = opts.fpShare ?? this.fpList.length / Math.max(1, list.length);
  }

  /** Names of the encodings the generator can emit. */
  names(): string[] {
    return this.candidates.map((c) => c.entry.def.name);
  }

  /**
   * One instruction that decodes to a random eligible encoding, passes its veto and touches
   * memory only inside `win`. Updates `t` for base write-back.
   */
  next(rng: Prng, roles: Roles, t: Tracked, win: Window): number {
    for (let attempt = 0; attempt < 10_000; attempt++) {
      const fp = this.intList.length === 0 || (this.fpList.length > 0 && rng.chance(this.fpShare));
      const c = rng.pick(fp ? this.fpList : this.intList);
      const insn = c.fp ? this.tryFp(c, rng, roles, t, win) : this.tryCandidate(c, rng, roles, t, win);
      if (insn !== undefined) {
        const name = c.entry.def.name;
        this.coverage.set(name, (this.coverage.get(name) ?? 0) + 1);
        return insn;
      }
    }
    throw new Error('random generator: no acceptable instruction in 10000 attempts');
  }

  private tryCandidate(c: Candidate, rng: Prng, roles: Roles, t: Tracked, win: Window): number | undefined {
    const reserved = (r: number): boolean =>
      r === roles.fixedBase || r === roles.movingBase || r === roles.index || r === SP || r === PC;
    for (let k = 0; k < 8; k++) {
      let w = c.entry.cp.value;
      for (const f of c.others) w = withField(f, w, rng.bits(f.bits.length));
      for (const f of c.regs) w = setNibble(w, f.lo, rng.below(15));
      // Small immediates are far likelier to stay inside the window: bias 12-bit offsets.
      if (c.memory && (w >>> 25 & 7) === 2 && rng.chance(0.7)) w = ((w & ~0xfff) | rng.below(64)) >>> 0;
      let cond = 14;
      if (c.cond !== undefined && rng.chance(this.condP)) cond = rng.below(15);
      if (c.cond !== undefined) w = withField(c.cond, w, cond);

      let access: Access | undefined;
      let baseReg = -1;
      if (c.memory) {
        const r = this.placeMemory(c, w, rng, roles, t, reserved);
        if (r === undefined) continue;
        w = r.insn;
        baseReg = r.base;
        access = r.access;
        const excl = exclusiveKind(w);
        // Write-back and exclusives stay unconditional so the tracked state is exact.
        if ((access.newBase !== undefined || excl !== undefined) && c.cond !== undefined) w = withField(c.cond, w, 14);
        if (excl === 'store' && t.monitorAddr !== -1 && (t.monitorAddr !== access.lo || t.monitorSize !== access.size)) continue;
        if (access.lo < win.lo || access.lo + access.size > win.hi) continue;
        if (access.lo % access.align !== 0) continue;
        if (access.newBase !== undefined && (access.newBase < win.lo || access.newBase > win.hi)) continue;
        if ((c.store || /^SWP/.test(c.entry.def.name)) && excl !== 'store' && overlapsMonitor(t, access)) continue;
      }

      const e = this.decoder.decode(w);
      if (e !== c.entry) continue;
      const veto = c.entry.def.random;
      if (typeof veto === 'function' && !veto(w)) continue;
      if (!this.registersOk(c, w, reserved)) continue;

      if (access?.newBase !== undefined) {
        if (baseReg === roles.movingBase) t.movingBase = access.newBase;
        else t.sp = access.newBase;
      }
      const excl = access !== undefined ? exclusiveKind(w) : undefined;
      if (excl === 'load' && access !== undefined) {
        t.monitorAddr = access.lo;
        t.monitorSize = access.size;
      } else if (excl === 'store' || c.entry.def.name === 'CLREX') {
        t.monitorAddr = -1;
      }
      return w >>> 0;
    }
    return undefined;
  }

  /**
   * One FP/SIMD word: extension-register fields random (fixed up away from UNDEFINED forms), core
   * fields never PC or SP and never a role register as a result; loads/stores addressed like the
   * core ones (random-fp.ts fpAccess), write-back forms unconditional and only on tracked bases.
   */
  private tryFp(c: Candidate, rng: Prng, roles: Roles, t: Tracked, win: Window): number | undefined {
    const name = c.entry.def.name;
    const reserved = (r: number): boolean =>
      r === roles.fixedBase || r === roles.movingBase || r === roles.index || r === SP || r === PC;
    for (let k = 0; k < 8; k++) {
      let w = c.entry.cp.value;
      for (const f of c.others) w = withField(f, w, rng.bits(f.bits.length));
      w = fpFixup(name, w, rng);
      if (c.memory && rng.chance(0.7)) w = ((w & ~0xff) | rng.below(name === 'VLDR_VSTR' ? 32 : 34)) >>> 0;
      if (c.cond !== undefined) w = withField(c.cond, w, rng.chance(this.condP) ? rng.below(15) : 14);
      let baseReg = -1;
      let access: Access | undefined;
      let ok = true;
      for (const f of fpCoreFields(name, w)) {
        if (f.role === 'base') {
          baseReg = rng.pick([roles.fixedBase, roles.movingBase, SP]);
          w = setNibble(w, f.lo, baseReg);
        } else if (f.role === 'index') {
          w = setNibble(w, f.lo, rng.pick([15, 15, 13, roles.index]));
        } else {
          const r = rng.pick(CORE_OPERANDS);
          if (f.role === 'dest' && reserved(r)) ok = false;
          w = setNibble(w, f.lo, r);
        }
      }
      if (!ok) continue;
      if (c.memory) {
        const value = baseReg === roles.fixedBase ? t.fixedBase : baseReg === roles.movingBase ? t.movingBase : t.sp;
        access = fpAccess(name, w, value, t.index);
        if (access === undefined) continue;
        if (access.newBase !== undefined) {
          if (baseReg === roles.fixedBase) continue;
          if (c.cond !== undefined) w = withField(c.cond, w, 14);
          if (access.newBase < win.lo || access.newBase > win.hi) continue;
        }
        if (access.lo < win.lo || access.lo + access.size > win.hi || access.lo % access.align !== 0) continue;
        const store = name === 'VLD1_VST1_multi' ? ((w >>> 21) & 1) === 0 : ((w >>> 20) & 1) === 0;
        if (store && overlapsMonitor(t, access)) continue;
      }
      if (this.decoder.decode(w) !== c.entry || !fpVeto(name, w)) continue;
      const veto = c.entry.def.random;
      if (typeof veto === 'function' && !veto(w)) continue;
      if (access?.newBase !== undefined) {
        if (baseReg === roles.movingBase) t.movingBase = access.newBase;
        else t.sp = access.newBase;
      }
      return w >>> 0;
    }
    return undefined;
  }

  /** Operand rules for all encodings: no PC anywhere, no role register or SP as a result. */
  private registersOk(c: Candidate, w: number, reserved: (r: number) => boolean): boolean {
    const name = c.entry.def.name;
    const dual = /^(LDRD|LDREXD)/.test(name);
    for (const f of c.regs) {
      const r = (w >>> f.lo) & 0xf;
      if (r === PC) return false;
      if (c.memory) {
        if (f.lo === 16) continue; // the base, placed by placeMemory
        if (f.lo === 0 && f.letter === 'm' && !/^SWP/.test(name)) continue; // the index register
        const isResult = c.store ? f.letter === 'd' : f.letter === 't' || f.letter === 'd';
        if (isResult && (reserved(r) || (dual && reserved(r + 1)))) return false;
      } else if (DEST_LETTERS.has(f.letter) && reserved(r)) {
        return false;
      }
    }
    return true;
  }

  /** Choose the base (and index) register of a load/store and compute its access. */
  private placeMemory(
    c: Candidate, w0: number, rng: Prng, roles: Roles, t: Tracked, reserved: (r: number) => boolean,
  ): { insn: number; base: number; access: Access } | undefined {
    let w = w0;
    const baseIsField = c.regs.some((f) => f.lo === 16);
    const fixedBase = (c.entry.cp.mask >>> 16) & 0xf ? (c.entry.cp.value >>> 16) & 0xf : -1;
    let base: number;
    if (baseIsField) {
      base = rng.pick([roles.fixedBase, roles.movingBase, SP]);
      w = setNibble(w, 16, base);
    } else if (fixedBase === SP) {
      base = SP;
    } else {
      return undefined; // literal (PC-relative) forms are not generated
    }
    const op1 = (w >>> 25) & 7;
    const sync = op1 === 0 && ((w >>> 4) & 0xf) === 9;
    const regOffset = (op1 === 3) || (op1 === 0 && !sync && ((w >>> 22) & 1) === 0);
    if (regOffset && c.regs.some((f) => f.lo === 0 && f.letter === 'm')) w = setNibble(w, 0, roles.index);
    if (op1 === 4) {
      // Register lists: loads never write reserved registers; stores skip PC (its stored value is
      // IMPLEMENTATION DEFINED, A8.8.199) and, with write-back, the base.
      const load = (w >>> 20) & 1;
      let list = w & 0xffff;
      for (let r = 0; r < 16; r++) {
        const drop = load ? reserved(r) : r === PC || ((w >>> 21) & 1 && r === base);
        if (drop) list &= ~(1 << r);
      }
      if (list === 0) return undefined;
      w = ((w & 0xffff0000) | list) >>> 0;
    }
    const value = base === roles.fixedBase ? t.fixedBase : base === roles.movingBase ? t.movingBase : t.sp;
    const access = accessOf(w, value, t.index);
    if (access === undefined) return undefined;
    // Write-back only on the tracked bases, and never when Rt is the base (UNPREDICTABLE, A8.8.204).
    if (access.newBase !== undefined) {
      if (base === roles.fixedBase) return undefined;
      if (op1 !== 4 && ((w >>> 12) & 0xf) === base) return undefined;
    }
    return { insn: w >>> 0, base, access };
  }
}

/** Core registers an FP instruction may name (A8.8.341 ff.: SP and PC are UNPREDICTABLE in T32). */
const CORE_OPERANDS = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 14];

export function setNibble(w: number, lo: number, v: number): number {
  return ((w & ~(0xf << lo)) | ((v & 0xf) << lo)) >>> 0;
}

// Random T32 instruction streams drawn from T32_TABLE (16-bit and 32-bit encodings), optional IT
// blocks and FP/SIMD words re-encoded from A32. Register roles as in random-insn.ts. A6.1-A6.3, A8.8.

import type { CompiledDef, Decoder } from '../../emulator/decode/decoder';
import { withField, type FieldSpec } from '../../emulator/decode/pattern';
import { A32_DECODER } from '../../emulator/decode/a32/index';
import { A32Generator, overlapsMonitor, setNibble, type Access, type Coverage, type Roles, type Tracked, type Window } from './random-insn';
import { a32FpToT32 } from './random-fp';
import type { Prng } from './random-prng';

const SP = 13;
const PC = 15;
/** Register letters of T32 patterns (Rd, Rt, Rt2 = s, RdLo = l, RdHi = h, Rn, Rm, Ra). */
const REG_LETTERS = new Set(['d', 't', 's', 'l', 'h', 'n', 'm', 'a']);
/** Registers a random operand may name: never SP or PC (BadReg, A6.1.3 / per-instruction UNPREDICTABLE). */
const OPERANDS = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 14];

/** A register operand: `width` bits at [lo+width-1:lo]. */
interface Slot {
  readonly letter: string;
  readonly lo: number;
  readonly width: 3 | 4;
}

type MemKind =
  | 't16reg' | 't16imm' | 't16sp' | 't16ldm' | 't32imm12' | 't32imm8' | 't32unpriv' | 't32reg'
  | 't32ldm' | 't32dual' | 'ldrex' | 'ldrexbhd';

interface Candidate {
  readonly entry: CompiledDef;
  readonly slots: readonly Slot[];
  readonly others: readonly FieldSpec[];
  readonly mem: MemKind | undefined;
  readonly load: boolean;
  /** Access size in bytes (loads/stores of one register). */
  readonly size: number;
}

/** Encodings never generated although the table allows them: PC-relative or SP-changing (roles). */
const SKIP = /^(T16_ADR|T32_ADR_|T16_LDR_lit|T32_\w+_lit|T32_LDRD_lit|T16_ADD_sp_sp|T16_SUB_sp_sp)$/;

function memKind(name: string): MemKind | undefined {
  if (/^T16_(STR|LDR)(B|H|SB|SH)?_reg$/.test(name)) return 't16reg';
  if (/^T16_(STR|LDR)(B|H)?_imm$/.test(name)) return 't16imm';
  if (name === 'T16_STR_sp' || name === 'T16_LDR_sp') return 't16sp';
  if (name === 'T16_STM' || name === 'T16_LDM') return 't16ldm';
  if (/^T32_(STR|LDR)(B|H|SB|SH)?_imm12$/.test(name)) return 't32imm12';
  if (/^T32_(STR|LDR)(B|H|SB|SH)?_imm8$/.test(name)) return 't32imm8';
  if (/^T32_(STR|LDR)(B|H|SB|SH)?T$/.test(name)) return 't32unpriv';
  if (/^T32_(STR|LDR)(B|H|SB|SH)?_reg$/.test(name)) return 't32reg';
  if (/^T32_(LD|ST)M(IA|DB)$/.test(name)) return 't32ldm';
  if (name === 'T32_LDRD' || name === 'T32_STRD') return 't32dual';
  if (name === 'T32_LDREX' || name === 'T32_STREX') return 'ldrex';
  if (/^T32_(LD|ST)REX[BHD]$/.test(name)) return 'ldrexbhd';
  return undefined;
}

function sizeOf(name: string): number {
  if (/^T\d\d_(LD|ST)R(S?B)(_|T)/.test(name) || /REXB$/.test(name)) return 1;
  if (/^T\d\d_(LD|ST)R(S?H)(_|T)/.test(name) || /REXH$/.test(name)) return 2;
  if (/REXD$|RD$/.test(name)) return 8;
  return 4;
}

/** Register operand slots of an encoding (3-bit low registers in 16-bit, aligned nibbles in 32-bit). */
function slotsOf(name: string, width: number, fields: readonly FieldSpec[]): { slots: Slot[]; others: FieldSpec[] } {
  const slots: Slot[] = [];
  const others: FieldSpec[] = [];
  const special16 = /^T16_(ADD|MOV|CMP)_hi$/.test(name);
  for (const f of fields) {
    others.push(f);
    if (!REG_LETTERS.has(f.letter) || special16) continue;
    if (width === 16) {
      if (f.bits.length === 3) slots.push({ letter: f.letter, lo: f.bits[2] ?? 0, width: 3 });
      continue;
    }
    if (name === 'T32_BFI' && f.letter === 'm') continue; // msb, not a register
    if (f.letter === 'l' && f.bits.length > 6) continue; // LDM/STM register list
    for (const lo of [0, 8, 12, 16]) {
      if ([0, 1, 2, 3].every((k) => f.bits.includes(lo + k))) slots.push({ letter: f.letter, lo, width: 4 });
    }
  }
  return { slots, others };
}

function popcount(x: number): number {
  let n = 0;
  for (let v = x; v !== 0; v &= v - 1) n++;
  return n;
}

export interface T32Options {
  /** Probability that an instruction starts an IT block (default 0.05). */
  readonly itProbability?: number;
  /** Probability of an FP/SIMD instruction (default 0: none). */
  readonly fpShare?: number;
  readonly exclude?: ReadonlySet<string>;
  readonly only?: ReadonlySet<string>;
}

/** 16-bit IT: 1011 1111 firstcond mask (A8.8 IT). */
const IT_BASE = 0xbf00;

export class T32Generator {
  readonly candidates: readonly Candidate[];
  readonly coverage: Coverage = new Map();
  private readonly fp: A32Generator | undefined;
  /** VFP encodings with a condition field (conditional inside IT blocks), without write-back forms. */
  private readonly fpIt: A32Generator | undefined;
  private readonly itP: number;
  private readonly fpShare: number;

  constructor(private readonly decoder: Decoder, opts: T32Options = {}) {
    this.itP = opts.itProbability ?? 0.05;
    this.fpShare = opts.fpShare ?? 0;
    if (this.fpShare > 0) {
      this.fp = new A32Generator(A32_DECODER, { fpOnly: true, condProbability: 0 });
      const conditional = new Set(
        this.fp.candidates
          .filter((c) => c.entry.def.pattern.startsWith('cccc') && !/^VLDM_/.test(c.entry.def.name))
          .map((c) => c.entry.def.name),
      );
      this.fpIt = new A32Generator(A32_DECODER, { fpOnly: true, condProbability: 0, only: conditional });
    }
    const list: Candidate[] = [];
    for (const entry of decoder.entries) {
      const name = entry.def.name;
      if (entry.def.random === false || SKIP.test(name)) continue;
      if (opts.exclude?.has(name) || (opts.only !== undefined && !opts.only.has(name))) continue;
      const { slots, others } = slotsOf(name, entry.cp.width, entry.cp.fields);
      const mem = memKind(name);
      const load = mem !== undefined && /^T\d\d_LD/.test(name);
      list.push({ entry, slots, others, mem, load, size: sizeOf(name) });
    }
    list.sort((a, b) => a.entry.index - b.entry.index);
    this.candidates = list;
  }

  names(): string[] {
    const fp = this.fp?.names().map((n) => `${n} (T32)`) ?? [];
    const it = this.itP > 0 ? ['T16_IT'] : [];
    return [...this.candidates.map((c) => c.entry.def.name), ...it, ...fp];
  }

  /**
   * Append one instruction, or an IT instruction and the 1-4 conditional instructions it governs,
   * to `out` without exceeding `room` entries. Words: 16-bit <= 0xffff, 32-bit hw1 << 16 | hw2.
   */
  next(rng: Prng, roles: Roles, t: Tracked, win: Window, out: number[], room: number): void {
    if (room >= 2 && rng.chance(this.itP)) {
      const n = 1 + rng.below(Math.min(4, room - 1));
      const first = rng.below(15);
      // mask: per further instruction its then/else bit, then a terminating 1 (A8.8 IT); AL: all then.
      let mask = 0;
      for (let i = 1; i < n; i++) {
        const bit = first === 14 ? 0 : rng.chance(0.5) ? first & 1 : (first & 1) ^ 1;
        mask |= bit << (4 - i);
      }
      mask |= 1 << (4 - n);
      out.push(IT_BASE | (first << 4) | mask);
      this.count('T16_IT');
      for (let i = 0; i < n; i++) out.push(this.one(rng, roles, t, win, true));
      return;
    }
    out.push(this.one(rng, roles, t, win, false));
  }

  private count(name: string): void {
    this.coverage.set(name, (this.coverage.get(name) ?? 0) + 1);
  }

  private one(rng: Prng, roles: Roles, t: Tracked, win: Window, inIt: boolean): number {
    for (let attempt = 0; attempt < 10_000; attempt++) {
      const fp = inIt ? this.fpIt : this.fp;
      if (fp !== undefined && rng.chance(this.fpShare)) {
        // VFP inside an IT block takes the IT condition (A7.3); Advanced SIMD stays outside.
        const before = new Map(fp.coverage);
        const w = a32FpToT32(fp.next(rng, roles, t, win));
        for (const [k, v] of fp.coverage) if (before.get(k) !== v) this.count(`${k} (T32)`);
        return w;
      }
      const c = rng.pick(this.candidates);
      const w = this.tryCandidate(c, rng, roles, t, win, inIt);
      if (w !== undefined) {
        this.count(c.entry.def.name);
        return w;
      }
    }
    throw new Error('random T32 generator: no acceptable instruction in 10000 attempts');
  }

  private tryCandidate(c: Candidate, rng: Prng, roles: Roles, t: Tracked, win: Window, inIt: boolean): number | undefined {
    const name = c.entry.def.name;
    const reserved = (r: number): boolean =>
      r === roles.fixedBase || r === roles.movingBase || r === roles.index || r === SP || r === PC;
    for (let k = 0; k < 8; k++) {
      let w = c.entry.cp.value;
      for (const f of c.others) w = withField(f, w, rng.bits(f.bits.length));
      // Small offsets keep far more accesses inside the window.
      if (c.mem === 't32imm12' && rng.chance(0.7)) w = ((w & ~0xfff) | rng.below(64)) >>> 0;
      const regs = new Map<number, number>();
      for (const s of c.slots) {
        const r = s.width === 3 ? rng.below(8) : rng.pick(OPERANDS);
        w = s.width === 3 ? ((w & ~(7 << s.lo)) | (r << s.lo)) >>> 0 : setNibble(w, s.lo, r);
        regs.set(s.lo, r);
      }
      if (/^T16_(ADD|MOV|CMP)_hi$/.test(name)) {
        const d = rng.pick(OPERANDS);
        const m = rng.pick(OPERANDS);
        w = ((w & ~0xff) | ((d & 8) << 4) | (m << 3) | (d & 7)) >>> 0;
        if (name === 'T16_CMP_hi' && d < 8 && m < 8) continue; // UNPREDICTABLE (A8.8 CMP (register) T2)
        if (name !== 'T16_CMP_hi' && reserved(d)) continue;
      }
      let access: Access | undefined;
      let base = -1;
      if (c.mem !== undefined) {
        const placed = this.placeMemory(c, w, rng, roles, t, reserved);
        if (placed === undefined) continue;
        ({ insn: w, base, access } = placed);
        if (inIt && (access.newBase !== undefined || c.mem === 'ldrex' || c.mem === 'ldrexbhd')) continue;
        const excl = c.mem === 'ldrex' || c.mem === 'ldrexbhd';
        if (excl && !c.load && t.monitorAddr !== -1 && (t.monitorAddr !== access.lo || t.monitorSize !== access.size)) continue;
        if (access.lo < win.lo || access.lo + access.size > win.hi || access.lo % access.align !== 0) continue;
        if (access.newBase !== undefined && (access.newBase < win.lo || access.newBase > win.hi)) continue;
        if (!c.load && !excl && overlapsMonitor(t, access)) continue;
        if (!this.memoryOperandsOk(c, w, base, access, reserved)) continue;
      } else {
        // Results never land in a role register or SP.
        let bad = false;
        for (const s of c.slots) if ('dtlhs'.includes(s.letter) && reserved(regs.get(s.lo) ?? 0)) bad = true;
        if (bad) continue;
        const lsb = (((w >>> 12) & 7) << 2) | ((w >>> 6) & 3);
        if ((name === 'T32_BFI' || name === 'T32_BFC') && (w & 31) < lsb) continue; // msb < lsb: UNPREDICTABLE (A8.8 BFC, BFI)
        if ((name === 'T32_SBFX' || name === 'T32_UBFX') && lsb + (w & 31) > 31) continue; // msbit > 31: UNPREDICTABLE (A8.8 SBFX, UBFX)
        if (/^T32_(SMULL|UMULL|SMLAL|UMLAL|UMAAL|SMLALxy|SMLALD|SMLSLD)$/.test(name) && ((w >>> 12) & 15) === ((w >>> 8) & 15)) continue;
      }
      // T32Decoder answers from its per-width decoders: compare definitions, not entries.
      if (this.decoder.decode(w)?.def !== c.entry.def) continue;
      const veto = c.entry.def.random;
      if (typeof veto === 'function' && !veto(w)) continue;

      if (access?.newBase !== undefined) {
        if (base === roles.movingBase) t.movingBase = access.newBase;
        else t.sp = access.newBase;
      }
      if (c.mem === 'ldrex' || c.mem === 'ldrexbhd') {
        if (c.load && access !== undefined) {
          t.monitorAddr = access.lo;
          t.monitorSize = access.size;
        } else t.monitorAddr = -1;
      }
      return w >>> 0;
    }
    return undefined;
  }

  /** Base, index and register list of a load/store; its access as the A8.8 pseudocode computes it. */
  private placeMemory(
    c: Candidate, w0: number, rng: Prng, roles: Roles, t: Tracked, reserved: (r: number) => boolean,
  ): { insn: number; base: number; access: Access } | undefined {
    let w = w0;
    const kind = c.mem;
    const valueOf = (r: number): number => (r === roles.fixedBase ? t.fixedBase : r === roles.movingBase ? t.movingBase : t.sp);
    let base: number;
    if (kind === 't16sp') base = SP;
    else if (kind === 't16reg' || kind === 't16imm') {
      base = rng.pick([roles.fixedBase, roles.movingBase]);
      w = ((w & ~(7 << 3)) | (base << 3)) >>> 0;
      if (kind === 't16reg') w = ((w & ~(7 << 6)) | (roles.index << 6)) >>> 0;
    } else if (kind === 't16ldm') {
      base = roles.movingBase; // always writes back (the base is never in a load's list: it is reserved)
      w = ((w & ~(7 << 8)) | (base << 8)) >>> 0;
    } else {
      base = rng.pick([roles.fixedBase, roles.movingBase, SP]);
      w = setNibble(w, 16, base);
      if (kind === 't32reg') w = setNibble(w, 0, roles.index);
    }
    const b = valueOf(base);
    const size = c.size;
    const apply = (up: boolean, off: number): number => (up ? b + off : b - off) >>> 0;
    let access: Access;
    switch (kind) {
      case 't16reg': access = { lo: (b + t.index) >>> 0, size, align: 1, newBase: undefined }; break;
      case 't16imm': access = { lo: (b + ((w >>> 6) & 31) * size) >>> 0, size, align: 1, newBase: undefined }; break;
      case 't16sp': access = { lo: (b + (w & 0xff) * 4) >>> 0, size: 4, align: 1, newBase: undefined }; break;
      case 't16ldm': case 't32ldm': {
        const wide = kind === 't32ldm';
        let list = wide ? w & 0x5fff : w & 0xff;
        const wb = !wide || ((w >>> 21) & 1) === 1;
        for (let r = 0; r < 16; r++) if ((c.load ? reserved(r) : wb && r === base) && list & (1 << r)) list &= ~(1 << r);
        if (popcount(list) < (wide ? 2 : 1)) return undefined; // T2 with fewer than two registers: UNPREDICTABLE
        w = wide ? ((w & ~0xffff) | list) >>> 0 : ((w & ~0xff) | list) >>> 0;
        const n = 4 * popcount(list);
        const db = c.entry.def.name.endsWith('DB');
        const lo = (db ? b - n : b) >>> 0;
        access = { lo, size: n, align: 4, newBase: wb ? (db ? b - n : b + n) >>> 0 : undefined };
        break;
      }
      case 't32imm12': access = { lo: (b + (w & 0xfff)) >>> 0, size, align: 1, newBase: undefined }; break;
      case 't32unpriv': access = { lo: (b + (w & 0xff)) >>> 0, size, align: 1, newBase: undefined }; break;
      case 't32imm8': {
        const p = ((w >>> 10) & 1) === 1;
        const addr = apply(((w >>> 9) & 1) === 1, w & 0xff);
        const wb = ((w >>> 8) & 1) === 1;
        access = { lo: p ? addr : b, size, align: 1, newBase: wb ? addr : undefined };
        break;
      }
      case 't32reg': {
        const off = (t.index << ((w >>> 4) & 3)) >>> 0;
        access = { lo: (b + off) >>> 0, size, align: 1, newBase: undefined };
        break;
      }
      case 't32dual': {
        const p = ((w >>> 24) & 1) === 1;
        const addr = apply(((w >>> 23) & 1) === 1, (w & 0xff) * 4);
        const wb = ((w >>> 21) & 1) === 1;
        access = { lo: p ? addr : b, size: 8, align: 4, newBase: wb ? addr : undefined };
        break;
      }
      case 'ldrex': access = { lo: (b + (w & 0xff) * 4) >>> 0, size: 4, align: 4, newBase: undefined }; break;
      case 'ldrexbhd': access = { lo: b, size, align: size, newBase: undefined }; break;
      default: return undefined;
    }
    if (access.newBase !== undefined && base === roles.fixedBase) return undefined;
    return { insn: w >>> 0, base, access };
  }

  /**
   * Data registers of a load/store: loads never write a role register or SP; write-back with the
   * base as Rt, LDRD/LDREXD with Rt == Rt2, STREX* with Rd == Rn/Rt/Rt2 are UNPREDICTABLE
   * (A8.8 STR, LDRD, LDREXD, STREX), so they are vetoed.
   */
  private memoryOperandsOk(c: Candidate, w: number, base: number, access: Access, reserved: (r: number) => boolean): boolean {
    const kind = c.mem;
    if (kind === 't16ldm' || kind === 't32ldm') return true;
    const wide = c.entry.cp.width === 32;
    const rt = !wide ? (kind === 't16sp' ? (w >>> 8) & 7 : w & 7) : (w >>> 12) & 15;
    const rt2 = kind === 't32dual' || c.entry.def.name.endsWith('REXD') ? (w >>> 8) & 15 : -1;
    if (c.load) {
      if (reserved(rt) || (rt2 >= 0 && (reserved(rt2) || rt2 === rt))) return false;
    } else {
      if (access.newBase !== undefined && (rt === base || rt2 === base)) return false;
      if (/^T32_STREX/.test(c.entry.def.name)) {
        const d = c.entry.def.name === 'T32_STREX' ? (w >>> 8) & 15 : w & 15;
        if (reserved(d) || d === base || d === rt || d === rt2) return false;
      }
    }
    return true;
  }
}

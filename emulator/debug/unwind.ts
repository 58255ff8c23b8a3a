// Call-stack unwinding by prologue analysis, A32 and T32 (PUSH/STMDB SP!, STR LR,[SP,#-4]!, SUB SP,
// VPUSH) from the function's ELF symbol up to the PC: gives the CFA and where LR was saved. A8.8 encodings;
// Hyp exception frames (MRS Rd, ELR_hyp: A8.8.110; B1.8.3 preferred return address in ELR_hyp).

import type { SymbolTable } from './symbols';

export interface UnwindRegs {
  pc: number;
  sp: number;
  /** LR value, valid only for the innermost frame of a context (undefined further out). */
  lr: number | undefined;
}

export interface CallerRegs {
  /** Return address (the caller's PC after the call). */
  readonly pc: number;
  /** The caller's SP (this frame's CFA). */
  readonly sp: number;
  /** The caller runs in Thumb state (bit 0 of the saved return address, A2.3.2 interworking). */
  readonly thumb: boolean;
  /**
   * Set when this frame is an exception entry stub: there is no caller on this stack, the
   * interrupted code continues at ELR_hyp. elr/spsr are the copies the stub pushed, when it has.
   */
  readonly exception?: { readonly elr?: number; readonly spsr?: number };
}

/** Where the bottom of the current stack lies, and which addresses hold code of known functions. */
export interface UnwindLimits {
  /** Highest address (exclusive) of the stack region the innermost SP lies in. */
  readonly stackTop: number;
  /** Is `addr` inside a known function (a real return address)? */
  isCode(addr: number): boolean;
}

/** What a prologue scan found: bytes SP was lowered by before pc, and LR's slot below the CFA. */
interface Prologue {
  adjust: number;
  lrAt: number | undefined;
  /** Registers that hold ELR_hyp / SPSR (MRS), and the slots below the CFA they were pushed to. */
  elrReg: number;
  spsrReg: number;
  elrAt: number | undefined;
  spsrAt: number | undefined;
}

const newPrologue = (): Prologue => ({ adjust: 0, lrAt: undefined, elrReg: -1, spsrReg: -1, elrAt: undefined, spsrAt: undefined });

/** Bytes a register list occupies and LR's slot (from the CFA) when the list is pushed at `adjust`. */
function pushList(p: Prologue, list: number): void {
  let count = 0;
  for (let r = 0; r < 16; r++) if (list & (1 << r)) count++;
  // The lowest register goes to the lowest address (A8.8.199 STMDB): slot i is at new adjust - 4i.
  const top = p.adjust + count * 4;
  for (let r = 0, i = 0; r < 16; r++) {
    if (!(list & (1 << r))) continue;
    const at = top - 4 * i++;
    if (r === 14) p.lrAt = at;
    if (r === p.elrReg) p.elrAt = at;
    if (r === p.spsrReg) p.spsrAt = at;
  }
  p.adjust = top;
}

/** MRS Rd, ELR_hyp / SPSR / SPSR_hyp (A8.8.109, A8.8.110), A32: records which register got which. */
function mrsA32(p: Prologue, insn: number): boolean {
  const k = insn & 0x0fff0fff;
  const rd = (insn >>> 12) & 15;
  if (k === 0x010e0300) { p.elrReg = rd; return true; }
  if (k === 0x014f0000 || k === 0x014e0300) { p.spsrReg = rd; return true; }
  return false;
}

/** The same for T32 (f3ee 8d30 = MRS Rd, ELR_hyp; f3ff 8d00 = MRS Rd, SPSR; f3fe 8d30 = SPSR_hyp). */
function mrsT32(p: Prologue, hw1: number, hw2: number): boolean {
  const rd = (hw2 >>> 8) & 15;
  if (hw1 === 0xf3ee && (hw2 & 0xf0ff) === 0x8030) { p.elrReg = rd; return true; }
  if ((hw1 === 0xf3ff && (hw2 & 0xf0ff) === 0x8000) || (hw1 === 0xf3fe && (hw2 & 0xf0ff) === 0x8030)) { p.spsrReg = rd; return true; }
  return false;
}

/** ARM modified immediate (A5.2.4): imm8 rotated right by 2*rot. */
function armImm(imm12: number): number {
  const rot = (imm12 >>> 8) * 2;
  const v = imm12 & 0xff;
  return rot === 0 ? v : ((v >>> rot) | (v << (32 - rot))) >>> 0;
}

/** True for instructions that end a prologue scan: branches of any kind. */
function isBranch(insn: number): boolean {
  // Conditional branches are skipped over: gcc's shrink-wrapping puts `bxeq lr` before the push.
  if (insn >>> 28 !== 0xe) return false;
  if ((insn & 0x0e000000) === 0x0a000000) return true; // B, BL, BLX(imm)
  if ((insn & 0x0ffffff0) === 0x012fff10 || (insn & 0x0ffffff0) === 0x012fff30) return true; // BX, BLX(reg)
  if ((insn & 0x0000f000) === 0x0000f000 && (insn & 0x0c000000) === 0x00000000 && (insn & 0x0e000010) !== 0x00000010) return true; // ALU to PC
  return false;
}

/**
 * Unwind one frame. Returns the caller's registers, or undefined when this frame cannot be
 * unwound (no symbol, LR neither saved nor live, or a nonsensical result).
 */
/** A32 prologue scan (A8.8.133 PUSH, A8.8.206 STR pre-indexed, A8.8.222 SUB SP, A8.8.368 VPUSH). */
function scanA32(start: number, pc: number, read32: (a: number) => number | undefined): Prologue | undefined {
  const p = newPrologue();
  for (let a = start, n = 0; a < pc && n < 64; a += 4, n++) {
    const insn = read32(a);
    if (insn === undefined) return undefined;
    if (mrsA32(p, insn)) continue;
    if ((insn & 0x0fff0000) === 0x092d0000) pushList(p, insn & 0xffff); // STMDB SP!, {list}
    else if ((insn & 0x0fffffff) === 0x052de004) { p.lrAt = p.adjust + 4; p.adjust += 4; } // STR LR, [SP, #-4]!
    else if ((insn & 0x0ffff000) === 0x024dd000) p.adjust += armImm(insn & 0xfff); // SUB SP, SP, #imm
    else if ((insn & 0x0fbf0e00) === 0x0d2d0a00) p.adjust += (insn & 0xff) * 4; // VPUSH
    else if (isBranch(insn)) break;
  }
  return p;
}

/** ThumbExpandImm (A6.3.2) of i:imm3:imm8, for SUB.W SP, SP, #const. */
function thumbImm(imm12: number): number {
  const imm8 = imm12 & 0xff;
  switch (imm12 >>> 8) {
    case 0: return imm8;
    case 1: return ((imm8 << 16) | imm8) >>> 0;
    case 2: return ((imm8 << 24) | (imm8 << 8)) >>> 0;
    case 3: return ((imm8 << 24) | (imm8 << 16) | (imm8 << 8) | imm8) >>> 0;
    default: {
      const v = 0x80 | (imm12 & 0x7f);
      const rot = imm12 >>> 7;
      return ((v >>> rot) | (v << (32 - rot))) >>> 0;
    }
  }
}

/**
 * T32 prologue scan: PUSH T1 (b4xx/b5xx), PUSH.W T2 (STMDB SP!, e92d), PUSH.W T3 (STR Rt,[SP,#-4]!,
 * f84d xd04), SUB SP T1 (b08x), SUB.W T2 / SUBW T3 SP, SP, #imm (f1ad/f5ad, f2ad/f6ad), VPUSH
 * (ed2d/ed6d). Unconditional branches and calls (B T2, B.W/BL, BX/BLX) end the prologue.
 */
function scanT32(start: number, pc: number, read32: (a: number) => number | undefined): Prologue | undefined {
  const p = newPrologue();
  for (let a = start, n = 0; a < pc && n < 96; n++) {
    const w = read32(a);
    if (w === undefined) return undefined;
    const hw1 = w & 0xffff;
    const hw2 = w >>> 16;
    if (hw1 >>> 11 < 0x1d) {
      a += 2;
      if ((hw1 & 0xfe00) === 0xb400) pushList(p, (hw1 & 0xff) | ((hw1 & 0x100) << 6)); // PUSH {list[, lr]}
      else if ((hw1 & 0xff80) === 0xb080) p.adjust += (hw1 & 0x7f) * 4; // SUB SP, SP, #imm7*4
      else if ((hw1 & 0xf800) === 0xe000 || (hw1 & 0xff00) === 0x4700) break; // B T2, BX, BLX reg
      continue;
    }
    a += 4;
    if (mrsT32(p, hw1, hw2)) continue;
    if (hw1 === 0xe92d) pushList(p, hw2); // STMDB SP!, {list}
    else if (hw1 === 0xf84d && (hw2 & 0x0fff) === 0x0d04) { // STR Rt, [SP, #-4]!
      if (hw2 >>> 12 === 14) p.lrAt = p.adjust + 4;
      p.adjust += 4;
    } else if ((hw1 & 0xfbff) === 0xf1ad && (hw2 & 0x8f00) === 0x0d00) { // SUB.W SP, SP, #const
      p.adjust += thumbImm(((hw1 & 0x400) << 1) | ((hw2 >>> 4) & 0x700) | (hw2 & 0xff));
    } else if ((hw1 & 0xfbff) === 0xf2ad && (hw2 & 0x8f00) === 0x0d00) { // SUBW SP, SP, #imm12
      p.adjust += ((hw1 & 0x400) << 1) | ((hw2 >>> 4) & 0x700) | (hw2 & 0xff);
    } else if ((hw1 & 0xffbf) === 0xed2d && (hw2 & 0x0e00) === 0x0a00) p.adjust += (hw2 & 0xff) * 4; // VPUSH
    else if ((hw1 & 0xf800) === 0xf000 && (hw2 & 0xd000) === 0x9000) break; // B.W T4
    else if ((hw1 & 0xf800) === 0xf000 && (hw2 & 0xc000) === 0xc000) break; // BL, BLX imm
  }
  return p;
}

/**
 * Is the code at `start` an exception entry stub: does it read ELR_hyp before its first branch or
 * call? Such code is entered from the vector table, not called: its LR is the interrupted code's.
 */
function isExceptionEntry(start: number, thumb: boolean, read32: (a: number) => number | undefined): boolean {
  const p = newPrologue();
  for (let a = start, n = 0; n < 24; n++) {
    const w = read32(a);
    if (w === undefined) return false;
    if (!thumb) {
      if (mrsA32(p, w) && p.elrReg >= 0) return true;
      if (isBranch(w)) return false;
      a += 4;
      continue;
    }
    const hw1 = w & 0xffff;
    if (hw1 >>> 11 < 0x1d) {
      if ((hw1 & 0xf800) === 0xe000 || (hw1 & 0xff00) === 0x4700) return false;
      a += 2;
      continue;
    }
    if (mrsT32(p, hw1, w >>> 16) && p.elrReg >= 0) return true;
    if ((hw1 & 0xf800) === 0xf000 && ((w >>> 16) & 0xc000) >= 0x8000 && ((w >>> 16) & 0x5000) !== 0) return false; // B.W, BL, BLX
    a += 4;
  }
  return false;
}

/**
 * Unwind one frame. Returns the caller's registers, or undefined at the bottom of the stack.
 *
 * The rule, in order:
 * 1. The frame's function is found by its symbol; its prologue (from the symbol up to the PC) gives
 *    the CFA (the caller's SP) and the slot LR was saved to. A function with no saved LR returns
 *    through the live LR, which only the innermost frame of a context knows.
 * 2. A stub that reads ELR_hyp (an exception entry, B1.8.3) has no caller on this stack: the result
 *    is marked `exception` (with the ELR/SPSR copies it pushed) and the interrupted code continues
 *    at ELR_hyp, under the trap pseudo-frame. The LR it saved belongs to the interrupted code.
 * 3. The walk ends cleanly (undefined) at the bottom of a stack: a return address of zero or not
 *    inside a known function (a label in a $d run or a stray word is not code), or a caller SP
 *    below this frame's SP, unaligned, or outside the stack region (above `limits.stackTop`).
 *    Frames past such a point would not be real.
 */
export function unwindFrame(regs: UnwindRegs, syms: SymbolTable | undefined, read32: (a: number) => number | undefined, limits?: UnwindLimits): CallerRegs | undefined {
  const fn = syms?.at(regs.pc);
  if (!fn) return undefined;
  const thumb = fn.thumb || syms?.mappingAt(regs.pc)?.kind === 't';
  const p = thumb ? scanT32(fn.value, regs.pc, read32) : scanA32(fn.value, regs.pc, read32);
  if (!p) return undefined;
  const cfa = (regs.sp + p.adjust) >>> 0;
  if (fn.type !== 2 && isExceptionEntry(fn.value, thumb, read32)) {
    const elr = p.elrAt !== undefined ? read32((cfa - p.elrAt) >>> 0) : undefined;
    const spsr = p.spsrAt !== undefined ? read32((cfa - p.spsrAt) >>> 0) : undefined;
    return { pc: elr ?? 0, sp: cfa, thumb: spsr !== undefined && ((spsr >>> 5) & 1) === 1, exception: { elr, spsr } };
  }
  let ret: number | undefined;
  if (p.lrAt !== undefined && regs.pc > fn.value) ret = read32((cfa - p.lrAt) >>> 0);
  else if (fn.type === 2) ret = regs.lr;
  else return undefined; // an assembly label (vector stub): LR is not a return address here
  if (ret === undefined || ret === 0) return undefined;
  const callerThumb = (ret & 1) === 1;
  const pc = (callerThumb ? ret & ~1 : ret & ~3) >>> 0;
  if (pc === regs.pc && cfa === regs.sp) return undefined;
  if (limits) {
    if (!limits.isCode(pc)) return undefined;
    if (cfa < regs.sp >>> 0 || (cfa & 3) !== 0 || cfa > limits.stackTop) return undefined;
  }
  return { pc, sp: cfa, thumb: callerThumb };
}

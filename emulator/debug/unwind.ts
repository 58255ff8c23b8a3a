// Call-stack unwinding by A32 prologue analysis (PUSH/STMDB SP!, STR LR,[SP,#-4]!, SUB SP, VPUSH)
// from the function's ELF symbol up to the PC: gives the CFA and where LR was saved. A8.8 encodings.

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
export function unwindFrame(regs: UnwindRegs, syms: SymbolTable | undefined, read32: (a: number) => number | undefined): CallerRegs | undefined {
  const fn = syms?.at(regs.pc);
  if (!fn || fn.thumb) return undefined;
  let adjust = 0; // bytes pushed/allocated by the prologue before pc
  let lrAt: number | undefined; // saved LR at CFA - lrAt
  // Walk forward: each push lowers SP; remember LR's slot as an offset from the CFA.
  for (let a = fn.value, n = 0; a < regs.pc && n < 64; a += 4, n++) {
    const insn = read32(a);
    if (insn === undefined) return undefined;
    if ((insn & 0x0fff0000) === 0x092d0000) {
      // STMDB SP!, {list} (PUSH): the highest register at the highest address.
      const list = insn & 0xffff;
      let count = 0;
      for (let r = 0; r < 16; r++) if (list & (1 << r)) count++;
      if (list & (1 << 14)) {
        // LR's slot: below the registers above it in the list (only PC), measured from the CFA.
        const above = list & (1 << 15) ? 1 : 0;
        lrAt = adjust + 4 * (above + 1);
      }
      adjust += count * 4;
    } else if ((insn & 0x0fffffff) === 0x052de004) {
      lrAt = adjust + 4; // STR LR, [SP, #-4]!
      adjust += 4;
    } else if ((insn & 0x0ffff000) === 0x024dd000) {
      adjust += armImm(insn & 0xfff); // SUB SP, SP, #imm
    } else if ((insn & 0x0fbf0e00) === 0x0d2d0a00) {
      adjust += (insn & 0xff) * 4; // VPUSH
    } else if (isBranch(insn)) {
      break;
    }
  }
  const cfa = (regs.sp + adjust) >>> 0;
  let ret: number | undefined;
  if (lrAt !== undefined && regs.pc > fn.value) ret = read32((cfa - lrAt) >>> 0);
  else if (fn.type === 2) ret = regs.lr;
  else return undefined; // an assembly label (vector stub): LR is not a return address here
  if (ret === undefined || ret === 0) return undefined;
  ret = ret & 1 ? ret : ret & ~3;
  if (ret >>> 0 === regs.pc && cfa === regs.sp) return undefined;
  return { pc: ret >>> 0, sp: cfa };
}

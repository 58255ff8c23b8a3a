// Disassembler front end over the shared decode tables: one word (A32) or one or two halfwords
// (T32) to GNU objdump-style text. Unknown encodings print as objdump does for data.

import { A32_DECODER } from '../decode/a32/index';
import type { Decoder } from '../decode/decoder';

export interface Disassembly {
  /** Instruction size in bytes. */
  readonly size: 2 | 4;
  /** objdump-style text ("mov\tr0, #1"). */
  readonly text: string;
  /** Name of the matching encoding, or undefined when no table knows it. */
  readonly encoding: string | undefined;
}

/** The T32 decoder and its length rule, installed by the Thumb module. */
export const thumbDisasm: {
  decoder: Decoder | undefined;
} = { decoder: undefined };

export function disassembleA32(insn: number, addr: number, symbol?: (a: number) => string | undefined): Disassembly {
  const e = A32_DECODER.decode(insn >>> 0);
  if (!e) return { size: 4, text: `.word\t0x${(insn >>> 0).toString(16).padStart(8, '0')}`, encoding: undefined };
  return { size: 4, text: e.def.dis(insn >>> 0, { addr, symbol }), encoding: e.def.name };
}

/** 32-bit Thumb encodings start with 0b11101, 0b11110 or 0b11111 in the first halfword (A6.1). */
export function isThumb32(hw1: number): boolean {
  return (hw1 >>> 11) >= 0x1d;
}

/** `it` is the ITSTATE for this instruction when it lies in an IT block (its condition is printed). */
export function disassembleT32(hw1: number, hw2: number, addr: number, symbol?: (a: number) => string | undefined, it?: number): Disassembly {
  const wide = isThumb32(hw1);
  const size = wide ? 4 : 2;
  const word = wide ? (((hw1 << 16) | hw2) >>> 0) : hw1;
  const dec = thumbDisasm.decoder;
  const e = dec?.decode(word);
  if (!e) {
    const text = wide ? `.word\t0x${word.toString(16).padStart(8, '0')}` : `.short\t0x${hw1.toString(16).padStart(4, '0')}`;
    return { size, text, encoding: undefined };
  }
  return { size, text: e.def.dis(word, { addr, symbol, it }), encoding: e.def.name };
}

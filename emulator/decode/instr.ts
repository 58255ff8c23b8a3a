// The shape of one encoding in a decode table: pattern, executor, disassembler, generator hints.
// Every instruction set table (A32, T32) is a list of these; see decoder.ts for how they compile.

import type { Cpu } from '../cpu/cpu';

/** Executes one instruction. PC reads as the architectural value (address + 8 in A32). */
export type Exec = (cpu: Cpu, insn: number) => void;

export interface DisasmEnv {
  /** Address of the instruction being disassembled. */
  readonly addr: number;
  /** Optional symbolizer for branch targets: returns e.g. "main" or "main+0x10". */
  readonly symbol?: (addr: number) => string | undefined;
  /** ITSTATE in effect for this instruction (T32 inside an IT block: the condition is printed). */
  readonly it?: number;
}

/** Returns GNU objdump-style text: mnemonic, a tab, operands (e.g. "add\tr0, r1, r2, lsl #2"). */
export type Disasm = (insn: number, env: DisasmEnv) => string;

export interface InstrDef {
  /** Unique name, e.g. 'ADD_reg'. */
  readonly name: string;
  /** Bit pattern, see pattern.ts. A32 patterns whose top nibble is 'cccc' never match cond == 0b1111. */
  readonly pattern: string;
  readonly exec: Exec;
  readonly dis: Disasm;
  /** Extra decode constraint on top of the pattern (e.g. "not Rd == 15"); false = no match. */
  readonly match?: (insn: number) => boolean;
  /**
   * Random-instruction generator hint: false excludes the encoding from random streams (branches,
   * exceptions, system instructions); a function may veto UNPREDICTABLE operand combinations.
   */
  readonly random?: boolean | ((insn: number) => boolean);
  /**
   * Fast-path code generator (emulator/cpu/jit.ts): JS statements with the same effect as `exec`
   * for this word at address `pc`, using the locals `cpu` and `r` (= cpu.r). Returns undefined when
   * the word must go through `exec` (e.g. it writes the PC). Must not take exceptions other than
   * memory aborts thrown by the cpu.readN/writeN methods (set `cpu.pc` first: the block compiler does it).
   */
  readonly gen?: (insn: number, pc: number) => string | undefined;
  /** Set for generated code that always ends the block (it wrote cpu.nextPc: a branch). */
  readonly genEndsBlock?: boolean;
  /** Generated code accesses memory (the block compiler records the PC and checks attention). */
  readonly genMemory?: boolean;
}

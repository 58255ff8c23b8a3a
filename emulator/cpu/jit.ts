// The fast path: straight-line runs of A32 and T32 instructions compiled into one JS function each,
// from the `gen` templates of the decode tables; anything else runs through its `exec` handler.
// The interpreter (interpreter.ts) is the reference; the fast-path test runs both and compares.

import type { Cpu } from './cpu';
import type { Exec, InstrDef } from '../decode/instr';
import type { A32Cache } from './interpreter';

/**
 * A compiled block: adds retired instructions to cpu.icount as it goes and returns how many it
 * retired since its last update; leaves cpu.nextPc set.
 */
export type BlockFn = (cpu: Cpu, r: Uint32Array, x: readonly Exec[]) => number;

export interface Block {
  readonly fn: BlockFn;
  /** Maximum number of instructions the block retires. */
  readonly length: number;
}

/** Handler number of a decode-cache entry no table matched (handler numbers are index + 1). */
export const UNKNOWN_HANDLER = 0xffff;

/** Blocks stop at this many instructions so budgets and timers stay fine-grained. */
const MAX_BLOCK = 32;
/** A block is compiled the second time its start address runs (cold code stays interpreted). */
export const COMPILE_THRESHOLD = 2;

/** Condition expressions (A8.3 Table A8-1) over the CPU's 0/1 flag fields. */
export function condJs(cond: number): string {
  return cond >= 0xe ? 'true' : COND_JS[cond];
}

const COND_JS = [
  'cpu.z === 1', 'cpu.z === 0', 'cpu.c === 1', 'cpu.c === 0', 'cpu.n === 1', 'cpu.n === 0', 'cpu.v === 1', 'cpu.v === 0',
  '(cpu.c === 1 && cpu.z === 0)', '!(cpu.c === 1 && cpu.z === 0)', 'cpu.n === cpu.v', 'cpu.n !== cpu.v',
  '(cpu.z === 0 && cpu.n === cpu.v)', '!(cpu.z === 0 && cpu.n === cpu.v)',
];

/**
 * Assembles one block's text. cpu.icount is kept exact at every point where something can observe
 * it (a handler, a memory access that may reach a device or fault): `synced` instructions have
 * been added so far; the function returns the rest.
 */
class BlockText {
  private readonly parts: string[] = ['const g = cpu.fetchGen;'];
  /** Instructions in the block so far. */
  n = 0;
  private synced = 0;

  private sync(): string {
    const d = this.n - this.synced;
    this.synced = this.n;
    return d > 0 ? `cpu.icount += ${d}; ` : '';
  }

  /** An instruction through its handler, with the per-instruction state it expects; ends the block. */
  handler(setup: string, call: string): void {
    this.parts.push(`${this.sync()}${setup} ${call} return 1;`);
    this.n++;
  }

  /** Generated code that wrote cpu.nextPc (a branch); ends the block. */
  branch(code: string): void {
    this.parts.push(`${code} return ${this.n + 1 - this.synced};`);
    this.n++;
  }

  /** Generated code that accesses memory: record the PC, then stop if a device wants attention. */
  memory(setup: string, code: string, next: number): void {
    const pre = this.sync();
    this.parts.push(`${pre}${setup} ${code} if (cpu.attention || cpu.fetchGen !== g) { cpu.nextPc = ${next}; return 1; }`);
    this.n++;
  }

  plain(code: string): void {
    this.parts.push(code);
    this.n++;
  }

  /** The block ran off its end: continue at `next`. */
  end(next: number): void {
    this.parts.push(`cpu.nextPc = ${next}; return ${this.n - this.synced};`);
  }

  compile<F>(...params: string[]): F {
    // The text only ever contains numbers, register indices and fixed templates.
    return new Function(...params, this.parts.join('\n')) as F;
  }
}

/**
 * Compile the A32 block starting at word `idx` of a decoded code page. Returns null when the first
 * instruction cannot start a block (unknown encoding).
 */
export function compileBlock(cache: A32Cache, code: Uint16Array, ram32: Uint32Array, host: number, pageVa: number, idx: number): Block | null {
  const entries = cache.decoder.entries;
  const t = new BlockText();
  const bpWords = cache.bpWords;
  let i = idx;
  for (; i < 1024 && t.n < MAX_BLOCK; i++) {
    // A breakpoint (other than on the first instruction, which the run loop checked) ends the
    // block just before it, so the run loop sees it.
    if (i !== idx && bpWords !== undefined && bpWords[i << 1] !== 0) break;
    const insn = ram32[(host >>> 2) + i];
    let h = code[i];
    if (h === 0) h = cache.decodeInto(code, i, insn);
    if (h === UNKNOWN_HANDLER) break; // unknown: the interpreter reports it
    const def = entries[h - 1].def;
    const pc = (pageVa + i * 4) >>> 0;
    const cond = insn >>> 28;
    const body = def.gen?.(insn, pc);
    if (body === undefined) {
      t.handler(`cpu.pc = ${pc}; cpu.nextPc = ${(pc + 4) >>> 0}; r[15] = ${(pc + 8) >>> 0};`,
        `${cond < 0xe ? `if (${COND_JS[cond]}) ` : ''}x[${h - 1}](cpu, ${insn >>> 0});`);
      return { fn: t.compile<BlockFn>('cpu', 'r', 'x'), length: t.n };
    }
    const guarded = cond < 0xe ? `if (${COND_JS[cond]}) ${body}` : body;
    if (def.genEndsBlock) {
      t.branch(`cpu.nextPc = ${(pc + 4) >>> 0}; ${guarded}`);
      return { fn: t.compile<BlockFn>('cpu', 'r', 'x'), length: t.n };
    }
    if (def.genMemory) t.memory(`cpu.pc = ${pc};`, guarded, (pc + 4) >>> 0);
    else t.plain(guarded);
  }
  if (t.n === 0) return null;
  t.end((pageVa + i * 4) >>> 0);
  return { fn: t.compile<BlockFn>('cpu', 'r', 'x'), length: t.n };
}

/** Thumb blocks: (cpu, r, x = T32 handlers, iss = the T32 abort-syndrome record). */
export type ThumbBlockFn = (cpu: Cpu, r: Uint32Array, x: readonly Exec[], iss: object) => number;

export interface ThumbBlock {
  readonly fn: ThumbBlockFn;
  readonly length: number;
}

/**
 * Compile a T32 block starting at halfword `hidx` of a page. Blocks only start outside IT blocks
 * and end at any instruction without a template (IT itself among them), so every compiled
 * instruction is unconditional or carries its own condition (B<c>). A 32-bit instruction that
 * would cross the page end stops the block.
 */
export function compileThumbBlock(
  ram16: Uint16Array, host: number, pageVa: number, hidx: number,
  decode: (insn: number) => number, defs: readonly InstrDef[], bpWords: Uint8Array | undefined,
): ThumbBlock | null {
  const t = new BlockText();
  let i = hidx;
  while (i < 2048 && t.n < MAX_BLOCK) {
    if (i !== hidx && bpWords !== undefined && bpWords[i] !== 0) break;
    const hw1 = ram16[(host >>> 1) + i];
    const wide = hw1 >= 0xe800;
    if (wide && i === 2047) break;
    const insn = wide ? (((hw1 << 16) | ram16[(host >>> 1) + i + 1]) >>> 0) : hw1;
    const len = wide ? 4 : 2;
    const h = decode(insn);
    if (h === UNKNOWN_HANDLER) break;
    const def = defs[h - 1];
    const pc = (pageVa + i * 2) >>> 0;
    const body = def.gen?.(insn, pc);
    if (body === undefined) {
      t.handler(`cpu.pc = ${pc}; cpu.nextPc = ${(pc + len) >>> 0}; r[15] = ${(pc + 4) >>> 0}; cpu.insnLen = ${len}; iss.valid = false;`,
        `x[${h - 1}](cpu, ${insn});`);
      return { fn: t.compile<ThumbBlockFn>('cpu', 'r', 'x', 'iss'), length: t.n };
    }
    if (def.genEndsBlock) {
      t.branch(body);
      return { fn: t.compile<ThumbBlockFn>('cpu', 'r', 'x', 'iss'), length: t.n };
    }
    if (def.genMemory) t.memory(`cpu.pc = ${pc}; cpu.insnLen = ${len};`, body, (pc + len) >>> 0);
    else t.plain(body);
    i += len >>> 1;
  }
  if (t.n === 0) return null;
  t.end((pageVa + i * 2) >>> 0);
  return { fn: t.compile<ThumbBlockFn>('cpu', 'r', 'x', 'iss'), length: t.n };
}

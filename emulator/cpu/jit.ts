// The fast path: straight-line runs of A32 instructions compiled into one JS function each, from
// the `gen` templates of the decode table; anything else runs through its `exec` handler. The
// interpreter (interpreter.ts) is the reference; random and guest tests run both and compare.

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
 * Compile the block starting at page offset `idx` (word index) of a decoded code page. Returns
 * null when the first instruction cannot start a block (unknown encoding).
 */
export function compileBlock(cache: A32Cache, code: Uint16Array, ram32: Uint32Array, host: number, pageVa: number, idx: number): Block | null {
  const entries = cache.decoder.entries;
  const parts: string[] = ['const g = cpu.fetchGen;'];
  let n = 0;
  // cpu.icount is kept exact at every point where something can observe it (a handler, a memory
  // access that may reach a device or fault): `synced` instructions have been added so far.
  let synced = 0;
  const sync = (): string => {
    const d = n - synced;
    synced = n;
    return d > 0 ? `cpu.icount += ${d}; ` : '';
  };
  const bpWords = cache.bpWords;
  for (let i = idx; i < 1024 && n < MAX_BLOCK; i++) {
    // A breakpoint (other than on the first instruction, which the run loop checked) ends the
    // block just before it, so the run loop sees it.
    if (i !== idx && bpWords !== undefined && bpWords[i << 1] !== 0) break;
    const insn = ram32[(host >>> 2) + i];
    let h = code[i];
    if (h === 0) h = cache.decodeInto(code, i, insn);
    if (h === 0xffff) break; // unknown: the interpreter reports it
    const def = entries[h - 1].def;
    const pc = (pageVa + i * 4) >>> 0;
    const cond = insn >>> 28;
    const body = def.gen?.(insn, pc);
    if (body === undefined) {
      // Through the handler, with the full per-instruction state it expects; ends the block.
      parts.push(
        `${sync()}cpu.pc = ${pc}; cpu.nextPc = ${(pc + 4) >>> 0}; r[15] = ${(pc + 8) >>> 0};` +
          (cond < 0xe ? ` if (${COND_JS[cond]}) ` : ' ') + `x[${h - 1}](cpu, ${insn >>> 0});` +
          ' return 1;',
      );
      n++;
      return finish(parts, n);
    }
    const guarded = cond < 0xe ? `if (${COND_JS[cond]}) ${body}` : body;
    if (def.genEndsBlock) {
      parts.push(`cpu.nextPc = ${(pc + 4) >>> 0}; ${guarded} return ${n + 1 - synced};`);
      n++;
      return finish(parts, n);
    }
    if (def.genMemory) {
      const pre = sync();
      parts.push(`${pre}cpu.pc = ${pc}; ${guarded} if (cpu.attention || cpu.fetchGen !== g) { cpu.nextPc = ${(pc + 4) >>> 0}; return 1; }`);
    } else {
      parts.push(guarded);
    }
    n++;
  }
  if (n === 0) return null;
  parts.push(`cpu.nextPc = ${(pageVa + (idx + n) * 4) >>> 0}; return ${n - synced};`);
  return finish(parts, n);
}

function finish(parts: string[], n: number): Block {
  // The generated text only ever contains numbers, register indices and fixed templates.
  const fn = new Function('cpu', 'r', 'x', parts.join('\n')) as BlockFn;
  return { fn, length: n };
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
 * instruction is unconditional or carries its own condition (B<c>). 32-bit instructions that would
 * cross the page end stop the block.
 */
export function compileThumbBlock(
  ram16: Uint16Array, host: number, pageVa: number, hidx: number,
  decode: (insn: number) => number, defs: readonly InstrDef[], bpWords: Uint8Array | undefined,
): ThumbBlock | null {
  const parts: string[] = ['const g = cpu.fetchGen;'];
  let n = 0;
  let synced = 0;
  const sync = (): string => {
    const d = n - synced;
    synced = n;
    return d > 0 ? `cpu.icount += ${d}; ` : '';
  };
  let i = hidx;
  while (i < 2048 && n < MAX_BLOCK) {
    if (i !== hidx && bpWords !== undefined && bpWords[i] !== 0) break;
    const hw1 = ram16[(host >>> 1) + i];
    const wide = hw1 >= 0xe800;
    if (wide && i === 2047) break;
    const insn = wide ? (((hw1 << 16) | ram16[(host >>> 1) + i + 1]) >>> 0) : hw1;
    const len = wide ? 4 : 2;
    const h = decode(insn);
    if (h === 0xffff) break;
    const def = defs[h - 1];
    const pc = (pageVa + i * 2) >>> 0;
    const body = def.gen?.(insn, pc);
    if (body === undefined) {
      parts.push(
        `${sync()}cpu.pc = ${pc}; cpu.nextPc = ${(pc + len) >>> 0}; r[15] = ${(pc + 4) >>> 0}; cpu.insnLen = ${len}; ` +
          `iss.valid = false; x[${h - 1}](cpu, ${insn}); return 1;`,
      );
      n++;
      return finishThumb(parts, n);
    }
    if (def.genEndsBlock) {
      parts.push(`${body} return ${n + 1 - synced};`);
      n++;
      return finishThumb(parts, n);
    }
    if (def.genMemory) {
      const pre = sync();
      parts.push(`${pre}cpu.pc = ${pc}; cpu.insnLen = ${len}; ${body} if (cpu.attention || cpu.fetchGen !== g) { cpu.nextPc = ${(pc + len) >>> 0}; return 1; }`);
    } else {
      parts.push(body);
    }
    n++;
    i += len >>> 1;
  }
  if (n === 0) return null;
  parts.push(`cpu.nextPc = ${(pageVa + i * 2) >>> 0}; return ${n - synced};`);
  return finishThumb(parts, n);
}

function finishThumb(parts: string[], n: number): ThumbBlock {
  const fn = new Function('cpu', 'r', 'x', 'iss', parts.join('\n')) as ThumbBlockFn;
  return { fn, length: n };
}

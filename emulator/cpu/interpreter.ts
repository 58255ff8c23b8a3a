// The instruction loop: fetch through the soft TLB, decode once per physical page (cached),
// check the condition, execute. A2.3 (PC reads), A8.3 (conditional execution).

import type { Cpu } from './cpu';
import type { Decoder } from '../decode/decoder';
import type { Exec, InstrDef } from '../decode/instr';
import { GuestAbort } from './fault';
import { takeAbort } from './exceptions';
import { A32_DECODER } from '../decode/a32/index';
import { compileBlock, compileThumbBlock, COMPILE_THRESHOLD, UNKNOWN_HANDLER, type Block, type ThumbBlock } from './jit';

/** Raised when the emulator meets an encoding no table knows: the run stops with a precise error. */
export class UnknownEncoding {
  constructor(readonly pc: number, readonly insn: number, readonly thumb: boolean) {}
}

/**
 * Thumb execution, installed by the T32 module (cpu/thumb.ts): `step` executes one instruction at
 * cpu.pc; the rest lets the fast path compile T32 blocks from the same table.
 */
export const thumbHooks: {
  step: ((cpu: Cpu) => void) | undefined;
  execs?: readonly Exec[];
  defs?: readonly InstrDef[];
  decode?: (insn: number) => number;
  iss?: object;
} = { step: undefined };

const UNKNOWN = UNKNOWN_HANDLER;
/** At most this many compiled blocks live at once (each is a JS function of up to 32 instructions). */
const MAX_COMPILED_BLOCKS = 20_000;

/** Per-RAM-page decode cache for A32: entry = handler index + 1, 0 = not decoded yet. */
export class A32Cache {
  private readonly pages: (Uint16Array | undefined)[];
  /** Compiled fast-path blocks per RAM page, by word index: undefined = not yet, null = cannot. */
  private readonly blockPages: ((Block | null | undefined)[] | undefined)[];
  private readonly hitPages: (Uint8Array | undefined)[];
  /** Compiled T32 blocks per RAM page, by halfword index. */
  private readonly thumbPages: ((ThumbBlock | null | undefined)[] | undefined)[];
  private readonly thumbHits: (Uint8Array | undefined)[];
  /** Pages whose writes must drop cached code (writeWatch bit 0 is ours). */
  private readonly watched: Uint8Array;
  readonly execs: Exec[];
  /** Use compiled blocks (jit.ts); false runs the reference interpreter only. */
  jit = true;
  /** Per RAM page: the breakpoint page version its compiled blocks were built for. */
  private readonly bpVersions: Int32Array;
  /** Breakpoint flags of the page being compiled (set by the run loop). */
  bpWords: Uint8Array | undefined;

  /** Compiled blocks alive; bounded so a guest running through megabytes of code cannot exhaust memory. */
  private compiled = 0;

  private countCompiled(): void {
    // Past the limit, start the code cache afresh (hot code recompiles within a few runs).
    if (++this.compiled > MAX_COMPILED_BLOCKS) this.dropBlocks();
  }

  /**
   * Make sure the compiled blocks of a RAM page were built for the breakpoints now on the virtual
   * page it runs as (blocks stop short of breakpoints); drop them otherwise.
   */
  syncBreakpoints(hostPage: number, version: number): void {
    if (this.bpVersions[hostPage] === version) return;
    this.bpVersions[hostPage] = version;
    if (this.blockPages[hostPage] || this.thumbPages[hostPage]) {
      this.blockPages[hostPage] = undefined;
      this.hitPages[hostPage] = undefined;
      this.thumbPages[hostPage] = undefined;
      this.thumbHits[hostPage] = undefined;
    }
  }

  /** Forget every compiled block; decoded instructions stay. */
  dropBlocks(): void {
    this.compiled = 0;
    this.blockPages.fill(undefined);
    this.hitPages.fill(undefined);
    this.thumbPages.fill(undefined);
    this.thumbHits.fill(undefined);
    this.cpu.fetchGen++;
  }

  constructor(ramPages: number, private readonly cpu: Cpu, readonly decoder: Decoder = A32_DECODER) {
    this.pages = new Array<Uint16Array | undefined>(ramPages).fill(undefined);
    this.blockPages = new Array<(Block | null | undefined)[] | undefined>(ramPages).fill(undefined);
    this.hitPages = new Array<Uint8Array | undefined>(ramPages).fill(undefined);
    this.thumbPages = new Array<(ThumbBlock | null | undefined)[] | undefined>(ramPages).fill(undefined);
    this.thumbHits = new Array<Uint8Array | undefined>(ramPages).fill(undefined);
    this.watched = new Uint8Array(ramPages);
    this.bpVersions = new Int32Array(ramPages);
    this.execs = decoder.entries.map((e) => e.def.exec);
  }

  private watch(hostPage: number): void {
    if (this.watched[hostPage]) return;
    this.watched[hostPage] = 1;
    // Writes to this page must now take the slow path so cached code can be dropped.
    this.cpu.writeWatch[hostPage] |= 1;
    this.cpu.flushWriteTlb();
  }

  thumbBlocks(hostPage: number): (ThumbBlock | null | undefined)[] {
    let b = this.thumbPages[hostPage];
    if (!b) {
      b = new Array<ThumbBlock | null | undefined>(2048).fill(undefined);
      this.thumbPages[hostPage] = b;
      this.thumbHits[hostPage] = new Uint8Array(2048);
      this.watch(hostPage);
    }
    return b;
  }

  warmThumb(hostPage: number, hidx: number, ram16: Uint16Array, pageVa: number, bpWords: Uint8Array | undefined): ThumbBlock | null | undefined {
    const hits = this.thumbHits[hostPage]!;
    if (++hits[hidx] < COMPILE_THRESHOLD) return undefined;
    const { decode, defs } = thumbHooks;
    if (!decode || !defs) return null;
    const blk = compileThumbBlock(ram16, hostPage << 12, pageVa, hidx, decode, defs, bpWords);
    this.thumbPages[hostPage]![hidx] = blk;
    this.countCompiled();
    return blk;
  }

  blocks(hostPage: number): (Block | null | undefined)[] {
    let b = this.blockPages[hostPage];
    if (!b) {
      b = new Array<Block | null | undefined>(1024).fill(undefined);
      this.blockPages[hostPage] = b;
      this.hitPages[hostPage] = new Uint8Array(1024);
    }
    return b;
  }

  /** Count an execution of the block start; compile once it is warm. */
  warm(hostPage: number, idx: number, code: Uint16Array, ram32: Uint32Array, pageVa: number): Block | null | undefined {
    const hits = this.hitPages[hostPage]!;
    if (++hits[idx] < COMPILE_THRESHOLD) return undefined;
    const blk = compileBlock(this, code, ram32, hostPage << 12, pageVa, idx);
    this.blockPages[hostPage]![idx] = blk;
    this.countCompiled();
    return blk;
  }

  page(hostPage: number): Uint16Array {
    let p = this.pages[hostPage];
    if (!p) {
      p = new Uint16Array(1024);
      this.pages[hostPage] = p;
      this.watch(hostPage);
    }
    return p;
  }

  /** Forget decoded instructions of a RAM page (self-modifying code, loader, debugger). */
  invalidate(hostPage: number): void {
    if (this.watched[hostPage]) {
      this.watched[hostPage] = 0;
      this.pages[hostPage] = undefined;
      this.blockPages[hostPage] = undefined;
      this.hitPages[hostPage] = undefined;
      this.thumbPages[hostPage] = undefined;
      this.thumbHits[hostPage] = undefined;
      this.cpu.fetchGen++;
      this.cpu.writeWatch[hostPage] &= ~1;
    }
  }

  decodeInto(p: Uint16Array, idx: number, insn: number): number {
    const e = this.decoder.decode(insn);
    const v = e ? this.decoder.entries.indexOf(e) + 1 : UNKNOWN;
    p[idx] = v;
    return v;
  }
}

/**
 * Breakpoints as the run loop sees them (installed by the debugger). Lookups are per virtual page
 * and happen only when execution enters a new page; inside a page each instruction costs one
 * array load, and compiled blocks stop short of breakpoint addresses (mGBA-style).
 */
export interface BreakpointSink {
  /** Flags per halfword ((va & 0xfff) >>> 1) of virtual page `vpn`, or undefined if it has none. */
  wordsForPage(vpn: number): Uint8Array | undefined;
  /** True when execution must stop before the instruction at `pc` (conditions, hit counts). */
  hit(pc: number): boolean;
  /**
   * Changes whenever the breakpoint addresses of virtual page `vpn` change (0 while it never had
   * any): compiled blocks of that page were built for another set and are dropped.
   */
  pageVersion(vpn: number): number;
}

/** Why `execute` returned. */
export const enum RunExit {
  Budget = 0,
  Attention = 1,
  Breakpoint = 2,
}

/**
 * Execute up to `budget` instructions. Returns early when cpu.attention is set (an exception was
 * taken, interrupt lines or masks changed) or at a breakpoint (before executing it).
 * Guest aborts thrown by an instruction are taken here and execution continues.
 */
export function execute(cpu: Cpu, cache: A32Cache, budget: number, bp: BreakpointSink | undefined, skipBpOnce: boolean): RunExit {
  const end = cpu.icount + budget;
  let skip = skipBpOnce;
  for (;;) {
    const start = cpu.icount;
    try {
      return executeBlock(cpu, cache, end, bp, skip);
    } catch (e) {
      if (!(e instanceof GuestAbort)) throw e;
      takeAbort(cpu, e);
      cpu.pc = cpu.nextPc;
      cpu.icount++;
      if (cpu.attention || cpu.icount >= end) return RunExit.Attention;
    }
    // A breakpoint at the instruction that faulted was already honoured before it ran.
    skip = skip && cpu.icount === start;
  }
}

/** The hot loop. Keeps the current code page in locals; `cpu.fetchGen` says when to refetch. */
function executeBlock(cpu: Cpu, cache: A32Cache, end: number, bp: BreakpointSink | undefined, skipBpOnce: boolean): RunExit {
  const r = cpu.r;
  const ram32 = cpu.ram32;
  const execs = cache.execs;
  let first = skipBpOnce;
  let vpn = -1;
  let gen = -1;
  let host = 0;
  let code: Uint16Array = EMPTY_PAGE;
  let blocks: (Block | null | undefined)[] | undefined;
  let bpWords: Uint8Array | undefined;
  let tvpn = -1;
  let tgen = -1;
  let thost = 0;
  let tblocks: (ThumbBlock | null | undefined)[] | undefined;
  const jit = cache.jit;
  while (cpu.icount < end) {
    const pc = cpu.pc;
    if (cpu.thumb) {
      if ((pc >>> 12) !== tvpn || cpu.fetchGen !== tgen) {
        thost = cpu.fetchPageHost(pc);
        tvpn = pc >>> 12;
        tgen = cpu.fetchGen;
        bpWords = bp?.wordsForPage(tvpn);
        cache.syncBreakpoints(thost >>> 12, bp === undefined ? 0 : bp.pageVersion(tvpn));
        tblocks = jit && thumbHooks.execs !== undefined ? cache.thumbBlocks(thost >>> 12) : undefined;
      }
      if (bpWords !== undefined && bpWords[(pc & 0xfff) >>> 1] !== 0 && !first && bp!.hit(pc)) return RunExit.Breakpoint;
      first = false;
      vpn = -1;
      if (tblocks !== undefined && cpu.it === 0) {
        // Fast path for T32, outside IT blocks only (see compileThumbBlock).
        const hidx = (pc & 0xfff) >>> 1;
        let blk = tblocks[hidx];
        if (blk === undefined) blk = cache.warmThumb(thost >>> 12, hidx, cpu.ram16, (pc & ~0xfff) >>> 0, bpWords);
        if (blk && end - cpu.icount >= blk.length) {
          const k = blk.fn(cpu, r, thumbHooks.execs!, thumbHooks.iss!);
          cpu.icount += k;
          cpu.pc = cpu.nextPc;
          if (cpu.attention) return RunExit.Attention;
          continue;
        }
      }
      const step = thumbHooks.step;
      if (!step) throw new UnknownEncoding(pc, cpu.read16(pc), true);
      step(cpu);
    } else {
      if ((pc >>> 12) !== vpn || cpu.fetchGen !== gen) {
        host = cpu.fetchPageHost(pc);
        code = cache.page(host >>> 12);
        vpn = pc >>> 12;
        gen = cpu.fetchGen;
        bpWords = bp?.wordsForPage(vpn);
        cache.syncBreakpoints(host >>> 12, bp === undefined ? 0 : bp.pageVersion(vpn));
        tvpn = -1;
        blocks = jit ? cache.blocks(host >>> 12) : undefined;
      }
      if (bpWords !== undefined && bpWords[(pc & 0xfff) >>> 1] !== 0 && !first && bp!.hit(pc)) return RunExit.Breakpoint;
      first = false;
      const idx = (pc & 0xfff) >>> 2;
      if (blocks !== undefined) {
        // Fast path: a compiled block, when the budget leaves room for all of it (so timing and
        // interrupt delivery stay exactly those of the interpreter).
        let blk = blocks[idx];
        if (blk === undefined) {
          cache.bpWords = bpWords;
          blk = cache.warm(host >>> 12, idx, code, ram32, (pc & ~0xfff) >>> 0);
        }
        if (blk && end - cpu.icount >= blk.length) {
          cpu.insnLen = 4;
          // An abort inside the block propagates with cpu.icount already counting the
          // instructions before the faulting one (the block keeps it exact).
          const k = blk.fn(cpu, r, execs); // (read icount only after the block has updated it)
          cpu.icount += k;
          cpu.pc = cpu.nextPc;
          if (cpu.attention) return RunExit.Attention;
          continue;
        }
      }
      const insn = ram32[(host >>> 2) + idx];
      let h = code[idx];
      if (h === 0) h = cache.decodeInto(code, idx, insn);
      cpu.insnLen = 4;
      cpu.nextPc = (pc + 4) >>> 0;
      r[15] = pc + 8;
      // The condition is checked first: like QEMU, an encoding nobody knows is only an error
      // when it would execute (a literal pool word that fails its condition is skipped).
      const cond = insn >>> 28;
      if (cond >= 0xe || cpu.condPassed(cond)) {
        if (h === UNKNOWN) throw new UnknownEncoding(pc, insn, false);
        execs[h - 1](cpu, insn);
      }
    }
    cpu.pc = cpu.nextPc;
    cpu.icount++;
    if (cpu.attention) return RunExit.Attention;
  }
  return RunExit.Budget;
}

const EMPTY_PAGE = new Uint16Array(0);

// The T32 step: fetch one or two halfwords (a 32-bit instruction may straddle a page), decode once
// per physical address (cached, verified against the fetched bits), apply the IT condition and
// advance ITSTATE. ARM ARM A6.1 (widths), A2.5.2 (ITSTATE), A2.3 (PC reads as address + 4).

import type { Cpu } from './cpu';
import type { Exec } from '../decode/instr';
import { thumbHooks, UnknownEncoding } from './interpreter';
import { UNKNOWN_HANDLER } from './jit';
import { T32_DECODER, T32_TABLE } from '../decode/t32/index';
import { itAdvance, itCtl } from '../decode/t32/common';
import { t32Iss } from '../decode/t32/mem';

/** T32 handlers by index; handler numbers are index + 1 (0 = not decoded, 0xffff = unknown). */
export const T32_EXECS: Exec[] = T32_TABLE.map((d) => d.exec);
const execs = T32_EXECS;
const indexOf = new Map(T32_TABLE.map((d, i) => [d, i + 1]));
const UNKNOWN = UNKNOWN_HANDLER;

/**
 * Decoded instructions per RAM page, indexed by halfword: the instruction bits seen at decode time
 * and the handler (index + 1). A mismatch with the bits fetched now means the code changed: decode
 * again. So no invalidation hook is needed.
 */
interface Page { readonly bits: Int32Array; readonly h: Uint16Array }

class ThumbCache {
  private readonly pages: (Page | undefined)[];
  constructor(ramPages: number) {
    this.pages = new Array<Page | undefined>(ramPages).fill(undefined);
  }

  handler(hostPage: number, idx: number, insn: number): number {
    let p = this.pages[hostPage];
    if (!p) {
      p = { bits: new Int32Array(2048), h: new Uint16Array(2048) };
      this.pages[hostPage] = p;
    }
    const h = p.h[idx];
    if (h !== 0 && p.bits[idx] === (insn | 0)) return h;
    const v = decodeHandler(insn);
    p.h[idx] = v;
    p.bits[idx] = insn | 0;
    return v;
  }
}

/** Handler number (index + 1) for a T32 word, or 0xffff when no encoding matches. */
export function decodeHandler(insn: number): number {
  const e = T32_DECODER.decode(insn);
  return e ? indexOf.get(e.def) ?? UNKNOWN : UNKNOWN;
}

const caches = new WeakMap<Uint16Array, ThumbCache>();
let lastRam: Uint16Array | undefined;
let lastCache: ThumbCache | undefined;

function cacheFor(cpu: Cpu): ThumbCache {
  if (cpu.ram16 === lastRam && lastCache) return lastCache;
  let c = caches.get(cpu.ram16);
  if (!c) {
    c = new ThumbCache(cpu.ram.length >>> 12);
    caches.set(cpu.ram16, c);
  }
  lastRam = cpu.ram16;
  lastCache = c;
  return c;
}

/** Execute the Thumb instruction at cpu.pc (the run loop then moves cpu.pc to cpu.nextPc). */
export function stepThumb(cpu: Cpu): void {
  const pc = cpu.pc;
  const host = cpu.fetchPageHost(pc);
  const off = pc & 0xfff;
  const ram16 = cpu.ram16;
  const hw1 = ram16[(host + off) >>> 1];
  let insn: number;
  let h: number;
  if (hw1 >= 0xe800) {
    // 32-bit encoding; the second halfword may be on the next page (its own fetch translation).
    if (off === 0xffe) {
      const host2 = cpu.fetchPageHost((pc + 2) >>> 0);
      insn = ((hw1 << 16) | ram16[host2 >>> 1]) >>> 0;
      h = decodeHandler(insn);
    } else {
      insn = ((hw1 << 16) | ram16[(host + off + 2) >>> 1]) >>> 0;
      h = cacheFor(cpu).handler(host >>> 12, off >>> 1, insn);
    }
    cpu.insnLen = 4;
    cpu.nextPc = (pc + 4) >>> 0;
  } else {
    insn = hw1;
    h = cacheFor(cpu).handler(host >>> 12, off >>> 1, insn);
    cpu.insnLen = 2;
    cpu.nextPc = (pc + 2) >>> 0;
  }
  cpu.r[15] = (pc + 4) >>> 0;
  t32Iss.valid = false;
  const it = cpu.it;
  if ((it & 0xf) === 0) {
    if (h === UNKNOWN) throw new UnknownEncoding(pc, insn, true);
    execs[h - 1](cpu, insn);
    return;
  }
  // Inside an IT block (A2.5.2): a failed condition skips the instruction (QEMU skips before it
  // decodes, so even an unknown encoding is skipped); ITSTATE advances either way, unless the
  // instruction took an exception (entry clears IT after saving it to the SPSR) or wrote ITSTATE.
  const next = itAdvance(it);
  if (!cpu.condPassed(it >>> 4)) {
    cpu.it = next;
    return;
  }
  if (h === UNKNOWN) throw new UnknownEncoding(pc, insn, true);
  itCtl.written = false;
  execs[h - 1](cpu, insn);
  if (cpu.it === it && !itCtl.written) cpu.it = next;
}

thumbHooks.step = stepThumb;
thumbHooks.execs = T32_EXECS;
thumbHooks.defs = T32_TABLE;
thumbHooks.decode = decodeHandler;
thumbHooks.iss = t32Iss;

// Disassembly for the debugger's view: A32 and T32 code by linear sweep from a function start, so
// T32 instruction boundaries are right and instructions inside an IT block print their condition.
// ARM ARM A6.1 (T32 instruction width), A8.8.54 IT, A2.5.2 (ITSTATE, ITAdvance); the $a/$t/$d
// mapping symbols (IHI 0044 §5.5.5) pick A32 or T32 and show literal pools as data, as objdump does.

import { disassembleA32, isThumb32, thumbDisasm } from '../disasm/disasm';
import '../decode/t32/index';
import { itAdvance } from '../decode/t32/common';
import type { SymbolTable } from './symbols';

export interface ViewInsn {
  readonly address: number;
  /** 1 only for a `.byte` of data. */
  readonly size: 1 | 2 | 4;
  /** Raw bytes as objdump shows them: "e3a00001" (A32), "bf0c" or "f04f 33ff" (T32); '' when unreadable. */
  readonly bytes: string;
  readonly text: string;
  readonly thumb: boolean;
  readonly invalid?: boolean;
}

export interface DisasmSource {
  /** Little-endian 16-bit read, undefined when unreadable. */
  read16(addr: number): number | undefined;
  readonly symbols: SymbolTable;
  /** Thumb state for addresses no function symbol covers (e.g. the CPU's T bit near the PC). */
  readonly defaultThumb: boolean;
  /** Where the CPU stands and its ITSTATE: authoritative for the instruction at that address. */
  readonly pc?: number;
  readonly pcIt?: number;
}

/** The longest sweep one request may make (bytes): keeps a wild address from scanning forever. */
const MAX_SWEEP = 0x40000;

function isThumbAt(src: DisasmSource, a: number): boolean {
  const mk = src.symbols.mappingAt(a);
  if (mk && mk.kind !== 'd') return mk.kind === 't';
  const s = src.symbols.at(a);
  return s && s.type === 2 ? s.thumb : src.defaultThumb;
}

/** A data item inside a $d run (literal pool, jump table): `.word`/`.short`/`.byte` like objdump. */
function dataAt(src: DisasmSource, a: number, end: number, thumb: boolean): ViewInsn {
  const size = src.symbols.dataChunk(a, end);
  let v = 0;
  for (let i = size - 1; i >= 0; i--) {
    // Bytes come from 16-bit reads: the half-word holding byte a+i, then its low or high byte.
    const h = src.read16((a + i) & ~1);
    if (h === undefined) return { address: a, size, bytes: '', text: '<unreadable>', thumb, invalid: true };
    v = v * 256 + (((a + i) & 1 ? h >>> 8 : h) & 0xff);
  }
  const digits = size * 2;
  const hexv = v.toString(16).padStart(digits, '0');
  const dir = size === 4 ? '.word' : size === 2 ? '.short' : '.byte';
  return { address: a, size, bytes: hexv, text: `${dir}\t0x${hexv}`, thumb };
}

/** One instruction at `a` with ITSTATE `it` (T32 only). */
function decodeAt(src: DisasmSource, a: number, thumb: boolean, it: number): ViewInsn {
  const symbol = (t: number): string | undefined => src.symbols.describe(t);
  const h1 = src.read16(a);
  if (!thumb) {
    const h2 = src.read16(a + 2);
    if (h1 === undefined || h2 === undefined) return { address: a, size: 4, bytes: '', text: '<unreadable>', thumb, invalid: true };
    const w = ((h2 << 16) | h1) >>> 0;
    return { address: a, size: 4, bytes: w.toString(16).padStart(8, '0'), text: disassembleA32(w, a, symbol).text, thumb };
  }
  if (h1 === undefined) return { address: a, size: 2, bytes: '', text: '<unreadable>', thumb, invalid: true };
  const dec = thumbDisasm.decoder;
  const h16 = h1.toString(16).padStart(4, '0');
  if (!isThumb32(h1)) {
    const e = dec?.decode(h1);
    const text = e ? e.def.dis(h1, { addr: a, symbol, it }) : `.short\t0x${h16}`;
    return { address: a, size: 2, bytes: h16, text, thumb };
  }
  const h2 = src.read16(a + 2);
  if (h2 === undefined) return { address: a, size: 4, bytes: h16, text: '<unreadable>', thumb, invalid: true };
  const w = ((h1 << 16) | h2) >>> 0;
  const e = dec?.decode(w);
  const text = e ? e.def.dis(w, { addr: a, symbol, it }) : `.word\t0x${w.toString(16).padStart(8, '0')}`;
  return { address: a, size: 4, bytes: `${h16} ${h2.toString(16).padStart(4, '0')}`, text, thumb };
}

/**
 * Instructions from a sync point (the start of the function holding `from`, else `from` itself) up
 * to and including the one at or covering `to` plus `after` more. IT blocks are tracked along the way.
 */
function sweep(src: DisasmSource, from: number, to: number, after: number): ViewInsn[] {
  const fn = src.symbols.at(from);
  let a = fn && fn.type === 2 && from - fn.value <= MAX_SWEEP ? fn.value : from;
  const mk0 = src.symbols.mappingAt(a);
  if (!mk0 || mk0.kind !== 'd') a = isThumbAt(src, a) ? a & ~1 : a & ~3;
  const out: ViewInsn[] = [];
  let it = 0;
  let extra = -1;
  let thumb = false;
  while (a <= 0xfffffffe && out.length < 200_000) {
    const mk = src.symbols.mappingAt(a);
    let ins: ViewInsn;
    if (mk && mk.kind === 'd') {
      ins = dataAt(src, a, mk.end, thumb);
      it = 0;
    } else {
      thumb = isThumbAt(src, a);
      if (!thumb && (a & 3) !== 0) a = (a + 3) & ~3; // entering A32 code from T32 padding
      if (src.pc !== undefined && a === src.pc && thumb) it = src.pcIt ?? it;
      ins = decodeAt(src, a, thumb, thumb ? it : 0);
    }
    out.push(ins);
    if (mk && mk.kind === 'd') { /* data: no ITSTATE */ } else if (thumb) {
      // IT (A8.8.54): 1011 1111 firstcond mask, mask != 0; it sets ITSTATE for the next instructions.
      const h = ins.size === 2 && !ins.invalid ? parseInt(ins.bytes, 16) : -1;
      it = h >= 0 && (h & 0xff00) === 0xbf00 && (h & 0xf) !== 0 && (it & 0xf) === 0 ? h & 0xff : itAdvance(it);
    } else it = 0;
    if (extra < 0 && a + ins.size > to) extra = 0;
    if (extra >= 0 && extra++ >= after) break;
    a += ins.size;
  }
  return out;
}

/**
 * DAP disassemble: `count` instructions starting `offset` instructions away from the one at `addr`
 * (negative = before it). Positions before the start of the sweep are padded with invalid entries.
 */
export function disassembleView(src: DisasmSource, addr: number, offset: number, count: number): ViewInsn[] {
  if (count <= 0) return [];
  const thumb = isThumbAt(src, addr);
  const minSize = thumb ? 2 : 4;
  // Going back n instructions needs at most 4n bytes; sync from the function holding that point.
  const back = offset < 0 ? Math.min(addr, -offset * 4) : 0;
  const from = (addr - back) >>> 0;
  const lastNeeded = Math.max(0, offset + count);
  const list = sweep(src, from, addr, lastNeeded);
  let idx = list.findIndex((i) => i.address <= addr && addr < i.address + i.size);
  if (idx < 0) idx = list.length;
  const out: ViewInsn[] = [];
  for (let k = idx + offset; out.length < count; k++) {
    if (k >= 0 && k < list.length) { out.push(list[k]); continue; }
    if (k < 0) {
      const a = list.length ? list[0].address + k * minSize : addr + k * minSize;
      out.push({ address: a < 0 ? 0 : a >>> 0, size: minSize as 2 | 4, bytes: '', text: '', thumb, invalid: true });
      continue;
    }
    // Past the end of the sweep (the top of the address space): nothing more to show.
    const prev = out[out.length - 1];
    const next = prev ? prev.address + prev.size : addr;
    out.push({ address: Math.min(next, 0xffffffff) >>> 0, size: minSize as 2 | 4, bytes: '', text: '', thumb, invalid: true });
  }
  return out;
}

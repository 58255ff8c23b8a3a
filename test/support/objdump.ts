// Test helper: assemble instruction lines with GNU as and read them back with GNU objdump.
// The reference for disassembler text and encodings (ARM and Thumb, -march=armv7ve).

import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ObjdumpLine {
  /** Offset of the instruction in the section. */
  readonly addr: number;
  /** The encoding: a 32-bit ARM word, or for Thumb hw1 (16-bit) or (hw1 << 16 | hw2) (32-bit). */
  readonly word: number;
  /** The encoding as objdump shows it: one ARM word, or one or two Thumb halfwords. */
  readonly words: readonly number[];
  /** Instruction text ("mnemonic\toperands") with objdump's trailing comment ("@ 0xff", "; ...") removed. */
  readonly text: string;
  /** The removed comment without its marker ('' when none), e.g. "<UNPREDICTABLE>". */
  readonly comment: string;
}

export interface AssembleOptions {
  /** Assemble as Thumb (T32) instead of ARM (A32). */
  readonly thumb?: boolean;
  /** Architecture for `as -march`; default armv7ve. */
  readonly march?: string;
  /** Extra directives placed before the lines. */
  readonly prelude?: readonly string[];
}

const AS = 'arm-none-eabi-as';
const OBJDUMP = 'arm-none-eabi-objdump';

const LINE_RE = /^\s*([0-9a-f]+):\t([0-9a-f]{8}|[0-9a-f]{4}(?: [0-9a-f]{4})?)\s*\t?(.*)$/;

/**
 * Assemble `lines` (one instruction or directive each) and return every instruction objdump shows,
 * in order. Throws with the assembler's message if a line does not assemble.
 */
export function assemble(lines: readonly string[], opts: AssembleOptions = {}): ObjdumpLine[] {
  const dir = mkdtempSync(join(tmpdir(), 'hypscope-as-'));
  try {
    const src = join(dir, 'in.s');
    const obj = join(dir, 'in.o');
    const head = ['.syntax unified', opts.thumb ? '.thumb' : '.arm', ...(opts.prelude ?? [])];
    writeFileSync(src, [...head, ...lines, ''].join('\n'));
    const args = [`-march=${opts.march ?? 'armv7ve'}`];
    if (opts.thumb) args.push('-mthumb');
    try {
      execFileSync(AS, [...args, src, '-o', obj], { stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (e) {
      const err = e as { stderr?: Buffer };
      throw new Error(`${AS} failed:\n${err.stderr?.toString() ?? String(e)}`);
    }
    const dump = execFileSync(OBJDUMP, ['-d', obj], { maxBuffer: 64 << 20 }).toString();
    return parseObjdump(dump);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Disassemble raw encodings with objdump (emitted with `.inst`, so they are decoded as code). */
export function disassembleWords(words: readonly number[], opts: AssembleOptions = {}): ObjdumpLine[] {
  const lines = words.map((w) => {
    if (!opts.thumb) return `.inst 0x${(w >>> 0).toString(16).padStart(8, '0')}`;
    // Thumb: a value above 0xffff is a 32-bit encoding hw1:hw2.
    return w >>> 0 > 0xffff ? `.inst.w 0x${(w >>> 0).toString(16)}` : `.inst.n 0x${w.toString(16)}`;
  });
  return assemble(lines, opts);
}

/** Parse `objdump -d` output into instruction lines. */
export function parseObjdump(dump: string): ObjdumpLine[] {
  const out: ObjdumpLine[] = [];
  for (const raw of dump.split('\n')) {
    const m = LINE_RE.exec(raw);
    if (!m) continue;
    const words = m[2].split(' ').map((h) => parseInt(h, 16));
    // Two halfword groups are a 32-bit Thumb encoding (also in mixed .arm/.thumb sources).
    const word = words.length === 2 ? ((words[0] << 16) | words[1]) >>> 0 : words[0];
    const { text, comment } = splitComment(m[3]);
    out.push({ addr: parseInt(m[1], 16), word, words, text, comment });
  }
  return out;
}

/** objdump separates comments with a tab and '@' (ARM) or ';' (elsewhere). */
function splitComment(s: string): { text: string; comment: string } {
  const m = /(?:^|\t+)[@;] ?(.*)$/.exec(s);
  if (!m) return { text: s.replace(/\s+$/, ''), comment: '' };
  return { text: s.slice(0, m.index).replace(/\s+$/, ''), comment: m[1] };
}

/**
 * Deterministic pseudo-random encodings of a decode pattern ('0'/'1' fixed, anything else free; spaces
 * ignored), to feed objdump. A leading 'cccc' gets a condition in 0..14 (never the unconditional 1111).
 */
export function sampleEncodings(pattern: string, count: number, seed = 1): number[] {
  const p = pattern.replace(/ /g, '');
  let mask = 0;
  let value = 0;
  for (let i = 0; i < p.length; i++) {
    const bit = p.length - 1 - i;
    if (p[i] === '0' || p[i] === '1') {
      mask |= 1 << bit;
      if (p[i] === '1') value |= 1 << bit;
    }
  }
  const condField = p.length === 32 && p.startsWith('cccc');
  let s = seed >>> 0 || 1;
  const next = (): number => {
    // xorshift32
    s ^= s << 13; s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5; s >>>= 0;
    return s;
  };
  const out: number[] = [];
  for (let k = 0; k < count; k++) {
    let w = ((value & mask) | (next() & ~mask)) >>> 0;
    if (p.length === 16) w &= 0xffff;
    if (condField) w = ((w & 0x0fffffff) | ((next() % 15) << 28)) >>> 0;
    out.push(w);
  }
  return out;
}

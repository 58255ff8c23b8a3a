// T32 disassembly against GNU objdump: every sample is assembled with `as -mthumb -march=armv7ve`,
// dumped with objdump, and our text for the same halfwords must match (IT conditions included).

import { describe, expect, it } from 'vitest';
import { assemble, type ObjdumpLine } from '../../../support/objdump';
import { T32_DECODER } from '../../../../emulator/decode/t32/index';
import { itAdvance, type T32DisasmEnv } from '../../../../emulator/decode/t32/common';
import { T16_CASES, T32_CASES } from './objdump-cases';

/** objdump's text without the branch-target symbol (" <.text+0x1a>"), which our tests do not supply. */
const norm = (t: string): string => t.replace(/ <[^>]*>/g, '');

function ours(lines: readonly ObjdumpLine[]): { expected: string; got: string; word: string }[] {
  let it = 0;
  return lines.map((l) => {
    const env: T32DisasmEnv = { addr: l.addr, it };
    const e = T32_DECODER.decode(l.word);
    const got = e ? e.def.dis(l.word, env) : '<no match>';
    // Track ITSTATE as the hardware would (A2.5.2): an IT sets it, every other instruction advances it.
    if (l.words.length === 1 && (l.word & 0xff00) === 0xbf00 && (l.word & 0xf) !== 0 && (it & 0xf) === 0) it = l.word & 0xff;
    else it = itAdvance(it);
    return { expected: norm(l.text), got, word: l.word.toString(16) };
  });
}

describe('T32 disassembly matches objdump', () => {
  for (const [name, cases] of [['16-bit', T16_CASES], ['32-bit', T32_CASES]] as const) {
    it(`${name} encodings`, () => {
      const lines = assemble(cases, { thumb: true, prelude: ['.fpu vfpv4'] });
      expect(lines.length).toBe(cases.length);
      const rows = ours(lines);
      const bad = rows.filter((r) => r.expected !== r.got);
      if (bad.length) console.log(JSON.stringify(bad, null, 0).replace(/},/g, "},\n"));
      expect(bad.length).toBe(0);
    });
  }
});

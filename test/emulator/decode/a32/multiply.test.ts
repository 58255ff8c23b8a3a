// Tests for A32 multiplies (emulator/decode/a32/multiply.ts) and the exact 64-bit helpers
// (media-wide.ts): objdump disassembly, BigInt cross-checks, results worked out from ARM ARM A8.8.

import { describe, expect, it } from 'vitest';
import { Cpu } from '../../../../emulator/cpu/cpu';
import { Bus } from '../../../../emulator/memory/bus';
import { A32_DECODER } from '../../../../emulator/decode/a32/index';
import { A32_MULTIPLY } from '../../../../emulator/decode/a32/multiply';
import { add64, rsub64, smul64, umul64, wideHi, wideLo } from '../../../../emulator/decode/a32/media-wide';
import type { InstrDef } from '../../../../emulator/decode/instr';
import { assemble, disassembleWords, sampleEncodings } from '../../../support/objdump';

const PC = 0x40001000;

function run(line: string, regs: Record<number, number> = {}, flags: { n?: number; z?: number; c?: number; v?: number; q?: number } = {}): Cpu {
  const out = assemble([line]);
  const w = out[0].word;
  const e = A32_DECODER.decode(w);
  expect(e && A32_MULTIPLY.includes(e.def), `${line} decoded as ${e?.def.name}`).toBe(true);
  const cpu = new Cpu(new Bus(0x40000000, 1 << 20));
  for (const [k, v] of Object.entries(regs)) cpu.r[Number(k)] = v >>> 0;
  cpu.n = flags.n ?? 0;
  cpu.z = flags.z ?? 0;
  cpu.c = flags.c ?? 0;
  cpu.v = flags.v ?? 0;
  cpu.q = flags.q ?? 0;
  cpu.pc = PC;
  cpu.r[15] = PC + 8;
  cpu.nextPc = PC + 4;
  e!.def.exec(cpu, w);
  return cpu;
}

const u64 = (cpu: Cpu, lo: number, hi: number): bigint => (BigInt(cpu.r[hi]) << 32n) | BigInt(cpu.r[lo]);
const M64 = (1n << 64n) - 1n;

// ---------------------------------------------------------------- exact 64-bit helpers

describe('64-bit multiply helpers', () => {
  const edge = [0, 1, 2, 0xffff, 0x10000, 0x7fffffff, 0x80000000, 0x80000001, 0xfffffffe, 0xffffffff, 0x12345678, 0xdeadbeef];
  let s = 12345;
  const rnd = (): number => { s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0; return s; };
  const values = [...edge];
  for (let i = 0; i < 200; i++) values.push(rnd());
  const sx = (v: number): bigint => BigInt(v | 0);

  it('umul64 equals BigInt', () => {
    for (const a of values) for (const b of edge.concat([rnd(), rnd()])) {
      umul64(a, b);
      const want = BigInt(a >>> 0) * BigInt(b >>> 0);
      expect((BigInt(wideHi) << 32n) | BigInt(wideLo)).toBe(want);
    }
  });

  it('smul64 equals BigInt (two\'s complement 64-bit)', () => {
    for (const a of values) for (const b of edge.concat([rnd(), rnd()])) {
      smul64(a, b);
      const want = (sx(a) * sx(b)) & M64;
      expect((BigInt(wideHi) << 32n) | BigInt(wideLo)).toBe(want);
    }
  });

  it('add64 / rsub64 wrap modulo 2^64', () => {
    for (let i = 0; i < 300; i++) {
      const [a, b, c, d] = [rnd(), rnd(), rnd(), rnd()];
      umul64(a, 1); // wide = 0:a
      add64(b, c); // + b:c
      expect((BigInt(wideHi) << 32n) | BigInt(wideLo)).toBe((BigInt(a) + ((BigInt(b) << 32n) | BigInt(c))) & M64);
      umul64(a, 1);
      rsub64(d, b); // d:b - 0:a
      expect((BigInt(wideHi) << 32n) | BigInt(wideLo)).toBe((((BigInt(d) << 32n) | BigInt(b)) - BigInt(a)) & M64);
    }
  });
});

// ---------------------------------------------------------------- disassembly

const LINES = [
  'mul r0, r1, r2', 'mulseq ip, lr, sp', 'mla r0, r1, r2, r3', 'mlas r0, r1, r2, r3', 'mls r0, r1, r2, r3',
  'umull r0, r1, r2, r3', 'umullsne r4, r5, r6, r7', 'umlal r0, r1, r2, r3', 'smull r0, r1, r2, r3', 'smlals r0, r1, r2, r3',
  'umaal r0, r1, r2, r3', 'smlabb r0, r1, r2, r3', 'smlabt r0, r1, r2, r3', 'smlatb r0, r1, r2, r3', 'smlattgt r0, r1, r2, r3',
  'smlawb r0, r1, r2, r3', 'smlawt r0, r1, r2, r3', 'smulwb r0, r1, r2', 'smulwt r0, r1, r2', 'smlalbb r0, r1, r2, r3',
  'smlaltt r0, r1, r2, r3', 'smulbb r0, r1, r2', 'smultb r0, r1, r2', 'smuad r0, r1, r2', 'smuadx r0, r1, r2',
  'smusd r0, r1, r2', 'smusdx r0, r1, r2', 'smlad r0, r1, r2, r3', 'smladx r0, r1, r2, r3', 'smlsd r0, r1, r2, r3',
  'smlsdx r0, r1, r2, r3', 'smlald r0, r1, r2, r3', 'smlaldx r0, r1, r2, r3', 'smlsld r0, r1, r2, r3', 'smlsldx r0, r1, r2, r3',
  'smmul r0, r1, r2', 'smmulr r0, r1, r2', 'smmla r0, r1, r2, r3', 'smmlar r0, r1, r2, r3', 'smmls r0, r1, r2, r3',
  'smmlsr r0, r1, r2, r3', 'sdiv r0, r1, r2', 'udivls r0, r1, r2',
];

describe('A32 multiply disassembly', () => {
  it('matches objdump for hand-written lines', () => {
    const out = assemble(LINES);
    expect(out.length).toBe(LINES.length);
    for (const l of out) {
      const e = A32_DECODER.decode(l.word);
      expect(e && A32_MULTIPLY.includes(e.def), `${l.text} decoded`).toBe(true);
      expect(e!.def.dis(l.word, { addr: l.addr })).toBe(l.text);
    }
  });

  it('matches objdump for random encodings of every encoding', () => {
    const words: number[] = [];
    const seen = new Set<InstrDef>();
    A32_MULTIPLY.forEach((d, k) => {
      for (const w of sampleEncodings(d.pattern, 80, 200 + k)) {
        const e = A32_DECODER.decode(w);
        if (e?.def === d) { words.push(w); seen.add(d); }
      }
    });
    expect(A32_MULTIPLY.filter((d) => !seen.has(d)).map((d) => d.name)).toEqual([]);
    const ref = disassembleWords(words);
    expect(ref.length).toBe(words.length);
    const bad = ref.filter((l, k) => A32_DECODER.decode(words[k])!.def.dis(words[k], { addr: l.addr }) !== l.text);
    expect(bad.map((l) => `${l.word.toString(16)} ${l.text}`)).toEqual([]);
  });
});

// ---------------------------------------------------------------- execution

describe('A32 32-bit multiplies', () => {
  it('MUL keeps the low 32 bits; MULS sets N/Z and leaves C/V', () => {
    expect(run('mul r0, r1, r2', { 1: 0xffffffff, 2: 0xffffffff }).r[0]).toBe(1);
    const cpu = run('muls r0, r1, r2', { 1: 0x10000, 2: 0x10000 }, { c: 1, v: 1 });
    expect(cpu.r[0]).toBe(0);
    expect([cpu.n, cpu.z, cpu.c, cpu.v]).toEqual([0, 1, 1, 1]);
    expect(run('muls r0, r1, r2', { 1: 0xffffffff, 2: 2 }).n).toBe(1);
  });

  it('MLA adds, MLS subtracts from Ra', () => {
    expect(run('mla r0, r1, r2, r3', { 1: 3, 2: 4, 3: 0xffffffff }).r[0]).toBe(11);
    expect(run('mls r0, r1, r2, r3', { 1: 3, 2: 4, 3: 10 }).r[0]).toBe(0xfffffffe);
  });
});

describe('A32 64-bit multiplies', () => {
  it('UMULL 0xffffffff^2 = 0xfffffffe_00000001', () => {
    const cpu = run('umull r0, r1, r2, r3', { 2: 0xffffffff, 3: 0xffffffff });
    expect([cpu.r[1], cpu.r[0]]).toEqual([0xfffffffe, 1]);
  });

  it('SMULL -1 * 1 = -1 (64-bit); SMULLS sets N from bit 63', () => {
    const cpu = run('smulls r0, r1, r2, r3', { 2: 0xffffffff, 3: 1 });
    expect(u64(cpu, 0, 1)).toBe(M64);
    expect([cpu.n, cpu.z]).toEqual([1, 0]);
  });

  it('SMLAL with negative values: 5 + (-3 * 7) = -16', () => {
    const cpu = run('smlal r0, r1, r2, r3', { 0: 5, 1: 0, 2: -3, 3: 7 });
    expect([cpu.r[1], cpu.r[0]]).toEqual([0xffffffff, 0xfffffff0]);
  });

  it('SMLAL carries from the low word: 0x0_ffffffff + 1 * 1', () => {
    const cpu = run('smlals r0, r1, r2, r3', { 0: 0xffffffff, 1: 0, 2: 1, 3: 1 });
    expect([cpu.r[1], cpu.r[0]]).toEqual([1, 0]);
    expect([cpu.n, cpu.z]).toEqual([0, 0]);
  });

  it('UMLALS wraps to zero and sets Z', () => {
    const cpu = run('umlals r0, r1, r2, r3', { 0: 0xffffffff, 1: 0xffffffff, 2: 1, 3: 1 });
    expect([cpu.r[1], cpu.r[0]]).toEqual([0, 0]);
    expect([cpu.n, cpu.z]).toEqual([0, 1]);
  });

  it('UMAAL maximum: (2^32-1)^2 + 2*(2^32-1) = 2^64 - 1', () => {
    const cpu = run('umaal r0, r1, r2, r3', { 0: 0xffffffff, 1: 0xffffffff, 2: 0xffffffff, 3: 0xffffffff });
    expect([cpu.r[1], cpu.r[0]]).toEqual([0xffffffff, 0xffffffff]);
  });
});

describe('A32 halfword multiplies (Q flag)', () => {
  it('SMLABB overflow sets Q and keeps the low 32 bits', () => {
    const cpu = run('smlabb r0, r1, r2, r3', { 1: 1, 2: 1, 3: 0x7fffffff });
    expect(cpu.r[0]).toBe(0x80000000);
    expect(cpu.q).toBe(1);
  });

  it('SMLATT uses the top halves and does not clear Q', () => {
    // top(r1) = -2, top(r2) = 3: -6 + 10 = 4
    const cpu = run('smlatt r0, r1, r2, r3', { 1: 0xfffe0005, 2: 0x00030007, 3: 10 }, { q: 1 });
    expect(cpu.r[0]).toBe(4);
    expect(cpu.q).toBe(1);
  });

  it('SMULBB -32768 * -32768 = 0x40000000; SMULTB mixes halves', () => {
    expect(run('smulbb r0, r1, r2', { 1: 0x8000, 2: 0x8000 }).r[0]).toBe(0x40000000);
    expect(run('smultb r0, r1, r2', { 1: 0xffff0000, 2: 0x0000007f }).r[0]).toBe(0xffffff81); // -1 * 127
  });

  it('SMULWB: (-2^31 * 32767) >> 16 = -2^15 * 32767 = 0xc0008000', () => {
    expect(run('smulwb r0, r1, r2', { 1: 0x80000000, 2: 0x7fff }).r[0]).toBe(0xc0008000);
    // rounding is towards minus infinity: (-1 * 1) >> 16 = -1
    expect(run('smulwb r0, r1, r2', { 1: 0xffffffff, 2: 1 }).r[0]).toBe(0xffffffff);
  });

  it('SMLAWT: 65536 * 2 >> 16 = 2, + 0x7ffffffe overflows -> Q', () => {
    const cpu = run('smlawt r0, r1, r2, r3', { 1: 0x10000, 2: 0x00020000, 3: 0x7ffffffe });
    expect(cpu.r[0]).toBe(0x80000000);
    expect(cpu.q).toBe(1);
  });

  it('SMLALBB: 64-bit accumulate of a negative product', () => {
    let cpu = run('smlalbb r0, r1, r2, r3', { 0: 0, 1: 0, 2: 0xfffe, 3: 3 }); // -2 * 3
    expect([cpu.r[1], cpu.r[0]]).toEqual([0xffffffff, 0xfffffffa]);
    cpu = run('smlalbb r0, r1, r2, r3', { 0: 0xffffffff, 1: 0, 2: 1, 3: 1 });
    expect([cpu.r[1], cpu.r[0]]).toEqual([1, 0]);
  });
});

describe('A32 signed multiplies from the media space', () => {
  it('SMMUL truncates, SMMULR rounds (adds 0x80000000 before taking bits 63:32)', () => {
    // 0x10000 * 0x8000 = 0x80000000: high word 0, rounded 1
    expect(run('smmul r0, r1, r2', { 1: 0x10000, 2: 0x8000 }).r[0]).toBe(0);
    expect(run('smmulr r0, r1, r2', { 1: 0x10000, 2: 0x8000 }).r[0]).toBe(1);
    // -0x10000 * 0x8000 = -2^31 = 0xffffffff_80000000: truncated -1, rounded 0
    expect(run('smmul r0, r1, r2', { 1: 0xffff0000, 2: 0x8000 }).r[0]).toBe(0xffffffff);
    expect(run('smmulr r0, r1, r2', { 1: 0xffff0000, 2: 0x8000 }).r[0]).toBe(0);
    expect(run('smmul r0, r1, r2', { 1: 0x40000000, 2: 0x40000000 }).r[0]).toBe(0x10000000);
  });

  it('SMMLA / SMMLS with and without rounding', () => {
    // (1 << 32) + 2^31 -> 1, rounded 2
    expect(run('smmla r0, r1, r2, r3', { 1: 0x10000, 2: 0x8000, 3: 1 }).r[0]).toBe(1);
    expect(run('smmlar r0, r1, r2, r3', { 1: 0x10000, 2: 0x8000, 3: 1 }).r[0]).toBe(2);
    // (1 << 32) - 1 -> 0; + 0x80000000 -> 1
    expect(run('smmls r0, r1, r2, r3', { 1: 1, 2: 1, 3: 1 }).r[0]).toBe(0);
    expect(run('smmlsr r0, r1, r2, r3', { 1: 1, 2: 1, 3: 1 }).r[0]).toBe(1);
  });

  it('SMUAD -32768*-32768 twice = 2^31 overflows: Q set; SMUADX swaps Rm halves', () => {
    const cpu = run('smuad r0, r1, r2', { 1: 0x80008000, 2: 0x80008000 });
    expect(cpu.r[0]).toBe(0x80000000);
    expect(cpu.q).toBe(1);
    // X: lo(r1)*hi(r2) + hi(r1)*lo(r2) = 2*5 + 3*7 = 31
    const c2 = run('smuadx r0, r1, r2', { 1: 0x00030002, 2: 0x00050007 });
    expect(c2.r[0]).toBe(31);
    expect(c2.q).toBe(0);
  });

  it('SMUSD / SMLAD / SMLSD', () => {
    // lo*lo - hi*hi = 2*7 - 3*5 = -1
    expect(run('smusd r0, r1, r2', { 1: 0x00030002, 2: 0x00050007 }).r[0]).toBe(0xffffffff);
    // 2*7 + 3*5 + 0x7fffffff - overflows
    const cpu = run('smlad r0, r1, r2, r3', { 1: 0x00030002, 2: 0x00050007, 3: 0x7fffffff });
    expect(cpu.r[0]).toBe((0x7fffffff + 29) >>> 0);
    expect(cpu.q).toBe(1);
    // X: 2*5 - 3*7 + 100 = 89
    expect(run('smlsdx r0, r1, r2, r3', { 1: 0x00030002, 2: 0x00050007, 3: 100 }).r[0]).toBe(89);
  });

  it('SMLALD / SMLSLD accumulate into 64 bits', () => {
    // -1 + (2*7 + 3*5) = 28
    let cpu = run('smlald r0, r1, r2, r3', { 0: 0xffffffff, 1: 0xffffffff, 2: 0x00030002, 3: 0x00050007 });
    expect([cpu.r[1], cpu.r[0]]).toEqual([0, 28]);
    // 0 + (2*7 - 3*5) = -1
    cpu = run('smlsld r0, r1, r2, r3', { 0: 0, 1: 0, 2: 0x00030002, 3: 0x00050007 });
    expect([cpu.r[1], cpu.r[0]]).toEqual([0xffffffff, 0xffffffff]);
    // max: 0x7fffffff_ffffffff + 2^31 wraps into the sign bit (no saturation, no Q)
    cpu = run('smlald r0, r1, r2, r3', { 0: 0xffffffff, 1: 0x7fffffff, 2: 0x80008000, 3: 0x80008000 });
    expect([cpu.r[1], cpu.r[0]]).toEqual([0x80000000, 0x7fffffff]);
    expect(cpu.q).toBe(0);
  });

  it('SDIV rounds towards zero, /0 = 0, INT_MIN / -1 = INT_MIN', () => {
    expect(run('sdiv r0, r1, r2', { 1: -7, 2: 2 }).r[0]).toBe(0xfffffffd);
    expect(run('sdiv r0, r1, r2', { 1: 7, 2: -2 }).r[0]).toBe(0xfffffffd);
    expect(run('sdiv r0, r1, r2', { 1: 0x80000000, 2: 0xffffffff }).r[0]).toBe(0x80000000);
    expect(run('sdiv r0, r1, r2', { 0: 55, 1: 123, 2: 0 }).r[0]).toBe(0);
  });

  it('UDIV is unsigned, /0 = 0', () => {
    expect(run('udiv r0, r1, r2', { 1: 0xffffffff, 2: 2 }).r[0]).toBe(0x7fffffff);
    expect(run('udiv r0, r1, r2', { 1: 0x80000000, 2: 0xffffffff }).r[0]).toBe(0);
    expect(run('udiv r0, r1, r2', { 0: 9, 1: 5, 2: 0 }).r[0]).toBe(0);
  });
});

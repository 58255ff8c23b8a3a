// Tests for the A32 load/store encodings (ARM ARM A5.2.8, A5.2.10, A5.3, A5.5; B9.3.4-B9.3.6):
// disassembly against GNU objdump, and execution against the manual's pseudocode.

import { describe, expect, it } from 'vitest';
import { Cpu } from '../../../../emulator/cpu/cpu';
import { Bus } from '../../../../emulator/memory/bus';
import { Mode } from '../../../../emulator/cpu/psr';
import { FaultType, GuestAbort } from '../../../../emulator/cpu/fault';
import { A32_DECODER } from '../../../../emulator/decode/a32/index';
import { A32_LOADSTORE } from '../../../../emulator/decode/a32/loadstore';
import { compilePattern } from '../../../../emulator/decode/pattern';
import type { InstrDef } from '../../../../emulator/decode/instr';
import type { Mmu } from '../../../../emulator/mmu/api';
import { assemble, disassembleWords } from '../../../support/objdump';

// ---------------------------------------------------------------- helpers

/** Deterministic PRNG (mulberry32) so failures reproduce. */
function prng(seed: number): () => number {
  let s = seed | 0;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return (t ^ (t >>> 14)) >>> 0;
  };
}

/** Random words that the A32 decoder maps to `def` (cond 0000-1110 for cccc patterns). */
function samples(def: InstrDef, count: number, rnd: () => number): number[] {
  const cp = compilePattern(def.pattern);
  const out: number[] = [];
  for (let k = 0; k < count * 50 && out.length < count; k++) {
    let w = ((rnd() & ~cp.mask) | cp.value) >>> 0;
    if (def.pattern.startsWith('cccc')) w = ((w & 0x0fffffff) | ((rnd() % 15) << 28)) >>> 0;
    if (A32_DECODER.decode(w)?.def === def) out.push(w);
  }
  return out;
}

function disOf(word: number, addr = 0): string {
  const e = A32_DECODER.decode(word);
  if (!e) throw new Error(`no decode for ${word.toString(16)}`);
  return e.def.dis(word, { addr });
}

const RAM = 0x40000000;
const PC = 0x40000100;

/** A core with a flat (identity) MMU, as with SCTLR.M = 0 and no stage 2. */
function mkCpu(): Cpu {
  const cpu = new Cpu(new Bus(RAM, 1 << 20));
  const flat: Mmu = {
    translate: (va) => va,
    tlbMaintenance: () => {},
    translationRegsChanged: () => {},
    addressTranslate: () => {},
  };
  cpu.mmu = flat;
  return cpu;
}

/** Execute one instruction word at `pc` the way the executor does (PC reads as pc + 8). */
function run(cpu: Cpu, word: number, pc = PC): string {
  const e = A32_DECODER.decode(word);
  if (!e) throw new Error(`no decode for ${word.toString(16)}`);
  cpu.pc = pc;
  cpu.r[15] = pc + 8;
  cpu.nextPc = pc + 4;
  cpu.insnLen = 4;
  e.def.exec(cpu, word);
  return e.def.name;
}

/** Run expecting a memory fault; returns what was thrown. */
function runFault(cpu: Cpu, word: number): unknown {
  try {
    run(cpu, word);
  } catch (e) {
    return e;
  }
  throw new Error('expected a fault');
}

// Every instruction used by the execution tests, assembled once with GNU as.
const SOURCES = [
  'ldr r0, [r1, #4]', 'ldr r0, [r1, #-4]!', 'ldr r0, [r1], #4', 'ldr r0, [r1, r2, lsl #2]',
  'ldrb r0, [r1, r2, rrx]', 'ldr r0, [r1, -r2, lsr #32]', 'ldrb r0, [r1, #3]', 'str r0, [r1, #8]',
  'strb r0, [r1], #-1', 'str pc, [r1]', 'ldr r0, [pc, #8]', 'ldr r0, [pc, #-8]', 'ldr pc, [r1]',
  'ldrt r0, [r1], #4', 'strbt r0, [r1], -r2', 'push {r5}', 'pop {r6}', 'ldr r0, [r0, #4]',
  'ldrh r0, [r1, #-2]!', 'ldrsh r0, [r1]', 'ldrsb r0, [r1], r2', 'strh r0, [r1, #2]',
  'ldrd r2, r3, [r1, #8]', 'strd r4, r5, [r1, #-8]!', 'ldrd r2, r3, [r1]', 'ldrh r0, [pc, #4]',
  'ldrsbt r0, [r1], #1', 'strht r0, [r1], #2', 'ldrsh r0, [r1, -r2]',
  'ldrex r0, [r1]', 'strex r2, r3, [r1]', 'clrex', 'str r4, [r1]', 'ldrexb r0, [r1]', 'strexb r2, r3, [r1]',
  'ldrexh r0, [r1]', 'strexh r2, r3, [r1]', 'ldrexd r4, r5, [r1]', 'strexd r2, r6, r7, [r1]',
  'swp r0, r1, [r2]', 'swpb r0, r1, [r2]', 'swp r3, r3, [r2]', 'ldrex r0, [r6]',
  'stmdb r0!, {r1, r2, r3}', 'stm r0, {r1, r2, r3}', 'stmib r0!, {r1, r2}', 'stmda r0, {r1, r2}',
  'ldmib r0, {r1, r2}', 'ldmda r0!, {r1, r2}', 'ldmdb r0, {r1, r2, r3}', 'ldm r0!, {r1, r2}',
  'push {r4, lr}', 'pop {r4, pc}', 'stm r0!, {r0, r1}', 'ldm r0, {r0, r1}', 'ldm r0!, {r0, r1}',
  'stm r0, {sp, lr}^', 'ldm r0, {sp, lr}^', 'ldm sp!, {r0, pc}^', 'ldm r1!, {r2, r3}', 'stm r0, {r1, pc}',
  'ldmib r0, {r8, r9}^',
];
const W: Record<string, number> = {};
{
  const lines = assemble(SOURCES);
  SOURCES.forEach((s, i) => { W[s] = lines[i].word; });
}

// ---------------------------------------------------------------- disassembly

describe('A32 load/store disassembly matches objdump', () => {
  const rnd = prng(0x5eed);
  const perDef = A32_LOADSTORE.map((def) => ({ def, words: samples(def, 120, rnd) }));
  // Hand-picked corner cases: zero offsets with and without writeback, PC bases, empty lists.
  const corners = [
    0xe5910000, 0xe5110000, 0xe5b10000, 0xe4910000, 0xe4110000, 0xe51f0000, 0xe59f0000, 0xe5bf0004,
    0xe1d000b0, 0xe15000b0, 0xe1f000b0, 0xe0d000b0, 0xe05000b0, 0xe1ff00b0, 0xe1df00b0, 0xe1ef00d0,
    0xe0ff00b0, 0xe1bf00b2, 0xe92d0001, 0xe92d2000, 0xe8bd0001, 0xe8900000, 0xe92d0000, 0xe8bd0000,
    0xe1c100d0, 0xe1c1e0d0, 0xe1a24f90, 0xe1b20f9f, 0xe19faf9f, 0xe52d0004, 0xe49d0004, 0x052df004,
    0xe8c08002, 0xe8d00002, 0xe8fd8001, 0xe9ed0006, 0xe8800006, 0xe8a00006,
  ];
  const all = [...perDef.flatMap((p) => p.words), ...corners];
  const ref = disassembleWords(all);
  const textOf = new Map<number, string>();
  all.forEach((w, i) => textOf.set(w, ref[i].text));

  for (const { def, words } of perDef) {
    it(`${def.name} (${words.length} random encodings)`, () => {
      expect(words.length).toBeGreaterThan(0);
      for (const w of words) expect([w.toString(16), disOf(w)]).toEqual([w.toString(16), textOf.get(w)]);
    });
  }

  it('corner cases', () => {
    for (const w of corners) expect([w.toString(16), disOf(w)]).toEqual([w.toString(16), textOf.get(w)]);
  });

  it('assembled source round-trips through decode and dis', () => {
    for (const line of assemble(SOURCES)) expect(disOf(line.word)).toBe(line.text);
  });
});

// ---------------------------------------------------------------- word and unsigned byte

describe('LDR/STR/LDRB/STRB (A5.3)', () => {
  it('offset, pre-indexed and post-indexed immediate addressing', () => {
    const cpu = mkCpu();
    const base = RAM + 0x200;
    cpu.write32(base - 4, 0x11111111);
    cpu.write32(base, 0x22222222);
    cpu.write32(base + 4, 0x33333333);
    // Offset: address = Rn + 4, Rn unchanged (A8.8.63, P = 1, W = 0).
    cpu.r[1] = base;
    run(cpu, W['ldr r0, [r1, #4]']);
    expect([cpu.r[0], cpu.r[1]]).toEqual([0x33333333, base]);
    // Pre-indexed: address = Rn - 4 and Rn takes it.
    run(cpu, W['ldr r0, [r1, #-4]!']);
    expect([cpu.r[0], cpu.r[1]]).toEqual([0x11111111, base - 4]);
    // Post-indexed: address = Rn, then Rn += 4.
    run(cpu, W['ldr r0, [r1], #4']);
    expect([cpu.r[0], cpu.r[1]]).toEqual([0x11111111, base]);
  });

  it('shifted register offsets', () => {
    const cpu = mkCpu();
    const base = RAM + 0x200;
    for (let i = 0; i < 8; i++) cpu.write32(base + 4 * i, 0xa0 + i);
    cpu.r[1] = base;
    cpu.r[2] = 3;
    run(cpu, W['ldr r0, [r1, r2, lsl #2]']); // offset 3 << 2 = 12
    expect(cpu.r[0]).toBe(0xa3);
    // RRX with C = 0: 8 >> 1 = 4, so byte 4 = the low byte of word 1.
    cpu.c = 0;
    cpu.r[2] = 8;
    run(cpu, W['ldrb r0, [r1, r2, rrx]']);
    expect(cpu.r[0]).toBe(0xa1);
    // LSR #32 gives 0 (DecodeImmShift: imm5 = 0 means 32), so "-r2" subtracts nothing.
    cpu.r[2] = 0xffffffff;
    run(cpu, W['ldr r0, [r1, -r2, lsr #32]']);
    expect(cpu.r[0]).toBe(0xa0);
  });

  it('LDRB zero-extends, STRB stores one byte, STR PC stores PC + 8', () => {
    const cpu = mkCpu();
    const base = RAM + 0x300;
    cpu.write32(base, 0x80aabbcc);
    cpu.r[1] = base;
    run(cpu, W['ldrb r0, [r1, #3]']);
    expect(cpu.r[0]).toBe(0x80);
    cpu.r[0] = 0x12345677;
    run(cpu, W['strb r0, [r1], #-1']);
    expect(cpu.read32(base)).toBe(0x80aabb77);
    expect(cpu.r[1]).toBe(base - 1);
    cpu.r[1] = base;
    run(cpu, W['str pc, [r1]']);
    expect(cpu.read32(base)).toBe(PC + 8);
  });

  it('LDR (literal) uses Align(PC, 4) +/- imm12 and never writes back', () => {
    const cpu = mkCpu();
    cpu.write32(PC + 8 + 8, 0xcafef00d);
    cpu.write32(PC + 8 - 8, 0x0badf00d);
    expect(run(cpu, W['ldr r0, [pc, #8]'])).toBe('LDR_lit');
    expect(cpu.r[0]).toBe(0xcafef00d);
    run(cpu, W['ldr r0, [pc, #-8]']);
    expect(cpu.r[0]).toBe(0x0badf00d);
  });

  it('LDR to PC interworks (LoadWritePC, A2.3.1)', () => {
    const cpu = mkCpu();
    cpu.r[1] = RAM + 0x400;
    cpu.write32(RAM + 0x400, RAM + 0x1001);
    run(cpu, W['ldr pc, [r1]']);
    expect([cpu.thumb, cpu.nextPc]).toEqual([1, RAM + 0x1000]);
  });

  it('LDRT/STRBT are post-indexed unprivileged accesses', () => {
    const cpu = mkCpu();
    const base = RAM + 0x500;
    cpu.write32(base, 0x01020304);
    cpu.r[1] = base;
    run(cpu, W['ldrt r0, [r1], #4']);
    expect([cpu.r[0], cpu.r[1]]).toEqual([0x01020304, base + 4]);
    cpu.r[0] = 0xee;
    cpu.r[2] = 3;
    run(cpu, W['strbt r0, [r1], -r2']);
    expect(cpu.read32(base + 4) & 0xff).toBe(0xee);
    expect(cpu.r[1]).toBe(base + 1);
  });

  it('single-register PUSH/POP are the STR/LDR SP forms', () => {
    const cpu = mkCpu();
    cpu.r[13] = RAM + 0x800;
    cpu.r[5] = 0x55;
    expect(run(cpu, W['push {r5}'])).toBe('PUSH_single');
    expect(cpu.r[13]).toBe(RAM + 0x7fc);
    expect(cpu.read32(RAM + 0x7fc)).toBe(0x55);
    expect(run(cpu, W['pop {r6}'])).toBe('POP_single');
    expect([cpu.r[6], cpu.r[13]]).toEqual([0x55, RAM + 0x800]);
  });

  it('an aborted access leaves every register unchanged (base restored)', () => {
    const cpu = mkCpu();
    cpu.r[0] = 0x1234;
    cpu.r[1] = 0; // outside RAM: external abort
    runFault(cpu, W['ldr r0, [r1, #-4]!']);
    expect([cpu.r[0], cpu.r[1]]).toEqual([0x1234, 0]);
    cpu.r[1] = 0x100;
    runFault(cpu, W['ldr r0, [r1], #4']);
    expect([cpu.r[0], cpu.r[1]]).toEqual([0x1234, 0x100]);
  });
});

// ---------------------------------------------------------------- extra load/store

describe('extra load/store (A5.2.8)', () => {
  it('LDRH zero-extends, LDRSH and LDRSB sign-extend', () => {
    const cpu = mkCpu();
    const base = RAM + 0x200;
    cpu.write32(base - 4, 0x8001_7fff);
    cpu.write32(base, 0x0000_8001);
    cpu.r[1] = base;
    run(cpu, W['ldrh r0, [r1, #-2]!']); // halfword at base - 2 = 0x8001, Rn = base - 2
    expect([cpu.r[0], cpu.r[1]]).toEqual([0x8001, base - 2]);
    cpu.r[1] = base;
    run(cpu, W['ldrsh r0, [r1]']);
    expect(cpu.r[0]).toBe(0xffff8001);
    cpu.r[2] = 5;
    run(cpu, W['ldrsb r0, [r1], r2']); // byte 0x01 at base, then Rn += 5
    expect([cpu.r[0], cpu.r[1]]).toEqual([1, base + 5]);
    cpu.r[1] = base + 1;
    run(cpu, W['ldrsb r0, [r1], r2']); // byte 0x80
    expect(cpu.r[0]).toBe(0xffffff80);
    cpu.r[1] = base + 4;
    cpu.r[2] = 2;
    run(cpu, W['ldrsh r0, [r1, -r2]']); // halfword at base + 2 = 0x0000
    expect(cpu.r[0]).toBe(0);
  });

  it('STRH writes only the halfword', () => {
    const cpu = mkCpu();
    const base = RAM + 0x200;
    cpu.write32(base, 0xaaaaaaaa);
    cpu.r[0] = 0x12345678;
    cpu.r[1] = base - 2;
    run(cpu, W['strh r0, [r1, #2]']);
    expect(cpu.read32(base)).toBe(0xaaaa5678);
    expect(cpu.r[1]).toBe(base - 2);
  });

  it('LDRD/STRD move Rt at the lower address and Rt2 = Rt + 1 above it', () => {
    const cpu = mkCpu();
    const base = RAM + 0x300;
    cpu.write32(base + 8, 0x11111111);
    cpu.write32(base + 12, 0x22222222);
    cpu.r[1] = base;
    run(cpu, W['ldrd r2, r3, [r1, #8]']);
    expect([cpu.r[2], cpu.r[3], cpu.r[1]]).toEqual([0x11111111, 0x22222222, base]);
    cpu.r[4] = 0x44444444;
    cpu.r[5] = 0x55555555;
    run(cpu, W['strd r4, r5, [r1, #-8]!']);
    expect([cpu.read32(base - 8), cpu.read32(base - 4), cpu.r[1]]).toEqual([0x44444444, 0x55555555, base - 8]);
  });

  it('LDRD needs word alignment (MemA) even with SCTLR.A = 0', () => {
    const cpu = mkCpu();
    cpu.r[1] = RAM + 0x302;
    cpu.r[2] = 7;
    const f = runFault(cpu, W['ldrd r2, r3, [r1]']);
    expect(f).toBeInstanceOf(GuestAbort);
    expect((f as GuestAbort).type).toBe(FaultType.Alignment);
    expect(cpu.r[2]).toBe(7);
  });

  it('LDRD with an odd Rt is UNDEFINED (QEMU choice for the UNPREDICTABLE case)', () => {
    const cpu = mkCpu();
    run(cpu, 0xe1c210d0); // ldrd r1, r2, [r2]
    expect(cpu.mode).toBe(Mode.UND);
    expect(cpu.r[14]).toBe(PC + 4); // Undefined: LR = address + 4 in ARM state (B1.8.3)
  });

  it('LDRH (literal) and the unprivileged halfword forms', () => {
    const cpu = mkCpu();
    cpu.write32(PC + 12, 0xbeef);
    run(cpu, W['ldrh r0, [pc, #4]']);
    expect(cpu.r[0]).toBe(0xbeef);
    const base = RAM + 0x400;
    cpu.write32(base, 0x000000f0);
    cpu.r[1] = base;
    run(cpu, W['ldrsbt r0, [r1], #1']);
    expect([cpu.r[0], cpu.r[1]]).toEqual([0xfffffff0, base + 1]);
    cpu.r[0] = 0xabcd;
    cpu.r[1] = base + 2;
    run(cpu, W['strht r0, [r1], #2']);
    expect([cpu.read32(base), cpu.r[1]]).toEqual([0xabcd00f0, base + 4]);
  });
});

// ---------------------------------------------------------------- synchronization

describe('exclusives, SWP, CLREX (A5.2.10, A3.4)', () => {
  function setup(): Cpu {
    const cpu = mkCpu();
    cpu.r[1] = RAM + 0x600;
    cpu.write32(RAM + 0x600, 0x1111);
    cpu.r[3] = 0x3333;
    return cpu;
  }

  it('LDREX then STREX succeeds (Rd = 0), stores and opens the monitor', () => {
    const cpu = setup();
    run(cpu, W['ldrex r0, [r1]']);
    expect(cpu.r[0]).toBe(0x1111);
    expect(cpu.exclusiveAddr).toBe(RAM + 0x600);
    run(cpu, W['strex r2, r3, [r1]']);
    expect([cpu.r[2], cpu.read32(RAM + 0x600), cpu.exclusiveAddr]).toEqual([0, 0x3333, -1]);
    // A second STREX finds the monitor open: fails with Rd = 1 and no store.
    cpu.r[3] = 0x4444;
    run(cpu, W['strex r2, r3, [r1]']);
    expect([cpu.r[2], cpu.read32(RAM + 0x600)]).toEqual([1, 0x3333]);
  });

  it('STREX without LDREX, or after CLREX, fails', () => {
    const cpu = setup();
    run(cpu, W['strex r2, r3, [r1]']);
    expect([cpu.r[2], cpu.read32(RAM + 0x600)]).toEqual([1, 0x1111]);
    run(cpu, W['ldrex r0, [r1]']);
    run(cpu, W['clrex']);
    expect(cpu.exclusiveAddr).toBe(-1);
    run(cpu, W['strex r2, r3, [r1]']);
    expect([cpu.r[2], cpu.read32(RAM + 0x600)]).toEqual([1, 0x1111]);
  });

  it('STREX to another address fails and still clears the monitor', () => {
    const cpu = setup();
    cpu.r[6] = RAM + 0x700;
    run(cpu, W['ldrex r0, [r6]']);
    run(cpu, W['strex r2, r3, [r1]']);
    expect(cpu.r[2]).toBe(1);
    expect(cpu.exclusiveAddr).toBe(-1);
  });

  it('a changed value between LDREX and STREX makes STREX fail (QEMU compare-and-swap model)', () => {
    const cpu = setup();
    run(cpu, W['ldrex r0, [r1]']);
    cpu.r[4] = 0x9999;
    run(cpu, W['str r4, [r1]']);
    run(cpu, W['strex r2, r3, [r1]']);
    expect([cpu.r[2], cpu.read32(RAM + 0x600)]).toEqual([1, 0x9999]);
  });

  it('byte, halfword and doubleword exclusives', () => {
    const cpu = setup();
    cpu.write32(RAM + 0x600, 0x8899aabb);
    run(cpu, W['ldrexb r0, [r1]']);
    expect(cpu.r[0]).toBe(0xbb);
    run(cpu, W['strexb r2, r3, [r1]']);
    expect([cpu.r[2], cpu.read32(RAM + 0x600)]).toEqual([0, 0x8899aa33]);
    run(cpu, W['ldrexh r0, [r1]']);
    expect(cpu.r[0]).toBe(0xaa33);
    run(cpu, W['strexh r2, r3, [r1]']);
    expect([cpu.r[2], cpu.read32(RAM + 0x600)]).toEqual([0, 0x88993333]);
    cpu.write32(RAM + 0x604, 0x77777777);
    run(cpu, W['ldrexd r4, r5, [r1]']);
    expect([cpu.r[4], cpu.r[5]]).toEqual([0x88993333, 0x77777777]);
    cpu.r[6] = 0x66;
    cpu.r[7] = 0x77;
    run(cpu, W['strexd r2, r6, r7, [r1]']);
    expect([cpu.r[2], cpu.read32(RAM + 0x600), cpu.read32(RAM + 0x604)]).toEqual([0, 0x66, 0x77]);
  });

  it('LDREXD needs doubleword alignment; a size mismatch fails the STREX', () => {
    const cpu = setup();
    cpu.r[1] = RAM + 0x604;
    const f = runFault(cpu, W['ldrexd r4, r5, [r1]']);
    expect((f as GuestAbort).type).toBe(FaultType.Alignment);
    cpu.r[1] = RAM + 0x600;
    run(cpu, W['ldrexb r0, [r1]']);
    run(cpu, W['strex r2, r3, [r1]']);
    expect(cpu.r[2]).toBe(1);
  });

  it('STREX with Rd == Rt is UNDEFINED (QEMU choice)', () => {
    const cpu = setup();
    run(cpu, 0xe1813f93); // strex r3, r3, [r1] (GNU as refuses to assemble it)
    expect(cpu.mode).toBe(Mode.UND);
  });

  it('SWP and SWPB exchange register and memory', () => {
    const cpu = mkCpu();
    cpu.r[2] = RAM + 0x600;
    cpu.write32(RAM + 0x600, 0xaabbccdd);
    cpu.r[1] = 0x11223344;
    run(cpu, W['swp r0, r1, [r2]']);
    expect([cpu.r[0], cpu.read32(RAM + 0x600)]).toEqual([0xaabbccdd, 0x11223344]);
    run(cpu, W['swpb r0, r1, [r2]']);
    expect([cpu.r[0], cpu.read32(RAM + 0x600)]).toEqual([0x44, 0x11223344]);
    // Rt == Rt2 swaps the register with memory.
    cpu.r[3] = 0x5555;
    run(cpu, W['swp r3, r3, [r2]']);
    expect([cpu.r[3], cpu.read32(RAM + 0x600)]).toEqual([0x11223344, 0x5555]);
  });
});

// ---------------------------------------------------------------- load/store multiple

describe('LDM/STM (A5.5, B9.3)', () => {
  it('STMDB with writeback stores the lowest register at the lowest address', () => {
    const cpu = mkCpu();
    cpu.r[0] = RAM + 0x400;
    cpu.r[1] = 1; cpu.r[2] = 2; cpu.r[3] = 3;
    run(cpu, W['stmdb r0!, {r1, r2, r3}']);
    // DB: start = Rn - 4 * 3; Rn = start (A8.8.201).
    expect([cpu.read32(RAM + 0x3f4), cpu.read32(RAM + 0x3f8), cpu.read32(RAM + 0x3fc)]).toEqual([1, 2, 3]);
    expect(cpu.r[0]).toBe(RAM + 0x3f4);
  });

  it('STM (IA) without writeback, STMIB and STMDA addresses', () => {
    const cpu = mkCpu();
    cpu.r[1] = 1; cpu.r[2] = 2; cpu.r[3] = 3;
    cpu.r[0] = RAM + 0x400;
    run(cpu, W['stm r0, {r1, r2, r3}']);
    expect([cpu.read32(RAM + 0x400), cpu.read32(RAM + 0x408), cpu.r[0]]).toEqual([1, 3, RAM + 0x400]);
    run(cpu, W['stmib r0!, {r1, r2}']); // IB: Rn + 4, Rn + 8; Rn += 8
    expect([cpu.read32(RAM + 0x404), cpu.read32(RAM + 0x408), cpu.r[0]]).toEqual([1, 2, RAM + 0x408]);
    cpu.r[1] = 7; cpu.r[2] = 8;
    run(cpu, W['stmda r0, {r1, r2}']); // DA: Rn - 4, Rn
    expect([cpu.read32(RAM + 0x404), cpu.read32(RAM + 0x408), cpu.r[0]]).toEqual([7, 8, RAM + 0x408]);
  });

  it('LDMIB, LDMDA with writeback, LDMDB, LDMIA with writeback', () => {
    const cpu = mkCpu();
    for (let i = 0; i < 8; i++) cpu.write32(RAM + 0x400 + 4 * i, 0x100 + i);
    cpu.r[0] = RAM + 0x408;
    run(cpu, W['ldmib r0, {r1, r2}']); // Rn + 4, Rn + 8
    expect([cpu.r[1], cpu.r[2], cpu.r[0]]).toEqual([0x103, 0x104, RAM + 0x408]);
    run(cpu, W['ldmda r0!, {r1, r2}']); // Rn - 4, Rn; Rn -= 8
    expect([cpu.r[1], cpu.r[2], cpu.r[0]]).toEqual([0x101, 0x102, RAM + 0x400]);
    cpu.r[0] = RAM + 0x40c;
    run(cpu, W['ldmdb r0, {r1, r2, r3}']); // Rn - 12 .. Rn - 4
    expect([cpu.r[1], cpu.r[2], cpu.r[3]]).toEqual([0x100, 0x101, 0x102]);
    run(cpu, W['ldm r0!, {r1, r2}']);
    expect([cpu.r[1], cpu.r[2], cpu.r[0]]).toEqual([0x103, 0x104, RAM + 0x414]);
  });

  it('PUSH {r4, lr} / POP {r4, pc} round-trip and POP interworks', () => {
    const cpu = mkCpu();
    cpu.r[13] = RAM + 0x800;
    cpu.r[4] = 0x44;
    cpu.r[14] = RAM + 0x2001; // Thumb return address
    expect(run(cpu, W['push {r4, lr}'])).toBe('PUSH');
    expect([cpu.read32(RAM + 0x7f8), cpu.read32(RAM + 0x7fc), cpu.r[13]]).toEqual([0x44, RAM + 0x2001, RAM + 0x7f8]);
    cpu.r[4] = 0;
    expect(run(cpu, W['pop {r4, pc}'])).toBe('POP');
    expect([cpu.r[4], cpu.r[13], cpu.nextPc, cpu.thumb]).toEqual([0x44, RAM + 0x800, RAM + 0x2000, 1]);
  });

  it('STM with PC in the list stores PC + 8', () => {
    const cpu = mkCpu();
    cpu.r[0] = RAM + 0x400;
    run(cpu, W['stm r0, {r1, pc}']);
    expect(cpu.read32(RAM + 0x404)).toBe(PC + 8);
  });

  it('base register in the list', () => {
    const cpu = mkCpu();
    // STM with writeback and Rn the lowest register stores the original Rn (A8.8.199).
    cpu.r[0] = RAM + 0x400;
    cpu.r[1] = 0x11;
    run(cpu, W['stm r0!, {r0, r1}']);
    expect([cpu.read32(RAM + 0x400), cpu.read32(RAM + 0x404), cpu.r[0]]).toEqual([RAM + 0x400, 0x11, RAM + 0x408]);
    // LDM without writeback: Rn simply takes the loaded value.
    cpu.write32(RAM + 0x500, 0xaa);
    cpu.write32(RAM + 0x504, 0xbb);
    cpu.r[0] = RAM + 0x500;
    run(cpu, W['ldm r0, {r0, r1}']);
    expect([cpu.r[0], cpu.r[1]]).toEqual([0xaa, 0xbb]);
    // LDM with writeback and Rn in the list is UNPREDICTABLE in ARMv7; QEMU UNDEFs.
    cpu.r[0] = RAM + 0x500;
    run(cpu, W['ldm r0!, {r0, r1}']);
    expect(cpu.mode).toBe(Mode.UND);
  });

  it('an abort on the second word leaves the registers and the base unchanged', () => {
    const cpu = mkCpu();
    cpu.r[1] = RAM + (1 << 20) - 4; // last word of RAM; the next one is unmapped
    cpu.r[2] = 0x22;
    cpu.r[3] = 0x33;
    runFault(cpu, W['ldm r1!, {r2, r3}']);
    expect([cpu.r[1], cpu.r[2], cpu.r[3]]).toEqual([RAM + (1 << 20) - 4, 0x22, 0x33]);
  });

  it('STM^ stores and LDM^ loads the User-mode registers from a PL1 mode', () => {
    const cpu = mkCpu(); // resets to SVC mode
    cpu.writeBanked(13, Mode.USR, 0x5151);
    cpu.writeBanked(14, Mode.USR, 0x5252);
    cpu.r[13] = 0x9191;
    cpu.r[14] = 0x9292;
    cpu.r[0] = RAM + 0x400;
    run(cpu, W['stm r0, {sp, lr}^']);
    expect([cpu.read32(RAM + 0x400), cpu.read32(RAM + 0x404)]).toEqual([0x5151, 0x5252]);
    cpu.write32(RAM + 0x400, 0x6161);
    cpu.write32(RAM + 0x404, 0x6262);
    run(cpu, W['ldm r0, {sp, lr}^']);
    expect([cpu.readBanked(13, Mode.USR), cpu.readBanked(14, Mode.USR)]).toEqual([0x6161, 0x6262]);
    expect([cpu.r[13], cpu.r[14]]).toEqual([0x9191, 0x9292]); // SVC's own SP/LR untouched
  });

  it('LDM^ reaches R8_usr-R12_usr from FIQ mode', () => {
    const cpu = mkCpu();
    cpu.switchMode(Mode.FIQ);
    cpu.r[8] = 0xf8;
    cpu.write32(RAM + 0x404, 0x88);
    cpu.write32(RAM + 0x408, 0x99);
    cpu.r[0] = RAM + 0x400;
    run(cpu, W['ldmib r0, {r8, r9}^']);
    expect(cpu.r[8]).toBe(0xf8);
    expect([cpu.readBanked(8, Mode.USR), cpu.readBanked(9, Mode.USR)]).toEqual([0x88, 0x99]);
  });

  it('the User-register forms are UNDEFINED in Hyp mode and in User mode', () => {
    const hyp = mkCpu();
    hyp.switchMode(Mode.HYP);
    hyp.r[0] = RAM + 0x400;
    run(hyp, W['stm r0, {sp, lr}^']);
    expect(hyp.mode).toBe(Mode.HYP); // Undefined from Hyp is taken in Hyp (B1.8.5)
    expect(hyp.sys.hsr >>> 26).toBe(0x00);
    expect(hyp.nextPc).toBe(hyp.sys.hvbar + 4);
    const usr = mkCpu();
    usr.switchMode(Mode.USR);
    usr.r[0] = RAM + 0x400;
    run(usr, W['ldm r0, {sp, lr}^']);
    expect(usr.mode).toBe(Mode.UND);
  });

  it('LDM {..., pc}^ returns from an exception: CPSR <- SPSR', () => {
    const cpu = mkCpu();
    cpu.r[13] = RAM + 0x800;
    cpu.write32(RAM + 0x800, 0x1234);
    cpu.write32(RAM + 0x804, RAM + 0x3001);
    cpu.spsr = Mode.USR | (1 << 5) | (1 << 31); // User, Thumb, N set
    run(cpu, W['ldm sp!, {r0, pc}^']);
    expect(cpu.mode).toBe(Mode.USR);
    expect([cpu.thumb, cpu.n, cpu.nextPc]).toEqual([1, 1, RAM + 0x3000]);
    expect(cpu.r[0]).toBe(0x1234);
    // Writeback happened in SVC mode, before the mode change.
    expect(cpu.readBanked(13, Mode.SVC)).toBe(RAM + 0x808);
  });
});

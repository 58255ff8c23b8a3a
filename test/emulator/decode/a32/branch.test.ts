// Tests for the A32 branches (ARM ARM A8.8.18 B, A8.8.25 BL/BLX imm, A8.8.26 BLX reg, A8.8.27 BX,
// A8.8.28 BXJ; B1.14.5 HSTR.TJDBX): disassembly against GNU objdump, execution against the manual.

import { describe, expect, it } from 'vitest';
import { Cpu } from '../../../../emulator/cpu/cpu';
import { Bus } from '../../../../emulator/memory/bus';
import { Mode } from '../../../../emulator/cpu/psr';
import { A32_DECODER } from '../../../../emulator/decode/a32/index';
import { A32_BRANCH } from '../../../../emulator/decode/a32/branch';
import { compilePattern } from '../../../../emulator/decode/pattern';
import { assemble, disassembleWords } from '../../../support/objdump';

function prng(seed: number): () => number {
  let s = seed | 0;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return (t ^ (t >>> 14)) >>> 0;
  };
}

function dis(word: number, addr: number, symbol?: (a: number) => string | undefined): string {
  const e = A32_DECODER.decode(word);
  if (!e) throw new Error(`no decode for ${word.toString(16)}`);
  return e.def.dis(word, { addr, symbol });
}

const RAM = 0x40000000;
const PC = 0x40001000;

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

describe('A32 branch disassembly matches objdump', () => {
  it('random encodings of every branch form (objdump symbol suffix stripped)', () => {
    const rnd = prng(0xb7a);
    const words: number[] = [];
    for (const def of A32_BRANCH) {
      const cp = compilePattern(def.pattern);
      let got = 0;
      for (let k = 0; k < 5000 && got < 150; k++) {
        let w = ((rnd() & ~cp.mask) | cp.value) >>> 0;
        if (def.pattern.startsWith('cccc')) w = ((w & 0x0fffffff) | ((rnd() % 15) << 28)) >>> 0;
        if (A32_DECODER.decode(w)?.def !== def) continue;
        words.push(w);
        got++;
      }
      expect(got).toBeGreaterThan(0);
    }
    const ref = disassembleWords(words);
    ref.forEach((line, i) => {
      // Without symbols objdump appends " <.text+0x...>"; our env.symbol is undefined here.
      const want = line.text.replace(/ <[^>]*>$/, '');
      expect([words[i].toString(16), dis(words[i], line.addr)]).toEqual([words[i].toString(16), want]);
    });
  });

  it('labelled source, with the symbolizer giving objdump\'s <sym+off> text', () => {
    const src = [
      'start:', 'b start', 'bl fwd', 'blx fwd', 'bne start', 'bleq fwd', 'bx lr', 'blx r3', 'bxj r4',
      'bxgt r0', 'blxlt ip', 'nop', '.thumb', '.align 2', 'fwd:', 'nop', 'thumb_odd:', 'nop', '.arm', '.align 2',
      'blx thumb_odd', 'b start',
    ];
    const lines = assemble(src);
    // Our symbolizer plays objdump's role: "start" at 0, "fwd" and "thumb_odd" at theirs.
    const fwd = lines.find((l) => l.words.length === 1 && l.text === 'nop' && l.word === 0xbf00)?.addr;
    const sym = (a: number): string | undefined => {
      if (a === 0) return 'start';
      if (a === fwd) return 'fwd';
      if (fwd !== undefined && a === fwd + 2) return 'thumb_odd'; // BLX with H = 1 lands here
      return a < (fwd ?? 0) ? `start+0x${a.toString(16)}` : `fwd+0x${(a - (fwd ?? 0)).toString(16)}`;
    };
    let checked = 0;
    for (const l of lines) {
      const e = A32_DECODER.decode(l.word);
      if (!e || !A32_BRANCH.includes(e.def)) continue;
      expect(dis(l.word, l.addr, sym)).toBe(l.text);
      checked++;
    }
    expect(checked).toBe(12);
  });
});

describe('branch execution', () => {
  const cpu = new Cpu(new Bus(RAM, 1 << 20));

  it('B: target = PC + 8 + SignExtend(imm24:00), stays in ARM state', () => {
    run(cpu, 0xeafffffe); // b . (imm24 = -2: PC + 8 - 8)
    expect(cpu.nextPc).toBe(PC);
    run(cpu, 0xea000010); // + 0x40
    expect(cpu.nextPc).toBe(PC + 8 + 0x40);
    expect(cpu.thumb).toBe(0);
  });

  it('BL writes LR = address of the next instruction', () => {
    cpu.r[14] = 0;
    run(cpu, 0xebfffffc); // bl PC + 8 - 16
    expect([cpu.r[14], cpu.nextPc]).toEqual([PC + 4, PC - 8]);
  });

  it('BLX (immediate) switches to Thumb; H supplies bit 1 of the target', () => {
    cpu.thumb = 0;
    run(cpu, 0xfa000001); // H = 0: PC + 8 + 4
    expect([cpu.thumb, cpu.nextPc, cpu.r[14]]).toEqual([1, PC + 12, PC + 4]);
    cpu.thumb = 0;
    run(cpu, 0xfb000001); // H = 1: PC + 8 + 4 + 2
    expect([cpu.thumb, cpu.nextPc]).toEqual([1, PC + 14]);
    cpu.thumb = 0;
  });

  it('BX interworks on bit 0 of Rm', () => {
    cpu.r[0] = RAM + 0x2001;
    run(cpu, 0xe12fff10); // bx r0
    expect([cpu.thumb, cpu.nextPc]).toEqual([1, RAM + 0x2000]);
    cpu.r[0] = RAM + 0x3000;
    run(cpu, 0xe12fff10);
    expect([cpu.thumb, cpu.nextPc]).toEqual([0, RAM + 0x3000]);
  });

  it('BLX (register) reads Rm before writing LR, so BLX LR works', () => {
    cpu.r[14] = RAM + 0x4001;
    run(cpu, 0xe12fff3e); // blx lr
    expect([cpu.thumb, cpu.nextPc, cpu.r[14]]).toEqual([1, RAM + 0x4000, PC + 4]);
    cpu.thumb = 0;
  });

  it('BXJ behaves like BX with the trivial Jazelle implementation', () => {
    cpu.sys.hstr = 0;
    cpu.r[4] = RAM + 0x5000;
    run(cpu, 0xe12fff24); // bxj r4
    expect([cpu.thumb, cpu.nextPc]).toEqual([0, RAM + 0x5000]);
  });

  it('BXJ traps to Hyp with EC 0x0A when HSTR.TJDBX is set at PL0/PL1', () => {
    const c = new Cpu(new Bus(RAM, 1 << 20)); // SVC mode
    c.sys.hstr = 1 << 17;
    c.sys.hvbar = RAM + 0x8000;
    c.r[4] = RAM + 0x5000;
    run(c, 0x112fff24); // bxjne r4 (the executor has already passed the condition)
    expect(c.mode).toBe(Mode.HYP);
    // HSR = EC 0x0A << 26 | IL | CV | COND 0001 << 20 | Rm (B3.13.6; reference doc 3.6).
    expect(c.sys.hsr >>> 0).toBe(((0x0a << 26) | (1 << 25) | (1 << 24) | (0x1 << 20) | 4) >>> 0);
    expect(c.elrHyp).toBe(PC); // Hyp Trap: ELR_hyp = the trapped instruction
    expect(c.nextPc).toBe(RAM + 0x8014); // Hyp Trap vector, offset 0x14
  });

  it('BXJ in Hyp mode is never trapped', () => {
    const c = new Cpu(new Bus(RAM, 1 << 20));
    c.switchMode(Mode.HYP);
    c.sys.hstr = 1 << 17;
    c.r[4] = RAM + 0x5001;
    run(c, 0xe12fff24);
    expect([c.mode, c.thumb, c.nextPc]).toEqual([Mode.HYP, 1, RAM + 0x5000]);
  });
});

// Tests for A32 media/misc encodings (emulator/decode/a32/media.ts, media-parallel.ts, media-sat.ts):
// objdump disassembly and results worked out from the ARM ARM A8.8 pseudocode (saturation, GE bits).

import { describe, expect, it } from 'vitest';
import { Cpu } from '../../../../emulator/cpu/cpu';
import { Bus } from '../../../../emulator/memory/bus';
import { Mode } from '../../../../emulator/cpu/psr';
import { A32_DECODER } from '../../../../emulator/decode/a32/index';
import { A32_MEDIA } from '../../../../emulator/decode/a32/media';
import type { InstrDef } from '../../../../emulator/decode/instr';
import { assemble, disassembleWords, sampleEncodings } from '../../../support/objdump';

const PC = 0x40001000;

function run(line: string, regs: Record<number, number> = {}, st: { q?: number; ge?: number } = {}): Cpu {
  const w = assemble([line])[0].word;
  const e = A32_DECODER.decode(w);
  expect(e && A32_MEDIA.includes(e.def), `${line} decoded as ${e?.def.name}`).toBe(true);
  const cpu = new Cpu(new Bus(0x40000000, 1 << 20));
  cpu.sys.sctlr &= ~(1 << 13);
  cpu.sys.vbar = 0x40000000;
  for (const [k, v] of Object.entries(regs)) cpu.r[Number(k)] = v >>> 0;
  cpu.q = st.q ?? 0;
  cpu.ge = st.ge ?? 0;
  cpu.pc = PC;
  cpu.r[15] = PC + 8;
  cpu.nextPc = PC + 4;
  e!.def.exec(cpu, w);
  return cpu;
}

// ---------------------------------------------------------------- disassembly

const LINES = [
  'qadd r0, r1, r2', 'qsubne r3, r4, r5', 'qdadd r0, r1, r2', 'qdsub sl, fp, ip', 'clz r0, r1', 'clzeq lr, ip',
  'rev r0, r1', 'rev16 r0, r1', 'rbit r0, r1', 'revsh r0, r1',
  'ssat r0, #1, r1', 'ssat r0, #32, r1, lsl #31', 'ssat r0, #16, r1, asr #1', 'usat r0, #0, r1', 'usat r0, #31, r1, asr #8',
  'ssat16 r0, #1, r1', 'ssat16 r0, #16, r1', 'usat16 r0, #0, r1', 'usat16 r0, #15, r1',
  'sxtab16 r0, r1, r2', 'sxtb16 r0, r1, ror #8', 'sxtab r0, r1, r2, ror #16', 'sxtb r0, r1', 'sxtah r0, r1, r2, ror #24',
  'sxth r0, r1', 'uxtab16 r0, r1, r2, ror #24', 'uxtab16 r0, r1, r2, ror #8', 'uxtb16 r0, r1', 'uxtab r0, r1, r2',
  'uxtb r0, r1, ror #8', 'uxtah r0, r1, r2', 'uxth r0, r1, ror #16',
  'pkhbt r0, r1, r2', 'pkhbt r0, r1, r2, lsl #16', 'pkhtb r0, r1, r2, asr #16', 'pkhtb r0, r1, r2, asr #32',
  'sel r0, r1, r2', 'usad8 r0, r1, r2', 'usada8 r0, r1, r2, r3',
  'bfc r0, #0, #32', 'bfc r0, #31, #1', 'bfi r0, r1, #8, #8', 'sbfx r0, r1, #0, #1', 'ubfx r0, r1, #4, #28',
  'sadd16 r0, r1, r2', 'sasx r0, r1, r2', 'ssax r0, r1, r2', 'ssub16 r0, r1, r2', 'sadd8 r0, r1, r2', 'ssub8 r0, r1, r2',
  'qadd16 r0, r1, r2', 'qasx r0, r1, r2', 'qsax r0, r1, r2', 'qsub16 r0, r1, r2', 'qadd8 r0, r1, r2', 'qsub8 r0, r1, r2',
  'shadd16 r0, r1, r2', 'shasx r0, r1, r2', 'shsax r0, r1, r2', 'shsub16 r0, r1, r2', 'shadd8 r0, r1, r2', 'shsub8 r0, r1, r2',
  'uadd16 r0, r1, r2', 'uasx r0, r1, r2', 'usax r0, r1, r2', 'usub16 r0, r1, r2', 'uadd8 r0, r1, r2', 'usub8 r0, r1, r2',
  'uqadd16 r0, r1, r2', 'uqasx r0, r1, r2', 'uqsax r0, r1, r2', 'uqsub16 r0, r1, r2', 'uqadd8 r0, r1, r2', 'uqsub8 r0, r1, r2',
  'uhadd16 r0, r1, r2', 'uhasx r0, r1, r2', 'uhsax r0, r1, r2', 'uhsub16 r0, r1, r2', 'uhadd8 r0, r1, r2', 'uhsub8gt r0, r1, r2',
];

describe('A32 media disassembly', () => {
  it('matches objdump for hand-written lines', () => {
    const out = assemble(LINES);
    expect(out.length).toBe(LINES.length);
    for (const l of out) {
      const e = A32_DECODER.decode(l.word);
      expect(e && A32_MEDIA.includes(e.def), `${l.text} decoded`).toBe(true);
      expect(e!.def.dis(l.word, { addr: l.addr })).toBe(l.text);
    }
  });

  it('matches objdump for random encodings of every encoding', () => {
    const words: number[] = [];
    const seen = new Set<InstrDef>();
    A32_MEDIA.forEach((d, k) => {
      for (const w of sampleEncodings(d.pattern, 60, 300 + k)) {
        const e = A32_DECODER.decode(w);
        if (e?.def === d) { words.push(w); seen.add(d); }
      }
    });
    expect(A32_MEDIA.filter((d) => !seen.has(d)).map((d) => d.name)).toEqual([]);
    const ref = disassembleWords(words);
    expect(ref.length).toBe(words.length);
    const bad = ref.filter((l, k) => A32_DECODER.decode(words[k])!.def.dis(words[k], { addr: l.addr }) !== l.text);
    expect(bad.map((l) => `${l.word.toString(16)} ${l.text}`)).toEqual([]);
  });
});

// ---------------------------------------------------------------- saturating arithmetic

describe('A32 saturating add/subtract (A8.8.120-A8.8.130)', () => {
  it('QADD saturates 0x7fffffff + 1 and sets Q; in range it leaves Q', () => {
    let cpu = run('qadd r0, r1, r2', { 1: 0x7fffffff, 2: 1 });
    expect(cpu.r[0]).toBe(0x7fffffff);
    expect(cpu.q).toBe(1);
    cpu = run('qadd r0, r1, r2', { 1: 5, 2: 0xfffffffe });
    expect(cpu.r[0]).toBe(3);
    expect(cpu.q).toBe(0);
  });

  it('QSUB is Rm - Rn: 0x80000000 - 1 saturates to 0x80000000', () => {
    const cpu = run('qsub r0, r1, r2', { 1: 0x80000000, 2: 1 });
    expect(cpu.r[0]).toBe(0x80000000);
    expect(cpu.q).toBe(1);
    expect(run('qsub r0, r1, r2', { 1: 10, 2: 3 }).r[0]).toBe(7);
  });

  it('QDADD: doubling 0x40000000 saturates (Q) before the add', () => {
    const cpu = run('qdadd r0, r1, r2', { 1: 0, 2: 0x40000000 });
    expect(cpu.r[0]).toBe(0x7fffffff);
    expect(cpu.q).toBe(1);
    // 2 * 0x40000000 -> 0x7fffffff, + (-1) = 0x7ffffffe (the second step does not saturate, Q from the first)
    expect(run('qdadd r0, r1, r2', { 1: 0xffffffff, 2: 0x40000000 }).r[0]).toBe(0x7ffffffe);
  });

  it('QDSUB: 0 - 2*(-2^30) = 2^31 saturates in the subtraction', () => {
    const cpu = run('qdsub r0, r1, r2', { 1: 0, 2: 0xc0000000 });
    expect(cpu.r[0]).toBe(0x7fffffff);
    expect(cpu.q).toBe(1);
  });
});

describe('A32 SSAT/USAT (A8.8.161, A8.8.253)', () => {
  it('SSAT #8 clamps to [-128, 127] and sets Q', () => {
    let cpu = run('ssat r0, #8, r1', { 1: 300 });
    expect(cpu.r[0]).toBe(127);
    expect(cpu.q).toBe(1);
    cpu = run('ssat r0, #8, r1', { 1: -300 });
    expect(cpu.r[0]).toBe(0xffffff80);
    cpu = run('ssat r0, #8, r1', { 1: -128 });
    expect(cpu.r[0]).toBe(0xffffff80);
    expect(cpu.q).toBe(0);
  });

  it('SSAT applies the shift first: 0x1000 ASR 4 = 256 -> 127; LSL loses high bits first', () => {
    expect(run('ssat r0, #8, r1, asr #4', { 1: 0x1000 }).r[0]).toBe(127);
    // 0x40000001 LSL 2 = 0x00000004 (32-bit operand) -> in range, no Q
    const cpu = run('ssat r0, #8, r1, lsl #2', { 1: 0x40000001 });
    expect(cpu.r[0]).toBe(4);
    expect(cpu.q).toBe(0);
    // ASR #32: sign fill -> -1
    expect(run('ssat r0, #8, r1, asr #32', { 1: 0x80000000 }).r[0]).toBe(0xffffffff);
  });

  it('USAT clamps to [0, 2^n - 1]', () => {
    let cpu = run('usat r0, #8, r1', { 1: -5 });
    expect(cpu.r[0]).toBe(0);
    expect(cpu.q).toBe(1);
    cpu = run('usat r0, #8, r1', { 1: 300 });
    expect(cpu.r[0]).toBe(255);
    cpu = run('usat r0, #0, r1', { 1: 0 });
    expect([cpu.r[0], cpu.q]).toEqual([0, 0]);
    cpu = run('usat r0, #31, r1', { 1: 0x80000000 });
    expect([cpu.r[0], cpu.q]).toEqual([0, 1]);
  });

  it('SSAT16 #8: 0x7fff -> 127, 0x8000 (-32768) -> -128', () => {
    const cpu = run('ssat16 r0, #8, r1', { 1: 0x7fff8000 });
    expect(cpu.r[0]).toBe(0x007fff80);
    expect(cpu.q).toBe(1);
  });

  it('USAT16 #4: -16 -> 0, 32 -> 15', () => {
    const cpu = run('usat16 r0, #4, r1', { 1: 0xfff00020 });
    expect(cpu.r[0]).toBe(0x0000000f);
    expect(cpu.q).toBe(1);
    expect(run('usat16 r0, #4, r1', { 1: 0x000f0003 }).q).toBe(0);
  });
});

// ---------------------------------------------------------------- parallel add/subtract

describe('A32 parallel add/subtract and GE (A8.8.143 etc.)', () => {
  it('SADD16: lanes wrap, GE from each signed sum being >= 0', () => {
    // lo: 1 + -2 = -1 -> 0xffff, GE[1:0] = 00; hi: 32767 + 1 = 32768 >= 0 -> 0x8000, GE[3:2] = 11
    const cpu = run('sadd16 r0, r1, r2', { 1: 0x7fff0001, 2: 0x0001fffe });
    expect(cpu.r[0]).toBe(0x8000ffff);
    expect(cpu.ge).toBe(0b1100);
  });

  it('UADD8: GE from each byte\'s carry out', () => {
    // bytes (3..0): ff+01 = 0x100 (GE), 80+80 = 0x100 (GE), 01+01 = 2, 00+00 = 0
    const cpu = run('uadd8 r0, r1, r2', { 1: 0xff800100, 2: 0x01800100 });
    expect(cpu.r[0]).toBe(0x00000200);
    expect(cpu.ge).toBe(0b1100);
  });

  it('SEL picks Rn bytes where GE is set, Rm bytes elsewhere', () => {
    const cpu = run('sel r0, r1, r2', { 1: 0x11223344, 2: 0xaabbccdd }, { ge: 0b1010 });
    expect(cpu.r[0]).toBe(0x11bb33dd);
  });

  it('USUB8: GE set where there is no borrow; SSUB8 GE where the signed difference >= 0', () => {
    let cpu = run('usub8 r0, r1, r2', { 1: 0x10203040, 2: 0x20104030 });
    expect(cpu.r[0]).toBe(0xf010f010);
    expect(cpu.ge).toBe(0b0101);
    // bytes: 0x80-0x01 = -129 -> 0x7f, GE 0; 0x7f - 0xff(-1) = 128 -> 0x80, GE 1; 0-0 = 0 GE 1; 1-2 = -1 GE 0
    cpu = run('ssub8 r0, r1, r2', { 1: 0x807f0001, 2: 0x01ff0002 });
    expect(cpu.r[0]).toBe(0x7f8000ff);
    expect(cpu.ge).toBe(0b0110);
  });

  it('UQSUB8 clamps each byte at 0 and does not touch GE or Q', () => {
    const cpu = run('uqsub8 r0, r1, r2', { 1: 0x10203040, 2: 0x20104030 }, { ge: 0b1001 });
    expect(cpu.r[0]).toBe(0x00100010);
    expect(cpu.ge).toBe(0b1001);
    expect(cpu.q).toBe(0);
  });

  it('QADD16 saturates each lane, Q unchanged', () => {
    // hi: 0x7fff + 1 -> 0x7fff; lo: -32768 + -1 -> -32768
    const cpu = run('qadd16 r0, r1, r2', { 1: 0x7fff8000, 2: 0x0001ffff });
    expect(cpu.r[0]).toBe(0x7fff8000);
    expect(cpu.q).toBe(0);
  });

  it('UQADD16 / QSUB8', () => {
    expect(run('uqadd16 r0, r1, r2', { 1: 0xfff00001, 2: 0x00200001 }).r[0]).toBe(0xffff0002);
    // bytes: -128 - 1 -> -128; 127 - (-1) -> 127; 5 - 3 = 2; 0 - 0 = 0
    expect(run('qsub8 r0, r1, r2', { 1: 0x807f0500, 2: 0x01ff0300 }).r[0]).toBe(0x807f0200);
  });

  it('SASX / SSAX cross the halves of Rm', () => {
    // SASX: lo = 20 - 3 = 17, hi = 10 + 4 = 14
    let cpu = run('sasx r0, r1, r2', { 1: 0x000a0014, 2: 0x00030004 });
    expect(cpu.r[0]).toBe(0x000e0011);
    expect(cpu.ge).toBe(0b1111);
    // SSAX: lo = 20 + 3 = 23, hi = 10 - 40 = -30 -> GE[3:2] = 0
    cpu = run('ssax r0, r1, r2', { 1: 0x000a0014, 2: 0x00030028 });
    expect(cpu.r[0]).toBe(0xffe20017);
    expect(cpu.ge).toBe(0b0011);
  });

  it('UASX / USAX: GE from carry on the add lane, no-borrow on the subtract lane', () => {
    // UASX: lo = 0x0001 - 0x0002 = -1 (borrow, GE 00), hi = 0xffff + 0x0001 = 0x10000 (carry, GE 11)
    let cpu = run('uasx r0, r1, r2', { 1: 0xffff0001, 2: 0x00020001 });
    expect(cpu.r[0]).toBe(0x0000ffff);
    expect(cpu.ge).toBe(0b1100);
    // USAX: lo = 0x0001 + 0x0002 = 3 (no carry, 00), hi = 0x0005 - 0x0001 = 4 (no borrow, 11)
    cpu = run('usax r0, r1, r2', { 1: 0x00050001, 2: 0x00020001 });
    expect(cpu.r[0]).toBe(0x00040003);
    expect(cpu.ge).toBe(0b1100);
  });

  it('halving forms: SHADD8 and UHSUB16 shift the exact result right by one (floor)', () => {
    // (-128 + -128) / 2 = -128 -> 0x80; (1 + 2) >> 1 = 1
    expect(run('shadd8 r0, r1, r2', { 1: 0x00000180, 2: 0x00000280 }).r[0]).toBe(0x00000180);
    // (0 - 1) >> 1 = -1 -> 0xffff; (0x8000 - 0) >> 1 = 0x4000
    expect(run('uhsub16 r0, r1, r2', { 1: 0x80000000, 2: 0x00000001 }).r[0]).toBe(0x4000ffff);
    // UHADD16: (0xffff + 0xffff) >> 1 = 0xffff
    expect(run('uhadd16 r0, r1, r2', { 1: 0x0000ffff, 2: 0x0000ffff }).r[0]).toBe(0x0000ffff);
  });
});

// ---------------------------------------------------------------- packing, extension, bit fields, reversal

describe('A32 packing and extension', () => {
  it('PKHBT / PKHTB', () => {
    expect(run('pkhbt r0, r1, r2, lsl #16', { 1: 0x11112222, 2: 0x33334444 }).r[0]).toBe(0x44442222);
    expect(run('pkhtb r0, r1, r2, asr #16', { 1: 0x11112222, 2: 0x33334444 }).r[0]).toBe(0x11113333);
    expect(run('pkhtb r0, r1, r2, asr #32', { 1: 0x11112222, 2: 0x80000000 }).r[0]).toBe(0x1111ffff);
  });

  it('SXTAB with ROR #8 sign-extends the rotated byte', () => {
    // ror(0x00008000, 8) = 0x00000080 -> -128; 1000 - 128 = 872
    expect(run('sxtab r0, r1, r2, ror #8', { 1: 1000, 2: 0x00008000 }).r[0]).toBe(872);
    expect(run('sxtb r0, r1, ror #24', { 1: 0xff000000 }).r[0]).toBe(0xffffffff);
    expect(run('sxth r0, r1', { 1: 0x00018000 }).r[0]).toBe(0xffff8000);
    expect(run('sxtah r0, r1, r2, ror #16', { 1: 1, 2: 0xfffe0000 }).r[0]).toBe(0xffffffff);
  });

  it('SXTB16 / UXTAB16 work per halfword', () => {
    expect(run('sxtb16 r0, r1', { 1: 0x00800070 }).r[0]).toBe(0xff800070);
    // ror(0x11223344, 8) = 0x44112233: bytes 0 and 2 are 0x33, 0x11; + 0x0001_0002
    expect(run('uxtab16 r0, r1, r2, ror #8', { 1: 0x00010002, 2: 0x11223344 }).r[0]).toBe(0x00120035);
    // lanes wrap independently: 0xffff + 0x01 = 0x0000 in the low lane, no carry into the high lane
    expect(run('uxtab16 r0, r1, r2', { 1: 0x0000ffff, 2: 0x00000001 }).r[0]).toBe(0x00000000);
    expect(run('sxtab16 r0, r1, r2', { 1: 0x00000000, 2: 0x00ff00ff }).r[0]).toBe(0xffffffff);
  });

  it('UXTB / UXTH / UXTAB / UXTAH zero-extend', () => {
    expect(run('uxtb r0, r1, ror #16', { 1: 0x00ab0000 }).r[0]).toBe(0xab);
    expect(run('uxth r0, r1', { 1: 0xffff8000 }).r[0]).toBe(0x8000);
    expect(run('uxtab r0, r1, r2', { 1: 0xffffffff, 2: 0x1ff }).r[0]).toBe(0xfe);
    expect(run('uxtah r0, r1, r2, ror #8', { 1: 1, 2: 0x00ffff00 }).r[0]).toBe(0x10000);
  });

  it('USAD8 / USADA8: sum of absolute byte differences', () => {
    // |0x80-0x80| + |0-255| + |10-5| + |1-4| = 0 + 255 + 5 + 3 = 263
    expect(run('usad8 r0, r1, r2', { 1: 0x80000a01, 2: 0x80ff0504 }).r[0]).toBe(263);
    expect(run('usada8 r0, r1, r2, r3', { 1: 0x80000a01, 2: 0x80ff0504, 3: 1000 }).r[0]).toBe(1263);
  });
});

describe('A32 bit-field instructions', () => {
  it('BFI inserts the low bits of Rn; BFC clears', () => {
    expect(run('bfi r0, r1, #4, #8', { 0: 0xffffffff, 1: 0xffffff00 }).r[0]).toBe(0xfffff00f);
    expect(run('bfc r0, #0, #32', { 0: 0xffffffff }).r[0]).toBe(0);
    expect(run('bfc r0, #31, #1', { 0: 0xffffffff }).r[0]).toBe(0x7fffffff);
  });

  it('SBFX / UBFX extract and extend', () => {
    expect(run('sbfx r0, r1, #4, #4', { 1: 0x80 }).r[0]).toBe(0xfffffff8);
    expect(run('ubfx r0, r1, #4, #4', { 1: 0x80 }).r[0]).toBe(8);
    expect(run('sbfx r0, r1, #0, #32', { 1: 0x80000001 }).r[0]).toBe(0x80000001);
    expect(run('ubfx r0, r1, #31, #1', { 1: 0x80000000 }).r[0]).toBe(1);
  });

  it('msb < lsb (BFI) and lsb + width > 32 (UBFX) are UNPREDICTABLE: UNDEF as QEMU', () => {
    // e7c30a11: bfi r0, r1 with msb = 3, lsb = 20
    const bfi = 0xe7c30a11;
    const e = A32_DECODER.decode(bfi)!;
    expect(e.def.name).toBe('BFI');
    expect(e.def.random).toBeTypeOf('function');
    expect((e.def.random as (i: number) => boolean)(bfi)).toBe(false);
    const cpu = new Cpu(new Bus(0x40000000, 1 << 20));
    cpu.pc = PC; cpu.r[15] = PC + 8; cpu.nextPc = PC + 4;
    e.def.exec(cpu, bfi);
    expect(cpu.mode).toBe(Mode.UND);
    // e7ff0fd1: ubfx r0, r1, #31, #32
    const ubfx = 0xe7ff0fd1;
    const cpu2 = new Cpu(new Bus(0x40000000, 1 << 20));
    cpu2.pc = PC; cpu2.r[15] = PC + 8; cpu2.nextPc = PC + 4;
    A32_DECODER.decode(ubfx)!.def.exec(cpu2, ubfx);
    expect(cpu2.mode).toBe(Mode.UND);
  });
});

describe('A32 CLZ and reversal', () => {
  it('CLZ', () => {
    expect(run('clz r0, r1', { 1: 0 }).r[0]).toBe(32);
    expect(run('clz r0, r1', { 1: 1 }).r[0]).toBe(31);
    expect(run('clz r0, r1', { 1: 0x80000000 }).r[0]).toBe(0);
  });

  it('RBIT, REV, REV16, REVSH', () => {
    expect(run('rbit r0, r1', { 1: 1 }).r[0]).toBe(0x80000000);
    expect(run('rbit r0, r1', { 1: 0x12345678 }).r[0]).toBe(0x1e6a2c48);
    expect(run('rev r0, r1', { 1: 0x11223344 }).r[0]).toBe(0x44332211);
    expect(run('rev16 r0, r1', { 1: 0x11223344 }).r[0]).toBe(0x22114433);
    // REVSH: low halfword 0x80ff byte-swapped = 0xff80, sign-extended
    expect(run('revsh r0, r1', { 1: 0x123480ff }).r[0]).toBe(0xffffff80);
    // 0x0180 -> 0x8001: bit 15 set, so negative; 0x0170 -> 0x7001 stays positive
    expect(run('revsh r0, r1', { 1: 0x00000180 }).r[0]).toBe(0xffff8001);
    expect(run('revsh r0, r1', { 1: 0xffff0170 }).r[0]).toBe(0x00007001);
  });
});

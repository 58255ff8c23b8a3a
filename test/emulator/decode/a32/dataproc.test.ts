// Tests for A32 data-processing (emulator/decode/a32/dataproc.ts): disassembly against GNU objdump,
// execution and flags against values worked out from the ARM ARM pseudocode (A8.8, A8.4.3, A2.2.1).

import { describe, expect, it } from 'vitest';
import { Cpu } from '../../../../emulator/cpu/cpu';
import { Bus } from '../../../../emulator/memory/bus';
import { Mode } from '../../../../emulator/cpu/psr';
import { A32_DECODER } from '../../../../emulator/decode/a32/index';
import { A32_DATAPROC } from '../../../../emulator/decode/a32/dataproc';
import { addWithCarry, addC, addV } from '../../../../emulator/decode/a32/dp-alu';
import type { InstrDef } from '../../../../emulator/decode/instr';
import { assemble, disassembleWords, sampleEncodings } from '../../../support/objdump';

const PC = 0x40001000;

function enc(line: string): number {
  const out = assemble([line]);
  expect(out.length).toBe(1);
  return out[0].word;
}

interface Flags { n?: number; z?: number; c?: number; v?: number }

/** Assemble one line, decode it with the full A32 table and execute it on a fresh (or given) CPU. */
function run(line: string, regs: Record<number, number> = {}, flags: Flags = {}, cpu = newCpu()): Cpu {
  const w = enc(line);
  const e = A32_DECODER.decode(w);
  expect(e, line).toBeDefined();
  expect(A32_DATAPROC.includes(e!.def), `${line} decoded as ${e!.def.name}`).toBe(true);
  for (const [k, v] of Object.entries(regs)) cpu.r[Number(k)] = v >>> 0;
  cpu.n = flags.n ?? 0;
  cpu.z = flags.z ?? 0;
  cpu.c = flags.c ?? 0;
  cpu.v = flags.v ?? 0;
  cpu.pc = PC;
  cpu.r[15] = PC + 8;
  cpu.nextPc = PC + 4;
  e!.def.exec(cpu, w);
  return cpu;
}

function newCpu(): Cpu {
  return new Cpu(new Bus(0x40000000, 1 << 20));
}

const nzcv = (cpu: Cpu): string => `${cpu.n}${cpu.z}${cpu.c}${cpu.v}`;

// ---------------------------------------------------------------- disassembly

const LINES = [
  'and r0, r1, r2', 'ands r3, r4, #255', 'eoreq r5, r6, r7, lsl #3', 'eors sl, fp, ip, lsr #32',
  'sub r0, r1, #-2147483648', 'subs pc, lr, #4', 'rsb r0, r0, #0', 'rsbsne r1, r2, r3, asr r4',
  'add r0, pc, #8', 'adds sp, sp, #1020', 'adc r0, r1, r2, ror #31', 'adcs r0, r1, r2, rrx',
  'sbc r1, r2, #0xff000000', 'sbcsmi r1, r2, r3, lsl r4', 'rsc r0, r1, r2', 'rscs r0, r1, #4',
  'tst r0, #1', 'tst r0, #0x80000000', 'teqgt r1, r2, asr #1', 'cmp r0, r1, ror r2', 'cmn r0, #-1',
  'cmp r0, #0xf000000f', 'orr r0, r0, #0x3fc', 'orrs ip, ip, lr, lsl sp', 'mov r0, #0x10000',
  'movs r0, #0', 'mov r0, r1', 'movs pc, lr', 'mov pc, lr', 'moveq r0, r0', 'nop', 'lsl r0, r1, #1',
  'lsls r0, r1, #31', 'lsr r0, r1, #32', 'asrs r0, r1, #1', 'ror r0, r1, #16', 'rrxs r0, r1',
  'lsl r0, r1, r2', 'lsrs r0, r1, r2', 'asrle r0, r1, r2', 'rors r0, r1, r2', 'bic r0, r1, #0xff',
  'bics r0, r1, r2, lsl #4', 'mvn r0, #0', 'mvns r0, r1, lsr r2', 'movw r0, #0xffff', 'movt r1, #0',
  'movwne ip, #4660', 'movtcc lr, #0x8000',
].map((l) => (l === 'nop' ? 'mov r0, r0' : l));

describe('A32 data-processing disassembly', () => {
  it('matches objdump for hand-written lines', () => {
    const out = assemble(LINES);
    expect(out.length).toBe(LINES.length);
    for (const l of out) {
      const e = A32_DECODER.decode(l.word);
      expect(e && A32_DATAPROC.includes(e.def), `${l.text} decoded`).toBe(true);
      expect(e!.def.dis(l.word, { addr: l.addr })).toBe(l.text);
    }
  });

  it('matches objdump for random encodings of every encoding', () => {
    const words: number[] = [];
    const seen = new Set<InstrDef>();
    A32_DATAPROC.forEach((d, k) => {
      for (const w of sampleEncodings(d.pattern, 60, 100 + k)) {
        const e = A32_DECODER.decode(w);
        if (e?.def === d) { words.push(w); seen.add(d); }
      }
    });
    // Every encoding is reachable through the full A32 decoder.
    expect(A32_DATAPROC.filter((d) => !seen.has(d)).map((d) => d.name)).toEqual([]);
    const ref = disassembleWords(words);
    expect(ref.length).toBe(words.length);
    const bad = ref.filter((l, k) => A32_DECODER.decode(words[k])!.def.dis(words[k], { addr: l.addr }) !== l.text);
    expect(bad.map((l) => `${l.word.toString(16)} ${l.text}`)).toEqual([]);
  });

  it('prints non-canonical modified immediates as "#imm8, rot" like objdump', () => {
    // e3a00e01: imm8 = 1, rotation 2*14 = 28 -> 0x10, which has a rotation-0 encoding.
    const e = A32_DECODER.decode(0xe3a00e01)!;
    expect(e.def.dis(0xe3a00e01, { addr: 0 })).toBe('mov\tr0, #1, 28');
    expect(disassembleWords([0xe3a00e01])[0].text).toBe('mov\tr0, #1, 28');
  });

  it('leaves SBZ fields to the undefined space, as QEMU does', () => {
    // MOV with Rn != 0 and TST with Rd != 0: QEMU's a32.decode requires 0000 there.
    expect(A32_DECODER.decode(0xe1a10002)).toBeUndefined();
    expect(A32_DECODER.decode(0xe110f001)).toBeUndefined();
  });
});

// ---------------------------------------------------------------- execution

describe('AddWithCarry (A2.2.1)', () => {
  it('computes carry and overflow', () => {
    expect(addWithCarry(0x7fffffff, 1, 0)).toBe(0x80000000);
    expect([addC, addV]).toEqual([0, 1]);
    expect(addWithCarry(0xffffffff, 1, 0)).toBe(0);
    expect([addC, addV]).toEqual([1, 0]);
    expect(addWithCarry(0x80000000, 0x80000000, 0)).toBe(0);
    expect([addC, addV]).toEqual([1, 1]);
    expect(addWithCarry(0xffffffff, 0xffffffff, 1)).toBe(0xffffffff);
    expect([addC, addV]).toEqual([1, 0]);
  });
});

describe('A32 arithmetic', () => {
  it('ADDS signed overflow: 0x7fffffff + 1', () => {
    const cpu = run('adds r0, r1, #1', { 1: 0x7fffffff });
    expect(cpu.r[0]).toBe(0x80000000);
    expect(nzcv(cpu)).toBe('1001');
  });

  it('ADDS unsigned carry: 0xffffffff + 1 = 0 with C and Z', () => {
    const cpu = run('adds r0, r1, r2', { 1: 0xffffffff, 2: 1 });
    expect(cpu.r[0]).toBe(0);
    expect(nzcv(cpu)).toBe('0110');
  });

  it('ADD without S leaves the flags alone', () => {
    const cpu = run('add r0, r1, r2', { 1: 0xffffffff, 2: 1 }, { n: 1, v: 1 });
    expect(cpu.r[0]).toBe(0);
    expect(nzcv(cpu)).toBe('1001');
  });

  it('SUBS borrow: 0 - 1 clears C (C is NOT borrow)', () => {
    const cpu = run('subs r0, r1, #1', { 1: 0 }, { c: 1 });
    expect(cpu.r[0]).toBe(0xffffffff);
    expect(nzcv(cpu)).toBe('1000');
  });

  it('SUBS equal operands: Z and C set', () => {
    const cpu = run('subs r0, r1, r2', { 1: 5, 2: 5 });
    expect(nzcv(cpu)).toBe('0110');
  });

  it('SUBS overflow: 0x80000000 - 1 = 0x7fffffff, V and C', () => {
    const cpu = run('subs r0, r1, #1', { 1: 0x80000000 });
    expect(cpu.r[0]).toBe(0x7fffffff);
    expect(nzcv(cpu)).toBe('0011');
  });

  it('RSBS r0, r1, #0 negates; RSB of 0 gives C=1 (no borrow)', () => {
    let cpu = run('rsbs r0, r1, #0', { 1: 1 });
    expect(cpu.r[0]).toBe(0xffffffff);
    expect(nzcv(cpu)).toBe('1000');
    cpu = run('rsbs r0, r1, #0', { 1: 0 });
    expect(nzcv(cpu)).toBe('0110');
  });

  it('ADC adds the carry; SBC/RSC subtract NOT carry', () => {
    expect(run('adc r0, r1, r2', { 1: 1, 2: 2 }, { c: 1 }).r[0]).toBe(4);
    // SBC: 5 + NOT(3) + C(0) = 5 - 3 - 1 = 1
    let cpu = run('sbcs r0, r1, r2', { 1: 5, 2: 3 }, { c: 0 });
    expect(cpu.r[0]).toBe(1);
    expect(cpu.c).toBe(1);
    // RSC: op2 - Rn - !C = 5 - 3 - 1 = 1
    expect(run('rsc r0, r1, #5', { 1: 3 }, { c: 0 }).r[0]).toBe(1);
    // ADCS 0xffffffff + 0 + 1 = 0 with carry out
    cpu = run('adcs r0, r1, #0', { 1: 0xffffffff }, { c: 1 });
    expect(cpu.r[0]).toBe(0);
    expect(nzcv(cpu)).toBe('0110');
    // SBCS 0 - 0 - 1 = -1, borrow
    cpu = run('sbcs r0, r1, #0', { 1: 0 }, { c: 0 });
    expect(cpu.r[0]).toBe(0xffffffff);
    expect(nzcv(cpu)).toBe('1000');
  });

  it('CMP and CMN set flags without writing', () => {
    let cpu = run('cmp r0, #1', { 0: 1 });
    expect(nzcv(cpu)).toBe('0110');
    expect(cpu.r[0]).toBe(1);
    // CMN r0, #1 with r0 = -1: -1 + 1 = 0 with carry
    cpu = run('cmn r0, #1', { 0: 0xffffffff });
    expect(nzcv(cpu)).toBe('0110');
    // CMP 0x80000000, r1=1 with register shift: overflow
    cpu = run('cmp r0, r1, lsl r2', { 0: 0x80000000, 1: 1, 2: 0 });
    expect(nzcv(cpu)).toBe('0011');
  });

  it('reads PC as the instruction address + 8', () => {
    expect(run('add r0, pc, #4').r[0]).toBe(PC + 12);
    expect(run('sub r0, pc, r1, lsl #2', { 1: 1 }).r[0]).toBe(PC + 4);
  });
});

describe('A32 logical operations and the shifter carry (A8.4.3)', () => {
  it('immediate with rotation 0 keeps C; with rotation C = bit 31 of the constant', () => {
    let cpu = run('tst r0, #1', { 0: 1 }, { c: 1 });
    expect(nzcv(cpu)).toBe('0010');
    cpu = run('tst r0, #1', { 0: 2 }, { c: 0 });
    expect(nzcv(cpu)).toBe('0100');
    // #0x80000000 is 2 rotated right by 2: C := 1
    cpu = run('tst r0, #0x80000000', { 0: 0x80000000 }, { c: 0, v: 1 });
    expect(nzcv(cpu)).toBe('1011');
    // #0xff0 is 0xff ror 28: bit 31 of the constant is 0, so C := 0
    cpu = run('ands r0, r1, #0xff0', { 1: 0x10 }, { c: 1 });
    expect(cpu.r[0]).toBe(0x10);
    expect(nzcv(cpu)).toBe('0000');
  });

  it('LSL #0 (plain register) leaves C unchanged', () => {
    const cpu = run('movs r0, r1', { 1: 0x80000000 }, { c: 1 });
    expect(nzcv(cpu)).toBe('1010');
  });

  it('LSLS #1 shifts bit 31 into C', () => {
    const cpu = run('lsls r0, r1, #1', { 1: 0x80000001 });
    expect(cpu.r[0]).toBe(2);
    expect(nzcv(cpu)).toBe('0010');
  });

  it('LSR #32 (imm5 = 0): result 0, C = bit 31', () => {
    const cpu = run('lsrs r0, r1, #32', { 1: 0x80000000 });
    expect(cpu.r[0]).toBe(0);
    expect(nzcv(cpu)).toBe('0110');
  });

  it('ASR #32: all sign bits, C = bit 31', () => {
    const cpu = run('asrs r0, r1, #32', { 1: 0x80000000 });
    expect(cpu.r[0]).toBe(0xffffffff);
    expect(nzcv(cpu)).toBe('1010');
  });

  it('RRX rotates C in at the top and bit 0 out to C', () => {
    const cpu = run('rrxs r0, r1', { 1: 3 }, { c: 1 });
    expect(cpu.r[0]).toBe(0x80000001);
    expect(nzcv(cpu)).toBe('1010');
    const cpu2 = run('adds r0, r1, r2, rrx', { 1: 0, 2: 2 }, { c: 0 });
    expect(cpu2.r[0]).toBe(1); // arithmetic op: C from the addition, not the shifter
    expect(cpu2.c).toBe(0);
  });

  it('ROR #imm: C = bit 31 of the result', () => {
    const cpu = run('rors r0, r1, #4', { 1: 0x0000000f });
    expect(cpu.r[0]).toBe(0xf0000000);
    expect(nzcv(cpu)).toBe('1010');
  });

  it('register shifts by 0, 32 and more than 32 use the bottom byte of Rs', () => {
    // amount 0 (0x100 has bottom byte 0): value and C unchanged
    let cpu = run('lsls r0, r1, r2', { 1: 0x80000000, 2: 0x100 }, { c: 1 });
    expect(cpu.r[0]).toBe(0x80000000);
    expect(cpu.c).toBe(1);
    // LSL 32: result 0, C = bit 0
    cpu = run('lsls r0, r1, r2', { 1: 1, 2: 32 });
    expect(cpu.r[0]).toBe(0);
    expect(nzcv(cpu)).toBe('0110');
    // LSL 33: result 0, C = 0
    cpu = run('lsls r0, r1, r2', { 1: 0xffffffff, 2: 33 }, { c: 1 });
    expect(nzcv(cpu)).toBe('0100');
    // LSR 32: C = bit 31; LSR 0x121 (= 33 in the bottom byte): C = 0
    cpu = run('lsrs r0, r1, r2', { 1: 0x80000000, 2: 32 });
    expect(nzcv(cpu)).toBe('0110');
    cpu = run('lsrs r0, r1, r2', { 1: 0x80000000, 2: 0x121 }, { c: 1 });
    expect(nzcv(cpu)).toBe('0100');
    // ASR 200: sign fill, C = sign
    cpu = run('asrs r0, r1, r2', { 1: 0x80000000, 2: 200 });
    expect(cpu.r[0]).toBe(0xffffffff);
    expect(nzcv(cpu)).toBe('1010');
    // ROR 32: value unchanged, C = bit 31; ROR 36 = ROR 4
    cpu = run('rors r0, r1, r2', { 1: 0x80000001, 2: 32 });
    expect(cpu.r[0]).toBe(0x80000001);
    expect(nzcv(cpu)).toBe('1010');
    cpu = run('rors r0, r1, r2', { 1: 0x10, 2: 36 });
    expect(cpu.r[0]).toBe(1);
    expect(cpu.c).toBe(0);
    // Logical op with a register-shifted operand: C from the shifter
    cpu = run('ands r0, r1, r2, lsr r3', { 1: 0xffffffff, 2: 3, 3: 1 });
    expect(cpu.r[0]).toBe(1);
    expect(nzcv(cpu)).toBe('0010');
  });

  it('EOR/ORR/BIC/MVN/TEQ', () => {
    expect(run('eor r0, r1, #0xff', { 1: 0x0f }).r[0]).toBe(0xf0);
    expect(run('orr r0, r1, r2, lsl #8', { 1: 1, 2: 1 }).r[0]).toBe(0x101);
    expect(run('bic r0, r1, #0xff000000', { 1: 0xffffffff }).r[0]).toBe(0x00ffffff);
    expect(run('mvn r0, #0').r[0]).toBe(0xffffffff);
    const cpu = run('mvns r0, r1, asr #31', { 1: 0x80000000 });
    expect(cpu.r[0]).toBe(0);
    // ASR #31 of 0x80000000 = 0xffffffff, carry = bit 30 of Rm = 0; NOT gives 0 -> Z.
    expect(nzcv(cpu)).toBe('0100');
    // TEQ: EOR of equal values -> Z; LSR #1 shifts bit 0 (1) into C
    expect(nzcv(run('teq r0, r1, lsr #1', { 0: 0x7fffffff, 1: 0xffffffff }))).toBe('0110');
  });

  it('MOVW and MOVT build a 32-bit constant', () => {
    const cpu = run('movw r0, #0x1234');
    expect(cpu.r[0]).toBe(0x1234);
    run('movt r0, #0xabcd', {}, {}, cpu);
    expect(cpu.r[0]).toBe(0xabcd1234);
  });
});

describe('A32 data-processing writes to PC', () => {
  it('MOV PC, Rm with S=0 is ALUWritePC: interworks in ARM state', () => {
    const cpu = run('mov pc, r1', { 1: 0x40002001 });
    expect(cpu.thumb).toBe(1);
    expect(cpu.nextPc).toBe(0x40002000);
    const cpu2 = run('add pc, pc, #4');
    expect(cpu2.thumb).toBe(0);
    expect(cpu2.nextPc).toBe(PC + 12);
  });

  it('SUBS PC, LR, #4 in SVC: CPSR <- SPSR_svc, no flags from the subtraction', () => {
    const cpu = newCpu();
    expect(cpu.mode).toBe(Mode.SVC);
    cpu.spsr = 0x60000010; // Z C, User mode, ARM
    run('subs pc, lr, #4', { 14: 0x40003004 }, { n: 1, v: 1 }, cpu);
    expect(cpu.mode).toBe(Mode.USR);
    expect(cpu.nextPc).toBe(0x40003000);
    expect(nzcv(cpu)).toBe('0110');
  });

  it('MOVS PC, LR returning to Thumb aligns to 2', () => {
    const cpu = newCpu();
    cpu.spsr = 0x00000030 | Mode.SVC; // T set, stay in SVC
    run('movs pc, lr', { 14: 0x40003003 }, {}, cpu);
    expect(cpu.thumb).toBe(1);
    expect(cpu.nextPc).toBe(0x40003002);
  });

  it('ANDS PC is an exception return too (B9.3.20)', () => {
    const cpu = newCpu();
    cpu.spsr = 0x80000010;
    run('ands pc, r1, r2', { 1: 0x40003000, 2: 0xfffffff0 }, {}, cpu);
    expect(cpu.mode).toBe(Mode.USR);
    expect(cpu.nextPc).toBe(0x40003000);
    expect(nzcv(cpu)).toBe('1000');
  });

  it('SUBS PC, LR in User mode is UNPREDICTABLE: UNDEF like QEMU', () => {
    const cpu = newCpu();
    cpu.sys.sctlr &= ~(1 << 13);
    cpu.sys.vbar = 0x40000000;
    cpu.setCPSR(Mode.USR);
    run('subs pc, lr, #4', { 14: 0x40003004 }, {}, cpu);
    expect(cpu.mode).toBe(Mode.UND);
    expect(cpu.nextPc).toBe(0x40000004);
    expect(cpu.r[14]).toBe(PC + 4); // LR_und = address of the undefined instruction + 4
  });

  it('SUBS PC, LR in Hyp mode is UNDEFINED: Undefined exception to Hyp with EC 0', () => {
    const cpu = newCpu();
    cpu.sys.hvbar = 0x40000100;
    cpu.setCPSR(Mode.HYP | 0x1c0);
    run('subs pc, lr, #4', { 14: 0x40003004 }, {}, cpu);
    expect(cpu.mode).toBe(Mode.HYP);
    expect(cpu.nextPc).toBe(0x40000104);
    expect(cpu.sys.hsr >>> 26).toBe(0);
    expect(cpu.elrHyp).toBe(PC);
  });
});

// Execution tests for the T32 step: IT blocks (ITSTATE advance, skipped instructions, ITSTATE in the
// SPSR on exception entry and back on return), interworking, straddling fetch, and semantics with
// expected values worked out from the ARM ARM (A2.5.2, A6, A8.8, B1.8, B1.9.10).

import { describe, expect, it } from 'vitest';
import { Cpu } from '../../../emulator/cpu/cpu';
import { Bus } from '../../../emulator/memory/bus';
import type { Mmu } from '../../../emulator/mmu/api';
import { Mode } from '../../../emulator/cpu/psr';
import { GuestAbort } from '../../../emulator/cpu/fault';
import { takeAbort } from '../../../emulator/cpu/exceptions';
import { stepThumb } from '../../../emulator/cpu/thumb';
import { assemble } from '../../support/objdump';

const RAM = 0x40000000;
// Expected values below are derived by hand from the pseudocode in the cited sections.

function mkCpu(mode: Mode = Mode.SVC): Cpu {
  const cpu = new Cpu(new Bus(RAM, 1 << 20));
  const flat: Mmu = { translate: (va) => va >>> 0, tlbMaintenance: () => {}, translationRegsChanged: () => {}, addressTranslate: () => {} };
  cpu.mmu = flat;
  cpu.switchMode(mode);
  cpu.sys.vbar = RAM + 0x8000;
  cpu.sys.hvbar = RAM + 0x9000;
  return cpu;
}

/** Assemble Thumb lines and write them at `at`; returns the cpu ready to run at `at`. */
function load(cpu: Cpu, lines: readonly string[], at = RAM + 0x100): void {
  for (const l of assemble(lines, { thumb: true, prelude: ['.fpu vfpv4'] })) {
    l.words.forEach((hw, k) => cpu.bus.write(at + l.addr + 2 * k, 2, hw));
  }
  cpu.thumb = 1;
  cpu.pc = at;
}

/** The run loop's part: one instruction, aborts taken, pc moved on. */
function step(cpu: Cpu, n = 1): void {
  for (let i = 0; i < n; i++) {
    try {
      stepThumb(cpu);
    } catch (e) {
      if (e instanceof GuestAbort) takeAbort(cpu, e);
      else throw e;
    }
    cpu.pc = cpu.nextPc;
  }
}

describe('T32 data processing', () => {
  it('16-bit ALU sets flags outside IT blocks', () => {
    const cpu = mkCpu();
    load(cpu, ['movs r0, #0', 'subs r0, #1', 'lsls r1, r0, #1', 'adds r2, r0, #1']);
    step(cpu, 2);
    expect(cpu.r[0]).toBe(0xffffffff);
    expect([cpu.n, cpu.z, cpu.c, cpu.v]).toEqual([1, 0, 0, 0]); // 0 - 1 borrows: C = 0
    step(cpu);
    expect(cpu.r[1]).toBe(0xfffffffe);
    expect(cpu.c).toBe(1); // bit 31 shifted out
    step(cpu);
    expect(cpu.r[2]).toBe(0);
    expect([cpu.z, cpu.c]).toEqual([1, 1]);
  });

  it('ThumbExpandImm patterns and carry (A6.3.2)', () => {
    const cpu = mkCpu();
    load(cpu, ['mov.w r0, #0x00ab00ab', 'mov.w r1, #0xab00ab00', 'mov.w r2, #0xabababab', 'movs.w r3, #0x80000000', 'ands.w r4, r2, #0xff']);
    cpu.c = 0;
    step(cpu, 3);
    expect([cpu.r[0], cpu.r[1], cpu.r[2]]).toEqual([0x00ab00ab, 0xab00ab00, 0xabababab]);
    step(cpu);
    expect(cpu.r[3]).toBe(0x80000000);
    expect([cpu.n, cpu.c]).toEqual([1, 1]); // rotated constant: C = bit 31
    cpu.c = 1;
    step(cpu);
    expect(cpu.r[4]).toBe(0xab);
    expect(cpu.c).toBe(1); // unrotated constant leaves C
  });

  it('MOVW/MOVT, ADR, bitfields, saturation, multiplies, divide', () => {
    const cpu = mkCpu();
    load(cpu, [
      'movw r0, #0x5678', 'movt r0, #0x1234', 'adr.w r1, .+8', 'ubfx r2, r0, #4, #8', 'sbfx r3, r0, #28, #4',
      'bfi r0, r1, #0, #4', 'ssat r4, #8, r5', 'smull r6, r7, r8, r9', 'sdiv r10, r11, r12', 'udiv r10, r11, r12',
    ]);
    step(cpu, 2);
    expect(cpu.r[0]).toBe(0x12345678);
    step(cpu);
    expect(cpu.r[1]).toBe(((RAM + 0x100 + 8 + 4) & ~3) >>> 0 === 0 ? 0 : ((RAM + 0x108 + 4) & ~3) + 8 - 4);
    step(cpu, 2);
    expect(cpu.r[2]).toBe(0x67);
    expect(cpu.r[3]).toBe(1);
    cpu.r[1] = 0xf;
    step(cpu);
    expect(cpu.r[0]).toBe(0x1234567f);
    cpu.r[5] = 1000;
    cpu.q = 0;
    step(cpu);
    expect(cpu.r[4]).toBe(127);
    expect(cpu.q).toBe(1);
    cpu.r[8] = 0xffffffff; // -1
    cpu.r[9] = 0x80000000; // -2^31
    step(cpu);
    expect([cpu.r[6], cpu.r[7]]).toEqual([0x80000000, 0]); // 2^31
    cpu.r[11] = (-7) >>> 0;
    cpu.r[12] = 2;
    step(cpu);
    expect(cpu.r[10]).toBe((-3) >>> 0); // rounds toward zero
    step(cpu);
    expect(cpu.r[10]).toBe(Math.floor(0xfffffff9 / 2));
  });
});

describe('IT blocks (A2.5.2)', () => {
  it('executes then-instructions, skips else-instructions, advances ITSTATE each time', () => {
    const cpu = mkCpu();
    load(cpu, ['cmp r0, #8', 'itete eq', 'moveq r1, #1', 'movne r1, #2', 'addeq r2, r2, #1', 'addne r3, r3, #1', 'adds r4, r4, #1']);
    cpu.r[0] = 8;
    step(cpu, 2);
    expect(cpu.it).toBe(0x0b); // firstcond 0000 (EQ); mask E,T,E = 1,0,1 then the terminating 1 (A8.8.54)
    step(cpu);
    expect(cpu.r[1]).toBe(1);
    expect(cpu.it).toBe(0x16); // ITAdvance: IT[4:0] shifted left; condition now NE
    step(cpu);
    expect(cpu.r[1]).toBe(1); // skipped (NE false)
    expect(cpu.it).toBe(0x0c);
    step(cpu);
    expect(cpu.r[2]).toBe(1);
    expect(cpu.z).toBe(1); // 16-bit ADDS inside IT does not set flags
    expect(cpu.it).toBe(0x18);
    step(cpu);
    expect(cpu.r[3]).toBe(0);
    expect(cpu.it).toBe(0);
    step(cpu);
    expect(cpu.r[4]).toBe(1);
    expect(cpu.z).toBe(0); // outside the block flags are set again
  });

  it('a skipped 32-bit instruction and a taken branch at the end of a block', () => {
    const cpu = mkCpu();
    load(cpu, ['movs r0, #1', 'itt eq', 'ldreq.w r1, [r9]', 'beq.w .+0x40', 'movs r2, #3']);
    step(cpu, 4);
    expect(cpu.it).toBe(0);
    expect(cpu.pc).toBe(RAM + 0x100 + 12);
    step(cpu);
    expect(cpu.r[2]).toBe(3);
  });

  it('SVC in an IT block: SPSR holds the advanced ITSTATE, SUBS PC, LR restores it', () => {
    const cpu = mkCpu(Mode.SVC);
    load(cpu, ['movs r0, #0', 'ittt eq', 'svceq #5', 'moveq r1, #7', 'moveq r2, #9']);
    load(cpu, ['subs pc, lr, #0'], RAM + 0x8008);
    cpu.pc = RAM + 0x100;
    cpu.sys.sctlr |= 1 << 30; // TE: exceptions taken in Thumb state
    step(cpu, 3);
    expect(cpu.pc).toBe(RAM + 0x8008);
    expect(cpu.mode).toBe(Mode.SVC);
    expect(cpu.it).toBe(0);
    expect(cpu.r[14]).toBe(RAM + 0x100 + 6);
    // ITSTATE after svceq: firstcond EQ, mask advanced from 0010 to 0100: IT = 0x04.
    const spsrIt = ((cpu.spsr >>> 8) & 0xfc) | ((cpu.spsr >>> 25) & 3);
    expect(spsrIt).toBe(0x04);
    step(cpu); // exception return
    expect(cpu.pc).toBe(RAM + 0x106);
    expect(cpu.it).toBe(0x04);
    step(cpu, 2);
    expect([cpu.r[1], cpu.r[2], cpu.it]).toEqual([7, 9, 0]);
  });

  it('a data abort in an IT block saves the ITSTATE of the faulting instruction (B1.8.3)', () => {
    const cpu = mkCpu(Mode.SVC);
    load(cpu, ['movs r0, #0', 'itt eq', 'ldreq r1, [r2]', 'moveq r3, #1']);
    cpu.r[2] = 0x10; // outside RAM: external abort
    step(cpu, 3);
    expect(cpu.mode).toBe(Mode.ABT);
    expect(cpu.it).toBe(0);
    const spsrIt = ((cpu.spsr >>> 8) & 0xfc) | ((cpu.spsr >>> 25) & 3);
    expect(spsrIt).toBe(0x04); // ITT EQ: firstcond 0000, mask 0100 unchanged
    expect(cpu.r[14]).toBe(RAM + 0x104 + 8); // LR_abt = faulting instruction + 8
  });

  it('HVC from Thumb: HSR IL = 1, ELR_hyp = next instruction, SPSR_hyp.IT advanced', () => {
    const cpu = mkCpu(Mode.SVC);
    load(cpu, ['movs r0, #0', 'itt eq', 'hvceq #0x1234', 'moveq r0, #1']);
    step(cpu, 3);
    expect(cpu.mode).toBe(Mode.HYP);
    expect(cpu.sys.hsr >>> 0).toBe(((0x12 << 26) | (1 << 25) | 0x1234) >>> 0);
    expect(cpu.elrHyp).toBe(RAM + 0x108);
    const spsrIt = ((cpu.spsr >>> 8) & 0xfc) | ((cpu.spsr >>> 25) & 3);
    expect(spsrIt).toBe(0x08);
  });
});

describe('interworking and branches', () => {
  it('BL, BX LR, BLX to ARM, POP to PC', () => {
    const cpu = mkCpu();
    load(cpu, ['bl .+8', 'nop', 'nop', 'nop', 'bx lr']);
    step(cpu);
    expect(cpu.pc).toBe(RAM + 0x108);
    expect(cpu.r[14]).toBe(RAM + 0x105);
    step(cpu, 2); // nop, bx lr
    expect(cpu.pc).toBe(RAM + 0x104);
    expect(cpu.thumb).toBe(1);
    load(cpu, ['nop', 'blx .+10'], RAM + 0x100);
    step(cpu, 2);
    expect(cpu.thumb).toBe(0);
    expect(cpu.pc).toBe(RAM + 0x10c); // Align(PC, 4) + imm: 0x104 + 8
    expect(cpu.r[14]).toBe(RAM + 0x107);
    cpu.thumb = 1;
    load(cpu, ['pop {pc}']);
    cpu.r[13] = RAM + 0x400;
    cpu.bus.write(RAM + 0x400, 4, RAM + 0x200); // bit 0 clear: to ARM
    step(cpu);
    expect(cpu.thumb).toBe(0);
    expect(cpu.pc).toBe(RAM + 0x200);
    expect(cpu.r[13]).toBe(RAM + 0x404);
  });

  it('CBZ, TBB, 32-bit instruction straddling a page boundary', () => {
    const cpu = mkCpu();
    load(cpu, ['cbz r0, .+10']);
    step(cpu);
    expect(cpu.pc).toBe(RAM + 0x10a);
    load(cpu, ['tbb [pc, r1]']);
    cpu.bus.write(RAM + 0x104, 1, 3);
    cpu.bus.write(RAM + 0x105, 1, 5);
    cpu.r[1] = 1;
    step(cpu);
    expect(cpu.pc).toBe(RAM + 0x100 + 4 + 10);
    load(cpu, ['movw r5, #0x4321'], RAM + 0xffe);
    step(cpu);
    expect(cpu.r[5]).toBe(0x4321);
    expect(cpu.pc).toBe(RAM + 0x1002);
  });
});

describe('loads, stores and system', () => {
  it('LDRD/STRD, LDM/STM, PUSH.W/POP.W, exclusives', () => {
    const cpu = mkCpu();
    load(cpu, ['strd r0, r1, [r2, #8]!', 'ldrd r4, r5, [r2], #-8', 'push.w {r4, r5, r8}', 'pop.w {r6, r7, r9}', 'ldrex r3, [r2]', 'strex r10, r0, [r2]', 'strex r11, r0, [r2]']);
    cpu.r[0] = 0x11111111;
    cpu.r[1] = 0x22222222;
    cpu.r[2] = RAM + 0x500;
    cpu.r[8] = 0x88;
    cpu.r[13] = RAM + 0x700;
    step(cpu, 2);
    expect([cpu.r[4], cpu.r[5], cpu.r[2]]).toEqual([0x11111111, 0x22222222, RAM + 0x500]);
    step(cpu, 2);
    expect([cpu.r[6], cpu.r[7], cpu.r[9], cpu.r[13]]).toEqual([0x11111111, 0x22222222, 0x88, RAM + 0x700]);
    step(cpu, 3);
    expect([cpu.r[10], cpu.r[11]]).toEqual([0, 1]); // the second STREX finds the monitor open
  });

  it('MRS/MSR banked and CPS, ERET in Hyp', () => {
    const cpu = mkCpu(Mode.HYP);
    load(cpu, ['mrs r0, ELR_hyp', 'msr SPSR_svc, r1', 'msr ELR_hyp, r2', 'mrs r3, CPSR', 'eret']);
    cpu.elrHyp = 0x1234;
    cpu.r[1] = 0x1d3;
    cpu.r[2] = RAM + 0x301;
    cpu.spsr = 0x1d3 | 0x20; // SVC, Thumb
    step(cpu, 4);
    expect(cpu.r[0]).toBe(0x1234);
    expect(cpu.readBanked(13, Mode.SVC)).toBe(cpu.readBanked(13, Mode.SVC));
    expect(cpu.elrHyp).toBe(RAM + 0x301);
    expect(cpu.r[3] & 0x1f).toBe(Mode.HYP);
    expect(cpu.r[3] & 0x20).toBe(0); // T reads as zero through MRS
    step(cpu);
    expect(cpu.mode).toBe(Mode.SVC);
    expect(cpu.thumb).toBe(1);
    expect(cpu.pc).toBe(RAM + 0x300);
    expect(cpu.spsr).toBe(0x1d3);
  });
});

describe('T32 data-abort syndrome (B3.13.6)', () => {
  /** A stage-2 translation fault on every data access to 0x50000000 and above. */
  function s2Cpu(): Cpu {
    const cpu = mkCpu(Mode.SVC);
    cpu.mmu = {
      translate: (va, acc) => {
        if (va >>> 0 >= 0x50000000 && acc !== 2) throw new GuestAbort(0, 2, 3, va >>> 0, va >>> 0, acc === 1, false, false, 0, true);
        return va >>> 0;
      },
      tlbMaintenance: () => {}, translationRegsChanged: () => {}, addressTranslate: () => {},
    };
    return cpu;
  }
  const cases: readonly [string, number | undefined, boolean][] = [
    ['ldrh r3, [r1, #2]', (1 << 24) | (1 << 22) | (3 << 16), false], // 16-bit: IL = 0
    ['ldrsb.w r9, [r1, #1]', (1 << 24) | (1 << 21) | (9 << 16), true],
    ['str.w r4, [r1, r2, lsl #2]', (1 << 24) | (2 << 22) | (4 << 16), true],
    ['ldr r0, [r1], #4', undefined, true], // writeback: ISV = 0
    ['ldrd r0, r1, [r1]', undefined, true],
  ];
  for (const [src, iss, il] of cases) {
    it(src, () => {
      const cpu = s2Cpu();
      load(cpu, [src]);
      cpu.r[1] = 0x50000000;
      cpu.r[2] = 0;
      step(cpu);
      const h = cpu.sys.hsr >>> 0;
      expect(h >>> 26).toBe(0x24);
      expect((h >>> 25) & 1).toBe(iss === undefined ? 0 : il ? 1 : 0);
      expect(h & 0x01ff0000).toBe(iss ?? 0);
    });
  }
});

describe('T32 bitfields outside their range', () => {
  // SBFX/UBFX with lsb + width > 32 and BFI/BFC with msb < lsb are UNPREDICTABLE (A8.8.164,
  // A8.8.246, A8.8.21, A8.8.20); QEMU's shared A32/T32 translators make them UNDEFINED, as our A32
  // handlers do, so the T32 ones must too (the random differential test found the T32 difference).
  for (const [name, word] of [['sbfx', 0xf3496acb], ['ubfx', 0xf3c96acb]] as const) {
    it(`${name} with lsb + width > 32 takes the Undefined Instruction exception`, () => {
      const cpu = mkCpu();
      const at = RAM + 0x100;
      cpu.bus.write(at, 2, word >>> 16);
      cpu.bus.write(at + 2, 2, word & 0xffff);
      cpu.thumb = 1;
      cpu.pc = at;
      cpu.r[10] = 0x1234;
      step(cpu);
      expect(cpu.mode).toBe(Mode.UND);
      expect(cpu.r[14]).toBe(at + 2); // Thumb UNDEF: LR = instruction + 2 (B1.8.3)
      expect(cpu.readBanked(10, Mode.SVC)).toBe(0x1234); // Rd untouched
    });
  }
});

// Tests for the Hyp data-abort ISS (ARM ARM B3.13.6, Table B3-28; reference doc 3.6): which A32
// loads/stores report ISV = 1, with what SAS/SSE/SRT, and the syndrome takeAbort writes for them.

import { describe, expect, it } from 'vitest';
import { Cpu } from '../../../emulator/cpu/cpu';
import { Bus } from '../../../emulator/memory/bus';
import { Access } from '../../../emulator/cpu/access';
import { FaultType, GuestAbort } from '../../../emulator/cpu/fault';
import { abortIssHooks, takeAbort } from '../../../emulator/cpu/exceptions';
import { a32DataAbortIss, abortIssThumb, dataAbortIss } from '../../../emulator/cpu/abort-iss';
import { A32_DECODER } from '../../../emulator/decode/a32/index';
import type { Mmu } from '../../../emulator/mmu/api';
import { assemble } from '../../support/objdump';

const ISV = 1 << 24;
const SSE = 1 << 21;
const sas = (v: number): number => v << 22;
const srt = (r: number): number => r << 16;

/** Expected ISS per instruction, from Table B3-28: SAS 0 byte / 1 halfword / 2 word; SSE = sign-extending load. */
const CASES: readonly [string, number | undefined][] = [
  ['ldr r3, [r1]', ISV | sas(2) | srt(3)],
  ['ldr r3, [r1, #-8]', ISV | sas(2) | srt(3)],
  ['str r7, [r1, r2, lsl #2]', ISV | sas(2) | srt(7)],
  ['ldrb r0, [r1, #1]', ISV | sas(0) | srt(0)],
  ['strb lr, [r1]', ISV | sas(0) | srt(14)],
  ['ldrh r5, [r1]', ISV | sas(1) | srt(5)],
  ['strh r5, [r1, -r2]', ISV | sas(1) | srt(5)],
  ['ldrsb r9, [r1, #3]', ISV | sas(0) | SSE | srt(9)],
  ['ldrsh ip, [r1, r2]', ISV | sas(1) | SSE | srt(12)],
  ['ldr r4, [pc, #8]', ISV | sas(2) | srt(4)], // literal: P = 1, W = 0
  ['ldrh r4, [pc, #-2]', ISV | sas(1) | srt(4)],
  ['ldreq r2, [r1]', ISV | sas(2) | srt(2)],
  // Writeback (pre- or post-indexed): QEMU's make_issinfo gives ISV = 0.
  ['ldr r0, [r1, #4]!', undefined],
  ['ldr r0, [r1], #4', undefined],
  ['strh r0, [r1], #2', undefined],
  ['ldrsb r0, [r1, r2]!', undefined],
  // Unprivileged forms are always post-indexed.
  ['ldrt r0, [r1]', undefined],
  ['strht r0, [r1], #2', undefined],
  // Rt == PC never gets an ISS (disas_set_da_iss).
  ['ldr pc, [r1]', undefined],
  // Multi-register and exclusive accesses: ISV = 0.
  ['ldrd r0, r1, [r2]', undefined],
  ['strd r0, r1, [r2, #8]', undefined],
  ['ldm r0, {r1, r2}', undefined],
  ['push {r4, lr}', undefined],
  ['ldrex r0, [r1]', undefined],
  ['strexb r2, r0, [r1]', undefined],
  ['swp r0, r1, [r2]', undefined],
  ['vldr d0, [r1]', undefined],
  ['ldc p14, c5, [r1]', undefined],
  ['pld [r1]', undefined],
];

const lines = assemble(CASES.map(([s]) => s), { prelude: ['.fpu vfpv3'] });

describe('a32DataAbortIss', () => {
  CASES.forEach(([src, want], i) => {
    it(`${src} -> ${want === undefined ? 'ISV = 0' : `0x${want.toString(16)}`}`, () => {
      expect(a32DataAbortIss(lines[i].word)).toBe(want);
    });
  });
});

const RAM = 0x40000000;
const PC = 0x40000100;
/** Stage-2-faulting window: accesses at 0x50000000.. fault as if the IPA were unmapped. */
const S2_FAULT_VA = 0x50000000;

function mkCpu(): Cpu {
  const cpu = new Cpu(new Bus(RAM, 1 << 20));
  const mmu: Mmu = {
    translate: (va, acc) => {
      if ((va >>> 0) >= S2_FAULT_VA && (va >>> 0) < S2_FAULT_VA + 0x1000) {
        // Stage-2 translation fault at level 3, long-descriptor format (B3.13.5).
        throw new GuestAbort(FaultType.Translation, 2, 3, va >>> 0, va >>> 0, acc === Access.Write, false, false, 0, true);
      }
      return va;
    },
    tlbMaintenance: () => {},
    translationRegsChanged: () => {},
    addressTranslate: () => {},
  };
  cpu.mmu = mmu;
  return cpu;
}

describe('dataAbortIss', () => {
  it('is registered with the exception code at module load', () => {
    expect(abortIssHooks.dataIss).toBe(dataAbortIss);
  });

  it('re-reads the A32 instruction at cpu.pc through the fetch translation', () => {
    const cpu = mkCpu();
    const w = lines[CASES.findIndex(([s]) => s === 'ldrsb r9, [r1, #3]')].word;
    cpu.write32(PC, w);
    cpu.pc = PC;
    expect(dataAbortIss(cpu)).toBe(ISV | SSE | srt(9));
    cpu.pc = 0x1000; // not fetchable: no syndrome, no exception
    expect(dataAbortIss(cpu)).toBeUndefined();
  });

  it('defers to the Thumb hook in Thumb state', () => {
    const cpu = mkCpu();
    cpu.thumb = 1;
    expect(dataAbortIss(cpu)).toBeUndefined();
    abortIssThumb.t32DataAbortIss = () => 0x1234;
    try {
      expect(dataAbortIss(cpu)).toBe(0x1234);
    } finally {
      abortIssThumb.t32DataAbortIss = undefined;
    }
  });

  /** Execute `src` at PC against the faulting window and take the resulting abort. */
  function faultAndTake(cpu: Cpu, src: string): void {
    const word = assemble([src])[0].word;
    cpu.write32(PC, word);
    cpu.pc = PC;
    cpu.r[15] = PC + 8;
    cpu.nextPc = PC + 4;
    cpu.insnLen = 4;
    let thrown: unknown;
    try {
      A32_DECODER.decode(word)!.def.exec(cpu, word);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(GuestAbort);
    takeAbort(cpu, thrown as GuestAbort);
  }

  it('a stage-2 fault on LDRH from PL1 gives HSR EC 0x24 with ISV/SAS/SRT and IL = 1', () => {
    const cpu = mkCpu(); // SVC mode
    cpu.r[1] = S2_FAULT_VA + 0x10;
    cpu.r[5] = 0x5555;
    faultAndTake(cpu, 'ldrh r5, [r1]');
    // EC 0x24 | IL | ISV | SAS = 01 | SRT = 5 | WnR = 0 | DFSC = translation fault level 3 (0b000111).
    expect(cpu.sys.hsr >>> 0).toBe(((0x24 << 26) | (1 << 25) | ISV | sas(1) | srt(5) | 0x07) >>> 0);
    expect(cpu.sys.hdfar).toBe(S2_FAULT_VA + 0x10);
    expect(cpu.r[5]).toBe(0x5555); // register untouched by the aborted load
  });

  it('a stage-2 fault on STR sets WnR; on a writeback form ISV = 0 and IL = 0 (QEMU)', () => {
    const cpu = mkCpu();
    cpu.r[1] = S2_FAULT_VA;
    faultAndTake(cpu, 'str r7, [r1, #4]');
    expect(cpu.sys.hsr >>> 0).toBe(((0x24 << 26) | (1 << 25) | ISV | sas(2) | srt(7) | (1 << 6) | 0x07) >>> 0);
    const c2 = mkCpu();
    c2.r[1] = S2_FAULT_VA;
    faultAndTake(c2, 'str r7, [r1, #4]!');
    expect(c2.sys.hsr >>> 0).toBe(((0x24 << 26) | (1 << 6) | 0x07) >>> 0);
    expect(c2.r[1]).toBe(S2_FAULT_VA); // base restored
  });
});

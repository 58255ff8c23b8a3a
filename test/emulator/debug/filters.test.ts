// Exception filter classification and stop text from exception records; HSR values are those
// QEMU 7.2 reports for the same exceptions (test/guests/ve/hyp_exc.c output).

import { describe, expect, it } from 'vitest';
import { classify, describe as describeExc } from '../../../emulator/debug/filters';
import { decodeHsr } from '../../../emulator/debug/hsr-decode';
import { makeCatalog } from '../../../emulator/debug/sysreg-catalog';
import { SYSREGS } from '../../../emulator/sysregs/table';
import type { ExceptionRecord } from '../../../emulator/cpu/exception-kinds';

const SVC = 0x13, HYP = 0x1a, USR = 0x10;
const rec = (r: Partial<ExceptionRecord>): ExceptionRecord => ({ kind: 'hyp-trap', from: SVC, to: HYP, pc: 0x40010000, vector: 0x40000014, icount: 0, ...r });
const cat = makeCatalog(SYSREGS);

describe('exception filters', () => {
  it('classifies by kind and by HSR exception class', () => {
    expect(classify(rec({ kind: 'hvc', hsr: 0x4a001234 }))).toEqual(['hvc', 'hyp-trap']);
    expect(classify(rec({ hsr: 0x4e000000 }))).toEqual(['smc', 'hyp-trap']);
    expect(classify(rec({ hsr: 0x0fe00461 }))).toEqual(['sysreg-trap', 'hyp-trap']);
    expect(classify(rec({ hsr: 0x07e00000 }))).toEqual(['wfx', 'hyp-trap']);
    expect(classify(rec({ hsr: 0x1fe0000a }))).toEqual(['fp-trap', 'hyp-trap']);
    expect(classify(rec({ kind: 'data-abort', hsr: 0x93c00007, far: 0x1000, hpfar: 0x100 }))).toEqual(['data-abort', 'stage2-abort', 'hyp-trap']);
    expect(classify(rec({ kind: 'svc', from: USR, to: SVC }))).toEqual(['svc']);
    expect(classify(rec({ kind: 'eret', from: HYP, to: SVC }))).toEqual(['eret']);
  });
  it('describes exceptions in a hypervisor author\'s words', () => {
    expect(describeExc(rec({ kind: 'hvc', hsr: 0x4a001234 }), cat)).toBe('HVC #0x1234 from SVC → Hyp (HSR 0x4a001234, EC 0x12 HVC)');
    expect(describeExc(rec({ hsr: 0x0fe00461 }), cat)).toBe('Read of SCTLR trapped (MRC p15, 0, r3, c1, c0, 0) from SVC → Hyp (HSR 0x0fe00461, EC 0x03 MCR/MRC p15)');
    expect(describeExc(rec({ kind: 'data-abort', hsr: 0x93c00047, far: 0x80001234, hpfar: 0x800010 }), cat))
      .toBe('Stage-2 Data abort (translation fault, level 3, write) at VA 0x80001234, IPA 0x80001234 from SVC → Hyp (HSR 0x93c00047, EC 0x24 DABT)');
  });
  it('decodes MCRR fields and data-abort syndromes', () => {
    const d = decodeHsr(0x13e00000 | (6 << 16) | (3 << 10) | (2 << 5) | (2 << 1));
    expect(d.coproc).toMatchObject({ cp: 15, is64: true, opc1: 6, rt: 2, rt2: 3, crm: 2, read: false });
    expect(cat.byEncoding(15, true, 6, 0, 2, 0)?.name).toBe('VTTBR');
  });
});

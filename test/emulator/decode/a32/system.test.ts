// A32 system instructions: disassembly text equals GNU objdump's for every form we decode.
import { describe, expect, it } from 'vitest';
import { assemble } from '../../../support/objdump';
import { A32_DECODER } from '../../../../emulator/decode/a32/index';

const LINES = [
  'mrs r0, cpsr', 'mrs r0, spsr', 'msr cpsr_fc, r0', 'msr cpsr_f, #0xf0000000', 'msr spsr_fsxc, r1', 'msr CPSR_c, #0x13',
  'msr APSR_nzcvq, r0', 'mrsne r2, r8_usr', 'mrs r2, elr_hyp', 'msr sp_svc, r0', 'msr spsr_svc, r1', 'mrs r1, spsr_hyp',
  'mrs r3, lr_irq', 'msr r12_fiq, r4',
  'cpsid i', 'cpsie aif, #0x13', 'cps #0x1f', 'setend be', 'setend le', 'srsdb sp!, #0x13', 'srsia sp, #0x12', 'rfeia r0!', 'rfedb r1',
  'eret', 'hvc #0x1234', 'hvc #5', 'smc #0', 'smceq #3', 'svc #0x123456', 'svcne #0', 'hlt #0xf000', 'bkpt #0x12', 'udf #7',
  'nop', 'yield', 'wfe', 'wfi', 'sev', 'dbg #5', 'wfieq',
  'dmb ish', 'dsb sy', 'isb sy', 'dmb oshst', 'pld [r0, #4]', 'pldw [r0, #-4]', 'pli [r0, r1]', 'pld [r2, -r3, lsl #2]', 'pld [r0]',
];

describe('A32 system disassembly matches objdump', () => {
  const lines = assemble(LINES);
  for (const l of lines) {
    it(`${l.word.toString(16).padStart(8, '0')} ${l.text}`, () => {
      const e = A32_DECODER.decode(l.word);
      expect(e, 'decodes').toBeDefined();
      expect(e!.def.dis(l.word, { addr: l.addr })).toBe(l.text);
    });
  }
});

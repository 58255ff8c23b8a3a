// WFI and WFE suspend the core until a wake-up event and let virtual time skip to the next timer
// event (B1.8.13; README "Virtual time"), instead of spinning through the wait instruction.

import { describe, expect, it } from 'vitest';
import { Machine } from '../../emulator/machine';
import { assemble } from '../support/objdump';

/**
 * Arm the physical timer 4096 ticks ahead (CNTP_CTL = ENABLE | IMASK: ISTATUS changes, no
 * interrupt), then count passes through a WFE loop until ISTATUS.
 */
function program(): Uint8Array {
  const lines = [
    'mov r0, #0x1000', 'mcr p15, 0, r0, c14, c2, 0', // CNTP_TVAL
    'mov r0, #3', 'mcr p15, 0, r0, c14, c2, 1', // CNTP_CTL
    'mov r2, #0',
    '1: add r2, r2, #1', 'wfe', 'mrc p15, 0, r1, c14, c2, 1', 'tst r1, #4', 'beq 1b',
    'mov r0, #0x18', 'ldr r1, =0x20026', 'hlt #0xf000', '.ltorg',
  ];
  const words = assemble(lines).flatMap((l) => l.words);
  return new Uint8Array(new Uint32Array(words).buffer);
}

describe('waiting for a timer', () => {
  it('WFE sleeps until the timer condition instead of spinning', () => {
    const m = new Machine({});
    m.load(program(), 'wait.bin', 0x40010000);
    const stop = m.run(1_000_000);
    expect(stop).toEqual({ kind: 'exit', code: 0 });
    // Without suspension the 5-instruction loop would run ~800 times to cover 4096 ticks.
    expect(m.cpu.r[2]).toBeLessThanOrEqual(2);
    expect(m.cpu.icount).toBeGreaterThanOrEqual(4096); // virtual time did pass
  });

  it('WFI with no interrupt that can ever arrive stops the run with a precise reason', () => {
    const words = assemble(['mov r0, #0', 'wfi', 'b .']).flatMap((l) => l.words);
    const m = new Machine({});
    m.load(new Uint8Array(new Uint32Array(words).buffer), 'wfi.bin', 0x40010000);
    expect(m.run(1_000_000)).toEqual({ kind: 'wfi-forever', pc: 0x40010004, mode: 'hyp' }); // the WFI itself
  });
});

// Deterministic virtual time: the system counter advances with retired instructions, one tick
// per instruction, so the same image and inputs always give the same run (B8.1 system counter).

import type { Cpu } from '../cpu/cpu';

/** Counter ticks per retired instruction. With CNTFRQ = 62.5 MHz the guest sees a 62.5 MIPS core. */
export const TICKS_PER_INSTRUCTION = 1;

interface TimedEvent {
  at: number;
  fire: () => void;
}

export class Clock {
  private readonly events: TimedEvent[] = [];

  constructor(private readonly cpu: Cpu) {}

  /** Current counter value (physical count, CNTPCT). */
  now(): number {
    return this.cpu.icount * TICKS_PER_INSTRUCTION;
  }

  /**
   * Call `fire` once the counter reaches `at`. Returns a cancel function. Devices re-arm
   * themselves when their compare values change.
   */
  schedule(at: number, fire: () => void): () => void {
    const ev: TimedEvent = { at, fire };
    this.events.push(ev);
    this.cpu.attention = true; // the run loop must shorten its slice
    return () => {
      const i = this.events.indexOf(ev);
      if (i >= 0) this.events.splice(i, 1);
    };
  }

  /** Counter value of the earliest pending event, or Infinity. */
  nextEventAt(): number {
    let t = Infinity;
    for (const e of this.events) if (e.at < t) t = e.at;
    return t;
  }

  /** Fire every due event. */
  runDue(): void {
    const now = this.now();
    for (let i = 0; i < this.events.length; ) {
      const e = this.events[i];
      if (e.at <= now) {
        this.events.splice(i, 1);
        e.fire();
      } else i++;
    }
  }

  /** Advance time without executing (WFI with nothing pending): jump to `t` ticks. */
  skipTo(t: number): void {
    const insns = Math.ceil(t / TICKS_PER_INSTRUCTION);
    if (insns > this.cpu.icount) this.cpu.icount = insns;
  }
}

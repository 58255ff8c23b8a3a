// One table of exception kinds: PL1 vector, target mode, LR offsets and masks on entry.
// B1.8.1 (Table B1-3 vector offsets), B1.8.3 (exception entry), B1.8.4-B1.8.10 per exception.

import { Mode } from './psr';

export const enum Exc {
  Reset = 0,
  Undefined = 1,
  Svc = 2,
  PrefetchAbort = 3,
  DataAbort = 4,
  Irq = 5,
  Fiq = 6,
  /** Hypervisor Call (always to Hyp). */
  Hvc = 7,
  /** Any other synchronous exception taken to Hyp with a syndrome (traps, routed aborts). */
  HypTrap = 8,
  /** Virtual IRQ/FIQ/abort: taken at PL1 like their physical counterparts (B1.8.11). */
  VirtualIrq = 9,
  VirtualFiq = 10,
  VirtualAbort = 11,
}

export interface ExcInfo {
  readonly kind: Exc;
  /** Name used in traces and by the debugger's exception filters. */
  readonly name: string;
  /** Offset in the PL1 vector table. */
  readonly vector: number;
  /** PL1 mode taking the exception. */
  readonly mode: Mode;
  /** LR = preferred return address + offset, for ARM and Thumb state (B1.8.3 Table B1-7). */
  readonly lrArm: number;
  readonly lrThumb: number;
  /** CPSR.A / CPSR.F set on entry (I is always set). */
  readonly maskA: boolean;
  readonly maskF: boolean;
  /** Natural offset in the Hyp vector table when taken from Hyp mode (B1.8.2 Table B1-4). */
  readonly hypVector: number;
}

export const EXCEPTIONS: readonly ExcInfo[] = [
  { kind: Exc.Reset, name: 'reset', vector: 0x00, mode: Mode.SVC, lrArm: 0, lrThumb: 0, maskA: true, maskF: true, hypVector: 0x00 },
  { kind: Exc.Undefined, name: 'undefined', vector: 0x04, mode: Mode.UND, lrArm: 4, lrThumb: 2, maskA: false, maskF: false, hypVector: 0x04 },
  { kind: Exc.Svc, name: 'svc', vector: 0x08, mode: Mode.SVC, lrArm: 0, lrThumb: 0, maskA: false, maskF: false, hypVector: 0x08 },
  { kind: Exc.PrefetchAbort, name: 'prefetch-abort', vector: 0x0c, mode: Mode.ABT, lrArm: 4, lrThumb: 4, maskA: true, maskF: false, hypVector: 0x0c },
  { kind: Exc.DataAbort, name: 'data-abort', vector: 0x10, mode: Mode.ABT, lrArm: 8, lrThumb: 8, maskA: true, maskF: false, hypVector: 0x10 },
  { kind: Exc.Irq, name: 'irq', vector: 0x18, mode: Mode.IRQ, lrArm: 4, lrThumb: 4, maskA: true, maskF: false, hypVector: 0x18 },
  { kind: Exc.Fiq, name: 'fiq', vector: 0x1c, mode: Mode.FIQ, lrArm: 4, lrThumb: 4, maskA: true, maskF: true, hypVector: 0x1c },
  { kind: Exc.Hvc, name: 'hvc', vector: 0x14, mode: Mode.HYP, lrArm: 0, lrThumb: 0, maskA: true, maskF: true, hypVector: 0x08 },
  { kind: Exc.HypTrap, name: 'hyp-trap', vector: 0x14, mode: Mode.HYP, lrArm: 0, lrThumb: 0, maskA: true, maskF: true, hypVector: 0x14 },
  { kind: Exc.VirtualIrq, name: 'virtual-irq', vector: 0x18, mode: Mode.IRQ, lrArm: 4, lrThumb: 4, maskA: true, maskF: false, hypVector: 0x18 },
  { kind: Exc.VirtualFiq, name: 'virtual-fiq', vector: 0x1c, mode: Mode.FIQ, lrArm: 4, lrThumb: 4, maskA: true, maskF: true, hypVector: 0x1c },
  { kind: Exc.VirtualAbort, name: 'virtual-abort', vector: 0x10, mode: Mode.ABT, lrArm: 8, lrThumb: 8, maskA: true, maskF: false, hypVector: 0x10 },
];

/** One record per exception taken, for traces, the debugger's log and its exception filters. */
export interface ExceptionRecord {
  readonly kind: string;
  readonly from: Mode;
  readonly to: Mode;
  /** Preferred return address. */
  readonly pc: number;
  /** Address of the vector taken. */
  readonly vector: number;
  /** HSR written on entry to Hyp, else undefined (IRQ/FIQ to Hyp do not write HSR). */
  readonly hsr?: number;
  readonly icount: number;
  /** Fault address registers written on entry, for aborts. */
  readonly far?: number;
  readonly hpfar?: number;
}

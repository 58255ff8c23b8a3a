// Asynchronous exceptions: which of the physical and virtual IRQ/FIQ/abort inputs is taken now,
// and where. B1.8.6 (masking, HCR.IMO/FMO/AMO routing), B1.8.11 (virtual exceptions).

import type { Cpu } from './cpu';
import { Exc } from './exception-kinds';
import { enterHyp, enterPl1 } from './exceptions';
import { Mode, PSR_A, PSR_F, PSR_I } from './psr';

/** Interrupt request inputs of the core, driven by the GIC (and HCR.VI/VF/VA for virtual ones). */
export interface InterruptLines {
  irq: boolean;
  fiq: boolean;
  /** Virtual IRQ/FIQ from the GIC virtual CPU interface (ORed with HCR.VI/VF). */
  virq: boolean;
  vfiq: boolean;
}

const HCR_FMO = 1 << 3;
const HCR_IMO = 1 << 4;
const HCR_AMO = 1 << 5;
const HCR_VF = 1 << 6;
const HCR_VI = 1 << 7;
const HCR_VA = 1 << 8;

/**
 * Take the highest-priority pending asynchronous exception, if any is unmasked. Called between
 * instructions with cpu.pc = the next instruction (the preferred return address).
 * Priority: FIQ, IRQ, then virtual IRQ/FIQ/abort (physical before virtual, B1.8.11; virtual order as QEMU).
 */
export function checkInterrupts(cpu: Cpu, lines: InterruptLines): boolean {
  // HCR.TGE makes IMO/FMO/AMO behave as 1 for everything but reads (B1.14.? HCR.TGE).
  const hcr = (cpu.sys.hcr & (1 << 27)) !== 0 ? (cpu.sys.hcr | HCR_FMO | HCR_IMO | HCR_AMO) >>> 0 : cpu.sys.hcr;
  const inHyp = cpu.mode === Mode.HYP;
  const ctl = cpu.ctl;
  // Physical FIQ: routed to Hyp when FMO; then CPSR.F does not mask it outside Hyp mode.
  if (lines.fiq) {
    if (hcr & HCR_FMO) {
      if (!inHyp || (ctl & PSR_F) === 0) { takeAsync(cpu, Exc.Fiq, true); return true; }
    } else if (!inHyp && (ctl & PSR_F) === 0) { takeAsync(cpu, Exc.Fiq, false); return true; }
  }
  if (lines.irq) {
    if (hcr & HCR_IMO) {
      if (!inHyp || (ctl & PSR_I) === 0) { takeAsync(cpu, Exc.Irq, true); return true; }
    } else if (!inHyp && (ctl & PSR_I) === 0) { takeAsync(cpu, Exc.Irq, false); return true; }
  }
  if (inHyp) return false;
  // Virtual exceptions exist only when the matching routing bit is set (B1.8.11).
  // Among virtual exceptions QEMU 7.2 takes vIRQ, then vFIQ, then vAbort (arm_cpu_exec_interrupt);
  // their relative priority is IMPLEMENTATION DEFINED (test/guests/ve/eret.c).
  if ((hcr & HCR_IMO) && ((hcr & HCR_VI) || lines.virq) && (ctl & PSR_I) === 0) {
    enterPl1(cpu, Exc.Irq, cpu.pc, 'virtual-irq');
    return true;
  }
  if ((hcr & HCR_FMO) && ((hcr & HCR_VF) || lines.vfiq) && (ctl & PSR_F) === 0) {
    enterPl1(cpu, Exc.Fiq, cpu.pc, 'virtual-fiq');
    return true;
  }
  if ((hcr & HCR_AMO) && (hcr & HCR_VA) && (ctl & PSR_A) === 0) {
    // A virtual abort is taken as a Data Abort to PL1 (asynchronous external abort).
    cpu.sys.hcr = (cpu.sys.hcr & ~HCR_VA) >>> 0; // taking it clears HCR.VA (B4.1.63)
    // Asynchronous external abort: short FS = 0b10110 (FS[4] in bit 10), long STATUS = 0b010001.
    cpu.sys.dfsr = cpu.sys.ttbcr >>> 31 ? 0x211 : 0x406;
    enterPl1(cpu, Exc.VirtualAbort, cpu.pc, 'virtual-abort');
    return true;
  }
  return false;
}

/** True when an interrupt would be taken or would wake a WFI (WFI wakes even if masked, B1.8.?). */
export function wakeupPending(cpu: Cpu, lines: InterruptLines): boolean {
  const hcr = cpu.sys.hcr;
  if (lines.irq || lines.fiq) return true;
  if (cpu.mode === Mode.HYP) return false;
  return ((hcr & HCR_IMO) !== 0 && ((hcr & HCR_VI) !== 0 || lines.virq)) ||
    ((hcr & HCR_FMO) !== 0 && ((hcr & HCR_VF) !== 0 || lines.vfiq)) ||
    ((hcr & HCR_AMO) !== 0 && (hcr & HCR_VA) !== 0);
}

function takeAsync(cpu: Cpu, kind: Exc.Irq | Exc.Fiq, toHyp: boolean): void {
  if (toHyp) enterHyp(cpu, kind, cpu.pc, undefined);
  else enterPl1(cpu, kind, cpu.pc);
}

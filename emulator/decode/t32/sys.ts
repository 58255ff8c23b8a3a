// T32 system semantics: CPS, MRS/MSR (incl. banked), exception return, HVC/SVC/semihosting, WFI/WFE
// traps, BKPT. ARM ARM B9.3 (system instructions), B1.9.10 (exception return), B3.13.6 (HSR).

import type { Cpu } from '../../cpu/cpu';
import { wfxSyndrome, wfxTraps } from '../../cpu/traps';
import { Mode, modeInfo, PSR_A, PSR_E, PSR_F, PSR_I, PSR_M, PSR_GE_MASK } from '../../cpu/psr';
import { exceptionReturn, takeHvc, takeHypTrap, takeSvc, takeUndefined } from '../../cpu/exceptions';
import { EC, hsr, condIss } from '../../cpu/hsr';
import { FaultType, GuestAbort } from '../../cpu/fault';
import { itAdvance, itCtl } from './common';

/** CPS (B9.3.2): User mode executes it as a NOP; changing mode follows the MSR rules. */
export function cps(cpu: Cpu, imod: number, a: boolean, i: boolean, f: boolean, changeMode: boolean, mode: number): void {
  if (cpu.pl === 0) return;
  let psr = cpu.getCPSR();
  const bits = (a ? PSR_A : 0) | (i ? PSR_I : 0) | (f ? PSR_F : 0);
  if (imod === 2) psr |= bits;
  else if (imod === 3) psr &= ~bits;
  if (changeMode && modeChangeAllowed(cpu, mode)) psr = (psr & ~PSR_M) | mode;
  cpu.setCPSR(psr >>> 0);
}

/**
 * Mode changes by CPS/MSR (B1.9.10 / B9.3.12 CPSRWriteByInstr): a reserved or Monitor mode, entering
 * Hyp from a PL1 mode or leaving Hyp other than by an exception return are UNPREDICTABLE; QEMU
 * ignores the mode field in those cases (bad_mode_switch), which we follow.
 */
function modeChangeAllowed(cpu: Cpu, m: number): boolean {
  const info = modeInfo(m);
  if (!info || m === Mode.MON) return false;
  if (cpu.mode === Mode.HYP) return m === Mode.HYP;
  return m !== Mode.HYP;
}

/** MSR CPSR_<fields>, value (B9.3.12 / A8.8.109): byte mask from the field bits. */
export function msrCpsr(cpu: Cpu, mask: number, v: number): void {
  // Execution state bits (IT, J, T) are never written by MSR; only NZCVQ and GE in User mode.
  let m = 0;
  if (mask & 8) m |= 0xf8000000;
  if (mask & 4) m |= PSR_GE_MASK;
  if (cpu.pl > 0) {
    if (mask & 2) m |= PSR_E | PSR_A; // bits 15:8 hold IT[7:2] (not writable) plus E, A
    if (mask & 1) m |= PSR_I | PSR_F | PSR_M;
  } else if (mask & 2) {
    m |= PSR_E; // E is writable at PL0 (B1.3.3)
  }
  const old = cpu.getCPSR();
  let nv = ((old & ~m) | (v & m)) >>> 0;
  const newMode = nv & PSR_M;
  if (newMode !== (old & PSR_M) && !modeChangeAllowed(cpu, newMode)) nv = (nv & ~PSR_M) | (old & PSR_M);
  cpu.setCPSR(nv >>> 0);
}

/** MSR SPSR_<fields>, value (B9.3.12): UNPREDICTABLE without an SPSR; QEMU UNDEFs in User/System. */
export function msrSpsr(cpu: Cpu, mask: number, v: number): boolean {
  if (!cpu.hasSpsr()) return false;
  let m = 0;
  if (mask & 8) m |= 0xff000000;
  if (mask & 4) m |= 0x00ff0000;
  if (mask & 2) m |= 0x0000ff00;
  if (mask & 1) m |= 0x000000ff;
  cpu.spsr = ((cpu.spsr & ~m) | (v & m)) >>> 0;
  return true;
}

/** MRS <Rd>, CPSR (B9.3.9): execution state bits read as zero (A2.5.2 / B1.3.3). */
export function mrsCpsr(cpu: Cpu): number {
  const v = cpu.getCPSR();
  // IT, J and T read as zero from MRS; in User mode only APSR fields are meaningful (QEMU masks too).
  const masked = v & ~(0x0600fc00 | (1 << 24) | (1 << 5));
  return (cpu.pl === 0 ? masked & 0xf80f0000 : masked) >>> 0;
}

/**
 * Banked register numbering of MRS/MSR (banked) (B9.2.3, Table B9-2): R:m1:m -> (register, mode).
 * register: 8..14 = R8..R14 of the mode, 16 = SPSR of the mode, 17 = ELR_hyp.
 */
export function bankedTarget(r: number, sysm: number): { reg: number; mode: Mode } | undefined {
  if (r === 0) {
    if (sysm <= 6) return { reg: 8 + sysm, mode: Mode.USR };
    if (sysm >= 8 && sysm <= 14) return { reg: sysm, mode: Mode.FIQ };
    switch (sysm) {
      case 16: return { reg: 14, mode: Mode.IRQ };
      case 17: return { reg: 13, mode: Mode.IRQ };
      case 18: return { reg: 14, mode: Mode.SVC };
      case 19: return { reg: 13, mode: Mode.SVC };
      case 20: return { reg: 14, mode: Mode.ABT };
      case 21: return { reg: 13, mode: Mode.ABT };
      case 22: return { reg: 14, mode: Mode.UND };
      case 23: return { reg: 13, mode: Mode.UND };
      case 28: return { reg: 14, mode: Mode.MON };
      case 29: return { reg: 13, mode: Mode.MON };
      case 30: return { reg: 17, mode: Mode.HYP };
      case 31: return { reg: 13, mode: Mode.HYP };
      default: return undefined;
    }
  }
  switch (sysm) {
    case 14: return { reg: 16, mode: Mode.FIQ };
    case 16: return { reg: 16, mode: Mode.IRQ };
    case 18: return { reg: 16, mode: Mode.SVC };
    case 20: return { reg: 16, mode: Mode.ABT };
    case 22: return { reg: 16, mode: Mode.UND };
    case 28: return { reg: 16, mode: Mode.MON };
    case 30: return { reg: 16, mode: Mode.HYP };
    default: return undefined;
  }
}

/** Names objdump prints for banked registers, indexed by R*32 + SYSm. */
export function bankedName(r: number, sysm: number): string | undefined {
  const t = bankedTarget(r, sysm);
  if (!t) return undefined;
  const m = modeInfo(t.mode)?.name ?? '';
  if (t.reg === 16) return `SPSR_${m}`;
  if (t.reg === 17) return 'ELR_hyp';
  const base = t.reg === 13 ? 'SP' : t.reg === 14 ? 'LR' : `R${t.reg}`;
  return `${base}_${m}`;
}

/**
 * Is a banked access legal from the current mode (B9.3.10 "MRS (Banked register)")? UNPREDICTABLE
 * cases: User mode (UNDEFINED), the current mode's own registers, Monitor registers from Non-secure,
 * Hyp registers other than from Monitor (ELR_hyp/SPSR_hyp/SP_hyp are accessible from Hyp except
 * SP_hyp). QEMU's msr_mrs_banked_exc_checks UNDEFs in all of these, which we follow.
 */
export function bankedAllowed(cpu: Cpu, t: { reg: number; mode: Mode }): boolean {
  if (cpu.pl === 0 || t.mode === Mode.MON) return false;
  // Hyp: only ELR_hyp, and only from Hyp mode itself (the one same-mode exception).
  if (t.mode === Mode.HYP) return cpu.mode === Mode.HYP && t.reg === 17;
  if (cpu.mode === Mode.HYP && t.reg !== 16 && t.reg >= 13 && t.mode !== Mode.USR) return true;
  if (t.mode === Mode.USR) {
    if (t.reg <= 12) return cpu.mode === Mode.FIQ; // R8_usr..R12_usr are current outside FIQ
    if (t.reg === 13) return cpu.mode !== Mode.SYS;
    return cpu.mode !== Mode.SYS && cpu.mode !== Mode.HYP; // LR_usr is LR in Hyp and System
  }
  return cpu.mode !== t.mode;
}

export function readBankedReg(cpu: Cpu, t: { reg: number; mode: Mode }): number {
  if (t.reg === 17) return cpu.elrHyp >>> 0;
  if (t.reg === 16) return cpu.spsrBank[modeInfo(t.mode)!.bank] >>> 0;
  return cpu.readBanked(t.reg, t.mode) >>> 0;
}

export function writeBankedReg(cpu: Cpu, t: { reg: number; mode: Mode }, v: number): void {
  if (t.reg === 17) cpu.elrHyp = v >>> 0;
  else if (t.reg === 16) cpu.spsrBank[modeInfo(t.mode)!.bank] = v >>> 0;
  else cpu.writeBanked(t.reg, t.mode, v >>> 0);
}

/**
 * SUBS PC, LR, #imm8 (B9.3.19) and its imm8 == 0 alias ERET (B9.3.3): in Hyp mode ERET returns to
 * ELR_hyp; other immediates in Hyp and any form in User mode are UNDEFINED (as QEMU does).
 */
export function subsPcLr(cpu: Cpu, imm8: number): void {
  if (cpu.pl === 0 || (cpu.mode === Mode.HYP && imm8 !== 0)) { takeUndefined(cpu); return; }
  const target = cpu.mode === Mode.HYP ? cpu.elrHyp : (cpu.r[14] - imm8) >>> 0;
  itCtl.written = true;
  exceptionReturn(cpu, target, cpu.spsr);
}

/** HVC #imm16 (B9.3.4): UNDEFINED in User mode. */
export function hvc(cpu: Cpu, imm16: number): void {
  if (cpu.pl === 0) { takeUndefined(cpu); return; }
  // TakeHVCException (B1.8.7): the SPSR gets ITSTATE as advanced past this instruction.
  cpu.it = itAdvance(cpu.it);
  takeHvc(cpu, imm16);
}

/** SVC; the semihosting call SVC #0xAB in Thumb (not from User mode, as QEMU). */
export function svc(cpu: Cpu, imm: number): void {
  if (imm === 0xab && cpu.onSemihost && cpu.pl > 0) { cpu.onSemihost(cpu); return; }
  // TakeSVCException (B1.8.6): ITAdvance() before the CPSR is saved; the return is the next instruction.
  cpu.it = itAdvance(cpu.it);
  takeSvc(cpu, imm);
}

/** HLT #0x3C is the T32 semihosting call (QEMU accepts it on v7 with -semihosting); else UNDEFINED. */
export function hlt(cpu: Cpu, imm6: number): void {
  if (imm6 === 0x3c && cpu.onSemihost && cpu.pl > 0) { cpu.onSemihost(cpu); return; }
  takeUndefined(cpu);
}

/**
 * WFI/WFE (B1.14.9 HCR.TWI/TWE): trapped to Hyp from PL0/PL1 with EC 0x01. QEMU reports CV = 1,
 * COND = 0xE (syn_wfx) and IL from the instruction length; TI = 1 for WFE.
 */
export function wfx(cpu: Cpu, wfe: boolean): void {
  if (wfe && cpu.event) { cpu.event = 0; return; } // the Event Register: WFE completes at once (B1.8.13)
  if (wfxTraps(cpu, wfe)) {
    // QEMU 7.2 raises the trap from its WFI helper after the IT state was advanced, so SPSR_hyp.IT
    // is that of the next instruction (verified: test/guests/thumb/it_traps.thumb.c). B1.8.3 would
    // keep the WFI's own ITSTATE; we follow QEMU. ELR_hyp is still the WFI itself.
    cpu.it = itAdvance(cpu.it);
    itCtl.written = true;
    takeHypTrap(cpu, wfxSyndrome(wfe, cpu.insnLen === 4), wfe ? 'wfe-trap' : 'wfi-trap');
    return;
  }
  // Same as A32 (sys-exc.ts doWfi/doWfe): both suspend until a wake-up event.
  cpu.onWait?.(cpu, wfe);
}

/** BKPT (A8.8.24): a debug-event Prefetch Abort on this instruction. */
export function bkpt(cpu: Cpu): void {
  const lpae = cpu.pl === 2 || (cpu.sys.ttbcr >>> 31) === 1;
  throw new GuestAbort(FaultType.Debug, 1, 0, cpu.pc >>> 0, 0, false, true, false, 0, lpae);
}

/** SETEND (A8.8.158): CPSR.E from the instruction. */
export function setend(cpu: Cpu, big: boolean): void {
  const v = cpu.getCPSR();
  cpu.setCPSR(big ? (v | PSR_E) >>> 0 : (v & ~PSR_E) >>> 0);
}

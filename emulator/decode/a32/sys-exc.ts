// Exception-generating and exception-returning instructions shared by A32 and T32: ERET, HVC, SMC,
// SVC (with semihosting), HLT, BKPT, WFI/WFE, SRS, RFE. B9.3.3 ERET, B9.3.4 HVC, B9.3.14 SMC,
// B9.3.16 SRS, B9.3.13 RFE; UNPREDICTABLE choices as QEMU 7.2.

import type { Cpu } from '../../cpu/cpu';
import { Mode, modeInfo } from '../../cpu/psr';
import { exceptionReturn, takeBkpt, takeHvc, takeHypTrap, takeSvc, takeUndefined } from '../../cpu/exceptions';
import { EC, hsr } from '../../cpu/hsr';
import { wfxSyndrome, wfxTraps } from '../../cpu/traps';
import { itAdvance, itCtl } from '../t32/common';

/** PSCI firmware behind SMC (QEMU virt, virtualization=on): filled by the board; true = handled. */
export const psciHooks: { call: ((cpu: Cpu) => boolean) | undefined } = { call: undefined };

/** ERET (B9.3.3): Hyp returns via ELR_hyp/SPSR_hyp; PL1 modes as SUBS PC, LR, #0; User UNDEFINED (QEMU). */
export function doEret(cpu: Cpu): void {
  if (cpu.pl === 0) { takeUndefined(cpu); return; }
  if (cpu.mode === Mode.HYP) exceptionReturn(cpu, cpu.elrHyp, cpu.spsr);
  // System mode has no SPSR: QEMU uses the unbanked SPSR slot, which cpu.spsr also reads.
  else exceptionReturn(cpu, cpu.r[14], cpu.spsr);
}

/** HVC #imm16 (B9.3.4): UNDEFINED in User mode; otherwise always to Hyp (v7 has no HCR.HCD). */
export function doHvc(cpu: Cpu, imm16: number): void {
  if (cpu.pl === 0) { takeUndefined(cpu); return; }
  takeHvc(cpu, imm16);
}

/**
 * SMC #imm4 (B9.3.14) without Security Extensions, as QEMU pre_smc: User → UNDEFINED; NS PL1 with
 * HCR.TSC → Hyp trap EC 0x13 (ISS 0); otherwise the PSCI firmware; if it does not handle the call,
 * UNDEFINED.
 */
export function doSmc(cpu: Cpu): void {
  if (cpu.pl === 0) { takeUndefined(cpu); return; }
  if (cpu.pl === 1 && (cpu.sys.hcr & (1 << 19)) !== 0) {
    // T32 in an IT block: QEMU 7.2 raises the trap from its pre_smc helper after the IT state was
    // advanced, so SPSR_hyp.IT is that of the next instruction (B1.8.3 would keep the SMC's own; as
    // for trapped WFI, we follow QEMU: test/guests/ve/smc.thumb.c). ELR_hyp is still the SMC.
    if (cpu.thumb && (cpu.it & 0xf) !== 0) {
      cpu.it = itAdvance(cpu.it);
      itCtl.written = true;
    }
    takeHypTrap(cpu, hsr(EC.Smc, cpu.insnLen === 4, 0), 'smc-trap');
    return;
  }
  const call = psciHooks.call;
  if (call && call(cpu)) return;
  takeUndefined(cpu);
}

/** SVC #imm: semihosting when imm is the A32 (0x123456) or T32 (0xAB) number outside User mode. */
export function doSvc(cpu: Cpu, imm: number): void {
  const semi = cpu.thumb ? 0xab : 0x123456;
  if (cpu.onSemihost && imm === semi && cpu.pl !== 0) { cpu.onSemihost(cpu); return; }
  takeSvc(cpu, imm);
}

/** HLT #imm (A32 semihosting HLT #0xF000, T32 HLT #0x3C); anything else UNDEFINED (no halting debug). */
export function doHlt(cpu: Cpu, imm: number): void {
  const semi = cpu.thumb ? 0x3c : 0xf000;
  if (cpu.onSemihost && imm === semi && cpu.pl !== 0) { cpu.onSemihost(cpu); return; }
  takeUndefined(cpu);
}

export function doBkpt(cpu: Cpu): void {
  takeBkpt(cpu);
}

/** WFI (A8.8.425): HCR.TWI traps from PL0/PL1 (EC 0x01); otherwise the machine waits for an interrupt. */
export function doWfi(cpu: Cpu): void {
  if (wfxTraps(cpu, false)) { takeHypTrap(cpu, wfxSyndrome(false, cpu.insnLen === 4), 'wfi-trap'); return; }
  cpu.onWait?.(cpu, false);
}

/**
 * WFE (A8.8.424): with the Event Register set, clear it and complete (B1.8.13). Otherwise HCR.TWE
 * traps from PL0/PL1 (EC 0x01, TI = 1, B1.14.9: only a WFE that would suspend is trapped); else
 * the core suspends until a wake-up event, like WFI (virtual time skips to the next timer event
 * instead of spinning). Wake-up is taken slightly early (a masked pending interrupt also wakes it),
 * which the architecture allows: WFE may complete at any time.
 */
export function doWfe(cpu: Cpu): void {
  if (cpu.event) { cpu.event = 0; return; }
  if (wfxTraps(cpu, true)) { takeHypTrap(cpu, wfxSyndrome(true, cpu.insnLen === 4), 'wfe-trap'); return; }
  cpu.onWait?.(cpu, true);
}

/** SEV (A8.8.168): an event for every processor, this one included: sets the Event Register. */
export function doSev(cpu: Cpu): void {
  cpu.event = 1;
}

/** SRS{DA,IA,DB,IB} SP{!}, #mode (B9.3.16): UNDEFINED in User and Hyp, to Monitor/Hyp/reserved modes (QEMU). */
export function doSrs(cpu: Cpu, p: boolean, u: boolean, wback: boolean, mode: number): void {
  const info = modeInfo(mode);
  if (cpu.pl !== 1 || !info || info.mode === Mode.MON || info.mode === Mode.HYP) { takeUndefined(cpu); return; }
  const sp = cpu.readBanked(13, info.mode);
  const start = (u ? (p ? sp + 4 : sp) : (p ? sp - 8 : sp - 4)) >>> 0;
  const lr = cpu.r[14];
  const spsr = cpu.spsr;
  cpu.write32Aligned(start, lr);
  cpu.write32Aligned((start + 4) >>> 0, spsr);
  if (wback) cpu.writeBanked(13, info.mode, (u ? sp + 8 : sp - 8) >>> 0);
}

/** RFE{DA,IA,DB,IB} Rn{!} (B9.3.13): UNDEFINED in User mode; loads PC then CPSR; exception return. */
export function doRfe(cpu: Cpu, p: boolean, u: boolean, wback: boolean, rn: number): void {
  if (cpu.pl === 0) { takeUndefined(cpu); return; }
  const base = cpu.r[rn];
  const start = (u ? (p ? base + 4 : base) : (p ? base - 8 : base - 4)) >>> 0;
  const pc = cpu.read32Aligned(start);
  const psr = cpu.read32Aligned((start + 4) >>> 0);
  if (wback) cpu.r[rn] = (u ? base + 8 : base - 8) >>> 0;
  exceptionReturn(cpu, pc, psr);
}

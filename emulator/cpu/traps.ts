// Hyp trap rules for CP14/CP15 register accesses: HSTR by CRn/CRm, HCR.Txx, HCPTR, HDCR and
// CNTHCTL as data from the register table, and the HSR each trap reports. B1.14 (traps to Hyp), B3.13.6.

import type { Cpu } from './cpu';
import type { SysReg, TrapRule } from '../sysregs/types';
import { EC, hsr, issMcr, issMcrr } from './hsr';
import { takeHypTrap } from './exceptions';

/**
 * Architectural traps are the default (B1.14). QEMU 7.2, our differential oracle, lacks some of them
 * (rules marked `qemu: false`: TID1 for TCMTR/TLBTR/REVIDR, TID3 for the CP15 ID registers, TIDCP,
 * TSW, TPC, TPU, HCPTR.TCPAC, HDCR.TPMCR, TDRA for the 64-bit DBGDRAR/DBGDSAR; also HCR.TWE,
 * HCPTR.TCP11/TASE and the HCPTR syndrome's TA bit). test/guests/ve-arch/ exercises them and
 * test/qemu/DEVIATIONS.md section 5 lists the differences. Setting `followQemu` reproduces QEMU 7.2
 * (for bisecting a differential run); nothing in the tree sets it.
 */
export const trapPolicy = { followQemu: false };

/**
 * COND reported in HSR for trapped A32 instructions: QEMU reports CV=1, COND=0xE for every A32
 * trap, whatever the instruction's condition (allowed by B3.13.6; verified with a trapped MRCNE).
 */
export const A32_TRAP_COND = 0xe;

const HCR_BIT: Record<string, number> = {
  TWI: 13, TWE: 14, TID0: 15, TID1: 16, TID2: 17, TID3: 18, TSC: 19, TIDCP: 20, TAC: 21, TSW: 22, TPC: 23, TPU: 24, TTLB: 25, TVM: 26, TGE: 27,
};
const HDCR_BIT: Record<string, number> = { TPMCR: 5, TPM: 6, TDE: 8, TDA: 9, TDOSA: 10, TDRA: 11 };
/** HDCR.TDE = 1 makes TDA, TDOSA and TDRA behave as 1 for all purposes but a direct read (HDCR, B4.1). */
const HDCR_TDE_FORCES = (1 << 9) | (1 << 10) | (1 << 11);
const HCPTR_BIT: Record<string, number> = { TTA: 20, TCPAC: 31 };
const CNTHCTL_BIT: Record<string, number> = { PL1PCTEN: 0, PL1PCEN: 1 };

/** Does one rule trap this access? (Caller has established PL0/PL1 Non-secure.) */
export function ruleTraps(cpu: Cpu, rule: TrapRule, write: boolean): boolean {
  if (rule.qemu === false && trapPolicy.followQemu) return false;
  const s = cpu.sys;
  if ('hcr' in rule) {
    if (rule.on === 'write' && !write) return false;
    if (rule.on === 'read' && write) return false;
    return ((s.hcr >>> HCR_BIT[rule.hcr]) & 1) !== 0;
  }
  if ('hdcr' in rule) {
    const bit = 1 << HDCR_BIT[rule.hdcr];
    if ((s.hdcr & bit) !== 0) return true;
    return (s.hdcr & (1 << 8)) !== 0 && (bit & HDCR_TDE_FORCES) !== 0;
  }
  if ('hcptr' in rule) return ((s.hcptr >>> HCPTR_BIT[rule.hcptr]) & 1) !== 0;
  // CNTHCTL bits are enables: clearing them traps (B8.1.3).
  return ((s.cnthctl >>> CNTHCTL_BIT[rule.cnthctl]) & 1) === 0;
}

/**
 * True if an otherwise legal access from NS PL0/PL1 traps to Hyp: HSTR.Tn for CP15 with CRn = n
 * (MCR/MRC) or CRm = n (MCRR/MRRC), T4/T14 reserved (B4.1.74); then the register's own rules.
 * QEMU checks HSTR only for registers that exist and are accessible at the current PL.
 */
export function accessTraps(cpu: Cpu, reg: SysReg, write: boolean): boolean {
  if (cpu.pl === 2) return false;
  if (reg.cp === 15) {
    const n = reg.is64 ? reg.crm : reg.crn;
    if (n !== 4 && n !== 14 && ((cpu.sys.hstr >>> n) & 1) !== 0) return true;
  }
  const rules = reg.traps;
  for (let i = 0; i < rules.length; i++) if (ruleTraps(cpu, rules[i], write)) return true;
  return false;
}

/** HSR for a trapped MCR/MRC (EC 0x03 CP15, 0x05 CP14) or MCRR/MRRC (0x04 CP15, 0x0C CP14). */
export function cpTrapSyndrome(cp: number, is64: boolean, opc1: number, crn: number, crm: number, opc2: number, rt: number, rt2: number, read: boolean, il = true): number {
  if (is64) return hsr(cp === 15 ? EC.Mcrr15 : EC.Mrrc14, il, issMcrr(A32_TRAP_COND, opc1, rt, rt2, crm, read));
  return hsr(cp === 15 ? EC.Mcr15 : EC.Mcr14, il, issMcr(A32_TRAP_COND, opc1, crn, rt, crm, opc2, read));
}

/** Take the Hyp trap for a coprocessor register access; ELR_hyp = the trapped instruction. */
export function takeCpTrap(cpu: Cpu, cp: number, is64: boolean, opc1: number, crn: number, crm: number, opc2: number, rt: number, rt2: number, read: boolean): void {
  takeHypTrap(cpu, cpTrapSyndrome(cp, is64, opc1, crn, crm, opc2, rt, rt2, read, cpu.insnLen === 4), 'hyp-trap');
}

/**
 * HCR.TWI/TWE trap of WFI/WFE from NS PL0/PL1 (B1.14.9; WFE/WFI pseudocode A8.8.424/A8.8.425):
 * EC 0x01, TI = 1 for WFE. The manual traps a WFE only when the Event Register is clear (a set
 * register is cleared and the WFE completes). hypscope does not model the Event Register (SEV is a
 * NOP, an exception return does not set it), so it treats it as clear: every WFE at PL0/PL1 traps
 * while TWE is set. DEVIATIONS.md section 5 records this simplification.
 */
export function wfxTraps(cpu: Cpu, wfe: boolean): boolean {
  if (cpu.pl === 2) return false;
  if (wfe && trapPolicy.followQemu) return false; // QEMU 7.2 ignores HCR.TWE
  return ((cpu.sys.hcr >>> (wfe ? 14 : 13)) & 1) !== 0;
}

export function wfxSyndrome(wfe: boolean, il: boolean): number {
  return hsr(EC.WfiWfe, il, (1 << 24) | (A32_TRAP_COND << 20) | (wfe ? 1 : 0));
}

/**
 * HSR for an HCPTR trap of an FP/Advanced SIMD access (EC 0x07, B3.13.6): CV = 1, COND, TA[5],
 * coproc[3:0]. A floating-point instruction (coprocessor space, CP10/CP11, trapped by TCP10/TCP11)
 * reports TA = 0 and coproc = 0xA: CP10 and CP11 are one resource that CPACR/HCPTR must program alike
 * (TCP10 != TCP11 is UNPREDICTABLE), and the reported number is 0xA also for the CP11 (double-precision)
 * encodings, as QEMU reports and the v8 AArch32 HSR fixes it. An Advanced SIMD instruction that is not
 * also a floating-point one (trapped by TASE, or by TCP10/TCP11) reports TA = 1; coproc is then not a
 * coprocessor number and is reported as 0. QEMU 7.2 reports TA = 0, coproc = 0xA for those too.
 */
export function hcptrSyndrome(simd: boolean, il: boolean): number {
  const ta = simd && !trapPolicy.followQemu;
  return hsr(EC.Hcptr, il, (1 << 24) | (A32_TRAP_COND << 20) | (ta ? (1 << 5) : 0xa));
}

/** HSR for a VMRS of FPSID (HCR.TID0) or MVFR0/1 (HCR.TID3): EC 0x08, MRC layout with opc1 = 7, CRn = reg. */
export function vmrsTrapSyndrome(reg: number, rt: number, il: boolean): number {
  return hsr(EC.Vmrs, il, issMcr(A32_TRAP_COND, 7, reg, rt, 0, 0, true));
}

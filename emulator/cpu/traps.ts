// Hyp trap rules for CP14/CP15 register accesses: HSTR by CRn/CRm, HCR.Txx, HCPTR, HDCR and
// CNTHCTL as data from the register table, and the HSR each trap reports. B1.14 (traps to Hyp), B3.13.6.

import type { Cpu } from './cpu';
import type { SysReg, TrapRule } from '../sysregs/types';
import { EC, hsr, issMcr, issMcrr } from './hsr';
import { takeHypTrap } from './exceptions';

/**
 * Where QEMU 7.2 (our oracle) does not implement an architectural trap (rules marked `qemu: false`:
 * TID1 for TCMTR/TLBTR/REVIDR, TID3 for CP15 ID registers, TIDCP, TSW, TPC, TPU, HCPTR.TCPAC,
 * HDCR.TPMCR, TDRA for the 64-bit DBGDRAR/DBGDSAR; HCR.TWE; HCPTR.TCP11/TASE), follow QEMU.
 * Verified with test/guests/ve/traps.c. Set to false for strictly architectural behaviour.
 */
export const trapPolicy = { followQemu: true };

/**
 * COND reported in HSR for trapped A32 instructions: QEMU reports CV=1, COND=0xE for every A32
 * trap, whatever the instruction's condition (allowed by B3.13.6; verified with a trapped MRCNE).
 */
export const A32_TRAP_COND = 0xe;

const HCR_BIT: Record<string, number> = {
  TWI: 13, TWE: 14, TID0: 15, TID1: 16, TID2: 17, TID3: 18, TSC: 19, TIDCP: 20, TAC: 21, TSW: 22, TPC: 23, TPU: 24, TTLB: 25, TVM: 26, TGE: 27,
};
const HDCR_BIT: Record<string, number> = { TPMCR: 5, TPM: 6, TDE: 8, TDA: 9, TDOSA: 10, TDRA: 11 };
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
  if ('hdcr' in rule) return ((s.hdcr >>> HDCR_BIT[rule.hdcr]) & 1) !== 0;
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

/** HCR.TWI/TWE trap of WFI/WFE from PL0/PL1 (B1.14.9): EC 0x01, TI = 1 for WFE. */
export function wfxTraps(cpu: Cpu, wfe: boolean): boolean {
  if (cpu.pl === 2) return false;
  if (wfe && trapPolicy.followQemu) return false; // QEMU 7.2 ignores HCR.TWE (verified)
  return ((cpu.sys.hcr >>> (wfe ? 14 : 13)) & 1) !== 0;
}

export function wfxSyndrome(wfe: boolean, il: boolean): number {
  return hsr(EC.WfiWfe, il, (1 << 24) | (A32_TRAP_COND << 20) | (wfe ? 1 : 0));
}

/** HSR for an HCPTR trap of an FP/Advanced SIMD access (EC 0x07): CV, COND, TA, coproc (QEMU: 0xA on v7). */
export function hcptrSyndrome(simd: boolean, il: boolean): number {
  return hsr(EC.Hcptr, il, (1 << 24) | (A32_TRAP_COND << 20) | (simd && !trapPolicy.followQemu ? 1 << 5 : 0) | 0xa);
}

/** HSR for a VMRS of FPSID (HCR.TID0) or MVFR0/1 (HCR.TID3): EC 0x08, MRC layout with opc1 = 7, CRn = reg. */
export function vmrsTrapSyndrome(reg: number, rt: number, il: boolean): number {
  return hsr(EC.Vmrs, il, issMcr(A32_TRAP_COND, 7, reg, rt, 0, 0, true));
}

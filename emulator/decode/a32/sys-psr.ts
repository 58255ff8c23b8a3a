// PSR access semantics shared by A32 and T32: MRS/MSR (CPSR/SPSR and banked registers), CPS,
// SETEND. B9.3.8-B9.3.12 (MRS/MSR), B9.3.9/B9.3.10 (banked), B9.3.2 CPS; choices as QEMU 7.2.

import type { Cpu } from '../../cpu/cpu';
import { Mode, modeInfo, PSR_M } from '../../cpu/psr';
import { takeUndefined } from '../../cpu/exceptions';

/** Valid PSR bits of this core: NZCVQ, IT, J, IL, GE, E, A, I, F, T, M (QEMU aarch32_cpsr_valid_mask). */
const PSR_VALID = 0xff1fffff;
/** Execution-state bits MSR cannot write to the CPSR: J, IT, T, IL (QEMU CPSR_EXEC). */
const PSR_EXEC = 0x0710fc20;
/** Bits writable from User mode: NZCVQ, GE, E (QEMU CPSR_USER). */
const PSR_USER = 0xf80f0200;

/** Byte mask from the MSR field mask: c = [7:0], x = [15:8], s = [23:16], f = [31:24]. */
export function msrByteMask(fields: number): number {
  return (((fields & 1) ? 0xff : 0) | ((fields & 2) ? 0xff00 : 0) | ((fields & 4) ? 0xff0000 : 0) | ((fields & 8) ? 0xff000000 : 0)) >>> 0;
}

/**
 * Write CPSR bits under `mask` as an instruction does (MSR, CPS). An illegal mode change — into or
 * out of Hyp, to Monitor or to a reserved mode — is ignored and the other bits are still written
 * (QEMU bad_mode_switch; ARMv7 UNPREDICTABLE, B1.3.3).
 */
export function writeCpsrByInstr(cpu: Cpu, value: number, mask: number): void {
  const cur = cpu.getCPSR();
  if ((mask & PSR_M) !== 0 && ((value ^ cur) & PSR_M) !== 0) {
    const m = value & PSR_M;
    const info = modeInfo(m);
    const bad = cpu.mode === Mode.HYP || !info || m === Mode.MON || m === Mode.HYP;
    if (bad) mask &= ~PSR_M;
  }
  cpu.setCPSR(((cur & ~mask) | (value & mask)) >>> 0);
}

/** MRS Rd, CPSR|SPSR. SPSR in User mode is UNDEFINED (QEMU); in System mode it reads the unbanked slot. */
export function doMrs(cpu: Cpu, spsr: boolean, rd: number): void {
  if (spsr) {
    if (cpu.pl === 0) { takeUndefined(cpu); return; }
    cpu.r[rd] = cpu.spsr;
  } else {
    // The execution-state bits J, IT, T read as zero through MRS (B9.3.8; QEMU helper cpsr_read).
    cpu.r[rd] = (cpu.getCPSR() & ~PSR_EXEC) >>> 0;
  }
}

/** MSR CPSR|SPSR_<fields>, value (register or immediate already expanded). */
export function doMsr(cpu: Cpu, spsr: boolean, fields: number, value: number): void {
  let mask = msrByteMask(fields) & PSR_VALID;
  if (spsr) {
    if (cpu.pl === 0) { takeUndefined(cpu); return; }
    cpu.spsr = ((cpu.spsr & ~mask) | (value & mask)) >>> 0;
    return;
  }
  mask &= ~PSR_EXEC;
  if (cpu.pl === 0) mask &= PSR_USER;
  writeCpsrByInstr(cpu, value >>> 0, mask >>> 0);
}

/** Target of a banked MRS/MSR: mode and register (8-14, 16 = SPSR, 17 = ELR_hyp). */
interface Banked { mode: Mode; reg: number }
const BANKED_R0: (Banked | undefined)[] = new Array(32).fill(undefined);
const BANKED_R1: (Banked | undefined)[] = new Array(32).fill(undefined);
for (let i = 0; i <= 6; i++) BANKED_R0[i] = { mode: Mode.USR, reg: 8 + i };
for (let i = 8; i <= 14; i++) BANKED_R0[i] = { mode: Mode.FIQ, reg: i };
const pairs: [number, Mode][] = [[0x10, Mode.IRQ], [0x12, Mode.SVC], [0x14, Mode.ABT], [0x16, Mode.UND], [0x1c, Mode.MON]];
for (const [s, m] of pairs) { BANKED_R0[s] = { mode: m, reg: 14 }; BANKED_R0[s + 1] = { mode: m, reg: 13 }; }
BANKED_R0[0x1e] = { mode: Mode.HYP, reg: 17 };
BANKED_R0[0x1f] = { mode: Mode.HYP, reg: 13 };
for (const [s, m] of [[0x0e, Mode.FIQ], ...pairs, [0x1e, Mode.HYP]] as [number, Mode][]) BANKED_R1[s] = { mode: m, reg: 16 };

/** Name of a banked register as objdump prints it (e.g. "R8_usr", "SPSR_svc", "ELR_hyp"). */
export function bankedName(r: number, sysm: number): string | undefined {
  const b = (r ? BANKED_R1 : BANKED_R0)[sysm & 31];
  if (!b) return undefined;
  const m = modeInfo(b.mode)?.name ?? '?';
  if (b.reg === 16) return `SPSR_${m}`;
  if (b.reg === 17) return 'ELR_hyp';
  if (b.reg === 13) return `SP_${m}`;
  if (b.reg === 14) return `LR_${m}`;
  return `R${b.reg}_${m}`;
}

/**
 * The UNDEFINED cases of banked access, as QEMU 7.2 implements BankedRegisterAccessValid /
 * SPSRAccessValid (msr_banked_access_decode + msr_mrs_banked_exc_checks): User mode, Rd/Rn = PC,
 * unallocated SYSm, Monitor registers (no EL3), Hyp registers other than ELR_hyp (Monitor only),
 * ELR_hyp below Hyp, the current mode's own registers, R8-R12_usr outside FIQ, SP_usr from
 * System, LR_usr from Hyp/System.
 */
function bankedTarget(cpu: Cpu, r: number, sysm: number, rn: number): Banked | undefined {
  const b = (r ? BANKED_R1 : BANKED_R0)[sysm & 31];
  if (cpu.pl === 0 || rn === 15 || !b || b.mode === Mode.MON) return undefined;
  if (b.mode === Mode.HYP && (cpu.pl < 2 || b.reg !== 17)) return undefined;
  if (b.reg === 17) return b;
  const cur = cpu.mode;
  if (cur === b.mode) return undefined;
  if (b.mode === Mode.USR) {
    if (b.reg <= 12 && cur !== Mode.FIQ) return undefined;
    if (b.reg === 13 && cur === Mode.SYS) return undefined;
    if (b.reg === 14 && (cur === Mode.HYP || cur === Mode.SYS)) return undefined;
  }
  return b;
}

/** MRS Rd, <banked_reg> (B9.3.9). */
export function doMrsBanked(cpu: Cpu, r: number, sysm: number, rd: number): void {
  const b = bankedTarget(cpu, r, sysm, rd);
  if (!b) { takeUndefined(cpu); return; }
  let v: number;
  if (b.reg === 17) v = cpu.elrHyp;
  else if (b.reg === 16) v = cpu.spsrBank[modeInfo(b.mode)!.bank];
  else v = cpu.readBanked(b.reg, b.mode);
  cpu.r[rd] = v >>> 0;
}

/** MSR <banked_reg>, Rn (B9.3.10). */
export function doMsrBanked(cpu: Cpu, r: number, sysm: number, rn: number): void {
  const b = bankedTarget(cpu, r, sysm, rn);
  if (!b) { takeUndefined(cpu); return; }
  const v = cpu.r[rn] >>> 0;
  if (b.reg === 17) cpu.elrHyp = v;
  else if (b.reg === 16) cpu.spsrBank[modeInfo(b.mode)!.bank] = v;
  else cpu.writeBanked(b.reg, b.mode, v);
}

/**
 * CPS{IE,ID} <iflags>{, #mode} / CPS #mode (B9.3.2). A NOP in User mode; imod = 10 enables,
 * 11 disables; a mode change follows writeCpsrByInstr (ignored into/out of Hyp, QEMU).
 */
export function doCps(cpu: Cpu, imod: number, changeMode: boolean, a: boolean, i: boolean, f: boolean, mode: number): void {
  if (cpu.pl === 0) return;
  let mask = 0;
  let val = 0;
  if (imod & 2) {
    if (a) mask |= 1 << 8;
    if (i) mask |= 1 << 7;
    if (f) mask |= 1 << 6;
    if (imod & 1) val |= mask;
  }
  if (changeMode) { mask |= PSR_M; val |= mode & PSR_M; }
  if (mask) writeCpsrByInstr(cpu, val, mask);
}

/** SETEND BE|LE (A8.8.166): writes CPSR.E, allowed in every mode. */
export function doSetend(cpu: Cpu, bigEndian: boolean): void {
  const cpsr = cpu.getCPSR();
  cpu.setCPSR(bigEndian ? (cpsr | (1 << 9)) >>> 0 : (cpsr & ~(1 << 9)) >>> 0);
}

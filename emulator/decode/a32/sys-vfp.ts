// Floating-point / Advanced SIMD access control and the FP system registers (VMRS/VMSR), shared by
// A32 and T32. B1.14.? order: CPACR (PL1) → HCPTR (Hyp) → FPEXC.EN; B4.1.40 CPACR, B4.1.74 HCPTR, B6.1.

import type { Cpu } from '../../cpu/cpu';
import { Mode } from '../../cpu/psr';
import { enterHyp, takeHypTrap, takeUndefined } from '../../cpu/exceptions';
import { Exc } from '../../cpu/exception-kinds';
import { hcptrSyndrome, trapPolicy, vmrsTrapSyndrome } from '../../cpu/traps';
import { UnknownEncoding } from '../../cpu/interpreter';

export const enum VfpReg { FPSID = 0, FPSCR = 1, MVFR1 = 6, MVFR0 = 7, FPEXC = 8 }

/**
 * Writable FPSCR bits: NZCV, QC, AHP, DN, FZ, RMode, Stride, Len, IDC and IOC..IXC. The trap enables
 * (bits 15, 12:8) are RAZ/WI on the A15 and bit 19 is reserved. Verified on QEMU 7.2: writing
 * 0xffffffff reads back 0xfff7009f (test/guests/fp/ldst.c). Len/Stride are kept so that VFP data
 * processing can UNDEF while they are nonzero (A2.7.3, emulator/fp/common.ts).
 */
const FPSCR_MASK = 0xfff7009f;
/** FPEXC: only EN is writable (QEMU 7.2 keeps bit 30 only; EX/DEX etc. read as zero). Verified as above. */
const FPEXC_MASK = 0x40000000;

/**
 * Apply the checks that guard every FP/SIMD instruction (VFP data processing, loads/stores, VMOV,
 * VMRS/VMSR, Advanced SIMD). Returns false if an exception was taken.
 *  1. PL0/PL1: CPACR.cp10 = 00/10 (or 01 from PL0) → UNDEFINED to PL1 (Hyp via TGE) — QEMU reads cp10 only.
 *  2. HCPTR.TCP10/TCP11, and TASE for Advanced SIMD-only instructions (HCPTR, B1.14) → from PL0/PL1
 *     Hyp Trap EC 0x07 (syndrome: traps.ts hcptrSyndrome); in Hyp mode an Undefined Instruction taken
 *     to Hyp (vector 0x04) whose HSR is also EC 0x07 (verified on QEMU). QEMU 7.2 ignores TCP11 and
 *     TASE (`trapPolicy.followQemu` reproduces that).
 *  3. FPEXC.EN = 0 → UNDEFINED, unless `ignoreEn` (VMRS/VMSR of FPSID/FPEXC/MVFRx at PL1+).
 */
export function fpAccessOk(cpu: Cpu, simd: boolean, ignoreEn: boolean): boolean {
  const s = cpu.sys;
  if (cpu.pl < 2) {
    const cp10 = (s.cpacr >>> 20) & 3;
    if (cp10 === 0 || cp10 === 2 || (cp10 === 1 && cpu.pl === 0)) { takeUndefined(cpu); return false; }
  }
  let hcptrTrap = (s.hcptr & (1 << 10)) !== 0;
  if (!trapPolicy.followQemu) hcptrTrap = hcptrTrap || (s.hcptr & (1 << 11)) !== 0 || (simd && (s.hcptr & (1 << 15)) !== 0);
  if (hcptrTrap) {
    const syn = hcptrSyndrome(simd, cpu.insnLen === 4);
    if (cpu.mode === Mode.HYP) enterHyp(cpu, Exc.Undefined, cpu.pc, syn, 'undefined');
    else takeHypTrap(cpu, syn, 'hyp-trap');
    return false;
  }
  if (!ignoreEn && (s.fpexc & (1 << 30)) === 0) { takeUndefined(cpu); return false; }
  return true;
}

/**
 * An FP/SIMD encoding that emulator/fp/ does not implement (the implemented ones match more specific
 * patterns first): after the access checks the run stops with a precise "unknown encoding" rather
 * than silently doing nothing.
 */
export function fpInstruction(cpu: Cpu, insn: number, simd: boolean): void {
  if (!fpAccessOk(cpu, simd, false)) return;
  throw new UnknownEncoding(cpu.pc, insn >>> 0, cpu.thumb === 1);
}

/** VMRS Rt, <reg> (A8.8.348; B6.1.1). Rt = 15 with FPSCR is VMRS APSR_nzcv, FPSCR. */
export function doVmrs(cpu: Cpu, reg: number, rt: number): void {
  const s = cpu.sys;
  const idReg = reg === VfpReg.FPSID || reg === VfpReg.MVFR0 || reg === VfpReg.MVFR1;
  if (reg !== VfpReg.FPSCR) {
    // FPSID/MVFRx/FPEXC are PL1-only; anything else is not implemented on the A15; Rt = PC UNDEFs (QEMU).
    if (!(idReg || reg === VfpReg.FPEXC) || cpu.pl === 0 || rt === 15) { takeUndefined(cpu); return; }
  }
  if (!fpAccessOk(cpu, false, reg !== VfpReg.FPSCR)) return;
  if (idReg && cpu.pl === 1) {
    const bit = reg === VfpReg.FPSID ? 15 : 18; // HCR.TID0 / HCR.TID3
    if ((s.hcr >>> bit) & 1) { takeHypTrap(cpu, vmrsTrapSyndrome(reg, rt, cpu.insnLen === 4), 'hyp-trap'); return; }
  }
  let v: number;
  switch (reg) {
    case VfpReg.FPSID: v = s.fpsid; break;
    case VfpReg.FPSCR: v = s.fpscr; break;
    case VfpReg.MVFR0: v = s.mvfr0; break;
    case VfpReg.MVFR1: v = s.mvfr1; break;
    default: v = s.fpexc; break;
  }
  if (rt === 15) {
    cpu.n = v >>> 31; cpu.z = (v >>> 30) & 1; cpu.c = (v >>> 29) & 1; cpu.v = (v >>> 28) & 1;
  } else cpu.r[rt] = v >>> 0;
}

/** VMSR <reg>, Rt (A8.8.349). FPSID writes are ignored; MVFRx are read-only (UNDEFINED). */
export function doVmsr(cpu: Cpu, reg: number, rt: number): void {
  const s = cpu.sys;
  if (reg !== VfpReg.FPSCR) {
    if (!(reg === VfpReg.FPEXC || reg === VfpReg.FPSID) || cpu.pl === 0 || rt === 15) { takeUndefined(cpu); return; }
  } else if (rt === 15) { takeUndefined(cpu); return; }
  if (!fpAccessOk(cpu, false, reg !== VfpReg.FPSCR)) return;
  const v = cpu.r[rt] >>> 0;
  if (reg === VfpReg.FPSCR) s.fpscr = (v & FPSCR_MASK) >>> 0;
  else if (reg === VfpReg.FPEXC) s.fpexc = (v & FPEXC_MASK) >>> 0;
}

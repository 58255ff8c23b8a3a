// VFP data-processing instructions (cond 1110 .... 101x): arithmetic, multiply-accumulate, fused
// multiply-add, VABS/VNEG/VSQRT, VMOV immediate/register, VCMP{E}. A7.5 table A7-16, A8.8.

import type { Cpu } from '../cpu/cpu';
import type { InstrDef } from '../decode/instr';
import { condStr } from '../decode/a32/common';
import { fpAccessOk } from '../decode/a32/sys-vfp';
import { fpRegs } from './regs';
import { commitFpExc, fname, readF, shortVectorUndef, vd, vm, vn, writeF } from './common';
import { fpAdd, fpCompare, fpDiv, fpMul, fpMulAdd, fpSqrt } from './softfloat';

/** Checks for a short-vector-capable VFP instruction: Len/Stride first (QEMU order), then access. */
export function vfpGuard(cpu: Cpu): boolean {
  if (shortVectorUndef(cpu)) return false;
  return fpAccessOk(cpu, false, false);
}

const dpOf = (insn: number): boolean => ((insn >>> 8) & 1) === 1;
const sfx = (insn: number): string => (dpOf(insn) ? '.f64' : '.f32');
const nbits = (dp: boolean): number => (dp ? 64 : 32);

/** Sign flip on a raw pattern (FPNeg, A2.7.9: no NaN processing, no flags). */
function neg(v: bigint, dp: boolean): bigint { return v ^ (1n << BigInt(nbits(dp) - 1)); }

type Op3 = (d: bigint, n: bigint, m: bigint, dp: boolean, fpscr: number) => bigint;

/** A three-register VFP instruction `<mn><c>.F<sz> <Vd>, <Vn>, <Vm>`. */
function op3(name: string, pattern: string, mn: string, fn: Op3): InstrDef {
  return {
    name, pattern,
    exec(cpu, insn) {
      if (!vfpGuard(cpu)) return;
      const f = fpRegs(cpu);
      const dp = dpOf(insn);
      const d = vd(insn, dp);
      const r = fn(readF(f, dp, d), readF(f, dp, vn(insn, dp)), readF(f, dp, vm(insn, dp)), dp, cpu.sys.fpscr);
      writeF(f, dp, d, r);
      commitFpExc(cpu);
    },
    dis(insn) {
      const dp = dpOf(insn);
      return `${mn}${condStr(insn)}${sfx(insn)}\t${fname(dp, vd(insn, dp))}, ${fname(dp, vn(insn, dp))}, ${fname(dp, vm(insn, dp))}`;
    },
  };
}

/** A two-register VFP instruction `<mn><c>.F<sz> <Vd>, <Vm>`. */
function op2(name: string, pattern: string, mn: string, fn: (m: bigint, dp: boolean, fpscr: number) => bigint): InstrDef {
  return {
    name, pattern,
    exec(cpu, insn) {
      if (!vfpGuard(cpu)) return;
      const f = fpRegs(cpu);
      const dp = dpOf(insn);
      writeF(f, dp, vd(insn, dp), fn(readF(f, dp, vm(insn, dp)), dp, cpu.sys.fpscr));
      commitFpExc(cpu);
    },
    dis(insn) {
      const dp = dpOf(insn);
      return `${mn}${condStr(insn)}${sfx(insn)}\t${fname(dp, vd(insn, dp))}, ${fname(dp, vm(insn, dp))}`;
    },
  };
}

/** VFPExpandImm (A7.5.1): imm8 = a:b:cdefgh -> sign a, exponent NOT(b):b..b:cd, fraction efgh:0... */
export function vfpExpandImm(imm8: number, dp: boolean): bigint {
  const a = (imm8 >>> 7) & 1;
  const b = (imm8 >>> 6) & 1;
  const cd = (imm8 >>> 4) & 3;
  const efgh = imm8 & 15;
  if (!dp) return BigInt(((a << 31) | ((b ^ 1) << 30) | ((b ? 0x1f : 0) << 25) | (cd << 23) | (efgh << 19)) >>> 0);
  const hi = ((a << 31) | ((b ^ 1) << 30) | ((b ? 0xff : 0) << 22) | (cd << 20) | (efgh << 16)) >>> 0;
  return BigInt(hi) << 32n;
}

const P3 = (opc1: string, o: string): string => `cccc 1110 ${opc1} nnnn dddd 101s N${o}M0 mmmm`;

export const VFP_DP: readonly InstrDef[] = [
  // VMLA<c>.F32 <Sd>, <Sn>, <Sm> (A8.8.337): Vd + Vn*Vm with two roundings.
  op3('VMLA_fp', P3('0D00', '0'), 'vmla', (d, n, m, dp, s) => fpAdd(d, fpMul(n, m, nbits(dp), s), nbits(dp), s)),
  // VMLS<c>.F32 <Sd>, <Sn>, <Sm>: Vd + -(Vn*Vm).
  op3('VMLS_fp', P3('0D00', '1'), 'vmls', (d, n, m, dp, s) => fpAdd(d, neg(fpMul(n, m, nbits(dp), s), dp), nbits(dp), s)),
  // VNMLS<c>.F32 <Sd>, <Sn>, <Sm> (A8.8.343): -Vd + Vn*Vm.
  op3('VNMLS', P3('0D01', '0'), 'vnmls', (d, n, m, dp, s) => fpAdd(neg(d, dp), fpMul(n, m, nbits(dp), s), nbits(dp), s)),
  // VNMLA<c>.F32 <Sd>, <Sn>, <Sm>: -Vd + -(Vn*Vm).
  op3('VNMLA', P3('0D01', '1'), 'vnmla', (d, n, m, dp, s) => fpAdd(neg(d, dp), neg(fpMul(n, m, nbits(dp), s), dp), nbits(dp), s)),
  // VMUL<c>.F32 <Sd>, <Sn>, <Sm> (A8.8.351).
  op3('VMUL_fp', P3('0D10', '0'), 'vmul', (_d, n, m, dp, s) => fpMul(n, m, nbits(dp), s)),
  // VNMUL<c>.F32 <Sd>, <Sn>, <Sm>: -(Vn*Vm).
  op3('VNMUL', P3('0D10', '1'), 'vnmul', (_d, n, m, dp, s) => neg(fpMul(n, m, nbits(dp), s), dp)),
  // VADD<c>.F32 <Sd>, <Sn>, <Sm> (A8.8.283).
  op3('VADD_fp', P3('0D11', '0'), 'vadd', (_d, n, m, dp, s) => fpAdd(n, m, nbits(dp), s)),
  // VSUB<c>.F32 <Sd>, <Sn>, <Sm> (A8.8.415).
  op3('VSUB_fp', P3('0D11', '1'), 'vsub', (_d, n, m, dp, s) => fpAdd(n, m, nbits(dp), s, true)),
  // VDIV<c>.F32 <Sd>, <Sn>, <Sm> (A8.8.316).
  op3('VDIV', P3('1D00', '0'), 'vdiv', (_d, n, m, dp, s) => fpDiv(n, m, nbits(dp), s)),
  // VFNMS<c>.F32 <Sd>, <Sn>, <Sm> (A8.8.318): FPMulAdd(-Vd, Vn, Vm).
  op3('VFNMS', P3('1D01', '0'), 'vfnms', (d, n, m, dp, s) => fpMulAdd(neg(d, dp), n, m, nbits(dp), s)),
  // VFNMA<c>.F32 <Sd>, <Sn>, <Sm>: FPMulAdd(-Vd, -Vn, Vm).
  op3('VFNMA', P3('1D01', '1'), 'vfnma', (d, n, m, dp, s) => fpMulAdd(neg(d, dp), neg(n, dp), m, nbits(dp), s)),
  // VFMA<c>.F32 <Sd>, <Sn>, <Sm> (A8.8.317): FPMulAdd(Vd, Vn, Vm).
  op3('VFMA', P3('1D10', '0'), 'vfma', (d, n, m, dp, s) => fpMulAdd(d, n, m, nbits(dp), s)),
  // VFMS<c>.F32 <Sd>, <Sn>, <Sm>: FPMulAdd(Vd, -Vn, Vm).
  op3('VFMS', P3('1D10', '1'), 'vfms', (d, n, m, dp, s) => fpMulAdd(d, neg(n, dp), m, nbits(dp), s)),
  // VMOV<c>.F32 <Sd>, <Sm> (A8.8.340): a bit copy.
  op2('VMOV_reg_fp', 'cccc 1110 1D11 0000 dddd 101s 01M0 mmmm', 'vmov', (m) => m),
  // VABS<c>.F32 <Sd>, <Sm> (A8.8.280): clears the sign bit, no NaN processing.
  op2('VABS_fp', 'cccc 1110 1D11 0000 dddd 101s 11M0 mmmm', 'vabs', (m, dp) => m & ~(1n << BigInt(nbits(dp) - 1))),
  // VNEG<c>.F32 <Sd>, <Sm> (A8.8.355).
  op2('VNEG_fp', 'cccc 1110 1D11 0001 dddd 101s 01M0 mmmm', 'vneg', (m, dp) => neg(m, dp)),
  // VSQRT<c>.F32 <Sd>, <Sm> (A8.8.401).
  op2('VSQRT', 'cccc 1110 1D11 0001 dddd 101s 11M0 mmmm', 'vsqrt', (m, dp, s) => fpSqrt(m, nbits(dp), s)),
  {
    // VMOV<c>.F32 <Sd>, #<imm> (A8.8.339): objdump prints the raw imm8.
    name: 'VMOV_imm_fp', pattern: 'cccc 1110 1D11 hhhh dddd 101s 0000 llll',
    exec(cpu, insn) {
      if (!vfpGuard(cpu)) return;
      const dp = dpOf(insn);
      writeF(fpRegs(cpu), dp, vd(insn, dp), vfpExpandImm(((insn >>> 12) & 0xf0) | (insn & 15), dp));
    },
    dis(insn) {
      const dp = dpOf(insn);
      return `vmov${condStr(insn)}${sfx(insn)}\t${fname(dp, vd(insn, dp))}, #${((insn >>> 12) & 0xf0) | (insn & 15)}`;
    },
  },
  {
    // VCMP{E}<c>.F32 <Sd>, <Sm> (A8.8.304): FPSCR.NZCV = FPCompare; E raises Invalid for quiet NaNs too.
    name: 'VCMP', pattern: 'cccc 1110 1D11 0100 dddd 101s E1M0 mmmm',
    exec(cpu, insn) { vcmp(cpu, insn, false); },
    dis(insn) {
      const dp = dpOf(insn);
      return `vcmp${(insn >>> 7) & 1 ? 'e' : ''}${condStr(insn)}${sfx(insn)}\t${fname(dp, vd(insn, dp))}, ${fname(dp, vm(insn, dp))}`;
    },
  },
  {
    // VCMP{E}<c>.F32 <Sd>, #0.0
    name: 'VCMP_zero', pattern: 'cccc 1110 1D11 0101 dddd 101s E100 0000',
    exec(cpu, insn) { vcmp(cpu, insn, true); },
    dis(insn) {
      const dp = dpOf(insn);
      return `vcmp${(insn >>> 7) & 1 ? 'e' : ''}${condStr(insn)}${sfx(insn)}\t${fname(dp, vd(insn, dp))}, #0.0`;
    },
  },
];

function vcmp(cpu: Cpu, insn: number, withZero: boolean): void {
  if (!fpAccessOk(cpu, false, false)) return;
  const f = fpRegs(cpu);
  const dp = dpOf(insn);
  const s = cpu.sys.fpscr;
  const nzcv = fpCompare(readF(f, dp, vd(insn, dp)), withZero ? 0n : readF(f, dp, vm(insn, dp)), nbits(dp), ((insn >>> 7) & 1) === 1, s);
  cpu.sys.fpscr = ((s & 0x0fffffff) | (nzcv << 28)) >>> 0;
  commitFpExc(cpu);
}

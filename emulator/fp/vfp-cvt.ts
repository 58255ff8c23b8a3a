// VFP conversions: VCVT between single and double, float <-> integer (VCVT round-to-zero, VCVTR by
// FPSCR), float <-> fixed-point, and VCVTB/VCVTT half <-> single. A7.5, A8.8.305-A8.8.309.

import type { Cpu } from '../cpu/cpu';
import type { InstrDef } from '../decode/instr';
import { condStr } from '../decode/a32/common';
import { fpAccessOk } from '../decode/a32/sys-vfp';
import { fpRegs } from './regs';
import { commitFpExc, fname, readF, sIdx, vd, vm, writeF } from './common';
import { fixedToFp, fpConvert, fpToFixed } from './softfloat';

const dpOf = (insn: number): boolean => ((insn >>> 8) & 1) === 1;

/** None of these iterate as short vectors, so only the access checks apply (QEMU translate-vfp.c). */
const guard = (cpu: Cpu): boolean => fpAccessOk(cpu, false, false);

export const VFP_CVT: readonly InstrDef[] = [
  {
    // VCVT<c>.F64.F32 <Dd>, <Sm> / VCVT<c>.F32.F64 <Sd>, <Dm> (A8.8.309): sz names the source.
    name: 'VCVT_ds', pattern: 'cccc 1110 1D11 0111 dddd 101s 11M0 mmmm',
    exec(cpu, insn) {
      if (!guard(cpu)) return;
      const f = fpRegs(cpu);
      const src = dpOf(insn);
      const r = fpConvert(readF(f, src, vm(insn, src)), src ? 64 : 32, src ? 32 : 64, cpu.sys.fpscr);
      writeF(f, !src, vd(insn, !src), r);
      commitFpExc(cpu);
    },
    dis(insn) {
      const src = dpOf(insn);
      return `vcvt${condStr(insn)}.${src ? 'f32.f64' : 'f64.f32'}\t${fname(!src, vd(insn, !src))}, ${fname(src, vm(insn, src))}`;
    },
  },
  {
    // VCVT<c>.F32.<S|U>32 <Sd>, <Sm> (A8.8.306): integer in a single register, rounding by FPSCR.
    name: 'VCVT_from_int', pattern: 'cccc 1110 1D11 1000 dddd 101s o1M0 mmmm',
    exec(cpu, insn) {
      if (!guard(cpu)) return;
      const f = fpRegs(cpu);
      const dp = dpOf(insn);
      const unsigned = ((insn >>> 7) & 1) === 0;
      const r = fixedToFp(f.w[vm(insn, false)], 32, 0, unsigned, dp ? 64 : 32, cpu.sys.fpscr);
      writeF(f, dp, vd(insn, dp), r);
      commitFpExc(cpu);
    },
    dis(insn) {
      const dp = dpOf(insn);
      return `vcvt${condStr(insn)}.f${dp ? 64 : 32}.${(insn >>> 7) & 1 ? 's' : 'u'}32\t${fname(dp, vd(insn, dp))}, ${fname(false, vm(insn, false))}`;
    },
  },
  {
    // VCVT{R}<c>.<S|U>32.F32 <Sd>, <Sm> (A8.8.306): bit 7 set = round towards zero, clear = FPSCR mode.
    name: 'VCVT_to_int', pattern: 'cccc 1110 1D11 110U dddd 101s r1M0 mmmm',
    exec(cpu, insn) {
      if (!guard(cpu)) return;
      const f = fpRegs(cpu);
      const dp = dpOf(insn);
      const unsigned = ((insn >>> 16) & 1) === 0;
      const rz = ((insn >>> 7) & 1) === 1;
      f.w[vd(insn, false)] = fpToFixed(readF(f, dp, vm(insn, dp)), dp ? 64 : 32, 32, 0, unsigned, rz, cpu.sys.fpscr);
      commitFpExc(cpu);
    },
    dis(insn) {
      const dp = dpOf(insn);
      const r = (insn >>> 7) & 1 ? '' : 'r';
      return `vcvt${r}${condStr(insn)}.${(insn >>> 16) & 1 ? 's' : 'u'}32.f${dp ? 64 : 32}\t${fname(false, vd(insn, false))}, ${fname(dp, vm(insn, dp))}`;
    },
  },
  {
    // VCVT<c>.<S|U><16|32>.F32 <Sd>, <Sd>, #<fbits> and the reverse (A8.8.308). op (bit 18) = to fixed;
    // sx (bit 7) = 32-bit fixed; imm4:i = size - fbits. To fixed rounds towards zero; from fixed to nearest.
    name: 'VCVT_fixed', pattern: 'cccc 1110 1D11 1o1U dddd 101s x1i0 iiii',
    match: (insn) => ((insn >>> 7) & 1) === 1 || (((insn & 15) << 1) | ((insn >>> 5) & 1)) <= 16,
    exec(cpu, insn) {
      if (!guard(cpu)) return;
      const f = fpRegs(cpu);
      const dp = dpOf(insn);
      const d = vd(insn, dp);
      const size = (insn >>> 7) & 1 ? 32 : 16;
      const fbits = size - (((insn & 15) << 1) | ((insn >>> 5) & 1));
      const unsigned = ((insn >>> 16) & 1) === 1;
      if ((insn >>> 18) & 1) {
        const r = fpToFixed(readF(f, dp, d), dp ? 64 : 32, size, fbits, unsigned, true, cpu.sys.fpscr);
        // The M-bit result is sign- or zero-extended to the whole register.
        const ext = unsigned || size === 32 ? r : (((r << 16) >> 16) >>> 0);
        if (dp) f.setD(d, ext, !unsigned && (ext >>> 31) === 1 ? 0xffffffff : 0);
        else f.w[d] = ext;
      } else {
        const src = dp ? f.w[d * 2] : f.w[d];
        // FixedToFP with round_to_nearest = TRUE: FPSCR.RMode is ignored here (verified on QEMU).
        writeF(f, dp, d, fixedToFp(src, size, fbits, unsigned, dp ? 64 : 32, cpu.sys.fpscr & ~(3 << 22)));
      }
      commitFpExc(cpu);
    },
    dis(insn) {
      const dp = dpOf(insn);
      const d = fname(dp, vd(insn, dp));
      const size = (insn >>> 7) & 1 ? 32 : 16;
      const fbits = size - (((insn & 15) << 1) | ((insn >>> 5) & 1));
      const fx = `${(insn >>> 16) & 1 ? 'u' : 's'}${size}`;
      const fl = `f${dp ? 64 : 32}`;
      const types = (insn >>> 18) & 1 ? `${fx}.${fl}` : `${fl}.${fx}`;
      return `vcvt${condStr(insn)}.${types}\t${d}, ${d}, #${fbits}`;
    },
  },
  {
    // VCVT{B|T}<c>.F32.F16 <Sd>, <Sm> / .F16.F32 (A8.8.310): T selects the top half of the 16-bit side.
    // op (bit 16) = 1: single to half, written into one half of Sd, the other half preserved.
    name: 'VCVTBT', pattern: 'cccc 1110 1D11 001o dddd 1010 T1M0 mmmm',
    exec(cpu, insn) {
      if (!guard(cpu)) return;
      const f = fpRegs(cpu);
      const d = sIdx((insn >>> 12) & 15, (insn >>> 22) & 1);
      const m = sIdx(insn & 15, (insn >>> 5) & 1);
      const top = ((insn >>> 7) & 1) === 1;
      const s = cpu.sys.fpscr;
      if ((insn >>> 16) & 1) {
        const h = Number(fpConvert(BigInt(f.w[m]), 32, 16, s));
        f.w[d] = top ? ((f.w[d] & 0xffff) | (h << 16)) >>> 0 : ((f.w[d] & 0xffff0000) | h) >>> 0;
      } else {
        const h = top ? f.w[m] >>> 16 : f.w[m] & 0xffff;
        f.w[d] = Number(fpConvert(BigInt(h), 16, 32, s));
      }
      commitFpExc(cpu);
    },
    dis(insn) {
      const t = (insn >>> 7) & 1 ? 't' : 'b';
      const types = (insn >>> 16) & 1 ? 'f16.f32' : 'f32.f16';
      return `vcvt${t}${condStr(insn)}.${types}\t${fname(false, sIdx((insn >>> 12) & 15, (insn >>> 22) & 1))}, ${fname(false, sIdx(insn & 15, (insn >>> 5) & 1))}`;
    },
  },
];


// Moves between core and extension registers: VMOV Rt<->Sn, VMOV Rt,Rt2<->Sm,Sm1 / Dm, VMOV Rt<->Dn[x]
// (scalars) and VDUP from a core register. A7.8 table A7-19, A7.9 table A7-20, A8.8.341-A8.8.346, A8.8.325.

import type { Cpu } from '../cpu/cpu';
import type { InstrDef } from '../decode/instr';
import { condStr, reg } from '../decode/a32/common';
import { fpAccessOk } from '../decode/a32/sys-vfp';
import { fpRegs } from './regs';
import { dIdx, sIdx } from './common';

/** Scalar from opc1:opc2 as esize << 4 | index (0 = UNDEFINED form), A8.8.341/A8.8.342 decode. */
function scalarOf(insn: number): number {
  const opc1 = (insn >>> 21) & 3;
  const opc2 = (insn >>> 5) & 3;
  if (opc1 & 2) return (8 << 4) | ((opc1 & 1) << 2) | opc2;
  if (opc2 & 1) return (16 << 4) | ((opc1 & 1) << 1) | (opc2 >>> 1);
  if (opc2 === 0) return (32 << 4) | (opc1 & 1);
  return 0;
}
const esz = (sc: number): number => sc >>> 4;
const eix = (sc: number): number => sc & 15;

/** Scalar-move checks: VMOV.32 is a VFP instruction, the 8/16-bit forms are Advanced SIMD. */
const scalarSimd = (esize: number): boolean => esize !== 32;

function writeElem(cpu: Cpu, d: number, esize: number, index: number, v: number): void {
  const f = fpRegs(cpu);
  const off = d * 8 + index * (esize >>> 3);
  f.b[off] = v;
  if (esize >= 16) f.b[off + 1] = v >>> 8;
  if (esize === 32) { f.b[off + 2] = v >>> 16; f.b[off + 3] = v >>> 24; }
}

function readElem(cpu: Cpu, d: number, esize: number, index: number): number {
  const f = fpRegs(cpu);
  const off = d * 8 + index * (esize >>> 3);
  if (esize === 8) return f.b[off];
  if (esize === 16) return f.b[off] | (f.b[off + 1] << 8);
  return (f.b[off] | (f.b[off + 1] << 8) | (f.b[off + 2] << 16) | (f.b[off + 3] << 24)) >>> 0;
}

const sreg = (v4: number, x: number): string => `s${sIdx(v4, x)}`;
const dreg = (v4: number, x: number): string => `d${dIdx(v4, x)}`;

export const VFP_MOVE: readonly InstrDef[] = [
  {
    // VMOV<c> <Sn>, <Rt> / VMOV<c> <Rt>, <Sn> (A8.8.343): op (bit 20) = to core. Rt = PC UNPREDICTABLE.
    name: 'VMOV_core_s', pattern: 'cccc 1110 000o nnnn tttt 1010 N001 0000',
    match: (insn) => ((insn >>> 12) & 15) !== 15,
    exec(cpu, insn) {
      if (!fpAccessOk(cpu, false, false)) return;
      const f = fpRegs(cpu);
      const n = sIdx((insn >>> 16) & 15, (insn >>> 7) & 1);
      const t = (insn >>> 12) & 15;
      if ((insn >>> 20) & 1) cpu.r[t] = f.w[n];
      else f.w[n] = cpu.r[t];
    },
    dis(insn) {
      const s = sreg((insn >>> 16) & 15, (insn >>> 7) & 1);
      const t = reg((insn >>> 12) & 15);
      return (insn >>> 20) & 1 ? `vmov${condStr(insn)}\t${t}, ${s}` : `vmov${condStr(insn)}\t${s}, ${t}`;
    },
  },
  {
    // VMOV<c> <Sm>, <Sm1>, <Rt>, <Rt2> / VMOV<c> <Rt>, <Rt2>, <Sm>, <Sm1> (A8.8.346).
    name: 'VMOV_core2_ss', pattern: 'cccc 1100 010o uuuu tttt 1010 00M1 mmmm',
    match: (insn) => {
      const t = (insn >>> 12) & 15;
      const t2 = (insn >>> 16) & 15;
      return t !== 15 && t2 !== 15 && sIdx(insn & 15, (insn >>> 5) & 1) !== 31 && !(((insn >>> 20) & 1) && t === t2);
    },
    exec(cpu, insn) {
      if (!fpAccessOk(cpu, false, false)) return;
      const f = fpRegs(cpu);
      const m = sIdx(insn & 15, (insn >>> 5) & 1);
      const t = (insn >>> 12) & 15;
      const t2 = (insn >>> 16) & 15;
      if ((insn >>> 20) & 1) { cpu.r[t] = f.w[m]; cpu.r[t2] = f.w[m + 1]; } else { f.w[m] = cpu.r[t]; f.w[m + 1] = cpu.r[t2]; }
    },
    dis(insn) {
      const m = sIdx(insn & 15, (insn >>> 5) & 1);
      const rr = `${reg((insn >>> 12) & 15)}, ${reg((insn >>> 16) & 15)}`;
      const ss = `s${m}, s${m + 1}`;
      return `vmov${condStr(insn)}\t${(insn >>> 20) & 1 ? `${rr}, ${ss}` : `${ss}, ${rr}`}`;
    },
  },
  {
    // VMOV<c> <Dm>, <Rt>, <Rt2> / VMOV<c> <Rt>, <Rt2>, <Dm> (A8.8.345): Rt = low word.
    name: 'VMOV_core2_d', pattern: 'cccc 1100 010o uuuu tttt 1011 00M1 mmmm',
    match: (insn) => {
      const t = (insn >>> 12) & 15;
      const t2 = (insn >>> 16) & 15;
      return t !== 15 && t2 !== 15 && !(((insn >>> 20) & 1) && t === t2);
    },
    exec(cpu, insn) {
      if (!fpAccessOk(cpu, false, false)) return;
      const f = fpRegs(cpu);
      const m = dIdx(insn & 15, (insn >>> 5) & 1);
      const t = (insn >>> 12) & 15;
      const t2 = (insn >>> 16) & 15;
      if ((insn >>> 20) & 1) { cpu.r[t] = f.w[m * 2]; cpu.r[t2] = f.w[m * 2 + 1]; } else f.setD(m, cpu.r[t], cpu.r[t2]);
    },
    dis(insn) {
      const d = dreg(insn & 15, (insn >>> 5) & 1);
      const rr = `${reg((insn >>> 12) & 15)}, ${reg((insn >>> 16) & 15)}`;
      return `vmov${condStr(insn)}\t${(insn >>> 20) & 1 ? `${rr}, ${d}` : `${d}, ${rr}`}`;
    },
  },
  {
    // VMOV<c>.<size> <Dd[x]>, <Rt> (A8.8.341).
    name: 'VMOV_core_scalar', pattern: 'cccc 1110 0pp0 dddd tttt 1011 Dqq1 0000',
    match: (insn) => scalarOf(insn) !== 0 && ((insn >>> 12) & 15) !== 15,
    exec(cpu, insn) {
      const sc = scalarOf(insn);
      if (!fpAccessOk(cpu, scalarSimd(esz(sc)), false)) return;
      writeElem(cpu, dIdx((insn >>> 16) & 15, (insn >>> 7) & 1), esz(sc), eix(sc), cpu.r[(insn >>> 12) & 15]);
    },
    dis(insn) {
      const sc = scalarOf(insn);
      return `vmov${condStr(insn)}.${esz(sc)}\t${dreg((insn >>> 16) & 15, (insn >>> 7) & 1)}[${eix(sc)}], ${reg((insn >>> 12) & 15)}`;
    },
  },
  {
    // VMOV<c>.<dt> <Rt>, <Dn[x]> (A8.8.342): U = zero-extend for 8/16-bit elements; U with 32 UNDEFINED.
    name: 'VMOV_scalar_core', pattern: 'cccc 1110 Upp1 nnnn tttt 1011 Nqq1 0000',
    match: (insn) => {
      const sc = scalarOf(insn);
      return sc !== 0 && !(esz(sc) === 32 && ((insn >>> 23) & 1)) && ((insn >>> 12) & 15) !== 15;
    },
    exec(cpu, insn) {
      const sc = scalarOf(insn);
      if (!fpAccessOk(cpu, scalarSimd(esz(sc)), false)) return;
      let v = readElem(cpu, dIdx((insn >>> 16) & 15, (insn >>> 7) & 1), esz(sc), eix(sc));
      if (!((insn >>> 23) & 1) && esz(sc) !== 32) v = ((v << (32 - esz(sc))) >> (32 - esz(sc))) >>> 0;
      cpu.r[(insn >>> 12) & 15] = v;
    },
    dis(insn) {
      const sc = scalarOf(insn);
      const dt = esz(sc) === 32 ? '32' : `${(insn >>> 23) & 1 ? 'u' : 's'}${esz(sc)}`;
      return `vmov${condStr(insn)}.${dt}\t${reg((insn >>> 12) & 15)}, ${dreg((insn >>> 16) & 15, (insn >>> 7) & 1)}[${eix(sc)}]`;
    },
  },
  {
    // VDUP<c>.<size> <Qd|Dd>, <Rt> (A8.8.325): B:E = 00 32-bit, 01 16-bit, 10 8-bit.
    name: 'VDUP_core', pattern: 'cccc 1110 1BQ0 dddd tttt 1011 D0E1 0000',
    match: (insn) => {
      const be = (((insn >>> 22) & 1) << 1) | ((insn >>> 5) & 1);
      return be !== 3 && !(((insn >>> 21) & 1) && ((insn >>> 16) & 1)) && ((insn >>> 12) & 15) !== 15;
    },
    exec(cpu, insn) {
      const be = (((insn >>> 22) & 1) << 1) | ((insn >>> 5) & 1);
      const q = (insn >>> 21) & 1;
      if (!fpAccessOk(cpu, true, false)) return;
      const f = fpRegs(cpu);
      let v = cpu.r[(insn >>> 12) & 15];
      if (be === 2) v = (v & 0xff) * 0x01010101;
      else if (be === 1) v = (v & 0xffff) * 0x00010001;
      const d = dIdx((insn >>> 16) & 15, (insn >>> 7) & 1);
      for (let i = 0; i <= q; i++) f.setD(d + i, v >>> 0, v >>> 0);
    },
    dis(insn) {
      const be = (((insn >>> 22) & 1) << 1) | ((insn >>> 5) & 1);
      const d = dIdx((insn >>> 16) & 15, (insn >>> 7) & 1);
      const r = (insn >>> 21) & 1 ? `q${d >>> 1}` : `d${d}`;
      return `vdup${condStr(insn)}.${[32, 16, 8][be]}\t${r}, ${reg((insn >>> 12) & 15)}`;
    },
  },
];

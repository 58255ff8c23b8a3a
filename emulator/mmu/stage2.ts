// Stage-2 translation IPA -> PA for the Non-secure PL1&0 regime: VTCR/VTTBR, signed T0SZ, SL0,
// concatenated start tables, S2AP/HAP, MemAttr, XN, AF (B3.6.4 / B3.6.6 long-descriptor, B4.1.159 VTCR).

import { FaultType } from '../cpu/fault';
import { s2MemAttrToMair } from './attrs';
import { P_R0, P_R1, P_W0, P_W1, P_X0, P_X1 } from './types';
import { descAddr, pow2, type Walker } from './walker';

/** Stage-2 walk geometry from VTCR, or a reason it is invalid. */
export interface S2Geometry {
  /** IPA size in bits (32 - T0SZ, T0SZ signed). */
  inputBits: number;
  startLevel: number;
  /** Table base (VTTBR.BADDR aligned to the start table size). */
  base: number;
  /** Entries at the start level (more than 512 means concatenated tables). */
  entries: number;
  error?: string;
}

/**
 * VTCR.T0SZ is a signed 4-bit value; SL0 = 00 starts at level 2, 01 at level 1 (B4.1.159). The
 * start level must be able to resolve the input size with 1..13 index bits beyond the levels
 * below (QEMU check_s2_mmu_setup): level 1 needs 31..40 IPA bits, level 2 needs 22..34.
 */
export function s2Geometry(vtcr: number, vttbrLo: number, vttbrHi: number): S2Geometry {
  const t0sz = ((vtcr & 0xf) << 28) >> 28;
  const sl0 = (vtcr >>> 6) & 3;
  const inputBits = 32 - t0sz;
  const startLevel = 2 - sl0;
  const shift = startLevel === 1 ? 30 : 21;
  const idxBits = inputBits - shift;
  // Faults before any descriptor is read are reported at level 1, as QEMU 7.2 does for AArch32.
  if (sl0 > 1 || idxBits < 1 || idxBits > 13) {
    return { inputBits, startLevel: 1, base: 0, entries: 0, error: `VTCR SL0=${sl0} with T0SZ=${t0sz} is not a valid stage-2 start` };
  }
  const x = idxBits + 3; // start table size in bytes is 2^(idxBits + 3)
  const baseLo = x >= 32 ? 0 : (vttbrLo >>> x) * pow2(x);
  const base = (vttbrHi & 0xff) * 4294967296 + baseLo;
  return { inputBits, startLevel, base, entries: pow2(idxBits) };
}

/** Shift of the address bits a level resolves: level 1 -> 30, 2 -> 21, 3 -> 12. */
export const LEVEL_SHIFT = [39, 30, 21, 12];

/**
 * Translate `ipa` through stage 2 into w.s2 (without the access-permission check, which callers do
 * with the access kind). Returns false with w.fault set (stage 2) on a translation fault or an
 * external abort on the walk. AF = 0 sets s2.afFault.
 */
export function walkStage2(w: Walker, ipa: number): boolean {
  const sys = w.sys;
  const g = s2Geometry(sys.vtcr, sys.vttbrLo, sys.vttbrHi);
  const fail = (type: FaultType, level: number, reason: string): false => {
    w.fail(type, 2, level, reason);
    w.fault.ipa = ipa;
    return false;
  };
  if (g.error !== undefined) return fail(FaultType.Translation, 1, g.error);
  if (ipa >= pow2(g.inputBits)) return fail(FaultType.Translation, 1, `IPA beyond the ${g.inputBits}-bit stage-2 input range`);
  let level = g.startLevel;
  let table = g.base;
  let entries = g.entries;
  for (;;) {
    const shift = LEVEL_SHIFT[level];
    const index = Math.floor(ipa / pow2(shift)) % entries;
    const addr = table + index * 8;
    const step = w.step(2, level, table, addr);
    if (!w.readPhys(addr, 8, 2, level)) {
      w.fault.ipa = ipa;
      if (step) step.note = w.fault.reason;
      return false;
    }
    w.record(step);
    const lo = w.lo;
    const hi = w.hi;
    const type = lo & 3;
    if (type === 0 || type === 2 || (type === 1 && level === 3)) {
      if (step) step.fields = { type: 'invalid' };
      return fail(FaultType.Translation, level, `stage-2 level ${level} descriptor is invalid`);
    }
    if (type === 3 && level < 3) {
      const next = descAddr(lo, hi, 12);
      if (step) {
        step.fields = { type: 'table', nextTable: next };
        if (next === table) step.note = 'table points at itself';
      }
      table = next;
      entries = 512;
      level++;
      continue;
    }
    // Block (level 1/2) or page (level 3): MemAttr[5:2], HAP[7:6], SH[9:8], AF[10], XN[54].
    const s2 = w.s2;
    const memAttr = (lo >>> 2) & 0xf;
    const hap = (lo >>> 6) & 3;
    const xn = ((hi >>> 22) & 1) === 1;
    const r = hap & 1 ? P_R0 | P_R1 : 0;
    const wr = hap & 2 ? P_W0 | P_W1 : 0;
    // In AArch32 a stage-2 execute also needs stage-2 read permission (QEMU get_S2prot).
    const x = !xn && r ? P_X0 | P_X1 : 0;
    s2.perms = r | wr | x;
    s2.memAttr = memAttr;
    s2.attr = s2MemAttrToMair(memAttr);
    s2.sh = (lo >>> 8) & 3;
    s2.hap = hap;
    s2.xn = xn;
    s2.level = level;
    s2.afFault = ((lo >>> 10) & 1) === 0;
    s2.sizeLog2 = shift;
    s2.pa = descAddr(lo, hi, shift) + (ipa % pow2(shift));
    if (step) {
      step.fields = {
        type: level === 3 ? 'page' : 'block', outputAddress: descAddr(lo, hi, shift), MemAttr: memAttr,
        HAP: ['none', 'ro', 'wo', 'rw'][hap], SH: s2.sh, AF: !s2.afFault, XN: xn, contiguous: ((hi >>> 20) & 1) === 1,
      };
    }
    return true;
  }
}

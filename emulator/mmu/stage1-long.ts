// Stage 1 with long descriptors: PL1&0 (TTBCR.EAE = 1, TTBR0/TTBR1 by T0SZ/T1SZ, ASID) and the Hyp
// regime (HTCR/HTTBR/HMAIR, always LPAE). Levels 1-3, APTable/XNTable/PXNTable, AF, WXN (B3.6, B3.7).

import { FaultType } from '../cpu/fault';
import { AP_SIMPLE } from './stage1-short';
import { LEVEL_SHIFT } from './stage2';
import { P_R0, P_R1, P_W0, P_W1, P_X0, P_X1 } from './types';
import { descAddr, pow2, type Walker } from './walker';

/**
 * TTBR selection for the PL1&0 long-descriptor regime (B3.6.4). T1SZ = 0 gives TTBR1 everything
 * above TTBR0's range; otherwise TTBR1 covers the top 2^(32-T1SZ) bytes and the gap faults (QEMU
 * aa32_va_parameters). Returns 0 / 1, or -1 for the gap.
 */
export function selectTtbr(ttbcr: number, va: number): number {
  const t0sz = ttbcr & 7;
  const t1sz = (ttbcr >>> 16) & 7;
  if (t1sz === 0) return t0sz !== 0 && va > 0xffffffff >>> t0sz ? 1 : 0;
  if (va >= (~(0xffffffff >>> t1sz)) >>> 0) return 1;
  return va <= 0xffffffff >>> t0sz ? 0 : -1;
}

/**
 * Walk `va` with long descriptors into w.s1. `hyp` selects the Hyp regime (HTCR/HTTBR/HMAIR,
 * AP[1] and PXN ignored, no nG). Returns false with w.fault on translation faults and external
 * aborts; AF = 0 sets s1.afFault (checked before permissions, B3.12.3).
 */
export function walkLong(w: Walker, va: number, hyp: boolean): boolean {
  const sys = w.sys;
  let tsz: number;
  let baseLo: number;
  let baseHi: number;
  let ttbrName: string;
  if (hyp) {
    const htcr = sys.htcr;
    tsz = htcr & 7;
    if (tsz !== 0 && va > 0xffffffff >>> tsz) return w.fail(FaultType.Translation, 1, 1, `VA beyond the HTCR.T0SZ=${tsz} range`);
    baseLo = sys.httbrLo;
    baseHi = sys.httbrHi;
    ttbrName = 'HTTBR';
  } else {
    const ttbcr = sys.ttbcr;
    const sel = selectTtbr(ttbcr, va);
    if (sel < 0) return w.fail(FaultType.Translation, 1, 1, 'VA lies between the TTBR0 and TTBR1 ranges');
    if (sel === 0) {
      tsz = ttbcr & 7;
      if ((ttbcr >>> 7) & 1) return w.fail(FaultType.Translation, 1, 1, 'TTBCR.EPD0 = 1 disables walks through TTBR0');
      baseLo = sys.ttbr0Lo;
      baseHi = sys.ttbr0Hi;
      ttbrName = 'TTBR0';
    } else {
      tsz = (ttbcr >>> 16) & 7;
      if ((ttbcr >>> 23) & 1) return w.fail(FaultType.Translation, 1, 1, 'TTBCR.EPD1 = 1 disables walks through TTBR1');
      baseLo = sys.ttbr1Lo;
      baseHi = sys.ttbr1Hi;
      ttbrName = 'TTBR1';
    }
  }
  // Start level: TnSZ 0-1 -> level 1 (index VA[31-TnSZ:30]), 2-7 -> level 2 (VA[31-TnSZ:21]).
  let level = tsz <= 1 ? 1 : 2;
  const inputBits = 32 - tsz;
  const idxBits = inputBits - LEVEL_SHIFT[level];
  const x = idxBits + 3; // BADDR alignment: 5 - TnSZ or 14 - TnSZ (B4.1.155)
  let table = (baseHi & 0xff) * 4294967296 + ((baseLo >>> x) * pow2(x));
  let entries = pow2(idxBits);
  // Hierarchical attributes accumulated from table descriptors (B3.6.1): APTable, XNTable, PXNTable.
  let apTable = 0;
  let xnTable = 0;
  let pxnTable = 0;
  const s1 = w.s1;
  for (;;) {
    const shift = LEVEL_SHIFT[level];
    const index = Math.floor(va / pow2(shift)) % entries;
    const addr = table + index * 8;
    const step = w.step(1, level, table, addr);
    if (step && level === (tsz <= 1 ? 1 : 2)) step.fields = { ttbr: ttbrName };
    if (!w.readS1(addr, 8, level, step)) {
      if (step) step.note = w.fault.reason || (w.fault.s1ptw ? 'stage-2 fault on this table access' : undefined);
      return false;
    }
    w.record(step);
    const lo = w.lo;
    const hi = w.hi;
    const type = lo & 3;
    if (type === 0 || type === 2 || (type === 1 && level === 3)) {
      if (step) step.fields = { ...step.fields, type: 'invalid' };
      return w.fail(FaultType.Translation, 1, level, `level-${level} descriptor is invalid`);
    }
    if (type === 3 && level < 3) {
      const next = descAddr(lo, hi, 12);
      const apt = (hi >>> 29) & 3;
      const xnt = (hi >>> 28) & 1;
      const pxnt = (hi >>> 27) & 1;
      apTable |= apt;
      xnTable |= xnt;
      pxnTable |= pxnt;
      if (step) {
        step.fields = { ...step.fields, type: 'table', nextTable: next, APTable: apt, XNTable: xnt === 1, PXNTable: pxnt === 1, NSTable: (hi >>> 31) === 1 };
        if (next === table) step.note = 'table points at itself';
      }
      table = next;
      entries = 512;
      level++;
      continue;
    }
    // Block or page: AttrIndx[4:2], AP[7:6], SH[9:8], AF[10], nG[11], PXN[53], XN[54].
    const attrIndx = (lo >>> 2) & 7;
    let ap = (lo >>> 6) & 3;
    const af = (lo >>> 10) & 1;
    const ng = (lo >>> 11) & 1;
    const pxn = ((hi >>> 21) & 1) | pxnTable;
    const xn = ((hi >>> 22) & 1) | xnTable;
    // APTable[1] forces read-only (AP[2]); APTable[0] forces no PL0 access (clears AP[1]).
    if (apTable & 2) ap |= 2;
    if (apTable & 1) ap &= ~1;
    const mair = attrIndx < 4 ? (hyp ? sys.hmair0 : sys.prrr) : (hyp ? sys.hmair1 : sys.nmrr);
    s1.attr = (mair >>> ((attrIndx & 3) * 8)) & 0xff;
    s1.sh = (lo >>> 8) & 3;
    s1.level = level;
    s1.domain = 0;
    s1.domainFault = false;
    s1.afFault = af === 0;
    s1.xnBeforeAf = false;
    s1.supersection = false;
    s1.lpae = true;
    s1.sizeLog2 = shift;
    s1.oa = descAddr(lo, hi, shift) + (va % pow2(shift));
    if (hyp) {
      // PL2: AP[1] is ignored (no PL0 in this regime), so AP[2] alone gives RW or RO; PXN is
      // ignored; XN and HSCTLR.WXN apply (B3.7.1 and QEMU get_S1prot for EL2).
      s1.global = true;
      const wr = (ap & 2) === 0;
      const wxn = ((sys.hsctlr >>> 19) & 1) === 1;
      const exec = xn === 0 && !(wxn && wr);
      s1.perms = P_R1 | (wr ? P_W1 : 0) | (exec ? P_X1 : 0);
    } else {
      s1.global = ng === 0;
      const pr = AP_SIMPLE[ap];
      const sctlr = sys.sctlr;
      const wxn = ((sctlr >>> 19) & 1) === 1;
      const uwxn = ((sctlr >>> 20) & 1) === 1;
      const u = pr[0];
      const p = pr[1];
      // Execute needs read permission at that PL; PL1 also honours PXN and UWXN (PL0-writable => PXN).
      const x0 = xn === 0 && (u & 1) !== 0 && !(wxn && (u & 2) !== 0);
      const x1 = xn === 0 && pxn === 0 && (p & 1) !== 0 && !(uwxn && (u & 2) !== 0) && !(wxn && (p & 2) !== 0);
      s1.perms = (u & 1 ? P_R0 : 0) | (u & 2 ? P_W0 : 0) | (x0 ? P_X0 : 0) |
        (p & 1 ? P_R1 : 0) | (p & 2 ? P_W1 : 0) | (x1 ? P_X1 : 0);
    }
    if (step) {
      step.fields = {
        ...step.fields, type: level === 3 ? 'page' : 'block', outputAddress: descAddr(lo, hi, shift), AttrIndx: attrIndx,
        attr: s1.attr, AP: ap, SH: s1.sh, AF: af === 1, nG: ng === 1, PXN: pxn === 1, XN: xn === 1,
        contiguous: ((hi >>> 20) & 1) === 1,
      };
    }
    return true;
  }
}

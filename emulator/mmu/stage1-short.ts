// PL1&0 stage 1 with short descriptors (TTBCR.EAE = 0): TTBCR.N split, PD0/PD1, sections,
// supersections, page tables, large/small pages, domains, AP/APX, AFE, TEX remap, XN/PXN, nG (B3.5, B3.7).

import { FaultType } from '../cpu/fault';
import { remapAttr, texcbAttr } from './attrs';
import { P_R0, P_R1, P_W0, P_W1, P_X0, P_X1 } from './types';
import type { Walker } from './walker';

/** AP[2:0] with SCTLR.AFE = 0 (B3.7.1 Table B3-8): permission set for [PL0, PL1] as R/W bits. */
const AP_FULL: readonly (readonly [number, number])[] = [
  [0, 0], // 000 no access
  [0, 3], // 001 PL1 RW
  [1, 3], // 010 PL0 RO, PL1 RW
  [3, 3], // 011 full access
  [0, 0], // 100 reserved
  [0, 1], // 101 PL1 RO
  [1, 1], // 110 RO
  [1, 1], // 111 RO
];

/** AP[2:1] in the simplified model (AFE = 1) and in long descriptors (B3.7.1 Table B3-9). */
export const AP_SIMPLE: readonly (readonly [number, number])[] = [
  [0, 3], // 00 PL1 RW
  [3, 3], // 01 RW at both
  [0, 1], // 10 PL1 RO
  [1, 1], // 11 RO at both
];

/**
 * Walk `va` for the PL1&0 regime with short descriptors into w.s1. Returns false with w.fault set
 * on a translation fault or an external abort on the walk; domain and access-flag outcomes are
 * flags in w.s1 because their priority depends on the access (checked by the caller).
 */
export function walkShort(w: Walker, va: number): boolean {
  const sys = w.sys;
  const ttbcr = sys.ttbcr;
  const n = ttbcr & 7;
  // TTBR0 covers VA[31:32-N] == 0 (B3.5.4); TTBR1 the rest, and its table is always 16 KB.
  const useTtbr1 = n !== 0 && va >>> (32 - n) !== 0;
  if ((ttbcr >>> (useTtbr1 ? 5 : 4)) & 1) {
    return w.fail(FaultType.Translation, 1, 1, `TTBCR.PD${useTtbr1 ? 1 : 0} = 1 disables walks through TTBR${useTtbr1 ? 1 : 0}`);
  }
  let base: number;
  let index: number;
  if (useTtbr1) {
    base = (sys.ttbr1Lo & 0xffffc000) >>> 0;
    index = va >>> 20;
  } else {
    base = (sys.ttbr0Lo & (0xffffffff << (14 - n))) >>> 0;
    index = (va << n) >>> (20 + n);
  }
  const l1addr = (base + index * 4) >>> 0;
  const st1 = w.step(1, 1, base, l1addr);
  if (st1) st1.fields = { ttbr: useTtbr1 ? 'TTBR1' : 'TTBR0' };
  if (!w.readS1(l1addr, 4, 1, st1)) return noteFail(w, st1);
  w.record(st1);
  const d1 = w.lo;
  const s1 = w.s1;
  s1.lpae = false;
  s1.supersection = false;
  s1.afFault = false;
  s1.domainFault = false;
  s1.xnBeforeAf = false;
  const t1 = d1 & 3;
  if (t1 === 0) {
    if (st1) st1.fields = { ...st1.fields, type: 'fault' };
    w.fault.domain = 0;
    return w.fail(FaultType.Translation, 1, 1, 'level-1 descriptor is a fault entry');
  }
  let desc: number;
  let level: number;
  let domain: number;
  let pxn: number;
  let xn: number;
  let ap: number;
  let tex: number;
  let c: number;
  let b: number;
  let s: number;
  let ng: number;
  if (t1 === 1) {
    // Page table: PXN[2], Domain[8:5], base[31:10]; level 2 index VA[19:12].
    domain = (d1 >>> 5) & 0xf;
    pxn = (d1 >>> 2) & 1;
    const l2base = (d1 & 0xfffffc00) >>> 0;
    const l2addr = (l2base + ((va >>> 12) & 0xff) * 4) >>> 0;
    if (st1) st1.fields = { ...st1.fields, type: 'page-table', domain, PXN: pxn === 1, nextTable: l2base };
    // QEMU checks the domain right after the level-1 descriptor: a No-access domain gives a
    // level-2 Domain fault without fetching the level-2 descriptor (get_phys_addr_v6).
    const dp = (sys.dacr >>> (domain * 2)) & 3;
    if (dp === 0 || dp === 2) {
      s1.domainFault = true;
      s1.level = 2;
      s1.domain = domain;
      s1.perms = 0;
      s1.global = true;
      s1.oa = 0;
      return true;
    }
    const st2 = w.step(1, 2, l2base, l2addr);
    if (!w.readS1(l2addr, 4, 2, st2)) {
      w.fault.domain = domain;
      return noteFail(w, st2);
    }
    w.record(st2);
    desc = w.lo;
    level = 2;
    const t2 = desc & 3;
    if (t2 === 0) {
      if (st2) st2.fields = { type: 'fault' };
      w.fail(FaultType.Translation, 1, 2, 'level-2 descriptor is a fault entry');
      w.fault.domain = domain;
      return false;
    }
    b = (desc >>> 2) & 1;
    c = (desc >>> 3) & 1;
    ap = ((desc >>> 4) & 3) | (((desc >>> 9) & 1) << 2);
    s = (desc >>> 10) & 1;
    ng = (desc >>> 11) & 1;
    if (t2 === 1) {
      // Large page (64 KB): TEX[14:12], XN[15], PA[31:16].
      tex = (desc >>> 12) & 7;
      xn = (desc >>> 15) & 1;
      s1.sizeLog2 = 16;
      s1.oa = ((desc & 0xffff0000) | (va & 0xffff)) >>> 0;
    } else {
      // Small page (4 KB): XN[0], TEX[8:6], PA[31:12].
      tex = (desc >>> 6) & 7;
      xn = desc & 1;
      s1.sizeLog2 = 12;
      s1.oa = ((desc & 0xfffff000) | (va & 0xfff)) >>> 0;
    }
    if (st2) {
      st2.fields = {
        type: t2 === 1 ? 'large-page' : 'small-page', outputAddress: t2 === 1 ? (desc & 0xffff0000) >>> 0 : (desc & 0xfffff000) >>> 0,
        XN: xn === 1, B: b, C: c, AP: ap, TEX: tex, S: s, nG: ng === 1,
      };
    }
  } else {
    // Section or supersection: PXN[0], B[2], C[3], XN[4], Domain[8:5], AP[11:10], TEX[14:12],
    // AP[2]=[15], S[16], nG[17], bit 18 selects supersection.
    desc = d1;
    level = 1;
    pxn = d1 & 1;
    b = (d1 >>> 2) & 1;
    c = (d1 >>> 3) & 1;
    xn = (d1 >>> 4) & 1;
    ap = ((d1 >>> 10) & 3) | (((d1 >>> 15) & 1) << 2);
    tex = (d1 >>> 12) & 7;
    s = (d1 >>> 16) & 1;
    ng = (d1 >>> 17) & 1;
    if ((d1 >>> 18) & 1) {
      // Supersection (16 MB): PA[31:24], PA[35:32] = [23:20], PA[39:36] = [8:5]; domain 0.
      domain = 0;
      s1.supersection = true;
      s1.sizeLog2 = 24;
      const hi = ((d1 >>> 20) & 0xf) | (((d1 >>> 5) & 0xf) << 4);
      s1.oa = hi * 4294967296 + (((d1 & 0xff000000) | (va & 0xffffff)) >>> 0);
    } else {
      domain = (d1 >>> 5) & 0xf;
      s1.sizeLog2 = 20;
      s1.oa = ((d1 & 0xfff00000) | (va & 0xfffff)) >>> 0;
    }
    if (st1) {
      st1.fields = {
        ...st1.fields, type: s1.supersection ? 'supersection' : 'section', outputAddress: s1.oa - (va % (1 << s1.sizeLog2)),
        PXN: pxn === 1, XN: xn === 1, B: b, C: c, AP: ap, TEX: tex, S: s, nG: ng === 1, domain,
      };
    }
  }
  s1.level = level;
  s1.domain = domain;
  s1.global = ng === 0;
  // Memory attributes: TEX remap when SCTLR.TRE = 1 (B3.8.3).
  const sctlr = sys.sctlr;
  const a = (sctlr >>> 28) & 1 ? remapAttr(sys.prrr, sys.nmrr, tex & 1, c, b, s) : texcbAttr(tex, c, b, s);
  s1.attr = a & 0xff;
  s1.sh = a >>> 8;
  // Domains (B3.7.2): 00 No access and 10 (reserved) fault; 11 Manager skips every permission check
  // including XN (QEMU get_phys_addr_v6); 01 Client checks AP.
  const dacr = (sys.dacr >>> (domain * 2)) & 3;
  if (dacr === 0 || dacr === 2) {
    s1.domainFault = true;
    s1.perms = 0;
    return true;
  }
  if (dacr === 3) {
    s1.perms = P_R0 | P_W0 | P_X0 | P_R1 | P_W1 | P_X1;
    return true;
  }
  s1.xnBeforeAf = true;
  s1.xnMask = xn | ((xn | pxn) << 1);
  let pr: readonly [number, number];
  if ((sctlr >>> 29) & 1) {
    // AFE = 1: AP[0] is the Access flag, AP[2:1] the simplified permissions.
    if ((ap & 1) === 0) s1.afFault = true;
    pr = AP_SIMPLE[ap >>> 1];
  } else {
    pr = AP_FULL[ap];
  }
  s1.perms = rwx(pr[0], xn === 1, P_R0, P_W0, P_X0) | rwx(pr[1], xn === 1 || pxn === 1, P_R1, P_W1, P_X1);
  return true;
}

/** Permission bits for one PL: RW bits (1 read, 2 write); execute needs read and no XN (B3.7.3). */
function rwx(rw: number, xn: boolean, r: number, wbit: number, x: number): number {
  let p = 0;
  if (rw & 1) p |= r;
  if (rw & 2) p |= wbit;
  if (rw & 1 && !xn) p |= x;
  return p;
}

function noteFail(w: Walker, st: { note?: string } | undefined): false {
  if (st) st.note = w.fault.reason || (w.fault.s1ptw ? 'stage-2 fault on this table access' : undefined);
  return false;
}

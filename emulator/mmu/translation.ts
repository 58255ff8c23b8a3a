// One access through the whole regime: stage 1 (short or long, or off), then stage 2, with the
// fault priority of B3.12.3 (stage 1 domain/AF/permission before anything at stage 2).

import { FaultType } from '../cpu/fault';
import { combineAttr, combineSh } from './attrs';
import { walkStage2 } from './stage2';
import { walkShort } from './stage1-short';
import { walkLong } from './stage1-long';
import { P_ALL, permBit } from './types';
import type { Walker } from './walker';

const HCR_VM = 1 << 0;
const HCR_DC = 1 << 12;
const HCR_TGE = 1 << 27;

/** Combined outcome of a successful translation (kept on a reused object). */
export class Outcome {
  pa = 0;
  /** log2 of the largest aligned block around the address that maps linearly (TLB entry size). */
  sizeLog2 = 12;
  perms = 0;
  attr = 0;
  sh = 0;
  global = true;
  supersection = false;
  /** Stage-1 walk used long descriptors (PAR format, fault format). */
  lpae = false;
  /**
   * Attributes as a 64-bit PAR reports them. QEMU 7.2's short-descriptor walk (get_phys_addr_v6)
   * leaves its memory attributes zero (MAIR 0x00, non-shareable), so a 64-bit PAR from ATS1C* in
   * Hyp mode shows ATTR 0 / SH 0 and ATS12NSO* shows that combined with stage 2 (seen on QEMU:
   * test/guests/mmu/remap.c). `attr`/`sh` keep the architectural values for the debugger.
   */
  parAttr = 0;
  parSh = 0;
}

/** Stage-1 and stage-2 attributes combined (B3.8.6) into out.attr/sh (which hold stage 1). */
function combineInto(out: Outcome, s2attr: number, s2sh: number): void {
  out.attr = combineAttr(out.attr, s2attr);
  out.sh = combineSh(out.sh, s2sh);
  // Device and Normal Non-cacheable results are outer shareable (QEMU 7.2 combine_cacheattrs;
  // seen in ATS12NSOPR PAR.SH on QEMU: stage-1 NC + stage-2 inner-shareable WB gives SH = 10).
  if ((out.attr & 0xf0) === 0 || out.attr === 0x44) out.sh = 2;
  out.parAttr = combineAttr(out.parAttr, s2attr);
  out.parSh = combineSh(out.parSh, s2sh);
  if ((out.parAttr & 0xf0) === 0 || out.parAttr === 0x44) out.parSh = 2;
}

/** PL1&0 stage 1 is on: SCTLR.M, unless HCR.DC or HCR.TGE force it off (B4.1.65). */
export function s1Enabled(sctlr: number, hcr: number): boolean {
  return (sctlr & 1) !== 0 && (hcr & (HCR_DC | HCR_TGE)) === 0;
}

/** Stage 2 is on for PL1&0: HCR.VM, or HCR.DC which makes it behave as on (B4.1.65). */
export function s2Enabled(hcr: number): boolean {
  return (hcr & (HCR_VM | HCR_DC)) !== 0;
}

/**
 * Translate `va` for one access. `hyp` selects the PL2 regime; otherwise the PL1&0 regime at
 * privilege `pl` (0/1), with stage 2 applied to the output when `withS2` (false for ATS1C*, whose
 * stage-1 table accesses still go through stage 2). True with `out` filled, or false with w.fault.
 */
export function translateAccess(w: Walker, out: Outcome, va: number, acc: number, pl: number, hyp: boolean, withS2: boolean): boolean {
  const sys = w.sys;
  const hcr = sys.hcr;
  w.va = va;
  w.fault.s1ptw = false;
  w.fault.lpae = hyp || (sys.ttbcr >>> 31) === 1;
  const s1on = hyp ? (sys.hsctlr & 1) !== 0 : s1Enabled(sys.sctlr, hcr);
  w.s1ViaS2 = !hyp && s2Enabled(hcr);
  let oa: number;
  let size: number;
  let perms: number;
  let attr: number;
  let sh: number;
  out.global = true;
  out.supersection = false;
  out.lpae = w.fault.lpae;
  if (s1on) {
    const ok = hyp ? walkLong(w, va, true) : (sys.ttbcr >>> 31) === 1 ? walkLong(w, va, false) : walkShort(w, va);
    if (!ok) return false;
    const s1 = w.s1;
    const bit = permBit(acc, hyp ? 1 : pl);
    const fail = (type: FaultType, why: string): false => {
      w.fail(type, 1, s1.level, why);
      w.fault.domain = s1.domain;
      return false;
    };
    if (s1.domainFault) return fail(FaultType.Domain, `domain ${s1.domain} is No access in DACR`);
    if (s1.xnBeforeAf && acc === 2 && ((s1.xnMask >>> (pl === 0 ? 0 : 1)) & 1) !== 0) {
      return fail(FaultType.Permission, 'stage 1 does not permit execution');
    }
    if (s1.afFault) return fail(FaultType.AccessFlag, 'stage-1 access flag is 0');
    if ((s1.perms & bit) === 0) return fail(FaultType.Permission, `stage 1 does not permit ${['reading', 'writing', 'execution'][acc]} at PL${hyp ? 2 : pl}`);
    oa = s1.oa;
    size = s1.sizeLog2;
    perms = s1.perms;
    attr = s1.attr;
    sh = s1.sh;
    out.global = s1.global;
    out.supersection = s1.supersection;
    out.parAttr = s1.lpae ? attr : 0;
    out.parSh = s1.lpae ? sh : 0;
  } else {
    oa = va;
    size = 32;
    perms = P_ALL;
    // Stage 1 off (B3.2.1): data accesses Strongly-ordered, instruction fetches Normal; with HCR.DC
    // Normal Write-Back (values as QEMU's get_phys_addr_disabled reports them in PAR).
    if (!hyp && (hcr & HCR_DC) !== 0) { attr = 0xff; sh = 0; }
    else if (acc === 2) { attr = (hyp ? sys.hsctlr : sys.sctlr) & (1 << 12) ? 0xee : 0x44; sh = 2; }
    else { attr = 0x00; sh = 0; }
    out.parAttr = attr;
    out.parSh = sh;
  }
  if (withS2 && w.s1ViaS2) {
    w.s1ViaS2 = false;
    if (!walkStage2(w, oa)) return false;
    const s2 = w.s2;
    const bit = permBit(acc, pl);
    if (s2.afFault) {
      w.fail(FaultType.AccessFlag, 2, s2.level, 'stage-2 access flag is 0');
      w.fault.ipa = oa;
      return false;
    }
    if ((s2.perms & bit) === 0) {
      w.fail(FaultType.Permission, 2, s2.level, `stage 2 (HAP=${s2.hap}${s2.xn ? ', XN' : ''}) does not permit ${['reading', 'writing', 'execution'][acc]}`);
      w.fault.ipa = oa;
      return false;
    }
    perms &= s2.perms;
    out.attr = attr;
    out.sh = sh;
    combineInto(out, s2.attr, s2.sh);
    attr = out.attr;
    sh = out.sh;
    if (s2.sizeLog2 < size) size = s2.sizeLog2;
    oa = s2.pa;
  }
  out.pa = oa;
  out.sizeLog2 = size;
  out.perms = perms;
  out.attr = attr;
  out.sh = sh;
  return true;
}

// The VMSA MMU of the core: PL1&0 stage 1 (short and long descriptors), Hyp stage 1, stage 2,
// the tagged TLB, TLB maintenance and the ATS operations (B3 "Virtual Memory System Architecture").

import type { Cpu } from '../cpu/cpu';
import { Access, type AccessPL } from '../cpu/access';
import type { SysRegState } from '../sysregs/state';
import type { AtsOp, Mmu, TlbiOp } from './api';
import { faultToAbort, parFault, parSuccess } from './par';
import { Tlb, TlbEntry } from './tlb';
import { Outcome, s1Enabled, s2Enabled, translateAccess } from './translation';
import { permBit } from './types';
import { Walker } from './walker';

/** The CPU's soft TLB caches 4 KB pages; our entries can be larger, theirs never. */
export class VmsaMmu implements Mmu {
  private readonly sys: SysRegState;
  /** Walker and outcome reused by every CPU-side translation (no allocation but the TLB entry). */
  private readonly walker: Walker;
  private readonly out = new Outcome();
  readonly tlb = new Tlb();
  /** Control-register snapshot; a change drops our TLB (see tlb.ts for why). */
  private readonly sig = new Uint32Array(13);
  /** Counters for benchmarks and the debugger. */
  walks = 0;
  tlbHits = 0;

  constructor(private readonly cpu: Cpu) {
    this.sys = cpu.sys;
    this.walker = new Walker(cpu);
  }

  translate(va: number, acc: Access, pl: AccessPL): number {
    const sys = this.sys;
    this.checkControls();
    if (pl === 2) {
      if ((sys.hsctlr & 1) === 0) return va;
      const e = this.tlb.lookupHyp(va);
      if (e !== undefined && (e.perms & permBit(acc, 1)) !== 0) {
        this.tlbHits++;
        return e.paBase + (va - e.vaBase);
      }
      return this.walk(va, acc, 2, true);
    }
    const hcr = sys.hcr;
    const s1 = s1Enabled(sys.sctlr, hcr);
    if (!s1 && !s2Enabled(hcr)) return va;
    const e = this.tlb.lookupPl10(va, sys.vmid, s1 ? this.currentAsid() : -1);
    if (e !== undefined && (e.perms & permBit(acc, pl)) !== 0) {
      this.tlbHits++;
      return e.paBase + (va - e.vaBase);
    }
    return this.walk(va, acc, pl, false);
  }

  /** Miss (or permission miss: the fresh walk gives the precise fault, B3.12.3). */
  private walk(va: number, acc: Access, pl: AccessPL, hyp: boolean): number {
    const w = this.walker;
    const out = this.out;
    this.walks++;
    if (!translateAccess(w, out, va, acc, pl, hyp, true)) {
      throw faultToAbort(w.fault, va, acc === Access.Write, acc === Access.Fetch);
    }
    const size = out.sizeLog2 > 30 ? 30 : out.sizeLog2;
    const span = 2 ** size;
    const vaBase = va - (va % span);
    const paBase = out.pa - (out.pa % span);
    const asid = out.global ? -1 : this.currentAsid();
    this.tlb.insert(va, new TlbEntry(vaBase, size, paBase, out.perms, out.attr, hyp, hyp ? 0 : this.sys.vmid, asid));
    return out.pa;
  }

  /** ASID of the PL1&0 regime: CONTEXTIDR[7:0], or TTBR0/TTBR1[55:48] by TTBCR.A1 with LPAE (B3.6.4). */
  currentAsid(): number {
    const sys = this.sys;
    if ((sys.ttbcr >>> 31) === 0) return sys.contextidr & 0xff;
    return (((sys.ttbcr >>> 22) & 1 ? sys.ttbr1Hi : sys.ttbr0Hi) >>> 16) & 0xff;
  }

  /** Drop our TLB when a register that changes the meaning of descriptors changed. */
  private checkControls(): void {
    const s = this.sys;
    const g = this.sig;
    const sctlr = s.sctlr & 0x30180001; // M, WXN, UWXN, TRE, AFE
    const hcr = s.hcr & 0x08001005; // VM, PTW, DC, TGE
    const hsctlr = s.hsctlr & 0x00080001; // M, WXN
    if (g[0] === sctlr && g[1] === s.ttbcr >>> 0 && g[2] === hcr && g[3] === s.vtcr >>> 0 && g[4] === s.htcr >>> 0 &&
      g[5] === hsctlr && g[6] === s.dacr >>> 0 && g[7] === s.prrr >>> 0 && g[8] === s.nmrr >>> 0 &&
      g[9] === s.hmair0 >>> 0 && g[10] === s.hmair1 >>> 0 && g[12] === 1) return;
    g[0] = sctlr; g[1] = s.ttbcr; g[2] = hcr; g[3] = s.vtcr; g[4] = s.htcr; g[5] = hsctlr; g[6] = s.dacr;
    g[7] = s.prrr; g[8] = s.nmrr; g[9] = s.hmair0; g[10] = s.hmair1; g[12] = 1;
    this.tlb.clear();
  }

  translationRegsChanged(): void {
    this.checkControls();
    this.cpu.flushTlb();
  }

  /**
   * TLB maintenance (B3.18.7, B4.2.3). PL1 operations act on the VMID in VTTBR whether executed at
   * PL1 or in Hyp mode; instruction/data/unified and inner-shareable forms are the same here (one
   * core, unified model). TLBIALLNSNH: all VMIDs; TLBIALLH/TLBIMVAH: the Hyp regime.
   */
  tlbMaintenance(op: TlbiOp, arg: number): void {
    const t = this.tlb;
    const vmid = this.sys.vmid;
    const mva = (arg & 0xfffff000) >>> 0;
    switch (op) {
      case 'TLBIALL': case 'TLBIALLIS': case 'ITLBIALL': case 'DTLBIALL':
        t.invalidateVmid(vmid); break;
      case 'TLBIMVA': case 'TLBIMVAIS': case 'ITLBIMVA': case 'DTLBIMVA':
        t.invalidateMva(vmid, mva, arg & 0xff); break;
      case 'TLBIASID': case 'TLBIASIDIS': case 'ITLBIASID': case 'DTLBIASID':
        t.invalidateAsid(vmid, arg & 0xff); break;
      case 'TLBIMVAA': case 'TLBIMVAAIS':
        t.invalidateMvaAllAsid(vmid, mva); break;
      case 'TLBIALLH': case 'TLBIALLHIS':
        t.invalidateHyp(); break;
      case 'TLBIMVAH': case 'TLBIMVAHIS':
        t.invalidateHypMva(mva); break;
      case 'TLBIALLNSNH': case 'TLBIALLNSNHIS':
        t.invalidateAllNonHyp(); break;
    }
    this.cpu.flushTlb();
  }

  /**
   * ATS operations (B4.2.6). ATS1C*: stage 1 of PL1&0 (from PL1 or Hyp); ATS12NSO*: stages 1 and 2
   * (Hyp only; the register table makes them UNDEFINED at PL1); ATS1H*: Hyp stage 1. PAR format
   * (as QEMU 7.2 do_ats_write): 64-bit for ATS1H*, when TTBCR.EAE = 1, for ATS1C* executed in Hyp
   * mode, and for ATS12NSO* when HCR.VM or HCR.DC is 1. A stage-2 fault on the stage-1 walk of an
   * ATS1C* executed at PL1 is not reported in PAR but taken as a Data Abort to Hyp with S1PTW = 1,
   * CM = 1, WnR = 1 (B3.13.6; QEMU): this method throws that GuestAbort.
   */
  addressTranslate(op: AtsOp, va: number): void {
    const sys = this.sys;
    const write = op.endsWith('W');
    const acc = write ? Access.Write : Access.Read;
    const eae = (sys.ttbcr >>> 31) === 1;
    let hyp = false;
    let pl: AccessPL = 1;
    let withS2 = false;
    let format64: boolean;
    switch (op) {
      case 'ATS1HR': case 'ATS1HW':
        hyp = true; pl = 2; format64 = true; break;
      case 'ATS12NSOPR': case 'ATS12NSOPW': case 'ATS12NSOUR': case 'ATS12NSOUW':
        withS2 = true; pl = op.includes('U') ? 0 : 1; format64 = eae || s2Enabled(sys.hcr); break;
      default:
        pl = op === 'ATS1CUR' || op === 'ATS1CUW' ? 0 : 1; format64 = eae || this.cpu.pl === 2; break;
    }
    const w = new Walker(this.cpu);
    const out = new Outcome();
    let par;
    if (translateAccess(w, out, va >>> 0, acc, pl, hyp, withS2)) {
      par = parSuccess(out, format64);
    } else {
      if (w.fault.s1ptw && !withS2 && this.cpu.pl === 1) throw faultToAbort(w.fault, va, true, false, true);
      par = parFault(w.fault, format64);
    }
    sys.parLo = par.lo;
    sys.parHi = par.hi;
  }
}

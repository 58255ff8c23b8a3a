// The architectural TLB model: entries tagged by regime, VMID and (for nG) ASID, filled by walks and
// removed only by TLB maintenance (B3.10 "Translation Lookaside Buffers", B3.18.7 TLB operations).
//
// Stale entries: the architecture lets an entry survive until it is invalidated (B3.10.1), and
// hardware does keep them, so this model does too: a guest that edits a live table or changes TTBR
// without the right TLBI sees the old translation here as on a Cortex-A15. The model only drops
// entries early (a) when it is full (16384 entries: everything goes, which the architecture allows at
// any time) and (b) when a control register that changes how walks are interpreted changes (SCTLR,
// TTBCR, DACR, PRRR/NMRR/MAIR, HCR.VM/PTW/DC/TGE, VTCR, HTCR, HSCTLR) — QEMU flushes on those too.
// TTBR, CONTEXTIDR and VTTBR writes do not drop anything: entries are tagged by ASID and VMID.

/** One cached translation: a naturally aligned block of 2^sizeLog2 bytes. */
export class TlbEntry {
  constructor(
    readonly vaBase: number,
    readonly sizeLog2: number,
    readonly paBase: number,
    readonly perms: number,
    readonly attr: number,
    readonly hyp: boolean,
    readonly vmid: number,
    /** -1 for global entries. */
    readonly asid: number,
  ) {}

  covers(va: number): boolean {
    return va - this.vaBase >= 0 && va - this.vaBase < 2 ** this.sizeLog2;
  }
}

const CAPACITY = 16384;
const VPN_SPAN = 1 << 20;

/** Map key: kind (0 global PL1&0, 1 nG PL1&0, 2 Hyp), VMID, ASID and the 4 KB page number. */
function key(kind: number, vmid: number, asid: number, vpn: number): number {
  return ((kind * 256 + vmid) * 256 + asid) * VPN_SPAN + vpn;
}

export class Tlb {
  private readonly map = new Map<number, TlbEntry>();

  get size(): number {
    return this.map.size;
  }

  /** Entries for the debugger (no order guarantee). */
  entries(): IterableIterator<TlbEntry> {
    return this.map.values();
  }

  lookupPl10(va: number, vmid: number, asid: number): TlbEntry | undefined {
    const vpn = va >>> 12;
    return this.map.get(key(0, vmid, 0, vpn)) ?? (asid >= 0 ? this.map.get(key(1, vmid, asid, vpn)) : undefined);
  }

  lookupHyp(va: number): TlbEntry | undefined {
    return this.map.get(key(2, 0, 0, va >>> 12));
  }

  /** Cache a translation for the 4 KB page holding `va` (the entry remembers its whole block). */
  insert(va: number, e: TlbEntry): void {
    if (this.map.size >= CAPACITY) this.map.clear();
    const vpn = va >>> 12;
    const k = e.hyp ? key(2, 0, 0, vpn) : e.asid < 0 ? key(0, e.vmid, 0, vpn) : key(1, e.vmid, e.asid, vpn);
    this.map.set(k, e);
  }

  clear(): void {
    this.map.clear();
  }

  /** Remove every entry the predicate selects. */
  private drop(pred: (e: TlbEntry) => boolean): void {
    for (const [k, e] of this.map) if (pred(e)) this.map.delete(k);
  }

  /** TLBIALL: all PL1&0 entries of one VMID. */
  invalidateVmid(vmid: number): void {
    this.drop((e) => !e.hyp && e.vmid === vmid);
  }

  /** TLBIMVA: entries of `vmid` covering `va` that are global or belong to `asid`. */
  invalidateMva(vmid: number, va: number, asid: number): void {
    this.drop((e) => !e.hyp && e.vmid === vmid && (e.asid < 0 || e.asid === asid) && e.covers(va));
  }

  /** TLBIMVAA: entries of `vmid` covering `va`, any ASID. */
  invalidateMvaAllAsid(vmid: number, va: number): void {
    this.drop((e) => !e.hyp && e.vmid === vmid && e.covers(va));
  }

  /** TLBIASID: non-global entries of `vmid` with `asid`. */
  invalidateAsid(vmid: number, asid: number): void {
    this.drop((e) => !e.hyp && e.vmid === vmid && e.asid === asid);
  }

  /** TLBIALLNSNH: every Non-secure non-Hyp entry, all VMIDs. */
  invalidateAllNonHyp(): void {
    this.drop((e) => !e.hyp);
  }

  /** TLBIALLH. */
  invalidateHyp(): void {
    this.drop((e) => e.hyp);
  }

  /** TLBIMVAH. */
  invalidateHypMva(va: number): void {
    this.drop((e) => e.hyp && e.covers(va));
  }
}

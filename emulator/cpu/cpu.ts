// The ARMv7-A core's architectural state: banked register file, CPSR, and data/instruction memory
// access through a soft TLB. B1.3 (modes, registers, PSRs), B1.3.2 (banked registers), A2.3 (PC).

import { Bank, BANK_COUNT, Mode, modeInfo, PSR_IT_MASK, PSR_T, PSR_M, psrItState, itStateToPsrBits } from './psr';
import { Access, type AccessPL } from './access';
import { FaultType, GuestAbort } from './fault';
import { Bus, BusError } from '../memory/bus';
import { SysRegState } from '../sysregs/state';
import { FpRegs } from '../fp/regs';
import type { Mmu } from '../mmu/api';
import type { ExceptionRecord } from './exception-kinds';

/** The MMU as the CPU sees it: translate one virtual address or throw a GuestAbort. */
export interface Translator {
  translate(va: number, acc: Access, pl: AccessPL): number;
}

const TLB_BITS = 10;
const TLB_SIZE = 1 << TLB_BITS;
const TLB_MASK = TLB_SIZE - 1;
/** CPSR bits kept verbatim in `ctl`: J, E, A, I, F and M (the rest live in dedicated fields). */
const CTL_MASK = (1 << 24) | (1 << 9) | (1 << 8) | (1 << 7) | (1 << 6) | PSR_M;

export class Cpu {
  /** Registers as visible in the current mode. r[15] reads as the architectural PC (insn + 8/4). */
  readonly r = new Uint32Array(16);
  /** R8-R12 of every mode but FIQ, while FIQ is current (otherwise live in r). */
  readonly usrHi = new Uint32Array(5);
  /** R8_fiq-R12_fiq while FIQ is not current. */
  readonly fiqHi = new Uint32Array(5);
  /** SP and LR per bank, valid for banks that are not current. Hyp has SP but shares LR_usr. */
  readonly spBank = new Uint32Array(BANK_COUNT);
  readonly lrBank = new Uint32Array(BANK_COUNT);
  readonly spsrBank = new Uint32Array(BANK_COUNT);
  elrHyp = 0;

  // CPSR split into fields for speed (B1.3.3). Flags are 0/1.
  n = 0;
  z = 0;
  c = 0;
  v = 0;
  q = 0;
  ge = 0;
  /** ITSTATE (8 bits). */
  it = 0;
  thumb = 0;
  /** J E A I F M bits of the CPSR. */
  ctl: number = Mode.SVC | 0x1c0;
  mode: Mode = Mode.SVC;
  bank: Bank = Bank.SVC;
  pl: AccessPL = 1;

  /** Address of the instruction being executed. */
  pc = 0;
  /** Address of the next instruction; handlers that branch write it. */
  nextPc = 0;
  /** Length of the instruction being executed: 4 (A32, 32-bit T32) or 2 (16-bit T32). */
  insnLen = 4;
  /** Retired instruction count (virtual time base). */
  icount = 0;
  /** Set by anything that needs the run loop to stop and look (interrupt lines, debugger). */
  attention = false;

  /**
   * The Event Register (B1.8.13 "Wait For Event and Send Event"): set by SEV, consumed by WFE, which
   * then completes at once (and is not trapped by HCR.TWE, B1.14.9).
   */
  event = 0;

  /** Local exclusive monitor (A3.4.1): tagged physical address or -1 when open. */
  exclusiveAddr = -1;
  exclusiveSize = 0;

  readonly sys = new SysRegState();
  /** VFP/Advanced SIMD registers D0-D31 (emulator/fp/regs.ts). */
  readonly fp = new FpRegs();
  /** The MMU; set by the machine right after construction. */
  mmu!: Mmu;

  // Soft TLB: one direct-mapped array per access kind. tag = vpn + ctx * 2^20; host = RAM offset.
  private readonly tlbTagR = new Int32Array(TLB_SIZE).fill(-1);
  private readonly tlbTagW = new Int32Array(TLB_SIZE).fill(-1);
  private readonly tlbTagX = new Int32Array(TLB_SIZE).fill(-1);
  private readonly tlbHostR = new Int32Array(TLB_SIZE);
  private readonly tlbHostW = new Int32Array(TLB_SIZE);
  private readonly tlbHostX = new Int32Array(TLB_SIZE);
  /** Context tag for PL-dependent translation: (pl * 2 + bigEndian) << 20. */
  private ctxTag = 0;
  /** Pages for which writes must take the slow path (decoded code, watchpoints). */
  readonly writeWatch: Uint8Array;
  /** Pages for which reads must take the slow path (watchpoints). */
  readonly readWatch: Uint8Array;
  /** Called on a slow-path RAM write so decoded-instruction caches can be dropped. */
  onCodeWrite: (ramOffset: number) => void = () => {};
  /** Every exception entry and exception return is reported here (trace, debugger). */
  onException: ((rec: ExceptionRecord) => void) | undefined;
  /** Semihosting service, installed by the machine; undefined = semihosting disabled. */
  onSemihost: ((cpu: Cpu) => void) | undefined;
  /** WFI/WFE: the machine halts the core until an interrupt (or event) arrives. */
  onWait: ((cpu: Cpu, wfe: boolean) => void) | undefined;
  /** Called on slow-path accesses to watched pages (debugger watchpoints). */
  onWatch: ((va: number, pa: number, size: number, write: boolean) => void) | undefined;

  readonly ram: Uint8Array;
  readonly ram16: Uint16Array;
  readonly ram32: Uint32Array;

  constructor(readonly bus: Bus) {
    this.ram = bus.ram;
    this.ram16 = bus.ram16;
    this.ram32 = bus.ram32;
    const pages = bus.hostSize >>> 12; // RAM and flash pages (memory/bus.ts host layout)
    this.writeWatch = new Uint8Array(pages);
    this.readWatch = new Uint8Array(pages);
  }

  // ---------------------------------------------------------------- registers and modes

  /** Switch the visible register bank to `m` (B1.3.2). Does not touch the rest of the CPSR. */
  switchMode(m: Mode): void {
    const info = modeInfo(m);
    if (!info) throw new Error(`switchMode to reserved mode 0x${m.toString(16)}`);
    const old = this.bank;
    const nb = info.bank;
    if (nb !== old) {
      const r = this.r;
      this.spBank[old] = r[13];
      this.lrBank[old === Bank.HYP ? Bank.USR : old] = r[14];
      if ((old === Bank.FIQ) !== (nb === Bank.FIQ)) {
        if (old === Bank.FIQ) {
          for (let i = 0; i < 5; i++) { this.fiqHi[i] = r[8 + i]; r[8 + i] = this.usrHi[i]; }
        } else {
          for (let i = 0; i < 5; i++) { this.usrHi[i] = r[8 + i]; r[8 + i] = this.fiqHi[i]; }
        }
      }
      r[13] = this.spBank[nb];
      r[14] = this.lrBank[nb === Bank.HYP ? Bank.USR : nb];
      this.bank = nb;
    }
    this.mode = m;
    this.ctl = (this.ctl & ~PSR_M) | m;
    if (info.pl !== this.pl) {
      this.pl = info.pl;
      this.updateCtx();
    }
  }

  /** Read a register of any bank without switching (debugger, banked MRS). */
  readBanked(reg: number, m: Mode): number {
    const info = modeInfo(m);
    if (!info) throw new Error(`no such mode 0x${m.toString(16)}`);
    const b = info.bank;
    if (reg < 8 || reg === 15) return this.r[reg];
    if (reg < 13) {
      const wantFiq = b === Bank.FIQ;
      if (wantFiq === (this.bank === Bank.FIQ)) return this.r[reg];
      return wantFiq ? this.fiqHi[reg - 8] : this.usrHi[reg - 8];
    }
    if (reg === 13) return b === this.bank ? this.r[13] : this.spBank[b];
    const lb = b === Bank.HYP ? Bank.USR : b;
    const cur = this.bank === Bank.HYP ? Bank.USR : this.bank;
    return lb === cur ? this.r[14] : this.lrBank[lb];
  }

  writeBanked(reg: number, m: Mode, value: number): void {
    const info = modeInfo(m);
    if (!info) throw new Error(`no such mode 0x${m.toString(16)}`);
    const b = info.bank;
    value >>>= 0;
    if (reg < 8 || reg === 15) { this.r[reg] = value; return; }
    if (reg < 13) {
      const wantFiq = b === Bank.FIQ;
      if (wantFiq === (this.bank === Bank.FIQ)) this.r[reg] = value;
      else if (wantFiq) this.fiqHi[reg - 8] = value;
      else this.usrHi[reg - 8] = value;
      return;
    }
    if (reg === 13) {
      if (b === this.bank) this.r[13] = value;
      else this.spBank[b] = value;
      return;
    }
    const lb = b === Bank.HYP ? Bank.USR : b;
    const cur = this.bank === Bank.HYP ? Bank.USR : this.bank;
    if (lb === cur) this.r[14] = value;
    else this.lrBank[lb] = value;
  }

  getCPSR(): number {
    return (
      ((this.n << 31) | (this.z << 30) | (this.c << 29) | (this.v << 28) | (this.q << 27) |
        (this.ge << 16) | itStateToPsrBits(this.it) | (this.thumb << 5) | this.ctl) >>> 0
    );
  }

  /**
   * Write every CPSR field, switching mode if M changes. The caller has already decided that the
   * write is legal (MSR masking, exception return rules); a reserved mode is refused here.
   */
  setCPSR(v: number): void {
    this.n = (v >>> 31) & 1;
    this.z = (v >>> 30) & 1;
    this.c = (v >>> 29) & 1;
    this.v = (v >>> 28) & 1;
    this.q = (v >>> 27) & 1;
    this.ge = (v >>> 16) & 0xf;
    this.it = psrItState(v);
    this.thumb = (v & PSR_T) !== 0 ? 1 : 0;
    const m = (v & PSR_M) as Mode;
    const bigEndianBefore = this.ctl & (1 << 9);
    this.ctl = (v & CTL_MASK & ~PSR_M) | this.mode;
    if (m !== this.mode) this.switchMode(m);
    if ((this.ctl & (1 << 9)) !== bigEndianBefore) this.updateCtx();
    this.attention = true; // masks may have changed: re-check pending interrupts
  }

  get spsr(): number {
    return this.spsrBank[this.bank];
  }
  set spsr(v: number) {
    this.spsrBank[this.bank] = v >>> 0;
  }

  /** Mode has an SPSR (not User/System). */
  hasSpsr(): boolean {
    return this.bank !== Bank.USR;
  }

  setNZ(res: number): void {
    this.n = res >>> 31;
    this.z = res === 0 ? 1 : 0;
  }

  /** ConditionPassed() (A8.3) for a 4-bit condition. */
  condPassed(cond: number): boolean {
    let r: boolean;
    switch (cond >>> 1) {
      case 0: r = this.z === 1; break;
      case 1: r = this.c === 1; break;
      case 2: r = this.n === 1; break;
      case 3: r = this.v === 1; break;
      case 4: r = this.c === 1 && this.z === 0; break;
      case 5: r = this.n === this.v; break;
      case 6: r = this.n === this.v && this.z === 0; break;
      default: return true; // AL (1110); 1111 is handled by the decoder as unconditional
    }
    return (cond & 1) === 0 ? r : !r;
  }

  // ---------------------------------------------------------------- PC writes (A2.3.1)

  /** BranchWritePC: stay in the current instruction set. */
  branchTo(addr: number): void {
    this.nextPc = (this.thumb ? addr & ~1 : addr & ~3) >>> 0;
  }

  /** BXWritePC: interworking branch; bit 0 selects Thumb. */
  bxTo(addr: number): void {
    if (addr & 1) {
      this.thumb = 1;
      this.nextPc = (addr & ~1) >>> 0;
    } else {
      this.thumb = 0;
      // Bit 1 set in an ARM target is UNPREDICTABLE; QEMU clears it.
      this.nextPc = (addr & ~3) >>> 0;
    }
  }

  /** ALUWritePC: in ARM state an ALU result written to PC interworks (ARMv7, A2.3.1). */
  aluWritePC(addr: number): void {
    if (this.thumb) this.branchTo(addr);
    else this.bxTo(addr);
  }

  /** LoadWritePC: loads to PC interwork. */
  loadWritePC(addr: number): void {
    this.bxTo(addr);
  }

  /** Write a register from an ordinary data-processing result (PC goes through ALUWritePC). */
  setReg(d: number, value: number): void {
    if (d === 15) this.aluWritePC(value >>> 0);
    else this.r[d] = value;
  }

  // ---------------------------------------------------------------- memory

  /**
   * Bumped whenever a cached instruction-fetch translation may be stale (TLB flush, privilege or
   * endianness change, decoded page dropped); the run loop re-translates its current page then.
   */
  fetchGen = 0;

  private updateCtx(): void {
    this.fetchGen++;
    this.ctxTag = ((this.pl * 2 + ((this.ctl >>> 9) & 1)) << 20) >>> 0;
  }

  /** Drop every soft-TLB entry (translation registers or TLB maintenance changed). */
  flushTlb(): void {
    this.fetchGen++;
    this.tlbTagR.fill(-1);
    this.tlbTagW.fill(-1);
    this.tlbTagX.fill(-1);
  }

  /** Drop cached write permission for all pages (a page just became watched or holds code). */
  flushWriteTlb(): void {
    this.tlbTagW.fill(-1);
  }

  get bigEndian(): boolean {
    return (this.ctl & (1 << 9)) !== 0;
  }

  /** Strict alignment applies: SCTLR.A (PL0/1) or HSCTLR.A (Hyp), B3.12.3 / A3.2.1. */
  alignmentChecked(): boolean {
    return ((this.pl === 2 ? this.sys.hsctlr : this.sys.sctlr) & 2) !== 0;
  }

  alignmentFault(va: number, write: boolean): GuestAbort {
    const lpae = this.pl === 2 || (this.sys.ttbcr >>> 31) === 1;
    return new GuestAbort(FaultType.Alignment, 1, 0, va >>> 0, 0, write, false, false, 0, lpae);
  }

  /** Translate and, for RAM, cache the host offset. Returns the physical address. */
  private translateSlow(va: number, acc: Access, pl: AccessPL): number {
    const pa = this.mmu.translate(va >>> 0, acc, pl);
    if (pl !== this.pl) return pa; // unprivileged LDRT/STRT: do not cache under the PL1 tag
    // Big-endian data accesses need byte swapping, which only the slow path does: never cache
    // data translations while CPSR.E is set (fetches are always little-endian in ARMv7).
    if (acc !== Access.Fetch && (this.ctl & (1 << 9)) !== 0) return pa;
    const off = this.bus.ramOffset(pa);
    if (off >= 0) {
      const page = off >>> 12;
      const vpn = va >>> 12;
      const i = vpn & TLB_MASK;
      const tag = (vpn + this.ctxTag) | 0;
      const host = (off & ~0xfff) | 0;
      if (acc === Access.Read) {
        if (!this.readWatch[page]) { this.tlbTagR[i] = tag; this.tlbHostR[i] = host; }
      } else if (acc === Access.Write) {
        if (!this.writeWatch[page]) { this.tlbTagW[i] = tag; this.tlbHostW[i] = host; }
      } else {
        this.tlbTagX[i] = tag;
        this.tlbHostX[i] = host;
      }
    }
    return pa;
  }

  /** A physical access that hits nothing becomes a synchronous external abort (B3.13.1). */
  private busRead(va: number, pa: number, size: 1 | 2 | 4): number {
    try {
      return this.bus.read(pa, size);
    } catch (e) {
      if (e instanceof BusError) throw this.externalAbort(va, false);
      throw e;
    }
  }

  private busWrite(va: number, pa: number, size: 1 | 2 | 4, v: number): void {
    try {
      this.bus.write(pa, size, v);
    } catch (e) {
      if (e instanceof BusError) throw this.externalAbort(va, true);
      throw e;
    }
  }

  externalAbort(va: number, write: boolean): GuestAbort {
    const lpae = this.pl === 2 || (this.sys.ttbcr >>> 31) === 1;
    return new GuestAbort(FaultType.External, 1, 0, va >>> 0, 0, write, false, false, 0, lpae);
  }

  /** Physical read with endianness; bytes are assembled little-endian then swapped if CPSR.E. */
  private readPhys(va: number, pa: number, size: 1 | 2 | 4): number {
    const off = this.bus.ramOffset(pa);
    if (off >= 0 && this.readWatch[off >>> 12] && this.onWatch) this.onWatch(va, pa, size, false);
    let v = this.busRead(va, pa, size);
    if (this.bigEndian) v = swap(v, size);
    return v;
  }

  private writePhys(va: number, pa: number, size: 1 | 2 | 4, v: number): void {
    const off = this.bus.ramOffset(pa);
    if (this.bigEndian) v = swap(v, size);
    if (off >= 0) {
      const page = off >>> 12;
      if (this.writeWatch[page]) {
        if (this.onWatch) this.onWatch(va, pa, size, true);
        this.busWrite(va, pa, size, v);
        this.onCodeWrite(off);
        return;
      }
    }
    this.busWrite(va, pa, size, v);
  }

  /** Read of `size` bytes at `va` by the given privilege; handles unaligned by bytes. */
  readSlow(va: number, size: 1 | 2 | 4, pl: AccessPL, strictAlign: boolean): number {
    va >>>= 0;
    if (size > 1 && (va & (size - 1)) !== 0) {
      if (strictAlign || this.alignmentChecked()) throw this.alignmentFault(va, false);
      // Unaligned accesses are performed as byte accesses in order (A3.2.1).
      let v = 0;
      if (this.bigEndian) {
        for (let i = 0; i < size; i++) v = (v << 8) | this.readPhysByte(va + i, pl);
      } else {
        for (let i = size - 1; i >= 0; i--) v = (v << 8) | this.readPhysByte(va + i, pl);
      }
      return v >>> 0;
    }
    const pa = this.translateSlow(va, Access.Read, pl);
    return this.readPhys(va, pa, size);
  }

  private readPhysByte(va: number, pl: AccessPL): number {
    const a = va >>> 0;
    const pa = this.translateSlow(a, Access.Read, pl);
    return this.busRead(a, pa, 1);
  }

  writeSlow(va: number, size: 1 | 2 | 4, v: number, pl: AccessPL, strictAlign: boolean): void {
    va >>>= 0;
    if (size > 1 && (va & (size - 1)) !== 0) {
      if (strictAlign || this.alignmentChecked()) throw this.alignmentFault(va, true);
      // Translate every byte first so a fault leaves memory unchanged.
      const pas: number[] = [];
      for (let i = 0; i < size; i++) pas.push(this.translateSlow((va + i) >>> 0, Access.Write, pl));
      for (let i = 0; i < size; i++) {
        const shift = this.bigEndian ? (size - 1 - i) * 8 : i * 8;
        const b = (v >>> shift) & 0xff;
        const off = this.bus.ramOffset(pas[i]);
        this.busWrite(va + i, pas[i], 1, b);
        if (off >= 0 && this.writeWatch[off >>> 12]) {
          this.onWatch?.(va + i, pas[i], 1, true);
          this.onCodeWrite(off);
        }
      }
      return;
    }
    const pa = this.translateSlow(va, Access.Write, pl);
    this.writePhys(va, pa, size, v >>> 0);
  }

  // Fast paths: aligned RAM accesses through the soft TLB; everything else goes slow.

  read32(va: number): number {
    const vpn = va >>> 12;
    const i = vpn & TLB_MASK;
    if (this.tlbTagR[i] === ((vpn + this.ctxTag) | 0) && (va & 3) === 0) {
      return this.ram32[(this.tlbHostR[i] + (va & 0xfff)) >>> 2];
    }
    return this.readSlow(va, 4, this.pl, false);
  }

  read16(va: number): number {
    const vpn = va >>> 12;
    const i = vpn & TLB_MASK;
    if (this.tlbTagR[i] === ((vpn + this.ctxTag) | 0) && (va & 1) === 0) {
      return this.ram16[(this.tlbHostR[i] + (va & 0xfff)) >>> 1];
    }
    return this.readSlow(va, 2, this.pl, false);
  }

  read8(va: number): number {
    const vpn = va >>> 12;
    const i = vpn & TLB_MASK;
    if (this.tlbTagR[i] === ((vpn + this.ctxTag) | 0)) return this.ram[this.tlbHostR[i] + (va & 0xfff)];
    return this.readSlow(va, 1, this.pl, false);
  }

  write32(va: number, v: number): void {
    const vpn = va >>> 12;
    const i = vpn & TLB_MASK;
    if (this.tlbTagW[i] === ((vpn + this.ctxTag) | 0) && (va & 3) === 0) {
      this.ram32[(this.tlbHostW[i] + (va & 0xfff)) >>> 2] = v;
      return;
    }
    this.writeSlow(va, 4, v, this.pl, false);
  }

  write16(va: number, v: number): void {
    const vpn = va >>> 12;
    const i = vpn & TLB_MASK;
    if (this.tlbTagW[i] === ((vpn + this.ctxTag) | 0) && (va & 1) === 0) {
      this.ram16[(this.tlbHostW[i] + (va & 0xfff)) >>> 1] = v;
      return;
    }
    this.writeSlow(va, 2, v, this.pl, false);
  }

  write8(va: number, v: number): void {
    const vpn = va >>> 12;
    const i = vpn & TLB_MASK;
    if (this.tlbTagW[i] === ((vpn + this.ctxTag) | 0)) {
      this.ram[this.tlbHostW[i] + (va & 0xfff)] = v;
      return;
    }
    this.writeSlow(va, 1, v, this.pl, false);
  }

  /** Word access that requires alignment regardless of SCTLR.A (LDM/STM, LDRD, exclusives). */
  read32Aligned(va: number): number {
    if ((va & 3) !== 0) throw this.alignmentFault(va >>> 0, false);
    return this.read32(va);
  }

  write32Aligned(va: number, v: number): void {
    if ((va & 3) !== 0) throw this.alignmentFault(va >>> 0, true);
    this.write32(va, v);
  }

  /** Unprivileged accesses (LDRT/STRT family, B1.3.1): performed as if from PL0. */
  readUser(va: number, size: 1 | 2 | 4): number {
    return this.readSlow(va, size, this.pl === 2 ? 2 : 0, false);
  }

  writeUser(va: number, size: 1 | 2 | 4, v: number): void {
    this.writeSlow(va, size, v, this.pl === 2 ? 2 : 0, false);
  }

  /**
   * Instruction fetch translation: returns the RAM offset of the page holding `va`, or throws a
   * GuestAbort (prefetch abort) or a BusError-derived abort for fetches outside RAM.
   */
  fetchPageHost(va: number): number {
    const vpn = va >>> 12;
    const i = vpn & TLB_MASK;
    if (this.tlbTagX[i] === ((vpn + this.ctxTag) | 0)) return this.tlbHostX[i];
    const pa = this.translateSlow(va >>> 0, Access.Fetch, this.pl);
    const off = this.bus.ramOffset(pa);
    if (off < 0) {
      // Executing from MMIO or unassigned space: an external abort on the fetch.
      throw new GuestAbort(FaultType.External, 1, 0, va >>> 0, 0, false, true, false, 0,
        this.pl === 2 || (this.sys.ttbcr >>> 31) === 1);
    }
    return (off & ~0xfff) | 0;
  }

  /** The raw IT bits, for callers that need the CPSR image without building it. */
  get itBits(): number {
    return itStateToPsrBits(this.it) & PSR_IT_MASK;
  }
}

function swap(v: number, size: 1 | 2 | 4): number {
  if (size === 1) return v;
  if (size === 2) return ((v & 0xff) << 8) | ((v >>> 8) & 0xff);
  return (((v & 0xff) << 24) | ((v & 0xff00) << 8) | ((v >>> 8) & 0xff00) | (v >>> 24)) >>> 0;
}

// The physical address space: RAM and the virt board's two flash banks backed by one host buffer, and MMIO
// devices. Unassigned addresses answer with an external abort, as QEMU's virt board does.

import { PflashBank, PFLASH_BANK_SIZE } from '../board/pflash';

export interface MmioDevice {
  readonly name: string;
  /** Read `size` bytes (1, 2 or 4) at `offset` within the device window. */
  read(offset: number, size: 1 | 2 | 4): number;
  write(offset: number, size: 1 | 2 | 4, value: number): void;
  /** Side-effect-free read for the debugger; undefined when a read would have side effects. */
  peek?(offset: number, size: 1 | 2 | 4): number | undefined;
}

interface Window {
  readonly base: number;
  readonly size: number;
  readonly dev: MmioDevice;
}

/** Thrown (never returned) when a physical access hits nothing: an external abort. */
export class BusError {
  constructor(readonly pa: number, readonly write: boolean) {}
}

export interface BusOptions {
  /** Map two CFI flash banks of 64 MiB at PA 0 and 0x0400_0000 (QEMU virt's pflash0/pflash1). */
  readonly flash?: boolean;
}

/**
 * Host layout: `ram` (and its 16/32-bit views) holds RAM at offsets [0, ramSize) and, with flash, the two
 * flash banks at [ramSize, ramSize + 128 MiB). `ramOffset(pa)` maps both windows so the CPU's fast paths
 * (soft TLB, decode cache) treat flash in read-array mode like RAM; writes to flash always reach the
 * flash device (the machine marks flash pages in cpu.writeWatch), as on QEMU, where flash is a ROM device.
 */
export class Bus {
  readonly ram: Uint8Array;
  readonly ram16: Uint16Array;
  readonly ram32: Uint32Array;
  /** Bytes of the host buffer: RAM plus flash. */
  readonly hostSize: number;
  /** Size of the flash window at PA 0 (0 without flash). */
  readonly flashSize: number;
  /** The flash banks (empty without flash). */
  readonly flash: readonly PflashBank[];
  private readonly windows: Window[] = [];
  /** Bit i set: flash bank i answers reads from its array (storage), so the fast paths may read it. */
  private flashArrayMask = 0;
  /** Bumped whenever RAM contents change through a debugger write or a loader. */
  private onRamWrite: ((pa: number, len: number) => void) | undefined;
  /** Called when flash leaves or enters array mode: cached host translations of it are stale. */
  onMapChange: (() => void) | undefined;

  constructor(readonly ramBase: number, readonly ramSize: number, opts: BusOptions = {}) {
    if (ramSize % 4096 !== 0) throw new Error('RAM size must be a multiple of 4 KiB');
    this.flashSize = opts.flash ? 2 * PFLASH_BANK_SIZE : 0;
    this.hostSize = ramSize + this.flashSize;
    const buf = new ArrayBuffer(this.hostSize);
    this.ram = new Uint8Array(buf);
    this.ram16 = new Uint16Array(buf);
    this.ram32 = new Uint32Array(buf);
    const banks: PflashBank[] = [];
    for (let i = 0; i < this.flashSize / PFLASH_BANK_SIZE; i++) {
      const hostBase = ramSize + i * PFLASH_BANK_SIZE;
      const bit = 1 << i;
      const bank = new PflashBank(`pflash${i}`, {
        storage: this.ram.subarray(hostBase, hostBase + PFLASH_BANK_SIZE),
        setArrayMode: (on) => {
          const mask = on ? this.flashArrayMask | bit : this.flashArrayMask & ~bit;
          if (mask === this.flashArrayMask) return;
          this.flashArrayMask = mask;
          this.onMapChange?.();
        },
        contentChanged: (off, len) => this.onRamWrite?.(hostBase + off, len),
      });
      banks.push(bank);
      this.windows.push({ base: i * PFLASH_BANK_SIZE, size: PFLASH_BANK_SIZE, dev: bank });
    }
    this.flashArrayMask = (1 << banks.length) - 1;
    this.flash = banks;
  }

  setRamWriteObserver(fn: (pa: number, len: number) => void): void {
    this.onRamWrite = fn;
  }

  /** Host offset of flash PA `pa` (inside the flash window), whatever the bank's mode. */
  flashHostOffset(pa: number): number {
    return pa >= 0 && pa < this.flashSize ? this.ramSize + pa : -1;
  }

  /** Host pages that belong to flash (writes there must reach the flash device). */
  flashHostPages(): { first: number; count: number } {
    return { first: this.ramSize >>> 12, count: this.flashSize >>> 12 };
  }

  /** Flash banks back to read-array mode (board reset). Contents stay, as on QEMU's system reset. */
  resetFlash(): void {
    for (const b of this.flash) b.reset();
  }

  map(base: number, size: number, dev: MmioDevice): void {
    this.windows.push({ base, size, dev });
  }

  /** Host offset of `pa` in RAM, or in flash while its bank is in read-array mode; else -1. */
  ramOffset(pa: number): number {
    const off = pa - this.ramBase;
    if (off >= 0 && off < this.ramSize) return off;
    if (pa >= 0 && pa < this.flashSize && (this.flashArrayMask & (1 << Math.floor(pa / PFLASH_BANK_SIZE))) !== 0) {
      return this.ramSize + pa;
    }
    return -1;
  }

  private window(pa: number): Window | undefined {
    for (const w of this.windows) if (pa >= w.base && pa < w.base + w.size) return w;
    return undefined;
  }

  read(pa: number, size: 1 | 2 | 4): number {
    const off = pa - this.ramBase;
    if (off >= 0 && off + size <= this.ramSize) {
      const r = this.ram;
      if (size === 4) return (r[off] | (r[off + 1] << 8) | (r[off + 2] << 16) | (r[off + 3] << 24)) >>> 0;
      if (size === 2) return r[off] | (r[off + 1] << 8);
      return r[off];
    }
    const w = this.window(pa);
    if (!w) throw new BusError(pa, false);
    return w.dev.read(pa - w.base, size) >>> 0;
  }

  write(pa: number, size: 1 | 2 | 4, value: number): void {
    const off = pa - this.ramBase;
    if (off >= 0 && off + size <= this.ramSize) {
      const r = this.ram;
      r[off] = value;
      if (size >= 2) r[off + 1] = value >>> 8;
      if (size === 4) {
        r[off + 2] = value >>> 16;
        r[off + 3] = value >>> 24;
      }
      this.onRamWrite?.(off, size);
      return;
    }
    const w = this.window(pa);
    if (!w) throw new BusError(pa, true);
    w.dev.write(pa - w.base, size, value >>> 0);
  }

  /** Debugger read: no device side effects. Returns undefined for unreadable bytes. */
  peek(pa: number, size: 1 | 2 | 4): number | undefined {
    const off = pa - this.ramBase;
    if (off >= 0 && off + size <= this.ramSize) return this.read(pa, size);
    const w = this.window(pa);
    if (!w || !w.dev.peek) return undefined;
    return w.dev.peek(pa - w.base, size);
  }

  /** True when [pa, pa + len) lies inside RAM or inside the flash window. */
  loadable(pa: number, len: number): boolean {
    const off = pa - this.ramBase;
    if (off >= 0 && off + len <= this.ramSize) return true;
    return pa >= 0 && pa + len <= this.flashSize;
  }

  /**
   * Copy bytes into RAM or flash (loader, debugger), bypassing the flash command interface as QEMU's ROM
   * loader does. Throws a descriptive Error outside both.
   */
  loadBytes(pa: number, bytes: Uint8Array): void {
    if (!this.loadable(pa, bytes.length)) {
      const flash = this.flashSize ? ` or flash (0x0..0x${this.flashSize.toString(16)})` : '';
      throw new Error(
        `range 0x${pa.toString(16)}..0x${(pa + bytes.length).toString(16)} lies outside RAM ` +
          `(0x${this.ramBase.toString(16)}..0x${(this.ramBase + this.ramSize).toString(16)})${flash}`,
      );
    }
    const ramOff = pa - this.ramBase;
    const off = ramOff >= 0 && ramOff < this.ramSize ? ramOff : this.ramSize + pa;
    this.ram.set(bytes, off);
    this.onRamWrite?.(off, bytes.length);
  }

  deviceAt(pa: number): string | undefined {
    return this.window(pa)?.dev.name;
  }
}

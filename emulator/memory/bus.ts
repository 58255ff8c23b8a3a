// The physical address space: RAM regions backed by typed arrays and MMIO devices.
// Unassigned addresses answer with an external abort, as QEMU's virt board does.

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

export class Bus {
  readonly ram: Uint8Array;
  readonly ram16: Uint16Array;
  readonly ram32: Uint32Array;
  private readonly windows: Window[] = [];
  /** Bumped whenever RAM contents change through a debugger write or a loader. */
  private onRamWrite: ((pa: number, len: number) => void) | undefined;

  constructor(readonly ramBase: number, readonly ramSize: number) {
    if (ramSize % 4096 !== 0) throw new Error('RAM size must be a multiple of 4 KiB');
    const buf = new ArrayBuffer(ramSize);
    this.ram = new Uint8Array(buf);
    this.ram16 = new Uint16Array(buf);
    this.ram32 = new Uint32Array(buf);
  }

  setRamWriteObserver(fn: (pa: number, len: number) => void): void {
    this.onRamWrite = fn;
  }

  map(base: number, size: number, dev: MmioDevice): void {
    this.windows.push({ base, size, dev });
  }

  /** Offset of `pa` in RAM or -1. */
  ramOffset(pa: number): number {
    const off = pa - this.ramBase;
    return off >= 0 && off < this.ramSize ? off : -1;
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

  /** Copy bytes into RAM (loader, debugger). Throws a descriptive Error outside RAM. */
  loadBytes(pa: number, bytes: Uint8Array): void {
    const off = pa - this.ramBase;
    if (off < 0 || off + bytes.length > this.ramSize) {
      throw new Error(
        `range 0x${pa.toString(16)}..0x${(pa + bytes.length).toString(16)} lies outside RAM ` +
          `(0x${this.ramBase.toString(16)}..0x${(this.ramBase + this.ramSize).toString(16)})`,
      );
    }
    this.ram.set(bytes, off);
    this.onRamWrite?.(off, bytes.length);
  }

  deviceAt(pa: number): string | undefined {
    return this.window(pa)?.dev.name;
  }
}

// One CFI parallel-flash bank of QEMU's virt board (hw/block/pflash_cfi01.c, Intel/Sharp command set):
// 64 MiB, bank width 4, two x16 devices, 256 KiB sectors, manufacturer 0x89 / device 0x18, no image = zeros.
// Behaviour measured on QEMU 7.2 by test/guests/boot/flash.c (CFI spec JESD68.01, Intel "Basic Command Set").

import type { MmioDevice } from '../memory/bus';

export const PFLASH_BANK_SIZE = 0x0400_0000;
const SECTOR_SIZE = 0x4_0000;

/** CFI query table of one x16 device (indexes 0x10..0x3f; the rest reads 0), as QEMU 7.2 answers. */
const CFI_TABLE: ReadonlyMap<number, number> = new Map([
  [0x10, 0x51], [0x11, 0x52], [0x12, 0x59], // "QRY"
  [0x13, 0x01], [0x15, 0x31], // primary command set 0x0001 (Intel), extended table at 0x31
  [0x1b, 0x45], [0x1c, 0x55], // Vcc min/max
  [0x1f, 0x07], [0x20, 0x07], [0x21, 0x0a], [0x23, 0x04], [0x24, 0x04], [0x25, 0x04], // timeouts
  [0x27, 0x19], // device size 2^25 = 32 MiB per device
  [0x28, 0x02], [0x2a, 0x0b], // x8/x16 interface; 2 KiB write buffer
  [0x2c, 0x01], [0x2d, 0xff], [0x2e, 0x00], [0x2f, 0x00], [0x30, 0x02], // 256 blocks of 128 KiB per device
  [0x31, 0x50], [0x32, 0x52], [0x33, 0x49], [0x34, 0x31], [0x35, 0x30], // "PRI" 1.0
  [0x3f, 0x01],
]);

/** Replicate one device's 16-bit answer over both lanes of the 32-bit bank (x16 devices, bank width 4). */
const replicate = (v: number): number => ((v & 0xffff) | ((v & 0xffff) << 16)) >>> 0;

export interface PflashHost {
  /** The bank's storage (a window of the bus's host buffer, so array-mode reads and fetches are fast). */
  readonly storage: Uint8Array;
  /** Array (ROMD) mode on/off: while off, reads of the bank must come to read() (status, ID, CFI). */
  setArrayMode(on: boolean): void;
  /** Bytes at `offset` changed (program/erase): decoded-instruction caches must drop them. */
  contentChanged(offset: number, len: number): void;
}

/**
 * The command state machine of pflash_cfi01: `wcycle` counts the bus cycles of a multi-cycle command,
 * `cmd` is the command whose read mode is active (0x00 = read array), `status` the status register.
 */
export class PflashBank implements MmioDevice {
  private wcycle = 0;
  private cmd = 0;
  private status = 0x80;
  private counter = 0;

  constructor(readonly name: string, private readonly host: PflashHost) {}

  /** Power-on state: read-array mode, status "ready" (QEMU pflash_cfi01 reset). */
  reset(): void {
    this.wcycle = 0;
    this.cmd = 0;
    this.status = 0x80;
    this.counter = 0;
    this.host.setArrayMode(true);
  }

  get arrayMode(): boolean {
    return this.cmd === 0 && this.wcycle === 0;
  }

  read(offset: number, size: 1 | 2 | 4): number {
    switch (this.cmd) {
      case 0x00:
        return this.readArray(offset, size);
      case 0x10: case 0x20: case 0x28: case 0x40: case 0x50: case 0x60: case 0x70: case 0xe8:
        // Status register of each x16 device: a 32-bit read sees both lanes.
        return size === 4 ? replicate(this.status) : this.status;
      case 0x90:
        return this.narrow(this.deviceId(offset), size);
      case 0x98:
        return this.narrow(this.cfiQuery(offset), size);
      default:
        this.wcycle = 0;
        this.cmd = 0;
        return this.readArray(offset, size);
    }
  }

  peek(offset: number, size: 1 | 2 | 4): number {
    return this.cmd === 0 ? this.readArray(offset, size) : this.read(offset, size);
  }

  write(offset: number, size: 1 | 2 | 4, value: number): void {
    const cmd = value & 0xff;
    if (this.wcycle === 0) this.host.setArrayMode(false);
    switch (this.wcycle) {
      case 0:
        switch (cmd) {
          case 0x00: case 0xf0: case 0xff: // read array (0x00: QEMU's reset value; 0xf0: AMD probe)
            return this.readArrayMode();
          case 0x10: case 0x40: // single word program: the data follows in the next cycle
          case 0x60: // block lock/unlock: confirm follows
          case 0x98: // CFI query
            break;
          case 0x20: { // block erase: QEMU erases at once, before the confirm cycle
            const base = offset & ~(SECTOR_SIZE - 1);
            this.host.storage.fill(0xff, base, base + SECTOR_SIZE);
            this.host.contentChanged(base, SECTOR_SIZE);
            this.status |= 0x80;
            break;
          }
          case 0x50: // clear status register
            this.status = 0;
            return this.readArrayMode();
          case 0x70: // read status register: one cycle
          case 0x90: // read device identifier: one cycle
            this.cmd = cmd;
            return;
          case 0xe8: // write to buffer: the word count follows
            this.status |= 0x80;
            break;
          default:
            return this.readArrayMode(); // unimplemented sequence: QEMU logs it and returns to read array
        }
        this.wcycle++;
        this.cmd = cmd;
        return;
      case 1:
        switch (this.cmd) {
          case 0x10: case 0x40:
            this.store(offset, size, value);
            this.status |= 0x80;
            this.wcycle = 0; // the bank keeps answering the status register until read array
            return;
          case 0x20: case 0x28:
            if (cmd === 0xd0) {
              this.wcycle = 0;
              this.status |= 0x80;
              return;
            }
            return this.readArrayMode();
          case 0xe8:
            this.counter = value & 0xffff; // word count - 1, masked to the device width
            this.wcycle++;
            return;
          case 0x60:
            if (cmd === 0xd0 || cmd === 0x01) {
              this.wcycle = 0;
              this.status |= 0x80;
              return;
            }
            return this.readArrayMode();
          case 0x98:
            // Only read array leaves query mode; anything else is ignored (wcycle stays 1).
            if (cmd === 0xff) this.readArrayMode();
            return;
          default:
            return this.readArrayMode();
        }
      case 2:
        if (this.cmd !== 0xe8) return this.readArrayMode();
        this.store(offset, size, value);
        this.status |= 0x80;
        if (this.counter === 0) this.wcycle++;
        this.counter = (this.counter - 1) & 0xffff;
        return;
      case 3:
        if (this.cmd === 0xe8 && cmd === 0xd0) {
          this.wcycle = 0;
          this.status |= 0x80;
          return;
        }
        return this.readArrayMode();
      default:
        return this.readArrayMode();
    }
  }

  private readArrayMode(): void {
    this.wcycle = 0;
    this.cmd = 0;
    this.host.setArrayMode(true);
  }

  private readArray(offset: number, size: 1 | 2 | 4): number {
    const s = this.host.storage;
    if (size === 1) return s[offset];
    if (size === 2) return s[offset] | (s[offset + 1] << 8);
    return (s[offset] | (s[offset + 1] << 8) | (s[offset + 2] << 16) | (s[offset + 3] << 24)) >>> 0;
  }

  /** Programming writes the data as is (QEMU does not AND it with the old contents). */
  private store(offset: number, size: 1 | 2 | 4, value: number): void {
    const s = this.host.storage;
    for (let i = 0; i < size; i++) s[offset + i] = value >>> (8 * i);
    this.host.contentChanged(offset, size);
  }

  /** Device-ID addresses count in bank words: word 0 manufacturer, word 1 device, others 0. */
  private deviceId(offset: number): number {
    const index = (offset >>> 2) & 0xff;
    return index === 0 ? replicate(0x89) : index === 1 ? replicate(0x18) : 0;
  }

  private cfiQuery(offset: number): number {
    return replicate(CFI_TABLE.get(offset >>> 2) ?? 0);
  }

  /** QEMU computes a full bank word and the access width truncates it. */
  private narrow(v: number, size: 1 | 2 | 4): number {
    return size === 4 ? v : size === 2 ? v & 0xffff : v & 0xff;
  }
}

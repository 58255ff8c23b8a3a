// ARM PrimeCell UART (PL011) as QEMU's virt board exposes it at 0x0900_0000: data, flags,
// interrupt mask/status and the PrimeCell ID registers (PL011 TRM DDI 0183, chapter 3).

import type { MmioDevice } from '../memory/bus';

const FR_RXFE = 1 << 4;
const FR_TXFE = 1 << 7;
const INT_RX = 1 << 4;
const INT_TX = 1 << 5;

/** PrimeCell identification bytes at 0xFE0-0xFFC (PL011 r1p5, as QEMU reports). */
const ID_BYTES = [0x11, 0x10, 0x14, 0x00, 0x0d, 0xf0, 0x05, 0xb1];

export class Pl011 implements MmioDevice {
  readonly name = 'pl011';
  private readonly rx: number[] = [];
  private cr = 0x300;
  private lcr = 0;
  private ibrd = 0;
  private fbrd = 0;
  private ifls = 0x12;
  private imsc = 0;
  private ris = 0;
  private dmacr = 0;

  constructor(
    /** Receives every byte the guest transmits, in order. */
    private readonly onTx: (byte: number) => void,
    /** Called when the interrupt output (UARTINTR) may have changed; the board connects it. */
    public onIrq: (level: boolean) => void = () => {},
  ) {}

  /** Queue host input for the guest to read. */
  pushInput(bytes: Uint8Array | number[]): void {
    for (const b of bytes) this.rx.push(b & 0xff);
    this.ris |= INT_RX;
    this.update();
  }

  private update(): void {
    this.onIrq((this.ris & this.imsc) !== 0);
  }

  private flags(): number {
    // Transmission is instantaneous: TXFF and BUSY never set, TXFE always set (guests polling work).
    return (this.rx.length === 0 ? FR_RXFE : 0) | FR_TXFE;
  }

  read(offset: number, _size: 1 | 2 | 4): number {
    switch (offset & 0xffc) {
      case 0x000: {
        const b = this.rx.shift();
        if (this.rx.length === 0) this.ris &= ~INT_RX;
        this.update();
        return b ?? 0;
      }
      case 0x004: return 0; // RSR/ECR: no receive errors
      case 0x018: return this.flags();
      case 0x020: return 0; // ILPR
      case 0x024: return this.ibrd;
      case 0x028: return this.fbrd;
      case 0x02c: return this.lcr;
      case 0x030: return this.cr;
      case 0x034: return this.ifls;
      case 0x038: return this.imsc;
      case 0x03c: return this.ris;
      case 0x040: return this.ris & this.imsc;
      case 0x048: return this.dmacr;
      default:
        if (offset >= 0xfe0 && offset < 0x1000) return ID_BYTES[(offset - 0xfe0) >>> 2];
        return 0;
    }
  }

  peek(offset: number, size: 1 | 2 | 4): number | undefined {
    if ((offset & 0xffc) === 0) return undefined; // reading DR pops the FIFO
    return this.read(offset, size);
  }

  write(offset: number, _size: 1 | 2 | 4, value: number): void {
    switch (offset & 0xffc) {
      case 0x000: this.onTx(value & 0xff); this.ris |= INT_TX; this.update(); break;
      case 0x004: break;
      case 0x024: this.ibrd = value & 0xffff; break;
      case 0x028: this.fbrd = value & 0x3f; break;
      case 0x02c: this.lcr = value & 0xff; break;
      case 0x030: this.cr = value & 0xffff; break;
      case 0x034: this.ifls = value & 0x3f; break;
      case 0x038: this.imsc = value & 0x7ff; this.update(); break;
      case 0x044: this.ris &= ~value; this.update(); break;
      case 0x048: this.dmacr = value & 7; break;
      default: break;
    }
  }
}

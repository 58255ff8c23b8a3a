// ARM semihosting (ARM "Semihosting for AArch32 and AArch64", v2): the debug-host services a
// bare-metal guest reaches through HLT #0xF000 / SVC #0x123456 (A32) or HLT #0x3C / SVC #0xAB (T32).

import type { Cpu } from '../cpu/cpu';

export const enum SemiOp {
  OPEN = 0x01, CLOSE = 0x02, WRITEC = 0x03, WRITE0 = 0x04, WRITE = 0x05, READ = 0x06, READC = 0x07,
  ISERROR = 0x08, ISTTY = 0x09, SEEK = 0x0a, FLEN = 0x0c, CLOCK = 0x10, TIME = 0x11, ERRNO = 0x13,
  GET_CMDLINE = 0x15, HEAPINFO = 0x16, EXIT = 0x18, EXIT_EXTENDED = 0x20, ELAPSED = 0x30, TICKFREQ = 0x31,
}

/** ADP_Stopped_ApplicationExit: the reason code that means "normal exit" for SYS_EXIT. */
export const ADP_STOPPED_APPLICATION_EXIT = 0x20026;

export interface SemihostingHost {
  /**
   * Guest output: `console` for SYS_WRITEC/SYS_WRITE0, `stdout`/`stderr` for SYS_WRITE to ":tt"
   * opened for writing or appending (QEMU sends the console and stderr to its stderr).
   */
  write(bytes: Uint8Array, stream: 'console' | 'stdout' | 'stderr'): void;
  /** One byte of console input, or -1 when none is available. */
  readByte(): number;
  /** The guest asked to stop with this exit code. */
  exit(code: number): void;
  /** Virtual time in centiseconds since start (deterministic, from the instruction count). */
  centiseconds(): number;
  /** Virtual ticks and their frequency for SYS_ELAPSED/SYS_TICKFREQ. */
  ticks(): number;
  tickFrequency(): number;
  /** Command line returned by SYS_GET_CMDLINE. */
  readonly cmdline: string;
}

/** Handles to the console: semihosting ":tt" opens map to these. */
const TT_IN = 1;
const TT_OUT = 2;
const TT_ERR = 3;
/** The ":semihosting-features" pseudo-file (semihosting v2, 5.6.1). */
const FEATURES = 4;
/** Magic "SHFB", then feature byte 0: EXIT_EXTENDED (bit 0) and STDOUT_STDERR (bit 1), as QEMU. */
const FEATURE_BYTES = Uint8Array.of(0x53, 0x48, 0x46, 0x42, 0x03);

export class Semihosting {
  private errno = 0;
  /** Read position in the features file. */
  private featurePos = 0;
  constructor(private readonly host: SemihostingHost, private readonly ramTop: () => number, private readonly ramBase: number) {}

  private readCString(cpu: Cpu, addr: number, limit = 4096): string {
    let s = '';
    for (let i = 0; i < limit; i++) {
      const b = cpu.read8((addr + i) >>> 0);
      if (b === 0) break;
      s += String.fromCharCode(b);
    }
    return s;
  }

  private readBytes(cpu: Cpu, addr: number, len: number): Uint8Array {
    const out = new Uint8Array(len);
    for (let i = 0; i < len; i++) out[i] = cpu.read8((addr + i) >>> 0);
    return out;
  }

  /** Perform the call in r0 with parameter r1; the result goes to r0. */
  call(cpu: Cpu): void {
    const op = cpu.r[0];
    const arg = cpu.r[1];
    const word = (i: number): number => cpu.read32((arg + 4 * i) >>> 0);
    let result = 0;
    switch (op) {
      case SemiOp.WRITEC:
        this.host.write(Uint8Array.of(cpu.read8(arg)), 'console');
        return; // r0 is corrupted per spec; QEMU leaves it unchanged
      case SemiOp.WRITE0: {
        const bytes: number[] = [];
        for (let a = arg; ; a = (a + 1) >>> 0) {
          const b = cpu.read8(a);
          if (b === 0) break;
          bytes.push(b);
        }
        this.host.write(Uint8Array.from(bytes), 'console');
        return;
      }
      case SemiOp.WRITE: {
        const fd = word(0);
        const len = word(2);
        if (fd !== TT_OUT && fd !== TT_ERR) { this.errno = 9; result = len; break; }
        this.host.write(this.readBytes(cpu, word(1), len), fd === TT_ERR ? 'stderr' : 'stdout');
        result = 0; // bytes NOT written
        break;
      }
      case SemiOp.READ: {
        const fd = word(0);
        const buf = word(1);
        const len = word(2);
        if (fd === FEATURES) {
          let n = 0;
          while (n < len && this.featurePos < FEATURE_BYTES.length) cpu.write8((buf + n++) >>> 0, FEATURE_BYTES[this.featurePos++]);
          result = len - n;
          break;
        }
        if (fd !== TT_IN) { this.errno = 9; result = len; break; }
        let n = 0;
        while (n < len) {
          const b = this.host.readByte();
          if (b < 0) break;
          cpu.write8((buf + n) >>> 0, b);
          n++;
          if (b === 10) break;
        }
        result = len - n;
        break;
      }
      case SemiOp.READC: {
        const b = this.host.readByte();
        result = b < 0 ? 0xffffffff : b;
        break;
      }
      case SemiOp.OPEN: {
        const name = this.readCString(cpu, word(0), word(2) + 1);
        const mode = word(1);
        // ":tt" opened for reading is stdin, for writing stdout, for appending stderr (v2, 5.6.1).
        if (name === ':tt') result = mode < 4 ? TT_IN : mode < 8 ? TT_OUT : TT_ERR;
        else if (name === ':semihosting-features') {
          if (mode >= 4) { this.errno = 13; result = 0xffffffff; break; }
          this.featurePos = 0;
          result = FEATURES;
        }
        else { this.errno = 2; result = 0xffffffff; } // no host file system access
        break;
      }
      case SemiOp.CLOSE: result = 0; break;
      case SemiOp.ISTTY: result = word(0) === TT_IN || word(0) === TT_OUT || word(0) === TT_ERR ? 1 : 0; break;
      case SemiOp.ISERROR: result = (word(0) | 0) < 0 ? 1 : 0; break;
      case SemiOp.SEEK:
        if (word(0) === FEATURES) { this.featurePos = Math.min(word(1), FEATURE_BYTES.length); result = 0; break; }
        result = 0xffffffff; this.errno = 29; break;
      case SemiOp.FLEN:
        if (word(0) === FEATURES) { result = FEATURE_BYTES.length; break; }
        result = 0xffffffff; this.errno = 29; break;
      case SemiOp.CLOCK: result = this.host.centiseconds() >>> 0; break;
      case SemiOp.TIME: result = Math.floor(Date.now() / 1000) >>> 0; break;
      case SemiOp.ERRNO: result = this.errno; break;
      case SemiOp.GET_CMDLINE: {
        const buf = word(0);
        const size = word(1);
        const bytes = new TextEncoder().encode(this.host.cmdline);
        if (bytes.length + 1 > size) { result = 0xffffffff; break; }
        for (let i = 0; i < bytes.length; i++) cpu.write8((buf + i) >>> 0, bytes[i]);
        cpu.write8((buf + bytes.length) >>> 0, 0);
        cpu.write32((arg + 4) >>> 0, bytes.length);
        result = 0;
        break;
      }
      case SemiOp.HEAPINFO: {
        // Heap: the top half of RAM above the image; stack grows down from the RAM top.
        const block = word(0);
        const top = this.ramTop();
        const heapBase = (this.ramBase + ((top - this.ramBase) >>> 1)) >>> 0;
        cpu.write32(block, heapBase);
        cpu.write32((block + 4) >>> 0, (top - 0x100000) >>> 0);
        cpu.write32((block + 8) >>> 0, top >>> 0);
        cpu.write32((block + 12) >>> 0, (top - 0x100000) >>> 0);
        result = 0;
        break;
      }
      case SemiOp.EXIT: {
        // AArch32: r1 holds the reason itself; ApplicationExit means success (exit code 0).
        this.host.exit(arg === ADP_STOPPED_APPLICATION_EXIT ? 0 : 1);
        return;
      }
      case SemiOp.EXIT_EXTENDED: {
        const reason = word(0);
        const code = word(1);
        this.host.exit(reason === ADP_STOPPED_APPLICATION_EXIT ? code | 0 : 1);
        return;
      }
      case SemiOp.ELAPSED: {
        const t = this.host.ticks();
        cpu.write32(arg, t >>> 0);
        cpu.write32((arg + 4) >>> 0, Math.floor(t / 4294967296) >>> 0);
        result = 0;
        break;
      }
      case SemiOp.TICKFREQ: result = this.host.tickFrequency() >>> 0; break;
      default:
        this.errno = 88; // ENOSYS
        result = 0xffffffff;
        break;
    }
    cpu.r[0] = result >>> 0;
  }
}

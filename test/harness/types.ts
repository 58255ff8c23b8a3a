/**
 * Shared types of the differential harness: one guest run (under QEMU or
 * under hypscope) normalised into UART text, exit code and exception list.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** Mode names used in traces. `el0`/`el1`/`el2` when only the level is known. */
export type ModeName =
  | 'usr' | 'fiq' | 'irq' | 'svc' | 'mon' | 'abt' | 'hyp' | 'und' | 'sys'
  | 'el0' | 'el1' | 'el2' | 'el3' | '???';

export const MODE_BY_BITS: Readonly<Record<number, ModeName>> = {
  0x10: 'usr', 0x11: 'fiq', 0x12: 'irq', 0x13: 'svc', 0x16: 'mon',
  0x17: 'abt', 0x1a: 'hyp', 0x1b: 'und', 0x1f: 'sys',
};

export function modeFromPsr(psr: number): ModeName {
  return MODE_BY_BITS[psr & 0x1f] ?? '???';
}

/** Exception level of a mode name (`undefined` if unknown). */
export function elOfMode(m: string): number | undefined {
  switch (m) {
    case 'usr': case 'el0': return 0;
    case 'fiq': case 'irq': case 'svc': case 'abt': case 'und': case 'sys': case 'el1': return 1;
    case 'hyp': case 'el2': return 2;
    case 'mon': case 'el3': return 3;
    default: return undefined;
  }
}

/**
 * One exception entry. Field meanings follow the hypscope trace contract
 * (see test/guests/README.md, "Harness contract"):
 *  - kind: undefined | svc | prefetch-abort | data-abort | irq | fiq | hvc |
 *          smc | hyp-trap
 *  - from/to: mode names
 *  - pc: preferred return address ("0x%08x"): next instruction for
 *        SVC/HVC/SMC-to-PL1 and IRQ/FIQ, the instruction itself for
 *        UNDEF, aborts, BKPT and trapped instructions
 *  - vector: address of the vector taken ("0x%08x")
 *  - hsr: HSR as written on entry to Hyp ("0x%08x"), only when to === 'hyp'
 */
export interface ExceptionEvent {
  kind: string;
  from: string;
  to: string;
  pc?: string;
  vector?: string;
  hsr?: string;
  /** Anything else a producer knows (QEMU: qemuName, esr, lr, spsr, DFSR, ...). */
  extra?: Record<string, string | number>;
}

/** An exception return that changed mode (QEMU logs only those). */
export interface ExceptionReturn {
  from: string;
  to: string;
  pc: string;
}

export interface GuestRun {
  /** 'qemu' or 'hypscope' */
  engine: string;
  elf: string;
  /** UART output, with CRLF normalised to LF. */
  uart: string;
  /** Process exit status (0..255) or null if killed / timed out. */
  exitCode: number | null;
  timedOut: boolean;
  exceptions: ExceptionEvent[];
  returns: ExceptionReturn[];
  /** stderr of the engine (QEMU: semihosting console output and errors). */
  stderr: string;
  durationMs: number;
}

export function hex32(v: number): string {
  return '0x' + (v >>> 0).toString(16).padStart(8, '0');
}

/** Parse "0x..." / plain hex / number into an unsigned 32-bit number. */
export function parseHex(v: string | number | undefined): number | undefined {
  if (v === undefined) return undefined;
  if (typeof v === 'number') return v >>> 0;
  const s = v.trim().toLowerCase();
  const n = Number.parseInt(s.startsWith('0x') ? s.slice(2) : s, 16);
  return Number.isNaN(n) ? undefined : n >>> 0;
}

const KIND_ALIASES: Readonly<Record<string, string>> = {
  und: 'undefined', undef: 'undefined', 'undefined-instruction': 'undefined',
  swi: 'svc', pabt: 'prefetch-abort', 'prefetch': 'prefetch-abort', bkpt: 'prefetch-abort',
  breakpoint: 'prefetch-abort', dabt: 'data-abort', 'virtual-irq': 'irq', virq: 'irq',
  'virtual-fiq': 'fiq', vfiq: 'fiq', 'virtual-abort': 'data-abort', trap: 'hyp-trap', 'hvc-trap': 'hvc',
};

/**
 * Canonical kind of an exception, so that producers may differ in naming:
 * for entries to Hyp mode the kind is derived from HSR.EC (0x00 undefined,
 * 0x11 svc, 0x12 hvc, 0x13 smc, 0x20/0x21 prefetch-abort, 0x24/0x25
 * data-abort, anything else hyp-trap); otherwise aliases are folded.
 */
/** The comparison's kind of an exception taken to Hyp, from its HSR exception class. */
export function kindFromEc(ec: number): string {
  switch (ec) {
    case 0x00: return 'undefined';
    case 0x11: return 'svc';
    case 0x12: return 'hvc';
    case 0x13: return 'smc';
    case 0x20: case 0x21: return 'prefetch-abort';
    case 0x24: case 0x25: return 'data-abort';
    default: return 'hyp-trap';
  }
}

export function canonicalKind(ev: ExceptionEvent): string {
  const hsr = parseHex(ev.hsr);
  const lower = ev.kind.toLowerCase();
  if (ev.to === 'hyp' && hsr !== undefined && !/^(irq|fiq|virtual-irq|virtual-fiq)$/.test(lower)) {
    return kindFromEc(hsr >>> 26);
  }
  const k = ev.kind.toLowerCase();
  return KIND_ALIASES[k] ?? k;
}

/** Walk up from `start` until a directory holding test/guests/Makefile. */
export function findRepoRoot(start: string = process.cwd()): string {
  let dir = resolve(start);
  for (;;) {
    if (existsSync(join(dir, 'test', 'guests', 'Makefile'))) return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error(`cannot find repository root (test/guests/Makefile) above ${start}`);
    dir = up;
  }
}

export function normaliseUart(s: string): string {
  return s.replace(/\r\n/g, '\n');
}

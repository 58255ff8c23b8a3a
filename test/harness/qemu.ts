/**
 * Run a guest ELF under qemu-system-arm (the reference) and normalise the
 * result: UART text (stdout), exit status (semihosting exit code), and the
 * exception sequence parsed from QEMU's `-d int,cpu` log.
 *
 * Log facts (QEMU 7.2, measured; see test/guests/README.md):
 *   Taking exception 2 [SVC] on CPU 0
 *   ...from EL1 to EL1
 *   ...with ESR 0x11/0x46000000
 *   ...with DFSR 0x1 DFAR 0x40001272        (PL1 data abort)
 *   ...with IFSR 0x2 IFAR 0x0               (PL1 prefetch abort / BKPT)
 *   ...with HDFAR 0x4001130a                (Hyp data abort)
 *   ...handling as semihosting call 0x20    (semihosting: not an exception)
 *   Exception return from AArch32 hyp to svc PC 0x400104d0   (only when the mode changes)
 * With `cpu`, every TB entered from the main loop dumps
 *   R00=... R01=... R02=... R03=...   (4 lines of 4 registers)
 *   PSR=600001d3 -ZC- A svc32
 * The block just before "Taking exception" gives the mode the exception was
 * taken from; the block just after gives the target mode, the vector (R15)
 * and, for PL1 targets, the banked LR (R14), hence the preferred return address.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type ExceptionEvent, type ExceptionReturn, type GuestRun, hex32, kindFromEc, modeFromPsr, normaliseUart,
} from './types';

export interface QemuOptions {
  /** qemu-system-arm binary (default env QEMU_SYSTEM_ARM or "qemu-system-arm"). */
  qemu?: string;
  /** Kill QEMU after this many ms (default 10000). */
  timeoutMs?: number;
  /** Also log `cpu` state per TB (default true): gives from/to modes, vector, pc. */
  cpuLog?: boolean;
  /** Extra QEMU arguments, appended before -kernel. */
  extraArgs?: string[];
  /** Keep the raw log at this path instead of a temporary file. */
  logPath?: string;
}

/** The QEMU command line used for every guest (without logging/kernel args). */
export const QEMU_BASE_ARGS: readonly string[] = [
  '-M', 'virt,virtualization=on', '-cpu', 'cortex-a15', '-m', '128M',
  '-nographic', '-nic', 'none', '-semihosting',
];

export function qemuBinary(opts: QemuOptions = {}): string {
  return opts.qemu ?? process.env.QEMU_SYSTEM_ARM ?? 'qemu-system-arm';
}

interface ProcResult {
  stdout: string;
  stderr: string;
  exitCode: number | null;
  timedOut: boolean;
  durationMs: number;
}

/** Spawn a process, collect output, kill it (SIGKILL) after timeoutMs. */
export function runProcess(cmd: string, args: readonly string[], timeoutMs: number, cwd?: string): Promise<ProcResult> {
  return new Promise((resolvePromise, reject) => {
    const t0 = Date.now();
    const child = spawn(cmd, [...args], { stdio: ['ignore', 'pipe', 'pipe'], cwd });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let timedOut = false;
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolvePromise({
        stdout: Buffer.concat(out).toString('latin1'),
        stderr: Buffer.concat(err).toString('utf8'),
        exitCode: timedOut ? null : code,
        timedOut,
        durationMs: Date.now() - t0,
      });
    });
  });
}

export async function runQemu(elf: string, opts: QemuOptions = {}): Promise<GuestRun> {
  const cpuLog = opts.cpuLog ?? true;
  const tmp = opts.logPath === undefined ? mkdtempSync(join(tmpdir(), 'hypscope-qemu-')) : undefined;
  const logPath = opts.logPath ?? join(tmp ?? '.', 'int.log');
  try {
    const args = [
      ...QEMU_BASE_ARGS,
      '-d', cpuLog ? 'int,cpu' : 'int', '-D', logPath,
      ...(opts.extraArgs ?? []),
      '-kernel', elf,
    ];
    const r = await runProcess(qemuBinary(opts), args, opts.timeoutMs ?? 10_000);
    let log = '';
    try {
      log = readFileSync(logPath, 'utf8');
    } catch {
      log = '';
    }
    const parsed = parseQemuLog(log);
    return {
      engine: 'qemu',
      elf,
      uart: normaliseUart(r.stdout),
      exitCode: r.exitCode,
      timedOut: r.timedOut,
      exceptions: parsed.exceptions,
      returns: parsed.returns,
      stderr: r.stderr,
      durationMs: r.durationMs,
    };
  } finally {
    if (tmp !== undefined) rmSync(tmp, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------
// Log parsing

interface CpuBlock {
  regs: number[]; // R00..R15
  psr: number;
}

const QEMU_EXCEPTION_KINDS: Readonly<Record<string, string>> = {
  'Undefined Instruction': 'undefined',
  'SVC': 'svc',
  'Prefetch Abort': 'prefetch-abort',
  'Data Abort': 'data-abort',
  'IRQ': 'irq',
  'FIQ': 'fiq',
  'Breakpoint': 'prefetch-abort',
  'Hypervisor Call': 'hvc',
  'Hypervisor Trap': 'hyp-trap',
  'Secure Monitor Call': 'smc',
  'Virtual IRQ': 'irq',
  'Virtual FIQ': 'fiq',
  'Virtual SERR': 'data-abort',
};

/** PL1 target mode of each kind (used when no cpu block follows). */
const PL1_TARGET: Readonly<Record<string, string>> = {
  'undefined': 'und', 'svc': 'svc', 'prefetch-abort': 'abt', 'data-abort': 'abt',
  'irq': 'irq', 'fiq': 'fiq', 'smc': 'mon', 'hvc': 'hyp', 'hyp-trap': 'hyp',
};

/**
 * ARMv7 squashes HSR.IL for syndromes where it is not valid (prefetch aborts,
 * data aborts without ISV, EC 0 "unknown"). QEMU logs the v8-style syndrome
 * before squashing it; mirror what the guest reads from HSR.
 */
export function v7HsrFromSyndrome(syn: number, fromHyp = false): number {
  const ec = syn >>> 26;
  // QEMU logs BKPT with the ARMv8 class 0x38; an ARMv7 core reports it (and the guest reads it)
  // as a prefetch abort with the debug-event status 0x22: EC 0x20 (0x21 from Hyp mode), IL = 1.
  if (ec === 0x38) return ((fromHyp ? 0x21 : 0x20) << 26 | (1 << 25) | 0x22) >>> 0;
  const isv = (syn >>> 24) & 1;
  if (ec === 0x00 || ec === 0x20 || ec === 0x21 || ((ec === 0x24 || ec === 0x25) && isv === 0)) {
    return (syn & ~(1 << 25)) >>> 0;
  }
  return syn >>> 0;
}

/** Kind from the QEMU exception name and, for Hyp targets, HSR.EC. */
function kindFor(qemuName: string, toEl: number, hsr: number | undefined): string {
  const base = QEMU_EXCEPTION_KINDS[qemuName] ?? qemuName.toLowerCase().replace(/\s+/g, '-');
  if (toEl === 2 && hsr !== undefined && base !== 'irq' && base !== 'fiq') return kindFromEc(hsr >>> 26);
  return base;
}

/** Preferred return address from the banked LR at a PL1 vector. */
function preferredReturnFromLr(kind: string, lr: number, thumb: boolean): number | undefined {
  switch (kind) {
    case 'undefined': return (lr - (thumb ? 2 : 4)) >>> 0;
    case 'svc': return lr >>> 0;
    case 'prefetch-abort': return (lr - 4) >>> 0;
    case 'data-abort': return (lr - 8) >>> 0;
    case 'irq': case 'fiq': return (lr - 4) >>> 0;
    default: return undefined;
  }
}

interface PendingException {
  qemuName: string;
  fromEl?: number;
  toEl?: number;
  syndrome?: number;
  ec?: number;
  fields: Record<string, number>;
  before?: CpuBlock;
  after?: CpuBlock;
  /** Mode an exception return switched to after the last CPU dump, if any. */
  afterReturnTo?: string;
  ignored: boolean;
}

export interface ParsedLog {
  exceptions: ExceptionEvent[];
  returns: ExceptionReturn[];
}

export function parseQemuLog(text: string): ParsedLog {
  const lines = text.split('\n');
  const exceptions: ExceptionEvent[] = [];
  const returns: ExceptionReturn[] = [];
  let lastBlock: CpuBlock | undefined;
  let returnSinceDump: string | undefined;
  let pending: PendingException | undefined;
  let regs: number[] = [];

  const finish = (): void => {
    if (pending === undefined) return;
    const p = pending;
    pending = undefined;
    if (p.ignored) return;
    // The board has no EL3: an exception "to EL3" is QEMU's own PSCI firmware emulation (it does
    // not always log "handled as PSCI call", e.g. for CPU_SUSPEND). hypscope handles PSCI inline.
    if (p.toEl === 3) return;
    exceptions.push(toEvent(p));
  };

  for (const raw of lines) {
    const line = raw.trimEnd();
    let m: RegExpMatchArray | null;
    if ((m = /^Taking exception (\d+) \[([^\]]*)\]/.exec(line)) !== null) {
      finish();
      pending = { qemuName: m[2] ?? '', fields: { qemuIndex: Number(m[1]) }, before: lastBlock, ignored: false };
      if (returnSinceDump !== undefined) pending.afterReturnTo = returnSinceDump;
      if (pending.qemuName === 'Semihosting call') pending.ignored = true;
      continue;
    }
    if (pending !== undefined && (m = /^\.\.\.from EL(\d) to EL(\d)/.exec(line)) !== null) {
      pending.fromEl = Number(m[1]);
      pending.toEl = Number(m[2]);
      continue;
    }
    if (pending !== undefined && (m = /^\.\.\.with ESR 0x([0-9a-f]+)\/0x([0-9a-f]+)/i.exec(line)) !== null) {
      pending.ec = Number.parseInt(m[1] ?? '0', 16);
      pending.syndrome = Number.parseInt(m[2] ?? '0', 16) >>> 0;
      continue;
    }
    if (pending !== undefined && line.startsWith('...with ')) {
      const re = /([A-Z][A-Z0-9_]*) 0x([0-9a-f]+)/gi;
      let f: RegExpExecArray | null;
      while ((f = re.exec(line)) !== null) {
        pending.fields[(f[1] ?? '').toLowerCase()] = Number.parseInt(f[2] ?? '0', 16) >>> 0;
      }
      continue;
    }
    if (pending !== undefined && (line.startsWith('...handling as semihosting') || line.includes('handled as PSCI call'))) {
      pending.ignored = true;
      continue;
    }
    if ((m = /^Exception return from AArch32 (\w+) to (\w+) PC 0x([0-9a-f]+)/i.exec(line)) !== null) {
      finish();
      returns.push({ from: m[1] ?? '', to: m[2] ?? '', pc: hex32(Number.parseInt(m[3] ?? '0', 16)) });
      returnSinceDump = (m[2] ?? '').toLowerCase();
      continue;
    }
    if (/^R\d\d=/.test(line)) {
      const re = /R(\d\d)=([0-9a-f]{8})/g;
      let f: RegExpExecArray | null;
      while ((f = re.exec(line)) !== null) regs[Number(f[1])] = Number.parseInt(f[2] ?? '0', 16) >>> 0;
      continue;
    }
    if ((m = /^PSR=([0-9a-f]{8})/.exec(line)) !== null) {
      const block: CpuBlock = { regs, psr: Number.parseInt(m[1] ?? '0', 16) >>> 0 };
      regs = [];
      if (pending !== undefined && pending.after === undefined) {
        pending.after = block;
        finish();
      }
      lastBlock = block;
      returnSinceDump = undefined;
      continue;
    }
  }
  finish();
  return { exceptions, returns };
}

function toEvent(p: PendingException): ExceptionEvent {
  const toEl = p.toEl ?? 1;
  const hsr = toEl === 2 && p.syndrome !== undefined ? v7HsrFromSyndrome(p.syndrome, p.fromEl === 2) : undefined;
  const kind = kindFor(p.qemuName, toEl, hsr);
  // QEMU dumps CPU state per translation block: an exception right after an exception return
  // still shows the pre-return mode, so the return's target mode wins when it is newer.
  const from = p.afterReturnTo ?? (p.before !== undefined ? modeFromPsr(p.before.psr) : `el${p.fromEl ?? '?'}`);
  let to: string;
  if (p.after !== undefined) to = modeFromPsr(p.after.psr);
  else if (toEl === 2) to = 'hyp';
  else to = PL1_TARGET[kind] ?? `el${toEl}`;
  const ev: ExceptionEvent = { kind, from, to };
  if (p.after !== undefined) {
    const vec = p.after.regs[15];
    if (vec !== undefined) ev.vector = hex32(vec);
    const lr = p.after.regs[14];
    const thumb = p.before !== undefined && (p.before.psr & 0x20) !== 0;
    if (to !== 'hyp' && lr !== undefined) {
      const pc = preferredReturnFromLr(kind, lr, thumb);
      if (pc !== undefined) ev.pc = hex32(pc);
    }
  }
  if (hsr !== undefined) ev.hsr = hex32(hsr);
  const extra: Record<string, string | number> = { qemuName: p.qemuName };
  if (p.syndrome !== undefined) extra.esr = hex32(p.syndrome);
  for (const [k, v] of Object.entries(p.fields)) extra[k] = k === 'qemuIndex' ? v : hex32(v);
  if (p.after?.regs[14] !== undefined && to !== 'hyp') extra.lr = hex32(p.after.regs[14]);
  ev.extra = extra;
  return ev;
}

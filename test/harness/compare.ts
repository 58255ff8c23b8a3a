/**
 * Compare two guest runs (reference first, usually QEMU) and describe the
 * first divergence in each channel: UART line, exit status, exception.
 */
import { type ExceptionEvent, type GuestRun, canonicalKind, elOfMode, parseHex } from './types';

export interface CompareOptions {
  /** Compare exception sequences (default true). */
  exceptions?: boolean;
  /** Lines of matching UART context shown before a difference (default 3). */
  context?: number;
}

export interface Divergence {
  channel: 'uart' | 'exit' | 'timeout' | 'exceptions';
  message: string;
}

export interface Comparison {
  equal: boolean;
  divergences: Divergence[];
  /** Human-readable report ('' when equal). */
  report: string;
}

function quote(s: string | undefined): string {
  return s === undefined ? '<end of output>' : JSON.stringify(s);
}

export function compareUart(ref: GuestRun, cand: GuestRun, context = 3): Divergence | undefined {
  if (ref.uart === cand.uart) return undefined;
  const a = ref.uart.split('\n');
  const b = cand.uart.split('\n');
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const lines: string[] = [`UART output differs at line ${i + 1}:`];
  for (let k = Math.max(0, i - context); k < i; k++) lines.push(`    ${String(k + 1).padStart(4)}  ${a[k] ?? ''}`);
  lines.push(`  ${ref.engine.padEnd(9)}: ${quote(a[i])}`);
  lines.push(`  ${cand.engine.padEnd(9)}: ${quote(b[i])}`);
  lines.push(`  (${ref.engine}: ${a.length} lines, ${cand.engine}: ${b.length} lines)`);
  return { channel: 'uart', message: lines.join('\n') };
}

function sameMode(a: string, b: string): boolean {
  if (a === b) return true;
  // One side may only know the exception level ("el1").
  if (a.startsWith('el') || b.startsWith('el')) {
    const ea = elOfMode(a);
    const eb = elOfMode(b);
    return ea !== undefined && ea === eb;
  }
  return false;
}

function sameHex(a: string, b: string): boolean {
  const x = parseHex(a);
  const y = parseHex(b);
  return x !== undefined && x === y;
}

/** Field-level differences of one exception (reference fields must exist in the candidate). */
export function diffException(ref: ExceptionEvent, cand: ExceptionEvent): string[] {
  const out: string[] = [];
  const kr = canonicalKind(ref);
  const kc = canonicalKind(cand);
  if (kr !== kc) out.push(`kind ${kr} != ${kc}`);
  if (!sameMode(ref.from, cand.from)) out.push(`from ${ref.from} != ${cand.from}`);
  if (!sameMode(ref.to, cand.to)) out.push(`to ${ref.to} != ${cand.to}`);
  for (const f of ['pc', 'vector', 'hsr'] as const) {
    const r = ref[f];
    const c = cand[f];
    if (r === undefined) continue;
    // IRQ/FIQ entries do not write HSR (B1.8.4); QEMU's log shows whatever ESR was left behind.
    if (f === 'hsr' && /^(irq|fiq|virtual-irq|virtual-fiq)$/.test(kr)) continue;
    if (c === undefined) out.push(`${f} ${r} missing`);
    else if (!sameHex(r, c)) out.push(`${f} ${r} != ${c}`);
  }
  return out;
}

export function formatException(ev: ExceptionEvent): string {
  const parts = [`${canonicalKind(ev)} ${ev.from}->${ev.to}`];
  if (ev.pc !== undefined) parts.push(`pc=${ev.pc}`);
  if (ev.vector !== undefined) parts.push(`vector=${ev.vector}`);
  if (ev.hsr !== undefined) parts.push(`hsr=${ev.hsr}`);
  if (ev.extra !== undefined) {
    for (const [k, v] of Object.entries(ev.extra)) {
      if (k === 'qemuIndex') continue;
      parts.push(`${k}=${v}`);
    }
  }
  return parts.join(' ');
}

export function compareExceptions(ref: GuestRun, cand: GuestRun): Divergence | undefined {
  const a = ref.exceptions;
  const b = cand.exceptions;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const ea = a[i];
    const eb = b[i];
    if (ea === undefined || eb === undefined) break;
    const d = diffException(ea, eb);
    if (d.length > 0) {
      const lines = [`exception #${i} differs: ${d.join(', ')}`];
      if (i > 0 && a[i - 1] !== undefined) lines.push(`  previous (same): ${formatException(a[i - 1] as ExceptionEvent)}`);
      lines.push(`  ${ref.engine.padEnd(9)}: ${formatException(ea)}`);
      lines.push(`  ${cand.engine.padEnd(9)}: ${formatException(eb)}`);
      return { channel: 'exceptions', message: lines.join('\n') };
    }
  }
  if (a.length !== b.length) {
    const longer = a.length > b.length ? ref : cand;
    const extra = longer.exceptions[n];
    return {
      channel: 'exceptions',
      message:
        `exception count differs: ${ref.engine} ${a.length}, ${cand.engine} ${b.length}; ` +
        `first extra (#${n}, ${longer.engine}): ${extra === undefined ? '?' : formatException(extra)}`,
    };
  }
  return undefined;
}

export function compareRuns(ref: GuestRun, cand: GuestRun, opts: CompareOptions = {}): Comparison {
  const divergences: Divergence[] = [];
  if (ref.timedOut || cand.timedOut) {
    divergences.push({
      channel: 'timeout',
      message: `timed out: ${ref.engine}=${ref.timedOut} ${cand.engine}=${cand.timedOut}`,
    });
  }
  const u = compareUart(ref, cand, opts.context ?? 3);
  if (u !== undefined) divergences.push(u);
  if (ref.exitCode !== cand.exitCode) {
    divergences.push({
      channel: 'exit',
      message: `exit code differs: ${ref.engine} ${String(ref.exitCode)}, ${cand.engine} ${String(cand.exitCode)}`,
    });
  }
  if (opts.exceptions ?? true) {
    const e = compareExceptions(ref, cand);
    if (e !== undefined) divergences.push(e);
  }
  const equal = divergences.length === 0;
  let report = '';
  if (!equal) {
    const head = `${ref.engine} vs ${cand.engine} on ${ref.elf}`;
    const tail: string[] = [];
    if (cand.stderr.trim() !== '') tail.push(`${cand.engine} stderr:\n${cand.stderr.trim().split('\n').slice(-15).join('\n')}`);
    report = [head, ...divergences.map((d) => d.message), ...tail].join('\n');
  }
  return { equal, divergences, report };
}

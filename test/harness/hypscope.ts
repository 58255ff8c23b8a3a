/**
 * Run a guest ELF under the hypscope emulator CLI.
 *
 * Contract (see test/guests/README.md, "Harness contract"):
 *   node dist/cli.js run <ELF> --trace-exceptions=<PATH>
 *   - stdout: exactly the bytes the guest wrote to the PL011 UART
 *   - exit status: the guest's semihosting exit code (SYS_EXIT_EXTENDED
 *     subcode; SYS_EXIT: 0 for ADP_Stopped_ApplicationExit, else 1)
 *   - PATH: one JSON object per line per exception entry, at least
 *     {kind, from, to, pc, vector} and hsr when to === "hyp".
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runProcess } from './qemu';
import { type ExceptionEvent, type ExceptionReturn, type GuestRun, findRepoRoot, normaliseUart } from './types';

export interface HypscopeOptions {
  /** Path to the CLI script (default <repo>/dist/cli.js or env HYPSCOPE_CLI). */
  cli?: string;
  /** Kill after this many ms (default 20000). */
  timeoutMs?: number;
  /** Extra CLI arguments, placed before the ELF. */
  extraArgs?: string[];
  /** Keep the trace file here instead of a temporary file. */
  tracePath?: string;
}

export class HypscopeMissingError extends Error {}

export function hypscopeCli(opts: HypscopeOptions = {}): string {
  return opts.cli ?? process.env.HYPSCOPE_CLI ?? join(findRepoRoot(), 'dist', 'cli.js');
}

/** Throws HypscopeMissingError with a readable message when the CLI is not built. */
export function assertHypscopeCli(opts: HypscopeOptions = {}): string {
  const cli = hypscopeCli(opts);
  if (!existsSync(cli)) {
    throw new HypscopeMissingError(
      `hypscope CLI not found at ${cli}: build it first (npm run build), or set HYPSCOPE_CLI`,
    );
  }
  return cli;
}

function asString(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return '0x' + (v >>> 0).toString(16).padStart(8, '0');
  return undefined;
}

/** Parse the JSON-lines exception trace. Unknown fields go to `extra`. */
export function parseTrace(text: string): ExceptionEvent[] {
  return parseTraceFull(text).exceptions;
}

/** Parse a trace into exception entries and exception returns (`kind: "eret"` lines). */
export function parseTraceFull(text: string): { exceptions: ExceptionEvent[]; returns: ExceptionReturn[] } {
  const returns: ExceptionReturn[] = [];
  const out: ExceptionEvent[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] ?? '').trim();
    if (line === '') continue;
    let obj: unknown;
    try {
      obj = JSON.parse(line);
    } catch (e) {
      throw new Error(`trace line ${i + 1} is not JSON: ${line.slice(0, 120)} (${String(e)})`);
    }
    if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) {
      throw new Error(`trace line ${i + 1} is not a JSON object`);
    }
    const rec = obj as Record<string, unknown>;
    const kind = asString(rec.kind);
    const from = asString(rec.from);
    const to = asString(rec.to);
    if (kind === undefined || from === undefined || to === undefined) {
      throw new Error(`trace line ${i + 1} lacks kind/from/to: ${line.slice(0, 120)}`);
    }
    if (kind === 'eret') {
      // QEMU logs only returns that change mode; keep the same view.
      if (from !== to) returns.push({ from, to, pc: asString(rec.pc) ?? '' });
      continue;
    }
    const ev: ExceptionEvent = { kind, from, to };
    const pc = asString(rec.pc);
    if (pc !== undefined) ev.pc = pc;
    const vector = asString(rec.vector);
    if (vector !== undefined) ev.vector = vector;
    const hsr = asString(rec.hsr);
    if (hsr !== undefined) ev.hsr = hsr;
    const extra: Record<string, string | number> = {};
    for (const [k, v] of Object.entries(rec)) {
      if (['kind', 'from', 'to', 'pc', 'vector', 'hsr'].includes(k)) continue;
      if (typeof v === 'string' || typeof v === 'number') extra[k] = v;
      else extra[k] = JSON.stringify(v);
    }
    if (Object.keys(extra).length > 0) ev.extra = extra;
    out.push(ev);
  }
  return { exceptions: out, returns };
}

export async function runHypscope(elf: string, opts: HypscopeOptions = {}): Promise<GuestRun> {
  const cli = assertHypscopeCli(opts);
  const tmp = opts.tracePath === undefined ? mkdtempSync(join(tmpdir(), 'hypscope-run-')) : undefined;
  const tracePath = opts.tracePath ?? join(tmp ?? '.', 'exceptions.jsonl');
  try {
    const args = [cli, 'run', ...(opts.extraArgs ?? []), elf, `--trace-exceptions=${tracePath}`];
    const r = await runProcess(process.execPath, args, opts.timeoutMs ?? 20_000, findRepoRoot());
    let trace = '';
    if (existsSync(tracePath)) trace = readFileSync(tracePath, 'utf8');
    return {
      engine: 'hypscope',
      elf,
      uart: normaliseUart(r.stdout),
      exitCode: r.exitCode,
      timedOut: r.timedOut,
      ...parseTraceFull(trace),
      stderr: r.stderr,
      durationMs: r.durationMs,
    };
  } finally {
    if (tmp !== undefined) rmSync(tmp, { recursive: true, force: true });
  }
}

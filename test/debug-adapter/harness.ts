// Shared helpers for the DAP tests: build the adapter and the guests once, start the built
// adapter (node dist/debug-adapter.js over stdio), launch a guest and wait for its first stop.

import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DebugClient } from '@vscode/debugadapter-testsupport';
import type { DebugProtocol } from '@vscode/debugprotocol';

export const ROOT = path.resolve(__dirname, '../..');
export const ADAPTER = path.join(ROOT, 'dist/debug-adapter.js');
export const GUESTS = path.join(ROOT, 'test/guests');

/** Guest areas the DAP tests use: only these are built, so a half-written guest elsewhere cannot stop us. */
const AREAS = ['dap'];
/** Single guests of other areas that the DAP tests use. */
const EXTRA = ['build/a32/exc_pl1.elf'];

let built = false;
/** node build.mjs and make the guests of AREAS (once per test file). */
export function buildAll(): void {
  if (built) return;
  execFileSync('node', ['build.mjs'], { cwd: ROOT, stdio: 'inherit' });
  const targets = AREAS.flatMap((a) => fs.readdirSync(path.join(GUESTS, a))
    .filter((f) => /\.(c|S)$/.test(f) && !f.startsWith('_'))
    .map((f) => `build/${a}/${f.replace(/\.(c|S)$/, '')}.elf`));
  execFileSync('make', ['-s', '-C', GUESTS, ...targets, ...EXTRA], { cwd: ROOT, stdio: 'inherit' });
  built = true;
}

export function guest(name: string): string {
  return path.join(GUESTS, 'build', name);
}

export function source(name: string): string {
  return path.join(GUESTS, name);
}

/** Line number of the marker "@name" in a guest source file. */
export function markerLine(file: string, marker: string): number {
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  const re = new RegExp(`@${marker}(\\s|\\*|$)`);
  const i = lines.findIndex((l) => re.test(l));
  if (i < 0) throw new Error(`no marker @${marker} in ${file}`);
  return i + 1;
}

/** Address of a symbol, from arm-none-eabi-nm (independent of our ELF reader). */
export function nmAddress(elf: string, sym: string): number {
  const out = execFileSync('arm-none-eabi-nm', [elf], { encoding: 'utf8' });
  const m = new RegExp(`^([0-9a-f]+) \\w ${sym}$`, 'm').exec(out);
  if (!m) throw new Error(`no symbol ${sym}`);
  return parseInt(m[1], 16);
}

export async function startClient(): Promise<DebugClient> {
  const dc = new DebugClient('node', ADAPTER, 'hypscope');
  dc.defaultTimeout = 10000;
  await dc.start();
  await dc.initializeRequest({ adapterID: 'hypscope', linesStartAt1: true, columnsStartAt1: true, pathFormat: 'path' });
  return dc;
}

export interface Config {
  setup?: (dc: DebugClient) => Promise<unknown>;
  stopOnEntry?: boolean;
}

/** Launch `program`; run `setup` between initialized and configurationDone. */
export async function launch(dc: DebugClient, program: string, cfg: Config = {}, extra: Record<string, unknown> = {}): Promise<void> {
  // Arm the first stop before launching: the entry stop can arrive with the launch response.
  const first = dc.waitForEvent('stopped') as Promise<DebugProtocol.StoppedEvent>;
  first.catch(() => undefined);
  firstStop.set(dc, first);
  const init = dc.waitForEvent('initialized').then(async () => {
    if (cfg.setup) await cfg.setup(dc);
    await dc.configurationDoneRequest();
  });
  await Promise.all([init, dc.launchRequest({ program, stopOnEntry: cfg.stopOnEntry ?? false, ...extra } as DebugProtocol.LaunchRequestArguments)]);
}

const firstStop = new WeakMap<DebugClient, Promise<DebugProtocol.StoppedEvent>>();

export async function stopped(dc: DebugClient): Promise<DebugProtocol.StoppedEvent> {
  const first = firstStop.get(dc);
  if (first) {
    firstStop.delete(dc);
    return first;
  }
  return (await dc.waitForEvent('stopped')) as DebugProtocol.StoppedEvent;
}

export async function topFrame(dc: DebugClient): Promise<DebugProtocol.StackFrame> {
  const st = await dc.stackTraceRequest({ threadId: 1 });
  return st.body.stackFrames[0];
}

/** All variables of a scope by name (expanding nothing). */
export async function scopeVars(dc: DebugClient, frameId: number, scope: string): Promise<DebugProtocol.Variable[]> {
  const sc = await dc.scopesRequest({ frameId });
  const s = sc.body.scopes.find((x) => x.name === scope);
  if (!s) throw new Error(`no scope ${scope}`);
  return (await dc.variablesRequest({ variablesReference: s.variablesReference })).body.variables;
}

export async function children(dc: DebugClient, v: DebugProtocol.Variable): Promise<DebugProtocol.Variable[]> {
  return (await dc.variablesRequest({ variablesReference: v.variablesReference })).body.variables;
}

/** Collect all stdout output events into a string. */
export function collectOutput(dc: DebugClient): { text: string } {
  const acc = { text: '' };
  dc.on('output', (e: DebugProtocol.OutputEvent) => {
    if (e.body.category === 'stdout') acc.text += e.body.output;
  });
  return acc;
}

/** Continue and wait for the next stop (the wait is armed before the request: no race). */
export async function cont(dc: DebugClient): Promise<DebugProtocol.StoppedEvent> {
  firstStop.delete(dc);
  const s = stopped(dc);
  await dc.continueRequest({ threadId: 1 });
  return s;
}

/** Run a stepping request and wait for its stop. */
export async function step(dc: DebugClient, kind: 'next' | 'stepIn' | 'stepOut', granularity?: 'instruction' | 'line'): Promise<DebugProtocol.StoppedEvent> {
  firstStop.delete(dc);
  const s = stopped(dc);
  await dc.send(kind, { threadId: 1, granularity });
  return s;
}

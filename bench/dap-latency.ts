// DAP latency figures for the debug adapter on test/guests/dap/traps.elf and on the toy hypervisor
// (MMU on: every memory read of the unwinder walks the tables): step response and stopped event,
// stackTrace/scopes/variables, and continue speed with breakpoints and filters armed.
// Run: node build.mjs && make -C test/guests && npx esbuild bench/dap-latency.ts --bundle --platform=node --outfile=dist/dap-latency.js && node dist/dap-latency.js

import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { DebugClient } from '@vscode/debugadapter-testsupport';
import type { DebugProtocol } from '@vscode/debugprotocol';

const ROOT = path.resolve(__dirname, '..');
const ELF = path.join(ROOT, 'test/guests/build/dap/traps.elf');
const SPIN = path.join(ROOT, 'test/guests/build/dap/spin.elf');
const TOY = path.join(ROOT, 'examples/toy-hypervisor/toy-hypervisor.elf');

function stats(xs: number[]): string {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p: number): number => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return `median ${q(0.5).toFixed(2)} ms, p90 ${q(0.9).toFixed(2)} ms, max ${s[s.length - 1].toFixed(2)} ms (n=${s.length})`;
}

/** Instruction steps from the first stop, timing each request. */
async function measure(label: string, program: string, setup: (dc: DebugClient) => Promise<unknown>, steps = 20): Promise<DebugClient> {
  const dc = new DebugClient('node', path.join(ROOT, 'dist/debug-adapter.js'), 'hypscope');
  dc.defaultTimeout = 60000;
  await dc.start();
  await dc.initializeRequest({ adapterID: 'hypscope', linesStartAt1: true, columnsStartAt1: true, pathFormat: 'path' });
  const first = dc.waitForEvent('stopped');
  await Promise.all([
    dc.waitForEvent('initialized').then(() => setup(dc)).then(() => dc.configurationDoneRequest()),
    dc.launchRequest({ program } as DebugProtocol.LaunchRequestArguments),
  ]);
  await first;

  const resp: number[] = [];
  const stop: number[] = [];
  const st: number[] = [];
  const sc: number[] = [];
  const vr: number[] = [];
  let frames = 0;
  for (let i = 0; i < steps; i++) {
    const t0 = performance.now();
    const ev = dc.waitForEvent('stopped');
    await dc.send('next', { threadId: 1, granularity: 'instruction' });
    resp.push(performance.now() - t0);
    await ev;
    stop.push(performance.now() - t0);
    let t = performance.now();
    const trace = await dc.stackTraceRequest({ threadId: 1 });
    st.push(performance.now() - t);
    frames = Math.max(frames, trace.body.stackFrames.length);
    t = performance.now();
    const scopes = await dc.scopesRequest({ frameId: trace.body.stackFrames[0].id });
    sc.push(performance.now() - t);
    for (const s of scopes.body.scopes.filter((x) => !x.expensive)) {
      t = performance.now();
      await dc.variablesRequest({ variablesReference: s.variablesReference });
      vr.push(performance.now() - t);
    }
  }
  console.log(`--- ${label}`);
  console.log(`step (instruction) response:   ${stats(resp)}`);
  console.log(`step (instruction) stopped:    ${stats(stop)}`);
  console.log(`stackTrace (up to ${frames} frames): ${stats(st)}`);
  console.log(`scopes:                        ${stats(sc)}`);
  console.log(`variables (per scope):         ${stats(vr)}`);
  return dc;
}

async function main(): Promise<void> {
  // The toy hypervisor stopped in the guest's IRQ handler: guest stage 1 and stage 2 on, a call
  // stack that crosses the trap; then in Hyp (Hyp stage 1 on) at the first hypercall.
  const toy = await measure('toy hypervisor, guest IRQ handler (both stages on)', TOY,
    (c) => c.setFunctionBreakpointsRequest({ breakpoints: [{ name: 'guest_irq' }] }));
  await toy.stop();
  const toyHyp = await measure('toy hypervisor, Hyp trap handler (Hyp stage 1 on)', TOY,
    (c) => c.setFunctionBreakpointsRequest({ breakpoints: [{ name: 'hyp_trap' }] }));
  await toyHyp.stop();
  const dc = await measure('traps.elf (MMU off)', ELF,
    (c) => c.setFunctionBreakpointsRequest({ breakpoints: [{ name: 'main' }] }));

  // Line steps (over C statements, including calls).
  const lines: number[] = [];
  for (let i = 0; i < 6; i++) {
    const t0 = performance.now();
    const ev = dc.waitForEvent('stopped');
    await dc.send('next', { threadId: 1 });
    await ev;
    lines.push(performance.now() - t0);
  }
  console.log(`step (line) to stopped:        ${stats(lines)}`);
  await dc.stop();

  // Continue speed: spin.elf (~100M instructions) to exit with nothing armed, then with a breakpoint
  // on the loop's own code page (never_called) and exception filters armed that never fire.
  for (const armed of [false, true]) {
    const c = new DebugClient('node', path.join(ROOT, 'dist/debug-adapter.js'), 'hypscope');
    c.defaultTimeout = 60000;
    await c.start();
    await c.initializeRequest({ adapterID: 'hypscope', linesStartAt1: true, columnsStartAt1: true, pathFormat: 'path' });
    const exited = c.waitForEvent('exited');
    const t0 = performance.now();
    await Promise.all([
      c.waitForEvent('initialized').then(async () => {
        if (armed) {
          await c.setFunctionBreakpointsRequest({ breakpoints: [{ name: 'never_called' }] });
          await c.setExceptionBreakpointsRequest({ filters: [], filterOptions: [{ filterId: 'hyp-trap', condition: 'ec == 0x3f' }, { filterId: 'irq' }] });
        }
        await c.configurationDoneRequest();
      }),
      c.launchRequest({ program: SPIN } as DebugProtocol.LaunchRequestArguments),
    ]);
    await exited;
    console.log(`run spin.elf (~100M instructions) to exit (${armed ? 'breakpoint + filters armed' : 'nothing armed'}): ${(performance.now() - t0).toFixed(1)} ms`);
    await c.stop();
  }
}

main().catch((e) => { console.error(e); process.exit(1); });

// Breakpoints (C and assembly source lines, functions, instructions, conditions, hit counts, log
// points, watchpoints) and stepping across traps, through a real DAP client on test/guests/dap.

import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import type { DebugClient } from '@vscode/debugadapter-testsupport';
import { buildAll, cont, guest, launch, markerLine, nmAddress, source, startClient, step, stopped, topFrame } from './harness';

const ELF = guest('dap/traps.elf');
const SRC = source('dap/traps.c');
const ASM_ELF = guest('dap/asm.elf');
const ASM = source('dap/asm.S');

/** Lowest is_stmt address of a line, from GNU readelf (independent of our DWARF reader). */
function readelfLineAddr(elf: string, file: string, line: number): number {
  const txt = execFileSync('arm-none-eabi-readelf', ['--debug-dump=decodedline', '-W', elf], { encoding: 'utf8' });
  const addrs: number[] = [];
  for (const l of txt.split('\n')) {
    const m = /^(\S+)\s+(\d+)\s+0x([0-9a-f]+)(?:\s+\d+)?\s+x/.exec(l);
    if (m && m[1].endsWith(file) && Number(m[2]) === line) addrs.push(parseInt(m[3], 16));
  }
  if (!addrs.length) throw new Error(`readelf: no row for ${file}:${line}`);
  return Math.min(...addrs);
}

describe('breakpoints and stepping', () => {
  let dc: DebugClient;
  beforeAll(() => buildAll());
  beforeEach(async () => { dc = await startClient(); });
  afterEach(async () => { await dc.stop(); });

  it('C source breakpoint binds to the line table address and stops there', async () => {
    const line = markerLine(SRC, 'cp1');
    let bp: number | undefined;
    await launch(dc, ELF, { setup: async (c) => {
      const r = await c.setBreakpointsRequest({ source: { path: SRC }, breakpoints: [{ line }, { line: 2 }] });
      expect(r.body.breakpoints[0].verified).toBe(true);
      expect(r.body.breakpoints[0].line).toBe(line);
      bp = Number(r.body.breakpoints[0].instructionReference);
      // Line 2 is a comment at the top of the file: moves down to the first line with code.
      expect(r.body.breakpoints[1].verified).toBe(true);
    } });
    expect(bp).toBe(readelfLineAddr(ELF, 'traps.c', line));
    const ev = await stopped(dc);
    expect(ev.body.reason).toBe('breakpoint');
    const f = await topFrame(dc);
    expect(f.line).toBe(line);
    expect(f.source?.path).toBe(SRC);
    expect(Number(f.instructionPointerReference)).toBe(bp);
  });

  it('assembly source breakpoints, step over a BL, step into it, and instruction stepping', async () => {
    const first = markerLine(ASM, 'asm-first');
    const call = markerLine(ASM, 'asm-call');
    await launch(dc, ASM_ELF, { setup: (c) => c.setBreakpointsRequest({ source: { path: ASM }, breakpoints: [{ line: first }, { line: call }] }) });
    let ev = await stopped(dc);
    let f = await topFrame(dc);
    expect(f.line).toBe(first);
    expect(Number(f.instructionPointerReference)).toBe(nmAddress(ASM_ELF, 'main') + 4);
    ev = await cont(dc);
    f = await topFrame(dc);
    expect(f.line).toBe(call);
    ev = await step(dc, 'next');
    expect(ev.body.reason).toBe('step');
    f = await topFrame(dc);
    expect(f.line).toBe(markerLine(ASM, 'asm-after'));
    const r0 = await dc.evaluateRequest({ expression: 'r0', context: 'watch' });
    expect(r0.body.result).toMatch(/^0xa /);
    // Restart-free: check stepIn on a fresh run via instruction breakpoint at the BL.
    const bl = nmAddress(ASM_ELF, 'main') + 12;
    await dc.setBreakpointsRequest({ source: { path: ASM }, breakpoints: [] });
    await dc.send('setInstructionBreakpoints', { breakpoints: [{ instructionReference: `0x${bl.toString(16)}` }] });
    const exited = dc.waitForEvent('exited');
    await dc.continueRequest({ threadId: 1 });
    expect((await exited).body.exitCode).toBe(11);
  });

  it('step into a BL and step out of the callee', async () => {
    const call = markerLine(ASM, 'asm-call');
    await launch(dc, ASM_ELF, { setup: (c) => c.setBreakpointsRequest({ source: { path: ASM }, breakpoints: [{ line: call }] }) });
    await stopped(dc);
    await step(dc, 'stepIn');
    let f = await topFrame(dc);
    expect(f.line).toBe(markerLine(ASM, 'asm-twice'));
    expect(f.name).toBe('twice');
    const st = await dc.stackTraceRequest({ threadId: 1 });
    expect(st.body.stackFrames.map((x) => x.name)).toEqual(expect.arrayContaining(['twice', expect.stringMatching(/^main/)]));
    await step(dc, 'stepOut');
    f = await topFrame(dc);
    expect(Number(f.instructionPointerReference)).toBe(nmAddress(ASM_ELF, 'main') + 16);
  });

  it('step over a trapping HVC in C runs the handler and stops on the next line', async () => {
    const hvc = markerLine(SRC, 'hvc');
    await launch(dc, ELF, { setup: (c) => c.setBreakpointsRequest({ source: { path: SRC }, breakpoints: [{ line: hvc }] }) });
    await stopped(dc);
    let f = await topFrame(dc);
    expect(f.line).toBe(hvc);
    const out: string[] = [];
    dc.on('output', (e) => out.push(e.body.output));
    await step(dc, 'next');
    f = await topFrame(dc);
    expect(f.line).toBe(markerLine(SRC, 'smc'));
    expect(out.join('')).toContain('trap ec=12 hsr=4a001234');
  });

  it('step into a trap stops at the vector; the call stack crosses into the guest; step out runs to ERET', async () => {
    const hvc = markerLine(SRC, 'hvc');
    await launch(dc, ELF, { setup: (c) => c.setBreakpointsRequest({ source: { path: SRC }, breakpoints: [{ line: hvc }] }) });
    await stopped(dc);
    // Step instructions until the HVC is executed (stepIn by instruction enters the handler).
    for (let i = 0; i < 4; i++) {
      const ev = await step(dc, 'stepIn', 'instruction');
      if (/Stepped into the handler/.test(ev.body.description ?? '')) break;
    }
    const f = await topFrame(dc);
    expect(Number(f.instructionPointerReference)).toBe(nmAddress(ELF, 'hyp_vectors') + 0x14);
    const st = await dc.stackTraceRequest({ threadId: 1 });
    const names = st.body.stackFrames.map((x) => x.name);
    const ti = names.findIndex((n) => n === 'trap from SVC: HVC #0x1234');
    expect(ti).toBeGreaterThanOrEqual(1);
    expect(st.body.stackFrames[ti + 1].name).toBe('guest+0x' + (Number(st.body.stackFrames[ti + 1].instructionPointerReference) - nmAddress(ELF, 'guest')).toString(16));
    expect(st.body.stackFrames[ti + 1].line).toBe(hvc);
    await step(dc, 'stepOut');
    const g = await topFrame(dc);
    expect(g.name).toMatch(/^guest/);
    const elr = await dc.evaluateRequest({ expression: 'pc', context: 'watch' });
    expect(elr.body.result.startsWith('0x4001')).toBe(true);
  });

  it('function, conditional, hit-count and log points', async () => {
    const cpLine = markerLine(SRC, 'checkpoint');
    const logs: string[] = [];
    dc.on('output', (e) => { if (e.body.category === 'console') logs.push(e.body.output); });
    await launch(dc, ELF, { setup: async (c) => {
      await c.setFunctionBreakpointsRequest({ breakpoints: [{ name: 'checkpoint', condition: 'r0 == 2' }, { name: 'no_such_fn' }] });
      await c.setBreakpointsRequest({ source: { path: SRC }, breakpoints: [{ line: cpLine, logMessage: 'checkpoint tag={r0}' }] });
      await c.send('setInstructionBreakpoints', { breakpoints: [{ instructionReference: `0x${nmAddress(ELF, 'square').toString(16)}`, hitCondition: '1' }] });
    } });
    let ev = await stopped(dc);
    expect(ev.body.reason).toBe('instruction breakpoint');
    ev = await cont(dc);
    expect(ev.body.reason).toBe('function breakpoint');
    const r0 = await dc.evaluateRequest({ expression: 'r0', context: 'watch' });
    expect(r0.body.result).toMatch(/^0x2 /);
    const exited = dc.waitForEvent('exited');
    await dc.continueRequest({ threadId: 1 });
    await exited;
    expect(logs.join('')).toContain('checkpoint tag=0x1');
  });

  it('data breakpoint on a global stops after the write', async () => {
    const store = markerLine(SRC, 'store');
    await launch(dc, ELF, { setup: (c) => c.setFunctionBreakpointsRequest({ breakpoints: [{ name: 'main' }] }) });
    await stopped(dc);
    const info = await dc.dataBreakpointInfoRequest({ name: 'table' });
    // main runs in Hyp: the default space is Hyp virtual.
    expect(info.body.dataId).toBe(`hyp-va:0x${nmAddress(ELF, 'table').toString(16)}:16`);
    await dc.setDataBreakpointsRequest({ breakpoints: [{ dataId: info.body.dataId!, accessType: 'write' }] });
    const ev = await cont(dc);
    expect(ev.body.reason).toBe('data breakpoint');
    expect(ev.body.description).toMatch(/^Write to 0x4001134[0-9a-f]/);
    // The stop comes after the storing instruction: on the store's line or the next one.
    const f = await topFrame(dc);
    expect([store, store + 1]).toContain(f.line);
    const v = await dc.evaluateRequest({ expression: `*(u32*)(&table + 8)`, context: 'watch' });
    expect(v.body.result).toMatch(/^0x2ac6 /);
  });
});

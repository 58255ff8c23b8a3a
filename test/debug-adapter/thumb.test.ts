// Thumb code through a real DAP client on the Thumb build of the toy hypervisor: line and function
// breakpoints in T32 code, call stacks unwound through T32 prologues (PUSH {.., lr}; SUB SP), and the
// disassemble request for T32 with IT blocks, compared line by line with arm-none-eabi-objdump -d.

import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DebugClient } from '@vscode/debugadapter-testsupport';
import { buildAll, cont, launch, nmAddress, ROOT, startClient, stopped } from './harness';

const THUMB = path.join(ROOT, 'examples/toy-hypervisor/toy-hypervisor-thumb.elf');
const TRAPS = path.join(ROOT, 'examples/toy-hypervisor/hyp/traps.c');
const hex = (v: number): string => `0x${v.toString(16)}`;

/** objdump -d: address -> instruction text without comments and symbol annotations. */
function objdump(elf: string): Map<number, string> {
  const out = execFileSync('arm-none-eabi-objdump', ['-d', elf], { encoding: 'utf8' });
  const map = new Map<number, string>();
  for (const l of out.split('\n')) {
    const m = /^\s*([0-9a-f]+):\t[0-9a-f ]+\t(.*)$/.exec(l);
    if (m) map.set(parseInt(m[1], 16), norm(m[2]));
  }
  return map;
}

function norm(t: string): string {
  return t.replace(/\s*[@;].*$/, '').replace(/\s*<[^>]*>/, '').trim();
}

function lineOf(file: string, text: string): number {
  return fs.readFileSync(file, 'utf8').split('\n').findIndex((l) => l.includes(text)) + 1;
}

describe('Thumb (toy-hypervisor-thumb.elf)', () => {
  let dc: DebugClient;
  beforeAll(() => buildAll());
  beforeEach(async () => { dc = await startClient(); });
  afterEach(async () => { await dc.stop(); });

  it('a line breakpoint in T32 code, and a call stack through T32 prologues and the trap', async () => {
    // The Thumb build has no code for `uart_puts(prefix);` itself (the call is scheduled with the loop
    // start): the breakpoint moves to the next line that has code, as the line table says.
    const asked = lineOf(TRAPS, 'uart_puts(prefix);');
    let line = 0;
    await launch(dc, THUMB, {
      setup: async (c) => {
        const r = await c.setBreakpointsRequest({ source: { path: TRAPS }, breakpoints: [{ line: asked }] });
        expect(r.body.breakpoints[0].verified).toBe(true);
        line = r.body.breakpoints[0].line!;
      },
    });
    expect(line).toBe(asked + 1);
    let ev = await stopped(dc);
    expect(ev.body.reason).toBe('breakpoint');
    let st = await dc.stackTraceRequest({ threadId: 1 });
    expect(st.body.stackFrames[0].line).toBe(line);
    expect(st.body.stackFrames[0].name).toMatch(/^hyp_trap\+0x/);
    const pc = Number(st.body.stackFrames[0].instructionPointerReference);
    expect(pc & 1).toBe(0);

    // The first out-of-line uart_puts call comes from hyp_exit (stmdb sp!, {r7, fp, lr}; sub sp, #28),
    // called by hyp_trap (push {r4-r7, lr}; sub sp, #12), called by the ARM vector code.
    await dc.setBreakpointsRequest({ source: { path: TRAPS }, breakpoints: [] });
    await dc.setFunctionBreakpointsRequest({ breakpoints: [{ name: 'uart_puts' }] });
    ev = await cont(dc);
    expect(ev.body.reason).toBe('function breakpoint');
    st = await dc.stackTraceRequest({ threadId: 1 });
    const names = st.body.stackFrames.map((f) => f.name);
    const exit = nmAddress(THUMB, 'hyp_exit') & ~1;
    const call = [...objdump(THUMB).entries()].find(([a, t]) => a > exit && /^bl\t470000d8$/.test(t))![0];
    expect(names.slice(0, 2)).toEqual(['uart_puts', `hyp_exit+${hex(call + 4 - exit)}`]);
    expect(st.body.stackFrames[1].line).toBe(lineOf(path.join(ROOT, 'examples/toy-hypervisor/hyp/main.c'), 'uart_puts("[hyp] guest exited with code'));
    expect(names[2]).toMatch(/^hyp_trap\+0x/);
    expect(st.body.stackFrames[2].line).toBe(lineOf(TRAPS, 'hyp_exit(f->r[1]);'));
    expect(names[3]).toMatch(/^hyp_trap_entry\+0x/);
    const trap = names.findIndex((n) => n.startsWith('trap from SVC: HVC #0x0'));
    expect(trap).toBeGreaterThan(2);
    // The guest kernel is T32 too: the HVC's caller chain reaches kernel_main.
    expect(names.slice(trap + 1).some((n) => n.startsWith('kernel_main'))).toBe(true);
  });

  it('disassembles T32 like objdump, IT blocks included, also when starting before the address', async () => {
    await launch(dc, THUMB, { stopOnEntry: true });
    await stopped(dc);
    const ref = objdump(THUMB);
    const data: Record<string, number> = {};
    for (const fn of ['hyp_trap', 'guest_va_to_pa']) {
      const start = nmAddress(THUMB, fn) & ~1;
      const r = await dc.disassembleRequest({ memoryReference: hex(start), instructionCount: 200 });
      const ins = r.body!.instructions;
      let compared = 0;
      let itSeen = 0;
      for (const i of ins) {
        const a = Number(i.address);
        const want = ref.get(a);
        // Every item the sweep shows is one objdump shows too: literal pools and TBB tables
        // ($d mapping symbols) as .word/.short/.byte, not decoded as code.
        expect(want, `objdump has no line at ${hex(a)}`).toBeDefined();
        expect(`${hex(a)}: ${norm(i.instruction)}`).toBe(`${hex(a)}: ${want}`);
        compared++;
        if (/^it[te]*\t/.test(want!)) itSeen++;
        if (/^\.(word|short|byte)\t/.test(want!)) data[fn] = (data[fn] ?? 0) + 1;
      }
      expect(compared).toBeGreaterThan(20);
      expect(itSeen).toBeGreaterThan(0);
    }
    expect(data.hyp_trap).toBeGreaterThan(0); // the switch's TBB table, literal pools
    // From inside an IT block, 8 instructions back: the same boundaries and conditions.
    const g = nmAddress(THUMB, 'guest_va_to_pa') & ~1;
    const itAt = [...ref.entries()].find(([a, t]) => a > g && /^itttt\t/.test(t))![0];
    const r = await dc.disassembleRequest({ memoryReference: hex(itAt + 6), instructionOffset: -8, instructionCount: 16 });
    const ins = r.body!.instructions;
    expect(ins.length).toBe(16);
    expect(Number(ins[8].address)).toBe(itAt + 6); // the second instruction of the IT block
    for (const i of ins) {
      const want = ref.get(Number(i.address));
      expect(want, `no objdump line at ${i.address}`).toBeDefined();
      expect(norm(i.instruction)).toBe(want);
    }
  });
});

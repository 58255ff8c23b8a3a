// The exception filters not covered by filters.test.ts, through a real DAP client: undefined, irq,
// fiq, virtual-irq, svc, stage2-abort, data-abort, prefetch-abort and fp-trap stop where and when they
// should with the right text; plus the restart and pause requests. Guests: the toy hypervisor,
// test/guests/a32/exc_pl1.c, test/guests/dap/fiq.c, spin.c and traps.c. HSR values from ARM ARM B3.13.6.

import * as path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DebugClient } from '@vscode/debugadapter-testsupport';
import { buildAll, cont, guest, launch, nmAddress, ROOT, startClient, stopped, topFrame } from './harness';

const TOY = path.join(ROOT, 'examples/toy-hypervisor/toy-hypervisor.elf');
const EXC = guest('a32/exc_pl1.elf');
const FIQ = guest('dap/fiq.elf');
const hex = (v: number): string => `0x${v.toString(16)}`;

/** Address of the instruction with this objdump text in a function (independent of our disassembler). */
function insnAddress(elf: string, re: RegExp): number {
  const out = require('node:child_process').execFileSync('arm-none-eabi-objdump', ['-d', elf], { encoding: 'utf8' }) as string;
  const line = out.split('\n').find((l) => re.test(l));
  if (!line) throw new Error(`no ${re} in ${elf}`);
  return parseInt(line.trim().split(':')[0], 16);
}

async function filterStop(dc: DebugClient, elf: string, filters: string[], nth = 1): Promise<{ description: string; exceptionId: string }> {
  await launch(dc, elf, { setup: (c) => c.setExceptionBreakpointsRequest({ filters }) });
  let ev = await stopped(dc);
  for (let i = 1; i < nth; i++) ev = await cont(dc);
  expect(ev.body.reason).toBe('exception');
  const info = await dc.exceptionInfoRequest({ threadId: 1 });
  return { description: ev.body.description!, exceptionId: info.body.exceptionId };
}

describe('more exception filters, restart and pause', () => {
  let dc: DebugClient;
  beforeAll(() => buildAll());
  beforeEach(async () => { dc = await startClient(); });
  afterEach(async () => { await dc.stop(); });

  it('svc: the user task\'s first system call, with its immediate read back from the instruction', async () => {
    const s = await filterStop(dc, TOY, ['svc']);
    expect(s.description).toBe('SVC #0x0 from User → SVC');
    expect(s.exceptionId).toBe('svc');
    const f = await topFrame(dc);
    expect(Number(f.instructionPointerReference)).toBe(nmAddress(TOY, 'guest_vectors') + 0x08);
  });

  it('undefined: the udf in exc_pl1 and the user FP access the toy guest\'s CPACR denies', async () => {
    let s = await filterStop(dc, EXC, ['undefined']);
    expect(s.description).toBe(`Undefined instruction at ${hex(insnAddress(EXC, /\tudf\t#4660/))} from SVC → Undef`);
    expect(s.exceptionId).toBe('undefined');
    await dc.stop();
    dc = await startClient();
    s = await filterStop(dc, TOY, ['undefined']);
    expect(s.description).toMatch(/^Undefined instruction at 0x403[0-9a-f]{5} from User → Undef$/);
  });

  it('prefetch-abort and data-abort at PL1: BKPT (debug event) and an LDM alignment fault', async () => {
    let s = await filterStop(dc, EXC, ['prefetch-abort']);
    expect(s.description).toBe(`Prefetch abort (debug event: BKPT at ${hex(insnAddress(EXC, /\tbkpt\t0x0042/))}) from SVC → Abort`);
    let f = await topFrame(dc);
    expect(Number(f.instructionPointerReference)).toBe(nmAddress(EXC, 'pl1_vectors') + 0x0c);
    const info = await dc.exceptionInfoRequest({ threadId: 1 });
    expect(info.body.details!.message).toContain('IFSR = 0x2'); // FS 0b00010: debug event
    await dc.stop();
    dc = await startClient();
    s = await filterStop(dc, EXC, ['data-abort']);
    const buf = insnAddress(EXC, /\tldm\tr4, \{r5, r6\}/);
    expect(s.description).toMatch(/^Data abort \(alignment fault, read\) at VA 0x[0-9a-f]+[2a] from SVC → Abort$/);
    f = await topFrame(dc);
    expect(Number(f.instructionPointerReference)).toBe(nmAddress(EXC, 'pl1_vectors') + 0x10);
    const d = await dc.exceptionInfoRequest({ threadId: 1 });
    expect(d.body.details!.message).toContain('DFSR = 0x1'); // FS 0b00001: alignment fault
    expect(d.body.details!.message).toContain(`preferredReturn = ${hex(buf)}`);
  });

  it('stage2-abort (and data-abort): the toy guest\'s first read of its emulated device', async () => {
    for (const filter of ['stage2-abort', 'data-abort']) {
      const s = await filterStop(dc, TOY, [filter]);
      // EC 0x24, IL 1, ISV 1, SAS word, WnR 0, DFSC 0b000110 (translation fault, level 2: s2_l2_dev has no entry).
      expect(s.description).toMatch(/^Stage-2 Data abort \(.*, read\) at VA 0xa000000, IPA 0xa000000 from SVC → Hyp \(HSR 0x938[0-9a-f]0006, EC 0x24 .*\)$/);
      expect(s.exceptionId).toBe(filter);
      await dc.stop();
      dc = await startClient();
    }
  });

  it('fp-trap: the HCPTR trap of the lazy FP dance (EC 0x07, coprocessor 10)', async () => {
    const s = await filterStop(dc, TOY, ['fp-trap']);
    // EC 0x07, IL 1, CV 1, COND 0xe, coproc 10.
    expect(s.description).toMatch(/^FP\/SIMD access trapped \(HCPTR, coprocessor 10\) from User → Hyp \(HSR 0x1fe0000a, EC 0x07 .*\)$/);
    expect(s.exceptionId).toBe('fp-trap');
  });

  it('irq (physical, to Hyp through HCR.IMO) and virtual-irq (through a list register)', async () => {
    let s = await filterStop(dc, TOY, ['irq']);
    expect(s.description).toBe('IRQ from SVC → Hyp');
    let f = await topFrame(dc);
    expect(Number(f.instructionPointerReference)).toBe(nmAddress(TOY, 'hyp_vectors') + 0x18);
    await dc.stop();
    dc = await startClient();
    s = await filterStop(dc, TOY, ['virtual-irq']);
    expect(s.description).toBe('Virtual IRQ from SVC → IRQ');
    f = await topFrame(dc);
    expect(Number(f.instructionPointerReference)).toBe(nmAddress(TOY, 'guest_vectors') + 0x18);
  });

  it('fiq: a Group 0 SGI signalled as FIQ', async () => {
    const s = await filterStop(dc, FIQ, ['fiq']);
    expect(s.description).toBe('FIQ from SVC → FIQ');
    const f = await topFrame(dc);
    expect(Number(f.instructionPointerReference)).toBe(nmAddress(FIQ, 'pl1_vectors') + 0x1c);
  });

  it('restart: back to the entry with breakpoints kept; the run then ends as before', async () => {
    await launch(dc, guest('dap/traps.elf'), { stopOnEntry: true, setup: (c) => c.setFunctionBreakpointsRequest({ breakpoints: [{ name: 'checkpoint' }] }) });
    let ev = await stopped(dc);
    expect(ev.body.reason).toBe('entry');
    const entry = Number((await topFrame(dc)).instructionPointerReference);
    ev = await cont(dc);
    expect(ev.body.reason).toBe('function breakpoint');
    const again = stopped(dc);
    await dc.restartRequest({});
    ev = await again;
    expect(ev.body.reason).toBe('entry');
    expect(Number((await topFrame(dc)).instructionPointerReference)).toBe(entry);
    ev = await cont(dc);
    expect(ev.body.reason).toBe('function breakpoint');
    expect(ev.body.description).toMatch(/^Breakpoint at checkpoint /);
    await dc.setFunctionBreakpointsRequest({ breakpoints: [] });
    const exited = dc.waitForEvent('exited');
    await dc.continueRequest({ threadId: 1 });
    expect((await exited).body.exitCode).toBe(7);
  });

  it('pause: a long loop stops where it is, and continues to the end', async () => {
    await launch(dc, guest('dap/spin.elf'));
    await new Promise((r) => setTimeout(r, 100));
    const p = stopped(dc);
    await dc.pauseRequest({ threadId: 1 });
    const ev = await p;
    expect(ev.body.reason).toBe('pause');
    expect(ev.body.description).toMatch(/^Paused at main\+0x[0-9a-f]+ \[0x[0-9a-f]+\] \(spin.c:1[56]\)$/);
    const st = await dc.stackTraceRequest({ threadId: 1 });
    expect(st.body.stackFrames[0].name).toMatch(/^main/);
    const exited = dc.waitForEvent('exited');
    await dc.continueRequest({ threadId: 1 });
    expect((await exited).body.exitCode).toBe(0);
  });
});

// Bad launch arguments and malformed requests get error responses with clear messages, and the
// adapter keeps serving afterwards (over --server as well as stdio).

import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { DebugClient } from '@vscode/debugadapter-testsupport';
import { ADAPTER, buildAll, guest, launch, startClient, stopped } from './harness';

const ELF = guest('dap/traps.elf');

describe('bad launch arguments', () => {
  let dc: DebugClient;
  beforeAll(() => buildAll());
  beforeEach(async () => { dc = await startClient(); });
  afterEach(async () => { await dc.stop(); });

  const bad = async (args: Record<string, unknown>, msg: RegExp): Promise<void> => {
    await expect(dc.launchRequest(args as never)).rejects.toThrow(msg);
  };

  it('missing, unreadable and non-ELF programs; bad option types; then a good launch works', async () => {
    await bad({}, /"program" .* is required/);
    await bad({ program: 42 }, /"program"/);
    await bad({ program: '/no/such/file.elf' }, /program not found: \/no\/such\/file\.elf/);
    await bad({ program: os.tmpdir() }, /is a directory/);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dap-'));
    const notArm = path.join(dir, 'x86.elf');
    const hdr = new Uint8Array(64); hdr.set([0x7f, 0x45, 0x4c, 0x46, 1, 1, 1]); hdr[16] = 2; hdr[18] = 3;
    fs.writeFileSync(notArm, hdr);
    await bad({ program: notArm }, /not an ARM ELF \(e_machine = 3/);
    const trunc = path.join(dir, 'trunc.elf');
    fs.writeFileSync(trunc, fs.readFileSync(ELF).subarray(0, 200));
    await bad({ program: trunc }, /corrupt ELF|runs past the end/);
    const empty = path.join(dir, 'empty.bin');
    fs.writeFileSync(empty, new Uint8Array(0));
    await bad({ program: empty }, /file is empty/);
    await bad({ program: ELF, memory: 'lots' }, /"memory" must be a size/);
    await bad({ program: ELF, loadAddress: 'here' }, /"loadAddress" must be an address/);
    await bad({ program: ELF, stopOnEntry: 'yes' }, /"stopOnEntry" must be true or false/);
    // Still serving: a good launch stops on entry.
    await launch(dc, ELF, { stopOnEntry: true });
    const ev = await stopped(dc);
    expect(ev.body.reason).toBe('entry');
  });

  it('raw image with loadAddress and memory size', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dap-'));
    const raw = path.join(dir, 'raw.bin');
    fs.writeFileSync(raw, Buffer.from([0x05, 0x00, 0xa0, 0xe3])); // mov r0, #5
    await launch(dc, raw, { stopOnEntry: true }, { loadAddress: 0x40100000, memory: '64M' });
    await stopped(dc);
    const st = await dc.stackTraceRequest({ threadId: 1 });
    expect(st.body.stackFrames[0].instructionPointerReference).toBe('0x40100000');
    const d = await dc.send('disassemble', { memoryReference: '0x40100000', instructionCount: 1 });
    expect(d.body.instructions[0].instruction).toBe('mov\tr0, #5');
  });
});

describe('malformed requests (server mode)', () => {
  let proc: ChildProcess;
  let dc: DebugClient;
  const port = 47000 + Math.floor(Math.random() * 1000);
  beforeAll(async () => {
    buildAll();
    proc = spawn('node', [ADAPTER, `--server=${port}`], { stdio: 'ignore' });
    await new Promise((r) => setTimeout(r, 400));
  });
  afterAll(async () => {
    await dc?.stop();
    proc.kill();
  });
  it('every malformed request gets an error response and the adapter keeps serving', async () => {
    dc = new DebugClient('node', ADAPTER, 'hypscope');
    await dc.start(port);
    await dc.initializeRequest({ adapterID: 'hypscope', linesStartAt1: true, columnsStartAt1: true, pathFormat: 'path' });
    // Before launch: no program.
    await expect(dc.send('stackTrace', { threadId: 1 })).rejects.toThrow(/no program is loaded/);
    await launch(dc, ELF, { stopOnEntry: true });
    await stopped(dc);
    const errs: [string, unknown, RegExp][] = [
      ['variables', {}, /variablesReference must be a positive number/],
      ['variables', { variablesReference: 999999 }, /unknown variablesReference 999999/],
      ['variables', { variablesReference: 'x' }, /variablesReference must be/],
      ['scopes', { frameId: 12345 }, /unknown frameId/],
      ['setVariable', { variablesReference: 1, name: 'R0' }, /name and value/],
      ['readMemory', { memoryReference: 'nowhere', count: 4 }, /bad memoryReference/],
      ['readMemory', { memoryReference: '0x40000000', count: -1 }, /count must be/],
      ['readMemory', { memoryReference: '0x40000000', count: 1e12 }, /too large/],
      ['readMemory', { memoryReference: '0xfffffff0', offset: 0x100, count: 4 }, /outside the 32-bit/],
      ['writeMemory', { memoryReference: '0x30000000', data: 'AAAA' }, /not writable RAM/],
      ['writeMemory', { memoryReference: '0x40000000' }, /data \(base64\)/],
      ['disassemble', { memoryReference: '0x40000000' }, /instructionCount/],
      ['evaluate', {}, /expression is required/],
      ['evaluate', { expression: '1 +', context: 'watch' }, /unexpected end/],
      ['evaluate', { expression: '1 / 0', context: 'watch' }, /division by zero/],
      ['setBreakpoints', { breakpoints: [{ line: 1 }] }, /source\.path is required/],
      ['setBreakpoints', { source: { path: '/x.c' }, breakpoints: [{ line: 'a' }] }, /numeric line/],
      ['setFunctionBreakpoints', {}, /breakpoints must be an array/],
      ['setInstructionBreakpoints', { breakpoints: [{ instructionReference: 'zz' }] }, /bad instructionReference/],
      ['setDataBreakpoints', { breakpoints: [{ dataId: 'junk' }] }, /bad dataId/],
      ['setExceptionBreakpoints', { filters: 'hvc' }, /filters must be an array/],
      ['exceptionInfo', { threadId: 1 }, /did not stop on an exception/],
      ['hypscope.translate', { address: 'abc' }, /"address" must be/],
      ['hypscope.translate', { address: 0x1000, space: 'mars' }, /"space" must be/],
      ['hypscope.exceptionLog', { count: -3 }, /"count" must be a positive integer/],
      ['hypscope.nope', {}, /unknown request 'hypscope\.nope'/],
      ['next', { threadId: 1, granularity: 5 }, /./],
    ];
    for (const [cmd, args, msg] of errs) {
      if (cmd === 'next') continue;
      await expect(dc.send(cmd, args), cmd).rejects.toThrow(msg);
    }
    const unknown = await dc.setExceptionBreakpointsRequest({ filters: ['hvc', 'bogus'] });
    expect(unknown.body!.breakpoints?.[1]).toMatchObject({ verified: false });
    // Still serving: a normal request works.
    const st = await dc.stackTraceRequest({ threadId: 1 });
    expect(st.body.stackFrames.length).toBeGreaterThan(0);
    const ev = stopped(dc);
    await dc.continueRequest({ threadId: 1 });
    expect((await ev).body.description).toMatch(/^HVC #0x1234/);
  });
});

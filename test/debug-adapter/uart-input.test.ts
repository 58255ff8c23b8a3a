// Input to the guest's UART: the Debug Console's `uart <text>` command, and the UART bridge behind
// the "uartTerminal" launch option (the terminal program it runs, driven through real pipes).

import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import type { DebugClient } from '@vscode/debugadapter-testsupport';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { ROOT, buildAll, collectOutput, guest, launch, startClient, stopped } from './harness';
import { UartBridge } from '../../debug-adapter/uart-bridge';

const ELF = guest('dap/echo.elf');

describe('UART input', () => {
  let dc: DebugClient;
  beforeAll(() => buildAll());
  beforeEach(async () => { dc = await startClient(); });
  afterEach(async () => { await dc.stop(); });

  it('the console command `uart` types a line the guest reads from the PL011', async () => {
    const out = collectOutput(dc);
    await launch(dc, ELF, { stopOnEntry: true });
    await stopped(dc);
    const r = await dc.evaluateRequest({ expression: 'uart hello hyp', context: 'repl' });
    expect(r.body.result).toBe('sent 10 bytes to the UART receive FIFO');
    const exited = dc.waitForEvent('exited') as Promise<DebugProtocol.ExitedEvent>;
    await dc.continueRequest({ threadId: 1 });
    expect((await exited).body.exitCode).toBe(0);
    expect(out.text).toContain("echo: got 'hello hyp'");
  });

  it('"uartTerminal" without a client that runs terminals says so and the session goes on', async () => {
    const notes: string[] = [];
    dc.on('output', (e: DebugProtocol.OutputEvent) => { if (e.body.category === 'console') notes.push(e.body.output); });
    const out = collectOutput(dc);
    const exited = dc.waitForEvent('exited') as Promise<DebugProtocol.ExitedEvent>;
    await launch(dc, ELF, {}, { uartTerminal: true });
    expect((await exited).body.exitCode).toBe(0);
    expect(notes.join('')).toContain('cannot run a terminal');
    expect(out.text).toContain('echo: no input');
  });

  it('"uartTerminal" rejects a non-boolean value', async () => {
    await expect(launch(dc, ELF, {}, { uartTerminal: 'yes' })).rejects.toThrow(/uartTerminal/);
  });
});

describe('UART bridge and terminal', () => {
  it('keys typed in the terminal reach the guest; guest output reaches the terminal with CR LF', async () => {
    const typed: string[] = [];
    const { bridge, port } = await UartBridge.open((b) => typed.push(Buffer.from(b).toString()));
    bridge.write('before connect\n'); // kept until the terminal connects
    const term = spawn(process.execPath, [path.join(ROOT, 'dist/uart-terminal.js'), String(port)], { stdio: ['pipe', 'pipe', 'pipe'] });
    let shown = '';
    term.stdout.on('data', (d: Buffer) => { shown += d.toString(); });
    await new Promise<void>((res) => { const t = setInterval(() => { if (shown.includes('before connect')) { clearInterval(t); res(); } }, 10); });
    term.stdin.write('ls\r');
    await new Promise<void>((res) => { const t = setInterval(() => { if (typed.join('') === 'ls\r') { clearInterval(t); res(); } }, 10); });
    bridge.write('after\n');
    await new Promise<void>((res) => { const t = setInterval(() => { if (shown.includes('after\r\n')) { clearInterval(t); res(); } }, 10); });
    expect(shown).toContain('before connect\r\n');
    const closed = new Promise<number | null>((res) => term.on('exit', (c) => res(c)));
    bridge.close();
    expect(await closed).toBe(0);
    expect(shown).toContain('the debug session ended');
  });
});

// The GDB remote stub (cli/gdb-server.ts) driven by real gdb-multiarch in batch mode and, at the
// protocol level, by test/harness/gdbremote.ts and a raw socket. Expected values come from what the
// guests print on their UART and from arm-none-eabi-objdump, never from the stub itself.

import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { Machine } from '../../emulator/machine';
import { GdbStub, parseGdbAddress } from '../../cli/gdb-server';
import { checksum, frame, PacketReader } from '../../cli/gdb-packets';
import { GdbRemote } from '../harness/gdbremote';

const ROOT = path.resolve(__dirname, '../..');
const HELLO = path.join(ROOT, 'test/guests/build/a32/hello.elf');
const HYP_EXC = path.join(ROOT, 'test/guests/build/ve/hyp_exc.elf');
const TOY = path.join(ROOT, 'examples/toy-hypervisor/toy-hypervisor.elf');

function haveTool(name: string): boolean {
  try {
    execFileSync(name, ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const HAVE_GDB = haveTool('gdb-multiarch');
const HAVE_GUESTS = fs.existsSync(HELLO) && fs.existsSync(HYP_EXC) && fs.existsSync(TOY);

interface Session {
  stub: GdbStub;
  port: number;
  uart: () => string;
}

const open: GdbStub[] = [];
afterEach(() => {
  for (const s of open.splice(0)) s.close();
});

/** Load an ELF as `hypscope run` does and serve it on a free port, in this process. */
async function startStub(elf: string): Promise<Session> {
  let out = '';
  const m = new Machine({ onOutput: (b) => { out += Buffer.from(b).toString('latin1'); } });
  const bytes = fs.readFileSync(elf);
  m.load(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), elf);
  const stub = new GdbStub(m);
  open.push(stub);
  const port = await stub.listen({ host: '127.0.0.1', port: 0 });
  return { stub, port, uart: () => out };
}

/** Run gdb-multiarch in batch mode against the stub; resolves with everything gdb printed. */
function gdbBatch(elf: string, port: number, cmds: string[]): Promise<string> {
  const args = ['-batch', '-nx', '-ex', 'set confirm off', '-ex', 'set pagination off', elf, '-ex', `target remote 127.0.0.1:${port}`];
  for (const c of cmds) args.push('-ex', c);
  return new Promise((res, rej) => {
    const p = spawn('gdb-multiarch', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let text = '';
    p.stdout.on('data', (d: Buffer) => { text += d.toString(); });
    p.stderr.on('data', (d: Buffer) => { text += d.toString(); });
    const t = setTimeout(() => { p.kill('SIGKILL'); rej(new Error(`gdb timed out:\n${text}`)); }, 50_000);
    p.on('close', () => { clearTimeout(t); res(text); });
  });
}

/** Value gdb printed for `p/x EXPR` as `$N = 0x...` (the nth such line). */
function printed(text: string, n: number): number {
  const m = [...text.matchAll(/^\$(\d+) = (0x[0-9a-f]+)$/gm)].find((x) => Number(x[1]) === n);
  if (!m) throw new Error(`no $${n} in gdb output:\n${text}`);
  return Number(m[2]);
}

function objdumpWords(elf: string, sym: string, count: number): number[] {
  const dis = execFileSync('arm-none-eabi-objdump', ['-d', elf], { encoding: 'utf8' });
  const start = dis.indexOf(`<${sym}>:\n`);
  const lines = dis.slice(start).split('\n').slice(1, 1 + count);
  return lines.map((l) => Number.parseInt(l.split('\t')[1].trim(), 16));
}

function symbol(elf: string, name: string): number {
  const nm = execFileSync('arm-none-eabi-nm', [elf], { encoding: 'utf8' });
  const m = new RegExp(`^([0-9a-f]{8}) \\w ${name}$`, 'm').exec(nm);
  if (!m) throw new Error(`no symbol ${name}`);
  return Number.parseInt(m[1], 16);
}

describe('gdb stub: address parsing', () => {
  it('accepts PORT, HOST:PORT and QEMU tcp::PORT, defaults to 1234', () => {
    expect(parseGdbAddress('')).toEqual({ host: '127.0.0.1', port: 1234 });
    expect(parseGdbAddress('5555')).toEqual({ host: '127.0.0.1', port: 5555 });
    expect(parseGdbAddress('0.0.0.0:77')).toEqual({ host: '0.0.0.0', port: 77 });
    expect(parseGdbAddress('tcp::1235')).toEqual({ host: '127.0.0.1', port: 1235 });
    expect(() => parseGdbAddress('banana')).toThrow(/not a port/);
    expect(() => parseGdbAddress('70000')).toThrow(/not a port/);
  });
});

describe('gdb stub: packet framing', () => {
  it('frames with a modulo-256 checksum and escapes #$}*', () => {
    expect(frame('OK')).toBe('$OK#9a');
    expect(frame('a#b')).toBe(`$a}\x03b#${checksum('a}\x03b').toString(16).padStart(2, '0')}`);
  });
  it('splits acks, interrupts, good and bad packets, across chunk boundaries', () => {
    const r = new PacketReader();
    expect(r.feed('+$g#6')).toEqual([{ kind: 'ack' }]);
    expect(r.feed('7-\x03$g#00junk')).toEqual([
      { kind: 'packet', data: 'g' }, { kind: 'nak' }, { kind: 'interrupt' }, { kind: 'bad-checksum', data: 'g' },
    ]);
  });
});

describe.skipIf(!HAVE_GUESTS)('gdb stub: protocol', () => {
  /** A raw connection: what the stub writes, byte for byte. */
  async function raw(port: number): Promise<{ sock: net.Socket; read: (n: number) => Promise<string> }> {
    const sock = net.createConnection({ port, host: '127.0.0.1' });
    await new Promise<void>((res) => sock.once('connect', () => res()));
    sock.setEncoding('latin1');
    let buf = '';
    const waiters: (() => void)[] = [];
    sock.on('data', (d: string) => { buf += d; for (const w of waiters.splice(0)) w(); });
    const read = async (n: number): Promise<string> => {
      while (buf.length < n) await new Promise<void>((res) => waiters.push(res));
      const s = buf.slice(0, n);
      buf = buf.slice(n);
      return s;
    };
    return { sock, read };
  }

  it('acks good packets, naks bad checksums, resends on nak, answers unknown packets empty', async () => {
    const s = await startStub(HELLO);
    const { sock, read } = await raw(s.port);
    sock.write('$qFooBar#' + checksum('qFooBar').toString(16).padStart(2, '0'));
    expect(await read(5)).toBe('+$#00');
    sock.write('+$g#00'); // wrong checksum
    expect(await read(1)).toBe('-');
    sock.write('$?#3f');
    const stop = frame('T05thread:01;');
    expect(await read(1 + stop.length)).toBe('+' + stop);
    sock.write('-'); // nak: the stub sends its last packet again
    expect(await read(stop.length)).toBe(stop);
    sock.write('+$QStartNoAckMode#b0');
    expect(await read(7)).toBe('+$OK#9a');
    sock.write('+$qC#b4'); // no acks from now on
    expect(await read(frame('QC01').length)).toBe(frame('QC01'));
    sock.destroy();
  });

  it('serves target.xml, registers, memory with E14 for unmapped addresses, breakpoints and vCont', async () => {
    const s = await startStub(HELLO);
    const g = await GdbRemote.connect(s.port);
    try {
      const names = g.registers().map((r) => r.name);
      for (const n of ['r0', 'sp', 'lr', 'pc', 'cpsr', 'd0', 'd31', 'fpscr', 'SP_svc', 'LR_svc', 'SPSR_svc', 'SP_hyp', 'SPSR_hyp', 'ELR_hyp', 'R8_fiq', 'R12_fiq', 'HCR', 'HSR', 'HDFAR', 'HIFAR', 'HPFAR', 'HVBAR', 'HSCTLR', 'VTTBR', 'VTCR', 'SCTLR', 'TTBR0', 'VBAR', 'DFSR', 'DFAR']) {
        expect(names).toContain(n);
      }
      expect(g.registers().find((r) => r.name === 'VTTBR')?.bitsize).toBe(64);
      expect(g.registers().find((r) => r.name === 'd7')?.bitsize).toBe(64);
      expect(g.regNumber('cpsr')).toBe(25); // GDB's arm-core.xml numbering, as QEMU
      // The core waits at the ELF entry (readelf) in Hyp mode, as QEMU boots -kernel.
      const entry = Number(/Entry point address:\s+(0x[0-9a-f]+)/.exec(execFileSync('arm-none-eabi-readelf', ['-h', HELLO], { encoding: 'utf8' }))![1]);
      const core = await g.readCoreRegs();
      expect(core.r[15]).toBe(entry);
      expect(core.cpsr & 0x1f).toBe(0x1a);
      // Memory: instruction words as objdump shows them; unmapped addresses are errors, not zeros.
      const main = symbol(HELLO, 'main');
      const words = objdumpWords(HELLO, 'main', 3);
      const mem = await g.readMemory(main, 12);
      expect([mem.readUInt32LE(0), mem.readUInt32LE(4), mem.readUInt32LE(8)]).toEqual(words);
      expect(await g.request('me0000000,4')).toBe('E14');
      expect(await g.request('mzz,4')).toMatch(/^E/);
      expect(await g.request('qFooBar')).toBe('');
      expect(await g.request('vCont?')).toBe('vCont;c;C;s;S');
      expect(await g.request('qAttached')).toBe('1');
      expect(await g.request('qfThreadInfo')).toBe('m01');
      expect(await g.request('qsThreadInfo')).toBe('l');
      // Registers: P then p, and a memory write read back (M and X).
      await g.writeRegister(g.regNumber('r5')!, 0x12345678);
      expect(await g.readRegisterByName('r5')).toBe(0x12345678n);
      await g.writeRegister(g.regNumber('SP_svc')!, 0x40001000);
      expect(await g.readRegisterByName('SP_svc')).toBe(0x40001000n);
      const scratch = 0x40100000;
      await g.writeMemory(scratch, Buffer.from([1, 2, 3, 4]));
      expect(await g.request(`X${scratch.toString(16)},4:#$$*`)).toBe('OK'); // the client escapes #, $ and *
      expect([...(await g.readMemory(scratch, 4))]).toEqual([0x23, 0x24, 0x24, 0x2a]);
      expect(await g.request('Me0000000,1:00')).toBe('E14');
      // A breakpoint at main: continue stops there with swbreak; vCont;s steps one instruction.
      await g.setBreakpoint(main);
      const st = await g.cont();
      expect(st.raw).toMatch(/^T05.*swbreak:;/);
      expect((await g.readCoreRegs()).r[15]).toBe(main);
      expect(await g.request('vCont;s:1;c')).toMatch(/^T05/);
      expect((await g.readCoreRegs()).r[15]).toBe(main + 4);
      await g.clearBreakpoint(main);
      // Monitor commands.
      expect(await g.monitor('hsr')).toMatch(/^HSR = 0x/);
      expect(await g.monitor('translate 0x40010000')).toMatch(/=> PA 0x40010000/);
      expect(await g.monitor('exceptions')).toMatch(/eret hyp -> svc/);
      expect(await g.monitor('frobnicate')).toMatch(/unknown monitor command/);
      // Run to the end: W with the guest's exit code (hello returns 7).
      expect((await g.cont()).raw).toBe('W07');
      expect(await s.stub.done).toBe(7);
      expect(s.uart()).toContain('hello from svc mode');
    } finally {
      g.close();
    }
  });

  it('Ctrl-C (0x03) pauses a running guest with SIGINT; k kills it', async () => {
    const s = await startStub(HELLO);
    const g = await GdbRemote.connect(s.port);
    const pc = (await g.readCoreRegs()).r[15];
    await g.writeMemory(pc, Buffer.from([0xfe, 0xff, 0xff, 0xea])); // b . (objdump: eafffffe)
    const stop = g.request('c');
    await new Promise((r) => setTimeout(r, 300));
    (g as unknown as { sock: net.Socket }).sock.write('\x03');
    expect(await stop).toMatch(/^T02/);
    expect((await g.readCoreRegs()).r[15]).toBe(pc);
    g.close(); // sends k
    expect(await s.stub.done).toBe(0);
    expect(s.uart()).toBe('');
  });

  it('after a detach the guest runs on; a new gdb attaching stops it', async () => {
    const s = await startStub(HELLO);
    const g = await GdbRemote.connect(s.port);
    const pc = (await g.readCoreRegs()).r[15];
    await g.writeMemory(pc, Buffer.from([0xfe, 0xff, 0xff, 0xea])); // b .
    expect(await g.request('D')).toBe('OK');
    (g as unknown as { sock: net.Socket }).sock.destroy();
    await new Promise((r) => setTimeout(r, 200));
    const g2 = await GdbRemote.connect(s.port); // its handshake ends with '?'
    expect(await g2.request('?')).toMatch(/^T05/);
    expect((await g2.readCoreRegs()).r[15]).toBe(pc);
    // Only one debugger at a time.
    await expect(GdbRemote.connect(s.port, '127.0.0.1', 300)).rejects.toThrow();
    g2.close();
    expect(await s.stub.done).toBe(0);
  });
});

describe.skipIf(!HAVE_GDB || !HAVE_GUESTS)('gdb stub with gdb-multiarch', () => {
  it('hello.elf: break main, registers and system registers match what the guest prints, x/4wx, stepi', async () => {
    const s = await startStub(HELLO);
    const out = await gdbBatch(HELLO, s.port, [
      'break main', 'continue',
      'p/x $cpsr', 'p/x $SCTLR', 'p/x $MIDR', 'p/x $VBAR', 'p/x $MPIDR',
      'x/4wx main', 'stepi', 'p/x $pc',
      'info registers HSR SP_svc SPSR_hyp ELR_hyp VTTBR HCR',
      'monitor hsr',
      'continue',
    ]);
    expect(out).toMatch(/Breakpoint 1, main \(\) at a32\/hello\.c/);
    const uart = s.uart();
    const hexOf = (re: RegExp): number => Number.parseInt(re.exec(uart)![1], 16);
    expect(printed(out, 1)).toBe(hexOf(/cpsr=([0-9a-f]{8})/));
    expect(printed(out, 2)).toBe(hexOf(/sctlr=([0-9a-f]{8})/));
    expect(printed(out, 3)).toBe(hexOf(/midr=([0-9a-f]{8})/));
    expect(printed(out, 4)).toBe(hexOf(/vbar=([0-9a-f]{8})/));
    expect(printed(out, 5)).toBe(hexOf(/mpidr=([0-9a-f]{8})/));
    const main = symbol(HELLO, 'main');
    const words = objdumpWords(HELLO, 'main', 4).map((w) => `0x${w.toString(16).padStart(8, '0')}`);
    expect(out).toContain(`<main>:\t${words.join('\t')}`);
    expect(printed(out, 6)).toBe(main + 4);
    for (const r of ['HSR', 'SP_svc', 'SPSR_hyp', 'ELR_hyp', 'VTTBR', 'HCR']) expect(out).toMatch(new RegExp(`^${r}\\s+0x[0-9a-f]+`, 'm'));
    expect(out).toMatch(/HSR = 0x[0-9a-f]{8}: EC/);
    expect(out).toMatch(/exited with code 07/);
    expect(await s.stub.done).toBe(7);
  });

  it('hyp_exc.elf: HSR, ELR_hyp and SPSR_hyp at the Hyp handler match the guest', async () => {
    const s = await startStub(HYP_EXC);
    const out = await gdbBatch(HYP_EXC, s.port, [
      'break hyp_handler', 'continue',
      'p/x $HSR', 'p/x $ELR_hyp', 'p/x $SPSR_hyp', 'p/x $HVBAR', 'p/x f->hsr',
      'info registers HSR ELR_hyp',
      'delete', 'continue',
    ]);
    const uart = s.uart();
    const first = /hyp hvc: elr=([0-9a-f]{8}) spsr=([0-9a-f]{8})\(hyp\) hsr=([0-9a-f]{8})/.exec(uart)!;
    expect(printed(out, 1)).toBe(Number.parseInt(first[3], 16));
    expect(printed(out, 2)).toBe(Number.parseInt(first[1], 16));
    expect(printed(out, 3)).toBe(Number.parseInt(first[2], 16));
    expect(printed(out, 4)).toBe(Number.parseInt(/hvbar=([0-9a-f]{8})/.exec(uart)![1], 16));
    expect(printed(out, 5)).toBe(Number.parseInt(first[3], 16));
    expect(out).toMatch(new RegExp(`^HSR\\s+0x${first[3].replace(/^0+/, '')}`, 'm'));
    expect(out).toMatch(/exited normally/);
    expect(await s.stub.done).toBe(0);
  });

  it('toy hypervisor: hyp_trap breakpoint with stage-2 registers, write and read watchpoints, detach runs on', async () => {
    const s = await startStub(TOY);
    const out = await gdbBatch(TOY, s.port, [
      'break hyp_trap', 'continue',
      'p/x $HCR', 'info registers VTTBR VTCR HSCTLR',
      'delete', 'watch stats[1]', 'continue', 'p stats[1]',
      'delete', 'rwatch irq_stats[0]', 'continue',
      'delete', 'detach',
    ]);
    expect(out).toMatch(/Breakpoint 1, hyp_trap/);
    // The hypervisor prints the HCR it programs: "[hyp] HCR = 0x04082039, ...".
    expect(printed(out, 1)).toBe(Number.parseInt(/HCR = 0x([0-9a-f]{8})/.exec(s.uart())![1], 16));
    expect(out).toMatch(/^VTTBR\s+0x[0-9a-f]+/m);
    expect(out).toMatch(/Hardware watchpoint 2: stats\[1\]\s+Old value = 0\s+New value = 1/);
    expect(out).toMatch(/Hardware read watchpoint 3: irq_stats\[0\]\s+Value = 0/);
    expect(out).toMatch(/in hyp_irq/);
    expect(out).toMatch(/Inferior 1 \(Remote target\) detached/);
    expect(await s.stub.done).toBe(0);
    expect(s.uart()).toContain('[hyp] guest exited with code 0');
  });

  it('kill ends the session without running the guest on', async () => {
    const s = await startStub(TOY);
    const out = await gdbBatch(TOY, s.port, ['break hyp_trap', 'continue', 'kill']);
    expect(out).toMatch(/Breakpoint 1, hyp_trap/);
    expect(await s.stub.done).toBe(0);
    expect(s.uart()).not.toContain('guest exited');
  });
});

describe.skipIf(!HAVE_GDB || !HAVE_GUESTS)('hypscope run --gdb (the CLI)', () => {
  let cli = '';
  beforeAll(async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hypscope-gdb-'));
    cli = path.join(dir, 'cli.js');
    const esbuild = await import('esbuild');
    await esbuild.build({ entryPoints: [path.join(ROOT, 'cli/main.ts')], bundle: true, platform: 'node', target: 'node20', format: 'cjs', outfile: cli, logLevel: 'error' });
  });

  async function viaCli(args: string[], cmds: string[]): Promise<{ code: number | null; stdout: string; stderr: string; gdb: string }> {
    const p = spawn(process.execPath, [cli, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
    const port = await new Promise<number>((res, rej) => {
      p.stderr.on('data', (d: Buffer) => {
        stderr += d.toString();
        const m = /waiting for gdb on 127\.0\.0\.1:(\d+)/.exec(stderr);
        if (m) res(Number(m[1]));
      });
      p.once('exit', () => rej(new Error(`hypscope exited: ${stderr}`)));
    });
    const code = new Promise<number | null>((res) => p.once('exit', (c) => res(c)));
    const gdb = await gdbBatch(args[args.length - 1].endsWith('.elf') ? args[args.length - 1] : args[1], port, cmds);
    return { code: await code, stdout, stderr, gdb };
  }

  it('run FILE --gdb=0 waits for gdb, then exits with the guest code and UART on stdout', async () => {
    const r = await viaCli(['run', '--gdb=0', HELLO], ['continue']);
    expect(r.gdb).toMatch(/exited with code 07/);
    expect(r.code).toBe(7);
    expect(r.stdout).toContain('hello from svc mode');
  });

  it('gdb FILE --port 0 is the same; kill exits 0', async () => {
    const r = await viaCli(['gdb', HELLO, '--port', '0'], ['break main', 'continue', 'kill']);
    expect(r.gdb).toMatch(/Breakpoint 1, main/);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
  });

  it('a bad --gdb value is a usage error', () => {
    let status = 0;
    let err = '';
    try {
      execFileSync(process.execPath, [cli, 'run', HELLO, '--gdb=banana'], { stdio: 'pipe' });
    } catch (e) {
      status = (e as { status: number }).status;
      err = String((e as { stderr: Buffer }).stderr);
    }
    expect(status).toBe(2);
    expect(err).toMatch(/--gdb: 'banana' is not a port/);
  });
});

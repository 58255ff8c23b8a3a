/**
 * Minimal GDB remote serial protocol client for lock-step runs against
 * QEMU's gdb stub (`qemu-system-arm ... -gdb tcp::PORT -S`).
 *
 * QEMU 7.2 arm register layout (measured, see test/guests/README.md): once
 * the client has read target.xml (which makes QEMU drop the legacy FPA
 * registers), the `g` packet is r0..r15 followed by cpsr, each 4 bytes
 * little-endian: 68 bytes. Register numbers for `p`/`P`: r0..r15 = 0..15,
 * cpsr = 25 (0x19); further numbers (VFP, cp15 "system registers") come from
 * the feature XML files and are available via regNumber(name).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { Socket, createConnection, createServer } from 'node:net';
import { QEMU_BASE_ARGS, qemuBinary } from './qemu';

export interface CoreRegs {
  /** r0..r15 */
  r: number[];
  cpsr: number;
}

export interface StopReply {
  raw: string;
  signal: number;
  /** Process exited (W/X reply). */
  exited: boolean;
}

export interface RegInfo {
  name: string;
  regnum: number;
  bitsize: number;
  feature: string;
}

function checksum(s: string): string {
  let sum = 0;
  for (let i = 0; i < s.length; i++) sum = (sum + s.charCodeAt(i)) & 0xff;
  return sum.toString(16).padStart(2, '0');
}

/** Escape '#', '$', '}' and '*' in a binary-ish payload. */
function escapePayload(s: string): string {
  return s.replace(/[#$}*]/g, (c) => '}' + String.fromCharCode(c.charCodeAt(0) ^ 0x20));
}

/** Undo escaping and run-length encoding of a received packet body. */
export function decodePayload(body: string): string {
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i] ?? '';
    if (c === '}') {
      out += String.fromCharCode((body.charCodeAt(++i) ^ 0x20) & 0xff);
    } else if (c === '*') {
      const n = body.charCodeAt(++i) - 29;
      const prev = out[out.length - 1] ?? '';
      out += prev.repeat(n);
    } else {
      out += c;
    }
  }
  return out;
}

function le32Hex(v: number): string {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(v >>> 0, 0);
  return b.toString('hex');
}

export class GdbRemote {
  private sock: Socket;
  private buf = '';
  private waiters: Array<(pkt: string) => void> = [];
  private queue: string[] = [];
  private ackMode = true;
  private closed = false;
  private closeError: Error | undefined;
  private regs: RegInfo[] = [];

  private constructor(sock: Socket) {
    this.sock = sock;
    sock.setNoDelay(true);
    sock.setEncoding('latin1');
    sock.on('data', (d: string) => this.onData(d));
    sock.on('close', () => this.onClose(new Error('gdb connection closed')));
    sock.on('error', (e: Error) => this.onClose(e));
  }

  /** Connect, retrying until `timeoutMs` (QEMU may still be starting). */
  static async connect(port: number, host = '127.0.0.1', timeoutMs = 5000): Promise<GdbRemote> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        const sock = await new Promise<Socket>((res, rej) => {
          const s = createConnection({ port, host });
          s.once('connect', () => res(s));
          s.once('error', rej);
        });
        const g = new GdbRemote(sock);
        await g.handshake();
        return g;
      } catch (e) {
        if (Date.now() > deadline) throw e;
        await new Promise((r) => setTimeout(r, 50));
      }
    }
  }

  private onClose(e: Error): void {
    if (this.closed) return;
    this.closed = true;
    this.closeError = e;
    const ws = this.waiters;
    this.waiters = [];
    for (const w of ws) w('\u0000closed');
  }

  private onData(d: string): void {
    this.buf += d;
    for (;;) {
      // Skip acks and anything before a packet start.
      let start = this.buf.indexOf('$');
      const notif = this.buf.indexOf('%');
      if (notif >= 0 && (start < 0 || notif < start)) start = notif;
      if (start < 0) {
        this.buf = '';
        return;
      }
      const hash = this.buf.indexOf('#', start);
      if (hash < 0 || this.buf.length < hash + 3) {
        this.buf = this.buf.slice(start);
        return;
      }
      const isNotification = this.buf[start] === '%';
      const body = this.buf.slice(start + 1, hash);
      this.buf = this.buf.slice(hash + 3);
      if (this.ackMode) this.sock.write('+');
      if (isNotification) continue;
      const pkt = decodePayload(body);
      const w = this.waiters.shift();
      if (w !== undefined) w(pkt);
      else this.queue.push(pkt);
    }
  }

  private nextPacket(): Promise<string> {
    const q = this.queue.shift();
    if (q !== undefined) return Promise.resolve(q);
    if (this.closed) return Promise.reject(this.closeError ?? new Error('closed'));
    return new Promise<string>((res, rej) => {
      this.waiters.push((p) => {
        if (p === '\u0000closed') rej(this.closeError ?? new Error('closed'));
        else res(p);
      });
    });
  }

  /** Send one packet and wait for the reply packet. */
  async request(payload: string): Promise<string> {
    if (this.closed) throw this.closeError ?? new Error('closed');
    const body = escapePayload(payload);
    this.sock.write(`$${body}#${checksum(body)}`);
    return this.nextPacket();
  }

  /** Send a packet that has no reply (e.g. 'k'). */
  send(payload: string): void {
    if (this.closed) return;
    const body = escapePayload(payload);
    this.sock.write(`$${body}#${checksum(body)}`);
  }

  private async handshake(): Promise<void> {
    await this.request('qSupported:multiprocess-;swbreak+;hwbreak+;xmlRegisters=arm');
    const r = await this.request('QStartNoAckMode');
    if (r === 'OK') this.ackMode = false;
    await this.loadTargetDescription();
    await this.request('?');
  }

  private async readXfer(annex: string): Promise<string> {
    let out = '';
    for (;;) {
      const r = await this.request(`qXfer:features:read:${annex}:${out.length.toString(16)},ffb`);
      if (r.startsWith('E') || r === '') throw new Error(`qXfer ${annex}: ${r}`);
      out += r.slice(1);
      if (r[0] === 'l') return out;
    }
  }

  /** Read target.xml and its includes; this also switches QEMU to the XML register layout. */
  private async loadTargetDescription(): Promise<void> {
    const regs: RegInfo[] = [];
    let next = 0;
    const visit = async (annex: string, depth: number): Promise<void> => {
      const xml = await this.readXfer(annex);
      let feature = annex;
      const tagRe = /<(xi:include|reg|feature)\b([^>]*)>/g;
      let m: RegExpExecArray | null;
      while ((m = tagRe.exec(xml)) !== null) {
        const attrs = m[2] ?? '';
        const attr = (n: string): string | undefined => new RegExp(`\\b${n}="([^"]*)"`).exec(attrs)?.[1];
        if (m[1] === 'xi:include') {
          const href = attr('href');
          if (href !== undefined && depth < 4) await visit(href, depth + 1);
        } else if (m[1] === 'feature') {
          feature = attr('name') ?? annex;
        } else {
          const name = attr('name') ?? '';
          const rn = attr('regnum');
          const regnum = rn !== undefined ? Number(rn) : next;
          next = regnum + 1;
          regs.push({ name, regnum, bitsize: Number(attr('bitsize') ?? '32'), feature });
        }
      }
    };
    await visit('target.xml', 0);
    this.regs = regs;
  }

  /** Registers from the target description. */
  registers(): readonly RegInfo[] {
    return this.regs;
  }

  regNumber(name: string): number | undefined {
    const lower = name.toLowerCase();
    return this.regs.find((r) => r.name.toLowerCase() === lower)?.regnum;
  }

  /** r0..r15 and cpsr via one `g` packet. */
  async readCoreRegs(): Promise<CoreRegs> {
    const hex = await this.request('g');
    if (hex.startsWith('E') || hex.length < 17 * 8) throw new Error(`g: ${hex.slice(0, 40)}`);
    const b = Buffer.from(hex.slice(0, 17 * 8), 'hex');
    const r: number[] = [];
    for (let i = 0; i < 16; i++) r.push(b.readUInt32LE(i * 4));
    return { r, cpsr: b.readUInt32LE(64) };
  }

  /** One register by number (`p`), up to 64 bits; returned as bigint. */
  async readRegister(regnum: number): Promise<bigint> {
    const hex = await this.request(`p${regnum.toString(16)}`);
    if (hex.startsWith('E') || hex === '') throw new Error(`p${regnum.toString(16)}: ${hex}`);
    const b = Buffer.from(hex, 'hex');
    let v = 0n;
    for (let i = b.length - 1; i >= 0; i--) v = (v << 8n) | BigInt(b[i] ?? 0);
    return v;
  }

  async readRegisterByName(name: string): Promise<bigint> {
    const n = this.regNumber(name);
    if (n === undefined) throw new Error(`unknown register ${name}`);
    return this.readRegister(n);
  }

  async writeRegister(regnum: number, value: number): Promise<void> {
    const r = await this.request(`P${regnum.toString(16)}=${le32Hex(value)}`);
    if (r !== 'OK') throw new Error(`P${regnum.toString(16)}: ${r}`);
  }

  async readMemory(addr: number, len: number): Promise<Buffer> {
    const out: Buffer[] = [];
    let done = 0;
    while (done < len) {
      const n = Math.min(len - done, 0x400);
      const hex = await this.request(`m${((addr + done) >>> 0).toString(16)},${n.toString(16)}`);
      if (hex.startsWith('E') || hex === '') throw new Error(`m${(addr + done).toString(16)}: ${hex}`);
      out.push(Buffer.from(hex, 'hex'));
      done += n;
    }
    return Buffer.concat(out);
  }

  async readWord(addr: number): Promise<number> {
    return (await this.readMemory(addr, 4)).readUInt32LE(0);
  }

  async writeMemory(addr: number, data: Buffer): Promise<void> {
    const r = await this.request(`M${(addr >>> 0).toString(16)},${data.length.toString(16)}:${data.toString('hex')}`);
    if (r !== 'OK') throw new Error(`M${addr.toString(16)}: ${r}`);
  }

  private static parseStop(raw: string): StopReply {
    const kind = raw[0];
    const sig = Number.parseInt(raw.slice(1, 3), 16);
    return { raw, signal: Number.isNaN(sig) ? 0 : sig, exited: kind === 'W' || kind === 'X' };
  }

  /** Single-step one instruction. */
  async step(): Promise<StopReply> {
    return GdbRemote.parseStop(await this.request('s'));
  }

  /** Continue until a breakpoint or stop. */
  async cont(): Promise<StopReply> {
    return GdbRemote.parseStop(await this.request('c'));
  }

  async setBreakpoint(addr: number, kind = 4): Promise<void> {
    const r = await this.request(`Z0,${(addr >>> 0).toString(16)},${kind}`);
    if (r !== 'OK') throw new Error(`Z0: ${r}`);
  }

  async clearBreakpoint(addr: number, kind = 4): Promise<void> {
    const r = await this.request(`z0,${(addr >>> 0).toString(16)},${kind}`);
    if (r !== 'OK') throw new Error(`z0: ${r}`);
  }

  /** Monitor command (qRcmd), returns the console output. */
  async monitor(cmd: string): Promise<string> {
    let out = '';
    let r = await this.request(`qRcmd,${Buffer.from(cmd).toString('hex')}`);
    while (r.startsWith('O') && r !== 'OK') {
      out += Buffer.from(r.slice(1), 'hex').toString();
      r = await this.nextPacket();
    }
    return out;
  }

  /** Kill the target and close the socket. */
  close(): void {
    if (!this.closed) {
      this.send('k');
      this.sock.end();
      this.sock.destroy();
      this.closed = true;
    }
  }
}

/** Ask the OS for a free TCP port. */
export function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.once('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr !== null ? addr.port : 0;
      srv.close(() => res(port));
    });
  });
}

export interface QemuGdbSession {
  gdb: GdbRemote;
  qemu: ChildProcess;
  /** UART output so far. */
  uart: () => string;
  /** Kill QEMU and close the connection. */
  close: () => Promise<void>;
}

/** Start QEMU halted at the ELF entry with a gdb stub and connect to it. */
export async function startQemuGdb(elf: string, opts: { qemu?: string; extraArgs?: string[] } = {}): Promise<QemuGdbSession> {
  const port = await freePort();
  const args = [...QEMU_BASE_ARGS, ...(opts.extraArgs ?? []), '-gdb', `tcp:127.0.0.1:${port}`, '-S', '-kernel', elf];
  const qemu = spawn(qemuBinary({ qemu: opts.qemu }), args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  qemu.stdout?.setEncoding('latin1');
  qemu.stdout?.on('data', (d: string) => {
    out += d;
  });
  qemu.stderr?.resume();
  const exited = new Promise<void>((res) => qemu.once('exit', () => res()));
  let gdb: GdbRemote;
  try {
    gdb = await GdbRemote.connect(port);
  } catch (e) {
    qemu.kill('SIGKILL');
    throw e;
  }
  return {
    gdb,
    qemu,
    uart: () => out,
    close: async () => {
      gdb.close();
      if (qemu.exitCode === null && qemu.signalCode === null) {
        const t = setTimeout(() => qemu.kill('SIGKILL'), 1000);
        await exited;
        clearTimeout(t);
      }
    },
  };
}

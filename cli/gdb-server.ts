// A GDB remote stub over TCP for `hypscope run --gdb`: all-stop, one thread, the core halted at its
// first instruction until gdb attaches (like QEMU -s -S). GDB manual, Appendix E "Remote Protocol".

import * as net from 'node:net';
import type { Machine, StopReason } from '../emulator/machine';
import { BreakpointSet } from '../emulator/debug/breakpoints';
import { DebugMemory, currentSpace } from '../emulator/debug/memory';
import { UsageError } from './args';
import { describeStop, RunError } from './stop';
import { frame, hexToText, le32, MAX_PACKET, PacketReader, parseHexField, parseLe32, textToHex, unescapeBinary, type Incoming } from './gdb-packets';
import { gdbRegisters, targetXml, type GdbReg } from './gdb-regs';
import { monitorCommand } from './gdb-monitor';

/** Instructions per slice: long enough for full speed, short enough that Ctrl-C answers at once. */
const SLICE = 1_000_000;
const DEFAULT_PORT = 1234;
/** Error replies: errno values as gdbserver uses them (EFAULT for memory, EINVAL for bad requests). */
const E_FAULT = 'E14';
const E_INVAL = 'E16';

export interface GdbAddress {
  readonly host: string;
  readonly port: number;
}

/** `--gdb` value: empty (port 1234), `PORT`, `HOST:PORT` or QEMU's `tcp::PORT`. Port 0 = any free port. */
export function parseGdbAddress(spec: string): GdbAddress {
  const m = /^(?:tcp:)?(?:([^:]*):)?(\d+)$/.exec(spec.trim());
  if (spec.trim() === '') return { host: '127.0.0.1', port: DEFAULT_PORT };
  const port = m ? Number(m[2]) : NaN;
  if (!m || !Number.isInteger(port) || port > 65535) throw new UsageError(`--gdb: '${spec}' is not a port (use --gdb, --gdb=PORT or --gdb=HOST:PORT)`);
  return { host: m[1] || '127.0.0.1', port };
}

interface Watch {
  readonly type: 2 | 3 | 4; // Z2 write, Z3 read, Z4 access
  readonly addr: number;
  readonly len: number;
  readonly ranges: readonly { readonly pa: number; readonly len: number }[];
}

const WATCH_NAMES = { 2: 'watch', 3: 'rwatch', 4: 'awatch' } as const;
const hex8 = (v: number): string => (v >>> 0).toString(16).padStart(8, '0');

type State = 'stopped' | 'running' | 'stepping' | 'free' | 'done';

export class GdbStub {
  private readonly regs: readonly GdbReg[] = gdbRegisters();
  private readonly xml: string;
  private readonly memory: DebugMemory;
  private readonly bps: BreakpointSet;
  private readonly swBps = new Set<number>();
  private readonly hwBps = new Set<number>();
  private bpIds = new Set<number>();
  private nextId = 1;
  private watches: Watch[] = [];
  private watchHit: { w: Watch } | undefined;
  private interrupted = false;
  private state: State = 'stopped';
  private lastStop = 'T05thread:01;';
  private server: net.Server | undefined;
  private sock: net.Socket | undefined;
  private reader = new PacketReader();
  private ackMode = true;
  private lastSent = '';
  private pending: string[] = [];
  private resolveDone: ((code: number) => void) | undefined;
  private rejectDone: ((e: Error) => void) | undefined;
  /** Resolves with the exit code for the hypscope process. */
  readonly done: Promise<number>;

  constructor(private readonly m: Machine, private readonly log: (line: string) => void = () => {}) {
    this.xml = targetXml(this.regs);
    this.memory = new DebugMemory(m);
    this.bps = new BreakpointSet(m.bus);
    m.breakpoints = this.bps;
    m.cpu.onWatch = (va, pa, size, write) => this.onWatch(va, pa, size, write);
    this.done = new Promise<number>((res, rej) => {
      this.resolveDone = res;
      this.rejectDone = rej;
    });
  }

  /** Start listening; resolves with the port actually bound (useful with port 0). */
  listen(addr: GdbAddress): Promise<number> {
    return new Promise((res, rej) => {
      const srv = net.createServer((s) => this.accept(s));
      srv.once('error', (e: NodeJS.ErrnoException) => rej(new RunError(`--gdb: cannot listen on ${addr.host}:${addr.port} (${e.code ?? e.message})`, 2)));
      srv.listen(addr.port, addr.host, () => {
        const a = srv.address();
        res(typeof a === 'object' && a !== null ? a.port : addr.port);
      });
      this.server = srv;
    });
  }

  // ------------------------------------------------------------------ connection

  private accept(s: net.Socket): void {
    if (this.sock || this.state === 'done') {
      // One debugger at a time, as QEMU's stub.
      s.end(frame('E01'));
      s.destroy();
      return;
    }
    this.sock = s;
    this.reader = new PacketReader();
    this.ackMode = true;
    s.setNoDelay(true);
    s.setEncoding('latin1');
    s.on('data', (d: string) => this.onData(d));
    s.on('close', () => this.onClose(s));
    s.on('error', () => {});
    this.log('gdb connected');
    // A debugger attaching to a guest that runs on after a detach stops it (all-stop).
    if (this.state === 'free') this.m.requestPause(); // freeStop() hands the core over
  }

  private onClose(s: net.Socket): void {
    if (this.sock !== s) return;
    this.sock = undefined;
    if (this.state === 'done') return;
    // gdb went away without killing: the guest runs on, as QEMU resumes the VM.
    this.log('gdb disconnected; the guest runs on');
    this.runFree();
  }

  private send(payload: string): void {
    const p = frame(payload);
    this.lastSent = p;
    this.sock?.write(p, 'latin1');
  }

  private onData(d: string): void {
    for (const ev of this.reader.feed(d)) this.onIncoming(ev);
  }

  private onIncoming(ev: Incoming): void {
    switch (ev.kind) {
      case 'ack':
        return;
      case 'nak':
        if (this.ackMode && this.lastSent) this.sock?.write(this.lastSent, 'latin1');
        return;
      case 'interrupt':
        if (this.state === 'running' || this.state === 'stepping') {
          this.interrupted = true;
          this.m.requestPause();
        }
        return;
      case 'bad-checksum':
        if (this.ackMode) this.sock?.write('-');
        return;
      case 'packet':
        if (this.ackMode) this.sock?.write('+');
        // All-stop: gdb sends nothing while the core runs but interrupts; hold anything else until the stop.
        if (this.state !== 'stopped') this.pending.push(ev.data);
        else this.handle(ev.data);
        return;
    }
  }

  // ------------------------------------------------------------------ packets

  private handle(p: string): void {
    const reply = this.dispatch(p);
    if (reply !== undefined) this.send(reply);
  }

  /** Reply to one packet; undefined when the reply comes later (resume) or never (kill). */
  private dispatch(p: string): string | undefined {
    const c = p[0];
    switch (c) {
      case '?': return this.lastStop;
      case 'g': return this.regs.map((r) => r.read(this.m.cpu).map(le32).join('')).join('');
      case 'G': return this.writeAll(p.slice(1));
      case 'p': return this.readReg(p.slice(1));
      case 'P': return this.writeReg(p.slice(1));
      case 'm': return this.readMem(p.slice(1));
      case 'M': return this.writeMem(p.slice(1), false);
      case 'X': return this.writeMem(p.slice(1), true);
      case 'c': case 's': case 'C': case 'S': return this.resumeFrom(c, p.slice(1));
      case 'Z': case 'z': return this.point(c === 'Z', p.slice(1));
      case 'k': this.kill(); return undefined;
      case 'D': this.detach(); return undefined;
      case 'H': return 'OK';
      case 'T': return p === 'T1' || p === 'T01' || p === 'Tp1.1' ? 'OK' : 'E01';
      case 'q': return this.query(p);
      case 'Q': return p === 'QStartNoAckMode' ? this.noAck() : '';
      case 'v': return this.vPacket(p);
      default: return '';
    }
  }

  private noAck(): undefined {
    // The OK itself is still acknowledged; acks stop after it (E.11 "Packet Acknowledgment").
    this.send('OK');
    this.ackMode = false;
    return undefined;
  }

  private query(p: string): string {
    if (p.startsWith('qSupported')) {
      return `PacketSize=${MAX_PACKET.toString(16)};qXfer:features:read+;swbreak+;hwbreak+;vContSupported+;QStartNoAckMode+`;
    }
    if (p.startsWith('qXfer:features:read:')) {
      const m = /^qXfer:features:read:([^:]*):([0-9a-fA-F]+),([0-9a-fA-F]+)$/.exec(p);
      if (!m) return E_INVAL;
      if (m[1] !== 'target.xml') return 'E00';
      const off = Number.parseInt(m[2], 16);
      const len = Math.min(Number.parseInt(m[3], 16), MAX_PACKET - 16);
      const chunk = this.xml.slice(off, off + len);
      return (off + len >= this.xml.length ? 'l' : 'm') + chunk;
    }
    if (p.startsWith('qRcmd,')) {
      const text = hexToText(p.slice(6));
      if (text === undefined) return E_INVAL;
      let out: string;
      try {
        out = monitorCommand(this.m, text);
      } catch (e) {
        out = `monitor: ${(e as Error).message}\n`;
      }
      for (let i = 0; i < out.length; i += 1000) this.send('O' + textToHex(out.slice(i, i + 1000)));
      return 'OK';
    }
    switch (p) {
      case 'qC': return 'QC01';
      case 'qfThreadInfo': return 'm01';
      case 'qsThreadInfo': return 'l';
      case 'qAttached': return '1';
      case 'qSymbol::': return 'OK';
      default: return '';
    }
  }

  private vPacket(p: string): string | undefined {
    if (p === 'vCont?') return 'vCont;c;C;s;S';
    if (p.startsWith('vCont;')) {
      // One thread: a step action anywhere in the list means a step (E.3 "vCont").
      const actions = p.slice(6).split(';').map((a) => a.split(':')[0]);
      if (actions.some((a) => a === 's' || a[0] === 'S')) return this.resume(true);
      if (actions.some((a) => a === 'c' || a[0] === 'C')) return this.resume(false);
      return E_INVAL;
    }
    if (p.startsWith('vKill')) {
      this.send('OK');
      this.kill();
      return undefined;
    }
    return '';
  }

  // ------------------------------------------------------------------ registers

  private regByNum(text: string): GdbReg | undefined {
    const n = parseHexField(text);
    return n === undefined ? undefined : this.regs.find((r) => r.regnum === n);
  }

  private readReg(arg: string): string {
    const r = this.regByNum(arg);
    return r ? r.read(this.m.cpu).map(le32).join('') : E_INVAL;
  }

  private writeOne(r: GdbReg, hex: string, at: number): string | undefined {
    const words: number[] = [];
    for (let i = 0; i < r.bits / 32; i++) {
      const w = parseLe32(hex, at + i * 8);
      if (w === undefined) return E_INVAL;
      words.push(w);
    }
    try {
      r.write(this.m.cpu, words);
    } catch {
      return E_INVAL;
    }
    return undefined;
  }

  private writeReg(arg: string): string {
    const eq = arg.indexOf('=');
    const r = eq < 0 ? undefined : this.regByNum(arg.slice(0, eq));
    if (!r || arg.length - eq - 1 !== r.bits / 4) return E_INVAL;
    const err = this.writeOne(r, arg, eq + 1);
    this.memory.flush();
    return err ?? 'OK';
  }

  private writeAll(hex: string): string {
    let at = 0;
    for (const r of this.regs) {
      if (at >= hex.length) break; // a shorter G leaves the remaining registers alone
      const err = this.writeOne(r, hex, at);
      if (err) return err;
      at += r.bits / 4;
    }
    this.memory.flush();
    return 'OK';
  }

  // ------------------------------------------------------------------ memory

  private addrLen(arg: string): { addr: number; len: number } | undefined {
    const [a, l] = arg.split(',');
    const addr = parseHexField(a);
    const len = parseHexField(l);
    if (addr === undefined || len === undefined || addr + len > 0x100000000) return undefined;
    return { addr, len };
  }

  /** Reads go through the current translation regime without side effects; unmapped → E14. */
  private readMem(arg: string): string {
    const al = this.addrLen(arg);
    if (!al) return E_INVAL;
    const len = Math.min(al.len, (MAX_PACKET - 16) >>> 1);
    const bytes = this.memory.read(currentSpace(this.m), al.addr, len);
    let out = '';
    for (let i = 0; i < len && bytes[i] >= 0; i++) out += bytes[i].toString(16).padStart(2, '0');
    // A partial read returns the readable prefix; nothing readable is an error, never zeros.
    return out === '' && len > 0 ? E_FAULT : out;
  }

  private writeMem(arg: string, binary: boolean): string {
    const colon = arg.indexOf(':');
    const al = colon < 0 ? undefined : this.addrLen(arg.slice(0, colon));
    if (!al) return E_INVAL;
    const data = arg.slice(colon + 1);
    let bytes: Uint8Array;
    if (binary) {
      const raw = unescapeBinary(data);
      if (raw.length !== al.len) return E_INVAL;
      bytes = Uint8Array.from(raw, (ch) => ch.charCodeAt(0) & 0xff);
    } else {
      if (data.length !== al.len * 2 || !/^[0-9a-fA-F]*$/.test(data)) return E_INVAL;
      bytes = Uint8Array.from(Buffer.from(data, 'hex'));
    }
    if (bytes.length === 0) return 'OK';
    const n = this.memory.write(currentSpace(this.m), al.addr, bytes);
    return n === bytes.length ? 'OK' : E_FAULT;
  }

  // ------------------------------------------------------------------ breakpoints and watchpoints

  private point(insert: boolean, arg: string): string {
    const [t, a, k] = arg.split(';')[0].split(',');
    const type = Number(t);
    const addr = parseHexField(a);
    const kind = parseHexField(k);
    if (addr === undefined || kind === undefined || !(type >= 0 && type <= 4)) return E_INVAL;
    if (type === 0 || type === 1) {
      const set = type === 0 ? this.swBps : this.hwBps;
      if (insert) set.add(addr);
      else set.delete(addr);
      this.syncBreakpoints();
      return 'OK';
    }
    const wtype = type as 2 | 3 | 4;
    if (!insert) {
      this.watches = this.watches.filter((w) => !(w.type === wtype && w.addr === addr && w.len === kind));
      this.applyWatchFlags();
      return 'OK';
    }
    if (kind === 0 || addr + kind > 0x100000000) return E_INVAL;
    // A virtual address is watched through the physical bytes it maps to now (B3.2).
    const ranges: { pa: number; len: number }[] = [];
    for (let va = addr; va < addr + kind;) {
      const len = Math.min(addr + kind - va, 0x1000 - (va & 0xfff));
      const pa = this.memory.toPhys(currentSpace(this.m), va);
      if (pa === undefined || this.m.bus.ramOffset(pa) < 0 || this.m.bus.ramOffset(pa + len - 1) < 0) return E_FAULT;
      ranges.push({ pa, len });
      va += len;
    }
    this.watches.push({ type: wtype, addr, len: kind, ranges });
    this.applyWatchFlags();
    return 'OK';
  }

  private syncBreakpoints(): void {
    const addrs = new Set([...this.swBps, ...this.hwBps]);
    const entries = [...addrs].map((address) => ({ id: this.nextId++, address, hits: 0 }));
    this.bps.replace(this.bpIds, entries);
    this.bpIds = new Set(entries.map((e) => e.id));
  }

  /** Bit 1 of writeWatch and readWatch send accesses to watched RAM pages to onWatch (as runtime.ts). */
  private applyWatchFlags(): void {
    const cpu = this.m.cpu;
    for (let i = 0; i < cpu.writeWatch.length; i++) cpu.writeWatch[i] &= ~2;
    cpu.readWatch.fill(0);
    for (const w of this.watches) {
      for (const r of w.ranges) {
        const p = this.m.bus.ramOffset(r.pa) >>> 12;
        if (w.type !== 3) cpu.writeWatch[p] |= 2;
        if (w.type !== 2) cpu.readWatch[p] = 1;
      }
    }
    cpu.flushTlb();
  }

  private onWatch(_va: number, pa: number, size: number, write: boolean): void {
    if (this.watchHit || this.state === 'free') return;
    for (const w of this.watches) {
      if ((write && w.type === 3) || (!write && w.type === 2)) continue;
      if (!w.ranges.some((r) => pa < r.pa + r.len && pa + size > r.pa)) continue;
      this.watchHit = { w };
      this.m.requestPause();
      return;
    }
  }

  // ------------------------------------------------------------------ running

  private resumeFrom(c: string, arg: string): string | undefined {
    // `c [addr]`, `s [addr]`, `C sig[;addr]`, `S sig[;addr]`: resume at addr when given.
    const addrText = c === 'c' || c === 's' ? arg : arg.split(';')[1];
    if (addrText) {
      const a = parseHexField(addrText);
      if (a === undefined) return E_INVAL;
      this.regs[15].write(this.m.cpu, [a]);
    }
    return this.resume(c === 's' || c === 'S');
  }

  private resume(step: boolean): undefined {
    this.state = step ? 'stepping' : 'running';
    this.interrupted = false;
    this.watchHit = undefined;
    setImmediate(() => this.slice(true));
    return undefined;
  }

  /** One slice of guest execution; re-schedules itself through the event loop so packets get through. */
  private slice(first: boolean): void {
    if (this.state !== 'running' && this.state !== 'stepping' && this.state !== 'free') return;
    let stop: StopReason;
    try {
      stop = this.m.run(this.state === 'stepping' ? 1 : SLICE, { skipBreakpointAtStart: first });
    } catch (e) {
      this.fail(e as Error);
      return;
    }
    if (this.state === 'free') {
      this.freeStop(stop);
      return;
    }
    const reply = this.stopReply(stop);
    if (reply === undefined) {
      setImmediate(() => this.slice(false));
      return;
    }
    if ((this.state as State) === 'done') return; // finish() ran in stopReply
    this.state = 'stopped';
    this.lastStop = reply;
    this.send(reply);
    const queued = this.pending;
    this.pending = [];
    for (const p of queued) if (this.state === 'stopped') this.handle(p);
  }

  /** The stop reply for gdb (E.3 "Stop Reply Packets"), or undefined to keep running. */
  private stopReply(s: StopReason): string | undefined {
    switch (s.kind) {
      case 'limit':
        return this.state === 'stepping' ? 'T05thread:01;' : undefined;
      case 'breakpoint':
        return `T05thread:01;${this.swBps.has(s.pc) || !this.hwBps.has(s.pc) ? 'swbreak' : 'hwbreak'}:;`;
      case 'pause':
        if (this.watchHit) return `T05thread:01;${WATCH_NAMES[this.watchHit.w.type]}:${hex8(this.watchHit.w.addr)};`;
        return this.interrupted ? 'T02thread:01;' : 'T05thread:01;';
      case 'exit':
        this.send(`W${(s.code & 0xff).toString(16).padStart(2, '0')}`);
        this.log(`guest exited with code ${s.code}`);
        this.finish(s.code);
        return '';
      case 'exception':
        return undefined;
      case 'reset':
        this.console('hypscope: guest requested a system reset (PSCI SYSTEM_RESET)\n');
        this.send('W00');
        this.finish(0);
        return '';
      default: {
        // Unknown encoding, WFI forever, stuck in an abort loop: say why, stop with a signal.
        const err = describeStop(this.m, s, 0);
        this.console(`hypscope: ${err?.message ?? s.kind}\n`);
        return s.kind === 'unknown-encoding' ? 'T04thread:01;' : 'T05thread:01;';
      }
    }
  }

  private console(text: string): void {
    this.send('O' + textToHex(text));
  }

  // ------------------------------------------------------------------ detach, kill, free run

  private detach(): void {
    this.send('OK');
    this.log('gdb detached; the guest runs on');
    this.runFree();
  }

  /** No debugger: drop breakpoints and watchpoints and run to the end at full speed. */
  private runFree(): void {
    if (this.state === 'done') return;
    this.swBps.clear();
    this.hwBps.clear();
    this.syncBreakpoints();
    this.watches = [];
    this.applyWatchFlags();
    const wasStopped = this.state === 'stopped';
    this.state = 'free';
    if (wasStopped) setImmediate(() => this.slice(true));
  }

  private freeStop(s: StopReason): void {
    if (s.kind === 'limit' || s.kind === 'exception' || s.kind === 'breakpoint') {
      setImmediate(() => this.slice(false));
      return;
    }
    if (s.kind === 'pause') {
      // A new debugger asked for the core (accept): stop and wait for its packets.
      if (this.sock) {
        this.state = 'stopped';
        this.lastStop = 'T05thread:01;';
        const queued = this.pending;
        this.pending = [];
        for (const p of queued) if (this.state === 'stopped') this.handle(p);
      } else setImmediate(() => this.slice(false));
      return;
    }
    if (s.kind === 'exit') {
      this.finish(s.code);
      return;
    }
    const err = describeStop(this.m, s, 0);
    if (err) this.fail(err);
    else this.finish(0);
  }

  private kill(): void {
    this.log('killed by gdb');
    this.finish(0);
  }

  private finish(code: number): void {
    if (this.state === 'done') return;
    this.state = 'done';
    this.server?.close();
    const s = this.sock;
    if (s) {
      // Let gdb read the last reply and hang up itself; cut the line if it does not.
      s.end();
      const t = setTimeout(() => s.destroy(), 2000);
      s.once('close', () => clearTimeout(t));
    }
    this.resolveDone?.(code);
  }

  private fail(e: Error): void {
    if (this.state === 'done') return;
    this.state = 'done';
    this.server?.close();
    this.sock?.destroy();
    this.rejectDone?.(e);
  }

  /** Close everything now (tests). */
  close(): void {
    this.finish(0);
    this.sock?.destroy();
  }
}

/**
 * `hypscope run FILE --gdb[=PORT]`: listen, print how to connect, and serve until the guest exits
 * or gdb kills it. Resolves with the process exit code; a bad address throws UsageError at once.
 */
export function serveGdb(m: Machine, spec: string, log: (line: string) => void = (l) => process.stderr.write(`hypscope: ${l}\n`)): Promise<number> {
  const addr = parseGdbAddress(spec);
  const stub = new GdbStub(m, log);
  return stub.listen(addr).then((port) => {
    log(`waiting for gdb on ${addr.host}:${port} (gdb-multiarch FILE -ex 'target remote ${addr.host === '127.0.0.1' ? '' : addr.host}:${port}')`);
    return stub.done;
  });
}

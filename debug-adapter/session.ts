// The DAP session: one small handler per request, mapping DAP onto the debug runtime
// (emulator/debug). Every handler validates its arguments and answers errors with a clear message.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { UartBridge } from './uart-bridge';
import {
  DebugSession, ExitedEvent, Handles, InitializedEvent, OutputEvent, StoppedEvent, TerminatedEvent, Thread,
} from '@vscode/debugadapter';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { DebugRuntime, type StopInfo } from '../emulator/debug/runtime';
import { EXCEPTION_FILTERS } from '../emulator/debug/filters';
import { scopesFor, sysRegNode, type VarNode } from '../emulator/debug/variables';
import { evaluate, hexValue } from '../emulator/debug/expr';
import { currentSpace, makeReference, parseReference, type AddressSpace } from '../emulator/debug/memory';
import { resolveRegister } from '../emulator/debug/registers';
import { disassembleView } from '../emulator/debug/disasm-view';
import { customRequest, CUSTOM_REQUESTS } from './custom';
import { consoleCommand } from './console';

export const THREAD_ID = 1;

export interface LaunchArgs extends DebugProtocol.LaunchRequestArguments {
  program?: unknown;
  stopOnEntry?: unknown;
  loadAddress?: unknown;
  memory?: unknown;
  cwd?: unknown;
  /** Also show the UART in an integrated terminal that sends keystrokes to the guest. */
  uartTerminal?: unknown;
  /** The program is firmware for the flash at 0 (QEMU -bios). */
  bios?: unknown;
  /** Kernel command line for the device tree (QEMU -append). */
  append?: unknown;
}

/** A user-facing error: the handler's message goes back as the error response text. */
export class RequestError extends Error {}

const hex = (v: number): string => `0x${(v >>> 0).toString(16)}`;

function need<T>(cond: T | undefined | null | false, msg: string): asserts cond {
  if (!cond) throw new RequestError(msg);
}

function parseSize(v: unknown): number | undefined {
  if (v === undefined) return undefined;
  if (typeof v === 'number' && Number.isInteger(v) && v > 0) return v;
  if (typeof v === 'string') {
    const m = /^(\d+)\s*([kKmMgG]?)i?[bB]?$/.exec(v.trim());
    if (m) return Number(m[1]) * (m[2] ? 1024 ** ('kmg'.indexOf(m[2].toLowerCase()) + 1) : 1);
  }
  throw new RequestError(`launch: "memory" must be a size such as 134217728 or "128M" (got ${JSON.stringify(v)})`);
}

export class HypscopeSession extends DebugSession {
  private readonly rt: DebugRuntime;
  private vars = new Handles<() => VarNode[]>();
  private nodeCache = new Map<number, VarNode[]>();
  private frameCache: ReturnType<DebugRuntime['stackTrace']> | undefined;
  private configDone: () => void = () => {};
  private readonly configured = new Promise<void>((res) => { this.configDone = res; });
  private stopOnEntry = false;
  private outBuf = '';
  private outTimer: NodeJS.Timeout | undefined;
  private terminated = false;
  private uart: UartBridge | undefined;
  /** The client can run a program in a terminal (DAP runInTerminal). */
  private canRunInTerminal = false;

  constructor() {
    super();
    this.setDebuggerLinesStartAt1(true);
    this.setDebuggerColumnsStartAt1(true);
    this.rt = new DebugRuntime({
      stopped: (info) => this.onStopped(info),
      output: (text, cat) => this.output(text, cat),
      exited: (code) => this.onExited(code),
    }, (fn) => setImmediate(fn));
  }

  // ------------------------------------------------------------------ plumbing

  /** Run a handler; any throw becomes an error response and the adapter keeps serving. */
  private guard(response: DebugProtocol.Response, fn: () => void): void {
    try {
      fn();
    } catch (e) {
      this.fail(response, e);
    }
  }

  private fail(response: DebugProtocol.Response, e: unknown): void {
    const msg = e instanceof Error ? e.message : String(e);
    this.sendErrorResponse(response, { id: 1, format: '{_msg}', variables: { _msg: msg }, showUser: true });
  }

  private output(text: string, category: 'stdout' | 'console' | 'stderr'): void {
    if (category === 'stdout') this.uart?.write(text);
    if (category !== 'stdout') {
      this.flushOutput();
      this.sendEvent(new OutputEvent(text, category));
      return;
    }
    this.outBuf += text;
    // UART bytes arrive one by one: batch them, but flush at a newline so output appears as it happens.
    if (text.includes('\n') || this.outBuf.length > 4096) this.flushOutput();
    else if (!this.outTimer) this.outTimer = setTimeout(() => this.flushOutput(), 20);
  }

  private flushOutput(): void {
    if (this.outTimer) { clearTimeout(this.outTimer); this.outTimer = undefined; }
    if (!this.outBuf) return;
    const t = this.outBuf;
    this.outBuf = '';
    this.sendEvent(new OutputEvent(t, 'stdout'));
  }

  private invalidate(): void {
    this.rt.memory?.flush();
    this.vars.reset();
    this.nodeCache.clear();
    this.frameCache = undefined;
  }

  private onStopped(info: StopInfo): void {
    this.flushOutput();
    this.invalidate();
    const ev = new StoppedEvent(info.reason, THREAD_ID, info.text) as DebugProtocol.StoppedEvent;
    ev.body.description = info.description;
    ev.body.allThreadsStopped = true;
    if (info.hitBreakpointIds?.length) ev.body.hitBreakpointIds = info.hitBreakpointIds;
    this.sendEvent(ev);
  }

  private onExited(code: number): void {
    this.flushOutput();
    this.uart?.close();
    this.sendEvent(new ExitedEvent(code));
    this.terminate();
  }

  private terminate(): void {
    if (this.terminated) return;
    this.terminated = true;
    this.flushOutput();
    this.sendEvent(new TerminatedEvent());
  }

  private requireStopped(): void {
    need(this.rt.machine, 'no program is loaded (launch first)');
    need(!this.rt.isRunning, 'the core is running; pause it first');
  }

  // ------------------------------------------------------------------ lifecycle

  protected override initializeRequest(response: DebugProtocol.InitializeResponse, args?: DebugProtocol.InitializeRequestArguments): void {
    this.canRunInTerminal = args?.supportsRunInTerminalRequest === true;
    response.body = {
      supportsConfigurationDoneRequest: true,
      supportsConditionalBreakpoints: true,
      supportsHitConditionalBreakpoints: true,
      supportsLogPoints: true,
      supportsFunctionBreakpoints: true,
      supportsInstructionBreakpoints: true,
      supportsDataBreakpoints: true,
      supportsExceptionInfoRequest: true,
      supportsExceptionFilterOptions: true,
      exceptionBreakpointFilters: EXCEPTION_FILTERS.map((f) => ({ filter: f.id, label: f.label, description: f.description, default: false, supportsCondition: true, conditionDescription: 'e.g. ec == 0x03 && vmid == 1, reg == "SCTLR", imm == 0x1234' })),
      supportsSteppingGranularity: true,
      supportsSetVariable: true,
      supportsReadMemoryRequest: true,
      supportsWriteMemoryRequest: true,
      supportsDisassembleRequest: true,
      supportsRestartRequest: true,
      supportsTerminateRequest: true,
      supportsEvaluateForHovers: true,
      supportsValueFormattingOptions: false,
      supportsStepBack: false,
    };
    this.sendResponse(response);
  }

  protected override launchRequest(response: DebugProtocol.LaunchResponse, args: LaunchArgs): void {
    this.guard(response, () => {
      const a = (args ?? {}) as LaunchArgs;
      need(typeof a.program === 'string' && a.program.length > 0, 'launch: "program" (path of an ELF or raw image) is required');
      need(a.cwd === undefined || typeof a.cwd === 'string', 'launch: "cwd" must be a path');
      need(a.stopOnEntry === undefined || typeof a.stopOnEntry === 'boolean', 'launch: "stopOnEntry" must be true or false');
      need(a.uartTerminal === undefined || typeof a.uartTerminal === 'boolean', 'launch: "uartTerminal" must be true or false');
      need(a.bios === undefined || typeof a.bios === 'boolean', 'launch: "bios" must be true or false');
      need(a.append === undefined || typeof a.append === 'string', 'launch: "append" must be a string (the kernel command line)');
      need(!(a.bios === true && a.loadAddress !== undefined), 'launch: "bios" firmware always goes to the flash at 0; "loadAddress" does not apply');
      let loadAddress: number | undefined;
      if (a.loadAddress !== undefined) {
        loadAddress = typeof a.loadAddress === 'string' ? Number(a.loadAddress) : (a.loadAddress as number);
        need(typeof loadAddress === 'number' && Number.isInteger(loadAddress) && loadAddress >= 0 && loadAddress <= 0xffffffff, `launch: "loadAddress" must be an address (got ${JSON.stringify(a.loadAddress)})`);
      }
      const memory = parseSize(a.memory);
      if (memory !== undefined) need(memory % 4096 === 0 && memory <= 0xb0000000, 'launch: "memory" must be a multiple of 4 KiB and at most 2.75 GiB');
      const cwd = typeof a.cwd === 'string' ? a.cwd : process.cwd();
      const file = path.resolve(cwd, a.program as string);
      let bytes: Uint8Array;
      try {
        bytes = new Uint8Array(fs.readFileSync(file));
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        throw new RequestError(code === 'ENOENT' ? `launch: program not found: ${file}` : code === 'EISDIR' ? `launch: program is a directory: ${file}` : `launch: cannot read ${file}: ${(e as Error).message}`);
      }
      this.rt.launch({ program: bytes, name: file, loadAddress, memory, bios: a.bios === true, bootargs: a.append as string | undefined });
      this.stopOnEntry = a.stopOnEntry === true;
      if (a.uartTerminal === true) this.openUartTerminal();
      this.sendEvent(new InitializedEvent());
      void this.configured.then(() => {
        this.sendResponse(response);
        this.startGuest();
      });
    });
  }

  /** Start the UART bridge and ask the client to run the UART terminal against it. */
  private openUartTerminal(): void {
    if (!this.canRunInTerminal) {
      this.output('hypscope: this client cannot run a terminal (runInTerminal); use the console command "uart <text>" for input\n', 'console');
      return;
    }
    void UartBridge.open((bytes) => this.rt.m.sendInput(new TextDecoder().decode(bytes))).then(({ bridge, port }) => {
      this.uart = bridge;
      const script = path.join(__dirname, 'uart-terminal.js');
      this.runInTerminalRequest({ kind: 'integrated', title: 'hypscope UART', cwd: process.cwd(), args: [process.execPath, script, String(port)] }, 10_000, (r) => {
        if (!r.success) this.output(`hypscope: could not open the UART terminal: ${r.message ?? 'refused'}\n`, 'console');
      });
    }, (e: unknown) => this.output(`hypscope: UART bridge: ${String(e)}\n`, 'console'));
  }

  private startGuest(): void {
    if (this.stopOnEntry) this.onStopped({ reason: 'entry', description: `Stopped at entry ${this.rt.where(this.rt.m.cpu.pc)}` });
    else this.rt.continue();
  }

  protected override configurationDoneRequest(response: DebugProtocol.ConfigurationDoneResponse): void {
    this.sendResponse(response);
    this.configDone();
  }

  protected override restartRequest(response: DebugProtocol.RestartResponse): void {
    this.guard(response, () => {
      need(this.rt.machine, 'no program is loaded');
      this.rt.stop();
      this.rt.restart();
      this.invalidate();
      this.sendResponse(response);
      setImmediate(() => this.startGuest());
    });
  }

  protected override terminateRequest(response: DebugProtocol.TerminateResponse): void {
    this.rt.stop();
    this.sendResponse(response);
    this.terminate();
  }

  protected override disconnectRequest(response: DebugProtocol.DisconnectResponse): void {
    this.rt.stop();
    this.flushOutput();
    this.sendResponse(response);
  }

  // ------------------------------------------------------------------ execution control

  protected override threadsRequest(response: DebugProtocol.ThreadsResponse): void {
    response.body = { threads: [new Thread(THREAD_ID, 'CPU 0 (Cortex-A15)')] };
    this.sendResponse(response);
  }

  private run(response: DebugProtocol.Response, fn: () => void): void {
    this.guard(response, () => {
      this.requireStopped();
      this.invalidate();
      fn();
      this.sendResponse(response);
    });
  }

  protected override continueRequest(response: DebugProtocol.ContinueResponse): void {
    response.body = { allThreadsContinued: true };
    this.run(response, () => this.rt.continue());
  }

  protected override nextRequest(response: DebugProtocol.NextResponse, args: DebugProtocol.NextArguments): void {
    this.run(response, () => this.rt.step('over', args?.granularity === 'instruction' ? 'instruction' : 'line'));
  }

  protected override stepInRequest(response: DebugProtocol.StepInResponse, args: DebugProtocol.StepInArguments): void {
    this.run(response, () => this.rt.step('in', args?.granularity === 'instruction' ? 'instruction' : 'line'));
  }

  protected override stepOutRequest(response: DebugProtocol.StepOutResponse, args: DebugProtocol.StepOutArguments): void {
    this.run(response, () => this.rt.step('out', args?.granularity === 'instruction' ? 'instruction' : 'line'));
  }

  protected override pauseRequest(response: DebugProtocol.PauseResponse): void {
    this.guard(response, () => {
      need(this.rt.machine, 'no program is loaded');
      if (this.rt.isRunning) this.rt.pause();
      this.sendResponse(response);
    });
  }

  // ------------------------------------------------------------------ breakpoints

  protected override setBreakPointsRequest(response: DebugProtocol.SetBreakpointsResponse, args: DebugProtocol.SetBreakpointsArguments): void {
    this.guard(response, () => {
      need(this.rt.machine, 'no program is loaded');
      const file = args?.source?.path;
      need(typeof file === 'string', 'setBreakpoints: source.path is required');
      const req: DebugProtocol.SourceBreakpoint[] = args.breakpoints ?? (args.lines ?? []).map((line) => ({ line }));
      need(Array.isArray(req), 'setBreakpoints: breakpoints must be an array');
      const specs: { address: number; condition?: string; hitCondition?: string; logMessage?: string }[] = [];
      const bound: (DebugProtocol.Breakpoint | undefined)[] = [];
      const boundLines: number[] = [];
      const lineMap = this.rt.lines;
      for (const b of req) {
        need(b && typeof b.line === 'number', 'setBreakpoints: every breakpoint needs a numeric line');
        const hit = lineMap.bind(file, b.line);
        if (!hit) {
          bound.push({ verified: false, line: b.line, message: lineMap.empty ? 'the program has no line information (build with -g)' : `no code at ${path.basename(file)}:${b.line}` });
          continue;
        }
        specs.push({ address: hit.addresses[0], condition: b.condition, hitCondition: b.hitCondition, logMessage: b.logMessage });
        boundLines.push(hit.line);
        bound.push(undefined);
      }
      const entries = this.rt.setBreakpoints(`src:${lineMap.resolveFile(file) ?? file}`, specs);
      let k = 0;
      const out = bound.map((b, i) => {
        if (b) return b;
        // The line the binder chose (gdb's rule: the line itself or the next one with code), not
        // whatever row the address lookup meets first.
        const line = boundLines[k];
        const e = entries[k++];
        return { id: e.id, verified: true, line: line ?? req[i].line, source: { name: path.basename(file), path: file }, instructionReference: hex(e.address) };
      });
      response.body = { breakpoints: out };
      this.sendResponse(response);
    });
  }

  protected override setFunctionBreakPointsRequest(response: DebugProtocol.SetFunctionBreakpointsResponse, args: DebugProtocol.SetFunctionBreakpointsArguments): void {
    this.guard(response, () => {
      need(this.rt.machine, 'no program is loaded');
      need(Array.isArray(args?.breakpoints), 'setFunctionBreakpoints: breakpoints must be an array');
      const specs: { address: number; condition?: string; hitCondition?: string }[] = [];
      const res: (DebugProtocol.Breakpoint | undefined)[] = [];
      for (const b of args.breakpoints) {
        need(b && typeof b.name === 'string', 'setFunctionBreakpoints: every breakpoint needs a name');
        const name = b.name.trim();
        const sym = this.rt.symbols.lookup(name);
        let addr = sym?.value;
        if (addr === undefined && /^(0x[0-9a-f]+|\d+)$/i.test(name)) addr = Number(name);
        if (addr === undefined) { res.push({ verified: false, message: `no function '${name}' in the symbol table` }); continue; }
        specs.push({ address: addr, condition: b.condition, hitCondition: b.hitCondition });
        res.push(undefined);
      }
      const entries = this.rt.setBreakpoints('#functions', specs);
      let k = 0;
      response.body = { breakpoints: res.map((b) => b ?? this.verified(entries[k++].id, entries[k - 1].address)) };
      this.sendResponse(response);
    });
  }

  private verified(id: number, address: number): DebugProtocol.Breakpoint {
    const row = this.rt.lines.lookup(address);
    return { id, verified: true, instructionReference: hex(address), line: row?.line, source: row ? { name: path.basename(row.file), path: row.file } : undefined };
  }

  protected override setInstructionBreakpointsRequest(response: DebugProtocol.SetInstructionBreakpointsResponse, args: DebugProtocol.SetInstructionBreakpointsArguments): void {
    this.guard(response, () => {
      need(this.rt.machine, 'no program is loaded');
      need(Array.isArray(args?.breakpoints), 'setInstructionBreakpoints: breakpoints must be an array');
      const specs = args.breakpoints.map((b) => {
        need(b && typeof b.instructionReference === 'string', 'setInstructionBreakpoints: instructionReference is required');
        const ref = parseReference(b.instructionReference, 'guest-va');
        need(ref, `bad instructionReference '${b.instructionReference}'`);
        return { address: (ref.addr + (b.offset ?? 0)) >>> 0, condition: b.condition, hitCondition: b.hitCondition };
      });
      const entries = this.rt.setBreakpoints('#instructions', specs);
      response.body = { breakpoints: entries.map((e) => this.verified(e.id, e.address)) };
      this.sendResponse(response);
    });
  }

  protected override setExceptionBreakPointsRequest(response: DebugProtocol.SetExceptionBreakpointsResponse, args: DebugProtocol.SetExceptionBreakpointsArguments): void {
    this.guard(response, () => {
      need(this.rt.machine, 'no program is loaded');
      const list: { filterId: string; condition?: string }[] = [];
      need(args?.filters === undefined || Array.isArray(args.filters), 'setExceptionBreakpoints: filters must be an array');
      need(args?.filterOptions === undefined || Array.isArray(args.filterOptions), 'setExceptionBreakpoints: filterOptions must be an array');
      for (const f of args?.filters ?? []) list.push({ filterId: f });
      for (const o of args?.filterOptions ?? []) list.push({ filterId: o?.filterId, condition: o?.condition });
      const res = this.rt.setExceptionFilters(list);
      response.body = { breakpoints: res };
      this.sendResponse(response);
    });
  }

  protected override dataBreakpointInfoRequest(response: DebugProtocol.DataBreakpointInfoResponse, args: DebugProtocol.DataBreakpointInfoArguments): void {
    this.guard(response, () => {
      this.requireStopped();
      need(typeof args?.name === 'string', 'dataBreakpointInfo: name is required');
      if (args.variablesReference !== undefined && args.variablesReference !== 0) {
        response.body = { dataId: null, description: 'registers cannot be watched; watch a memory address instead' };
        this.sendResponse(response);
        return;
      }
      let name = args.name.trim();
      let space: AddressSpace = currentSpace(this.rt.m);
      const sp = /^(guest-va|ipa|hyp-va|phys|pa):\s*(.*)$/.exec(name);
      if (sp) { space = sp[1] === 'pa' ? 'phys' : sp[1] as AddressSpace; name = sp[2]; }
      const sym = this.rt.symbols.lookup(name);
      const addr = sym ? sym.value : Number(evaluate(name, this.rt.exprEnv()).value);
      const size = sym && sym.size > 0 ? sym.size : 4;
      response.body = { dataId: `${space}:${hex(addr)}:${size}`, description: `${size} bytes at ${hex(addr)} (${space})`, accessTypes: ['read', 'write', 'readWrite'], canPersist: false };
      this.sendResponse(response);
    });
  }

  protected override setDataBreakpointsRequest(response: DebugProtocol.SetDataBreakpointsResponse, args: DebugProtocol.SetDataBreakpointsArguments): void {
    this.guard(response, () => {
      need(this.rt.machine, 'no program is loaded');
      need(Array.isArray(args?.breakpoints), 'setDataBreakpoints: breakpoints must be an array');
      const list = args.breakpoints.map((b) => {
        const m = /^(guest-va|ipa|hyp-va|phys):(0x[0-9a-f]+):(\d+)$/.exec(String(b?.dataId));
        need(m, `bad dataId '${String(b?.dataId)}'`);
        const access = b.accessType ?? 'write';
        need(access === 'read' || access === 'write' || access === 'readWrite', `bad accessType '${String(access)}'`);
        return { space: m[1] as AddressSpace, addr: Number(m[2]), size: Number(m[3]), access, condition: b.condition, hitCondition: b.hitCondition };
      });
      const res = this.rt.setWatchpoints(list);
      response.body = { breakpoints: res.map((r) => (typeof r === 'string' ? { verified: false, message: r } : { id: r.id, verified: true })) };
      this.sendResponse(response);
    });
  }

  protected override exceptionInfoRequest(response: DebugProtocol.ExceptionInfoResponse): void {
    this.guard(response, () => {
      const ex = this.rt.lastException;
      need(ex, 'the core did not stop on an exception');
      const lines = Object.entries(ex.details).map(([k, v]) => `${k} = ${v}`);
      response.body = {
        exceptionId: ex.exceptionId,
        description: ex.description,
        breakMode: 'always',
        details: { message: lines.join('\n'), typeName: ex.exceptionId, hypscope: ex.details } as DebugProtocol.ExceptionDetails,
      };
      this.sendResponse(response);
    });
  }

  // ------------------------------------------------------------------ state

  private frames(): ReturnType<DebugRuntime['stackTrace']> {
    if (!this.frameCache) this.frameCache = this.rt.stackTrace();
    return this.frameCache;
  }

  protected override stackTraceRequest(response: DebugProtocol.StackTraceResponse, args: DebugProtocol.StackTraceArguments): void {
    this.guard(response, () => {
      this.requireStopped();
      const all = this.frames();
      const start = typeof args?.startFrame === 'number' ? args.startFrame : 0;
      const levels = typeof args?.levels === 'number' && args.levels > 0 ? args.levels : all.length;
      const frames = all.slice(start, start + levels).map((f): DebugProtocol.StackFrame => {
        if (f.exception) return { id: f.id, name: f.name, line: 0, column: 0, presentationHint: 'label', instructionPointerReference: hex(f.pc) };
        const row = f.line;
        return {
          id: f.id,
          name: f.name,
          line: row?.line ?? 0,
          column: row ? Math.max(1, row.column) : 0,
          source: row ? { name: path.basename(row.file), path: row.file } : undefined,
          instructionPointerReference: hex(f.pc),
          presentationHint: row ? 'normal' : 'subtle',
        };
      });
      response.body = { stackFrames: frames, totalFrames: all.length };
      this.sendResponse(response);
    });
  }

  protected override scopesRequest(response: DebugProtocol.ScopesResponse, args: DebugProtocol.ScopesArguments): void {
    this.guard(response, () => {
      this.requireStopped();
      const frame = this.frames().find((f) => f.id === args?.frameId);
      need(frame, `unknown frameId ${String(args?.frameId)}`);
      const m = this.rt.m;
      const scopes = scopesFor(m, this.rt.catalog, frame, frame.id === 0, currentSpace(m));
      response.body = { scopes: scopes.map((s) => ({ name: s.name, variablesReference: this.vars.create(s.children), expensive: s.expensive, presentationHint: s.name === 'Registers' ? 'registers' : undefined })) };
      this.sendResponse(response);
    });
  }

  private children(ref: unknown): VarNode[] {
    need(typeof ref === 'number' && ref > 0, `variablesReference must be a positive number (got ${JSON.stringify(ref)})`);
    const cached = this.nodeCache.get(ref);
    if (cached) return cached;
    const fn = this.vars.get(ref);
    need(fn, `unknown variablesReference ${ref}`);
    const nodes = fn();
    this.nodeCache.set(ref, nodes);
    return nodes;
  }

  private toVariable(n: VarNode): DebugProtocol.Variable {
    return {
      name: n.name,
      value: n.value,
      type: n.type,
      evaluateName: n.evaluateName,
      memoryReference: n.memoryReference,
      variablesReference: n.children ? this.vars.create(n.children) : 0,
      presentationHint: n.set ? undefined : { attributes: ['readOnly'] },
    };
  }

  protected override variablesRequest(response: DebugProtocol.VariablesResponse, args: DebugProtocol.VariablesArguments): void {
    this.guard(response, () => {
      this.requireStopped();
      const nodes = this.children(args?.variablesReference);
      const start = typeof args.start === 'number' ? args.start : 0;
      const count = typeof args.count === 'number' && args.count > 0 ? args.count : nodes.length;
      response.body = { variables: nodes.slice(start, start + count).map((n) => this.toVariable(n)) };
      this.sendResponse(response);
    });
  }

  protected override setVariableRequest(response: DebugProtocol.SetVariableResponse, args: DebugProtocol.SetVariableArguments): void {
    this.guard(response, () => {
      this.requireStopped();
      need(typeof args?.name === 'string' && typeof args.value === 'string', 'setVariable: name and value (strings) are required');
      const nodes = this.children(args.variablesReference);
      const node = nodes.find((n) => n.name === args.name);
      need(node, `no variable '${args.name}' in this scope`);
      need(node.set, `${args.name} cannot be changed`);
      const v = evaluate(args.value, this.rt.exprEnv()).value;
      need(typeof v !== 'string', 'setVariable: the value must be a number');
      node.set(v);
      this.rt.memory?.flush();
      // Re-read the parent so the reply shows what the hardware model now holds (RES0/RES1 bits).
      this.nodeCache.delete(args.variablesReference);
      const fresh = this.children(args.variablesReference).find((n) => n.name === args.name)!;
      response.body = { value: fresh.value, type: fresh.type, variablesReference: fresh.children ? this.vars.create(fresh.children) : 0 };
      this.sendResponse(response);
      // Other views (parent register, fields) changed too.
      this.nodeCache.clear();
    });
  }

  protected override evaluateRequest(response: DebugProtocol.EvaluateResponse, args: DebugProtocol.EvaluateArguments): void {
    this.guard(response, () => {
      need(typeof args?.expression === 'string', 'evaluate: expression is required');
      const expr = args.expression.trim();
      if (args.context === 'repl') {
        const out = consoleCommand(this.rt, expr);
        if (out !== undefined) {
          response.body = { result: out, variablesReference: 0 };
          this.sendResponse(response);
          return;
        }
      }
      this.requireStopped();
      const m = this.rt.m;
      const sr = this.rt.sysRegView(expr);
      if (sr) {
        const n = sysRegNode(m, sr);
        response.body = { result: n.value, type: n.type, variablesReference: n.children ? this.vars.create(n.children) : 0 };
        this.sendResponse(response);
        return;
      }
      const r = evaluate(expr, this.rt.exprEnv());
      const reg = resolveRegister(expr);
      let result: string;
      let memoryReference: string | undefined;
      if (typeof r.value === 'string') result = JSON.stringify(r.value);
      else if (typeof r.value === 'bigint') {
        // A 64-bit value (VTTBR, CNTVCT, ...): exact, and not an address in the 32-bit space.
        result = `${hexValue(r.value)} (${r.value})`;
      } else {
        result = `${hex(r.value)} (${r.value})`;
        const sym = this.rt.symbols.lookup(expr);
        if (sym) memoryReference = makeReference(currentSpace(m), sym.value);
        else if (r.address !== undefined) memoryReference = makeReference(currentSpace(m), r.address);
        else if (reg || args.context !== 'hover') memoryReference = makeReference(currentSpace(m), r.value);
        const where = this.rt.symbols.describe(r.value);
        if (where && args.context !== 'hover') result += ` <${where}>`;
      }
      response.body = { result, variablesReference: 0, memoryReference };
      this.sendResponse(response);
    });
  }

  // ------------------------------------------------------------------ memory

  protected override readMemoryRequest(response: DebugProtocol.ReadMemoryResponse, args: DebugProtocol.ReadMemoryArguments): void {
    this.guard(response, () => {
      this.requireStopped();
      const ref = parseReference(args?.memoryReference, currentSpace(this.rt.m));
      need(ref, `bad memoryReference ${JSON.stringify(args?.memoryReference)}: use 0xADDR or guest-va:/ipa:/hyp-va:/phys:0xADDR`);
      const count = args.count;
      need(typeof count === 'number' && Number.isInteger(count) && count >= 0, 'readMemory: count must be a non-negative integer');
      need(count <= 16 * 1024 * 1024, `readMemory: count ${count} is too large (at most 16 MiB per request)`);
      const offset = args.offset ?? 0;
      need(typeof offset === 'number' && Number.isInteger(offset), 'readMemory: offset must be an integer');
      const start = ref.addr + offset;
      need(start >= 0 && start <= 0xffffffff, `readMemory: address ${start} is outside the 32-bit address space`);
      const n = Math.min(count, 0x100000000 - start);
      const bytes = this.rt.memory!.read(ref.space, start, n);
      const address = hex(start);
      if (n === 0) { response.body = { address, unreadableBytes: count }; this.sendResponse(response); return; }
      if (bytes[0] < 0) {
        let k = 0;
        while (k < n && bytes[k] < 0) k++;
        response.body = { address, unreadableBytes: k === n ? count : k };
      } else {
        let k = 0;
        while (k < n && bytes[k] >= 0) k++;
        const data = Buffer.from(Uint8Array.from(bytes.subarray(0, k)));
        response.body = { address, data: data.toString('base64'), unreadableBytes: count - k };
      }
      this.sendResponse(response);
    });
  }

  protected override writeMemoryRequest(response: DebugProtocol.WriteMemoryResponse, args: DebugProtocol.WriteMemoryArguments): void {
    this.guard(response, () => {
      this.requireStopped();
      const ref = parseReference(args?.memoryReference, currentSpace(this.rt.m));
      need(ref, `bad memoryReference ${JSON.stringify(args?.memoryReference)}`);
      need(typeof args.data === 'string', 'writeMemory: data (base64) is required');
      const bytes = new Uint8Array(Buffer.from(args.data, 'base64'));
      const start = (ref.addr + (args.offset ?? 0)) >>> 0;
      const n = this.rt.memory!.write(ref.space, start, bytes);
      need(n > 0 || bytes.length === 0, `writeMemory: ${hex(start)} (${ref.space}) is not writable RAM`);
      response.body = { offset: args.offset ?? 0, bytesWritten: n };
      this.sendResponse(response);
      this.invalidate();
      this.sendEvent({ seq: 0, type: 'event', event: 'memory', body: { memoryReference: args.memoryReference, offset: args.offset ?? 0, count: n } } as DebugProtocol.MemoryEvent);
    });
  }

  protected override disassembleRequest(response: DebugProtocol.DisassembleResponse, args: DebugProtocol.DisassembleArguments): void {
    this.guard(response, () => {
      this.requireStopped();
      const ref = parseReference(args?.memoryReference, currentSpace(this.rt.m));
      need(ref, `bad memoryReference ${JSON.stringify(args?.memoryReference)}`);
      const count = args.instructionCount;
      need(typeof count === 'number' && Number.isInteger(count) && count >= 0 && count <= 100_000, 'disassemble: instructionCount must be an integer 0..100000');
      const start = ref.addr + (args.offset ?? 0);
      need(start >= 0 && start <= 0xffffffff, `disassemble: address ${start} is outside the 32-bit address space`);
      const ioff = args.instructionOffset ?? 0;
      need(Number.isInteger(ioff) && Math.abs(ioff) <= 100_000, 'disassemble: instructionOffset must be an integer');
      const syms = this.rt.symbols;
      const mem = this.rt.memory!;
      const cpu = this.rt.m.cpu;
      const list = disassembleView({
        read16: (a) => mem.readWord(ref.space, a, 2),
        symbols: syms,
        defaultThumb: cpu.thumb === 1,
        pc: ref.space === currentSpace(this.rt.m) ? cpu.pc : undefined,
        pcIt: cpu.it,
      }, start, ioff, count);
      const out: DebugProtocol.DisassembledInstruction[] = [];
      let lastLine = '';
      for (const d of list) {
        const a = d.address;
        if (d.invalid) { out.push({ address: hex(a), instruction: d.text, presentationHint: 'invalid' }); continue; }
        const ins: DebugProtocol.DisassembledInstruction = { address: hex(a), instructionBytes: d.bytes, instruction: d.text };
        const s = syms.at(a);
        if (s && args.resolveSymbols !== false) ins.symbol = a === s.value ? s.name : `${s.name}+0x${(a - s.value).toString(16)}`;
        const row = this.rt.lines.lookup(a);
        if (row) {
          const key = `${row.file}:${row.line}`;
          if (key !== lastLine) { ins.location = { name: path.basename(row.file), path: row.file }; ins.line = row.line; ins.column = row.column || undefined; }
          lastLine = key;
        }
        out.push(ins);
      }
      response.body = { instructions: out };
      this.sendResponse(response);
    });
  }

  // ------------------------------------------------------------------ custom requests

  protected override customRequest(command: string, response: DebugProtocol.Response, args: unknown): void {
    if (!CUSTOM_REQUESTS.includes(command)) {
      this.sendErrorResponse(response, { id: 1014, format: '{_msg}', variables: { _msg: `unknown request '${command}'` } });
      return;
    }
    this.guard(response, () => {
      this.requireStopped();
      response.body = customRequest(this.rt, command, args);
      this.sendResponse(response);
    });
  }
}

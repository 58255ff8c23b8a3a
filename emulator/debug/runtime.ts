// The debug runtime over one Machine: launch, run in slices, breakpoints of every kind, stepping
// across exception levels, and the stop reasons. Protocol-agnostic: it reports through RuntimeEvents.

import { Machine, type StopReason } from '../machine';
import { ElfError } from '../loader/elf';
import { LineMap, type LineRow } from '../loader/dwarf';
import type { ExceptionRecord } from '../cpu/exception-kinds';
import { Mode, modeName } from '../cpu/psr';
import { BreakpointSet, hitConditionMet, type BreakpointEntry } from './breakpoints';
import { SymbolTable } from './symbols';
import { classify, conditionVars, describe, frameText, isFilterId, pl1AbortText } from './filters';
import { evaluate, evaluateCondition, ExprError, hexValue, type ExprEnv } from './expr';
import type { SysReg } from '../sysregs/types';
import { resolveRegister } from './registers';
import { DebugMemory, currentSpace, type AddressSpace } from './memory';
import type { SysRegCatalog } from './sysreg-catalog';
import { decodeHsr } from './hsr-decode';
import { makeCatalog } from './sysreg-catalog';
import { SYSREGS } from '../sysregs/table';
import { unwindFrame } from './unwind';

export type StopKind = 'entry' | 'step' | 'breakpoint' | 'function breakpoint' | 'instruction breakpoint' | 'data breakpoint' | 'exception' | 'pause';

export interface StopInfo {
  readonly reason: StopKind;
  readonly description?: string;
  readonly text?: string;
  readonly hitBreakpointIds?: number[];
}

export interface RuntimeEvents {
  stopped(info: StopInfo): void;
  output(text: string, category: 'stdout' | 'console' | 'stderr'): void;
  exited(code: number): void;
}

/** What the last stop on an exception (filter, unknown encoding, ...) was, for exceptionInfo. */
export interface ExceptionStop {
  readonly exceptionId: string;
  readonly description: string;
  readonly record?: ExceptionRecord;
  readonly details: Record<string, string | number>;
}

export interface LaunchOptions {
  readonly program: Uint8Array;
  readonly name: string;
  readonly loadAddress?: number;
  readonly memory?: number;
  /** The program is firmware for the flash at 0 (QEMU -bios). */
  readonly bios?: boolean;
  /** Kernel command line in the device tree (QEMU -append). */
  readonly bootargs?: string;
}

export type BpKind = 'source' | 'function' | 'instruction';

export interface Watchpoint {
  readonly id: number;
  readonly space: AddressSpace;
  readonly addr: number;
  readonly size: number;
  readonly access: 'read' | 'write' | 'readWrite';
  readonly pa: number;
  /** The physical bytes behind [addr, addr + size): one range per page (pages need not be contiguous). */
  readonly ranges: readonly { readonly pa: number; readonly len: number }[];
  readonly condition?: string;
  readonly hitCondition?: string;
  hits: number;
}

export interface Frame {
  readonly id: number;
  readonly pc: number;
  readonly sp: number;
  readonly mode: Mode;
  /** Function name (symbol) or hex address. */
  readonly name: string;
  readonly line?: LineRow;
  /** Set on the pseudo-frame that stands for an exception entry. */
  readonly exception?: ExceptionRecord;
}

/** Instructions per slice: large enough for full speed, small enough to answer requests quickly. */
const SLICE = 500_000;
/** Instructions a single source-line step may take before giving up. */
const STEP_LIMIT = 20_000_000;

export type Scheduler = (fn: () => void) => void;

const hex = (v: number): string => `0x${(v >>> 0).toString(16)}`;

export class DebugRuntime {
  machine: Machine | undefined;
  lines: LineMap = new LineMap([]);
  symbols: SymbolTable = new SymbolTable([]);
  memory: DebugMemory | undefined;
  readonly catalog: SysRegCatalog = makeCatalog(SYSREGS);
  readonly bps: { set: BreakpointSet | undefined } = { set: undefined };
  private launchOpts: LaunchOptions | undefined;
  /** Active exceptions, outermost first (entries not yet returned from). */
  readonly excStack: ExceptionRecord[] = [];
  /** Enabled exception filters and their conditions. */
  private filters = new Map<string, string | undefined>();
  private nextBpId = 1;
  private groups = new Map<string, Set<number>>();
  private watchpoints: Watchpoint[] = [];
  private running = false;
  private cancel = false;
  private filterStop: { id: string; rec: ExceptionRecord; error?: string } | undefined;
  private watchStop: { wp: Watchpoint; va: number; pa: number; write: boolean } | undefined;
  private eretWait: { depth: number } | undefined;
  private eretDone = false;
  private lastExc: ExceptionRecord | undefined;
  lastException: ExceptionStop | undefined;
  private exitedCode: number | undefined;

  constructor(private readonly events: RuntimeEvents, private readonly schedule: Scheduler) {}

  get m(): Machine {
    if (!this.machine) throw new Error('no program is loaded');
    return this.machine;
  }

  get isRunning(): boolean {
    return this.running;
  }

  get hasExited(): boolean {
    return this.exitedCode !== undefined;
  }

  // ------------------------------------------------------------------ launch

  /** Load the program. Throws ElfError / Error with a user-facing message. */
  launch(opts: LaunchOptions): void {
    this.launchOpts = opts;
    const m = new Machine({
      memory: opts.memory,
      onOutput: (bytes) => this.events.output(String.fromCharCode(...bytes), 'stdout'),
    });
    m.load(opts.program, opts.name, opts.loadAddress, { bios: opts.bios, bootargs: opts.bootargs });
    this.machine = m;
    this.memory = new DebugMemory(m);
    this.memory.freeze();
    const elf = m.program?.elf;
    this.symbols = new SymbolTable(elf?.symbols ?? [], elf?.mappingSymbols ?? [], elf?.sections ?? []);
    try {
      this.lines = elf ? LineMap.fromElf(elf) : new LineMap([]);
    } catch (e) {
      this.lines = new LineMap([]);
      this.events.output(`hypscope: no source lines: ${(e as Error).message}\n`, 'console');
    }
    const set = new BreakpointSet(m.bus);
    set.setJudge((list) => this.judge(list));
    this.bps.set = set;
    m.breakpoints = set;
    m.exceptionListeners.push((rec) => this.track(rec));
    m.cpu.onWatch = (va, pa, size, write) => this.onWatch(va, pa, size, write);
    this.exitedCode = undefined;
    this.excStack.length = 0;
    this.updateFilterHook();
  }

  /** Reload the program and reset the core, keeping breakpoints and filters. */
  restart(): void {
    if (!this.launchOpts) throw new Error('nothing to restart');
    const m = this.m;
    m.load(this.launchOpts.program, this.launchOpts.name, this.launchOpts.loadAddress);
    this.exitedCode = undefined;
    this.excStack.length = 0;
    this.lastException = undefined;
    this.memory?.freeze();
    this.applyWatchFlags();
  }

  // ------------------------------------------------------------------ exceptions

  /** Keep the stack of active exceptions (for the call stack and for stepping). */
  private track(rec: ExceptionRecord): void {
    this.lastExc = rec;
    if (rec.kind === 'eret') {
      // Returning to mode M ends every exception that was taken from M (and those nested in it).
      let i = this.excStack.length - 1;
      while (i >= 0 && this.excStack[i].from !== rec.to) i--;
      this.excStack.length = i >= 0 ? i : 0;
    } else {
      this.excStack.push(rec);
      if (this.excStack.length > 64) this.excStack.shift();
    }
  }

  setExceptionFilters(list: readonly { filterId: string; condition?: string }[]): { verified: boolean; message?: string }[] {
    this.filters = new Map();
    const out: { verified: boolean; message?: string }[] = [];
    for (const f of list) {
      if (typeof f?.filterId !== 'string' || !isFilterId(f.filterId)) {
        out.push({ verified: false, message: `unknown exception filter '${String(f?.filterId)}'` });
        continue;
      }
      if (f.condition !== undefined && typeof f.condition !== 'string') {
        out.push({ verified: false, message: 'condition must be a string' });
        continue;
      }
      this.filters.set(f.filterId, f.condition?.trim() || undefined);
      out.push({ verified: true });
    }
    this.updateFilterHook();
    return out;
  }

  /** The machine calls exceptionFilter only when something listens: no cost otherwise. */
  private updateFilterHook(): void {
    if (!this.machine) return;
    this.machine.exceptionFilter = this.filters.size > 0 || this.eretWait ? (rec) => this.onException(rec) : undefined;
  }

  private onException(rec: ExceptionRecord): boolean {
    if (this.eretWait && rec.kind === 'eret' && this.excStack.length <= this.eretWait.depth) {
      this.eretDone = true;
      return true;
    }
    for (const id of classify(rec)) {
      if (!this.filters.has(id)) continue;
      const cond = this.filters.get(id);
      if (cond !== undefined) {
        try {
          if (!evaluateCondition(cond, this.exprEnv(conditionVars(rec, this.catalog, this.m.cpu.sys.vmid)))) continue;
        } catch (e) {
          this.filterStop = { id, rec, error: `condition '${cond}' failed: ${(e as Error).message}` };
          return true;
        }
      }
      this.filterStop = { id, rec };
      return true;
    }
    return false;
  }

  /** Text for an exception record, as the stop description and the exception frame use it. */
  describeException(rec: ExceptionRecord): string {
    const cpu = this.m.cpu;
    if ((rec.kind === 'data-abort' || rec.kind === 'prefetch-abort') && rec.hsr === undefined && cpu.mode === rec.to && rec.to !== Mode.HYP) {
      const data = rec.kind === 'data-abort';
      return pl1AbortText(rec, data ? cpu.sys.dfsr : cpu.sys.ifsr, data ? cpu.sys.dfar : cpu.sys.ifar);
    }
    return describe(rec, this.catalog, rec.kind === 'svc' && rec.hsr === undefined ? this.svcImmediate(rec) : undefined);
  }

  /**
   * The immediate of an SVC taken to a PL1 mode (no syndrome there): read back from the instruction
   * before the return address, imm24 in A32 and imm8 in T32 (A8.8.228), while the core is still in
   * the handler's mode (SPSR.T says which instruction set the SVC came from).
   */
  private svcImmediate(rec: ExceptionRecord): number | undefined {
    const cpu = this.m.cpu;
    if (cpu.mode !== rec.to || !this.memory) return undefined;
    const space = rec.from === Mode.HYP ? 'hyp-va' : 'guest-va';
    if ((cpu.spsr >>> 5) & 1) {
      const hw = this.memory.readWord(space, (rec.pc - 2) >>> 0, 2);
      return hw !== undefined && (hw & 0xff00) === 0xdf00 ? hw & 0xff : undefined;
    }
    const w = this.memory.readWord(space, (rec.pc - 4) >>> 0, 4);
    return w !== undefined && (w & 0x0f000000) === 0x0f000000 ? w & 0xffffff : undefined;
  }

  private exceptionStop(id: string, rec: ExceptionRecord, error?: string): ExceptionStop {
    const d = rec.hsr !== undefined ? decodeHsr(rec.hsr) : undefined;
    const details: Record<string, string | number> = { kind: rec.kind, from: modeName(rec.from), to: modeName(rec.to), preferredReturn: hex(rec.pc), vector: hex(rec.vector) };
    if (d) {
      details.HSR = hex(d.hsr);
      details.EC = `${hex(d.ec)} ${d.ecName}: ${d.ecDescription}`;
      details.IL = d.il;
      details.ISS = hex(d.iss);
      for (const f of d.fields) details[`ISS.${f.name}`] = f.text ? `${hex(f.value)} (${f.text})` : hex(f.value);
    }
    if (rec.far !== undefined) details.FAR = hex(rec.far);
    if (rec.hpfar !== undefined) details.HPFAR = hex(rec.hpfar);
    const cpu = this.m.cpu;
    if (rec.to === Mode.HYP) {
      details.ELR_hyp = hex(cpu.elrHyp);
      details.SPSR_hyp = hex(cpu.spsrBank[7]);
      details.HDFAR = hex(cpu.sys.hdfar);
      details.HIFAR = hex(cpu.sys.hifar);
      details.HPFAR_reg = hex(cpu.sys.hpfar);
    } else if (rec.kind !== 'eret') {
      details.LR = hex(cpu.r[14]);
      details.SPSR = hex(cpu.spsr);
      if (rec.kind === 'data-abort') { details.DFSR = hex(cpu.sys.dfsr); details.DFAR = hex(cpu.sys.dfar); }
      if (rec.kind === 'prefetch-abort' || rec.kind === 'bkpt') { details.IFSR = hex(cpu.sys.ifsr); details.IFAR = hex(cpu.sys.ifar); }
    }
    details.icount = rec.icount;
    const description = this.describeException(rec) + (error ? ` — ${error}` : '');
    return { exceptionId: id, description, record: rec, details };
  }

  // ------------------------------------------------------------------ breakpoints

  /** Replace the breakpoints of one group (a source file, all functions, all instructions). */
  setBreakpoints(group: string, specs: readonly { address: number; condition?: string; hitCondition?: string; logMessage?: string }[]): BreakpointEntry[] {
    const set = this.bps.set;
    const old = this.groups.get(group) ?? new Set<number>();
    const entries: BreakpointEntry[] = specs.map((s) => ({ id: this.nextBpId++, address: s.address >>> 0, condition: s.condition, hitCondition: s.hitCondition, logMessage: s.logMessage, hits: 0 }));
    this.groups.set(group, new Set(entries.map((e) => e.id)));
    set?.replace(old, entries);
    return entries;
  }

  /** DAP semantics for a hit: condition, then hit count, then log message (which never stops). */
  private judge(list: readonly BreakpointEntry[]): boolean {
    let stop = false;
    for (const e of list) {
      try {
        if (e.condition && !evaluateCondition(e.condition, this.exprEnv())) continue;
        e.hits++;
        if (e.hitCondition && !hitConditionMet(e.hitCondition, e.hits)) continue;
        if (e.logMessage !== undefined) {
          this.events.output(this.interpolate(e.logMessage) + '\n', 'console');
          continue;
        }
      } catch (err) {
        this.events.output(`hypscope: breakpoint condition error: ${(err as Error).message}\n`, 'stderr');
      }
      stop = true;
    }
    if (stop) this.hitIds = list.map((e) => e.id);
    return stop;
  }
  private hitIds: number[] = [];

  /** Log-point message: {expr} is replaced by the expression's value. */
  interpolate(msg: string): string {
    return msg.replace(/\{([^}]+)\}/g, (_, ex: string) => {
      try {
        const v = evaluate(ex, this.exprEnv()).value;
        return typeof v === 'string' ? v : hexValue(v);
      } catch (e) {
        return `<${(e as Error).message}>`;
      }
    });
  }

  // ------------------------------------------------------------------ watchpoints

  setWatchpoints(list: readonly { space: AddressSpace; addr: number; size: number; access: 'read' | 'write' | 'readWrite'; condition?: string; hitCondition?: string }[]): (Watchpoint | string)[] {
    const out: (Watchpoint | string)[] = [];
    this.watchpoints = [];
    for (const w of list) {
      // A virtual address is watched through the physical bytes it maps to now (B3.2): the CPU
      // flags RAM pages, so the MMU's current translation of each page decides what is watched.
      const ranges: { pa: number; len: number }[] = [];
      let bad: string | undefined;
      for (let a = w.addr; a < w.addr + w.size && !bad;) {
        const len = Math.min(w.addr + w.size - a, 0x1000 - (a & 0xfff));
        const pa = this.memory?.toPhys(w.space, a);
        if (pa === undefined) bad = `${hex(a)} (${w.space}) is not mapped: translation faults`;
        else if (this.m.bus.ramOffset(pa) < 0 || this.m.bus.ramOffset(pa + len - 1) < 0) bad = `${hex(a)} (${w.space}) is not in RAM (PA ${hex(pa)}): only RAM can be watched`;
        else ranges.push({ pa, len });
        a += len;
      }
      if (bad || ranges.length === 0) {
        out.push(bad ?? `${hex(w.addr)}: empty range`);
        continue;
      }
      const wp: Watchpoint = { id: this.nextBpId++, ...w, pa: ranges[0].pa, ranges, hits: 0 };
      this.watchpoints.push(wp);
      out.push(wp);
    }
    this.applyWatchFlags();
    return out;
  }

  /** Bit 1 of writeWatch is ours (bit 0 belongs to the decode cache); readWatch is ours alone. */
  private applyWatchFlags(): void {
    const cpu = this.m.cpu;
    for (let i = 0; i < cpu.writeWatch.length; i++) cpu.writeWatch[i] &= ~2;
    cpu.readWatch.fill(0);
    for (const w of this.watchpoints) {
      for (const r of w.ranges) {
        const p = this.m.bus.ramOffset(r.pa) >>> 12;
        if (w.access !== 'read') cpu.writeWatch[p] |= 2;
        if (w.access !== 'write') cpu.readWatch[p] = 1;
      }
    }
    cpu.flushTlb();
  }

  private onWatch(va: number, pa: number, size: number, write: boolean): void {
    if (this.watchStop) return;
    for (const w of this.watchpoints) {
      if (write && w.access === 'read') continue;
      if (!write && w.access === 'write') continue;
      // Match on the physical bytes: the same data reached through any mapping (or by the
      // walker's own descriptor reads) is an access to the watched location.
      let overlap = false;
      for (const r of w.ranges) if (pa < r.pa + r.len && pa + size > r.pa) overlap = true;
      if (!overlap) continue;
      try {
        if (w.condition && !evaluateCondition(w.condition, this.exprEnv())) continue;
        w.hits++;
        if (w.hitCondition && !hitConditionMet(w.hitCondition, w.hits)) continue;
      } catch (e) {
        this.events.output(`hypscope: watchpoint condition error: ${(e as Error).message}\n`, 'stderr');
      }
      this.watchStop = { wp: w, va, pa, write };
      this.m.requestPause();
      return;
    }
  }

  // ------------------------------------------------------------------ expressions

  /** Names for expressions: registers of any bank, extra variables, fields (HCR.VM), symbols. */
  exprEnv(extra?: Map<string, number | string>): ExprEnv {
    const m = this.m;
    return {
      lookup: (name) => {
        const x = extra?.get(name) ?? extra?.get(name.toLowerCase());
        if (x !== undefined) return x;
        const r = resolveRegister(name);
        if (r) return r.get(m.cpu);
        const dot = name.indexOf('.');
        const regName = dot < 0 ? name : name.slice(0, dot);
        const sr = this.sysRegView(regName);
        if (sr) return this.sysRegValue(sr, dot < 0 ? undefined : name.slice(dot + 1));
        if (dot > 0 && /^c?psr$|^spsr(_\w+)?$/i.test(regName)) {
          const pr = resolveRegister(regName);
          const fld = PSR_FIELD_BITS[name.slice(dot + 1).toUpperCase()];
          if (pr && fld) return (pr.get(m.cpu) >>> fld[0]) & ((1 << fld[1]) - 1);
        }
        const s = this.symbols.lookup(name);
        if (s) {
          if (s.type === 1 && s.size > 0 && s.size <= 4) {
            const size = (s.size === 3 ? 4 : s.size) as 1 | 2 | 4;
            return this.memory?.readWord(currentSpace(m), s.value, size);
          }
          return s.value;
        }
        return undefined;
      },
      addressOf: (name) => this.symbols.lookup(name)?.value,
      read: (addr, size) => this.memory?.readWord(currentSpace(m), addr, size),
    };
  }

  /**
   * A system register by name, in the form in force: TTBR0/TTBR1 are 64-bit when TTBCR.EAE = 1
   * (B4.1.154, B4.1.155), PAR when its LPAE bit says the last translation used the long format
   * (B4.1.112); other names as the catalog has them (VTTBR, HTTBR, CNT*_CVAL, CNTVOFF are 64-bit).
   */
  sysRegView(name: string): SysReg | undefined {
    const sr = this.catalog.byName(name);
    if (!sr || sr.width === 64) return sr;
    const wide = this.catalog.byName(`${sr.name}_64`);
    if (!wide) return sr;
    const sys = this.m.cpu.sys;
    const inForce = sr.name === 'PAR' ? ((sys.parLo >>> 11) & 1) === 1 : (sys.ttbcr >>> 31) === 1;
    return inForce ? wide : sr;
  }

  /**
   * Value of a system register or of one of its fields (case-insensitive): a number up to 32
   * bits, a bigint for wider values. HSR also knows the ISS fields of the exception class it
   * holds now (B3.13.6; SRT, ISV, WnR, DFSC for data aborts, Opc1, CRn, ... for MCR/MRC traps).
   */
  sysRegValue(sr: SysReg, field: string | undefined): number | bigint {
    const cpu = this.m.cpu;
    const lo = sr.read(cpu) >>> 0;
    const v: number | bigint = sr.width === 64 ? (BigInt(sr.readHi(cpu) >>> 0) << 32n) | BigInt(lo) : lo;
    if (field === undefined) return v;
    const fname = field.toLowerCase();
    const f = sr.fields.find((x) => x.name.toLowerCase() === fname);
    if (f) {
      if (typeof v === 'bigint') {
        const x = (v >> BigInt(f.lsb)) & ((1n << BigInt(f.width)) - 1n);
        return f.width <= 32 ? Number(x) : x;
      }
      return f.width >= 32 ? v : (v >>> f.lsb) & ((2 ** f.width) - 1);
    }
    if (sr.name === 'HSR') {
      const d = decodeHsr(lo);
      const iss = d.fields.find((x) => x.name.toLowerCase() === fname);
      if (iss) return iss.value >>> 0;
      const known = d.fields.map((x) => x.name).join(', ');
      throw new ExprError(`HSR has no field '${field}' for EC ${hex(d.ec)} (${d.ecName}): its ISS fields are ${known || 'none'}`);
    }
    throw new ExprError(`${sr.name} has no field '${field}' (fields: ${sr.fields.map((x) => x.name).join(', ') || 'none'})`);
  }

  // ------------------------------------------------------------------ running

  continue(): void {
    this.startRun({ kind: 'continue' });
  }

  pause(): void {
    if (this.running) this.m.requestPause();
  }

  /** Stop everything (terminate/disconnect): no more events. */
  stop(): void {
    this.cancel = true;
    if (this.running) this.m.requestPause();
  }

  step(kind: 'in' | 'over' | 'out', granularity: 'line' | 'instruction'): void {
    this.startRun({ kind: 'step', step: kind, granularity, count: 0 });
  }

  private startRun(plan: Plan): void {
    if (this.running) throw new Error('the core is already running');
    if (this.exitedCode !== undefined) throw new Error(`the program has exited (code ${this.exitedCode})`);
    this.running = true;
    this.cancel = false;
    this.memory?.thaw();
    this.schedule(() => this.drive(plan));
  }

  /** One scheduled chunk of work; re-schedules itself until a stop. */
  private drive(plan: Plan): void {
    if (this.cancel) { this.running = false; return; }
    let stop: StopInfo | undefined | 'again';
    try {
      stop = plan.kind === 'continue' ? this.continueSlice(plan) : this.stepSlice(plan);
    } catch (e) {
      stop = { reason: 'exception', description: `hypscope internal error: ${(e as Error).message}`, text: (e as Error).message };
      this.lastException = { exceptionId: 'internal-error', description: String((e as Error).stack ?? e), details: {} };
    }
    if (stop === 'again') {
      this.schedule(() => this.drive(plan));
      return;
    }
    this.running = false;
    this.memory?.freeze();
    this.m.breakpoints = this.bps.set;
    this.bps.set?.clearTemps();
    this.eretWait = undefined;
    this.updateFilterHook();
    if (stop === undefined) return; // exited
    if (this.cancel) return;
    this.events.stopped(stop);
  }

  /** Run one slice; translate the machine's stop into a StopInfo, 'again', or undefined (exit). */
  private runSlice(budget: number, skipFirst: boolean): StopReason {
    this.filterStop = undefined;
    this.watchStop = undefined;
    this.eretDone = false;
    return this.m.run(budget, { skipBreakpointAtStart: skipFirst });
  }

  private continueSlice(plan: ContinuePlan): StopInfo | undefined | 'again' {
    const r = this.runSlice(SLICE, !plan.started);
    plan.started = true;
    return this.translateStop(r);
  }

  /** Common stop translation; 'again' for limit. Internal stops (temp bp, eret wait) return 'again'. */
  private translateStop(r: StopReason): StopInfo | undefined | 'again' {
    switch (r.kind) {
      case 'limit': return 'again';
      case 'exit':
        this.exitedCode = r.code;
        this.events.output(`hypscope: guest exited with code ${r.code}\n`, 'console');
        this.running = false;
        this.events.exited(r.code);
        return undefined;
      case 'breakpoint': {
        const pc = r.pc;
        const kinds = this.hitIds.map((id) => this.kindOf(id));
        const reason: StopKind = kinds.includes('function') ? 'function breakpoint' : kinds.includes('instruction') ? 'instruction breakpoint' : 'breakpoint';
        return { reason, description: `Breakpoint at ${this.where(pc)}`, hitBreakpointIds: [...this.hitIds] };
      }
      case 'exception': {
        if (this.filterStop) {
          const { id, rec, error } = this.filterStop;
          this.lastException = this.exceptionStop(id, rec, error);
          return { reason: 'exception', description: this.lastException.description, text: this.lastException.description };
        }
        return 'again';
      }
      case 'pause':
        if (this.watchStop) {
          const { wp, va, pa, write } = this.watchStop;
          const through = va === pa ? '' : ` (PA ${hex(pa)})`;
          return { reason: 'data breakpoint', description: `${write ? 'Write to' : 'Read of'} ${hex(va)}${through} (watch ${hex(wp.addr)} ${wp.space}) at ${this.where(this.m.cpu.pc)}`, hitBreakpointIds: [wp.id] };
        }
        return { reason: 'pause', description: `Paused at ${this.where(this.m.cpu.pc)}` };
      case 'unknown-encoding': {
        const description = `Unknown encoding 0x${r.insn.toString(16).padStart(r.thumb ? 4 : 8, '0')} (${r.thumb ? 'T32' : 'A32'}) at ${hex(r.pc)} in ${r.mode} mode: hypscope does not emulate this instruction`;
        this.lastException = { exceptionId: 'unknown-encoding', description, details: { pc: hex(r.pc), insn: hex(r.insn), mode: r.mode } };
        return { reason: 'exception', description, text: description };
      }
      case 'wfi-forever': {
        const description = `WFI in ${r.mode} mode at ${hex(r.pc)} with no interrupt or timer that could ever wake the core`;
        this.lastException = { exceptionId: 'wfi-forever', description, details: { pc: hex(r.pc) } };
        return { reason: 'exception', description, text: description };
      }
      case 'stuck': {
        this.lastException = { exceptionId: 'stuck', description: r.message, details: {} };
        return { reason: 'exception', description: r.message, text: r.message };
      }
      case 'reset':
        return { reason: 'pause', description: 'The core was reset' };
    }
  }

  private kindOf(id: number): BpKind {
    for (const [g, ids] of this.groups) if (ids.has(id)) return g === '#functions' ? 'function' : g === '#instructions' ? 'instruction' : 'source';
    return 'source';
  }

  /** "func+0x10 (file.c:12)" for stop descriptions. */
  where(pc: number): string {
    const s = this.symbols.describe(pc);
    const l = this.lines.lookup(pc);
    const src = l ? ` (${l.file.split('/').pop()}:${l.line})` : '';
    return `${s ?? hex(pc)}${s ? ` [${hex(pc)}]` : ''}${src}`;
  }

  // ------------------------------------------------------------------ stepping

  private stepSlice(plan: StepPlan): StopInfo | undefined | 'again' {
    const cpu = this.m.cpu;
    if (!plan.started) {
      plan.started = true;
      plan.startDepth = this.excStack.length;
      plan.startSp = cpu.r[13] >>> 0;
      plan.startMode = cpu.mode;
      const range = plan.granularity === 'line' ? this.lines.rangeOf(cpu.pc) : undefined;
      plan.range = range ? [range.start, range.end] : undefined;
      plan.startLine = range?.row;
      if (plan.step === 'out') return this.beginStepOut(plan);
    }
    if (plan.phase === 'wait') {
      // Running to a temporary breakpoint or an ERET; breakpoints and filters of the user apply.
      const r = this.runSlice(SLICE, plan.skipNext ?? false);
      plan.skipNext = false;
      if (r.kind === 'breakpoint' && this.bps.set?.lastWasTemp) {
        this.bps.set.clearTemps();
        return this.afterWait(plan);
      }
      if (r.kind === 'exception' && this.eretDone) {
        this.eretWait = undefined;
        this.updateFilterHook();
        return this.afterWait(plan);
      }
      return this.translateStop(r);
    }
    // Single-step phase: instruction by instruction, a chunk at a time.
    for (let n = 0; n < 20_000; n++) {
      const pc = cpu.pc;
      const depth = this.excStack.length;
      const callRet = plan.step === 'over' ? this.callReturnAddress(pc) : undefined;
      this.lastExc = undefined;
      const r = this.runSlice(1, true);
      plan.count++;
      if (r.kind !== 'limit') {
        const t = this.translateStop(r);
        if (t !== 'again') return t;
      }
      const taken = this.lastExc as ExceptionRecord | undefined;
      if (taken && taken.kind !== 'eret' && this.excStack.length > depth) {
        // The instruction took an exception.
        if (plan.step === 'in') {
          return { reason: 'step', description: `Stepped into the handler: ${this.describeException(taken)}` };
        }
        // Step over a trapping instruction: run until the handler returns to this level.
        plan.phase = 'wait';
        this.eretWait = { depth };
        this.updateFilterHook();
        return 'again';
      }
      if (callRet !== undefined && cpu.pc !== callRet && cpu.mode === plan.startMode) {
        // Step over a call: run until it returns to this frame.
        const sp = cpu.r[13] >>> 0;
        const mode = cpu.mode;
        this.bps.set?.setTemp(callRet, () => this.m.cpu.mode === mode && this.m.cpu.r[13] >>> 0 >= sp);
        plan.phase = 'wait';
        plan.skipNext = false;
        return 'again';
      }
      const done = this.stepDone(plan);
      if (done) return done;
      if (plan.count >= STEP_LIMIT) return { reason: 'step', description: `Step gave up after ${STEP_LIMIT} instructions` };
    }
    return 'again';
  }

  /** After a wait phase (call returned, handler returned), decide whether the step is complete. */
  private afterWait(plan: StepPlan): StopInfo | 'again' {
    plan.phase = 'single';
    if (plan.step === 'out') return { reason: 'step', description: `Stepped out to ${this.where(this.m.cpu.pc)}` };
    return this.stepDone(plan) ?? 'again';
  }

  /** Is the single-step position a place to stop? */
  private stepDone(plan: StepPlan): StopInfo | undefined {
    const cpu = this.m.cpu;
    const pc = cpu.pc;
    const set = this.bps.set;
    if (set && set.has(pc) && set.hit(pc) && !set.lastWasTemp) {
      return { reason: 'breakpoint', description: `Breakpoint at ${this.where(pc)}`, hitBreakpointIds: [...this.hitIds] };
    }
    if (plan.granularity === 'instruction' || !plan.range) return { reason: 'step' };
    if (pc >= plan.range[0] && pc < plan.range[1] && cpu.mode === plan.startMode) return undefined;
    const row = this.lines.lookup(pc);
    if (!row) {
      // No line info (library code): with step-in, get back out to code that has lines.
      if (plan.step === 'in' && cpu.mode === plan.startMode) {
        const lr = cpu.r[14] & ~1;
        const sp = cpu.r[13] >>> 0;
        const mode = cpu.mode;
        this.bps.set?.setTemp(lr, () => this.m.cpu.mode === mode && this.m.cpu.r[13] >>> 0 >= sp);
        plan.phase = 'wait';
        plan.skipNext = false;
      }
      return undefined;
    }
    if (row.address !== pc) return undefined; // mid-statement (returned into a caller): keep going
    if (!row.isStmt) return undefined;
    if (plan.startLine && row.line === plan.startLine.line && row.file === plan.startLine.file && cpu.r[13] >>> 0 === plan.startSp) {
      // Same line again in the same frame (a loop back-edge to the line's other part): new range.
      plan.range = [pc, this.lines.rangeOf(pc)?.end ?? pc + 4];
      return undefined;
    }
    return { reason: 'step' };
  }

  private beginStepOut(plan: StepPlan): StopInfo | 'again' {
    const frames = this.stackTrace();
    const next = frames[1];
    const top = this.excStack[this.excStack.length - 1];
    if (next?.exception || (!next && top && this.m.cpu.mode === top.to)) {
      // Out of a handler: run to its exception return.
      plan.phase = 'wait';
      this.eretWait = { depth: this.excStack.length - 1 };
      this.updateFilterHook();
      return 'again';
    }
    const cpu = this.m.cpu;
    const mode = cpu.mode;
    const target = next ? next.pc : cpu.r[14] & ~1;
    const sp = next ? next.sp : cpu.r[13] >>> 0;
    this.bps.set?.setTemp(target, () => this.m.cpu.mode === mode && this.m.cpu.r[13] >>> 0 >= sp);
    plan.phase = 'wait';
    plan.skipNext = true;
    return 'again';
  }

  /** Return address if the instruction at pc is a call (BL, BLX imm, BLX reg), else undefined. */
  private callReturnAddress(pc: number): number | undefined {
    const cpu = this.m.cpu;
    if (cpu.thumb) {
      const hw = this.memory?.readWord(currentSpace(this.m), pc, 2);
      if (hw === undefined) return undefined;
      if ((hw & 0xff87) === 0x4780) return (pc + 2) >>> 0; // BLX <Rm>
      if ((hw & 0xf800) === 0xf000) {
        const hw2 = this.memory?.readWord(currentSpace(this.m), pc + 2, 2);
        if (hw2 !== undefined && (hw2 & 0xc000) === 0xc000) return (pc + 4) >>> 0; // BL/BLX imm
      }
      return undefined;
    }
    const insn = this.memory?.readWord(currentSpace(this.m), pc, 4);
    if (insn === undefined) return undefined;
    if ((insn & 0x0f000000) === 0x0b000000 && insn >>> 28 !== 0xf) return (pc + 4) >>> 0; // BL
    if (insn >>> 25 === 0x7d) return (pc + 4) >>> 0; // BLX imm
    if ((insn & 0x0ffffff0) === 0x012fff30) return (pc + 4) >>> 0; // BLX reg
    return undefined;
  }

  // ------------------------------------------------------------------ call stack

  /**
   * Frames: the current mode's frames by prologue analysis, then for each active exception a
   * pseudo-frame ("trap from SVC: HVC #0x1234") and the interrupted code's frames (at ELR_hyp or
   * the recorded preferred return address, with the interrupted mode's banked SP and LR).
   */
  stackTrace(max = 64): Frame[] {
    const m = this.m;
    const cpu = m.cpu;
    const frames: Frame[] = [];
    const read32 = (a: number): number | undefined => this.memory?.readWord(currentSpace(m), a, 4);
    let id = 0;
    const isThumbCode = (a: number): boolean => { const mk = this.symbols.mappingAt(a); return mk ? mk.kind === 't' : this.symbols.at(a)?.thumb ?? false; };
    /** Unwind one context; returns the exception frame its stack ends in, if it ends in one. */
    const unwindContext = (pc: number, sp: number, lr: number | undefined, mode: Mode, afterInsn = false): { elr?: number; spsr?: number } | undefined => {
      let regs = { pc, sp, lr };
      let thumb = isThumbCode(pc);
      const limits = { stackTop: this.symbols.stackTop(sp), isCode: (a: number) => this.symbols.isCode(a) };
      for (let depth = 0; depth < 32 && frames.length < max; depth++) {
        // Return addresses point after the call (or after an HVC/SVC): show the line of the call.
        // A T32 call is 2 (BLX Rm) or 4 bytes long: 2 back is inside it either way.
        const linePc = depth === 0 && !afterInsn ? regs.pc : (regs.pc - (thumb ? 2 : 4)) >>> 0;
        frames.push({ id: id++, pc: regs.pc, sp: regs.sp, mode, name: this.symbols.describe(regs.pc) ?? hex(regs.pc), line: this.lines.lookup(linePc) });
        const caller = unwindFrame(regs, this.symbols, read32, limits);
        if (!caller) return undefined;
        // An exception entry stub: the interrupted code is the next context (the trap pseudo-frame).
        if (caller.exception) return caller.exception;
        if (caller.pc === regs.pc && caller.sp === regs.sp) return undefined;
        regs = { pc: caller.pc, sp: caller.sp, lr: undefined };
        thumb = caller.thumb;
      }
      return undefined;
    };
    const ended = unwindContext(cpu.pc, cpu.r[13] >>> 0, cpu.r[14] >>> 0, cpu.mode);
    for (let i = this.excStack.length - 1; i >= 0 && frames.length < max; i--) {
      const rec = this.excStack[i];
      const innermost = i === this.excStack.length - 1;
      const resume = rec.to === Mode.HYP && innermost ? cpu.elrHyp >>> 0 : rec.pc;
      frames.push({ id: id++, pc: rec.vector, sp: 0, mode: rec.to, name: frameText(rec, this.catalog), exception: rec });
      const sp = cpu.readBanked(13, rec.from) >>> 0;
      const lr = rec.from === Mode.USR || rec.from === Mode.SYS ? undefined : cpu.readBanked(14, rec.from) >>> 0;
      // HVC and SVC return after the instruction; traps and aborts return to it (B1.8.3).
      unwindContext(resume, sp, lr, rec.from, rec.kind === 'hvc' || rec.kind === 'svc');
    }
    if (this.excStack.length === 0 && ended?.elr !== undefined && ended.spsr !== undefined && frames.length < max) {
      // An exception frame the debugger did not see being taken (e.g. the program was loaded
      // mid-handler): continue from the ELR_hyp/SPSR_hyp copies the stub saved.
      const from = (ended.spsr & 0x1f) as Mode;
      frames.push({ id: id++, pc: ended.elr, sp: 0, mode: Mode.HYP, name: `exception return to ${hex(ended.elr)} (${modeName(from)})` });
      const sp = cpu.readBanked(13, from) >>> 0;
      const lr = from === Mode.USR || from === Mode.SYS ? undefined : cpu.readBanked(14, from) >>> 0;
      unwindContext(ended.elr, sp, lr, from, true);
    }
    return frames;
  }
}

const PSR_FIELD_BITS: Record<string, [number, number]> = {
  N: [31, 1], Z: [30, 1], C: [29, 1], V: [28, 1], Q: [27, 1], J: [24, 1], GE: [16, 4], E: [9, 1], A: [8, 1], I: [7, 1], F: [6, 1], T: [5, 1], M: [0, 5],
};

interface ContinuePlan { kind: 'continue'; started?: boolean }
interface StepPlan {
  kind: 'step';
  step: 'in' | 'over' | 'out';
  granularity: 'line' | 'instruction';
  started?: boolean;
  phase?: 'single' | 'wait';
  skipNext?: boolean;
  startDepth?: number;
  startSp?: number;
  startMode?: Mode;
  range?: [number, number];
  startLine?: LineRow;
  count: number;
}
type Plan = ContinuePlan | StepPlan;

export { ElfError };

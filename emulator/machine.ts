// The machine: one Cortex-A15-class core on QEMU's virt board, its devices and the run loop.
// Owns CPU, bus, MMU, clock and devices; offers the small debug API the adapter and CLI use.

import { Cpu } from './cpu/cpu';
import { Bus } from './memory/bus';
import { VmsaMmu } from './mmu/mmu';
import { Clock } from './board/clock';
import { Pl011 } from './devices/pl011';
import { Semihosting } from './devices/semihosting';
import { A32Cache, execute, RunExit, UnknownEncoding, type BreakpointSink } from './cpu/interpreter';
import { checkInterrupts, wakeupPending, type InterruptLines } from './cpu/interrupts';
import type { ExceptionRecord } from './cpu/exception-kinds';
import { VIRT, bootState } from './board/virt';
import { attachBoardDevices } from './board/devices';
import { type ElfImage } from './loader/elf';
import { planBiosBoot, planKernelBoot, type BootPlan } from './board/boot';
import { virtDtb } from './board/dtb';
import { A32_DECODER } from './decode/a32/index';
import { modeName } from './cpu/psr';
// Registers the T32 step function, disassembler and abort-syndrome hooks.
import './cpu/thumb';

export type StopReason =
  | { kind: 'exit'; code: number }
  | { kind: 'limit' }
  | { kind: 'breakpoint'; pc: number }
  | { kind: 'pause' }
  | { kind: 'exception'; record: ExceptionRecord }
  | { kind: 'unknown-encoding'; pc: number; insn: number; thumb: boolean; mode: string }
  | { kind: 'wfi-forever'; pc: number; mode: string }
  | { kind: 'stuck'; message: string }
  | { kind: 'reset' };

export interface MachineOptions {
  /** RAM size in bytes (default 128 MiB, as `-m 128M`). */
  memory?: number;
  /** Called with each byte the guest writes to the UART. */
  onOutput?: (bytes: Uint8Array) => void;
  /**
   * Semihosting output; defaults to onOutput. `stream` says where QEMU would put it: the console
   * (SYS_WRITEC/WRITE0) and stderr go to QEMU's stderr, stdout to its stdout.
   */
  onSemihostOutput?: (bytes: Uint8Array, stream: 'console' | 'stdout' | 'stderr') => void;
  /** Command line for SYS_GET_CMDLINE. */
  cmdline?: string;
  /** Run only the reference interpreter (no compiled fast-path blocks). */
  interpreterOnly?: boolean;
}

export interface LoadedProgram {
  /** The program's entry point (the kernel entry for Linux images; 0 for -bios firmware). */
  readonly entry: number;
  readonly elf?: ElfImage;
  /** How it was booted: the first PC (QEMU's boot stub for Linux images), where the DTB went, the blobs. */
  readonly boot?: BootPlan;
}

export interface LoadOptions {
  /** The image is `-bios` firmware: it goes to flash at PA 0 and the core starts there. */
  readonly bios?: boolean;
  /** Kernel command line (`-append`): /chosen/bootargs in the DTB. */
  readonly bootargs?: string;
}

/** Size of the in-memory exception log kept for the debugger. */
const LOG_CAPACITY = 100_000;

export class Machine {
  readonly bus: Bus;
  readonly cpu: Cpu;
  readonly mmu: VmsaMmu;
  readonly clock: Clock;
  readonly uart: Pl011;
  readonly semihosting: Semihosting;
  readonly lines: InterruptLines = { irq: false, fiq: false, virq: false, vfiq: false };
  readonly a32: A32Cache;
  /** Exception log (ring buffer of the latest LOG_CAPACITY entries). */
  readonly exceptionLog: ExceptionRecord[] = [];
  /** Called for every exception entry/return; return true to stop the run at the vector. */
  exceptionFilter: ((rec: ExceptionRecord) => boolean) | undefined;
  /** Extra listeners for exceptions (trace writers). */
  readonly exceptionListeners: ((rec: ExceptionRecord) => void)[] = [];
  breakpoints: BreakpointSink | undefined;
  program: LoadedProgram | undefined;

  private exitCode: number | undefined;
  private pendingStop: StopReason | undefined;
  private pauseRequested = false;
  private halted = false;
  /** The core waits in WFE: any timer event (not only an interrupt) ends the wait. */
  private haltedInWfe = false;
  private waitPc = 0;
  private input: number[] = [];
  private readonly inputEncoder = new TextEncoder();

  constructor(private readonly opts: MachineOptions = {}) {
    const mem = opts.memory ?? VIRT.defaultRam;
    this.bus = new Bus(VIRT.ram, mem, { flash: true });
    this.cpu = new Cpu(this.bus);
    // Flash entering or leaving read-array mode changes what its pages read as: drop cached translations.
    this.bus.onMapChange = () => this.cpu.flushTlb();
    this.mmu = new VmsaMmu(this.cpu);
    this.cpu.mmu = this.mmu;
    this.clock = new Clock(this.cpu);
    const out = opts.onOutput ?? (() => {});
    this.uart = new Pl011((b) => out(Uint8Array.of(b)));
    this.bus.map(VIRT.uart, 0x1000, this.uart);
    this.semihosting = new Semihosting(
      {
        write: (bytes, stream) => (opts.onSemihostOutput ? opts.onSemihostOutput(bytes, stream) : out(bytes)),
        readByte: () => this.input.shift() ?? -1,
        exit: (code) => { this.exitCode = code; this.cpu.attention = true; },
        centiseconds: () => Math.floor(this.clock.now() / (this.cpu.sys.cntfrq / 100)),
        ticks: () => this.clock.now(),
        tickFrequency: () => this.cpu.sys.cntfrq,
        cmdline: opts.cmdline ?? '',
      },
      () => this.bus.ramBase + this.bus.ramSize,
      this.bus.ramBase,
    );
    this.cpu.onSemihost = (cpu) => this.semihosting.call(cpu);
    this.cpu.onWait = (_cpu, wfe) => {
      // WFE with nothing that could ever wake it completes at once (it may complete at any time,
      // B1.8.13); QEMU treats every WFE that way.
      if (wfe && this.clock.nextEventAt() === Infinity) return;
      this.halted = true;
      this.haltedInWfe = wfe;
      this.waitPc = this.cpu.pc; // the WFI/WFE itself (the run loop then moves to the next one)
      this.cpu.attention = true;
    };
    this.a32 = new A32Cache(this.bus.hostSize >>> 12, this.cpu, A32_DECODER);
    this.a32.jit = !opts.interpreterOnly;
    this.cpu.onCodeWrite = (off) => this.a32.invalidate(off >>> 12);
    this.bus.setRamWriteObserver((off, len) => {
      for (let p = off >>> 12; p <= (off + len - 1) >>> 12; p++) this.a32.invalidate(p);
    });
    this.cpu.onException = (rec) => this.noteException(rec);
    attachBoardDevices(this);
  }

  /** Host input for the guest (UART receive FIFO and semihosting console). */
  sendInput(text: string): void {
    const bytes = this.inputEncoder.encode(text);
    this.uart.pushInput(bytes);
    for (const b of bytes) this.input.push(b);
  }

  private noteException(rec: ExceptionRecord): void {
    // The ring buffer drops its oldest entry in place of shifting the whole array.
    if (this.exceptionLog.length >= LOG_CAPACITY) this.exceptionLog.splice(0, LOG_CAPACITY / 10);
    this.exceptionLog.push(rec);
    for (const l of this.exceptionListeners) l(rec);
    if (this.exceptionFilter && this.exceptionFilter(rec)) this.pendingStop = { kind: 'exception', record: rec };
    this.watchForAbortLoop(rec);
  }

  private lastVector = -1;
  private vectorAborts = 0;
  private repeats = 0;
  private lastRecord: ExceptionRecord | undefined;
  private loopCause: ExceptionRecord | undefined;

  /**
   * A prefetch abort on the very vector the previous exception jumped to means the vector table
   * itself cannot be fetched: the guest would abort forever. Stop with the reason instead.
   */
  private watchForAbortLoop(rec: ExceptionRecord): void {
    if (rec.kind === 'eret') {
      this.repeats = 0;
      return;
    }
    // The same abort at the same PC, again and again, with no exception return in between: the
    // handler itself keeps faulting back to the same place.
    const prev = this.lastRecord;
    if (prev && prev.kind === rec.kind && prev.pc === rec.pc && prev.from === rec.from && rec.kind.endsWith('abort')) {
      if (++this.repeats >= 4) {
        this.pendingStop = {
          kind: 'stuck',
          message: `guest is stuck: ${rec.kind} at 0x${rec.pc.toString(16).padStart(8, '0')} in ${modeName(rec.from)} mode ` +
            `repeats without ever returning (its handler faults again at the same place)`,
        };
      }
    } else {
      this.repeats = 0;
    }
    if (rec.kind === 'prefetch-abort' && rec.pc === this.lastVector) {
      if (this.vectorAborts === 0) this.loopCause = this.lastRecord;
      if (++this.vectorAborts >= 3) {
        const c = this.loopCause;
        const cause = c ? ` after ${c.kind === 'prefetch-abort' ? 'a prefetch abort' : `a ${c.kind} exception`} at 0x${c.pc.toString(16).padStart(8, '0')} in ${modeName(c.from)} mode` : '';
        const base = rec.to === 0x1a ? `HVBAR = 0x${this.cpu.sys.hvbar.toString(16)}` : `VBAR = 0x${this.cpu.sys.vbar.toString(16)}`;
        this.pendingStop = {
          kind: 'stuck',
          message:
            `guest is stuck: prefetch abort on its own exception vector at 0x${rec.pc.toString(16).padStart(8, '0')} ` +
            `(${base}, nothing executable there), repeating forever${cause}`,
        };
      }
    } else {
      this.vectorAborts = 0;
    }
    this.lastVector = rec.vector;
    this.lastRecord = rec;
  }

  /**
   * Load a program as QEMU 7.2's `-kernel` does (board/boot.ts): an ELF at its physical addresses (DTB at the
   * start of RAM when it fits below the ELF), a raw or uImage Linux image with QEMU's boot stub and the DTB,
   * or with `opts.bios` firmware in flash at 0. `loadAddress` loads a raw image there and starts it there.
   */
  load(bytes: Uint8Array, what: string, loadAddress?: number, opts: LoadOptions = {}): LoadedProgram {
    const req = {
      ramBase: this.bus.ramBase,
      ramSize: this.bus.ramSize,
      dtb: virtDtb({ ramSize: this.bus.ramSize, bootargs: opts.bootargs }),
      loadAddress,
    };
    const plan = opts.bios ? planBiosBoot(bytes, what, req) : planKernelBoot(bytes, what, req);
    this.bus.resetFlash();
    for (const blob of plan.blobs) {
      this.bus.loadBytes(blob.addr, blob.bytes);
      if (blob.zeroFill) this.bus.loadBytes(blob.addr + blob.bytes.length, new Uint8Array(blob.zeroFill));
    }
    this.program = { entry: plan.entry, elf: plan.elf, boot: plan };
    this.reset();
    return this.program;
  }

  /** Hooks run on reset (devices restore their reset state). */
  readonly resetHooks: (() => void)[] = [];

  /** Put the core in the state QEMU gives it at the program entry (board/virt.ts). */
  reset(): void {
    for (const h of this.resetHooks) h();
    // Flash is a ROM device on QEMU: writes always reach its command interface (bit 2 of writeWatch keeps
    // them off the CPU's fast path), and a reset returns it to read-array mode.
    const flash = this.bus.flashHostPages();
    for (let p = flash.first; p < flash.first + flash.count; p++) this.cpu.writeWatch[p] |= 4;
    this.bus.resetFlash();
    const pc = this.program?.boot?.pc ?? this.program?.entry ?? VIRT.ram;
    bootState(this.cpu, pc);
    this.halted = false;
    this.exitCode = undefined;
    this.pendingStop = undefined;
    this.cpu.flushTlb();
  }

  /** Ask a running `run` to stop at the next instruction boundary (debugger pause). */
  requestPause(): void {
    this.pauseRequested = true;
    this.cpu.attention = true;
  }

  /** Stop the machine with an exit status, as when the guest powers the board off (PSCI SYSTEM_OFF). */
  requestExit(code: number): void {
    this.exitCode = code;
    this.cpu.attention = true;
  }

  /** End the current run with `reason` at the next instruction boundary (PSCI SYSTEM_RESET, CPU_OFF). */
  requestStop(reason: StopReason): void {
    this.pendingStop = reason;
    this.cpu.attention = true;
  }

  get exited(): number | undefined {
    return this.exitCode;
  }

  /**
   * Run up to `maxInstructions`. Stops early on exit, breakpoint, a caught exception, pause, an
   * unknown encoding, or a WFI that nothing can ever wake.
   */
  run(maxInstructions: number, opts: { skipBreakpointAtStart?: boolean } = {}): StopReason {
    const cpu = this.cpu;
    const start = cpu.icount;
    let skipBp = opts.skipBreakpointAtStart ?? false;
    for (;;) {
      if (this.exitCode !== undefined) return { kind: 'exit', code: this.exitCode };
      if (this.pendingStop) {
        const s = this.pendingStop;
        this.pendingStop = undefined;
        return s;
      }
      if (this.pauseRequested) {
        this.pauseRequested = false;
        return { kind: 'pause' };
      }
      this.clock.runDue();
      if (cpu.attention) {
        cpu.attention = false;
        if (checkInterrupts(cpu, this.lines)) {
          cpu.pc = cpu.nextPc;
          this.halted = false;
          continue; // the entry may have hit an exception filter
        }
      }
      const done = cpu.icount - start;
      if (done >= maxInstructions) return { kind: 'limit' };
      if (this.halted) {
        if (wakeupPending(cpu, this.lines)) {
          this.halted = false;
        } else {
          const next = this.clock.nextEventAt();
          if (next === Infinity) {
            if (this.haltedInWfe) { this.halted = false; continue; }
            return { kind: 'wfi-forever', pc: this.waitPc, mode: modeName(cpu.mode) };
          }
          this.clock.skipTo(next);
          if (this.haltedInWfe) this.halted = false;
          continue;
        }
      }
      const until = this.clock.nextEventAt() - this.clock.now();
      const budget = Math.max(1, Math.min(maxInstructions - done, until));
      let ex: RunExit;
      try {
        ex = execute(cpu, this.a32, budget, this.breakpoints, skipBp);
      } catch (e) {
        if (e instanceof UnknownEncoding) {
          return { kind: 'unknown-encoding', pc: e.pc, insn: e.insn, thumb: e.thumb, mode: modeName(cpu.mode) };
        }
        throw e;
      }
      skipBp = false;
      if (ex === RunExit.Breakpoint) return { kind: 'breakpoint', pc: cpu.pc };
    }
  }
}

// Lock-step comparison of QEMU (through its gdb stub) and hypscope (in-process Machine): step both
// one instruction at a time and report the first instruction after which r0-r15/CPSR differ.

import { readFileSync } from 'node:fs';
import { Machine } from '../../emulator/machine';
import { disassembleA32, disassembleT32 } from '../../emulator/disasm/disasm';
import { lookupSysRegByName } from '../../emulator/sysregs/table';
import { type CoreRegs, type QemuGdbSession, startQemuGdb } from './gdbremote';

/** Outcome of one single step on either engine. */
export interface StepOutcome {
  /** Semihosting exit code when the guest exited during this step. */
  exited?: number;
  /** Anything that stopped the engine abnormally (unknown encoding, lost connection, ...). */
  problem?: string;
}

/** hypscope side: a Machine driven one instruction at a time. */
export class HypscopeTarget {
  readonly machine: Machine;
  uart = '';

  constructor() {
    this.machine = new Machine({
      onOutput: (b) => {
        this.uart += String.fromCharCode(...b);
      },
      onSemihostOutput: () => {},
    });
  }

  loadElf(bytes: Uint8Array, what = 'guest.elf'): void {
    this.machine.load(bytes, what);
  }

  /** r0-r14 of the current mode, r15 = address of the next instruction (as gdb shows it), CPSR. */
  regs(): CoreRegs {
    const cpu = this.machine.cpu;
    const r: number[] = [];
    for (let i = 0; i < 15; i++) r.push(cpu.r[i] ?? 0);
    r.push(cpu.pc >>> 0);
    return { r, cpsr: cpu.getCPSR() };
  }

  step(): StepOutcome {
    const s = this.machine.run(1);
    switch (s.kind) {
      case 'limit': case 'exception': case 'breakpoint': case 'pause': return {};
      case 'exit': return { exited: s.code };
      case 'unknown-encoding':
        return { problem: `unknown encoding 0x${s.insn.toString(16).padStart(s.thumb ? 4 : 8, '0')} at 0x${s.pc.toString(16)}` };
      default: return { problem: `stopped: ${JSON.stringify(s)}` };
    }
  }

  /** D0-D31 as 64 words (word 2n = low half of Dn) and FPSCR. */
  fpRegs(): FpRegsState {
    const cpu = this.machine.cpu;
    return { d: cpu.fp.w.slice(), fpscr: cpu.sys.fpscr >>> 0 };
  }

  /** Physical RAM bytes (the guests run with the MMU off). */
  readMemory(addr: number, len: number): Uint8Array {
    const off = this.machine.bus.ramOffset(addr);
    if (off < 0) return new Uint8Array(len);
    return this.machine.bus.ram.slice(off, off + len);
  }

  /** A system register by its QEMU/ARM name, or undefined when the table has no such register. */
  sysreg(name: string): number | undefined {
    const reg = lookupSysRegByName(name);
    if (reg === undefined || reg.kind !== 'reg') return undefined;
    return reg.read(this.machine.cpu) >>> 0;
  }
}

/** QEMU side: single steps and register reads through the gdb stub. */
export class QemuTarget {
  constructor(readonly session: QemuGdbSession) {}

  static async start(elfPath: string): Promise<QemuTarget> {
    return new QemuTarget(await startQemuGdb(elfPath));
  }

  regs(): Promise<CoreRegs> {
    return this.session.gdb.readCoreRegs();
  }

  async step(): Promise<StepOutcome> {
    try {
      const s = await this.session.gdb.step();
      if (s.exited) return { exited: Number.parseInt(s.raw.slice(1, 3), 16) };
      return {};
    } catch (e) {
      // QEMU closes the connection when the guest exits through semihosting.
      if (this.session.qemu.exitCode !== null) return { exited: this.session.qemu.exitCode };
      await new Promise((r) => setTimeout(r, 100));
      if (this.session.qemu.exitCode !== null) return { exited: this.session.qemu.exitCode };
      return { problem: `gdb: ${String(e)}` };
    }
  }

  async readMemory(addr: number, len: number): Promise<Uint8Array> {
    return this.session.gdb.readMemory(addr, len);
  }

  /** gdb register number of a name in QEMU's target description (throws when missing). */
  private num(name: string): number {
    const n = this.session.gdb.regNumber(name);
    if (n === undefined) throw new Error(`qemu gdb stub has no register ${name}`);
    return n;
  }

  /**
   * gdb number of q<n>: QEMU 7.2's XML names q11 "q10" by mistake, so count from q0 (the q views
   * are consecutive, measured).
   */
  private qNum(n: number): number {
    return this.num('q0') + n;
  }

  /** D0-D31 through the 128-bit q0-q15 views (half the packets of d0-d31) and FPSCR. */
  async fpRegs(): Promise<FpRegsState> {
    const gdb = this.session.gdb;
    const d = new Uint32Array(64);
    for (let q = 0; q < 16; q++) {
      const hex = await gdb.request(`p${this.qNum(q).toString(16)}`);
      if (hex.length !== 32) throw new Error(`p q${q}: ${hex}`);
      // QEMU 7.2 reads a q register high doubleword first (gdb_get_reg128(hi, lo) on a
      // little-endian target) but writes it low doubleword first (measured): swap on read.
      const b = Buffer.from(hex, 'hex');
      for (let k = 0; k < 4; k++) d[q * 4 + (k ^ 2)] = b.readUInt32LE(k * 4);
    }
    const fpscr = Number(BigInt.asUintN(32, await gdb.readRegister(this.num('fpscr'))));
    return { d, fpscr };
  }

  /** Write D0-D31 (as q0-q15), FPSCR and FPEXC. */
  async setFpRegs(d: Uint32Array, fpscr: number, fpexc: number): Promise<void> {
    const gdb = this.session.gdb;
    for (let q = 0; q < 16; q++) {
      const b = Buffer.alloc(16);
      for (let k = 0; k < 4; k++) b.writeUInt32LE(d[q * 4 + k] ?? 0, k * 4);
      const r = await gdb.request(`P${this.qNum(q).toString(16)}=${b.toString('hex')}`);
      if (r !== 'OK') throw new Error(`P q${q}: ${r}`);
    }
    await gdb.writeRegister(this.num('fpexc'), fpexc);
    await gdb.writeRegister(this.num('fpscr'), fpscr);
  }

  async sysreg(name: string): Promise<number | undefined> {
    const n = this.session.gdb.regNumber(name);
    if (n === undefined) return undefined;
    return Number(BigInt.asUintN(32, await this.session.gdb.readRegister(n)));
  }

  close(): Promise<void> {
    return this.session.close();
  }
}

/** Extension registers: D0-D31 as 64 words (word 2n = low half of Dn), FPSCR. */
export interface FpRegsState {
  readonly d: Uint32Array;
  readonly fpscr: number;
}

/** Differences between two extension-register states (Dn as 64-bit hex). */
export function diffFp(q: FpRegsState, h: FpRegsState): string[] {
  const out: string[] = [];
  const d64 = (s: FpRegsState, i: number): string =>
    (s.d[2 * i + 1] ?? 0).toString(16).padStart(8, '0') + (s.d[2 * i] ?? 0).toString(16).padStart(8, '0');
  for (let i = 0; i < 32; i++) {
    const a = d64(q, i);
    const b = d64(h, i);
    if (a !== b) out.push(`d${i}: qemu 0x${a} hypscope 0x${b}`);
  }
  if (q.fpscr !== h.fpscr) out.push(`fpscr: qemu ${hex(q.fpscr)} hypscope ${hex(h.fpscr)}`);
  return out;
}

export const REG_NAMES = ['r0', 'r1', 'r2', 'r3', 'r4', 'r5', 'r6', 'r7', 'r8', 'r9', 'r10', 'r11', 'r12', 'sp', 'lr', 'pc'];

const hex = (v: number): string => '0x' + (v >>> 0).toString(16).padStart(8, '0');

/** Human-readable CPSR: flags, GE, mode (B1.3.3). */
export function cpsrText(v: number): string {
  const f = ['N', 'Z', 'C', 'V', 'Q'].map((n, i) => ((v >>> (31 - i)) & 1 ? n : n.toLowerCase())).join('');
  const ge = ((v >>> 16) & 0xf).toString(2).padStart(4, '0');
  return `${hex(v)} [${f} GE=${ge}${v & 0x20 ? ' T' : ''} mode=0x${(v & 0x1f).toString(16)}]`;
}

/** Differences between two register sets ('' entries never appear). */
export function diffRegs(q: CoreRegs, h: CoreRegs): string[] {
  const out: string[] = [];
  for (let i = 0; i < 16; i++) {
    const a = q.r[i] ?? 0;
    const b = h.r[i] ?? 0;
    if (a !== b) out.push(`${REG_NAMES[i]}: qemu ${hex(a)} hypscope ${hex(b)}`);
  }
  if (q.cpsr !== h.cpsr) out.push(`cpsr: qemu ${cpsrText(q.cpsr)} hypscope ${cpsrText(h.cpsr)}`);
  return out;
}

/** Differences between two byte ranges, as word-level lines (at most `limit`). */
export function diffMemory(base: number, q: Uint8Array, h: Uint8Array, limit = 8): string[] {
  const out: string[] = [];
  let more = 0;
  for (let i = 0; i < Math.max(q.length, h.length); i += 4) {
    let same = true;
    for (let k = i; k < i + 4; k++) if (q[k] !== h[k]) same = false;
    if (same) continue;
    if (out.length >= limit) {
      more++;
      continue;
    }
    const w = (b: Uint8Array): number => ((b[i] ?? 0) | ((b[i + 1] ?? 0) << 8) | ((b[i + 2] ?? 0) << 16) | ((b[i + 3] ?? 0) << 24)) >>> 0;
    out.push(`mem[${hex(base + i)}]: qemu ${hex(w(q))} hypscope ${hex(w(h))}`);
  }
  if (more > 0) out.push(`... and ${more} more differing words`);
  return out;
}

export function formatRegs(label: string, s: CoreRegs): string {
  const rows: string[] = [];
  for (let i = 0; i < 16; i += 4) {
    rows.push(
      [0, 1, 2, 3].map((k) => `${(REG_NAMES[i + k] ?? '').padStart(3)}=${hex(s.r[i + k] ?? 0)}`).join(' '),
    );
  }
  return `${label}\n    ${rows.join('\n    ')}\n    cpsr=${cpsrText(s.cpsr)}`;
}

/** The instruction at `pc` in the given state, disassembled (objdump syntax). */
export function disassembleAt(h: HypscopeTarget, pc: number, thumb: boolean): { word: number; text: string } {
  const b = h.readMemory(pc, 4);
  if (thumb) {
    const hw1 = (b[0] ?? 0) | ((b[1] ?? 0) << 8);
    const hw2 = (b[2] ?? 0) | ((b[3] ?? 0) << 8);
    const d = disassembleT32(hw1, hw2, pc);
    return { word: d.size === 4 ? ((hw1 << 16) | hw2) >>> 0 : hw1, text: d.text };
  }
  const w = ((b[0] ?? 0) | ((b[1] ?? 0) << 8) | ((b[2] ?? 0) << 16) | ((b[3] ?? 0) << 24)) >>> 0;
  return { word: w, text: disassembleA32(w, pc).text };
}

export interface Divergence {
  /** 1-based number of the step after which the states differ (0: before the first step). */
  readonly step: number;
  /** Address, encoding and disassembly of the instruction of that step. */
  readonly pc: number;
  readonly insn: number;
  readonly text: string;
  readonly before: CoreRegs;
  readonly qemu: CoreRegs;
  readonly hypscope: CoreRegs;
  readonly diffs: readonly string[];
}

export interface LockstepResult {
  readonly steps: number;
  readonly divergence?: Divergence;
  /** Exit codes when the guest exited (either engine). */
  readonly exit?: { qemu?: number; hypscope?: number };
  /** Abnormal stop of an engine (unknown encoding, lost gdb connection). */
  readonly problem?: string;
}

export interface LockstepOptions {
  /** Stop after this many instructions (default 1,000,000). */
  readonly maxSteps?: number;
  /** Also compare this memory range after every step (slow: one gdb read per KiB per step). */
  readonly memory?: { readonly addr: number; readonly len: number };
  /** Also compare D0-D31 and FPSCR after every step (slow: 17 gdb reads per step). */
  readonly fp?: boolean;
  /**
   * System registers (QEMU gdb names, e.g. 'SCTLR', 'VBAR', 'DFSR') compared whenever the mode
   * changes or a coprocessor instruction executed; names either side lacks are skipped.
   */
  readonly sysregs?: readonly string[];
  /** Called every `progressEvery` steps (default 100,000). */
  readonly onProgress?: (steps: number) => void;
  readonly progressEvery?: number;
}

/** PL1 fault and vector registers, the ones an exception entry or an MCR changes. */
export const DEFAULT_SYSREGS = ['SCTLR', 'VBAR', 'DFSR', 'DFAR', 'IFSR', 'IFAR', 'TTBR0', 'TTBCR', 'DACR', 'CONTEXTIDR', 'TPIDRPRW'];

async function sysregDiffs(q: QemuTarget, h: HypscopeTarget, names: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const n of names) {
    const hv = h.sysreg(n);
    if (hv === undefined) continue;
    const qv = await q.sysreg(n);
    if (qv === undefined || qv === hv) continue;
    out.push(`${n}: qemu ${hex(qv)} hypscope ${hex(hv)}`);
  }
  return out;
}

/** Step both engines from their current (equal) states until a difference, an exit or maxSteps. */
export async function lockstep(q: QemuTarget, h: HypscopeTarget, opts: LockstepOptions = {}): Promise<LockstepResult> {
  const max = opts.maxSteps ?? 1_000_000;
  const every = opts.progressEvery ?? 100_000;
  let before = await q.regs();
  const initial = diffRegs(before, h.regs());
  if (initial.length > 0) {
    return { steps: 0, divergence: { step: 0, pc: before.r[15] ?? 0, insn: 0, text: '(initial state)', before, qemu: before, hypscope: h.regs(), diffs: initial } };
  }
  for (let step = 1; step <= max; step++) {
    const pc = before.r[15] ?? 0;
    const thumb = (before.cpsr & 0x20) !== 0;
    const [qs, hs] = [await q.step(), h.step()];
    if (qs.problem !== undefined || hs.problem !== undefined) {
      return { steps: step, problem: [qs.problem && `qemu: ${qs.problem}`, hs.problem && `hypscope: ${hs.problem}`].filter(Boolean).join('; ') };
    }
    if (qs.exited !== undefined || hs.exited !== undefined) {
      return { steps: step, exit: { qemu: qs.exited, hypscope: hs.exited } };
    }
    const qa = await q.regs();
    const ha = h.regs();
    let diffs = diffRegs(qa, ha);
    if (diffs.length === 0 && opts.memory !== undefined) {
      const m = opts.memory;
      diffs = diffMemory(m.addr, await q.readMemory(m.addr, m.len), h.readMemory(m.addr, m.len));
    }
    if (diffs.length === 0 && opts.fp === true) diffs = diffFp(await q.fpRegs(), h.fpRegs());
    const insn = diffs.length > 0 || opts.sysregs !== undefined ? disassembleAt(h, pc, thumb) : undefined;
    if (diffs.length === 0 && opts.sysregs !== undefined && insn !== undefined) {
      const modeChanged = (qa.cpsr & 0x1f) !== (before.cpsr & 0x1f);
      if (modeChanged || /^(mcr|mrc|mcrr|mrrc)/.test(insn.text)) diffs = await sysregDiffs(q, h, opts.sysregs);
    }
    if (diffs.length > 0 && insn !== undefined) {
      return { steps: step, divergence: { step, pc, insn: insn.word, text: insn.text, before, qemu: qa, hypscope: ha, diffs } };
    }
    before = qa;
    if (step % every === 0) opts.onProgress?.(step);
  }
  return { steps: max };
}

/** Readable report of a divergence: the instruction, what differs, the state before and after. */
export function formatDivergence(d: Divergence): string {
  const thumb = (d.before.cpsr & 0x20) !== 0;
  const enc = d.insn.toString(16).padStart(thumb && d.insn < 0x10000 ? 4 : 8, '0');
  return [
    `first divergence after step ${d.step}: ${hex(d.pc)}: ${enc}  ${d.text.replace('\t', ' ')}`,
    ...d.diffs.map((s) => `  ${s}`),
    formatRegs('  state before the instruction (equal on both):', d.before),
    formatRegs('  qemu after:', d.qemu),
    formatRegs('  hypscope after:', d.hypscope),
  ].join('\n');
}

/** Lock-step a guest ELF from its entry: QEMU via gdb, hypscope in-process. */
export async function lockstepElf(elfPath: string, opts: LockstepOptions = {}): Promise<LockstepResult & { uart: { qemu: string; hypscope: string } }> {
  const h = new HypscopeTarget();
  h.loadElf(readFileSync(elfPath), elfPath);
  const q = await QemuTarget.start(elfPath);
  try {
    const r = await lockstep(q, h, { sysregs: DEFAULT_SYSREGS, ...opts });
    return { ...r, uart: { qemu: q.session.uart(), hypscope: h.uart } };
  } finally {
    await q.close();
  }
}

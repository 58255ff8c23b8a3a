// Runs random blocks on both engines: one long-lived QEMU (gdb stub) whose memory and registers are
// rewritten per block, and an in-process hypscope Machine; compares the end states, then lock-steps.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Mode } from '../../emulator/cpu/psr';
import type { CoreRegs } from './gdbremote';
import {
  HypscopeTarget, QemuTarget, diffFp, diffMemory, diffRegs, formatDivergence, formatRegs, lockstep, type Divergence,
} from './lockstep';
import { LAYOUT, WINDOW, blockElf, codeBytes, type RandomBlock } from './random-block';

/** End state of a block run. */
export interface BlockResult {
  readonly regs: CoreRegs;
  readonly data: Uint8Array;
  /** D0-D31 (64 words) and FPSCR, read for FP blocks only. */
  readonly fp?: { readonly d: Uint32Array; readonly fpscr: number };
}

/** CPACR with cp10/cp11 full access (B4.1.40) and FPEXC.EN (B6.1.5): what the prologue sets. */
const CPACR_FP = 0x00f00000;
const FPEXC_EN = 0x40000000;

/** Exception vectors with VBAR = 0 (reset value on both engines): a stop there means an exception. */
const VECTORS = [0x00, 0x04, 0x08, 0x0c, 0x10, 0x14, 0x18, 0x1c];
/** gdb `cpsr` register number in QEMU's arm-core XML (test/guests/README.md). */
const GDB_CPSR = 25;
/** QEMU's gdb packet buffer holds 4 KiB of hex: write memory in 1 KiB chunks. */
const CHUNK = 1024;
/** System mode, A/I/F masked: shares r13/r14 with User mode. */
const CPSR_SYS_MASKED = 0x1df;

function le32(values: readonly number[]): string {
  const b = Buffer.alloc(values.length * 4);
  values.forEach((v, i) => b.writeUInt32LE(v >>> 0, i * 4));
  return b.toString('hex');
}

/** hypscope side: the same Machine for every block; memory is patched and the core reset per block. */
export class HypscopeBlockRunner {
  readonly target = new HypscopeTarget();
  private loaded = false;

  /** Put the block's code, data and register state in place (PC at LAYOUT.start, SVC mode). */
  install(b: RandomBlock): void {
    const m = this.target.machine;
    if (!this.loaded) {
      this.target.loadElf(blockElf(b), `random-${b.index}.elf`);
      this.loaded = true;
    }
    m.bus.loadBytes(b.start, codeBytes(b));
    m.bus.loadBytes(LAYOUT.data, b.data);
    m.reset();
    const cpu = m.cpu;
    cpu.setCPSR(b.cpsr);
    cpu.writeBanked(13, Mode.USR, b.userSp);
    cpu.writeBanked(14, Mode.USR, b.userLr);
    for (let i = 0; i < 15; i++) cpu.r[i] = b.regs[i] ?? 0;
    cpu.sys.cpacr = CPACR_FP;
    cpu.sys.fpexc = FPEXC_EN;
    if (b.fp !== undefined) {
      cpu.fp.w.set(b.fp.d);
      cpu.sys.fpscr = b.fp.fpscr;
    }
    cpu.pc = b.start;
    cpu.nextPc = b.start;
    m.exceptionFilter = (rec) => rec.kind !== 'return';
  }

  run(b: RandomBlock): BlockResult {
    this.install(b);
    const s = this.target.machine.run(b.code.length);
    if (s.kind === 'unknown-encoding') throw new Error(`hypscope: unknown encoding 0x${s.insn.toString(16)} at 0x${s.pc.toString(16)}`);
    const regs = this.target.regs();
    const data = this.target.readMemory(LAYOUT.data, LAYOUT.dataSize);
    return b.fp === undefined ? { regs, data } : { regs, data, fp: this.target.fpRegs() };
  }
}

/** QEMU side: one QEMU process for many blocks (start-up costs ~50 ms, a block ~ms). */
export class QemuBlockRunner {
  private readonly bps = new Set<number>();
  private endBp: number | undefined;
  private constructor(readonly target: QemuTarget, private readonly tmp: string) {}

  /**
   * Start QEMU on the image of `first` (any block: only the layout matters) and run its prologue
   * up to LAYOUT.body: that enables FP/SIMD access (CPACR is read-only through QEMU's gdb stub).
   */
  static async start(first: RandomBlock): Promise<QemuBlockRunner> {
    const tmp = mkdtempSync(join(tmpdir(), 'hypscope-random-'));
    const elf = join(tmp, 'boot.elf');
    writeFileSync(elf, blockElf(first));
    try {
      const r = new QemuBlockRunner(await QemuTarget.start(elf), tmp);
      const gdb = r.target.session.gdb;
      await gdb.setBreakpoint(LAYOUT.body);
      await gdb.cont();
      await gdb.clearBreakpoint(LAYOUT.body);
      const cpacr = await r.target.sysreg('CPACR');
      if (cpacr !== undefined && (cpacr & CPACR_FP) !== CPACR_FP) throw new Error(`qemu: CPACR 0x${cpacr.toString(16)} after the prologue`);
      for (const v of VECTORS) await r.breakpoint(v);
      return r;
    } catch (e) {
      rmSync(tmp, { recursive: true, force: true });
      throw e;
    }
  }

  private async breakpoint(addr: number): Promise<void> {
    if (this.bps.has(addr)) return;
    await this.target.session.gdb.setBreakpoint(addr);
    this.bps.add(addr);
  }

  private async write(addr: number, data: Uint8Array): Promise<void> {
    const gdb = this.target.session.gdb;
    for (let off = 0; off < data.length; off += CHUNK) {
      await gdb.writeMemory(addr + off, Buffer.from(data.subarray(off, Math.min(data.length, off + CHUNK))));
    }
  }

  /**
   * Write code and data, then the registers. gdb sees only the current mode's bank, so switch to
   * System mode for SP_usr/LR_usr, then to the block's mode (CPSR first, so that r13/r14 land in
   * its bank), then r0-r15.
   */
  async install(b: RandomBlock): Promise<void> {
    const gdb = this.target.session.gdb;
    await this.write(b.start, codeBytes(b));
    await this.write(LAYOUT.data, b.data);
    if (b.fp !== undefined) await this.target.setFpRegs(b.fp.d, b.fp.fpscr, FPEXC_EN);
    const setAll = async (regs: readonly number[], cpsr: number): Promise<void> => {
      await gdb.writeRegister(GDB_CPSR, cpsr);
      const r = await gdb.request('G' + le32([...regs, cpsr]));
      if (r !== 'OK') throw new Error(`G: ${r}`);
    };
    const usr = [...b.regs.slice(0, 13), b.userSp, b.userLr, b.start];
    await setAll(usr, CPSR_SYS_MASKED);
    await setAll([...b.regs, b.start], b.cpsr);
  }

  async run(b: RandomBlock, timeoutMs = 5000): Promise<BlockResult> {
    // T32 blocks differ in length: an old end breakpoint would stop a later block half-way.
    if (this.endBp !== undefined && this.endBp !== b.end && !VECTORS.includes(this.endBp)) {
      await this.target.session.gdb.clearBreakpoint(this.endBp);
      this.bps.delete(this.endBp);
    }
    await this.breakpoint(b.end);
    this.endBp = b.end;
    await this.install(b);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, rej) => {
      timer = setTimeout(() => rej(new Error(`qemu: block did not reach 0x${b.end.toString(16)} in ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      await Promise.race([this.target.session.gdb.cont(), timeout]);
    } finally {
      clearTimeout(timer);
    }
    const regs = await this.target.regs();
    const data = new Uint8Array(await this.target.readMemory(LAYOUT.data, LAYOUT.dataSize));
    return b.fp === undefined ? { regs, data } : { regs, data, fp: await this.target.fpRegs() };
  }

  async close(): Promise<void> {
    await this.target.close();
    rmSync(this.tmp, { recursive: true, force: true });
  }
}

/** What differs between the two end states of a block (empty when they agree). */
export function diffBlock(q: BlockResult, h: BlockResult): string[] {
  const fp = q.fp !== undefined && h.fp !== undefined ? diffFp(q.fp, h.fp) : [];
  return [...diffRegs(q.regs, h.regs), ...fp, ...diffMemory(LAYOUT.data, q.data, h.data)];
}

/**
 * Re-run a differing block instruction by instruction on both engines to find the first
 * instruction whose result differs (registers and the data window after every step). `hb` lets a
 * self-test give hypscope a deliberately different block.
 */
export async function pinpoint(
  q: QemuBlockRunner, h: HypscopeBlockRunner, b: RandomBlock, hb: RandomBlock = b,
): Promise<Divergence | undefined> {
  await q.install(b);
  h.install(hb);
  const memory = { addr: LAYOUT.data, len: LAYOUT.dataSize };
  const r = await lockstep(q.target, h.target, { maxSteps: b.code.length, memory, fp: b.fp !== undefined });
  return r.divergence;
}

/** Write the block's standalone image (for LOCKSTEP_ELF, `qemu -kernel`, `hypscope run`); returns the path. */
export function saveBlockElf(b: RandomBlock, dir = tmpdir()): string {
  const kind = `${b.kind.isa}${b.kind.fp ? 'fp' : ''}`;
  const path = join(dir, `hypscope-random-${kind}-${b.seed.toString(16).padStart(8, '0')}-${b.index}.elf`);
  writeFileSync(path, blockElf(b));
  return path;
}

/** Full failure report: seed, block, roles, divergence (or end-state diff) and how to replay. */
export function formatBlockFailure(b: RandomBlock, diffs: readonly string[], d: Divergence | undefined): string {
  const seedHex = '0x' + b.seed.toString(16).padStart(8, '0');
  const lines = [
    `random block ${b.index} (seed ${seedHex}, ${b.code.length - 1} instructions) differs from QEMU`,
    `  replay: RANDOM_SEED=${seedHex} RANDOM_BLOCK=${b.index} RANDOM_KIND=${b.kind.isa}${b.kind.fp ? 'fp' : ''} npm run vitest -- test/qemu/random.test.ts`,
    `  kind: ${b.kind.isa.toUpperCase()}${b.kind.fp ? ' with FP/SIMD' : ''}; ` +
      `standalone image: ${saveBlockElf(b)} (LOCKSTEP_ELF=<it> npm run vitest -- test/qemu/lockstep.test.ts)`,
    `  roles: fixed base r${b.roles.fixedBase}, moving base r${b.roles.movingBase}, index r${b.roles.index}; ` +
      `data window 0x${WINDOW.lo.toString(16)}..0x${WINDOW.hi.toString(16)}`,
    '  end-state differences:',
    ...diffs.map((s) => `    ${s}`),
  ];
  if (d !== undefined) lines.push(formatDivergence(d));
  else lines.push('  lock-step found no differing instruction (a difference only visible in the full run?)');
  lines.push(formatRegs('  initial state:', { r: [...b.regs, b.start], cpsr: b.cpsr }));
  lines.push(`    SP_usr=0x${b.userSp.toString(16).padStart(8, '0')} LR_usr=0x${b.userLr.toString(16).padStart(8, '0')}`);
  return lines.join('\n');
}

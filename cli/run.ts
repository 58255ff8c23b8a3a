// `hypscope run`: load a guest, run it headless with UART output on stdout, optionally write an
// exception trace (one JSON object per line) and a summary; exit with the guest's exit code.

import * as fs from 'node:fs';
import { Machine, type StopReason } from '../emulator/machine';
import { ElfError } from '../emulator/loader/elf';
import type { ExceptionRecord } from '../emulator/cpu/exception-kinds';
import { modeName } from '../emulator/cpu/psr';
import { ecInfo } from '../emulator/cpu/hsr';
import { disassembleA32, disassembleT32 } from '../emulator/disasm/disasm';
import type { RunArgs } from './args';
import { serveGdb } from './gdb-server';

export class RunError extends Error {
  constructor(message: string, readonly exitCode: number) {
    super(message);
  }
}

const hex = (v: number): string => `0x${(v >>> 0).toString(16).padStart(8, '0')}`;

/** One trace line: the documented format (README "Exception trace format"). */
export function traceObject(rec: ExceptionRecord): Record<string, string | number> {
  const o: Record<string, string | number> = {
    kind: rec.kind,
    from: modeName(rec.from),
    to: modeName(rec.to),
    pc: hex(rec.pc),
    vector: hex(rec.vector),
  };
  if (rec.hsr !== undefined) {
    o.hsr = hex(rec.hsr);
    o.ec = `0x${(rec.hsr >>> 26).toString(16).padStart(2, '0')}`;
  }
  if (rec.far !== undefined) o.far = hex(rec.far);
  if (rec.hpfar !== undefined) o.hpfar = hex(rec.hpfar);
  o.icount = rec.icount;
  return o;
}

export function describeStop(m: Machine, s: StopReason, limit: number): RunError | undefined {
  switch (s.kind) {
    case 'exit':
      return undefined;
    case 'limit':
      return new RunError(`instruction limit reached (${limit} instructions) at PC ${hex(m.cpu.pc)} in ${modeName(m.cpu.mode)} mode`, 3);
    case 'unknown-encoding': {
      const d = s.thumb
        ? disassembleT32(s.insn >>> 16 || s.insn, s.insn & 0xffff, s.pc)
        : disassembleA32(s.insn, s.pc);
      const enc = s.thumb && s.insn > 0xffff ? hex(s.insn) : `0x${(s.insn >>> 0).toString(16).padStart(s.thumb ? 4 : 8, '0')}`;
      return new RunError(
        `unknown encoding ${enc} (${s.thumb ? 'T32' : 'A32'}) at PC ${hex(s.pc)} in ${s.mode} mode: ` +
          `${d.encoding ? d.text : 'no decoder table matches'}; hypscope does not emulate this instruction`,
        4,
      );
    }
    case 'wfi-forever':
      return new RunError(`guest is waiting for an interrupt that can never arrive (WFI/WFE at PC ${hex(s.pc)} in ${s.mode} mode, no timer armed, nothing pending)`, 5);
    case 'stuck':
      return new RunError(s.message, 5);
    case 'reset':
      return new RunError('guest requested a system reset (PSCI SYSTEM_RESET)', 0);
    default:
      return new RunError(`run stopped unexpectedly (${s.kind})`, 5);
  }
}

export function runCommand(args: RunArgs, write: (b: Uint8Array) => void): number | Promise<number> {
  let bytes: Uint8Array;
  try {
    bytes = fs.readFileSync(args.file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new RunError(code === 'ENOENT' ? `${args.file}: no such file` : code === 'EISDIR' ? `${args.file}: is a directory` : `${args.file}: cannot read (${code ?? String(e)})`, 2);
  }
  if (args.memory !== undefined && (args.memory < 0x100000 || args.memory % 4096 !== 0 || args.memory > 0x80000000)) {
    throw new RunError(`--memory: ${args.memory} bytes is not a usable RAM size (1 MiB to 2 GiB, a multiple of 4 KiB)`, 2);
  }
  // Like QEMU: UART and semihosting stdout go to stdout; the semihosting console and stderr to stderr.
  const m = new Machine({
    memory: args.memory,
    onOutput: write,
    onSemihostOutput: (b, stream) => (stream === 'stdout' ? write(b) : process.stderr.write(b)),
    interpreterOnly: args.interpreter,
  });
  try {
    m.load(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), args.file, args.loadAddress, { bios: args.bios, bootargs: args.append });
  } catch (e) {
    if (e instanceof ElfError || e instanceof Error) throw new RunError(e.message, 2);
    throw e;
  }
  let traceFd: number | undefined;
  if (args.trace !== undefined) {
    traceFd = args.trace === '-' ? 2 : fs.openSync(args.trace, 'w');
    const fd = traceFd;
    m.exceptionListeners.push((rec) => fs.writeSync(fd, JSON.stringify(traceObject(rec)) + '\n'));
  }
  const counts = new Map<string, number>();
  if (args.summary) {
    m.exceptionListeners.push((rec) => {
      // Hyp entries read better by syndrome: "hyp-trap svc -> hyp (EC 0x03 MCR/MRC p15)".
      const ec = rec.hsr !== undefined ? ecInfo(rec.hsr >>> 26) : undefined;
      const why = ec ? ` (EC 0x${ec.ec.toString(16).padStart(2, '0')} ${ec.name})` : '';
      const key = `${rec.kind} ${modeName(rec.from)} -> ${modeName(rec.to)}${why}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    });
  }
  if (args.gdb !== undefined) return serveGdb(m, args.gdb);
  const limit = args.maxInstructions ?? Number.MAX_SAFE_INTEGER;
  const t0 = process.hrtime.bigint();
  const stop = m.run(limit);
  const dt = Number(process.hrtime.bigint() - t0) / 1e9;
  if (traceFd !== undefined && traceFd !== 2) fs.closeSync(traceFd);
  if (args.summary) {
    const lines = [...counts].sort((a, b) => b[1] - a[1]).map(([k, n]) => `  ${String(n).padStart(6)}  ${k}`);
    const mips = m.cpu.icount / dt / 1e6;
    process.stderr.write(
      `\n--- hypscope: ${m.cpu.icount} instructions in ${dt.toFixed(2)} s (${mips.toFixed(1)} MIPS); exceptions taken:\n` +
        (lines.length ? lines.join('\n') : '  (none)') + '\n',
    );
  }
  const err = describeStop(m, stop, limit);
  if (err) throw err;
  return stop.kind === 'exit' ? stop.code : 0;
}

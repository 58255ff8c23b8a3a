// `hypscope run`: load a guest, run it headless with UART output on stdout, optionally write an
// exception trace (one JSON object per line) and a summary; exit with the guest's exit code.

import * as fs from 'node:fs';
import { Machine } from '../emulator/machine';
import { ElfError } from '../emulator/loader/elf';
import { modeName } from '../emulator/cpu/psr';
import { ecInfo } from '../emulator/cpu/hsr';
import type { RunArgs } from './args';
import { serveGdb } from './gdb-server';
import { describeStop, RunError, traceObject } from './stop';

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

// `npm run bench`: guest MIPS of the emulator on compute-heavy guests, the same guests' wall time
// under qemu-system-arm for a ratio, and (when present) the MMU and debug-adapter figures.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { Machine } from '../emulator/machine';

const GUEST_DIR = path.resolve('test/guests/build');

interface Figure {
  guest: string;
  instructions: number;
  seconds: number;
  mips: number;
  qemuSeconds?: number;
  output: string;
}

function runHypscope(elf: string): Figure {
  let out = '';
  const dec = new TextDecoder();
  const m = new Machine({ onOutput: (b) => { out += dec.decode(b); } });
  m.load(fs.readFileSync(elf), elf);
  const t0 = process.hrtime.bigint();
  const stop = m.run(5_000_000_000);
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  if (stop.kind !== 'exit') throw new Error(`${elf}: stopped with ${JSON.stringify(stop)}`);
  return { guest: path.relative(GUEST_DIR, elf), instructions: m.cpu.icount, seconds: s, mips: m.cpu.icount / s / 1e6, output: out };
}

function qemuSeconds(elf: string): number | undefined {
  const args = ['-M', 'virt,virtualization=on', '-cpu', 'cortex-a15', '-m', '128M', '-nographic', '-nic', 'none', '-semihosting', '-kernel', elf];
  let best = Infinity;
  for (let i = 0; i < 3; i++) {
    const t0 = process.hrtime.bigint();
    const r = spawnSync('qemu-system-arm', args, { stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 });
    if (r.error) return undefined;
    best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1e9);
  }
  return best;
}

function main(): void {
  const make = spawnSync('make', ['-s', '-C', 'test/guests'], { stdio: 'inherit' });
  if (make.status !== 0) console.log('bench: note: not every guest built (is arm-none-eabi-gcc installed?)');
  const guests = ['bench/compute.elf', 'bench/compute.thumb.elf', 'mmu/bench_off.elf', 'mmu/bench.elf']
    .map((g) => path.join(GUEST_DIR, g))
    .filter((g) => fs.existsSync(g));
  if (guests.length === 0) throw new Error('no benchmark guest found: run make -C test/guests');
  // QEMU start-up cost, measured on the smallest guest, is subtracted from its wall times.
  const hello = path.join(GUEST_DIR, 'a32/hello.elf');
  const qemuStartup = fs.existsSync(hello) ? qemuSeconds(hello) : undefined;
  const figures: Figure[] = [];
  for (const g of guests) {
    // Best of three runs: the machine may be busy, and the first run also compiles blocks.
    const runs = [runHypscope(g), runHypscope(g), runHypscope(g)];
    const f = runs.reduce((a, b) => (b.seconds < a.seconds ? b : a));
    const q = qemuSeconds(g);
    if (q !== undefined) f.qemuSeconds = Math.max(0.001, q - (qemuStartup ?? 0));
    figures.push(f);
  }
  console.log('\nguest                         instructions   seconds     MIPS   qemu(s)  qemu/hypscope');
  for (const f of figures) {
    const ratio = f.qemuSeconds !== undefined ? (f.seconds / f.qemuSeconds).toFixed(1) + 'x slower' : 'n/a';
    console.log(
      `${f.guest.padEnd(28)} ${String(f.instructions).padStart(13)} ${f.seconds.toFixed(3).padStart(9)} ${f.mips.toFixed(1).padStart(8)} ` +
        `${f.qemuSeconds !== undefined ? f.qemuSeconds.toFixed(3).padStart(9) : '      n/a'}  ${ratio}`,
    );
  }
  if (qemuStartup !== undefined) console.log(`(QEMU start-up ${qemuStartup.toFixed(3)} s subtracted from QEMU times)`);
  const off = figures.find((f) => f.guest.endsWith('mmu/bench_off.elf'));
  const both = figures.find((f) => f.guest.endsWith('mmu/bench.elf'));
  if (off && both) console.log(`two-stage translation speed: ${(both.mips / off.mips * 100).toFixed(0)}% of MMU-off speed`);
  const dap = path.resolve('dist/dap-latency.js');
  if (fs.existsSync(dap)) spawnSync(process.execPath, [dap], { stdio: 'inherit' });
}

main();

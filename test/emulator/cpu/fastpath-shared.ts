// Shared by fastpath-*.test.ts: the fast path (compiled A32/T32 blocks, emulator/cpu/jit.ts)
// against the reference interpreter on every guest program: same UART output, stop, instruction
// count and exception trace (kinds, modes, addresses, syndromes and instruction count of each).

import { expect, it } from 'vitest';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Machine, type StopReason } from '../../../emulator/machine';

const roots = [path.resolve('test/guests/build'), path.resolve('examples/toy-hypervisor')];

function elfs(): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    if (!fs.existsSync(d)) return;
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.elf') && !e.name.startsWith('_')) out.push(p);
    }
  };
  roots.forEach(walk);
  return out.sort();
}

interface Outcome { uart: string; stop: StopReason; icount: number; trace: string[] }

function run(elf: string, interpreterOnly: boolean): Outcome {
  let uart = '';
  const dec = new TextDecoder();
  const m = new Machine({ interpreterOnly, onOutput: (b) => { uart += dec.decode(b, { stream: true }); } });
  const trace: string[] = [];
  m.exceptionListeners.push((r) => trace.push(`${r.kind} ${r.from}->${r.to} pc=${r.pc} v=${r.vector} hsr=${r.hsr} at ${r.icount}`));
  m.load(fs.readFileSync(elf), elf);
  const stop = m.run(400_000_000);
  return { uart, stop, icount: m.cpu.icount, trace };
}

/** Declare the comparison tests for every `parts`-th guest starting at `part` (files run in parallel). */
export function fastPathTests(part: number, parts: number): void {
  const list = elfs();
  it('has guest programs to compare (make -C test/guests)', () => {
    expect(list.length).toBeGreaterThan(20);
  });
  for (const elf of list.filter((_, i) => i % parts === part)) {
    it(path.relative(process.cwd(), elf), () => {
      const fast = run(elf, false);
      const ref = run(elf, true);
      expect(fast.uart).toBe(ref.uart);
      expect(fast.stop).toEqual(ref.stop);
      expect(fast.icount).toBe(ref.icount);
      expect(fast.trace).toEqual(ref.trace);
    }, 120_000);
  }
}

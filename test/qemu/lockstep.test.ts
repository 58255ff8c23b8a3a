// Lock-step runs of guest ELFs: QEMU single-stepped through its gdb stub next to an in-process
// hypscope Machine, r0-r15/CPSR compared after every instruction (test/harness/lockstep.ts).
//
// Any ELF:   LOCKSTEP_ELF=path/to/guest.elf npm run vitest -- test/qemu/lockstep.test.ts -t LOCKSTEP_ELF
// Options:   LOCKSTEP_MAX_STEPS=n (default 2,000,000)

import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { formatDivergence, lockstepElf, type LockstepResult } from '../harness/lockstep';
import { findRepoRoot } from '../harness/types';

const buildDir = join(findRepoRoot(), 'test', 'guests', 'build');
/** Short guests (10-30 k instructions; lock-step runs at ~2 500 steps/s). */
const GUESTS = ['a32/psr.elf', 'a32/usermode.elf', 'a32/excl.elf', 'a32/exc_pl1.elf'];

function report(r: LockstepResult & { uart: { qemu: string; hypscope: string } }): string | undefined {
  if (r.divergence !== undefined) return formatDivergence(r.divergence);
  if (r.problem !== undefined) return `after ${r.steps} steps: ${r.problem}`;
  if (r.exit === undefined) return `no exit after ${r.steps} steps (raise LOCKSTEP_MAX_STEPS?)`;
  if (r.exit.qemu !== r.exit.hypscope) {
    return `exit differs after ${r.steps} steps: qemu ${String(r.exit.qemu)} hypscope ${String(r.exit.hypscope)}`;
  }
  if (r.uart.qemu.replace(/\r\n/g, '\n') !== r.uart.hypscope.replace(/\r\n/g, '\n')) {
    return `UART output differs:\n--- qemu\n${r.uart.qemu}\n--- hypscope\n${r.uart.hypscope}`;
  }
  return undefined;
}

describe('lock-step QEMU vs hypscope', () => {
  const custom = process.env.LOCKSTEP_ELF;
  if (custom !== undefined && custom !== '') {
    test(`LOCKSTEP_ELF ${custom}`, async () => {
      const path = resolve(custom);
      if (!existsSync(path)) throw new Error(`LOCKSTEP_ELF: ${path} does not exist`);
      const max = Number(process.env.LOCKSTEP_MAX_STEPS ?? 2_000_000);
      const r = await lockstepElf(path, {
        maxSteps: max,
        onProgress: (n) => console.log(`${custom}: ${n} steps in lock-step`),
      });
      console.log(`${custom}: ${r.steps} steps, exit ${JSON.stringify(r.exit)}`);
      const msg = report(r);
      if (msg !== undefined) throw new Error(msg);
    }, 3_600_000);
    return;
  }

  for (const g of GUESTS) {
    test.concurrent(g, async () => {
      const elf = join(buildDir, g);
      if (!existsSync(elf)) throw new Error(`${elf} missing: run make -C test/guests`);
      const r = await lockstepElf(elf, { maxSteps: 200_000 });
      const msg = report(r);
      if (msg !== undefined) throw new Error(`${g}: ${msg}`);
      expect(r.exit?.qemu).toBe(r.exit?.hypscope);
    }, 180_000);
  }
});

/**
 * Differential suite: every guest ELF in test/guests/build runs under QEMU
 * (the reference) and under the hypscope CLI; UART output, exit code and the
 * exception sequence must agree. See test/guests/README.md.
 *
 * Guests are (re)built with `make -s -C test/guests` when this file is
 * collected (set HYPSCOPE_NO_MAKE=1 to skip). A missing hypscope CLI fails
 * every test with a message saying how to build it; nothing is skipped.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, test } from 'vitest';
import { compareRuns } from '../harness/compare';
import { assertHypscopeCli, runHypscope } from '../harness/hypscope';
import { runQemu } from '../harness/qemu';
import { findRepoRoot } from '../harness/types';

const root = findRepoRoot();
const guestsDir = join(root, 'test', 'guests');
const buildDir = join(guestsDir, 'build');

let buildError: string | undefined;
if (process.env.HYPSCOPE_NO_MAKE === undefined) {
  try {
    execFileSync('make', ['-s', '-C', guestsDir], { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  } catch (e) {
    const err = e as { stderr?: string; message: string };
    buildError = `make -C test/guests failed:\n${err.stderr ?? err.message}`;
  }
}

function findElfs(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) {
      // ve-arch/: architectural traps QEMU 7.2 lacks, checked against the manual by deviations.test.ts.
      if (name !== 'lib' && name !== 've-arch') out.push(...findElfs(p));
    } else if (name.endsWith('.elf')) {
      out.push(p);
    }
  }
  return out;
}

const elfs = findElfs(buildDir);

describe('QEMU vs hypscope', () => {
  test('guest build', () => {
    if (buildError !== undefined) throw new Error(buildError);
    if (elfs.length === 0) throw new Error(`no guest ELFs in ${buildDir}: run make -C test/guests`);
  });

  for (const elf of elfs) {
    const name = relative(buildDir, elf);
    test(name, async () => {
      // Fails (not skips) with a readable message when the CLI is not built.
      assertHypscopeCli();
      const [ref, ours] = await Promise.all([runQemu(elf), runHypscope(elf)]);
      if (ref.timedOut) throw new Error(`QEMU itself timed out on ${name}; the guest is broken`);
      const cmp = compareRuns(ref, ours);
      if (!cmp.equal) expect.fail(cmp.report);
      expect(ours.exitCode).toBe(ref.exitCode);
    }, 60_000);
  }
});

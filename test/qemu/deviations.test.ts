/**
 * Architectural traps QEMU 7.2 lacks: every guest in test/guests/ve-arch/ must print exactly its
 * `<name>.expected` (worked out from the ARM ARM) on hypscope, and QEMU must print the same lines
 * except exactly the rows that DEVIATIONS.md section 5 lists for that guest. A documented row that
 * QEMU no longer shows fails the test, so a QEMU that closes a gap is noticed.
 *
 * Guests are (re)built with `make -s -C test/guests` (HYPSCOPE_NO_MAKE=1 skips that).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { assertHypscopeCli, runHypscope } from '../harness/hypscope';
import { runQemu } from '../harness/qemu';
import { findRepoRoot } from '../harness/types';

const root = findRepoRoot();
const srcDir = join(root, 'test', 'guests', 've-arch');
const buildDir = join(root, 'test', 'guests', 'build', 've-arch');
const deviationsMd = join(root, 'test', 'qemu', 'DEVIATIONS.md');

let buildError: string | undefined;
if (process.env.HYPSCOPE_NO_MAKE === undefined) {
  try {
    execFileSync('make', ['-s', '-C', join(root, 'test', 'guests')], { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  } catch (e) {
    const err = e as { stderr?: string; message: string };
    buildError = `make -C test/guests failed:\n${err.stderr ?? err.message}`;
  }
}

interface Deviation { manual: string; qemu: string }

/** Rows of the section 5 table: | `ve-arch/<name>` | `manual line` | `QEMU line` | reference |. */
export function parseDeviations(md: string): Map<string, Deviation[]> {
  const start = md.indexOf('\n## 5.');
  if (start < 0) throw new Error('DEVIATIONS.md has no section 5');
  const next = md.indexOf('\n## ', start + 1);
  const section = md.slice(start, next < 0 ? undefined : next);
  const out = new Map<string, Deviation[]>();
  const row = /^\| `ve-arch\/([^`]+)` \| `([^`]*)` \| `([^`]*)` \|/;
  for (const line of section.split('\n')) {
    const m = row.exec(line);
    if (!m) continue;
    const list = out.get(m[1]) ?? [];
    list.push({ manual: m[2], qemu: m[3] });
    out.set(m[1], list);
  }
  return out;
}

/** Lines of UART output without the trailing empty line. */
function lines(text: string): string[] {
  const l = text.split('\n');
  if (l.length > 0 && l[l.length - 1] === '') l.pop();
  return l;
}

const guests = existsSync(srcDir)
  ? readdirSync(srcDir).filter((f) => /^[^_].*\.[cS]$/.test(f)).map((f) => f.replace(/\.[cS]$/, '')).sort()
  : [];
const documented = parseDeviations(readFileSync(deviationsMd, 'utf8'));

describe('ve-arch guests: hypscope follows the manual, QEMU 7.2 differs only as documented', () => {
  test('guest build and documentation', () => {
    if (buildError !== undefined) throw new Error(buildError);
    expect(guests.length).toBeGreaterThan(0);
    for (const g of guests) expect(existsSync(join(srcDir, `${g}.expected`)), `${g}.expected`).toBe(true);
    for (const g of documented.keys()) expect(guests, `DEVIATIONS.md names ve-arch/${g}`).toContain(g);
  });

  for (const g of guests) {
    const elf = join(buildDir, `${g}.elf`);
    const expectedPath = join(srcDir, `${g}.expected`);

    test(`${g}: hypscope prints ${g}.expected`, async () => {
      assertHypscopeCli();
      const ours = await runHypscope(elf);
      expect(ours.timedOut).toBe(false);
      expect(lines(ours.uart)).toEqual(lines(readFileSync(expectedPath, 'utf8')));
      expect(ours.exitCode).toBe(0);
    }, 60_000);

    test(`${g}: QEMU 7.2 differs from ${g}.expected exactly in the documented lines`, async () => {
      const ref = await runQemu(elf);
      if (ref.timedOut) throw new Error(`QEMU timed out on ve-arch/${g}`);
      const want = lines(readFileSync(expectedPath, 'utf8'));
      const got = lines(ref.uart);
      expect(got.length, 'QEMU prints one line per probe, as the manual does').toBe(want.length);
      const seen: Deviation[] = [];
      for (let i = 0; i < want.length; i++) {
        if (got[i] !== want[i]) seen.push({ manual: want[i], qemu: got[i] });
      }
      const fmt = (d: Deviation): string => `manual \`${d.manual}\` | QEMU \`${d.qemu}\``;
      expect(seen.map(fmt), 'update DEVIATIONS.md section 5 if QEMU changed').toEqual((documented.get(g) ?? []).map(fmt));
      expect(ref.exitCode).toBe(0);
    }, 60_000);
  }
});

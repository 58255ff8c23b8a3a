// The toy hypervisor example: the committed prebuilt ELFs behave like a fresh build from source,
// and each runs identically (UART output, exit code) on QEMU and on hypscope.

import { describe, expect, it, beforeAll } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const dir = path.resolve('examples/toy-hypervisor');
const cli = path.resolve('dist/cli.js');

interface Run { out: string; code: number | null }

function hypscope(elf: string): Run {
  const r = spawnSync(process.execPath, [cli, 'run', elf], { encoding: 'utf8', timeout: 60_000 });
  return { out: r.stdout, code: r.status };
}

function qemu(elf: string): Run {
  const r = spawnSync('qemu-system-arm', ['-M', 'virt,virtualization=on', '-cpu', 'cortex-a15', '-m', '128M',
    '-nographic', '-nic', 'none', '-semihosting', '-kernel', elf], { encoding: 'utf8', timeout: 30_000 });
  return { out: r.stdout, code: r.status };
}

describe('toy hypervisor example', () => {
  beforeAll(() => {
    execFileSync('make', ['-s', '-C', dir], { stdio: 'inherit' });
  });

  for (const variant of ['toy-hypervisor', 'toy-hypervisor-thumb']) {
    it(`${variant}: runs identically on QEMU and hypscope`, () => {
      const elf = path.join(dir, 'build', `${variant}.elf`);
      const q = qemu(elf);
      expect(q.code, 'QEMU exit code').toBe(0);
      expect(q.out).toContain('[hyp] guest exited with code 0');
      const h = hypscope(elf);
      expect(h.out).toBe(q.out);
      expect(h.code).toBe(q.code);
    });

    it(`${variant}: the committed prebuilt ELF behaves like a fresh build`, () => {
      const prebuilt = path.join(dir, `${variant}.elf`);
      expect(fs.existsSync(prebuilt), `${prebuilt} is committed`).toBe(true);
      const fresh = hypscope(path.join(dir, 'build', `${variant}.elf`));
      const old = hypscope(prebuilt);
      expect(old.out).toBe(fresh.out);
      expect(old.code).toBe(fresh.code);
    });
  }
});

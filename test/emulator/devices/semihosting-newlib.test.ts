// Semihosting as newlib's rdimon runtime uses it (features file, stdout/stderr, heap, exit code),
// compared with QEMU on the same ELF built here with arm-none-eabi-gcc --specs=rdimon.specs.

import { beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const src = path.resolve('test/emulator/devices/newlib/hello.c');
let elf = '';

describe('newlib (rdimon) program', () => {
  beforeAll(() => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hypscope-newlib-'));
    elf = path.join(dir, 'hello.elf');
    execFileSync('arm-none-eabi-gcc', ['-march=armv7-a', '-marm', '-mfloat-abi=soft', '--specs=rdimon.specs', '-O2',
      src, '-o', elf, '-Wl,-Ttext-segment=0x40010000']);
  });

  it('prints and exits exactly as on QEMU', () => {
    const q = spawnSync('qemu-system-arm', ['-M', 'virt,virtualization=on', '-cpu', 'cortex-a15', '-m', '128M',
      '-nographic', '-nic', 'none', '-semihosting', '-kernel', elf], { encoding: 'utf8', timeout: 30_000 });
    const h = spawnSync(process.execPath, [path.resolve('dist/cli.js'), 'run', elf], { encoding: 'utf8', timeout: 30_000 });
    expect(q.status).toBe(3);
    expect(h.status).toBe(q.status);
    // QEMU sends all semihosting console output to its stderr; so does hypscope.
    expect(h.stderr).toBe(q.stderr);
    expect(h.stdout).toBe(q.stdout);
    expect(h.stdout).toContain('hello from newlib: heap works 42 3.25');
  });
});

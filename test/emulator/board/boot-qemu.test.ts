// Live comparison with QEMU 7.2 of the boot of every image kind: test/guests/boot/_probe.s prints its entry
// registers, CPSR and the FDT header at r2 (or at RAM start); built as a raw image, uImage, -bios firmware and
// ELFs at several addresses, run on QEMU and on hypscope (in-process Machine), outputs must agree.

import { describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Machine } from '../../../emulator/machine';

const PROBE = path.resolve('test/guests/boot/_probe.s');
const has = (cmd: string, arg = '--version'): boolean => {
  try { execFileSync(cmd, [arg], { stdio: 'ignore' }); return true; } catch { return false; }
};
const available = has('qemu-system-arm') && has('arm-none-eabi-gcc') && has('arm-none-eabi-objcopy');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'boot-qemu-'));

function build(name: string, text: number, extra: string[] = []): { elf: string; bin: string } {
  const elf = path.join(dir, `${name}.elf`);
  const bin = path.join(dir, `${name}.bin`);
  execFileSync('arm-none-eabi-gcc', ['-march=armv7ve', '-marm', '-nostdlib', `-Wl,-Ttext=0x${text.toString(16)}`,
    '-Wl,--no-warn-rwx-segments', '-o', elf, PROBE, ...extra]);
  execFileSync('arm-none-eabi-objcopy', ['-O', 'binary', elf, bin]);
  return { elf, bin };
}

/** A legacy U-Boot image header (big-endian; QEMU does not check the CRCs). */
function uimage(bin: string, load: number, osId: number): string {
  const data = fs.readFileSync(bin);
  const hdr = Buffer.alloc(64);
  hdr.writeUInt32BE(0x27051956, 0);
  hdr.writeUInt32BE(data.length, 12);
  hdr.writeUInt32BE(load, 16);
  hdr.writeUInt32BE(load, 20);
  hdr.writeUInt8(osId, 28);
  hdr.writeUInt8(2, 29); // ARM
  hdr.writeUInt8(2, 30); // kernel
  hdr.write('probe', 32);
  const out = path.join(dir, `u${osId}-${load.toString(16)}.img`);
  fs.writeFileSync(out, Buffer.concat([hdr, data]));
  return out;
}

function qemu(file: string, mem: string, bios: boolean): { out: string; code: number | null } {
  const r = spawnSync('qemu-system-arm', ['-M', 'virt,virtualization=on', '-cpu', 'cortex-a15', '-m', mem, '-nographic',
    '-nic', 'none', '-semihosting', bios ? '-bios' : '-kernel', file], { timeout: 10_000, encoding: 'latin1' });
  return { out: r.stdout, code: r.status };
}

function hypscope(file: string, mem: string, bios: boolean): { out: string; code: number | null } {
  let out = '';
  const m = new Machine({ memory: parseInt(mem, 10) * (mem.endsWith('G') ? 1 << 30 : 1 << 20), onOutput: (b) => { out += Buffer.from(b).toString('latin1'); } });
  m.load(new Uint8Array(fs.readFileSync(file)), file, undefined, { bios });
  const stop = m.run(1_000_000);
  return { out, code: stop.kind === 'exit' ? stop.code : null };
}

/**
 * The FDT header words that differ by design: off_dt_strings, size_dt_strings and size_dt_struct, because
 * hypscope's tree leaves out the devices it does not emulate (emulator/board/dtb.ts OMITTED_NODES).
 */
function maskSizes(out: string): string {
  return out.replace(/^(fdt@\w+ \w+ \w+ \w+) \w+ (\w+ \w+ \w+ \w+) \w+ \w+$/m, '$1 ~ $2 ~ ~');
}

describe.skipIf(!available)('boot of each image kind matches QEMU 7.2', () => {
  const low = available ? build('low', 0x40010000) : undefined;
  const high = available ? build('high', 0x40200000) : undefined;
  const flash = available ? build('flash', 0) : undefined;
  const cases: [string, () => string, string, boolean][] = [
    ['raw image, 128M (stub, DTB at 0x44000000)', () => low!.bin, '128M', false],
    ['raw image, 32M (DTB at RAM + 16M)', () => low!.bin, '32M', false],
    ['raw image, 1G (DTB at RAM + 128M)', () => low!.bin, '1G', false],
    ['ELF at 0x40010000 (no DTB)', () => low!.elf, '128M', false],
    ['ELF at 0x40200000 (DTB at RAM start)', () => high!.elf, '128M', false],
    ['ELF in flash at 0 (DTB at RAM start)', () => flash!.elf, '128M', false],
    ['uImage, Linux (stub)', () => uimage(high!.bin, 0x40200000, 5), '128M', false],
    ['uImage, other OS (no stub)', () => uimage(high!.bin, 0x40200000, 17), '128M', false],
    ['-bios firmware (PC = 0, DTB at RAM start)', () => flash!.bin, '128M', true],
  ];
  it.each(cases)('%s', (_name, file, mem, bios) => {
    const f = file();
    const q = qemu(f, mem, bios);
    const h = hypscope(f, mem, bios);
    expect(q.out).toMatch(/^entry pc=/);
    expect(maskSizes(h.out)).toBe(maskSizes(q.out));
    expect(h.code).toBe(q.code);
  });

  it('a large raw image pushes the DTB past its end (70 MiB image: DTB at 0x44610000)', () => {
    const big = path.join(dir, 'big.bin');
    fs.copyFileSync(low!.bin, big);
    fs.truncateSync(big, 70 << 20);
    const q = qemu(big, '128M', false);
    expect(q.out).toContain('r2=44610000');
    expect(maskSizes(hypscope(big, '128M', false).out)).toBe(maskSizes(q.out));
  });
});

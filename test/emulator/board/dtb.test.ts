// The virt DTB (emulator/board/dtb.ts) against the one QEMU 7.2 generates (`-machine ...,dumpdtb=`): node by
// node and property by property, with the deliberate differences listed (OMITTED_NODES, random seeds).

import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { virtDtb, virtDeviceTree, OMITTED_NODES, VIRT_DTB_SIZE } from '../../../emulator/board/dtb';
import { fdtHeader, parseFdt, FdtError } from '../../../emulator/board/fdt-parse';
import { child, prop, propCells, propStrings, type FdtNode } from '../../../emulator/board/fdt-tree';
import { writeFdt } from '../../../emulator/board/fdt-write';

const hasQemu = ((): boolean => {
  try { execFileSync('qemu-system-arm', ['--version'], { stdio: 'ignore' }); return true; } catch { return false; }
})();

function qemuDtb(mem: string): Uint8Array {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'dtb-')), 'virt.dtb');
  execFileSync('qemu-system-arm', ['-machine', `virt,virtualization=on,dumpdtb=${file}`, '-cpu', 'cortex-a15', '-m', mem, '-nographic'], { stdio: 'ignore' });
  return new Uint8Array(fs.readFileSync(file));
}

/** Every node path of a tree, in order. */
function paths(n: FdtNode, prefix = ''): Map<string, FdtNode> {
  const out = new Map<string, FdtNode>();
  const walk = (x: FdtNode, p: string): void => {
    out.set(p || '/', x);
    for (const c of x.children) walk(c, `${p}/${c.name}`);
  };
  walk(n, prefix);
  return out;
}

const omitted = (p: string): boolean =>
  p.startsWith('/virtio_mmio@') || OMITTED_NODES.some((o) => p === o.path || p.startsWith(`${o.path}/`));

describe('virt DTB layout (FDT v17 as libfdt lays it out for QEMU)', () => {
  const blob = virtDtb({ ramSize: 128 << 20 });
  const h = fdtHeader(blob);
  it('has the header QEMU 7.2 puts in RAM (measured: d00dfeed 00100000 00000040 .. 00000030 11 10 0)', () => {
    expect(h.magic).toBe(0xd00dfeed);
    expect(h.totalSize).toBe(VIRT_DTB_SIZE);
    expect(blob.length).toBe(0x100000);
    expect(h.offStruct).toBe(0x40);
    expect(h.offMemRsvmap).toBe(0x30);
    expect(h.version).toBe(17);
    expect(h.lastCompVersion).toBe(16);
    expect(h.bootCpuId).toBe(0);
    expect(h.offStrings).toBe(h.offStruct + h.sizeStruct);
    expect([...blob.subarray(0x30, 0x40)].every((b) => b === 0)).toBe(true); // empty reservation map
  });

  it('round-trips through the parser', () => {
    expect(parseFdt(blob)).toEqual(virtDeviceTree({ ramSize: 128 << 20 }));
  });

  it('describes the RAM size in /memory and the command line in /chosen/bootargs', () => {
    const t = parseFdt(virtDtb({ ramSize: 0x40000000, bootargs: 'console=ttyAMA0' }));
    expect(propCells(prop(child(t, 'memory@40000000')!, 'reg')!)).toEqual([0, 0x40000000, 0, 0x40000000]);
    const chosen = child(t, 'chosen')!;
    expect(chosen.props[0].name).toBe('bootargs'); // QEMU adds it first (measured with -append)
    expect(propStrings(prop(chosen, 'bootargs')!)).toEqual(['console=ttyAMA0']);
    expect(prop(child(parseFdt(blob), 'chosen')!, 'bootargs')).toBeUndefined();
  });

  it('rejects malformed blobs with a precise error', () => {
    expect(() => parseFdt(new Uint8Array(10))).toThrow(FdtError);
    const bad = blob.slice();
    bad[0] = 0;
    expect(() => parseFdt(bad)).toThrow(/bad FDT magic/);
    const tiny = writeFdt({ name: '', props: [], children: [] });
    expect(parseFdt(tiny)).toEqual({ name: '', props: [], children: [] });
  });
});

describe.skipIf(!hasQemu)('virt DTB equals QEMU 7.2 dumpdtb, node by node', () => {
  for (const mem of ['128M', '1G']) {
    it(`-m ${mem}`, () => {
      const ramSize = mem === '1G' ? 1 << 30 : 128 << 20;
      const q = paths(parseFdt(qemuDtb(mem)));
      const ours = paths(parseFdt(virtDtb({ ramSize })));
      const qemuHeader = fdtHeader(qemuDtb(mem));
      expect(qemuHeader.totalSize).toBe(VIRT_DTB_SIZE);
      // Node order: ours is QEMU's order with the omitted nodes removed.
      expect([...ours.keys()]).toEqual([...q.keys()].filter((p) => !omitted(p)));
      for (const [p, qn] of q) {
        if (omitted(p)) continue;
        const on = ours.get(p)!;
        expect(on.props.map((x) => x.name), p).toEqual(qn.props.map((x) => x.name));
        for (const qp of qn.props) {
          const op = prop(on, qp.name)!;
          if (p === '/chosen' && (qp.name === 'rng-seed' || qp.name === 'kaslr-seed')) {
            expect(op.value.length, `${p} ${qp.name}`).toBe(qp.value.length); // random on QEMU, fixed here
          } else {
            expect([...op.value], `${p} ${qp.name}`).toEqual([...qp.value]);
          }
        }
      }
      // Every omission is deliberate: a node QEMU has that we lack must be listed.
      for (const p of q.keys()) if (!ours.has(p)) expect(omitted(p), p).toBe(true);
    });
  }
});

// GICv2 virtualization extensions: list registers, GICV, maintenance (IHI 0048B ch. 5); expected
// values measured on QEMU 7.2 (test/guests/gic/ids.c, maintenance.c, vtimer_lr.c).
import { describe, expect, test } from 'vitest';
import { Gic } from '../../../emulator/devices/gic';
import { GicVirtual } from '../../../emulator/devices/gic-virt';
import { GicHypInterface, GicVirtualCpuInterface } from '../../../emulator/devices/gic-virt-regs';
import { GicDistributor } from '../../../emulator/devices/gic-dist';

function setup() {
  const gic = new Gic();
  const v = new GicVirtual(gic);
  const h = new GicHypInterface(v);
  const gv = new GicVirtualCpuInterface(v);
  const d = new GicDistributor(gic);
  const out = { virq: false, vfiq: false };
  v.onOutput = (i, f) => { out.virq = i; out.vfiq = f; };
  return { gic, v, h, gv, d, out };
}
const LR = (state: number, prio: number, id: number, extra = 0) => ((extra | (state << 28) | ((prio >> 3) << 23) | id) >>> 0);

describe('GICH registers', () => {
  test('reset and implemented bits (QEMU 7.2)', () => {
    const { h, gv } = setup();
    expect(h.read(0x004, 4)).toBe(0x90000003);
    expect(h.read(0x008, 4)).toBe(0x004c0000);
    expect(h.read(0x030, 4)).toBe(0xf);
    h.write(0x000, 4, 0xffffffff);
    expect(h.read(0x000, 4)).toBe(0xf80000ff);
    h.write(0x000, 4, 0);
    h.write(0x008, 4, 0xffffffff);
    expect(h.read(0x008, 4)).toBe(0xf8fc021f);
    expect(gv.read(0x00, 4)).toBe(0x21f);
    expect(gv.read(0x04, 4)).toBe(0xf8);
    h.write(0x008, 4, 0);
    expect(h.read(0x008, 4)).toBe(0x004c0000);
    expect(gv.read(0x08, 4)).toBe(2);
    expect(gv.read(0x1c, 4)).toBe(3);
    h.write(0x100, 4, 0xffffffff);
    expect(h.read(0x100, 4)).toBe(0xff8fffff);
    expect(h.read(0x110, 4)).toBe(0); // LR4 does not exist
  });
});

describe('virtual CPU interface', () => {
  test('pending -> active -> invalid, APR and running priority', () => {
    const { v, h, gv, out } = setup();
    h.write(0x000, 4, 1);
    gv.write(0x00, 4, 1);
    gv.write(0x04, 4, 0xff);
    h.write(0x100, 4, LR(1, 0x80, 61));
    expect(out.virq).toBe(true);
    expect(gv.read(0x18, 4)).toBe(61);
    expect(gv.read(0x0c, 4)).toBe(61);
    expect(out.virq).toBe(false);
    expect(h.read(0x100, 4)).toBe(0x2800003d);
    expect(h.read(0x0f0, 4)).toBe(0x10000);
    expect(gv.read(0x14, 4)).toBe(0x80);
    gv.write(0x10, 4, 61);
    expect(h.read(0x100, 4)).toBe(0x0800003d);
    expect(v.apr).toBe(0);
  });

  test('pending+active LR is not presented; priority mask', () => {
    const { h, gv } = setup();
    h.write(0x000, 4, 1);
    h.write(0x008, 4, (0x1f << 27) | 1);
    h.write(0x100, 4, LR(3, 0x80, 60));
    expect(gv.read(0x18, 4)).toBe(1023);
    h.write(0x100, 4, LR(1, 0x80, 61));
    gv.write(0x04, 4, 0x80);
    expect(gv.read(0x18, 4)).toBe(1023);
  });

  test('software SGI: CPUID in IAR; EOI without a matching LR counts in EOICount', () => {
    const { h, gv } = setup();
    h.write(0x000, 4, 1);
    gv.write(0x00, 4, 1);
    gv.write(0x04, 4, 0xf8);
    h.write(0x104, 4, LR(1, 0x40, 3, 5 << 10));
    expect(gv.read(0x0c, 4)).toBe(0x1403);
    gv.write(0x10, 4, 3); // QEMU matches the INTID only
    expect(h.read(0x104, 4)).toBe(0x04001403);
    gv.write(0x10, 4, 62); // nothing active: ignored
    expect(h.read(0x000, 4)).toBe(1);
    h.write(0x0f0, 4, 1);
    gv.write(0x10, 4, 62);
    expect(h.read(0x000, 4)).toBe(0x08000001);
  });

  test('HW list register deactivates the physical interrupt', () => {
    const { gic, h, gv, d } = setup();
    d.write(0x000, 4, 1);
    d.write(0x41b, 1, 0xa0);
    d.write(0x100, 4, 1 << 27);
    gic.cctlr = 1 | (1 << 9);
    gic.pmr = 0xf0;
    gic.setLevel(27, true);
    expect(gic.acknowledge()).toBe(27);
    gic.endOfInterrupt(27);
    expect(d.read(0x300, 4)).toBe(1 << 27);
    h.write(0x000, 4, 1);
    gv.write(0x00, 4, 1);
    gv.write(0x04, 4, 0xf0);
    h.write(0x100, 4, LR(1, 0xa0, 27, 0x80000000 | (27 << 10)));
    expect(gv.read(0x0c, 4)).toBe(27);
    gv.write(0x10, 4, 27);
    expect(h.read(0x100, 4)).toBe(0x8a006c1b);
    expect(d.read(0x300, 4)).toBe(0);
  });
});

describe('maintenance interrupt', () => {
  test('EOI, underflow, no-pending, EOICount and group reasons (QEMU 7.2)', () => {
    const { gic, h, gv } = setup();
    h.write(0x100, 4, LR(1, 0x80, 5, (1 << 19) | (3 << 10)));
    h.write(0x104, 4, LR(1, 0x90, 40));
    h.write(0x000, 4, 1);
    expect(h.read(0x030, 4)).toBe(0xc);
    gv.write(0x00, 4, 1);
    gv.write(0x04, 4, 0xf8);
    expect(gv.read(0x0c, 4)).toBe(0xc05);
    gv.write(0x10, 4, 0xc05);
    expect(h.read(0x010, 4)).toBe(1);
    expect(h.read(0x020, 4)).toBe(1);
    expect(h.read(0x030, 4)).toBe(0xc);
    expect(gic.level[25]).toBe(1);
    h.write(0x100, 4, 0);
    expect(h.read(0x010, 4)).toBe(0);
    expect(gic.level[25]).toBe(0);
    h.write(0x104, 4, 0);
    h.write(0x000, 4, 1 | 2);
    expect(h.read(0x010, 4)).toBe(2);
    h.write(0x108, 4, LR(1, 0, 50));
    h.write(0x10c, 4, LR(1, 0, 51));
    expect(h.read(0x010, 4)).toBe(0);
    h.write(0x000, 4, 1 | 8);
    expect(h.read(0x010, 4)).toBe(0);
    h.write(0x108, 4, LR(2, 0, 50));
    h.write(0x10c, 4, 0);
    expect(h.read(0x010, 4)).toBe(8);
    h.write(0x000, 4, 1 | 4 | (1 << 27));
    expect(h.read(0x010, 4)).toBe(4);
    h.write(0x000, 4, 1 | 0x10 | 0x80);
    expect(h.read(0x010, 4)).toBe(0x90);
    h.write(0x000, 4, 0x10);
    expect(gic.level[25]).toBe(0); // En = 0: no maintenance interrupt
  });
});

// GICv2 distributor + CPU interface state machine (IHI 0048B ch. 3/4); expected values from the
// manual and from QEMU 7.2 (test/guests/gic/ids.c, sgi_prio.c).
import { describe, expect, test } from 'vitest';
import { Gic, SPURIOUS } from '../../../emulator/devices/gic';
import { GicDistributor } from '../../../emulator/devices/gic-dist';
import { GicCpuInterface } from '../../../emulator/devices/gic-cpu';

function setup() {
  const gic = new Gic();
  const d = new GicDistributor(gic);
  const c = new GicCpuInterface(gic);
  const out = { irq: false, fiq: false };
  gic.onOutput = (i, f) => { out.irq = i; out.fiq = f; };
  d.write(0x000, 4, 3);
  c.write(0x00, 4, 1);
  c.write(0x04, 4, 0xf0);
  return { gic, d, c, out };
}
const enable = (d: GicDistributor, id: number) => d.write(0x100 + 4 * (id >> 5), 4, 1 << (id & 31));
const prio = (d: GicDistributor, id: number, p: number) => d.write(0x400 + id, 1, p);
const setPend = (d: GicDistributor, id: number) => d.write(0x200 + 4 * (id >> 5), 4, 1 << (id & 31));

describe('identification and reset (QEMU 7.2 values)', () => {
  test('ID registers', () => {
    const { d, c } = setup();
    expect(d.read(0x004, 4)).toBe(8);
    expect(d.read(0x008, 4)).toBe(0x43b);
    expect(d.read(0xfe0, 4)).toBe(0x90);
    expect(d.read(0xfe4, 4)).toBe(0xb4);
    expect(d.read(0xfe8, 4)).toBe(0x2b);
    expect(d.read(0xffc, 4)).toBe(0xb1);
    expect(c.read(0xfc, 4)).toBe(0x2043b);
  });
  test('reset values and implemented bits', () => {
    const gic = new Gic();
    const d = new GicDistributor(gic);
    const c = new GicCpuInterface(gic);
    expect(d.read(0x100, 4)).toBe(0xffff);
    expect(d.read(0xc00, 4)).toBe(0xaaaaaaaa);
    expect(d.read(0xc04, 4)).toBe(0);
    expect(c.read(0x14, 4)).toBe(0xff);
    expect(c.read(0x18, 4)).toBe(SPURIOUS);
    expect(c.read(0x1c, 4)).toBe(1);
    d.write(0xc04, 4, 0xffffffff);
    expect(d.read(0xc04, 4)).toBe(0xaaaaaaaa);
    d.write(0xc00, 4, 0);
    expect(d.read(0xc00, 4)).toBe(0xaaaaaaaa);
    d.write(0x820, 4, 0xffffffff);
    expect(d.read(0x820, 4)).toBe(0);
    c.write(0x00, 4, 0xffffffff);
    expect(c.read(0x00, 4)).toBe(0x21f);
    c.write(0x1c, 4, 0);
    expect(c.read(0x1c, 4)).toBe(1);
    d.write(0x420, 4, 0xffffffff);
    expect(d.read(0x420, 4)).toBe(0xffffffff);
  });
});

describe('interrupt life cycle', () => {
  test('edge SPI: pending -> active -> inactive', () => {
    const { gic, d, c, out } = setup();
    prio(d, 40, 0x80);
    enable(d, 40);
    d.write(0xc08, 4, 2 << 16); // INTID 40 edge
    gic.setLevel(40, true);
    expect(out.irq).toBe(true);
    gic.setLevel(40, false);
    expect(d.read(0x204, 4)).toBe(1 << 8); // latched
    expect(c.read(0x0c, 4)).toBe(40);
    expect(out.irq).toBe(false);
    expect(d.read(0x304, 4)).toBe(1 << 8);
    expect(c.read(0x14, 4)).toBe(0x80);
    c.write(0x10, 4, 40);
    expect(d.read(0x304, 4)).toBe(0);
    expect(c.read(0x14, 4)).toBe(0xff);
  });

  test('level PPI stays pending while its line is high; active is not re-signalled', () => {
    const { gic, d, c, out } = setup();
    prio(d, 27, 0xa0);
    enable(d, 27);
    gic.setLevel(27, true);
    expect(c.read(0x0c, 4)).toBe(27);
    expect(d.read(0x200, 4) & (1 << 27)).not.toBe(0); // pending+active
    c.write(0x00, 4, 1 | (1 << 9)); // EOImode: drop only
    c.write(0x10, 4, 27);
    expect(out.irq).toBe(false); // still active
    expect(c.read(0x18, 4)).toBe(SPURIOUS);
    c.write(0x1000, 4, 27); // GICC_DIR
    expect(out.irq).toBe(true);
    gic.setLevel(27, false);
    expect(out.irq).toBe(false);
    expect(d.read(0x200, 4) & (1 << 27)).toBe(0);
  });

  test('DIR is ignored when EOImode = 0', () => {
    const { d, c } = setup();
    prio(d, 40, 0x80);
    enable(d, 40);
    setPend(d, 40);
    c.read(0x0c, 4);
    c.write(0x1000, 4, 40);
    expect(d.read(0x304, 4)).toBe(1 << 8);
  });

  test('priority mask and preemption with binary point', () => {
    const { d, c, out } = setup();
    for (const [id, p] of [[1, 0xa0], [2, 0x60], [3, 0xc0], [5, 0x90]]) prio(d, id, p);
    c.write(0x04, 4, 0x80);
    d.write(0xf00, 4, (2 << 24) | 3);
    expect(out.irq).toBe(false);
    expect(c.read(0x18, 4)).toBe(SPURIOUS);
    c.write(0x04, 4, 0xf0);
    expect(out.irq).toBe(true);
    expect(c.read(0x0c, 4)).toBe(3);
    d.write(0xf00, 4, (2 << 24) | 1);
    expect(out.irq).toBe(true); // 0xa0 preempts running 0xc0
    expect(c.read(0x0c, 4)).toBe(1);
    expect(c.read(0xd0 + 8, 4)).toBe(1 << 16); // level 0xa0 >> 1 = 80 -> APR2 bit 16
    c.write(0x08, 4, 5); // group priority bits [7:6]
    d.write(0xf00, 4, (2 << 24) | 5);
    expect(out.irq).toBe(true); // still running group 0xa0: 0x90 < 0xa0
    c.write(0x10, 4, 1);
    c.write(0x10, 4, 3);
    expect(c.read(0x0c, 4)).toBe(5);
    expect(c.read(0x14, 4)).toBe(0x80); // 0x90 with BPR 5 -> group 0x80
    d.write(0xf00, 4, (2 << 24) | 1); // 0xa0 -> group 0x80: no preemption
    expect(out.irq).toBe(false);
    d.write(0xf00, 4, (2 << 24) | 2); // 0x60 -> group 0x40 preempts
    expect(out.irq).toBe(true);
  });

  test('SGIs: target filters, source CPU, SPENDSGIR/CPENDSGIR', () => {
    const { d, c } = setup();
    d.write(0xf00, 4, (1 << 24) | 7); // all but self
    expect(d.read(0x200, 4)).toBe(0);
    d.write(0xf00, 4, (1 << 16) | 6); // target list CPU 0
    expect(d.read(0x200, 4)).toBe(1 << 6);
    expect(d.read(0xf24, 4)).toBe(0x00010000); // SPENDSGIR1 byte 2 = SGI 6 from CPU 0
    d.write(0x280, 4, 0xffff); // ICPENDR ignores SGIs
    expect(d.read(0x200, 4)).toBe(1 << 6);
    d.write(0xf14, 4, 0xffffffff);
    expect(d.read(0x200, 4)).toBe(0);
    d.write(0xf29, 1, 1);
    expect(c.read(0x0c, 4)).toBe(9);
  });

  test('Group 1 needs AckCtl; group 0 goes to FIQ with FIQEn', () => {
    const { d, c, out } = setup();
    prio(d, 40, 0x80);
    enable(d, 40);
    d.write(0x084, 4, 1 << 8);
    c.write(0x00, 4, 3);
    setPend(d, 40);
    expect(c.read(0x18, 4)).toBe(1022);
    expect(c.read(0x0c, 4)).toBe(1022);
    c.write(0x00, 4, 3 | 4);
    expect(c.read(0x0c, 4)).toBe(40);
    expect(c.read(0xe0 + 8, 4)).toBe(1 << 0); // NSAPR2: level 64
    c.write(0x10, 4, 40);
    d.write(0x084, 4, 0);
    c.write(0x00, 4, 1 | 8);
    setPend(d, 40);
    expect(out).toEqual({ irq: false, fiq: true });
  });

  test('IAR peek has no side effects', () => {
    const { d, c } = setup();
    prio(d, 40, 0x80);
    enable(d, 40);
    setPend(d, 40);
    expect(c.peek(0x0c, 4)).toBeUndefined();
    expect(c.peek(0x18, 4)).toBe(40);
    expect(d.peek(0x204, 4)).toBe(1 << 8);
    expect(c.read(0x0c, 4)).toBe(40);
  });
});

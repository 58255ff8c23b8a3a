// The device tree QEMU 7.2 generates for `-M virt,virtualization=on -cpu cortex-a15` (hw/arm/virt.c
// create_fdt and friends), restricted to the devices hypscope emulates. Node and property order, phandles
// and values are those of QEMU's dump (`-machine ...,dumpdtb=`); test/emulator/board/dtb.test.ts compares.

import { VIRT } from './virt';
import { cells, flag, node, strings, type FdtNode, type FdtProp } from './fdt-tree';
import { writeFdt } from './fdt-write';

/** QEMU allocates its virt FDT with 1 MiB (create_device_tree) and never packs it: totalsize = 1 MiB. */
export const VIRT_DTB_SIZE = 0x10_0000;

/** Phandles QEMU assigns (starting at 0x8000 in creation order); 0x8003 (GICv2m) and 0x8004 (PL061) unused here. */
const PH = { clock: 0x8000, cpu: 0x8001, gic: 0x8002 } as const;

/**
 * Nodes of QEMU's tree that hypscope leaves out because it does not emulate the device (a guest probing
 * it would take external aborts where QEMU answers), with the reason.
 */
export const OMITTED_NODES: readonly { path: string; why: string }[] = [
  { path: '/fw-cfg@9020000', why: 'QEMU firmware configuration interface: not emulated' },
  { path: '/virtio_mmio@a000000 .. @a003e00', why: '32 virtio-mmio transports: not emulated (with no -device, QEMU answers "no device")' },
  { path: '/gpio-keys', why: 'refers to the PL061 GPIO (poweroff key): not emulated' },
  { path: '/pl061@9030000', why: 'PL061 GPIO: not emulated' },
  { path: '/pcie@10000000', why: 'generic PCIe host (ECAM at 0x40_1000_0000): not emulated' },
  { path: '/pl031@9010000', why: 'PL031 RTC: not emulated' },
  { path: '/intc@8000000/v2m@8020000', why: 'GICv2m MSI frame: not emulated' },
];

export interface VirtDtbOptions {
  /** RAM size in bytes (the /memory node). */
  readonly ramSize: number;
  /** Kernel command line (`-append`): /chosen/bootargs, absent when undefined as on QEMU. */
  readonly bootargs?: string;
  /**
   * /chosen rng-seed (8 words) and kaslr-seed (2 words): QEMU fills them with fresh random values on every
   * boot; hypscope uses these fixed values so runs are reproducible.
   */
  readonly seed?: number;
}

/** A fixed pseudo-random sequence (xorshift32) for the seed properties. */
function seedWords(seed: number, n: number): number[] {
  let x = seed >>> 0 || 0x9e3779b9;
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    x ^= x << 13; x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5; x >>>= 0;
    out.push(x);
  }
  return out;
}

/** Two-cell address and size (the root's #address-cells = #size-cells = 2). */
const reg64 = (name: string, ...pairs: [number, number][]): FdtProp =>
  cells(name, ...pairs.flatMap(([a, s]) => [Math.floor(a / 2 ** 32), a >>> 0, Math.floor(s / 2 ** 32), s >>> 0]));

/** The virt board's device tree as hypscope models it. */
export function virtDeviceTree(opts: VirtDtbOptions): FdtNode {
  const seeds = seedWords(opts.seed ?? 0x68797073, 10); // "hyps"
  const chosen: FdtProp[] = [];
  if (opts.bootargs !== undefined) chosen.push(strings('bootargs', opts.bootargs));
  chosen.push(
    strings('stdout-path', `/pl011@${VIRT.uart.toString(16)}`),
    cells('rng-seed', ...seeds.slice(0, 8)),
    cells('kaslr-seed', ...seeds.slice(8, 10)),
  );
  // GIC interrupt specifiers <type (1 = PPI), INTID - 16, flags>: flags 4 = level-high; the timers add the
  // PPI CPU mask in bits 15:8 ((1 << CPUs) - 1 = 1 for one core), giving QEMU's 0x104.
  const ppi = (intid: number, flags: number): number[] => [1, intid - 16, flags];
  return node('', [
    cells('interrupt-parent', PH.gic),
    strings('model', 'linux,dummy-virt'),
    cells('#size-cells', 2),
    cells('#address-cells', 2),
    strings('compatible', 'linux,dummy-virt'),
  ], [
    // PSCI 1.0 through SMC: QEMU's conduit when EL2 exists and EL3 does not (virt.c fdt_add_psci_node).
    node('psci', [
      cells('migrate', 0x84000005),
      cells('cpu_on', 0x84000003),
      cells('cpu_off', 0x84000002),
      cells('cpu_suspend', 0x84000001),
      strings('method', 'smc'),
      strings('compatible', 'arm,psci-1.0', 'arm,psci-0.2', 'arm,psci'),
    ]),
    node(`memory@${VIRT.ram.toString(16)}`, [
      reg64('reg', [VIRT.ram, opts.ramSize]),
      strings('device_type', 'memory'),
    ]),
    // The dynamic sysbus window: no devices in it, so nothing to emulate (simple-bus with no children).
    node('platform-bus@c000000', [
      cells('interrupt-parent', PH.gic),
      cells('ranges', 0, 0, 0x0c00_0000, 0x0200_0000),
      cells('#address-cells', 1),
      cells('#size-cells', 1),
      strings('compatible', 'qemu,platform', 'simple-bus'),
    ]),
    node(`pl011@${VIRT.uart.toString(16)}`, [
      strings('clock-names', 'uartclk', 'apb_pclk'),
      cells('clocks', PH.clock, PH.clock),
      cells('interrupts', 0, VIRT.irq.uart - 32, 4), // SPI 1, level-high
      reg64('reg', [VIRT.uart, 0x1000]),
      strings('compatible', 'arm,pl011', 'arm,primecell'),
    ]),
    // QEMU adds an empty pmu node for a CPU without the PMU feature in its model (cortex-a15: no PMUv3).
    node('pmu', []),
    node(`intc@${VIRT.gicd.toString(16)}`, [
      cells('phandle', PH.gic),
      cells('interrupts', ...ppi(VIRT.irq.maintenance, 4)), // maintenance interrupt (PPI 9), level-high
      reg64('reg', [VIRT.gicd, 0x10000], [VIRT.gicc, 0x10000], [VIRT.gich, 0x10000], [VIRT.gicv, 0x10000]),
      strings('compatible', 'arm,cortex-a15-gic'),
      flag('ranges'),
      cells('#size-cells', 2),
      cells('#address-cells', 2),
      flag('interrupt-controller'),
      cells('#interrupt-cells', 3),
    ]),
    node('flash@0', [
      cells('bank-width', 4),
      reg64('reg', [VIRT.flash, 0x0400_0000], [VIRT.flash + 0x0400_0000, 0x0400_0000]),
      strings('compatible', 'cfi-flash'),
    ]),
    node('cpus', [cells('#size-cells', 0), cells('#address-cells', 1)], [
      node('cpu-map', [], [node('socket0', [], [node('cluster0', [], [node('core0', [cells('cpu', PH.cpu)])])])]),
      node('cpu@0', [
        cells('phandle', PH.cpu),
        cells('reg', 0),
        strings('compatible', 'arm,cortex-a15'),
        strings('device_type', 'cpu'),
      ]),
    ]),
    // Secure physical, non-secure physical, virtual, hypervisor timer PPIs (13, 14, 11, 10), level-high.
    node('timer', [
      cells('interrupts', ...ppi(VIRT.irq.secPhysTimer, 0x104), ...ppi(VIRT.irq.physTimer, 0x104),
        ...ppi(VIRT.irq.virtTimer, 0x104), ...ppi(VIRT.irq.hypTimer, 0x104)),
      flag('always-on'),
      strings('compatible', 'arm,armv7-timer'),
    ]),
    node('apb-pclk', [
      cells('phandle', PH.clock),
      strings('clock-output-names', 'clk24mhz'),
      cells('clock-frequency', 24_000_000),
      cells('#clock-cells', 0),
      strings('compatible', 'fixed-clock'),
    ]),
    node('chosen', chosen),
  ]);
}

/** The DTB blob QEMU would place in guest memory (1 MiB, FDT v17). */
export function virtDtb(opts: VirtDtbOptions): Uint8Array {
  return writeFdt(virtDeviceTree(opts), { totalSize: VIRT_DTB_SIZE });
}

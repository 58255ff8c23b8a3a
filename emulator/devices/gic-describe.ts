// Debugger views of the interrupt controller: a side-effect-free snapshot of the distributor, the
// physical CPU interface and the virtual interface (list registers decoded). IHI 0048B ch. 4 and 5.

import { Gic, GIC_NUM_IRQ, IDLE_PRIORITY } from './gic';
import { GicVirtual, lrPhysicalId, lrPriority, lrState, lrVirtualId, LR_EOI, LR_GRP1, LR_HW, NUM_LRS } from './gic-virt';

/** One row of a device scope in the debugger: a name, a display value and optional children. */
export interface DeviceVariable {
  readonly name: string;
  readonly value: string;
  readonly children?: readonly DeviceVariable[];
}

export function hex32(v: number): string {
  return '0x' + (v >>> 0).toString(16).padStart(8, '0');
}

const STATE_NAMES = ['invalid', 'pending', 'active', 'pending+active'];

function prioText(p: number): string {
  return p === IDLE_PRIORITY ? 'idle' : '0x' + p.toString(16).padStart(2, '0');
}

/** Every INTID that is enabled, pending or active, one row each. */
function interesting(g: Gic): DeviceVariable[] {
  const rows: DeviceVariable[] = [];
  for (let id = 0; id < GIC_NUM_IRQ; id++) {
    const pend = g.isPending(id);
    if (!pend && !g.active[id] && !(g.enabled[id] && id >= 16)) continue;
    const state = pend ? (g.active[id] ? 'pending+active' : 'pending') : g.active[id] ? 'active' : 'inactive';
    rows.push({
      name: `INTID ${id}`,
      value: `${state}${g.enabled[id] ? '' : ' (disabled)'} prio ${prioText(g.priority[id])} grp${g.group[id]} ` +
        `${g.edge[id] ? 'edge' : 'level'}${g.level[id] ? ' line=1' : ''}`,
    });
  }
  return rows;
}

export function describeGic(g: Gic): DeviceVariable {
  const dist: DeviceVariable[] = [
    { name: 'GICD_CTLR', value: `${hex32(g.dctlr)} (Grp0 ${g.dctlr & 1 ? 'on' : 'off'}, Grp1 ${g.dctlr & 2 ? 'on' : 'off'})` },
    { name: 'interrupts', value: 'enabled, pending or active', children: interesting(g) },
  ];
  const hpp = g.highestPending();
  const cpu: DeviceVariable[] = [
    { name: 'GICC_CTLR', value: hex32(g.cctlr) },
    { name: 'GICC_PMR', value: prioText(g.pmr) },
    { name: 'GICC_BPR', value: String(g.bpr) },
    { name: 'GICC_ABPR', value: String(g.abpr) },
    { name: 'GICC_RPR (running priority)', value: prioText(g.runningPriority) },
    { name: 'GICC_HPPIR', value: String(hpp) },
    { name: 'GICC_APR0-3', value: Array.from(g.apr, hex32).join(' ') },
    { name: 'GICC_NSAPR0-3', value: Array.from(g.nsapr, hex32).join(' ') },
    { name: 'IRQ output', value: g.irqOut ? 'asserted' : 'low' },
    { name: 'FIQ output', value: g.fiqOut ? 'asserted' : 'low' },
  ];
  return {
    name: 'GIC',
    value: `IRQ ${g.irqOut ? 1 : 0} FIQ ${g.fiqOut ? 1 : 0}, highest pending ${hpp}`,
    children: [
      { name: 'Distributor (0x08000000)', value: '', children: dist },
      { name: 'CPU interface (0x08010000)', value: '', children: cpu },
    ],
  };
}

export function describeLr(lr: number): string {
  const parts = [`vINTID ${lrVirtualId(lr)}`, STATE_NAMES[lrState(lr)], `prio 0x${lrPriority(lr).toString(16)}`];
  parts.push(lr & LR_GRP1 ? 'grp1' : 'grp0');
  if (lr & LR_HW) parts.push(`HW pINTID ${lrPhysicalId(lr)}`);
  else {
    if (lr & LR_EOI) parts.push('EOI');
    if (lrVirtualId(lr) < 16) parts.push(`CPUID ${(lr >>> 10) & 7}`);
  }
  return `${hex32(lr)} (${parts.join(', ')})`;
}

export function describeGicVirtual(v: GicVirtual): DeviceVariable {
  const lrs: DeviceVariable[] = [];
  for (let i = 0; i < NUM_LRS; i++) lrs.push({ name: `GICH_LR${i}`, value: describeLr(v.lr[i]) });
  return {
    name: 'GIC virtual interface',
    value: `vIRQ ${v.virqOut ? 1 : 0} vFIQ ${v.vfiqOut ? 1 : 0} maintenance ${v.maintenanceOut ? 1 : 0}`,
    children: [
      { name: 'GICH_HCR', value: `${hex32(v.hcr)} (En ${v.hcr & 1}, EOICount ${v.hcr >>> 27})` },
      { name: 'GICH_VMCR', value: hex32(v.vmcr) },
      { name: 'GICH_MISR', value: hex32(v.misr()) },
      { name: 'GICH_EISR0', value: hex32(v.eisr()) },
      { name: 'GICH_ELRSR0', value: hex32(v.elrsr()) },
      { name: 'GICH_APR', value: hex32(v.apr) },
      { name: 'list registers', value: `${NUM_LRS}`, children: lrs },
      { name: 'GICV_PMR', value: prioText(v.priorityMask) },
      { name: 'GICV_RPR (running priority)', value: prioText(v.runningPriority) },
      { name: 'GICV_HPPIR', value: String(v.highestPending()) },
    ],
  };
}

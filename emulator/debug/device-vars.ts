// The Devices scope: GIC distributor and CPU interface (the board's own snapshot), the virtual
// interface with every list register and GICH control register decoded, and the generic timers.
// GICv2 architecture (IHI 0048B) §5.3 (GICH_HCR, GICH_VMCR, GICH_MISR, GICH_LR); ARM ARM B8.2 (timers).

import type { Machine } from '../machine';
import { boardDevices, describeBoardDevices } from '../board/devices';
import { describeGic, describeLr, type DeviceVariable } from '../devices/gic-describe';
import { NUM_LRS } from '../devices/gic-virt';
import { TIMER_INTID } from '../devices/timer';
import type { VarNode } from './variables';

interface Field { readonly name: string; readonly lsb: number; readonly width: number; readonly text?: (v: number) => string }

const hex8 = (v: number): string => `0x${(v >>> 0).toString(16).padStart(8, '0')}`;
const hexN = (v: number): string => `0x${v.toString(16)}`;

/** GICH_HCR (§5.3.2): interrupt enables of the maintenance interrupt and EOICount. */
const HCR_FIELDS: readonly Field[] = [
  { name: 'En', lsb: 0, width: 1 }, { name: 'UIE', lsb: 1, width: 1 }, { name: 'LRENPIE', lsb: 2, width: 1 },
  { name: 'NPIE', lsb: 3, width: 1 }, { name: 'VGrp0EIE', lsb: 4, width: 1 }, { name: 'VGrp0DIE', lsb: 5, width: 1 },
  { name: 'VGrp1EIE', lsb: 6, width: 1 }, { name: 'VGrp1DIE', lsb: 7, width: 1 }, { name: 'EOICount', lsb: 27, width: 5 },
];

/** GICH_VMCR (§5.3.4): the virtual CPU interface's GICV_CTLR, PMR, BPR and ABPR in one word. */
const VMCR_FIELDS: readonly Field[] = [
  { name: 'VMGrp0En', lsb: 0, width: 1 }, { name: 'VMGrp1En', lsb: 1, width: 1 }, { name: 'VMAckCtl', lsb: 2, width: 1 },
  { name: 'VMFIQEn', lsb: 3, width: 1 }, { name: 'VMCBPR', lsb: 4, width: 1 }, { name: 'VEM', lsb: 9, width: 1 },
  { name: 'VMABP', lsb: 18, width: 3 }, { name: 'VMBP', lsb: 21, width: 3 },
  { name: 'VMPriMask', lsb: 27, width: 5, text: (v) => `(priority mask 0x${(v << 3).toString(16)})` },
];

/** GICH_MISR (§5.3.5): which maintenance interrupt conditions hold. */
const MISR_FIELDS: readonly Field[] = [
  { name: 'EOI', lsb: 0, width: 1 }, { name: 'U', lsb: 1, width: 1 }, { name: 'LRENP', lsb: 2, width: 1 },
  { name: 'NP', lsb: 3, width: 1 }, { name: 'VGrp0E', lsb: 4, width: 1 }, { name: 'VGrp0D', lsb: 5, width: 1 },
  { name: 'VGrp1E', lsb: 6, width: 1 }, { name: 'VGrp1D', lsb: 7, width: 1 },
];

const LR_STATES = ['invalid', 'pending', 'active', 'pending and active'];

/** GICH_LR<n> (§5.3.11): HW = 1 links a physical interrupt (PhysicalID); HW = 0 has EOI and CPUID. */
function lrFields(lr: number): readonly Field[] {
  const hw = lr >>> 31;
  const common: Field[] = [
    { name: 'State', lsb: 28, width: 2, text: (v) => LR_STATES[v] },
    { name: 'Priority', lsb: 23, width: 5, text: (v) => `(priority 0x${(v << 3).toString(16)})` },
    { name: 'vINTID', lsb: 0, width: 10, text: (v) => `(${v})` },
    { name: 'HW', lsb: 31, width: 1 },
    { name: 'Grp1', lsb: 30, width: 1 },
  ];
  if (hw) common.push({ name: 'pINTID', lsb: 10, width: 10, text: (v) => `(${v})` });
  else common.push({ name: 'EOI', lsb: 19, width: 1 }, { name: 'CPUID', lsb: 10, width: 3 });
  return common;
}

/** Timer CNTx_CTL (B8.2.?/B4.1.26): ENABLE, IMASK, ISTATUS. */
const CTL_FIELDS: readonly Field[] = [
  { name: 'ENABLE', lsb: 0, width: 1 }, { name: 'IMASK', lsb: 1, width: 1 }, { name: 'ISTATUS', lsb: 2, width: 1 },
];

function fieldVars(v: number, fields: readonly Field[], base: string): VarNode[] {
  return fields.map((f) => {
    const x = (v >>> f.lsb) & (f.width >= 32 ? 0xffffffff : (1 << f.width) - 1);
    const t = f.text?.(x);
    return { name: f.name, value: `${f.width === 1 ? String(x) : hexN(x)}${t ? ` ${t}` : ''}`, type: `${base}[${f.lsb + f.width - 1}:${f.lsb}]`, evaluateName: undefined };
  });
}

function regVar(name: string, v: number, fields: readonly Field[], summary?: string): VarNode {
  return { name, value: `${hex8(v)}${summary ? ` (${summary})` : ''}`, type: 'u32', children: () => fieldVars(v, fields, name) };
}

/** The board's own snapshot rows as variables (read-only). */
function fromDevice(d: DeviceVariable): VarNode {
  const kids = d.children;
  return { name: d.name, value: d.value, children: kids && kids.length ? () => kids.map(fromDevice) : undefined };
}

function setBits(v: number, fields: readonly Field[]): string {
  return fields.filter((f) => f.width === 1 && (v >>> f.lsb) & 1).map((f) => f.name).join(' ') || 'none';
}

function virtualInterface(m: Machine): VarNode {
  const v = boardDevices(m).gicVirtual;
  const misr = v.misr() >>> 0;
  const lrs: VarNode[] = [];
  for (let i = 0; i < NUM_LRS; i++) {
    const lr = v.lr[i] >>> 0;
    lrs.push({ name: `GICH_LR${i}`, value: describeLr(lr), type: 'u32', evaluateName: undefined, children: () => fieldVars(lr, lrFields(lr), `GICH_LR${i}`) });
  }
  const used = Array.from(v.lr).filter((x) => ((x >>> 28) & 3) !== 0).length;
  return {
    name: 'GIC virtual interface (GICH 0x08030000, GICV 0x08040000)',
    value: `vIRQ ${v.virqOut ? 1 : 0} vFIQ ${v.vfiqOut ? 1 : 0}, maintenance ${v.maintenanceOut ? 1 : 0}, ${used} of ${NUM_LRS} list registers in use`,
    children: () => [
      regVar('GICH_HCR', v.hcr >>> 0, HCR_FIELDS, `En ${v.hcr & 1}, EOICount ${v.hcr >>> 27}`),
      regVar('GICH_VMCR', v.vmcr >>> 0, VMCR_FIELDS),
      regVar('GICH_MISR', misr, MISR_FIELDS, setBits(misr, MISR_FIELDS)),
      { name: 'GICH_EISR0', value: hex8(v.eisr()) },
      { name: 'GICH_ELRSR0', value: hex8(v.elrsr()) },
      { name: 'GICH_APR', value: hex8(v.apr) },
      { name: 'List registers', value: `${used} in use`, children: () => lrs },
      { name: 'GICV running priority', value: hexN(v.runningPriority) },
      { name: 'GICV highest pending', value: String(v.highestPending()) },
    ],
  };
}

const TIMERS = ['CNTP (physical)', 'CNTV (virtual)', 'CNTHP (Hyp physical)'];

function timers(m: Machine): VarNode {
  const t = boardDevices(m).timer;
  const cpu = m.cpu;
  const now = m.clock.now();
  const rows: VarNode[] = [{ name: 'CNTPCT', value: String(now) }, { name: 'CNTFRQ', value: `${cpu.sys.cntfrq} Hz` }];
  for (let i = 0; i < 3; i++) {
    const ctl = t.readCtl(cpu, i as 0 | 1 | 2) >>> 0;
    const cval = (BigInt(cpu.sys.cvalHi[i] >>> 0) << 32n) | BigInt(cpu.sys.cvalLo[i] >>> 0);
    const tval = t.readTval(cpu, i as 0 | 1 | 2) | 0;
    rows.push({
      name: TIMERS[i],
      value: `${ctl & 1 ? 'enabled' : 'disabled'}${ctl & 2 ? ', masked' : ''}${ctl & 4 ? ', ISTATUS' : ''}, INTID ${TIMER_INTID[i]} ${t.output[i] ? 'asserted' : 'low'}`,
      children: () => [
        regVar('CTL', ctl, CTL_FIELDS, setBits(ctl, CTL_FIELDS)),
        { name: 'ISTATUS', value: String((ctl >>> 2) & 1), type: 'condition met (CVAL <= count)' },
        { name: 'CVAL', value: `0x${cval.toString(16)} (${cval})`, type: 'u64' },
        { name: 'TVAL', value: `${tval} (${hex8(tval)})`, type: 's32: CVAL - count' },
      ],
    });
  }
  return { name: 'Generic timers', value: `count ${now}`, children: () => rows };
}

/** Children of the Devices scope. */
export function deviceVars(m: Machine): VarNode[] {
  let gic: VarNode;
  try {
    gic = fromDevice(describeGic(boardDevices(m).gic));
  } catch (e) {
    return [{ name: 'Devices', value: `not available: ${(e as Error).message}` }];
  }
  const known = new Set(['GIC', 'GIC virtual interface', 'Generic timer']);
  const others = describeBoardDevices(m).filter((d) => !known.has(d.name)).map(fromDevice);
  return [gic, virtualInterface(m), timers(m), ...others];
}

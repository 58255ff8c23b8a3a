// Devices of the virt board beyond the UART: the GICv2 (with virtualization interface), the
// generic timers and PSCI. Attached once by the machine; see board/virt.ts for the memory map.

import type { Machine } from '../machine';
import type { Cpu } from '../cpu/cpu';
import { VIRT } from './virt';
import { Gic } from '../devices/gic';
import { GicDistributor } from '../devices/gic-dist';
import { GicCpuInterface } from '../devices/gic-cpu';
import { GicVirtual } from '../devices/gic-virt';
import { GicHypInterface, GicVirtualCpuInterface } from '../devices/gic-virt-regs';
import { describeGic, describeGicVirtual, type DeviceVariable } from '../devices/gic-describe';
import { GenericTimer, TIMER_INTID } from '../devices/timer';
import { Psci } from '../devices/psci';
import { defaultTimerRegs, timerHooks, type TimerRegs } from '../sysregs/timer-hooks';
import { psciHooks } from '../decode/a32/sys-exc';
import { isrLines } from '../sysregs/isr';

export interface BoardDevices {
  readonly gic: Gic;
  readonly gicVirtual: GicVirtual;
  readonly timer: GenericTimer;
  readonly psci: Psci;
}

/** Window sizes on QEMU virt (hw/arm/virt.c base_memmap): 64 KiB each, so GICC/GICV_DIR at +0x1000 fit. */
const GIC_WINDOW = 0x10000;

const boards = new WeakMap<Machine, BoardDevices>();
// The sysreg table and the SMC handler call module-level hooks with the executing cpu; each machine's
// devices are found through its cpu so several machines (tests) can coexist.
const timersByCpu = new WeakMap<Cpu, TimerRegs>();
const psciByCpu = new WeakMap<Cpu, Psci>();

const timerOf = (cpu: Cpu): TimerRegs => timersByCpu.get(cpu) ?? defaultTimerRegs;

const timerDispatch: TimerRegs = {
  readCounter: (c) => timerOf(c).readCounter(c),
  readCtl: (c, t) => timerOf(c).readCtl(c, t),
  writeCtl: (c, t, v) => timerOf(c).writeCtl(c, t, v),
  readCval: (c, t) => timerOf(c).readCval(c, t),
  readCvalHi: (c, t) => timerOf(c).readCvalHi(c, t),
  writeCval: (c, t, lo, hi) => timerOf(c).writeCval(c, t, lo, hi),
  readTval: (c, t) => timerOf(c).readTval(c, t),
  writeTval: (c, t, v) => timerOf(c).writeTval(c, t, v),
  readCntkctl: (c) => timerOf(c).readCntkctl(c),
  writeCntkctl: (c, v) => timerOf(c).writeCntkctl(c, v),
  readCnthctl: (c) => timerOf(c).readCnthctl(c),
  writeCnthctl: (c, v) => timerOf(c).writeCnthctl(c, v),
  readCntvoff: (c) => timerOf(c).readCntvoff(c),
  readCntvoffHi: (c) => timerOf(c).readCntvoffHi(c),
  writeCntvoff: (c, lo, hi) => timerOf(c).writeCntvoff(c, lo, hi),
};

/** Create and map the interrupt controller, timers and firmware services of the virt board. */
export function attachBoardDevices(m: Machine): void {
  const gic = new Gic();
  gic.onOutput = (irq, fiq) => {
    m.lines.irq = irq;
    m.lines.fiq = fiq;
    m.cpu.attention = true;
  };
  const gicVirtual = new GicVirtual(gic);
  gicVirtual.onOutput = (virq, vfiq) => {
    m.lines.virq = virq;
    m.lines.vfiq = vfiq;
    m.cpu.attention = true;
  };
  m.bus.map(VIRT.gicd, GIC_WINDOW, new GicDistributor(gic));
  m.bus.map(VIRT.gicc, GIC_WINDOW, new GicCpuInterface(gic));
  m.bus.map(VIRT.gich, GIC_WINDOW, new GicHypInterface(gicVirtual));
  m.bus.map(VIRT.gicv, GIC_WINDOW, new GicVirtualCpuInterface(gicVirtual));

  // The PL011's UARTINTR is SPI 1 (INTID 33) on virt (hw/arm/virt.c a15irqmap).
  m.uart.onIrq = (level) => gic.setLevel(VIRT.irq.uart, level);

  isrLines.set(m.cpu, m.lines); // ISR reads the interrupt inputs (B4.1.89)
  const timer = new GenericTimer(m.cpu, m.clock, (t, level) => gic.setLevel(TIMER_INTID[t], level));
  timersByCpu.set(m.cpu, timer);
  timerHooks.regs = timerDispatch;

  const psci = new Psci({
    systemOff: () => m.requestExit(0),
    systemReset: () => m.requestStop({ kind: 'reset' }),
    cpuOff: () => m.requestStop({
      kind: 'stuck',
      message: `PSCI CPU_OFF at PC 0x${m.cpu.pc.toString(16).padStart(8, '0')} powered off the only core (QEMU hangs here)`,
    }),
    waitForInterrupt: () => m.cpu.onWait?.(m.cpu, false),
  });
  psciByCpu.set(m.cpu, psci);
  psciHooks.call = (cpu) => psciByCpu.get(cpu)?.call(cpu) ?? false;

  m.resetHooks.push(() => {
    gic.reset();
    gicVirtual.reset();
    timer.reset();
  });
  boards.set(m, { gic, gicVirtual, timer, psci });
}

/** The board devices of a machine (for the debugger and tests). */
export function boardDevices(m: Machine): BoardDevices {
  const b = boards.get(m);
  if (!b) throw new Error('board devices not attached');
  return b;
}

/** Device scopes for the debugger: GIC, its virtual interface and the generic timer. */
export function describeBoardDevices(m: Machine): DeviceVariable[] {
  const b = boardDevices(m);
  return [describeGic(b.gic), describeGicVirtual(b.gicVirtual), b.timer.describe()];
}

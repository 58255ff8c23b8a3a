// Devices of the virt board beyond the UART: the GICv2 (with virtualization interface), the
// generic timers and PSCI. Attached once by the machine; see board/virt.ts for the memory map.

import type { Machine } from '../machine';

/** Create and map the interrupt controller, timers and firmware services of the virt board. */
export function attachBoardDevices(_m: Machine): void {
  // Filled in by the GIC/timer/PSCI work (issue: interrupts and time).
}

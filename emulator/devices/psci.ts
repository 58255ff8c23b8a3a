// PSCI firmware of QEMU's virt board with virtualization=on (conduit SMC, PSCI 1.1, one core),
// answering as QEMU 7.2 does (target/arm/psci.c; values measured by test/guests/gic/psci.c). ARM DEN 0022.

import type { Cpu } from '../cpu/cpu';

/** What PSCI needs from the machine. */
export interface PsciHost {
  /** SYSTEM_OFF: QEMU shuts down and exits with status 0. */
  systemOff(): void;
  /** SYSTEM_RESET: QEMU resets the machine. */
  systemReset(): void;
  /** CPU_OFF of the only core: QEMU powers it off and never runs it again. */
  cpuOff(): void;
  /** CPU_SUSPEND: QEMU does not power down; the core waits for an interrupt like WFI. */
  waitForInterrupt(): void;
}

/** Function IDs (SMC32; DEN 0022 5.1) and the PSCI 0.1 IDs QEMU also accepts (its QEMU_PSCI_0_1_FN_*). */
export const enum PsciFn {
  Version = 0x84000000,
  CpuSuspend = 0x84000001,
  CpuOff = 0x84000002,
  CpuOn = 0x84000003,
  AffinityInfo = 0x84000004,
  Migrate = 0x84000005,
  MigrateInfoType = 0x84000006,
  MigrateInfoUpCpu = 0x84000007,
  SystemOff = 0x84000008,
  SystemReset = 0x84000009,
  Features = 0x8400000a,
  V01CpuSuspend = 0x95c1ba5e,
  V01CpuOff = 0x95c1ba5f,
  V01CpuOn = 0x95c1ba60,
  V01Migrate = 0x95c1ba61,
}

/** Return codes (DEN 0022 5.2.2). */
export const PSCI_SUCCESS = 0;
export const PSCI_NOT_SUPPORTED = -1;
export const PSCI_INVALID_PARAMETERS = -2;
export const PSCI_ALREADY_ON = -4;

/** PSCI_VERSION on QEMU 7.2: 1.1. */
export const PSCI_VERSION_1_1 = 0x00010001;
/** MIGRATE_INFO_TYPE 2: no Trusted OS needing migration. */
const MIGRATE_INFO_NO_TOS = 2;

/** Functions PSCI_FEATURES reports as implemented (QEMU 7.2, AArch32 caller). */
const FEATURES: ReadonlySet<number> = new Set<number>([
  PsciFn.Version, PsciFn.CpuSuspend, PsciFn.CpuOff, PsciFn.CpuOn, PsciFn.AffinityInfo,
  PsciFn.MigrateInfoType, PsciFn.SystemOff, PsciFn.SystemReset, PsciFn.Features,
  PsciFn.V01CpuSuspend, PsciFn.V01CpuOff, PsciFn.V01CpuOn,
]);

/** The one core answers to MPIDR affinity 0; QEMU matches the whole r1 value (0x80000000 is not it). */
function isOurCore(mpidr: number): boolean {
  return mpidr >>> 0 === 0;
}

export class Psci {
  constructor(private readonly host: PsciHost) {}

  /**
   * Handle an SMC as QEMU's virt firmware does: every SMC32 function ID gets an answer in r0
   * (unknown ones NOT_SUPPORTED); r1-r3 are preserved. Always returns true (handled).
   */
  call(cpu: Cpu): boolean {
    const fn = cpu.r[0] >>> 0;
    const a1 = cpu.r[1] >>> 0;
    let ret: number;
    switch (fn) {
      case PsciFn.Version:
        ret = PSCI_VERSION_1_1;
        break;
      case PsciFn.CpuSuspend:
      case PsciFn.V01CpuSuspend:
        // QEMU rejects power_state bits above StateID/StateType, otherwise "suspends" as WFI.
        if ((a1 & 0xfffe0000) !== 0) {
          ret = PSCI_INVALID_PARAMETERS;
          break;
        }
        cpu.r[0] = PSCI_SUCCESS;
        this.host.waitForInterrupt();
        return true;
      case PsciFn.CpuOff:
      case PsciFn.V01CpuOff:
        this.host.cpuOff();
        return true;
      case PsciFn.CpuOn:
      case PsciFn.V01CpuOn:
        // Only one core exists and it is running.
        ret = isOurCore(a1) ? PSCI_ALREADY_ON : PSCI_INVALID_PARAMETERS;
        break;
      case PsciFn.AffinityInfo:
        // QEMU ignores the lowest affinity level argument (r2); state 0 = ON.
        ret = isOurCore(a1) ? 0 : PSCI_INVALID_PARAMETERS;
        break;
      case PsciFn.MigrateInfoType:
        ret = MIGRATE_INFO_NO_TOS;
        break;
      case PsciFn.SystemOff:
        this.host.systemOff();
        return true;
      case PsciFn.SystemReset:
        this.host.systemReset();
        return true;
      case PsciFn.Features:
        ret = FEATURES.has(a1) ? PSCI_SUCCESS : PSCI_NOT_SUPPORTED;
        break;
      default:
        // MIGRATE, MIGRATE_INFO_UP_CPU, SMC64 IDs from AArch32, SMCCC and anything else.
        ret = PSCI_NOT_SUPPORTED;
        break;
    }
    cpu.r[0] = ret >>> 0;
    return true;
  }
}

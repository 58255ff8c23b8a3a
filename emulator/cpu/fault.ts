// Memory faults raised during an access: what went wrong, at which stage and level.
// The exception code turns one into DFSR/IFSR (B3.13.3, B3.13.4) or HSR/HPFAR (B3.13.6, B4.1.67).

export const enum FaultType {
  Translation = 0,
  AccessFlag = 1,
  Permission = 2,
  Domain = 3,
  Alignment = 4,
  /** Synchronous external abort on the access itself (e.g. unassigned physical address). */
  External = 5,
  /** Synchronous external abort on a translation-table walk access. */
  ExternalOnWalk = 6,
  /** Debug event (BKPT is delivered as a prefetch abort with this type). */
  Debug = 7,
}

export const FAULT_TYPE_NAMES = [
  'translation', 'access-flag', 'permission', 'domain', 'alignment', 'external', 'external-on-walk', 'debug',
] as const;

/** Thrown by memory accesses; caught by the run loop which takes the abort exception. */
export class GuestAbort {
  constructor(
    readonly type: FaultType,
    /** Stage that faulted: 1 (reported to PL1 unless Hyp regime) or 2 (always to Hyp). */
    readonly stage: 1 | 2,
    /** Lookup level (0-3) for translation/AF/permission faults; short-descriptor uses 1/2. */
    readonly level: number,
    /** Faulting virtual address (DFAR/IFAR/HDFAR/HIFAR). */
    readonly va: number,
    /** Intermediate physical address for stage-2 faults (HPFAR), else 0. */
    readonly ipa: number,
    readonly write: boolean,
    readonly fetch: boolean,
    /** Stage-2 fault on a stage-1 table walk access. */
    readonly s1ptw: boolean,
    /** Short-descriptor domain (0-15) for domain/section faults. */
    readonly domain: number,
    /** Stage-1 fault reported in long-descriptor (LPAE) format. */
    readonly lpae: boolean,
    /** Fault on a cache maintenance operation. */
    readonly cm: boolean = false,
  ) {}
}

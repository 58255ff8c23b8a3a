// Fault status encodings: short-descriptor FS (B3.13.3 Table B3-23) and long-descriptor
// STATUS/FSC (B3.13.4 Table B3-24), one table that DFSR/IFSR/HSR and the debugger all read.

import { FaultType, type GuestAbort } from './fault';

/** Short-descriptor FS[4:0] per fault type; level-dependent ones list [level1, level2]. */
const SHORT_FS: Record<FaultType, readonly [number, number]> = {
  [FaultType.Translation]: [0b00101, 0b00111],
  [FaultType.AccessFlag]: [0b00011, 0b00110],
  [FaultType.Permission]: [0b01101, 0b01111],
  [FaultType.Domain]: [0b01001, 0b01011],
  [FaultType.Alignment]: [0b00001, 0b00001],
  [FaultType.External]: [0b01000, 0b01000],
  [FaultType.ExternalOnWalk]: [0b01100, 0b01110],
  [FaultType.Debug]: [0b00010, 0b00010],
};

/** Long-descriptor fault status (6 bits); level goes into the low two bits where applicable. */
export function longFsc(f: GuestAbort): number {
  const ll = f.level & 3;
  switch (f.type) {
    case FaultType.Translation: return 0b000100 | ll;
    case FaultType.AccessFlag: return 0b001000 | ll;
    case FaultType.Permission: return 0b001100 | ll;
    case FaultType.External: return 0b010000;
    case FaultType.ExternalOnWalk: return 0b010100 | ll;
    case FaultType.Alignment: return 0b100001;
    case FaultType.Debug: return 0b100010;
    case FaultType.Domain: return 0b111100 | ll; // domain faults do not exist in LPAE; never produced
  }
}

export function shortFs(f: GuestAbort): number {
  const pair = SHORT_FS[f.type];
  return f.level >= 2 ? pair[1] : pair[0];
}

/**
 * DFSR/IFSR value for a stage-1 fault taken to PL1 (B4.1.52 DFSR, B4.1.96 IFSR).
 * Short format: FS[10,3:0], Domain[7:4], WnR[11], ExT[12], CM[13]. Long: STATUS[5:0], LPAE[9].
 */
export function pl1FaultStatus(f: GuestAbort, data: boolean): number {
  let v: number;
  if (f.lpae) {
    v = longFsc(f) | (1 << 9);
  } else {
    const fs = shortFs(f);
    v = (fs & 0xf) | ((fs & 0x10) << 6);
    // Domain[7:4]: the manual defines it only for DFSR (B4.1.52; IFSR[7:4] is UNK, B4.1.96), but QEMU
    // 7.2 writes the walk's domain into both registers (arm_fi_to_sfsc), e.g. IFSR 0x19 for a level-1
    // Domain fault in domain 1; we follow QEMU. The walk reports 0 where no domain was found.
    v |= (f.domain & 0xf) << 4;
  }
  if (data && f.write) v |= 1 << 11;
  if (data && f.cm) v |= 1 << 13;
  return v >>> 0;
}

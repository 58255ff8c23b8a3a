// PAR values for the address translation operations: 32-bit (short) and 64-bit (LPAE) formats, for
// a result or a fault (B4.1.112 PAR, B4.2.6 "Performing address translation operations").

import { FaultType, GuestAbort } from '../cpu/fault';
import { longFsc, shortFs } from '../cpu/fault-status';
import type { Outcome } from './translation';
import type { WalkFault } from './types';

/** PAR as two words. */
export interface ParValue {
  lo: number;
  hi: number;
}

/** The GuestAbort a walk fault becomes for the access `va` (write/fetch as the access was). */
export function faultToAbort(f: WalkFault, va: number, write: boolean, fetch: boolean, cm = false): GuestAbort {
  // Stage-2 faults are always reported in long format; stage 1 in the regime's format.
  const lpae = f.stage === 2 || f.lpae;
  return new GuestAbort(f.type, f.stage, f.level, va >>> 0, f.ipa, write, fetch, f.s1ptw, f.domain, lpae, cm);
}

/**
 * Successful translation. 64-bit: PA[39:12], LPAE[11], NS[9] (QEMU sets it: the core is always
 * Non-secure), SH[8:7], ATTR[63:56] in MAIR format (out.parAttr/parSh: QEMU's view, see Outcome). 32-bit: PA[31:12] (supersection: PA[31:24] and
 * SS[1]) and NS[9]; QEMU 7.2 leaves the 32-bit Inner/Outer/SH/NOS attribute fields 0 and so do we.
 */
export function parSuccess(out: Outcome, format64: boolean): ParValue {
  const pa = out.pa;
  if (format64) {
    const lo = ((pa % 4294967296) & 0xfffff000) | (out.parSh << 7) | (1 << 9) | (1 << 11);
    const hi = (Math.floor(pa / 4294967296) & 0xff) | (out.parAttr << 24);
    return { lo: lo >>> 0, hi: hi >>> 0 };
  }
  const lo32 = pa % 4294967296;
  const lo = out.supersection ? (lo32 & 0xff000000) | 2 : lo32 & 0xfffff000;
  return { lo: (lo | (1 << 9)) >>> 0, hi: 0 };
}

/**
 * Fault. 64-bit: F[0], FST[6:1] (long status; short-descriptor domain faults are 0b1111LL), S2WLK[8]
 * (stage-2 fault on the stage-1 walk), FSTAGE[9], LPAE[11]. 32-bit: F[0], FS[4:0] in [5:1], ExT[6].
 */
export function parFault(f: WalkFault, format64: boolean): ParValue {
  const a = faultToAbort(f, 0, false, false);
  if (format64) {
    let lo = 1 | (longFsc(a) << 1) | (1 << 11);
    if (f.stage === 2) lo |= 1 << 9;
    if (f.s1ptw) lo |= 1 << 8;
    return { lo: lo >>> 0, hi: 0 };
  }
  const fs = shortFs(a);
  return { lo: (1 | ((fs & 0x1f) << 1)) >>> 0, hi: 0 };
}

export { FaultType };

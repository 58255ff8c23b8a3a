// The MMU as the rest of the emulator sees it: translation for the CPU, TLB maintenance and
// address-translation operations for the system-register table (B3.18 TLB ops, B4.2.6 ATS ops).

import type { Access, AccessPL } from '../cpu/access';
import type { Translator } from '../cpu/cpu';

/** TLB maintenance operations (B4.2.3 Table B4-?; Hyp ops B4.1.?): names as in the manual. */
export type TlbiOp =
  | 'TLBIALL' | 'TLBIALLIS' | 'ITLBIALL' | 'DTLBIALL'
  | 'TLBIMVA' | 'TLBIMVAIS' | 'ITLBIMVA' | 'DTLBIMVA'
  | 'TLBIASID' | 'TLBIASIDIS' | 'ITLBIASID' | 'DTLBIASID'
  | 'TLBIMVAA' | 'TLBIMVAAIS'
  | 'TLBIALLH' | 'TLBIALLHIS' | 'TLBIMVAH' | 'TLBIMVAHIS'
  | 'TLBIALLNSNH' | 'TLBIALLNSNHIS';

/** Address translation operations writing PAR (B4.2.6). */
export type AtsOp =
  | 'ATS1CPR' | 'ATS1CPW' | 'ATS1CUR' | 'ATS1CUW'
  | 'ATS12NSOPR' | 'ATS12NSOPW' | 'ATS12NSOUR' | 'ATS12NSOUW'
  | 'ATS1HR' | 'ATS1HW';

export interface Mmu extends Translator {
  translate(va: number, acc: Access, pl: AccessPL): number;
  /** A TLB maintenance operation with its register argument (MVA/ASID), already past trap checks. */
  tlbMaintenance(op: TlbiOp, arg: number): void;
  /** Called after a write to any register that affects translation (SCTLR, TTBRx, TTBCR, HCR, VTTBR, ...). */
  translationRegsChanged(): void;
  /** Perform an address translation operation and write PAR (32- or 64-bit format as the manual says). */
  addressTranslate(op: AtsOp, va: number): void;
}

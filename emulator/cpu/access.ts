// Memory-access kinds passed from the CPU to the MMU (B3.12 "VMSA memory access control").

export const enum Access {
  Read = 0,
  Write = 1,
  Fetch = 2,
}

/** Privilege context of an access: PL0 for User mode and LDRT/STRT, 1 for PL1, 2 for Hyp. */
export type AccessPL = 0 | 1 | 2;

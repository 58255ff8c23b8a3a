// The debugger's view of the system-register table (emulator/sysregs/table.ts): lookups by name
// and by encoding, and the Hyp / guest grouping for the variables scopes. B3.17, B4.1.

import type { SysReg } from '../sysregs/types';
import { encKey } from '../sysregs/types';

export interface SysRegCatalog {
  readonly all: readonly SysReg[];
  byName(name: string): SysReg | undefined;
  byEncoding(cp: number, is64: boolean, opc1: number, crn: number, crm: number, opc2: number): SysReg | undefined;
}

/** Build the catalog over a register list (the table's export). */
export function makeCatalog(regs: readonly SysReg[]): SysRegCatalog {
  const names = new Map<string, SysReg>();
  const encs = new Map<number, SysReg>();
  for (const r of regs) {
    if (r.kind !== 'reg') continue;
    names.set(r.name.toUpperCase(), r);
    for (const a of r.aliases ?? []) if (!names.has(a.toUpperCase())) names.set(a.toUpperCase(), r);
    encs.set(encKey(r.cp, r.is64, r.opc1, r.crn, r.crm, r.opc2), r);
  }
  return {
    all: regs.filter((r) => r.kind === 'reg'),
    byName: (n) => names.get(n.toUpperCase()),
    byEncoding: (cp, is64, opc1, crn, crm, opc2) => encs.get(encKey(cp, is64, opc1, is64 ? 0 : crn, crm, is64 ? 0 : opc2)),
  };
}

/** Registers of the Hyp System Registers scope, in the order a hypervisor author reads them. */
export const HYP_SCOPE = [
  'HCR', 'HCPTR', 'HSTR', 'HDCR', 'HACR', 'HSR', 'HDFAR', 'HIFAR', 'HPFAR', 'HVBAR', 'HSCTLR', 'HACTLR', 'HTCR', 'HTTBR',
  'HMAIR0', 'HMAIR1', 'HAMAIR0', 'HAMAIR1', 'HADFSR', 'HAIFSR', 'HTPIDR', 'VTCR', 'VTTBR', 'VPIDR', 'VMPIDR',
  'CNTHCTL', 'CNTHP_CTL', 'CNTHP_CVAL', 'CNTVOFF',
];

/** Registers of the Guest (PL1) System Registers scope. */
export const GUEST_SCOPE = [
  'SCTLR', 'ACTLR', 'CPACR', 'TTBR0', 'TTBR1', 'TTBCR', 'DACR', 'PRRR', 'NMRR', 'MAIR0', 'MAIR1', 'AMAIR0', 'AMAIR1', 'VBAR',
  'DFSR', 'DFAR', 'IFSR', 'IFAR', 'ADFSR', 'AIFSR', 'PAR', 'CONTEXTIDR', 'TPIDRURW', 'TPIDRURO', 'TPIDRPRW',
  'CNTKCTL', 'CNTP_CTL', 'CNTP_CVAL', 'CNTV_CTL', 'CNTV_CVAL', 'CNTFRQ', 'MIDR', 'MPIDR', 'FPEXC',
];

// Semantics of MRC/MCR/MRRC/MCRR to CP14/CP15 through the system-register table, shared by the
// A32 and T32 decoders. B3.17 (CP15 access), B1.14 (Hyp traps), A8.8.98-A8.8.109.

import type { Cpu } from '../../cpu/cpu';
import type { SysReg } from '../../sysregs/types';
import { lookupSysReg32, lookupSysReg64 } from '../../sysregs/table';
import { takeUndefined } from '../../cpu/exceptions';
import { accessTraps, takeCpTrap } from '../../cpu/traps';

/**
 * Access checks in priority order (B3.17.1, QEMU access_check_cp_reg): no such register, Hyp-only
 * register below Hyp, wrong direction, PL0 not permitted → UNDEFINED (to PL1, or Hyp via HCR.TGE);
 * then HSTR / HCR / HDCR / HCPTR / CNTHCTL traps to Hyp. Returns true if the access may proceed.
 */
function checkAccess(cpu: Cpu, reg: SysReg | undefined, write: boolean): reg is SysReg {
  if (!reg) { takeUndefined(cpu); return false; }
  const pl = cpu.pl;
  if ((reg.minPl === 2 && pl < 2) || (write ? reg.access === 'r' : reg.access === 'w')) { takeUndefined(cpu); return false; }
  if (pl === 0) {
    const rule = reg.pl0;
    const ok = rule === 'rw' || (rule === 'r' && !write) || (rule === 'w' && write) || (typeof rule === 'function' && rule(cpu, write));
    if (!ok) { takeUndefined(cpu); return false; }
  }
  return true;
}

/** MRC p<cp>, opc1, Rt, CRn, CRm, opc2. Rt = 15 writes APSR.NZCV from bits [31:28]. */
export function doMrc(cpu: Cpu, cp: number, opc1: number, crn: number, crm: number, opc2: number, rt: number): void {
  const reg = lookupSysReg32(cp, opc1, crn, crm, opc2);
  if (!checkAccess(cpu, reg, false)) return;
  if (accessTraps(cpu, reg, false)) { takeCpTrap(cpu, cp, false, opc1, crn, crm, opc2, rt, 0, true); return; }
  const v = reg.read(cpu) >>> 0;
  if (rt === 15) {
    cpu.n = v >>> 31; cpu.z = (v >>> 30) & 1; cpu.c = (v >>> 29) & 1; cpu.v = (v >>> 28) & 1;
  } else cpu.r[rt] = v;
}

/** MCR p<cp>, opc1, Rt, CRn, CRm, opc2. */
export function doMcr(cpu: Cpu, cp: number, opc1: number, crn: number, crm: number, opc2: number, rt: number): void {
  const reg = lookupSysReg32(cp, opc1, crn, crm, opc2);
  if (!checkAccess(cpu, reg, true)) return;
  if (accessTraps(cpu, reg, true)) { takeCpTrap(cpu, cp, false, opc1, crn, crm, opc2, rt, 0, false); return; }
  reg.write(cpu, cpu.r[rt] >>> 0, 0);
}

/** MRRC p<cp>, opc1, Rt, Rt2, CRm: Rt = bits [31:0], Rt2 = bits [63:32]. */
export function doMrrc(cpu: Cpu, cp: number, opc1: number, crm: number, rt: number, rt2: number): void {
  const reg = lookupSysReg64(cp, opc1, crm);
  if (!checkAccess(cpu, reg, false)) return;
  if (accessTraps(cpu, reg, false)) { takeCpTrap(cpu, cp, true, opc1, 0, crm, 0, rt, rt2, true); return; }
  const lo = reg.read(cpu) >>> 0;
  const hi = reg.readHi(cpu) >>> 0;
  cpu.r[rt] = lo;
  cpu.r[rt2] = hi;
}

/** MCRR p<cp>, opc1, Rt, Rt2, CRm. */
export function doMcrr(cpu: Cpu, cp: number, opc1: number, crm: number, rt: number, rt2: number): void {
  const reg = lookupSysReg64(cp, opc1, crm);
  if (!checkAccess(cpu, reg, true)) return;
  if (accessTraps(cpu, reg, true)) { takeCpTrap(cpu, cp, true, opc1, 0, crm, 0, rt, rt2, false); return; }
  reg.write(cpu, cpu.r[rt] >>> 0, cpu.r[rt2] >>> 0);
}

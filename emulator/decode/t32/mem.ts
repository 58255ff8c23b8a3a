// T32 memory access kernels: sized loads with sign extension, LDM/STM/PUSH/POP bodies, and the
// Hyp data-abort syndrome for the T32 instruction being executed. ARM ARM A8.8 (loads/stores), B3.13.6.

import type { Cpu } from '../../cpu/cpu';

/** Load `size` bytes (unaligned allowed unless SCTLR.A, A3.2.1), sign-extending if asked. */
export function load(cpu: Cpu, addr: number, size: 1 | 2 | 4, signed: boolean): number {
  addr >>>= 0;
  if (size === 4) return cpu.read32(addr) >>> 0;
  if (size === 2) {
    const v = cpu.read16(addr);
    return signed ? ((v << 16) >> 16) >>> 0 : v;
  }
  const v = cpu.read8(addr);
  return signed ? ((v << 24) >> 24) >>> 0 : v;
}

export function store(cpu: Cpu, addr: number, size: 1 | 2 | 4, v: number): void {
  addr >>>= 0;
  if (size === 4) cpu.write32(addr, v >>> 0);
  else if (size === 2) cpu.write16(addr, v & 0xffff);
  else cpu.write8(addr, v & 0xff);
}

/** Unprivileged forms (LDRT etc., A8.8.92): a PL0 access. */
export function loadUser(cpu: Cpu, addr: number, size: 1 | 2 | 4, signed: boolean): number {
  const v = cpu.readUser(addr >>> 0, size);
  if (!signed || size === 4) return v >>> 0;
  return (size === 2 ? (v << 16) >> 16 : (v << 24) >> 24) >>> 0;
}

/** Load a destination register: loads to PC interwork (LoadWritePC, A2.3.1). */
export function setLoaded(cpu: Cpu, t: number, v: number): void {
  if (t === 15) cpu.loadWritePC(v >>> 0);
  else cpu.r[t] = v >>> 0;
}

/** Scratch for LDM: loaded values are held here until every access has succeeded. */
const scratch = new Uint32Array(16);

/**
 * LDM body (A8.8.58/A8.8.60 LDMIA/LDMDB, A8.8.131 POP): loads list from `start` upwards, then writes
 * the registers (so an abort changes nothing), writes back `wbValue` to Rn if `wb` and Rn is not in
 * the list, and loads PC last through LoadWritePC.
 */
export function ldm(cpu: Cpu, n: number, list: number, start: number, wb: boolean, wbValue: number): void {
  let a = start >>> 0;
  for (let r = 0; r < 16; r++) {
    if (list & (1 << r)) { scratch[r] = cpu.read32Aligned(a); a = (a + 4) >>> 0; }
  }
  if (wb && (list & (1 << n)) === 0) cpu.r[n] = wbValue >>> 0;
  for (let r = 0; r < 15; r++) if (list & (1 << r)) cpu.r[r] = scratch[r];
  if (list & 0x8000) cpu.loadWritePC(scratch[15]);
}

/** STM body (A8.8.199/A8.8.200 STMIA/STMDB, A8.8.133 PUSH): stores upwards from `start`. */
export function stm(cpu: Cpu, n: number, list: number, start: number, wb: boolean, wbValue: number): void {
  let a = start >>> 0;
  for (let r = 0; r < 16; r++) {
    if (list & (1 << r)) { cpu.write32Aligned(a, cpu.r[r]); a = (a + 4) >>> 0; }
  }
  if (wb) cpu.r[n] = wbValue >>> 0;
}

export function popcount16(x: number): number {
  let c = 0;
  for (x &= 0xffff; x !== 0; x &= x - 1) c++;
  return c;
}

/**
 * The T32 data-abort ISS (B3.13.6): for single loads/stores without writeback, ISV = 1 with the
 * access size (SAS), sign extension (SSE) and transfer register (SRT). The step function records
 * which instruction runs; handlers of qualifying encodings record the access.
 */
export const t32Iss = { size: 0, signed: 0, rt: 0, valid: false };

export function noteAccess(size: 1 | 2 | 4, signed: boolean, rt: number): void {
  t32Iss.valid = true;
  t32Iss.size = size;
  t32Iss.signed = signed ? 1 : 0;
  t32Iss.rt = rt;
}

/** ISS bits [24:16] for the current T32 instruction, or undefined when ISV = 0. */
export function t32DataAbortIss(): number | undefined {
  if (!t32Iss.valid) return undefined;
  const sas = t32Iss.size === 1 ? 0 : t32Iss.size === 2 ? 1 : 2;
  return ((1 << 24) | (sas << 22) | (t32Iss.signed << 21) | (t32Iss.rt << 16)) >>> 0;
}

// A32 synchronization primitives: LDREX/STREX (B, H, D variants), SWP/SWPB and CLREX, with the
// local exclusive monitor. ARM ARM A5.2.10, A3.4 (exclusive monitors), A8.8.32, A8.8.75-A8.8.78, A8.8.212-A8.8.215, A8.8.229.

import type { Cpu } from '../../cpu/cpu';
import type { InstrDef } from '../instr';
import { takeUndefined } from '../../cpu/exceptions';
import { reg } from './common';
import { fRn, fRt, mn, writeBase } from './ls-common';

/*
 * Local monitor model, as QEMU implements it (gen_load_exclusive / gen_store_exclusive):
 * - LDREX tags the *virtual* address and remembers the value it loaded;
 * - STREX passes only if the address (and here also the size) matches the tag and memory still
 *   holds the remembered value (QEMU does a compare-and-swap); pass or fail, the monitor opens;
 * - CLREX opens the monitor. A32 exception entry and return do not touch it (QEMU clears it only
 *   on AArch64 ERET; A3.4.1 leaves clearing on exception return IMPLEMENTATION DEFINED).
 * The remembered value lives here, keyed by core, until Cpu grows fields for it.
 */
const monitorValues = new WeakMap<Cpu, Uint32Array>();

function saved(cpu: Cpu): Uint32Array {
  let v = monitorValues.get(cpu);
  if (!v) {
    v = new Uint32Array(2);
    monitorValues.set(cpu, v);
  }
  return v;
}

/** Exclusive accesses are always alignment-checked to their size (A3.2.1; LDREXD/STREXD to 8). */
function checkAlign(cpu: Cpu, addr: number, size: number, write: boolean): void {
  if (size > 1 && (addr & (size - 1)) !== 0) throw cpu.alignmentFault(addr, write);
}

function readSized(cpu: Cpu, addr: number, size: 1 | 2 | 4): number {
  return size === 1 ? cpu.read8(addr) : size === 2 ? cpu.read16(addr) : cpu.read32(addr);
}

/**
 * LDREX{B,H,D}. Rt/Rn == PC and (D) odd Rt or Rt == LR are UNPREDICTABLE; QEMU UNDEFs (op_ldrex,
 * trans_LDREXD_a32), so do we.
 */
function loadExclusive(cpu: Cpu, insn: number, size: 1 | 2 | 4 | 8): void {
  const n = fRn(insn);
  const t = fRt(insn);
  if (n === 15 || t === 15 || (size === 8 && ((t & 1) !== 0 || t === 14))) {
    takeUndefined(cpu);
    return;
  }
  const addr = cpu.r[n];
  checkAlign(cpu, addr, size, false);
  let lo: number;
  let hi = 0;
  if (size === 8) {
    // Rt takes the word at the lower address whatever the endianness (A8.8.77).
    lo = cpu.read32(addr);
    hi = cpu.read32((addr + 4) >>> 0);
  } else {
    lo = readSized(cpu, addr, size);
  }
  const v = saved(cpu);
  v[0] = lo;
  v[1] = hi;
  cpu.exclusiveAddr = addr;
  cpu.exclusiveSize = size;
  cpu.r[t] = lo;
  if (size === 8) cpu.r[t + 1] = hi;
}

/**
 * STREX{B,H,D} Rd, Rt, [Rn]: Rd = 0 on success, 1 on failure. UNPREDICTABLE register choices
 * (any PC, Rd == Rn/Rt/Rt2, odd Rt or Rt == LR for D) UNDEF as in QEMU's op_strex.
 * The alignment check comes first (ExclusiveMonitorsPass, A3.4.5), so it faults even on failure.
 */
function storeExclusive(cpu: Cpu, insn: number, size: 1 | 2 | 4 | 8): void {
  const n = fRn(insn);
  const d = fRt(insn);
  const t = insn & 15;
  if (d === 15 || n === 15 || t === 15 || d === n || d === t ||
      (size === 8 && ((t & 1) !== 0 || t === 14 || d === t + 1))) {
    takeUndefined(cpu);
    return;
  }
  const addr = cpu.r[n];
  checkAlign(cpu, addr, size, true);
  let pass = cpu.exclusiveAddr === addr && cpu.exclusiveSize === size;
  if (pass) {
    const v = saved(cpu);
    if (size === 8) {
      pass = cpu.read32(addr) === v[0] && cpu.read32((addr + 4) >>> 0) === v[1];
      if (pass) {
        cpu.write32(addr, cpu.r[t]);
        cpu.write32((addr + 4) >>> 0, cpu.r[t + 1]);
      }
    } else {
      pass = readSized(cpu, addr, size) === v[0];
      if (pass) {
        const val = cpu.r[t];
        if (size === 1) cpu.write8(addr, val & 0xff);
        else if (size === 2) cpu.write16(addr, val & 0xffff);
        else cpu.write32(addr, val);
      }
    }
  }
  cpu.exclusiveAddr = -1;
  cpu.r[d] = pass ? 0 : 1;
}

/**
 * SWP/SWPB (A8.8.229): read then write at [Rn], old value to Rt. With the Multiprocessing
 * Extensions SCTLR.SW = 0 makes SWP UNDEFINED (B4.1.130); QEMU's cortex-a15 ignores SCTLR.SW and
 * always executes SWP (trans_SWP has no check), and so do we.
 */
export const SWP_HONOURS_SCTLR_SW = false;

function swap(cpu: Cpu, insn: number, byte: boolean): void {
  if (SWP_HONOURS_SCTLR_SW && (cpu.sys.sctlr & (1 << 10)) === 0) {
    takeUndefined(cpu);
    return;
  }
  const n = fRn(insn);
  const addr = cpu.r[n];
  const nv = cpu.r[insn & 15];
  let old: number;
  if (byte) {
    old = cpu.read8(addr);
    cpu.write8(addr, nv & 0xff);
  } else {
    // SWP uses MemA: word alignment is required (QEMU: MO_ALIGN).
    old = cpu.read32Aligned(addr);
    cpu.write32Aligned(addr, nv);
  }
  // Rt == PC is UNPREDICTABLE; QEMU's store_reg makes it a plain branch.
  writeBase(cpu, fRt(insn), old);
}

/**
 * objdump 2.40 prints only Rt for the doubleword form ("ldrexd r0, [r2]"), and for the word form
 * names Rt by number ("ldrex r10, [sl]": its table entry is "r%12-15d").
 */
const disLdrex = (name: string, numeric = false) => (insn: number): string =>
  `${mn(name, insn)}\t${numeric ? `r${fRt(insn)}` : reg(fRt(insn))}, [${reg(fRn(insn))}]`;

const disStrex = (name: string) => (insn: number): string =>
  `${mn(name, insn)}\t${reg(fRt(insn))}, ${reg(insn & 15)}, [${reg(fRn(insn))}]`;

const ldrexOk = (insn: number): boolean => fRn(insn) !== 15 && fRt(insn) !== 15;
const ldrexdOk = (insn: number): boolean => ldrexOk(insn) && (fRt(insn) & 1) === 0 && fRt(insn) !== 14;
const strexOk = (insn: number): boolean => {
  const d = fRt(insn);
  const t = insn & 15;
  const n = fRn(insn);
  return d !== 15 && n !== 15 && t !== 15 && d !== n && d !== t;
};
const strexdOk = (insn: number): boolean => {
  const t = insn & 15;
  return strexOk(insn) && (t & 1) === 0 && t !== 14 && fRt(insn) !== t + 1;
};

export const A32_LS_SYNC: readonly InstrDef[] = [
  {
    // SWP<c> <Rt>, <Rt2>, [<Rn>]  (A8.8.229 A1)
    name: 'SWP', pattern: 'cccc 0001 0000 nnnn tttt 0000 1001 mmmm',
    exec: (cpu, insn) => swap(cpu, insn, false),
    dis: (insn) => `${mn('swp', insn)}\t${reg(fRt(insn))}, ${reg(insn & 15)}, [${reg(fRn(insn))}]`,
    random: (insn) => swapOk(insn),
  },
  {
    // SWPB<c> <Rt>, <Rt2>, [<Rn>]  (A8.8.229 A1, B = 1)
    name: 'SWPB', pattern: 'cccc 0001 0100 nnnn tttt 0000 1001 mmmm',
    exec: (cpu, insn) => swap(cpu, insn, true),
    dis: (insn) => `${mn('swpb', insn)}\t${reg(fRt(insn))}, ${reg(insn & 15)}, [${reg(fRn(insn))}]`,
    random: (insn) => swapOk(insn),
  },
  {
    // STREX<c> <Rd>, <Rt>, [<Rn>]  (A8.8.212 A1)
    name: 'STREX', pattern: 'cccc 0001 1000 nnnn dddd 1111 1001 tttt',
    exec: (cpu, insn) => storeExclusive(cpu, insn, 4),
    dis: disStrex('strex'), random: strexOk,
  },
  {
    // LDREX<c> <Rt>, [<Rn>]  (A8.8.75 A1)
    name: 'LDREX', pattern: 'cccc 0001 1001 nnnn tttt 1111 1001 1111',
    exec: (cpu, insn) => loadExclusive(cpu, insn, 4),
    dis: disLdrex('ldrex', true), random: ldrexOk,
  },
  {
    // STREXD<c> <Rd>, <Rt>, <Rt2>, [<Rn>]  (A8.8.214 A1); objdump prints Rd, Rt only
    name: 'STREXD', pattern: 'cccc 0001 1010 nnnn dddd 1111 1001 tttt',
    exec: (cpu, insn) => storeExclusive(cpu, insn, 8),
    dis: disStrex('strexd'), random: strexdOk,
  },
  {
    // LDREXD<c> <Rt>, <Rt2>, [<Rn>]  (A8.8.77 A1)
    name: 'LDREXD', pattern: 'cccc 0001 1011 nnnn tttt 1111 1001 1111',
    exec: (cpu, insn) => loadExclusive(cpu, insn, 8),
    dis: disLdrex('ldrexd'), random: ldrexdOk,
  },
  {
    // STREXB<c> <Rd>, <Rt>, [<Rn>]  (A8.8.213 A1)
    name: 'STREXB', pattern: 'cccc 0001 1100 nnnn dddd 1111 1001 tttt',
    exec: (cpu, insn) => storeExclusive(cpu, insn, 1),
    dis: disStrex('strexb'), random: strexOk,
  },
  {
    // LDREXB<c> <Rt>, [<Rn>]  (A8.8.76 A1)
    name: 'LDREXB', pattern: 'cccc 0001 1101 nnnn tttt 1111 1001 1111',
    exec: (cpu, insn) => loadExclusive(cpu, insn, 1),
    dis: disLdrex('ldrexb'), random: ldrexOk,
  },
  {
    // STREXH<c> <Rd>, <Rt>, [<Rn>]  (A8.8.215 A1)
    name: 'STREXH', pattern: 'cccc 0001 1110 nnnn dddd 1111 1001 tttt',
    exec: (cpu, insn) => storeExclusive(cpu, insn, 2),
    dis: disStrex('strexh'), random: strexOk,
  },
  {
    // LDREXH<c> <Rt>, [<Rn>]  (A8.8.78 A1)
    name: 'LDREXH', pattern: 'cccc 0001 1111 nnnn tttt 1111 1001 1111',
    exec: (cpu, insn) => loadExclusive(cpu, insn, 2),
    dis: disLdrex('ldrexh'), random: ldrexOk,
  },
  {
    // CLREX  (A8.8.32 A1): unconditional space; opens the local monitor.
    name: 'CLREX', pattern: '1111 0101 0111 1111 1111 0000 0001 1111',
    exec: (cpu) => { cpu.exclusiveAddr = -1; },
    dis: () => 'clrex',
  },
];

function swapOk(insn: number): boolean {
  const n = fRn(insn);
  const t = fRt(insn);
  const t2 = insn & 15;
  return t !== 15 && t2 !== 15 && n !== 15 && n !== t && n !== t2;
}

// ONE table of the Cortex-A15 (VE + LPAE) CP15 registers and the CP14 debug registers that HDCR
// traps guard: encoding, access, reset, fields, behaviour, trap rules. B3.17, B4.1, B4.2, C11.

import type { Cpu } from '../cpu/cpu';
import type { SysRegState } from './state';
import { encKey, type BitField, type Pl0Rule, type RegKind, type SysReg, type TrapRule } from './types';
import { timerHooks, TimerId, virtualCountHi, virtualCountLo } from './timer-hooks';
import { hi32, lo32 } from './u64';
import { readIsr } from './isr';
import type { AtsOp, TlbiOp } from '../mmu/api';
import * as F from './fields';

type NumKey = Exclude<{ [K in keyof SysRegState]: SysRegState[K] extends number ? K : never }[keyof SysRegState], 'vmid'>;

interface Spec {
  name: string;
  cp?: 14 | 15;
  opc1: number;
  crn?: number;
  crm: number;
  opc2?: number;
  desc: string;
  access?: 'rw' | 'r' | 'w';
  hyp?: boolean;
  pl0?: Pl0Rule;
  kind?: RegKind;
  reset?: number;
  resetHi?: number;
  fields?: readonly BitField[];
  traps?: readonly TrapRule[];
  aliases?: readonly string[];
  /** Backing field in cpu.sys (32-bit), with an optional write mask. */
  field?: NumKey;
  mask?: number;
  /** After a write: the MMU must re-evaluate translation; 'hcr' additionally raises attention. */
  effect?: 'mmu' | 'hcr';
  read?: (cpu: Cpu) => number;
  readHi?: (cpu: Cpu) => number;
  write?: (cpu: Cpu, v: number, hi: number) => void;
}

const zero = (): number => 0;
const ignore = (): void => {};

function build(s: Spec, is64: boolean): SysReg {
  const key = s.field;
  const mask = s.mask ?? 0xffffffff;
  let read = s.read;
  let write = s.write;
  if (!read) read = key ? (cpu: Cpu): number => cpu.sys[key] >>> 0 : zero;
  if (!write) {
    if (key) {
      write = (cpu: Cpu, v: number): void => {
        const sys = cpu.sys;
        sys[key] = ((sys[key] & ~mask) | (v & mask)) >>> 0;
      };
    } else write = ignore;
  }
  if (s.effect) {
    const inner = write;
    const hcr = s.effect === 'hcr';
    write = (cpu: Cpu, v: number, hi: number): void => {
      inner(cpu, v, hi);
      cpu.mmu.translationRegsChanged();
      if (hcr) cpu.attention = true; // HCR.VI/VF/VA/IMO/FMO change which interrupts are taken
    };
  }
  return {
    name: s.name, aliases: s.aliases, cp: s.cp ?? 15, is64, opc1: s.opc1, crn: is64 ? 0 : s.crn ?? 0, crm: s.crm,
    opc2: is64 ? 0 : s.opc2 ?? 0, width: is64 ? 64 : 32, kind: s.kind ?? 'reg', access: s.access ?? (s.kind === 'op' ? 'w' : 'rw'),
    minPl: s.hyp ? 2 : 1, pl0: s.pl0 ?? 'none', reset: s.reset ?? 0, resetHi: s.resetHi ?? 0, fields: s.fields ?? [],
    description: s.desc, traps: s.traps ?? [], read, readHi: s.readHi ?? zero, write,
  };
}

const r32 = (s: Spec): SysReg => build(s, false);
const r64 = (s: Spec): SysReg => build(s, true);

/** A 64-bit register kept as two 32-bit fields. */
function pair(lo: NumKey, hi: NumKey): Pick<Spec, 'read' | 'readHi' | 'write'> {
  return {
    read: (cpu) => cpu.sys[lo] >>> 0,
    readHi: (cpu) => cpu.sys[hi] >>> 0,
    write: (cpu, v, h) => { cpu.sys[lo] = v >>> 0; cpu.sys[hi] = h >>> 0; },
  };
}


const tlbi = (op: TlbiOp) => (cpu: Cpu, v: number): void => cpu.mmu.tlbMaintenance(op, v >>> 0);
const ats = (op: AtsOp) => (cpu: Cpu, v: number): void => cpu.mmu.addressTranslate(op, v >>> 0);

// Trap rule shorthands.
const TVM: TrapRule[] = [{ hcr: 'TVM', on: 'write' }];
const TPM: TrapRule[] = [{ hdcr: 'TPM' }];
const TDA: TrapRule[] = [{ hdcr: 'TDA' }];
const TDOSA: TrapRule[] = [{ hdcr: 'TDOSA' }];
const TTLB: TrapRule[] = [{ hcr: 'TTLB' }];
// Architectural traps (B1.14, HCR in B4.1). `qemu: false` marks those QEMU 7.2 lacks for AArch32; they
// are enforced (traps.ts) and exercised by test/guests/ve-arch/ (DEVIATIONS.md section 5).
// TSW: the set/way data cache operations DCISW, DCCSW, DCCISW.
// TPC: the data cache operations to the Point of Coherency by MVA: DCIMVAC, DCCMVAC, DCCIMVAC.
// TPU: the operations to the Point of Unification: ICIMVAU, ICIALLU, ICIALLUIS, DCCMVAU (not BPI*).
// TID3: ID_PFR0/1, ID_DFR0, ID_AFR0, ID_MMFR0-3, ID_ISAR0-5 (and VMRS MVFR0/1, decode/a32/sys-vfp.ts).
// TIDCP: the IMPLEMENTATION DEFINED lockdown/DMA/TCM space, any opc1/opc2, CRn = c9 with CRm = c0-c2,
// c5-c8; CRn = c10 with CRm = c0, c1, c4, c8; CRn = c11 with CRm = c0-c8, c15. Of the A15 registers
// we model only L2CTLR and L2ECTLR (c9, 1, c0) fall in it; CBAR (c15) does not.
const TSW: TrapRule[] = [{ hcr: 'TSW', qemu: false }];
const TPC: TrapRule[] = [{ hcr: 'TPC', qemu: false }];
const TPU: TrapRule[] = [{ hcr: 'TPU', qemu: false }];
const TID3: TrapRule[] = [{ hcr: 'TID3', qemu: false }];
const TIDCP: TrapRule[] = [{ hcr: 'TIDCP', qemu: false }];

// PL0 conditions (B8.1.4 CNTKCTL, C12.7 PMUSERENR).
const pl0Pct: Pl0Rule = (cpu) => (cpu.sys.cntkctl & 1) !== 0;
const pl0Vct: Pl0Rule = (cpu) => (cpu.sys.cntkctl & 2) !== 0;
const pl0Frq: Pl0Rule = (cpu, w) => !w && (cpu.sys.cntkctl & 3) !== 0;
const pl0Pt: Pl0Rule = (cpu) => (cpu.sys.cntkctl & (1 << 9)) !== 0;
const pl0Vt: Pl0Rule = (cpu) => (cpu.sys.cntkctl & (1 << 8)) !== 0;
const pl0Pmu: Pl0Rule = (cpu) => (cpu.sys.pmuserenr & 1) !== 0;

/** Cache size ID per CSSELR as QEMU's cortex-a15 reports it: L1D, L1I, L2 unified. */
const CCSIDR = [0x701fe00a, 0x201fe00a, 0x711fe07a];

// NS PL1 reads of MIDR/MPIDR return VPIDR/VMPIDR (B4.1.105, B4.1.106); Hyp sees the real values.
const readMidr = (cpu: Cpu): number => (cpu.pl === 2 ? cpu.sys.midr : cpu.sys.vpidr) >>> 0;
const readMpidr = (cpu: Cpu): number => (cpu.pl === 2 ? cpu.sys.mpidr : cpu.sys.vmpidr) >>> 0;

const T = timerHooks;
const ctl = (t: TimerId): Pick<Spec, 'read' | 'write'> => ({ read: (c) => T.regs.readCtl(c, t), write: (c, v) => T.regs.writeCtl(c, t, v) });
const tval = (t: TimerId): Pick<Spec, 'read' | 'write'> => ({ read: (c) => T.regs.readTval(c, t), write: (c, v) => T.regs.writeTval(c, t, v) });
// 64-bit timer registers move as exact (lo, hi) words (B8.2; a JS number drops bits above 2^53).
const cval = (t: TimerId): Pick<Spec, 'read' | 'readHi' | 'write'> => ({
  read: (c) => T.regs.readCval(c, t) >>> 0,
  readHi: (c) => T.regs.readCvalHi(c, t) >>> 0,
  write: (c, v, h) => T.regs.writeCval(c, t, v >>> 0, h >>> 0),
});
const cntpct: Pick<Spec, 'read' | 'readHi'> = { read: (c) => lo32(T.regs.readCounter(c)), readHi: (c) => hi32(T.regs.readCounter(c)) };
const cntvct: Pick<Spec, 'read' | 'readHi'> = { read: (c) => virtualCountLo(T.regs, c), readHi: (c) => virtualCountHi(T.regs, c) };
const cntvoff: Pick<Spec, 'read' | 'readHi' | 'write'> = {
  read: (c) => T.regs.readCntvoff(c) >>> 0,
  readHi: (c) => T.regs.readCntvoffHi(c) >>> 0,
  write: (c, v, h) => T.regs.writeCntvoff(c, v >>> 0, h >>> 0),
};

const pmxev = (arr: 'pmxevtyper' | 'pmxevcntr'): Pick<Spec, 'read' | 'write'> => ({
  read: (c) => c.sys[arr][c.sys.pmselr & 31],
  write: (c, v) => { c.sys[arr][c.sys.pmselr & 31] = v >>> 0; },
});

function dbgArray(name: string, arr: 'dbgbvr' | 'dbgbcr' | 'dbgwvr' | 'dbgwcr', opc2: number, n: number, desc: string): SysReg[] {
  const out: SysReg[] = [];
  for (let i = 0; i < n; i++) {
    out.push(r32({
      name: `${name}${i}`, cp: 14, opc1: 0, crn: 0, crm: i, opc2, desc: `${desc} ${i}`, traps: TDA,
      read: (c) => c.sys[arr][i], write: (c, v) => { c.sys[arr][i] = v >>> 0; },
    }));
  }
  return out;
}

export const SYSREGS: readonly SysReg[] = [
  // ---- c0: identification (B4.1.105 MIDR ..., values from QEMU 7.2 cortex-a15) ----
  r32({ name: 'MIDR', opc1: 0, crn: 0, crm: 0, opc2: 0, access: 'r', desc: 'Main ID (PL1 reads VPIDR)', read: readMidr, reset: 0x414fc0f0, fields: F.F_MIDR }),
  r32({ name: 'CTR', opc1: 0, crn: 0, crm: 0, opc2: 1, access: 'r', desc: 'Cache Type', reset: 0x8444c004, read: () => 0x8444c004, fields: F.F_CTR, traps: [{ hcr: 'TID2' }] }),
  r32({ name: 'TCMTR', opc1: 0, crn: 0, crm: 0, opc2: 2, access: 'r', desc: 'TCM Type (no TCMs)', traps: [{ hcr: 'TID1', qemu: false }] }),
  r32({ name: 'TLBTR', opc1: 0, crn: 0, crm: 0, opc2: 3, access: 'r', desc: 'TLB Type (unified)', traps: [{ hcr: 'TID1', qemu: false }] }),
  // c0,c0,4 and c0,c0,7 alias MIDR in ARMv7 (B4.1.105); QEMU also aliases c0,c0,6 (REVIDR) to MIDR.
  r32({ name: 'MIDR_ALIAS4', opc1: 0, crn: 0, crm: 0, opc2: 4, access: 'r', desc: 'alias of MIDR', read: readMidr, reset: 0x414fc0f0 }),
  r32({ name: 'MPIDR', opc1: 0, crn: 0, crm: 0, opc2: 5, access: 'r', desc: 'Multiprocessor Affinity (PL1 reads VMPIDR)', read: readMpidr, reset: 0x80000000, fields: F.F_MPIDR }),
  r32({ name: 'REVIDR', opc1: 0, crn: 0, crm: 0, opc2: 6, access: 'r', desc: 'Revision ID (QEMU 7.2: reads as MIDR)', read: readMidr, reset: 0x414fc0f0, traps: [{ hcr: 'TID1', qemu: false }] }),
  r32({ name: 'MIDR_ALIAS7', opc1: 0, crn: 0, crm: 0, opc2: 7, access: 'r', desc: 'alias of MIDR', read: readMidr, reset: 0x414fc0f0 }),
  ...([
    ['ID_PFR0', 1, 0, 0x00001131, 'Processor Feature 0'], ['ID_PFR1', 1, 1, 0x00011001, 'Processor Feature 1 (Virtualization, GenTimer)'],
    ['ID_DFR0', 1, 2, 0x02010505, 'Debug Feature 0'], ['ID_AFR0', 1, 3, 0, 'Auxiliary Feature 0'],
    ['ID_MMFR0', 1, 4, 0x10201105, 'Memory Model Feature 0'], ['ID_MMFR1', 1, 5, 0x20000000, 'Memory Model Feature 1'],
    ['ID_MMFR2', 1, 6, 0x01240000, 'Memory Model Feature 2'], ['ID_MMFR3', 1, 7, 0x02102211, 'Memory Model Feature 3'],
    ['ID_ISAR0', 2, 0, 0x02101110, 'Instruction Set Attribute 0'], ['ID_ISAR1', 2, 1, 0x13112111, 'Instruction Set Attribute 1'],
    ['ID_ISAR2', 2, 2, 0x21232041, 'Instruction Set Attribute 2'], ['ID_ISAR3', 2, 3, 0x11112131, 'Instruction Set Attribute 3'],
    ['ID_ISAR4', 2, 4, 0x10011142, 'Instruction Set Attribute 4'], ['ID_ISAR5', 2, 5, 0, 'Instruction Set Attribute 5'],
  ] as const).map(([name, crm, opc2, v, desc]) => r32({ name, opc1: 0, crn: 0, crm, opc2, access: 'r', desc, reset: v, read: () => v, traps: TID3 })),
  r32({ name: 'CCSIDR', opc1: 1, crn: 0, crm: 0, opc2: 0, access: 'r', desc: 'Cache Size ID (selected by CSSELR)', fields: F.F_CCSIDR, traps: [{ hcr: 'TID2' }], reset: CCSIDR[0], read: (c) => CCSIDR[c.sys.csselr] ?? 0 }),
  r32({ name: 'CLIDR', opc1: 1, crn: 0, crm: 0, opc2: 1, access: 'r', desc: 'Cache Level ID', reset: 0x0a200023, read: () => 0x0a200023, traps: [{ hcr: 'TID2' }] }),
  r32({ name: 'AIDR', opc1: 1, crn: 0, crm: 0, opc2: 7, access: 'r', desc: 'Auxiliary ID', traps: [{ hcr: 'TID1' }] }),
  r32({ name: 'CSSELR', opc1: 2, crn: 0, crm: 0, opc2: 0, desc: 'Cache Size Selection', field: 'csselr', mask: 0xf, fields: F.F_CSSELR, traps: [{ hcr: 'TID2' }] }),
  r32({ name: 'VPIDR', opc1: 4, crn: 0, crm: 0, opc2: 0, hyp: true, desc: 'Virtualization Processor ID (MIDR seen by PL1)', field: 'vpidr', reset: 0x414fc0f0, fields: F.F_MIDR }),
  r32({ name: 'VMPIDR', opc1: 4, crn: 0, crm: 0, opc2: 5, hyp: true, desc: 'Virtualization Multiprocessor ID (MPIDR seen by PL1)', field: 'vmpidr', reset: 0x80000000, fields: F.F_MPIDR }),

  // ---- c1: system control ----
  r32({ name: 'SCTLR', opc1: 0, crn: 1, crm: 0, opc2: 0, desc: 'System Control', field: 'sctlr', reset: 0x00c50078, fields: F.F_SCTLR, traps: TVM, effect: 'mmu' }),
  r32({ name: 'ACTLR', opc1: 0, crn: 1, crm: 0, opc2: 1, desc: 'Auxiliary Control (QEMU: RAZ/WI)', traps: [{ hcr: 'TAC' }] }),
  r32({ name: 'CPACR', opc1: 0, crn: 1, crm: 0, opc2: 2, desc: 'Coprocessor Access Control', field: 'cpacr', mask: 0xc0f00000, fields: F.F_CPACR, traps: [{ hcptr: 'TCPAC', qemu: false }] }),
  r32({ name: 'HSCTLR', opc1: 4, crn: 1, crm: 0, opc2: 0, hyp: true, desc: 'Hyp System Control', field: 'hsctlr', fields: F.F_HSCTLR, effect: 'mmu' }),
  r32({ name: 'HACTLR', opc1: 4, crn: 1, crm: 0, opc2: 1, hyp: true, desc: 'Hyp Auxiliary Control (RAZ/WI)' }),
  r32({ name: 'HCR', opc1: 4, crn: 1, crm: 1, opc2: 0, hyp: true, desc: 'Hyp Configuration', field: 'hcr', mask: 0x0fffffff, fields: F.F_HCR, effect: 'hcr' }),
  r32({ name: 'HDCR', opc1: 4, crn: 1, crm: 1, opc2: 1, hyp: true, desc: 'Hyp Debug Configuration', field: 'hdcr', reset: 6, fields: F.F_HDCR }),
  r32({ name: 'HCPTR', opc1: 4, crn: 1, crm: 1, opc2: 2, hyp: true, desc: 'Hyp Coprocessor Trap', field: 'hcptr', fields: F.F_HCPTR }),
  r32({ name: 'HSTR', opc1: 4, crn: 1, crm: 1, opc2: 3, hyp: true, desc: 'Hyp System Trap', field: 'hstr', fields: F.F_HSTR }),
  r32({ name: 'HACR', opc1: 4, crn: 1, crm: 1, opc2: 7, hyp: true, desc: 'Hyp Auxiliary Configuration (RAZ/WI)' }),

  // ---- c2, c3: translation table control ----
  r32({ name: 'TTBR0', opc1: 0, crn: 2, crm: 0, opc2: 0, desc: 'Translation Table Base 0 (32-bit view)', field: 'ttbr0Lo', traps: TVM, effect: 'mmu' }),
  r32({ name: 'TTBR1', opc1: 0, crn: 2, crm: 0, opc2: 1, desc: 'Translation Table Base 1 (32-bit view)', field: 'ttbr1Lo', traps: TVM, effect: 'mmu' }),
  // QEMU 7.2 cortex-a15: a write with EAE = 0 keeps only N (PD0/PD1 and the LPAE fields RAZ/WI, seen
  // on QEMU: 0x7fffffff reads back 0x7); with EAE = 1 bits [21:19], [15:14], [6:3] are UNK/SBZP (B4.1.153).
  r32({ name: 'TTBCR', opc1: 0, crn: 2, crm: 0, opc2: 2, desc: 'Translation Table Base Control', field: 'ttbcr', write: (cpu, v) => { cpu.sys.ttbcr = (v >>> 31 ? v & 0xffc73f87 : v & 7) >>> 0; }, fields: F.F_TTBCR, traps: TVM, effect: 'mmu' }),
  r32({ name: 'HTCR', opc1: 4, crn: 2, crm: 0, opc2: 2, hyp: true, desc: 'Hyp Translation Control', field: 'htcr', fields: F.F_HTCR, effect: 'mmu' }),
  r32({ name: 'VTCR', opc1: 4, crn: 2, crm: 1, opc2: 2, hyp: true, desc: 'Virtualization Translation Control', field: 'vtcr', fields: F.F_VTCR, effect: 'mmu' }),
  r64({ name: 'TTBR0_64', aliases: ['TTBR0'], opc1: 0, crm: 2, desc: 'Translation Table Base 0 (64-bit)', ...pair('ttbr0Lo', 'ttbr0Hi'), fields: F.F_TTBR64, traps: TVM, effect: 'mmu' }),
  r64({ name: 'TTBR1_64', aliases: ['TTBR1'], opc1: 1, crm: 2, desc: 'Translation Table Base 1 (64-bit)', ...pair('ttbr1Lo', 'ttbr1Hi'), fields: F.F_TTBR64, traps: TVM, effect: 'mmu' }),
  r64({ name: 'HTTBR', opc1: 4, crm: 2, hyp: true, desc: 'Hyp Translation Table Base', ...pair('httbrLo', 'httbrHi'), fields: F.F_HTTBR, effect: 'mmu' }),
  r64({ name: 'VTTBR', opc1: 6, crm: 2, hyp: true, desc: 'Virtualization Translation Table Base', ...pair('vttbrLo', 'vttbrHi'), fields: F.F_VTTBR, effect: 'mmu' }),
  r32({ name: 'DACR', opc1: 0, crn: 3, crm: 0, opc2: 0, desc: 'Domain Access Control', field: 'dacr', fields: F.F_DACR, traps: TVM, effect: 'mmu' }),

  // ---- c5, c6: fault status and address ----
  r32({ name: 'DFSR', opc1: 0, crn: 5, crm: 0, opc2: 0, desc: 'Data Fault Status', field: 'dfsr', fields: F.F_FSR_SHORT, traps: TVM }),
  r32({ name: 'IFSR', opc1: 0, crn: 5, crm: 0, opc2: 1, desc: 'Instruction Fault Status', field: 'ifsr', fields: F.F_FSR_SHORT, traps: TVM }),
  r32({ name: 'ADFSR', opc1: 0, crn: 5, crm: 1, opc2: 0, desc: 'Auxiliary Data Fault Status (RAZ/WI)', traps: TVM }),
  r32({ name: 'AIFSR', opc1: 0, crn: 5, crm: 1, opc2: 1, desc: 'Auxiliary Instruction Fault Status (RAZ/WI)', traps: TVM }),
  r32({ name: 'HADFSR', opc1: 4, crn: 5, crm: 1, opc2: 0, hyp: true, desc: 'Hyp Auxiliary Data Fault Status (RAZ/WI)' }),
  r32({ name: 'HAIFSR', opc1: 4, crn: 5, crm: 1, opc2: 1, hyp: true, desc: 'Hyp Auxiliary Instruction Fault Status (RAZ/WI)' }),
  r32({ name: 'HSR', opc1: 4, crn: 5, crm: 2, opc2: 0, hyp: true, desc: 'Hyp Syndrome', field: 'hsr', fields: F.F_HSR }),
  r32({ name: 'DFAR', opc1: 0, crn: 6, crm: 0, opc2: 0, desc: 'Data Fault Address', field: 'dfar', traps: TVM }),
  r32({ name: 'IFAR', opc1: 0, crn: 6, crm: 0, opc2: 2, desc: 'Instruction Fault Address', field: 'ifar', traps: TVM }),
  r32({ name: 'HDFAR', opc1: 4, crn: 6, crm: 0, opc2: 0, hyp: true, desc: 'Hyp Data Fault Address', field: 'hdfar' }),
  r32({ name: 'HIFAR', opc1: 4, crn: 6, crm: 0, opc2: 2, hyp: true, desc: 'Hyp Instruction Fault Address', field: 'hifar' }),
  r32({ name: 'HPFAR', opc1: 4, crn: 6, crm: 0, opc2: 4, hyp: true, desc: 'Hyp IPA Fault Address', field: 'hpfar', fields: F.F_HPFAR }),

  // ---- c7: cache maintenance, address translation, legacy barriers (B4.2.1, B4.2.6) ----
  r32({ name: 'ICIALLUIS', opc1: 0, crn: 7, crm: 1, opc2: 0, kind: 'op', desc: 'Invalidate all I-caches to PoU, IS', traps: TPU }),
  r32({ name: 'BPIALLIS', opc1: 0, crn: 7, crm: 1, opc2: 6, kind: 'op', desc: 'Invalidate all branch predictors, IS' }),
  r32({ name: 'PAR', opc1: 0, crn: 7, crm: 4, opc2: 0, desc: 'Physical Address (32-bit view)', field: 'parLo', fields: F.F_PAR32 }),
  r64({ name: 'PAR_64', aliases: ['PAR'], opc1: 0, crm: 7, desc: 'Physical Address (64-bit)', ...pair('parLo', 'parHi'), fields: F.F_PAR64 }),
  r32({ name: 'ICIALLU', opc1: 0, crn: 7, crm: 5, opc2: 0, kind: 'op', desc: 'Invalidate all I-caches to PoU', traps: TPU }),
  r32({ name: 'ICIMVAU', opc1: 0, crn: 7, crm: 5, opc2: 1, kind: 'op', desc: 'Invalidate I-cache line by MVA to PoU', traps: TPU }),
  r32({ name: 'CP15ISB', opc1: 0, crn: 7, crm: 5, opc2: 4, kind: 'op', pl0: 'w', desc: 'Instruction Synchronization Barrier (legacy)' }),
  r32({ name: 'BPIALL', opc1: 0, crn: 7, crm: 5, opc2: 6, kind: 'op', desc: 'Invalidate all branch predictors' }),
  r32({ name: 'BPIMVA', opc1: 0, crn: 7, crm: 5, opc2: 7, kind: 'op', desc: 'Invalidate branch predictor by MVA' }),
  r32({ name: 'DCIMVAC', opc1: 0, crn: 7, crm: 6, opc2: 1, kind: 'op', desc: 'Invalidate D-cache line by MVA to PoC', traps: TPC }),
  r32({ name: 'DCISW', opc1: 0, crn: 7, crm: 6, opc2: 2, kind: 'op', desc: 'Invalidate D-cache line by set/way', traps: TSW }),
  r32({ name: 'ATS1CPR', opc1: 0, crn: 7, crm: 8, opc2: 0, kind: 'op', desc: 'Stage-1 PL1 read translation', write: ats('ATS1CPR') }),
  r32({ name: 'ATS1CPW', opc1: 0, crn: 7, crm: 8, opc2: 1, kind: 'op', desc: 'Stage-1 PL1 write translation', write: ats('ATS1CPW') }),
  r32({ name: 'ATS1CUR', opc1: 0, crn: 7, crm: 8, opc2: 2, kind: 'op', desc: 'Stage-1 PL0 read translation', write: ats('ATS1CUR') }),
  r32({ name: 'ATS1CUW', opc1: 0, crn: 7, crm: 8, opc2: 3, kind: 'op', desc: 'Stage-1 PL0 write translation', write: ats('ATS1CUW') }),
  r32({ name: 'ATS12NSOPR', opc1: 0, crn: 7, crm: 8, opc2: 4, kind: 'op', hyp: true, desc: 'Stages 1+2 NS PL1 read translation (Hyp only)', write: ats('ATS12NSOPR') }),
  r32({ name: 'ATS12NSOPW', opc1: 0, crn: 7, crm: 8, opc2: 5, kind: 'op', hyp: true, desc: 'Stages 1+2 NS PL1 write translation (Hyp only)', write: ats('ATS12NSOPW') }),
  r32({ name: 'ATS12NSOUR', opc1: 0, crn: 7, crm: 8, opc2: 6, kind: 'op', hyp: true, desc: 'Stages 1+2 NS PL0 read translation (Hyp only)', write: ats('ATS12NSOUR') }),
  r32({ name: 'ATS12NSOUW', opc1: 0, crn: 7, crm: 8, opc2: 7, kind: 'op', hyp: true, desc: 'Stages 1+2 NS PL0 write translation (Hyp only)', write: ats('ATS12NSOUW') }),
  r32({ name: 'DCCMVAC', opc1: 0, crn: 7, crm: 10, opc2: 1, kind: 'op', desc: 'Clean D-cache line by MVA to PoC', traps: TPC }),
  r32({ name: 'DCCSW', opc1: 0, crn: 7, crm: 10, opc2: 2, kind: 'op', desc: 'Clean D-cache line by set/way', traps: TSW }),
  r32({ name: 'CP15DSB', opc1: 0, crn: 7, crm: 10, opc2: 4, kind: 'op', pl0: 'w', desc: 'Data Synchronization Barrier (legacy)' }),
  r32({ name: 'CP15DMB', opc1: 0, crn: 7, crm: 10, opc2: 5, kind: 'op', pl0: 'w', desc: 'Data Memory Barrier (legacy)' }),
  r32({ name: 'DCCMVAU', opc1: 0, crn: 7, crm: 11, opc2: 1, kind: 'op', desc: 'Clean D-cache line by MVA to PoU', traps: TPU }),
  r32({ name: 'DCCIMVAC', opc1: 0, crn: 7, crm: 14, opc2: 1, kind: 'op', desc: 'Clean and invalidate D-cache line by MVA to PoC', traps: TPC }),
  r32({ name: 'DCCISW', opc1: 0, crn: 7, crm: 14, opc2: 2, kind: 'op', desc: 'Clean and invalidate D-cache line by set/way', traps: TSW }),
  r32({ name: 'ATS1HR', opc1: 4, crn: 7, crm: 8, opc2: 0, kind: 'op', hyp: true, desc: 'Hyp stage-1 read translation', write: ats('ATS1HR') }),
  r32({ name: 'ATS1HW', opc1: 4, crn: 7, crm: 8, opc2: 1, kind: 'op', hyp: true, desc: 'Hyp stage-1 write translation', write: ats('ATS1HW') }),

  // ---- c8: TLB maintenance (B4.2.3); PL1 ops act on the current VMID, also from Hyp ----
  ...([
    ['TLBIALLIS', 3, 0], ['TLBIMVAIS', 3, 1], ['TLBIASIDIS', 3, 2], ['TLBIMVAAIS', 3, 3],
    ['ITLBIALL', 5, 0], ['ITLBIMVA', 5, 1], ['ITLBIASID', 5, 2],
    ['DTLBIALL', 6, 0], ['DTLBIMVA', 6, 1], ['DTLBIASID', 6, 2],
    ['TLBIALL', 7, 0], ['TLBIMVA', 7, 1], ['TLBIASID', 7, 2], ['TLBIMVAA', 7, 3],
  ] as const).map(([name, crm, opc2]) => r32({ name, opc1: 0, crn: 8, crm, opc2, kind: 'op', desc: `TLB maintenance ${name}`, traps: TTLB, write: tlbi(name) })),
  ...([
    ['TLBIALLHIS', 3, 0], ['TLBIMVAHIS', 3, 1], ['TLBIALLNSNHIS', 3, 4],
    ['TLBIALLH', 7, 0], ['TLBIMVAH', 7, 1], ['TLBIALLNSNH', 7, 4],
  ] as const).map(([name, crm, opc2]) => r32({ name, opc1: 4, crn: 8, crm, opc2, kind: 'op', hyp: true, desc: `Hyp TLB maintenance ${name}`, write: tlbi(name) })),

  // ---- c9: performance monitors (C12.8) and L2 control (A15 TRM 4.3) ----
  r32({ name: 'PMCR', opc1: 0, crn: 9, crm: 12, opc2: 0, pl0: pl0Pmu, desc: 'Performance Monitors Control', field: 'pmcr', mask: 0x3f, reset: 0x410f3000, traps: [{ hdcr: 'TPM' }, { hdcr: 'TPMCR', qemu: false }] }),
  r32({ name: 'PMCNTENSET', opc1: 0, crn: 9, crm: 12, opc2: 1, pl0: pl0Pmu, desc: 'Count Enable Set', traps: TPM, read: (c) => c.sys.pmcnten, write: (c, v) => { c.sys.pmcnten = (c.sys.pmcnten | (v & 0x8000003f)) >>> 0; } }),
  r32({ name: 'PMCNTENCLR', opc1: 0, crn: 9, crm: 12, opc2: 2, pl0: pl0Pmu, desc: 'Count Enable Clear', traps: TPM, read: (c) => c.sys.pmcnten, write: (c, v) => { c.sys.pmcnten = (c.sys.pmcnten & ~v) >>> 0; } }),
  r32({ name: 'PMOVSR', opc1: 0, crn: 9, crm: 12, opc2: 3, pl0: pl0Pmu, desc: 'Overflow Flag Status', traps: TPM, read: (c) => c.sys.pmovsr, write: (c, v) => { c.sys.pmovsr = (c.sys.pmovsr & ~v) >>> 0; } }),
  r32({ name: 'PMSWINC', opc1: 0, crn: 9, crm: 12, opc2: 4, kind: 'op', pl0: pl0Pmu, desc: 'Software Increment', traps: TPM }),
  r32({ name: 'PMSELR', opc1: 0, crn: 9, crm: 12, opc2: 5, pl0: pl0Pmu, desc: 'Event Counter Selection', field: 'pmselr', mask: 0x1f, traps: TPM }),
  r32({ name: 'PMCEID0', opc1: 0, crn: 9, crm: 12, opc2: 6, access: 'r', pl0: pl0Pmu, desc: 'Common Event ID 0', traps: TPM }),
  r32({ name: 'PMCEID1', opc1: 0, crn: 9, crm: 12, opc2: 7, access: 'r', pl0: pl0Pmu, desc: 'Common Event ID 1', traps: TPM }),
  r32({ name: 'PMCCNTR', opc1: 0, crn: 9, crm: 13, opc2: 0, pl0: pl0Pmu, desc: 'Cycle Count', field: 'pmccntr', traps: TPM }),
  r32({ name: 'PMXEVTYPER', opc1: 0, crn: 9, crm: 13, opc2: 1, pl0: pl0Pmu, desc: 'Event Type Select', traps: TPM, ...pmxev('pmxevtyper') }),
  r32({ name: 'PMXEVCNTR', opc1: 0, crn: 9, crm: 13, opc2: 2, pl0: pl0Pmu, desc: 'Event Count', traps: TPM, ...pmxev('pmxevcntr') }),
  r32({ name: 'PMUSERENR', opc1: 0, crn: 9, crm: 14, opc2: 0, pl0: (c, w) => !w, desc: 'User Enable', field: 'pmuserenr', mask: 1, fields: F.F_PMUSERENR, traps: TPM }),
  r32({ name: 'PMINTENSET', opc1: 0, crn: 9, crm: 14, opc2: 1, desc: 'Interrupt Enable Set', traps: TPM, read: (c) => c.sys.pminten, write: (c, v) => { c.sys.pminten = (c.sys.pminten | (v & 0x8000003f)) >>> 0; } }),
  r32({ name: 'PMINTENCLR', opc1: 0, crn: 9, crm: 14, opc2: 2, desc: 'Interrupt Enable Clear', traps: TPM, read: (c) => c.sys.pminten, write: (c, v) => { c.sys.pminten = (c.sys.pminten & ~v) >>> 0; } }),
  r32({ name: 'L2CTLR', opc1: 1, crn: 9, crm: 0, opc2: 2, desc: 'L2 Control (IMPLEMENTATION DEFINED)', field: 'l2ctlr', mask: 0, reset: 0x00800000, traps: TIDCP }),
  r32({ name: 'L2ECTLR', opc1: 1, crn: 9, crm: 0, opc2: 3, desc: 'L2 Extended Control (IMPLEMENTATION DEFINED)', field: 'l2ectlr', mask: 0, traps: TIDCP }),

  // ---- c10: memory attributes ----
  r32({ name: 'PRRR', aliases: ['MAIR0'], opc1: 0, crn: 10, crm: 2, opc2: 0, desc: 'Primary Region Remap / MAIR0', field: 'prrr', traps: TVM, effect: 'mmu' }),
  r32({ name: 'NMRR', aliases: ['MAIR1'], opc1: 0, crn: 10, crm: 2, opc2: 1, desc: 'Normal Memory Remap / MAIR1', field: 'nmrr', traps: TVM, effect: 'mmu' }),
  r32({ name: 'AMAIR0', opc1: 0, crn: 10, crm: 3, opc2: 0, desc: 'Auxiliary Memory Attribute Indirection 0 (RAZ/WI)', traps: TVM }),
  r32({ name: 'AMAIR1', opc1: 0, crn: 10, crm: 3, opc2: 1, desc: 'Auxiliary Memory Attribute Indirection 1 (RAZ/WI)', traps: TVM }),
  r32({ name: 'HMAIR0', opc1: 4, crn: 10, crm: 2, opc2: 0, hyp: true, desc: 'Hyp Memory Attribute Indirection 0', field: 'hmair0', effect: 'mmu' }),
  r32({ name: 'HMAIR1', opc1: 4, crn: 10, crm: 2, opc2: 1, hyp: true, desc: 'Hyp Memory Attribute Indirection 1', field: 'hmair1', effect: 'mmu' }),
  r32({ name: 'HAMAIR0', opc1: 4, crn: 10, crm: 3, opc2: 0, hyp: true, desc: 'Hyp Auxiliary Memory Attribute Indirection 0 (RAZ/WI)' }),
  r32({ name: 'HAMAIR1', opc1: 4, crn: 10, crm: 3, opc2: 1, hyp: true, desc: 'Hyp Auxiliary Memory Attribute Indirection 1 (RAZ/WI)' }),

  // ---- c12: vectors ----
  r32({ name: 'VBAR', opc1: 0, crn: 12, crm: 0, opc2: 0, desc: 'Vector Base Address', field: 'vbar', mask: 0xffffffe0, fields: F.F_VBAR }),
  r32({ name: 'ISR', opc1: 0, crn: 12, crm: 1, opc2: 0, access: 'r', desc: 'Interrupt Status (A, I, F pending)', read: readIsr }),
  r32({ name: 'HVBAR', opc1: 4, crn: 12, crm: 0, opc2: 0, hyp: true, desc: 'Hyp Vector Base Address', field: 'hvbar', mask: 0xffffffe0, fields: F.F_VBAR }),

  // ---- c13: process and thread IDs ----
  r32({ name: 'FCSEIDR', opc1: 0, crn: 13, crm: 0, opc2: 0, desc: 'FCSE PID (QEMU 7.2 stores writes)', field: 'fcseidr' }),
  r32({ name: 'CONTEXTIDR', opc1: 0, crn: 13, crm: 0, opc2: 1, desc: 'Context ID', field: 'contextidr', fields: F.F_CONTEXTIDR, traps: TVM, effect: 'mmu' }),
  r32({ name: 'TPIDRURW', opc1: 0, crn: 13, crm: 0, opc2: 2, pl0: 'rw', desc: 'User Read/Write Thread ID', field: 'tpidrurw' }),
  r32({ name: 'TPIDRURO', opc1: 0, crn: 13, crm: 0, opc2: 3, pl0: 'r', desc: 'User Read-Only Thread ID', field: 'tpidruro' }),
  r32({ name: 'TPIDRPRW', opc1: 0, crn: 13, crm: 0, opc2: 4, desc: 'PL1 Thread ID', field: 'tpidrprw' }),
  r32({ name: 'HTPIDR', opc1: 4, crn: 13, crm: 0, opc2: 2, hyp: true, desc: 'Hyp Software Thread ID', field: 'htpidr' }),

  // ---- c14: generic timer (B8.2); behaviour delegated to timerHooks ----
  r32({ name: 'CNTFRQ', opc1: 0, crn: 14, crm: 0, opc2: 0, pl0: pl0Frq, desc: 'Counter Frequency', field: 'cntfrq', reset: 62500000 }),
  r64({ name: 'CNTPCT', opc1: 0, crm: 14, access: 'r', pl0: pl0Pct, desc: 'Physical Count', ...cntpct, traps: [{ cnthctl: 'PL1PCTEN' }] }),
  r64({ name: 'CNTVCT', opc1: 1, crm: 14, access: 'r', pl0: pl0Vct, desc: 'Virtual Count', ...cntvct }),
  r32({ name: 'CNTKCTL', opc1: 0, crn: 14, crm: 1, opc2: 0, desc: 'Timer PL1 Control', fields: F.F_CNTKCTL, read: (c) => T.regs.readCntkctl(c), write: (c, v) => T.regs.writeCntkctl(c, v) }),
  r32({ name: 'CNTP_TVAL', opc1: 0, crn: 14, crm: 2, opc2: 0, pl0: pl0Pt, desc: 'PL1 Physical Timer Value', ...tval(TimerId.Phys), traps: [{ cnthctl: 'PL1PCEN' }] }),
  r32({ name: 'CNTP_CTL', opc1: 0, crn: 14, crm: 2, opc2: 1, pl0: pl0Pt, desc: 'PL1 Physical Timer Control', fields: F.F_CNT_CTL, ...ctl(TimerId.Phys), traps: [{ cnthctl: 'PL1PCEN' }] }),
  r32({ name: 'CNTV_TVAL', opc1: 0, crn: 14, crm: 3, opc2: 0, pl0: pl0Vt, desc: 'Virtual Timer Value', ...tval(TimerId.Virt) }),
  r32({ name: 'CNTV_CTL', opc1: 0, crn: 14, crm: 3, opc2: 1, pl0: pl0Vt, desc: 'Virtual Timer Control', fields: F.F_CNT_CTL, ...ctl(TimerId.Virt) }),
  r64({ name: 'CNTP_CVAL', opc1: 2, crm: 14, pl0: pl0Pt, desc: 'PL1 Physical Timer Compare Value', ...cval(TimerId.Phys), traps: [{ cnthctl: 'PL1PCEN' }] }),
  r64({ name: 'CNTV_CVAL', opc1: 3, crm: 14, pl0: pl0Vt, desc: 'Virtual Timer Compare Value', ...cval(TimerId.Virt) }),
  r64({ name: 'CNTVOFF', opc1: 4, crm: 14, hyp: true, desc: 'Virtual Offset', ...cntvoff }),
  r32({ name: 'CNTHCTL', opc1: 4, crn: 14, crm: 1, opc2: 0, hyp: true, desc: 'Timer Hyp Control', fields: F.F_CNTHCTL, reset: 3, read: (c) => T.regs.readCnthctl(c), write: (c, v) => T.regs.writeCnthctl(c, v) }),
  r32({ name: 'CNTHP_TVAL', opc1: 4, crn: 14, crm: 2, opc2: 0, hyp: true, desc: 'Hyp Physical Timer Value', ...tval(TimerId.Hyp) }),
  r32({ name: 'CNTHP_CTL', opc1: 4, crn: 14, crm: 2, opc2: 1, hyp: true, desc: 'Hyp Physical Timer Control', fields: F.F_CNT_CTL, ...ctl(TimerId.Hyp) }),
  r64({ name: 'CNTHP_CVAL', opc1: 6, crm: 14, hyp: true, desc: 'Hyp Physical Timer Compare Value', ...cval(TimerId.Hyp) }),

  // ---- c15: IMPLEMENTATION DEFINED ----
  r32({ name: 'CBAR', opc1: 4, crn: 15, crm: 0, opc2: 0, access: 'r', desc: 'Configuration Base Address (GIC base 0x08000000)', reset: 0x08000000, read: () => 0x08000000 }),

  // ---- CP14 debug registers (C11.11; DBGDIDR etc. as QEMU 7.2 shows them) ----
  r32({ name: 'DBGDIDR', cp: 14, opc1: 0, crn: 0, crm: 0, opc2: 0, access: 'r', pl0: 'r', desc: 'Debug ID', reset: 0x3515f021, read: () => 0x3515f021, traps: TDA }),
  r32({ name: 'DBGDSCRint', cp: 14, opc1: 0, crn: 0, crm: 1, opc2: 0, access: 'r', pl0: 'r', desc: 'Debug Status and Control (internal view)', read: (c) => c.sys.dbgdscrext, traps: TDA }),
  r32({ name: 'DBGDSCRext', cp: 14, opc1: 0, crn: 0, crm: 2, opc2: 2, desc: 'Debug Status and Control (external view)', field: 'dbgdscrext', traps: TDA }),
  r32({ name: 'DBGVCR', cp: 14, opc1: 0, crn: 0, crm: 7, opc2: 0, desc: 'Vector Catch', field: 'dbgvcr', traps: TDA }),
  ...dbgArray('DBGBVR', 'dbgbvr', 4, 6, 'Breakpoint Value'),
  ...dbgArray('DBGBCR', 'dbgbcr', 5, 6, 'Breakpoint Control'),
  ...dbgArray('DBGWVR', 'dbgwvr', 6, 4, 'Watchpoint Value'),
  ...dbgArray('DBGWCR', 'dbgwcr', 7, 4, 'Watchpoint Control'),
  r32({ name: 'DBGDRAR', cp: 14, opc1: 0, crn: 1, crm: 0, opc2: 0, access: 'r', pl0: 'r', desc: 'Debug ROM Address (32-bit)', traps: [{ hdcr: 'TDRA' }] }),
  r32({ name: 'DBGDSAR', cp: 14, opc1: 0, crn: 2, crm: 0, opc2: 0, access: 'r', pl0: 'r', desc: 'Debug Self Address Offset (32-bit)', traps: [{ hdcr: 'TDRA' }] }),
  r64({ name: 'DBGDRAR_64', aliases: ['DBGDRAR'], cp: 14, opc1: 0, crm: 1, access: 'r', pl0: 'r', desc: 'Debug ROM Address (64-bit)', traps: [{ hdcr: 'TDRA', qemu: false }] }),
  r64({ name: 'DBGDSAR_64', aliases: ['DBGDSAR'], cp: 14, opc1: 0, crm: 2, access: 'r', pl0: 'r', desc: 'Debug Self Address Offset (64-bit)', traps: [{ hdcr: 'TDRA', qemu: false }] }),
  r32({ name: 'DBGOSLAR', cp: 14, opc1: 0, crn: 1, crm: 0, opc2: 4, access: 'w', desc: 'OS Lock Access', traps: TDOSA, write: (c, v) => { c.sys.dbgoslsr = ((c.sys.dbgoslsr & ~2) | (v === 0xc5acce55 ? 2 : 0)) >>> 0; } }),
  r32({ name: 'DBGOSLSR', cp: 14, opc1: 0, crn: 1, crm: 1, opc2: 4, access: 'r', desc: 'OS Lock Status', field: 'dbgoslsr', reset: 0xa, traps: TDOSA }),
  r32({ name: 'DBGOSDLR', cp: 14, opc1: 0, crn: 1, crm: 3, opc2: 4, desc: 'OS Double Lock', field: 'dbgosdlr', mask: 1, traps: TDOSA }),
  r32({ name: 'DBGPRCR', cp: 14, opc1: 0, crn: 1, crm: 4, opc2: 4, desc: 'Device Power-down and Reset Control', field: 'dbgprcr', traps: TDOSA }),
  // Jazelle ID (trivial Jazelle): HCR.TID0 traps it with EC 0x05 (verified on QEMU 7.2).
  r32({ name: 'JIDR', cp: 14, opc1: 7, crn: 0, crm: 0, opc2: 0, access: 'r', pl0: 'r', desc: 'Jazelle ID', traps: [{ hcr: 'TID0' }] }),
];

const byKey = new Map<number, SysReg>();
const byName = new Map<string, SysReg>();
for (const r of SYSREGS) {
  const k = encKey(r.cp, r.is64, r.opc1, r.crn, r.crm, r.opc2);
  if (byKey.has(k)) throw new Error(`duplicate system register encoding for ${r.name}`);
  byKey.set(k, r);
  byName.set(r.name.toUpperCase(), r);
}
for (const r of SYSREGS) for (const a of r.aliases ?? []) if (!byName.has(a.toUpperCase())) byName.set(a.toUpperCase(), r);

/** The register at an MRC/MCR encoding, or undefined (UNDEFINED). */
export function lookupSysReg32(cp: number, opc1: number, crn: number, crm: number, opc2: number): SysReg | undefined {
  return byKey.get(encKey(cp, false, opc1, crn, crm, opc2));
}

/** The register at an MRRC/MCRR encoding, or undefined. */
export function lookupSysReg64(cp: number, opc1: number, crm: number): SysReg | undefined {
  return byKey.get(encKey(cp, true, opc1, 0, crm, 0));
}

/** Lookup by name or alias (case-insensitive), e.g. 'HCR', 'MAIR0', 'TTBR0_64'. */
export function lookupSysRegByName(name: string): SysReg | undefined {
  return byName.get(name.toUpperCase());
}

/** Decode a value into its named fields (debugger variables, hovers). */
export function describeSysReg(reg: SysReg, lo: number, hi = 0): { name: string; value: number; description: string }[] {
  return reg.fields.map((f) => {
    let v: number;
    if (f.lsb >= 32) v = (hi >>> (f.lsb - 32)) & (f.width >= 32 ? 0xffffffff : (1 << f.width) - 1);
    else if (f.lsb + f.width > 32) v = (lo >>> f.lsb) + ((hi & ((1 << (f.lsb + f.width - 32)) - 1)) * 2 ** (32 - f.lsb));
    else v = f.width >= 32 ? lo >>> 0 : (lo >>> f.lsb) & ((1 << f.width) - 1);
    return { name: f.name, value: v >>> 0 === v ? v >>> 0 : v, description: f.description };
  });
}

/** Assembly-style name of a CP15/CP14 access for disassembler comments, e.g. "HCR". */
export function sysRegName(cp: number, is64: boolean, opc1: number, crn: number, crm: number, opc2: number): string | undefined {
  return byKey.get(encKey(cp, is64, opc1, crn, crm, opc2))?.name;
}

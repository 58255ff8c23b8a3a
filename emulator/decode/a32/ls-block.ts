// A32 load/store multiple: LDM/STM (IA, IB, DA, DB), PUSH/POP, the User-register forms STM^/LDM^
// and the exception-return form LDM {..., pc}^. ARM ARM A5.5; A8.8.57-A8.8.61, A8.8.131/133, A8.8.198-A8.8.201; B9.3.4-B9.3.6.

import type { Cpu } from '../../cpu/cpu';
import type { InstrDef } from '../instr';
import { Mode } from '../../cpu/psr';
import { exceptionReturn, takeUndefined } from '../../cpu/exceptions';
import { reg, regList } from './common';
import { bitCount16, bitP, bitU, bitW, fRn, mn, writeBase } from './ls-common';

/** Loaded words, kept until every access has succeeded (base-restored abort model, A8.8.58). */
const loaded = new Uint32Array(16);

/** Lowest address of the transfer: IA Rn, IB Rn+4, DA Rn-4n+4, DB Rn-4n (A8.8.57-A8.8.61). */
function lowest(base: number, insn: number, count: number): number {
  const inc = bitU(insn);
  const before = bitP(insn);
  if (inc) return (before ? base + 4 : base) >>> 0;
  return (before ? base - 4 * count : base - 4 * count + 4) >>> 0;
}

function finalBase(base: number, insn: number, count: number): number {
  return (bitU(insn) ? base + 4 * count : base - 4 * count) >>> 0;
}

/**
 * Checks shared by every form. An empty list or Rn == PC is UNPREDICTABLE; QEMU UNDEFs (op_stm,
 * do_ldm), so do we. Returns false after taking the exception.
 */
function usable(cpu: Cpu, insn: number): boolean {
  if ((insn & 0xffff) === 0 || fRn(insn) === 15) {
    takeUndefined(cpu);
    return false;
  }
  return true;
}

/**
 * The User-register and exception-return forms are UNDEFINED in Hyp mode (B9.3.4-B9.3.6, "if
 * CurrentModeIsHyp() then UNDEFINED") and UNPREDICTABLE in User and System modes; in User mode QEMU
 * UNDEFs (IS_USER), in System mode it executes them, and so do we. QEMU does not UNDEF them in Hyp
 * mode; we follow the manual there because UNDEFINED leaves no choice.
 */
function privilegedForm(cpu: Cpu): boolean {
  if (cpu.pl === 0 || cpu.mode === Mode.HYP) {
    takeUndefined(cpu);
    return false;
  }
  return true;
}

/**
 * STM (all four modes; user = the STM^ form). With Rn in the list the original Rn is stored (the
 * lowest-numbered case is defined, others UNPREDICTABLE, A8.8.199); PC stores PC + 8.
 */
function storeMultiple(cpu: Cpu, insn: number, user: boolean): void {
  if (!usable(cpu, insn)) return;
  if (user && !privilegedForm(cpu)) return;
  const n = fRn(insn);
  const list = insn & 0xffff;
  const count = bitCount16(list);
  const base = cpu.r[n];
  let addr = lowest(base, insn, count);
  for (let i = 0; i < 16; i++) {
    if ((list & (1 << i)) === 0) continue;
    const v = user && i !== 15 ? cpu.readBanked(i, Mode.USR) : cpu.r[i];
    cpu.write32Aligned(addr, v);
    addr = (addr + 4) >>> 0;
  }
  // STM^ with W = 1 is UNPREDICTABLE; QEMU writes back, so do we.
  if (bitW(insn)) writeBase(cpu, n, finalBase(base, insn, count));
}

/** Read every listed word into `loaded`; throws (leaving registers untouched) on an abort. */
function loadAll(cpu: Cpu, insn: number, base: number, count: number): void {
  const list = insn & 0xffff;
  let addr = lowest(base, insn, count);
  for (let i = 0; i < 16; i++) {
    if ((list & (1 << i)) === 0) continue;
    loaded[i] = cpu.read32Aligned(addr);
    addr = (addr + 4) >>> 0;
  }
}

/**
 * LDM (all four modes). Writeback with Rn in the list is UNPREDICTABLE in ARMv7 (A8.8.58); QEMU
 * UNDEFs (trans_LDM_a32), so do we. Without writeback a loaded Rn simply takes the loaded value.
 * PC is written last through LoadWritePC (interworking).
 */
function loadMultiple(cpu: Cpu, insn: number): void {
  if (!usable(cpu, insn)) return;
  const n = fRn(insn);
  const list = insn & 0xffff;
  if (bitW(insn) && (list & (1 << n)) !== 0) {
    takeUndefined(cpu);
    return;
  }
  const count = bitCount16(list);
  const base = cpu.r[n];
  loadAll(cpu, insn, base, count);
  if (bitW(insn)) writeBase(cpu, n, finalBase(base, insn, count));
  for (let i = 0; i < 15; i++) if ((list & (1 << i)) !== 0) cpu.r[i] = loaded[i];
  if ((list & 0x8000) !== 0) cpu.loadWritePC(loaded[15]);
}

/** LDM (User registers), B9.3.5: no writeback allowed (W = 1 UNPREDICTABLE; QEMU UNDEFs). */
function loadMultipleUser(cpu: Cpu, insn: number): void {
  if (!usable(cpu, insn) || !privilegedForm(cpu)) return;
  if (bitW(insn)) {
    takeUndefined(cpu);
    return;
  }
  const list = insn & 0xffff;
  loadAll(cpu, insn, cpu.r[fRn(insn)], bitCount16(list));
  for (let i = 0; i < 15; i++) if ((list & (1 << i)) !== 0) cpu.writeBanked(i, Mode.USR, loaded[i]);
}

/**
 * LDM (exception return), B9.3.4: registers and writeback in the current mode, then
 * CPSR <- SPSR and the branch to the loaded PC (exceptionReturn checks the mode change).
 */
function loadMultipleReturn(cpu: Cpu, insn: number): void {
  if (!usable(cpu, insn) || !privilegedForm(cpu)) return;
  const n = fRn(insn);
  const list = insn & 0xffff;
  if (bitW(insn) && (list & (1 << n)) !== 0) {
    takeUndefined(cpu);
    return;
  }
  const count = bitCount16(list);
  const base = cpu.r[n];
  loadAll(cpu, insn, base, count);
  if (bitW(insn)) writeBase(cpu, n, finalBase(base, insn, count));
  for (let i = 0; i < 15; i++) if ((list & (1 << i)) !== 0) cpu.r[i] = loaded[i];
  exceptionReturn(cpu, loaded[15], cpu.spsr);
}

/**
 * objdump's mnemonics: STMIA without writeback or ^ prints as "stm", LDMIA always as "ldm";
 * everything else carries the ia/ib/da/db suffix, then the condition.
 */
function blockText(insn: number, load: boolean): string {
  const plain = !bitP(insn) && bitU(insn) && (load || (insn & (3 << 21)) === 0);
  const suffix = plain ? '' : `${bitU(insn) ? 'i' : 'd'}${bitP(insn) ? 'b' : 'a'}`;
  const user = (insn & (1 << 22)) !== 0 ? '^' : '';
  return `${mn((load ? 'ldm' : 'stm') + suffix, insn)}\t${reg(fRn(insn))}${bitW(insn) ? '!' : ''}, ${regList(insn & 0xffff)}${user}`;
}

const disStm = (insn: number): string => blockText(insn, false);
const disLdm = (insn: number): string => blockText(insn, true);

// Random-stream vetoes: empty list / Rn == PC (UNDEF here), LDM writeback with Rn in the list,
// STM writeback with Rn in the list but not lowest (UNKNOWN value stored), loads to PC (branches).
function stmOk(insn: number): boolean {
  const list = insn & 0xffff;
  const n = fRn(insn);
  if (list === 0 || n === 15) return false;
  return !bitW(insn) || (list & (1 << n)) === 0 || (list & ((1 << n) - 1)) === 0;
}
function ldmOk(insn: number): boolean {
  const list = insn & 0xffff;
  const n = fRn(insn);
  return list !== 0 && n !== 15 && (list & 0x8000) === 0 && !(bitW(insn) && (list & (1 << n)) !== 0);
}

export const A32_LS_BLOCK: readonly InstrDef[] = [
  {
    // STMDA<c> <Rn>{!}, <registers>  (A8.8.200 A1)
    name: 'STMDA', pattern: 'cccc 1000 00W0 nnnn rrrr rrrr rrrr rrrr',
    exec: (cpu, insn) => storeMultiple(cpu, insn, false), dis: disStm, random: stmOk,
  },
  {
    // STM<c> <Rn>{!}, <registers>  (STMIA/STMEA, A8.8.199 A1)
    name: 'STM', pattern: 'cccc 1000 10W0 nnnn rrrr rrrr rrrr rrrr',
    exec: (cpu, insn) => storeMultiple(cpu, insn, false), dis: disStm, random: stmOk,
  },
  {
    // STMDB<c> <Rn>{!}, <registers>  (STMFD, A8.8.201 A1)
    name: 'STMDB', pattern: 'cccc 1001 00W0 nnnn rrrr rrrr rrrr rrrr',
    exec: (cpu, insn) => storeMultiple(cpu, insn, false), dis: disStm, random: stmOk,
  },
  {
    // STMIB<c> <Rn>{!}, <registers>  (STMFA, A8.8.202 A1)
    name: 'STMIB', pattern: 'cccc 1001 10W0 nnnn rrrr rrrr rrrr rrrr',
    exec: (cpu, insn) => storeMultiple(cpu, insn, false), dis: disStm, random: stmOk,
  },
  {
    // LDMDA<c> <Rn>{!}, <registers>  (LDMFA, A8.8.59 A1)
    name: 'LDMDA', pattern: 'cccc 1000 00W1 nnnn rrrr rrrr rrrr rrrr',
    exec: loadMultiple, dis: disLdm, random: ldmOk,
  },
  {
    // LDM<c> <Rn>{!}, <registers>  (LDMIA/LDMFD, A8.8.58 A1)
    name: 'LDM', pattern: 'cccc 1000 10W1 nnnn rrrr rrrr rrrr rrrr',
    exec: loadMultiple, dis: disLdm, random: ldmOk,
  },
  {
    // LDMDB<c> <Rn>{!}, <registers>  (LDMEA, A8.8.60 A1)
    name: 'LDMDB', pattern: 'cccc 1001 00W1 nnnn rrrr rrrr rrrr rrrr',
    exec: loadMultiple, dis: disLdm, random: ldmOk,
  },
  {
    // LDMIB<c> <Rn>{!}, <registers>  (LDMED, A8.8.61 A1)
    name: 'LDMIB', pattern: 'cccc 1001 10W1 nnnn rrrr rrrr rrrr rrrr',
    exec: loadMultiple, dis: disLdm, random: ldmOk,
  },
  {
    // PUSH<c> <registers> = STMDB SP!, <registers>  (A8.8.133 A1). objdump prints a one-register
    // list as "stmfd sp!, {rX}" (PUSH A1 needs two or more registers; one is the STR form A2).
    name: 'PUSH', pattern: 'cccc 1001 0010 1101 rrrr rrrr rrrr rrrr',
    exec: (cpu, insn) => storeMultiple(cpu, insn, false),
    gen: (insn, pc) => genPush(insn, pc),
    genMemory: true,
    dis: (insn) => bitCount16(insn & 0xffff) === 1
      ? `${mn('stmfd', insn)}\tsp!, ${regList(insn & 0xffff)}`
      : `${mn('push', insn)}\t${regList(insn & 0xffff)}`,
    random: stmOk,
  },
  {
    // POP<c> <registers> = LDMIA SP!, <registers>  (A8.8.131 A1); one register prints as "ldmfd sp!, {rX}"
    name: 'POP', pattern: 'cccc 1000 1011 1101 rrrr rrrr rrrr rrrr',
    exec: loadMultiple,
    gen: (insn) => genPop(insn),
    genMemory: true,
    dis: (insn) => bitCount16(insn & 0xffff) === 1
      ? `${mn('ldmfd', insn)}\tsp!, ${regList(insn & 0xffff)}`
      : `${mn('pop', insn)}\t${regList(insn & 0xffff)}`,
    random: ldmOk,
  },
  {
    // STM{<amode>}<c> <Rn>, <registers>^  (STM (User registers), B9.3.16 A1; W = 1 UNPREDICTABLE)
    name: 'STM_usr', pattern: 'cccc 100P U1W0 nnnn rrrr rrrr rrrr rrrr',
    exec: (cpu, insn) => storeMultiple(cpu, insn, true), dis: disStm,
    random: (insn) => stmOk(insn) && !bitW(insn),
  },
  {
    // LDM{<amode>}<c> <Rn>, <registers_without_pc>^  (LDM (User registers), B9.3.5 A1)
    name: 'LDM_usr', pattern: 'cccc 100P U1W1 nnnn 0rrr rrrr rrrr rrrr',
    exec: loadMultipleUser, dis: disLdm,
    random: (insn) => ldmOk(insn) && !bitW(insn),
  },
  {
    // LDM{<amode>}<c> <Rn>{!}, <registers_with_pc>^  (LDM (exception return), B9.3.4 A1)
    name: 'LDM_eret', pattern: 'cccc 100P U1W1 nnnn 1rrr rrrr rrrr rrrr',
    exec: loadMultipleReturn, dis: disLdm, random: false,
  },
];

/**
 * Fast-path text for PUSH (STMDB SP!): the same accesses as storeMultiple, lowest register at the
 * lowest address, SP written back last. A list holding SP is left to the handler.
 */
function genPush(insn: number, pc: number): string | undefined {
  const list = insn & 0xffff;
  if (list === 0 || (list & (1 << 13)) !== 0) return undefined;
  const regs = [...Array(16).keys()].filter((i) => (list & (1 << i)) !== 0);
  const c = regs.length;
  const stores = regs.map((r, k) =>
    `cpu.write32Aligned((base - ${4 * (c - k)}) >>> 0, ${r === 15 ? `${(pc + 8) >>> 0}` : `r[${r}]`});`).join(' ');
  return `{ const base = r[13]; ${stores} r[13] = (base - ${4 * c}) >>> 0; }`;
}

/**
 * Fast-path text for POP (LDMIA SP!) without PC or SP in the list: every word is read before any
 * register changes (loadMultiple's order), then SP, then the registers.
 */
function genPop(insn: number): string | undefined {
  const list = insn & 0xffff;
  if (list === 0 || (list & ((1 << 13) | (1 << 15))) !== 0) return undefined;
  const regs = [...Array(16).keys()].filter((i) => (list & (1 << i)) !== 0);
  const loads = regs.map((r, k) => `const v${r} = cpu.read32Aligned((base + ${4 * k}) >>> 0);`).join(' ');
  const sets = regs.map((r) => `r[${r}] = v${r};`).join(' ');
  return `{ const base = r[13]; ${loads} r[13] = (base + ${4 * regs.length}) >>> 0; ${sets} }`;
}


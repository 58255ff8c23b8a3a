// Exception entry and return: PL1 modes through VBAR, Hyp mode through HVBAR with HSR.
// B1.8.3 (entry), B1.8.4 (Hyp entry), B1.9 (exception return), B1.8.1/B1.8.2 vector tables.

import type { Cpu } from './cpu';
import { Exc, EXCEPTIONS, type ExceptionRecord } from './exception-kinds';
import { Mode, modeInfo, PSR_A, PSR_F, PSR_I, PSR_M, PSR_E } from './psr';
import { EC, hsr } from './hsr';
import type { GuestAbort } from './fault';
import { longFsc, pl1FaultStatus } from './fault-status';

function record(cpu: Cpu, kind: string, from: Mode, pc: number, vector: number, hsrVal?: number, far?: number, hpfar?: number): void {
  const l = cpu.onException;
  if (l) l({ kind, from, to: cpu.mode, pc: pc >>> 0, vector: vector >>> 0, hsr: hsrVal, icount: cpu.icount, far, hpfar });
}

/** Length in bytes of the instruction being executed (2 for 16-bit Thumb). */
export function insnLength(cpu: Cpu): number {
  return cpu.insnLen;
}

/**
 * Enter a PL1 mode (B1.8.3). `preferred` is the preferred return address; LR gets the
 * architectural offset for the exception kind and instruction set.
 */
export function enterPl1(cpu: Cpu, kind: Exc, preferred: number, name?: string): void {
  const info = EXCEPTIONS[kind];
  const from = cpu.mode;
  const cpsr = cpu.getCPSR();
  const lr = (preferred + (cpu.thumb ? info.lrThumb : info.lrArm)) >>> 0;
  const sctlr = cpu.sys.sctlr;
  let ctl = cpu.ctl & ~(PSR_M | PSR_E | (1 << 24));
  ctl |= PSR_I;
  // Without Security Extensions visible (always Non-secure, SCR.AW/FW = 1) A and F follow the table.
  if (info.maskA) ctl |= PSR_A;
  if (info.maskF) ctl |= PSR_F;
  if (sctlr & (1 << 25)) ctl |= PSR_E;
  cpu.switchMode(info.mode);
  cpu.ctl = (ctl | info.mode) >>> 0;
  cpu.spsr = cpsr;
  cpu.r[14] = lr;
  cpu.it = 0;
  cpu.thumb = (sctlr >>> 30) & 1;
  const base = sctlr & (1 << 13) ? 0xffff0000 : cpu.sys.vbar & ~0x1f;
  const vector = (base + info.vector) >>> 0;
  cpu.nextPc = vector;
  cpu.attention = true;
  record(cpu, name ?? info.name, from, preferred, vector);
}

/**
 * Enter Hyp mode (B1.8.4): ELR_hyp = preferred return (no offset), SPSR_hyp = CPSR, HSR written
 * unless the exception is an IRQ/FIQ. From a mode other than Hyp, synchronous exceptions use the
 * Hyp Trap vector 0x14 (B1.8.2).
 */
export function enterHyp(cpu: Cpu, kind: Exc, preferred: number, syndrome: number | undefined, name?: string, far?: number, hpfar?: number): void {
  const info = EXCEPTIONS[kind];
  const from = cpu.mode;
  const cpsr = cpu.getCPSR();
  let offset = info.hypVector;
  if (from !== Mode.HYP && offset < 0x14) offset = 0x14;
  const hsctlr = cpu.sys.hsctlr;
  if (syndrome !== undefined) cpu.sys.hsr = syndrome >>> 0;
  cpu.switchMode(Mode.HYP);
  let ctl = (cpu.ctl & ~(PSR_M | PSR_E | (1 << 24))) | PSR_A | PSR_I | PSR_F | Mode.HYP;
  if (hsctlr & (1 << 25)) ctl |= PSR_E;
  cpu.ctl = ctl >>> 0;
  cpu.spsr = cpsr;
  cpu.elrHyp = preferred >>> 0;
  cpu.it = 0;
  cpu.thumb = (hsctlr >>> 30) & 1;
  const vector = ((cpu.sys.hvbar & ~0x1f) + offset) >>> 0;
  cpu.nextPc = vector;
  cpu.attention = true;
  record(cpu, name ?? info.name, from, preferred, vector, syndrome, far, hpfar);
}

/** HCR.TGE routes exceptions taken from Non-secure PL0 (User mode) to Hyp (B1.14.1). */
function tgeRoutes(cpu: Cpu): boolean {
  return cpu.mode === Mode.USR && (cpu.sys.hcr & (1 << 27)) !== 0;
}

/** Undefined Instruction exception for the current instruction (B1.8.5). */
export function takeUndefined(cpu: Cpu): void {
  if (cpu.mode === Mode.HYP) {
    // QEMU (v7 cores) writes IL=0 for EC 0x00: the field is UNK/SBZP in ARMv7.
    enterHyp(cpu, Exc.Undefined, cpu.pc, hsr(EC.Unknown, false, 0), 'undefined');
  } else if (tgeRoutes(cpu)) {
    enterHyp(cpu, Exc.HypTrap, cpu.pc, hsr(EC.Unknown, false, 0), 'undefined');
  } else {
    enterPl1(cpu, Exc.Undefined, cpu.pc);
  }
}

/** SVC (B1.8.6). From Hyp: stays in Hyp with EC 0x11; from User with TGE: Hyp trap. */
export function takeSvc(cpu: Cpu, imm: number): void {
  const next = (cpu.pc + cpu.insnLen) >>> 0;
  if (cpu.mode === Mode.HYP || tgeRoutes(cpu)) {
    enterHyp(cpu, Exc.Svc, next, hsr(EC.Svc, cpu.insnLen === 4, imm & 0xffff), 'svc');
  } else {
    enterPl1(cpu, Exc.Svc, next);
  }
}

/** HVC (B1.8.7 / B4.1.65): EC 0x12 with imm16; vector 0x08 from Hyp, 0x14 otherwise. */
export function takeHvc(cpu: Cpu, imm16: number): void {
  const next = (cpu.pc + cpu.insnLen) >>> 0;
  enterHyp(cpu, Exc.Hvc, next, hsr(EC.Hvc, cpu.insnLen === 4, imm16 & 0xffff), 'hvc');
}

/**
 * BKPT (A8.8.24): a debug event reported as a Prefetch Abort with the debug fault status (IFSR
 * 0x002, or 0x222 in LPAE format; IFAR = 0 as QEMU leaves it). Routed to Hyp when HDCR.TDE or
 * HCR.TGE is set, or when executed in Hyp: EC 0x20/0x21, IFSC = 0x22 (verified on QEMU 7.2).
 */
export function takeBkpt(cpu: Cpu): void {
  const fromHyp = cpu.mode === Mode.HYP;
  const tde = (cpu.sys.hdcr & (1 << 8)) !== 0 || (cpu.sys.hcr & (1 << 27)) !== 0;
  if (fromHyp || tde) {
    cpu.sys.hifar = 0;
    // QEMU 7.2 reports IL = 1 for both (verified: 0x82000022 from SVC with TDE, 0x86000022 in Hyp).
    enterHyp(cpu, Exc.PrefetchAbort, cpu.pc, hsr(fromHyp ? EC.PabtHyp : EC.PabtLower, true, 0x22), 'bkpt', 0);
  } else {
    cpu.sys.ifsr = cpu.sys.ttbcr >>> 31 ? 0x222 : 0x002;
    cpu.sys.ifar = 0;
    enterPl1(cpu, Exc.PrefetchAbort, cpu.pc, 'bkpt');
  }
}

/** A trapped instruction: Hyp Trap with the given syndrome; ELR_hyp = the trapped instruction. */
export function takeHypTrap(cpu: Cpu, syndrome: number, name = 'hyp-trap'): void {
  enterHyp(cpu, Exc.HypTrap, cpu.pc, syndrome, name);
}

/**
 * ISS for a data abort taken to Hyp: ISV/SAS/SSE/SRT describe single-register loads and stores
 * (B3.13.6). Supplied by the A32/T32 decoders; undefined means ISV = 0.
 */
export const abortIssHooks: { dataIss: ((cpu: Cpu) => number | undefined) | undefined } = { dataIss: undefined };

/** Prefetch or data abort from a GuestAbort (B1.8.8, B1.8.9; B3.13.5 routing to Hyp). */
export function takeAbort(cpu: Cpu, f: GuestAbort): void {
  const data = !f.fetch;
  const toHyp = cpu.mode === Mode.HYP || f.stage === 2 || tgeRoutes(cpu);
  if (toHyp) {
    const fromHyp = cpu.mode === Mode.HYP;
    let iss = longFsc(f);
    if (f.s1ptw) iss |= 1 << 7;
    // EA (bit 9) for external aborts is IMPLEMENTATION DEFINED; it stays 0, as QEMU writes it.
    let il = false;
    if (data) {
      if (f.write) iss |= 1 << 6;
      if (f.cm) iss |= 1 << 8;
      // ISV/SAS/SSE/SRT for every data abort taken to Hyp except a stage-2 fault on a stage-1 walk
      // (B3.13.6: the syndrome describes the instruction, whatever stage faulted). QEMU 7.2
      // merge_syn_data_abort() keeps the instruction's template syndrome when the target is Hyp and
      // S1PTW = 0, so Hyp-regime stage-1 faults report it too (HSR 0x9781004e for STR r1 in Hyp).
      const extra = !f.s1ptw ? abortIssHooks.dataIss?.(cpu) : undefined;
      if (extra !== undefined) {
        iss |= extra;
        il = cpu.insnLen === 4;
      }
    }
    const ec = data ? (fromHyp ? EC.DabtHyp : EC.DabtLower) : (fromHyp ? EC.PabtHyp : EC.PabtLower);
    const s = hsr(ec, il, iss);
    if (data) cpu.sys.hdfar = f.va;
    else cpu.sys.hifar = f.va;
    let hp: number | undefined;
    if (f.stage === 2) {
      hp = ((Math.floor(f.ipa / 4096) & 0x0fffffff) << 4) >>> 0;
      cpu.sys.hpfar = hp;
    }
    enterHyp(cpu, data ? Exc.DataAbort : Exc.PrefetchAbort, cpu.pc, s, data ? 'data-abort' : 'prefetch-abort', f.va, hp);
  } else {
    if (data) {
      cpu.sys.dfsr = pl1FaultStatus(f, true);
      cpu.sys.dfar = f.va;
    } else {
      cpu.sys.ifsr = pl1FaultStatus(f, false);
      cpu.sys.ifar = f.va;
    }
    enterPl1(cpu, data ? Exc.DataAbort : Exc.PrefetchAbort, cpu.pc);
  }
}

/**
 * Exception return that restores CPSR from an SPSR (ERET, SUBS PC, LR, RFE, LDM ^; B1.9.10).
 * Illegal mode changes are refused the way QEMU refuses them: a return to a reserved mode, to
 * Monitor, or to Hyp from a PL1 mode keeps the current mode (CONSTRAINED UNPREDICTABLE).
 */
export function exceptionReturn(cpu: Cpu, target: number, spsr: number): void {
  let psr = spsr >>> 0;
  const from = cpu.mode;
  const m = psr & PSR_M;
  const info = modeInfo(m);
  const illegal = !info || m === Mode.MON || (m === Mode.HYP && cpu.mode !== Mode.HYP) || (info.pl > cpu.pl);
  if (illegal) psr = (psr & ~PSR_M) | cpu.mode;
  cpu.setCPSR(psr);
  // PC alignment follows the restored instruction set (B1.9.10).
  cpu.nextPc = (cpu.thumb ? target & ~1 : target & ~3) >>> 0;
  cpu.attention = true;
  const l = cpu.onException;
  if (l) l({ kind: 'eret', from, to: cpu.mode, pc: cpu.nextPc, vector: 0, icount: cpu.icount });
}


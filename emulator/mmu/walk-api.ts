// The debugger's view of translation: one address walked step by step with the CPU's own walker
// (no TLB fill, no fault taken, device registers never read with side effects), and the stage-2 map.

import type { Cpu } from '../cpu/cpu';
import { FAULT_TYPE_NAMES } from '../cpu/fault';
import { describeAttr } from './attrs';
import { walkStage2 } from './stage2';
import { Outcome, s2Enabled, translateAccess } from './translation';
import { P_R0, P_R1, P_W0, P_W1, P_X0, P_X1, type WalkStep } from './types';
import { Walker } from './walker';

export { stage2Map, type Stage2Region, type Stage2Map } from './stage2-map';

export type WalkRegime = 'guest-va' | 'ipa' | 'guest-va-both' | 'hyp-va';
export type WalkAccess = 'read' | 'write' | 'fetch';

export interface WalkPermissions {
  pl0: string;
  pl1: string;
}

export interface WalkResult {
  outputAddress: number;
  attributes: { attr: number; shareability: number; memoryType: string };
  permissions: WalkPermissions;
  /** Size of the mapping around the address (bytes, combined over both stages). */
  blockSize: number;
}

export interface WalkFaultReport {
  type: string;
  stage: 1 | 2;
  level: number;
  /** IPA that faulted at stage 2 (the descriptor's IPA for a fault on a stage-1 table access). */
  ipa?: number;
  s1ptw: boolean;
  domain?: number;
  reason: string;
}

export interface WalkReport {
  regime: WalkRegime;
  address: number;
  access: WalkAccess;
  /** What was on: e.g. "stage 1 off (SCTLR.M=0)". */
  notes: string[];
  steps: WalkStep[];
  result?: WalkResult;
  fault?: WalkFaultReport;
}

function permText(perms: number, r: number, w: number, x: number): string {
  return `${perms & r ? 'r' : '-'}${perms & w ? 'w' : '-'}${perms & x ? 'x' : '-'}`;
}

/**
 * Walk `address` in `regime` as the hardware would for `access` (at PL1, or PL0 with `pl` = 0),
 * recording every descriptor read. Nothing in the CPU changes.
 */
export function walk(cpu: Cpu, address: number, regime: WalkRegime, access: WalkAccess = 'read', pl: 0 | 1 = 1): WalkReport {
  const w = new Walker(cpu);
  w.peek = true;
  const steps: WalkStep[] = [];
  w.sink = { steps };
  const sys = cpu.sys;
  const acc = access === 'read' ? 0 : access === 'write' ? 1 : 2;
  const report: WalkReport = { regime, address: address >>> 0, access, notes: [], steps };
  const fillFault = (): void => {
    const f = w.fault;
    report.fault = {
      type: FAULT_TYPE_NAMES[f.type], stage: f.stage, level: f.level, s1ptw: f.s1ptw, reason: f.reason,
      ...(f.stage === 2 ? { ipa: f.ipa } : {}), ...(f.type === 3 || (!f.lpae && f.stage === 1) ? { domain: f.domain } : {}),
    };
  };
  try {
    if (regime === 'ipa') {
      if (!s2Enabled(sys.hcr)) {
        report.notes.push('stage 2 is off (HCR.VM=0, HCR.DC=0): IPA = PA');
        report.result = { outputAddress: address, attributes: { attr: 0, shareability: 0, memoryType: 'none' }, permissions: { pl0: 'rwx', pl1: 'rwx' }, blockSize: 2 ** 32 };
        return report;
      }
      if (!walkStage2(w, address)) { fillFault(); return report; }
      const s2 = w.s2;
      report.result = {
        outputAddress: s2.pa, attributes: { attr: s2.attr, shareability: s2.sh, memoryType: describeAttr(s2.attr) },
        permissions: { pl0: permText(s2.perms, P_R0, P_W0, P_X0), pl1: permText(s2.perms, P_R1, P_W1, P_X1) },
        blockSize: 2 ** s2.sizeLog2,
      };
      if (s2.afFault) {
        w.fail(1, 2, s2.level, 'stage-2 access flag is 0');
        w.fault.ipa = address;
        fillFault();
      } else if ((s2.perms & (1 << (3 + acc))) === 0) {
        w.fail(2, 2, s2.level, `stage 2 does not permit ${access}`);
        w.fault.ipa = address;
        fillFault();
      }
      return report;
    }
    const hyp = regime === 'hyp-va';
    if (hyp && (sys.hsctlr & 1) === 0) report.notes.push('Hyp stage 1 is off (HSCTLR.M=0)');
    if (!hyp) {
      if ((sys.sctlr & 1) === 0) report.notes.push('stage 1 is off (SCTLR.M=0)');
      if (sys.hcr & (1 << 12)) report.notes.push('HCR.DC=1: stage 1 treated as off');
      if (sys.hcr & (1 << 27)) report.notes.push('HCR.TGE=1: stage 1 treated as off');
      report.notes.push((sys.ttbcr >>> 31) === 1 ? 'long-descriptor format (TTBCR.EAE=1)' : 'short-descriptor format (TTBCR.EAE=0)');
      if (s2Enabled(sys.hcr)) report.notes.push('stage 2 is on: stage-1 table addresses are IPAs (nested walks)');
      else if (regime === 'guest-va-both') report.notes.push('stage 2 is off: output is the PA');
    }
    const out = new Outcome();
    if (!translateAccess(w, out, address >>> 0, acc, hyp ? 1 : pl, hyp, regime === 'guest-va-both')) {
      fillFault();
      return report;
    }
    const perms = out.perms;
    report.result = {
      outputAddress: out.pa,
      attributes: { attr: out.attr, shareability: out.sh, memoryType: describeAttr(out.attr) },
      permissions: hyp ? { pl0: '---', pl1: permText(perms, P_R1, P_W1, P_X1) } : { pl0: permText(perms, P_R0, P_W0, P_X0), pl1: permText(perms, P_R1, P_W1, P_X1) },
      blockSize: 2 ** Math.min(out.sizeLog2, 32),
    };
  } catch (e) {
    report.notes.push(`walk aborted: ${e instanceof Error ? e.message : String(e)}`);
  }
  return report;
}

// Exception breakpoint filters: which filters an exception record matches, the variables its
// condition can use, and the stop text in a hypervisor author's words. B1.8 (exceptions), B3.13.6 (HSR).

import type { ExceptionRecord } from '../cpu/exception-kinds';
import { Mode, modeName } from '../cpu/psr';
import { decodeHsr, faultStatusText, type DecodedHsr } from './hsr-decode';
import type { SysRegCatalog } from './sysreg-catalog';

export interface FilterDef {
  readonly id: string;
  readonly label: string;
  readonly description: string;
}

/** Every filter the adapter offers (exceptionBreakpointFilters), each with an optional condition. */
export const EXCEPTION_FILTERS: readonly FilterDef[] = [
  { id: 'hvc', label: 'HVC', description: 'Hypervisor Call (EC 0x12)' },
  { id: 'svc', label: 'SVC', description: 'Supervisor Call, to a PL1 mode or to Hyp' },
  { id: 'smc', label: 'SMC', description: 'Secure Monitor Call trapped to Hyp (HCR.TSC, EC 0x13)' },
  { id: 'hyp-trap', label: 'Any exception to Hyp', description: 'Every exception taken to Hyp mode; condition over ec, iss, vmid, imm, far, registers' },
  { id: 'sysreg-trap', label: 'System register trap', description: 'Trapped MCR/MRC/MCRR/MRRC (EC 0x03-0x06, 0x0C); condition e.g. reg == "SCTLR"' },
  { id: 'fp-trap', label: 'FP/SIMD trap', description: 'HCPTR-trapped coprocessor or VMRS access (EC 0x07, 0x08)' },
  { id: 'wfx', label: 'WFI/WFE trap', description: 'Trapped WFI or WFE (HCR.TWI/TWE, EC 0x01)' },
  { id: 'stage2-abort', label: 'Stage-2 abort', description: 'Data or prefetch abort from stage-2 translation (HPFAR valid)' },
  { id: 'data-abort', label: 'Data abort', description: 'Data Abort, at PL1 or in Hyp' },
  { id: 'prefetch-abort', label: 'Prefetch abort', description: 'Prefetch Abort, at PL1 or in Hyp' },
  { id: 'undefined', label: 'Undefined instruction', description: 'Undefined Instruction exception' },
  { id: 'irq', label: 'IRQ', description: 'Physical IRQ' },
  { id: 'fiq', label: 'FIQ', description: 'Physical FIQ' },
  { id: 'virtual-irq', label: 'Virtual IRQ', description: 'Virtual IRQ (HCR.VI or GIC list register) taken by the guest' },
  { id: 'eret', label: 'Exception return', description: 'ERET and other exception returns' },
];

const FILTER_IDS = new Set(EXCEPTION_FILTERS.map((f) => f.id));
export function isFilterId(id: string): boolean {
  return FILTER_IDS.has(id);
}

/** Mode names as the manual writes them in prose. */
export function modeTitle(m: number): string {
  switch (m & 0x1f) {
    case Mode.USR: return 'User';
    case Mode.FIQ: return 'FIQ';
    case Mode.IRQ: return 'IRQ';
    case Mode.SVC: return 'SVC';
    case Mode.MON: return 'Monitor';
    case Mode.ABT: return 'Abort';
    case Mode.HYP: return 'Hyp';
    case Mode.UND: return 'Undef';
    case Mode.SYS: return 'System';
    default: return modeName(m);
  }
}

/** The filters a record matches (a record can match several, e.g. hvc and hyp-trap). */
export function classify(rec: ExceptionRecord): string[] {
  const out: string[] = [];
  const ec = rec.hsr !== undefined ? rec.hsr >>> 26 : -1;
  switch (rec.kind) {
    case 'hvc': out.push('hvc'); break;
    case 'svc': out.push('svc'); break;
    case 'smc': out.push('smc'); break;
    case 'undefined': if (ec <= 0) out.push('undefined'); break;
    case 'data-abort': out.push('data-abort'); break;
    case 'prefetch-abort': out.push('prefetch-abort'); break;
    case 'bkpt': out.push('prefetch-abort'); break; // BKPT is a Prefetch Abort debug event (C4.1)
    case 'irq': out.push('irq'); break;
    case 'fiq': out.push('fiq'); break;
    case 'virtual-irq': out.push('virtual-irq'); break;
    case 'eret': out.push('eret'); return out;
    default: break;
  }
  if (ec === 0x13 && !out.includes('smc')) out.push('smc');
  if (ec === 0x03 || ec === 0x04 || ec === 0x05 || ec === 0x06 || ec === 0x0c) out.push('sysreg-trap');
  if (ec === 0x07 || ec === 0x08) out.push('fp-trap');
  if (ec === 0x01) out.push('wfx');
  if (ec === 0x00 && !out.includes('undefined')) out.push('undefined');
  if ((ec === 0x20 || ec === 0x24) && rec.hpfar !== undefined) out.push('stage2-abort');
  if ((ec === 0x24 || ec === 0x25) && !out.includes('data-abort')) out.push('data-abort');
  if ((ec === 0x20 || ec === 0x21) && !out.includes('prefetch-abort')) out.push('prefetch-abort');
  if (rec.to === Mode.HYP) out.push('hyp-trap');
  return out;
}

const hex = (v: number, pad = 0): string => `0x${(v >>> 0).toString(16).padStart(pad, '0')}`;
const CP_REG = (n: number): string => (n === 13 ? 'sp' : n === 14 ? 'lr' : n === 15 ? 'pc' : `r${n}`);

/** Name of the system register a trapped coprocessor access touched, from the table. */
export function trappedRegName(d: DecodedHsr, cat: SysRegCatalog | undefined): string | undefined {
  const c = d.coproc;
  if (!c || !cat) return undefined;
  return cat.byEncoding(c.cp, c.is64, c.opc1, c.crn, c.crm, c.opc2)?.name;
}

/** The instruction form of a trapped coprocessor access, e.g. "MRC p15, 0, r0, c1, c0, 0". */
export function coprocText(d: DecodedHsr): string | undefined {
  const c = d.coproc;
  if (!c) return undefined;
  if (c.is64) return `${c.read ? 'MRRC' : 'MCRR'} p${c.cp}, ${c.opc1}, ${CP_REG(c.rt)}, ${CP_REG(c.rt2)}, c${c.crm}`;
  return `${c.read ? 'MRC' : 'MCR'} p${c.cp}, ${c.opc1}, ${CP_REG(c.rt)}, c${c.crn}, c${c.crm}, ${c.opc2}`;
}

/** What happened, e.g. "HVC #0x1234 from SVC → Hyp (HSR 0x4a001234, EC 0x12 HVC)". */
export function describe(rec: ExceptionRecord, cat: SysRegCatalog | undefined, svcImm?: number): string {
  const fromTo = `from ${modeTitle(rec.from)} → ${modeTitle(rec.to)}`;
  if (rec.kind === 'eret') return `Exception return ${fromTo} at ${hex(rec.pc)}`;
  const d = rec.hsr !== undefined ? decodeHsr(rec.hsr) : undefined;
  const tail = d ? ` (HSR ${hex(d.hsr, 8)}, EC ${hex(d.ec, 2)} ${d.ecName})` : '';
  let what: string;
  const ec = d?.ec ?? -1;
  const field = (n: string): number => d?.fields.find((f) => f.name === n)?.value ?? 0;
  if (rec.kind === 'hvc' || ec === 0x12) what = `HVC #${hex(d ? d.iss & 0xffff : 0)}`;
  else if (rec.kind === 'svc' || ec === 0x11) what = d ? `SVC #${hex(d.iss & 0xffff)}` : svcImm !== undefined ? `SVC #${hex(svcImm)}` : 'SVC';
  else if (ec === 0x13) what = `SMC #${field('imm4')} trapped`;
  else if (d?.coproc) {
    const reg = trappedRegName(d, cat);
    const dir = d.coproc.read ? 'Read of' : 'Write to';
    what = `${dir} ${reg ?? 'system register'} trapped (${coprocText(d)})`;
  } else if (ec === 0x01) what = `${field('TI') ? 'WFE' : 'WFI'} trapped`;
  else if (ec === 0x07) what = `FP/SIMD access trapped (HCPTR, coprocessor ${field('coproc')})`;
  else if (ec === 0x08) what = 'VMRS access trapped';
  else if (rec.kind === 'bkpt') what = `Prefetch abort (debug event: BKPT at ${hex(rec.pc)})`;
  else if (rec.kind === 'data-abort' || rec.kind === 'prefetch-abort') {
    const data = rec.kind === 'data-abort';
    const st2 = rec.hpfar !== undefined;
    const fs = d ? ` (${faultStatusText(field(data ? 'DFSC' : 'IFSC'))}${data ? `, ${field('WnR') ? 'write' : 'read'}` : ''})` : '';
    const where = rec.far !== undefined ? ` at VA ${hex(rec.far)}` : '';
    const ipa = st2 ? `, IPA ${hex(((rec.hpfar! >>> 4) * 4096 + ((rec.far ?? 0) & 0xfff)) >>> 0)}` : '';
    what = `${st2 ? 'Stage-2 ' : ''}${data ? 'Data' : 'Prefetch'} abort${fs}${where}${ipa}`;
  } else if (rec.kind === 'undefined' || ec === 0) what = `Undefined instruction at ${hex(rec.pc)}`;
  else if (rec.kind === 'irq') what = 'IRQ';
  else if (rec.kind === 'fiq') what = 'FIQ';
  else if (rec.kind === 'virtual-irq') what = 'Virtual IRQ';
  else what = rec.kind;
  return `${what} ${fromTo}${tail}`;
}

/** Short-descriptor fault status FS[4:0] = DFSR/IFSR[10,3:0] (B3.13.3 Table B3-23). */
const SHORT_FS: Record<number, string> = {
  0x01: 'alignment fault', 0x02: 'debug event', 0x03: 'access flag fault, level 1', 0x06: 'access flag fault, level 2',
  0x04: 'fault on instruction cache maintenance', 0x05: 'translation fault, level 1', 0x07: 'translation fault, level 2',
  0x08: 'synchronous external abort', 0x09: 'domain fault, level 1', 0x0b: 'domain fault, level 2',
  0x0c: 'synchronous external abort on translation table walk, level 1', 0x0e: 'synchronous external abort on translation table walk, level 2',
  0x0d: 'permission fault, level 1', 0x0f: 'permission fault, level 2', 0x10: 'TLB conflict abort', 0x14: 'lockdown abort',
  0x16: 'asynchronous external abort', 0x18: 'asynchronous parity error', 0x19: 'synchronous parity error',
  0x1a: 'coprocessor abort', 0x1c: 'synchronous parity error on translation table walk, level 1', 0x1e: 'synchronous parity error on translation table walk, level 2',
};

/**
 * A Data or Prefetch Abort taken to a PL1 mode, which has no syndrome: the text comes from the fault
 * status and address registers (DFSR/DFAR, IFSR/IFAR: B4.1.52, B4.1.96), short or long format (LPAE bit 9).
 */
export function pl1AbortText(rec: ExceptionRecord, fsr: number, far: number): string {
  const data = rec.kind === 'data-abort';
  const lpae = ((fsr >>> 9) & 1) === 1;
  const fs = lpae ? faultStatusText(fsr & 0x3f) : SHORT_FS[((fsr >>> 6) & 0x10) | (fsr & 0xf)] ?? `fault status 0x${(((fsr >>> 6) & 0x10) | (fsr & 0xf)).toString(16)}`;
  const rw = data ? `, ${(fsr >>> 11) & 1 ? 'write' : 'read'}` : '';
  return `${data ? 'Data' : 'Prefetch'} abort (${fs}${rw}) at VA ${hex(far)} from ${modeTitle(rec.from)} → ${modeTitle(rec.to)}`;
}

/** Short text for the exception frame in the call stack, e.g. "trap from SVC: HVC #0x1234". */
export function frameText(rec: ExceptionRecord, cat: SysRegCatalog | undefined): string {
  const full = describe(rec, cat);
  const what = full.split(' from ')[0];
  return `${rec.to === Mode.HYP ? 'trap' : 'exception'} from ${modeTitle(rec.from)}: ${what}`;
}

/** Variables a filter condition may use, beyond registers and symbols. */
export function conditionVars(rec: ExceptionRecord, cat: SysRegCatalog | undefined, vmid: number): Map<string, number | string> {
  const v = new Map<string, number | string>();
  v.set('kind', rec.kind);
  v.set('from', modeName(rec.from));
  v.set('to', modeName(rec.to));
  v.set('vector', rec.vector);
  v.set('preferred', rec.pc);
  v.set('icount', rec.icount);
  v.set('vmid', vmid);
  v.set('far', rec.far ?? 0);
  v.set('hpfar', rec.hpfar ?? 0);
  v.set('ipa', rec.hpfar !== undefined ? ((rec.hpfar >>> 4) * 4096 + ((rec.far ?? 0) & 0xfff)) >>> 0 : 0);
  if (rec.hsr !== undefined) {
    const d = decodeHsr(rec.hsr);
    v.set('hsr', d.hsr);
    v.set('ec', d.ec);
    v.set('il', d.il);
    v.set('iss', d.iss);
    if (d.ec === 0x11 || d.ec === 0x12 || d.ec === 0x13) v.set('imm', d.iss & 0xffff);
    for (const f of d.fields) v.set(f.name.toLowerCase(), f.value);
    if (d.coproc) {
      v.set('reg', trappedRegName(d, cat) ?? '');
      v.set('read', d.coproc.read ? 1 : 0);
      v.set('write', d.coproc.read ? 0 : 1);
    }
  }
  return v;
}

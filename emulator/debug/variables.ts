// The variables model: scopes of a stopped core (registers, banked registers, Hyp and guest system
// registers, device state), each value expandable into named fields and editable down to one field.

import type { Machine } from '../machine';
import type { SysReg } from '../sysregs/types';
import { Mode, modeInfo } from '../cpu/psr';
import { BANK_GROUPS, PSR_FIELDS, psrModeText, psrSummary, resolveRegister } from './registers';
import { GUEST_SCOPE, HYP_SCOPE, type SysRegCatalog } from './sysreg-catalog';
import { makeReference, type AddressSpace } from './memory';
import type { Frame } from './runtime';
import { deviceVars } from './device-vars';
import { decodeHsr } from './hsr-decode';

export interface VarNode {
  readonly name: string;
  readonly value: string;
  readonly type?: string;
  readonly evaluateName?: string;
  readonly memoryReference?: string;
  readonly children?: () => VarNode[];
  /** Write a new value given as text already evaluated to a number (bigint: 64-bit); throws with a message. */
  readonly set?: (v: number | bigint) => void;
}

export interface ScopeNode {
  readonly name: string;
  readonly expensive: boolean;
  readonly children: () => VarNode[];
}

const hex8 = (v: number): string => `0x${(v >>> 0).toString(16).padStart(8, '0')}`;
const hexN = (v: number): string => `0x${v.toString(16)}`;

/** A value for a 32-bit destination: a wider one is refused, not silently cut. */
function u32(v: number | bigint, what: string): number {
  if (typeof v === 'number') return v >>> 0;
  if (v > 0xffffffffn) throw new Error(`${what} is 32 bits wide: 0x${v.toString(16)} does not fit`);
  return Number(v);
}

interface FieldDef { readonly name: string; readonly lsb: number; readonly width: number; readonly description: string }

/** Bit-field children of a 32-bit value with read-modify-write setters. */
function fieldNodes(fields: readonly FieldDef[], get: () => number, put: (v: number) => void, base: string, extraText?: (f: FieldDef, v: number) => string | undefined): VarNode[] {
  const value = get();
  return fields.filter((f) => f.lsb < 32).map((f) => {
    const w = Math.min(f.width, 32 - f.lsb);
    const mask = w >= 32 ? 0xffffffff : ((1 << w) - 1) >>> 0;
    const v = (value >>> f.lsb) & mask;
    const extra = extraText?.(f, v);
    return {
      name: f.name,
      value: `${w === 1 ? String(v) : hexN(v)}${extra ? ` ${extra}` : ''}`,
      type: f.description,
      evaluateName: `${base}.${f.name}`,
      set: (value: number | bigint) => {
        const nv = u32(value, f.name);
        if (nv > mask) throw new Error(`${f.name} is ${w} bit${w > 1 ? 's' : ''} wide: ${hexN(nv)} does not fit`);
        const cur = get();
        put(((cur & ~(mask << f.lsb)) | ((nv & mask) << f.lsb)) >>> 0);
      },
    };
  });
}

/** Field children of a 64-bit register (fields may lie in the high word). */
function fieldNodes64(reg: SysReg, m: Machine): VarNode[] {
  const cpu = m.cpu;
  const read = (): bigint => { const lo = reg.read(cpu) >>> 0; const hi = reg.readHi(cpu) >>> 0; return (BigInt(hi) << 32n) | BigInt(lo); };
  const value = read();
  return reg.fields.map((f) => {
    const mask = (1n << BigInt(f.width)) - 1n;
    const v = (value >> BigInt(f.lsb)) & mask;
    return {
      name: f.name,
      value: f.width === 1 ? v.toString() : `0x${v.toString(16)}`,
      type: f.description,
      evaluateName: `${reg.name}.${f.name}`,
      set: (nv: number | bigint) => {
        const n = typeof nv === 'bigint' ? nv : BigInt(nv >>> 0);
        if (n > mask) throw new Error(`${f.name} is ${f.width} bits wide: 0x${n.toString(16)} does not fit`);
        const cur = read();
        const next = (cur & ~(mask << BigInt(f.lsb))) | (n << BigInt(f.lsb));
        writeSys(m, reg, Number(next & 0xffffffffn), Number(next >> 32n));
      },
    };
  });
}

function writeSys(m: Machine, reg: SysReg, lo: number, hi: number): void {
  if (reg.access === 'r') throw new Error(`${reg.name} is read-only`);
  reg.write(m.cpu, lo >>> 0, hi >>> 0);
  m.cpu.flushTlb();
  m.mmu.translationRegsChanged();
}

export function sysRegNode(m: Machine, reg: SysReg): VarNode {
  const cpu = m.cpu;
  if (reg.width === 64) {
    const lo = reg.read(cpu) >>> 0;
    const hi = reg.readHi(cpu) >>> 0;
    return {
      name: reg.name,
      value: `0x${hi.toString(16).padStart(8, '0')}${lo.toString(16).padStart(8, '0')}`,
      type: reg.description,
      evaluateName: reg.name,
      children: reg.fields.length ? () => fieldNodes64(reg, m) : undefined,
      set: (v: number | bigint) => {
        // The whole 64-bit value: a 32-bit number clears the high word, as MCRR with Rt2 = 0.
        const b = typeof v === 'bigint' ? v : BigInt(v >>> 0);
        if (b > 0xffffffffffffffffn) throw new Error(`${reg.name} is 64 bits wide`);
        writeSys(m, reg, Number(b & 0xffffffffn), Number(b >> 32n));
      },
    };
  }
  const get = (): number => reg.read(cpu) >>> 0;
  const put = (v: number): void => writeSys(m, reg, v, 0);
  const fields = (): VarNode[] => fieldNodes(reg.fields, get, put, reg.name);
  return {
    name: reg.name,
    value: hex8(get()),
    type: reg.description,
    evaluateName: reg.name,
    children: reg.name === 'HSR' ? () => [...fields(), ...hsrIssNodes(get())] : reg.fields.length ? fields : undefined,
    set: (v) => put(u32(v, reg.name)),
  };
}

/**
 * The ISS of HSR decoded by its current EC (B3.13.6): the fields of that exception class with
 * their manual names (SRT, WnR, DFSC, Opc1, CRn, ...), read-only (edit ISS or HSR itself).
 */
function hsrIssNodes(hsr: number): VarNode[] {
  const d = decodeHsr(hsr);
  return d.fields.map((f) => ({
    name: f.name,
    value: `${hexN(f.value)}${f.text ? ` (${f.text})` : ''}`,
    type: `ISS field for EC ${hexN(d.ec)} (${d.ecName})`,
    evaluateName: `HSR.${f.name}`,
  }));
}

function psrNode(name: string, get: () => number, put: (v: number) => void, evalName: string): VarNode {
  const v = get();
  return {
    name,
    value: `${hex8(v)} ${psrSummary(v)}`,
    type: 'program status register',
    evaluateName: evalName,
    children: () => fieldNodes(PSR_FIELDS, get, put, evalName, (f, x) => (f.name === 'M' ? psrModeText(x) : undefined)),
    set: (nv) => put(u32(nv, name)),
  };
}

function regNode(m: Machine, name: string, space: AddressSpace, display?: string): VarNode {
  const ref = resolveRegister(name);
  if (!ref) throw new Error(`no register ${name}`);
  const cpu = m.cpu;
  if (/^(cpsr|spsr)/i.test(name)) return psrNode(display ?? ref.name, () => ref.get(cpu), (v) => ref.set(cpu, v), name);
  const v = ref.get(cpu);
  return {
    name: display ?? ref.name,
    value: hex8(v),
    type: 'u32',
    evaluateName: name,
    memoryReference: makeReference(space, v),
    set: (nv) => ref.set(cpu, u32(nv, ref.name)),
  };
}

/** Registers of the current mode (frame 0) or what is known of an outer frame. */
function registerScope(m: Machine, frame: Frame, top: boolean, space: AddressSpace): VarNode[] {
  if (top) {
    const out: VarNode[] = [];
    for (let i = 0; i <= 12; i++) out.push(regNode(m, `r${i}`, space));
    out.push(regNode(m, 'sp', space), regNode(m, 'lr', space), regNode(m, 'pc', space), regNode(m, 'cpsr', space));
    if (m.cpu.hasSpsr()) out.push(regNode(m, 'spsr', space));
    return out;
  }
  const info = modeInfo(frame.mode);
  return [
    { name: 'PC', value: hex8(frame.pc), memoryReference: makeReference(space, frame.pc) },
    { name: 'SP', value: hex8(frame.sp), memoryReference: makeReference(space, frame.sp) },
    { name: 'mode', value: info?.name ?? hexN(frame.mode) },
  ];
}

function bankedScope(m: Machine, space: AddressSpace): VarNode[] {
  return BANK_GROUPS.map((g) => ({
    name: g.title,
    value: g.regs.join(' '),
    children: () => g.regs.map((r) => regNode(m, r.toLowerCase(), space, r)),
  }));
}

function sysScope(m: Machine, cat: SysRegCatalog, names: readonly string[]): VarNode[] {
  const out: VarNode[] = [];
  const seen = new Set<SysReg>();
  for (const n of names) {
    for (const cand of [n, `${n}_64`]) {
      const r = cat.byName(cand);
      if (r && !seen.has(r)) {
        seen.add(r);
        out.push(sysRegNode(m, r));
      }
    }
  }
  return out;
}

export function scopesFor(m: Machine, cat: SysRegCatalog, frame: Frame, top: boolean, space: AddressSpace): ScopeNode[] {
  return [
    { name: 'Registers', expensive: false, children: () => registerScope(m, frame, top, space) },
    { name: 'Banked Registers', expensive: false, children: () => bankedScope(m, space) },
    { name: 'Hyp System Registers', expensive: false, children: () => sysScope(m, cat, HYP_SCOPE) },
    { name: 'Guest System Registers', expensive: false, children: () => sysScope(m, cat, GUEST_SCOPE) },
    { name: 'Devices', expensive: true, children: () => deviceVars(m) },
  ];
}

export { Mode };

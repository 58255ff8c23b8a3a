// Recognises coprocessor register transfers in assembly text (MCR/MRC/MCRR/MRRC, A8.8.98-A8.8.109)
// and names the CP15/CP14 register they address from the emulator's one system-register table.

import { SYSREGS } from '../emulator/sysregs/table';
import { encKey, type SysReg } from '../emulator/sysregs/types';

export interface CpTransfer {
  readonly mnemonic: string;
  readonly cp: number;
  readonly is64: boolean;
  readonly opc1: number;
  readonly crn: number;
  readonly crm: number;
  readonly opc2: number;
  readonly read: boolean;
  /** Column range of the whole instruction text within the line. */
  readonly start: number;
  readonly end: number;
}

const COND = '(?:eq|ne|cs|hs|cc|lo|mi|pl|vs|vc|hi|ls|ge|lt|gt|le|al)?';
const NUM = '#?(\\d+|0x[0-9a-f]+)';
const MCR = new RegExp(`\\b(mcr2?|mrc2?)${COND}(?:\\.w)?\\s+p(\\d+)\\s*,\\s*${NUM}\\s*,\\s*(\\w+)\\s*,\\s*c(\\d+)\\s*,\\s*c(\\d+)(?:\\s*,\\s*${NUM})?`, 'i');
const MCRR = new RegExp(`\\b(mcrr2?|mrrc2?)${COND}(?:\\.w)?\\s+p(\\d+)\\s*,\\s*${NUM}\\s*,\\s*(\\w+)\\s*,\\s*(\\w+)\\s*,\\s*c(\\d+)`, 'i');

/** Parse the first coprocessor transfer on a line of GNU as source, if any. */
export function parseCpTransfer(line: string): CpTransfer | undefined {
  const code = line.replace(/(@|\/\/).*$/, '');
  let m = MCR.exec(code);
  if (m) {
    const mn = m[1].toLowerCase();
    return {
      mnemonic: mn, cp: Number(m[2]), is64: false, opc1: Number(m[3]), crn: Number(m[5]), crm: Number(m[6]),
      opc2: m[7] === undefined ? 0 : Number(m[7]), read: mn.startsWith('mrc'), start: m.index, end: m.index + m[0].length,
    };
  }
  m = MCRR.exec(code);
  if (m) {
    const mn = m[1].toLowerCase();
    return {
      mnemonic: mn, cp: Number(m[2]), is64: true, opc1: Number(m[3]), crn: 0, crm: Number(m[6]), opc2: 0,
      read: mn.startsWith('mrrc'), start: m.index, end: m.index + m[0].length,
    };
  }
  return undefined;
}

let byEnc: Map<number, SysReg> | undefined;
let byName: Map<string, SysReg> | undefined;

function index(): void {
  if (byEnc && byName) return;
  byEnc = new Map();
  byName = new Map();
  for (const r of SYSREGS) {
    byEnc.set(encKey(r.cp, r.is64, r.opc1, r.crn, r.crm, r.opc2), r);
    byName.set(r.name.toUpperCase(), r);
    for (const a of r.aliases ?? []) if (!byName.has(a.toUpperCase())) byName.set(a.toUpperCase(), r);
  }
}

/** The register (or operation) a transfer addresses, from the emulator's table. */
export function lookupTransfer(t: CpTransfer): SysReg | undefined {
  index();
  return byEnc!.get(encKey(t.cp, t.is64, t.opc1, t.is64 ? 0 : t.crn, t.crm, t.is64 ? 0 : t.opc2));
}

export function lookupSysRegName(name: string): SysReg | undefined {
  index();
  return byName!.get(name.toUpperCase());
}

/** The encoding as the manual writes it: "p15, 4, c1, c1, 0" or "p15, 6, c2" for 64-bit. */
export function encodingText(r: { cp: number; is64: boolean; opc1: number; crn: number; crm: number; opc2: number }): string {
  return r.is64 ? `p${r.cp}, ${r.opc1}, c${r.crm}` : `p${r.cp}, ${r.opc1}, c${r.crn}, c${r.crm}, ${r.opc2}`;
}

/** Markdown for a register: name, encoding, description, access, bit fields (with values if given). */
export function describeSysReg(r: SysReg, value?: { lo: number; hi: number }): string {
  const out: string[] = [];
  const kind = r.kind === 'op' ? 'operation' : `${r.width}-bit register`;
  out.push(`**${r.name}**${r.aliases?.length ? ` (${r.aliases.join(', ')})` : ''} — ${r.description}`);
  out.push('');
  out.push(`\`${encodingText(r)}\` · ${kind} · ${r.access === 'rw' ? 'read/write' : r.access === 'r' ? 'read-only' : 'write-only'} · ${r.minPl === 2 ? 'Hyp only' : 'PL1 and Hyp'}`);
  if (value) {
    const hex = (v: number): string => (v >>> 0).toString(16).padStart(8, '0');
    out.push('');
    out.push(`Value: \`0x${r.width === 64 ? hex(value.hi) + '_' : ''}${hex(value.lo)}\``);
  }
  if (r.fields.length) {
    out.push('');
    out.push(value ? '| field | bits | value | meaning |' : '| field | bits | meaning |');
    out.push(value ? '| --- | --- | --- | --- |' : '| --- | --- | --- |');
    for (const f of [...r.fields].sort((a, b) => b.lsb - a.lsb)) {
      const bits = f.width === 1 ? `${f.lsb}` : `${f.lsb + f.width - 1}:${f.lsb}`;
      if (value) out.push(`| ${f.name} | ${bits} | ${fieldText(value, f.lsb, f.width)} | ${f.description} |`);
      else out.push(`| ${f.name} | ${bits} | ${f.description} |`);
    }
  }
  return out.join('\n');
}

/** A field of a 64-bit value held as two words, as hex (or 0/1 for single bits). */
export function fieldValue(value: { lo: number; hi: number }, lsb: number, width: number): number {
  const big = (BigInt(value.hi >>> 0) << 32n) | BigInt(value.lo >>> 0);
  return Number((big >> BigInt(lsb)) & ((1n << BigInt(width)) - 1n));
}

function fieldText(value: { lo: number; hi: number }, lsb: number, width: number): string {
  const v = fieldValue(value, lsb, width);
  return width === 1 ? String(v) : `0x${v.toString(16)}`;
}

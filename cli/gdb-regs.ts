// The registers the GDB stub exposes and their target description (target.xml): ARM core, VFP, and a
// hypscope feature with banked registers (B1.3.2 Table B1-2) and Hyp/PL1 system registers (B4.1).

import type { Cpu } from '../emulator/cpu/cpu';
import { BANK_GROUPS, resolveRegister } from '../emulator/debug/registers';
import { lookupSysRegByName } from '../emulator/sysregs/table';

export interface GdbReg {
  readonly name: string;
  /** Remote register number (`p`/`P`); the `g` packet holds all registers in this order. */
  readonly regnum: number;
  readonly bits: 32 | 64;
  readonly type: string;
  readonly group?: string;
  readonly feature: 'core' | 'vfp' | 'hypscope';
  /** Little-endian 32-bit words: [lo] or [lo, hi]. */
  read(cpu: Cpu): number[];
  /** Throws an Error with a message when the value cannot be written. */
  write(cpu: Cpu, words: readonly number[]): void;
}

/** First remote number of the cpsr, as in GDB's own arm-core.xml (16-24 were the FPA registers). */
const CPSR_REGNUM = 25;

/**
 * System registers shown by name: the Hyp registers a hypervisor author reads first, then the PL1
 * (guest) translation and fault registers. 64-bit ones use the MCRR view (`TTBR0_64` for TTBR0).
 */
const SYSREG_NAMES: readonly (readonly [string, string])[] = [
  ['HCR', 'HCR'], ['HCPTR', 'HCPTR'], ['HSTR', 'HSTR'], ['HDCR', 'HDCR'], ['HSR', 'HSR'], ['HDFAR', 'HDFAR'],
  ['HIFAR', 'HIFAR'], ['HPFAR', 'HPFAR'], ['HVBAR', 'HVBAR'], ['HSCTLR', 'HSCTLR'], ['HTCR', 'HTCR'],
  ['HTTBR', 'HTTBR'], ['HMAIR0', 'HMAIR0'], ['HMAIR1', 'HMAIR1'], ['HTPIDR', 'HTPIDR'], ['VTCR', 'VTCR'],
  ['VTTBR', 'VTTBR'], ['VPIDR', 'VPIDR'], ['VMPIDR', 'VMPIDR'], ['CNTHCTL', 'CNTHCTL'], ['CNTVOFF', 'CNTVOFF'],
  ['SCTLR', 'SCTLR'], ['ACTLR', 'ACTLR'], ['CPACR', 'CPACR'], ['TTBR0', 'TTBR0_64'], ['TTBR1', 'TTBR1_64'],
  ['TTBCR', 'TTBCR'], ['DACR', 'DACR'], ['DFSR', 'DFSR'], ['DFAR', 'DFAR'], ['IFSR', 'IFSR'], ['IFAR', 'IFAR'],
  ['PAR', 'PAR_64'], ['PRRR', 'PRRR'], ['NMRR', 'NMRR'], ['VBAR', 'VBAR'], ['CONTEXTIDR', 'CONTEXTIDR'],
  ['TPIDRPRW', 'TPIDRPRW'], ['CNTKCTL', 'CNTKCTL'], ['MIDR', 'MIDR'], ['MPIDR', 'MPIDR'],
];

function coreRegs(): GdbReg[] {
  const out: GdbReg[] = [];
  const names = ['r0', 'r1', 'r2', 'r3', 'r4', 'r5', 'r6', 'r7', 'r8', 'r9', 'r10', 'r11', 'r12', 'sp', 'lr', 'pc'];
  names.forEach((name, i) => {
    const ref = resolveRegister(name === 'sp' ? 'r13' : name === 'lr' ? 'r14' : name)!;
    out.push({
      name, regnum: i, bits: 32, feature: 'core',
      type: i === 13 ? 'data_ptr' : i === 15 ? 'code_ptr' : 'uint32',
      group: 'general',
      read: (c) => [ref.get(c)],
      write: (c, w) => ref.set(c, w[0]),
    });
  });
  const cpsr = resolveRegister('cpsr')!;
  out.push({ name: 'cpsr', regnum: CPSR_REGNUM, bits: 32, type: 'int', group: 'general', feature: 'core', read: (c) => [cpsr.get(c)], write: (c, w) => cpsr.set(c, w[0]) });
  return out;
}

function vfpRegs(first: number): GdbReg[] {
  const out: GdbReg[] = [];
  for (let d = 0; d < 32; d++) {
    out.push({
      name: `d${d}`, regnum: first + d, bits: 64, type: 'ieee_double', group: 'float', feature: 'vfp',
      read: (c) => [c.fp.dLo(d), c.fp.dHi(d)],
      write: (c, w) => c.fp.setD(d, w[0], w[1]),
    });
  }
  out.push({
    name: 'fpscr', regnum: first + 32, bits: 32, type: 'int', group: 'float', feature: 'vfp',
    read: (c) => [c.sys.fpscr >>> 0],
    write: (c, w) => { c.sys.fpscr = w[0] >>> 0; },
  });
  return out;
}

function hypscopeRegs(first: number): GdbReg[] {
  const out: GdbReg[] = [];
  let n = first;
  for (const g of BANK_GROUPS) {
    for (const name of g.regs) {
      const ref = resolveRegister(name);
      if (!ref) continue;
      out.push({ name, regnum: n++, bits: 32, type: 'uint32', group: 'banked', feature: 'hypscope', read: (c) => [ref.get(c)], write: (c, w) => ref.set(c, w[0]) });
    }
  }
  out.push({
    name: 'FPEXC', regnum: n++, bits: 32, type: 'uint32', group: 'system', feature: 'hypscope',
    read: (c) => [c.sys.fpexc >>> 0],
    write: (c, w) => { c.sys.fpexc = w[0] >>> 0; },
  });
  for (const [name, tableName] of SYSREG_NAMES) {
    const reg = lookupSysRegByName(tableName);
    if (!reg || reg.kind !== 'reg') continue;
    const wide = reg.width === 64;
    out.push({
      name, regnum: n++, bits: wide ? 64 : 32, type: wide ? 'uint64' : 'uint32', group: 'system', feature: 'hypscope',
      // readHi is defined to be called right after read (sysregs/types.ts).
      read: (c) => { const lo = reg.read(c) >>> 0; return wide ? [lo, reg.readHi(c) >>> 0] : [lo]; },
      write: (c, w) => {
        if (reg.access === 'r') throw new Error(`${name} is read-only`);
        reg.write(c, w[0] >>> 0, (w[1] ?? 0) >>> 0);
      },
    });
  }
  return out;
}

/** Every register, in remote-number order (which is also the `g` packet order). */
export function gdbRegisters(): readonly GdbReg[] {
  const core = coreRegs();
  const vfp = vfpRegs(CPSR_REGNUM + 1);
  const extra = hypscopeRegs(CPSR_REGNUM + 1 + vfp.length);
  return [...core, ...vfp, ...extra];
}

const FEATURES: Record<GdbReg['feature'], string> = {
  core: 'org.gnu.gdb.arm.core',
  vfp: 'org.gnu.gdb.arm.vfp',
  hypscope: 'org.hypscope.arm.virt',
};

/** target.xml: one document holding the three features (GDB manual, G.2 "Target Description Format"). */
export function targetXml(regs: readonly GdbReg[]): string {
  const lines = ['<?xml version="1.0"?>', '<!DOCTYPE target SYSTEM "gdb-target.dtd">', '<target version="1.0">', '  <architecture>arm</architecture>'];
  for (const f of ['core', 'vfp', 'hypscope'] as const) {
    lines.push(`  <feature name="${FEATURES[f]}">`);
    for (const r of regs) {
      if (r.feature !== f) continue;
      lines.push(`    <reg name="${r.name}" bitsize="${r.bits}" regnum="${r.regnum}" type="${r.type}"${r.group ? ` group="${r.group}"` : ''}/>`);
    }
    lines.push('  </feature>');
  }
  lines.push('</target>');
  return lines.join('\n') + '\n';
}

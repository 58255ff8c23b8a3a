// Runs T32 encodings whose semantics the A32 tables already implement (DSP multiplies, coprocessor
// and FP/SIMD space) by re-encoding them as the equivalent A32 word with cond = AL. A6.3.16-A6.3.18.

import type { Cpu } from '../../cpu/cpu';
import type { Decoder } from '../decoder';
import type { DisasmEnv } from '../instr';
import { UnknownEncoding } from '../../cpu/interpreter';
import { itc } from './common';

/** Execute the A32 encoding `a32` for the T32 instruction `t32` (unknown to the A32 table: stop). */
export function runA32(dec: Decoder, cpu: Cpu, a32: number, t32: number): void {
  const e = dec.decode(a32 >>> 0);
  if (!e) throw new UnknownEncoding(cpu.pc, t32 >>> 0, true);
  e.def.exec(cpu, a32 >>> 0);
}

/** A32 disassembly of `a32` with the IT condition appended to the mnemonic, as objdump prints T32. */
export function disA32(dec: Decoder, a32: number, t32: number, env: DisasmEnv): string {
  const e = dec.decode(a32 >>> 0);
  if (!e) return `.word\t0x${(t32 >>> 0).toString(16).padStart(8, '0')}`;
  const text = e.def.dis(a32 >>> 0, env);
  const c = itc(env);
  if (!c) return text;
  const tab = text.indexOf('\t');
  return tab < 0 ? text + c : text.slice(0, tab) + c + text.slice(tab);
}

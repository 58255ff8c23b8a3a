// How a run ends, in words: the RunError a stop reason becomes (message and exit code) and the
// JSON object of one exception-trace line; shared by `hypscope run` and its GDB stub.

import type { Machine, StopReason } from '../emulator/machine';
import type { ExceptionRecord } from '../emulator/cpu/exception-kinds';
import { modeName } from '../emulator/cpu/psr';
import { disassembleA32, disassembleT32 } from '../emulator/disasm/disasm';

export class RunError extends Error {
  constructor(message: string, readonly exitCode: number) {
    super(message);
  }
}

const hex = (v: number): string => `0x${(v >>> 0).toString(16).padStart(8, '0')}`;

/** One trace line: the documented format (README "Exception trace format"). */
export function traceObject(rec: ExceptionRecord): Record<string, string | number> {
  const o: Record<string, string | number> = {
    kind: rec.kind,
    from: modeName(rec.from),
    to: modeName(rec.to),
    pc: hex(rec.pc),
    vector: hex(rec.vector),
  };
  if (rec.hsr !== undefined) {
    o.hsr = hex(rec.hsr);
    o.ec = `0x${(rec.hsr >>> 26).toString(16).padStart(2, '0')}`;
  }
  if (rec.far !== undefined) o.far = hex(rec.far);
  if (rec.hpfar !== undefined) o.hpfar = hex(rec.hpfar);
  o.icount = rec.icount;
  return o;
}

export function describeStop(m: Machine, s: StopReason, limit: number): RunError | undefined {
  switch (s.kind) {
    case 'exit':
      return undefined;
    case 'limit':
      return new RunError(`instruction limit reached (${limit} instructions) at PC ${hex(m.cpu.pc)} in ${modeName(m.cpu.mode)} mode`, 3);
    case 'unknown-encoding': {
      const d = s.thumb
        ? disassembleT32(s.insn >>> 16 || s.insn, s.insn & 0xffff, s.pc)
        : disassembleA32(s.insn, s.pc);
      const enc = s.thumb && s.insn > 0xffff ? hex(s.insn) : `0x${(s.insn >>> 0).toString(16).padStart(s.thumb ? 4 : 8, '0')}`;
      return new RunError(
        `unknown encoding ${enc} (${s.thumb ? 'T32' : 'A32'}) at PC ${hex(s.pc)} in ${s.mode} mode: ` +
          `${d.encoding ? d.text : 'no decoder table matches'}; hypscope does not emulate this instruction`,
        4,
      );
    }
    case 'wfi-forever':
      return new RunError(`guest is waiting for an interrupt that can never arrive (WFI/WFE at PC ${hex(s.pc)} in ${s.mode} mode, no timer armed, nothing pending)`, 5);
    case 'stuck':
      return new RunError(s.message, 5);
    case 'reset':
      return new RunError('guest requested a system reset (PSCI SYSTEM_RESET)', 0);
    default:
      return new RunError(`run stopped unexpectedly (${s.kind})`, 5);
  }
}

// Custom DAP requests for the editor panels: hypscope.translate, hypscope.stage2Map and
// hypscope.exceptionLog (documented in README-section.md). B3.2 (address types), B3.6 (stage 2).

import type { DebugRuntime } from '../emulator/debug/runtime';
import { decodeHsr } from '../emulator/debug/hsr-decode';
import { describe } from '../emulator/debug/filters';
import { modeName } from '../emulator/cpu/psr';
import { stage2MapReport, translateReport, type TranslateSpace } from '../emulator/debug/translate';

export const CUSTOM_REQUESTS = ['hypscope.translate', 'hypscope.stage2Map', 'hypscope.exceptionLog'];

const hex = (v: number): string => `0x${(v >>> 0).toString(16)}`;

function obj(args: unknown): Record<string, unknown> {
  return args && typeof args === 'object' ? (args as Record<string, unknown>) : {};
}

/** "address" as a number or a "0x…"/decimal string, checked to be a 32-bit address. */
function address(v: unknown, what: string): number {
  const a = typeof v === 'string' && /^\s*(0x[0-9a-f]+|\d+)\s*$/i.test(v) ? Number(v) : v;
  if (typeof a !== 'number' || !Number.isInteger(a) || a < 0 || a > 0xffffffff) throw new Error(`${what}: "address" must be a 32-bit address (got ${JSON.stringify(v)})`);
  return a;
}

export function customRequest(rt: DebugRuntime, command: string, rawArgs: unknown): unknown {
  const args = obj(rawArgs);
  const m = rt.m;
  switch (command) {
    case 'hypscope.translate': {
      const a = address(args.address, 'hypscope.translate');
      const space = args.space ?? 'guest-va';
      if (space !== 'guest-va' && space !== 'ipa' && space !== 'hyp-va') throw new Error('hypscope.translate: "space" must be "guest-va", "ipa" or "hyp-va"');
      return translateReport(m, space as TranslateSpace, a);
    }
    case 'hypscope.stage2Map':
      return stage2MapReport(m);
    case 'hypscope.exceptionLog': {
      const count = args.count === undefined ? 100 : args.count;
      if (typeof count !== 'number' || !Number.isInteger(count) || count <= 0) throw new Error('hypscope.exceptionLog: "count" must be a positive integer');
      const log = m.exceptionLog;
      const entries = log.slice(-count).map((r) => {
        const d = r.hsr !== undefined ? decodeHsr(r.hsr) : undefined;
        return {
          kind: r.kind, from: modeName(r.from), to: modeName(r.to), pc: hex(r.pc), vector: hex(r.vector),
          hsr: d ? hex(d.hsr) : undefined, ec: d ? hex(d.ec) : undefined, ecName: d?.ecName,
          far: r.far !== undefined ? hex(r.far) : undefined, hpfar: r.hpfar !== undefined ? hex(r.hpfar) : undefined,
          icount: r.icount, description: describe(r, rt.catalog),
        };
      });
      return { total: log.length, entries };
    }
    default:
      throw new Error(`unknown request '${command}'`);
  }
}

// Custom DAP requests for the editor panels: hypscope.translate, hypscope.stage2Map and
// hypscope.exceptionLog (documented in README-section.md). B3.2 (address types), B3.6 (stage 2).

import type { DebugRuntime } from '../emulator/debug/runtime';
import { decodeHsr } from '../emulator/debug/hsr-decode';
import { describe } from '../emulator/debug/filters';
import { modeName } from '../emulator/cpu/psr';
import { flatTranslate } from '../emulator/debug/memory';

export const CUSTOM_REQUESTS = ['hypscope.translate', 'hypscope.stage2Map', 'hypscope.exceptionLog'];

const hex = (v: number): string => `0x${(v >>> 0).toString(16)}`;

function obj(args: unknown): Record<string, unknown> {
  return args && typeof args === 'object' ? (args as Record<string, unknown>) : {};
}

export function customRequest(rt: DebugRuntime, command: string, rawArgs: unknown): unknown {
  const args = obj(rawArgs);
  const m = rt.m;
  const s = m.cpu.sys;
  switch (command) {
    case 'hypscope.translate': {
      const a = typeof args.address === 'string' ? Number(args.address) : args.address;
      if (typeof a !== 'number' || !Number.isInteger(a) || a < 0 || a > 0xffffffff) throw new Error('hypscope.translate: "address" must be a 32-bit address');
      const space = args.space ?? 'guest-va';
      if (space !== 'guest-va' && space !== 'ipa' && space !== 'hyp-va') throw new Error('hypscope.translate: "space" must be "guest-va", "ipa" or "hyp-va"');
      const pa = flatTranslate(m, space, a);
      if (pa === undefined) {
        // The walk with its steps needs the MMU's debug walk API (emulator/mmu/walk-api.ts).
        throw new Error('hypscope.translate: translation is enabled for this regime, and the MMU walk API (emulator/mmu/walk-api.ts) is not available yet');
      }
      const why = space === 'hyp-va' ? 'HSCTLR.M = 0: Hyp stage 1 off' : space === 'ipa' ? 'HCR.VM = 0: stage 2 off' : 'SCTLR.M = 0 and HCR.VM = 0: both stages off';
      return { address: a, space, steps: [], result: pa, note: `flat mapping (${why})` };
    }
    case 'hypscope.stage2Map': {
      const enabled = (s.hcr & 1) === 1;
      const base = { enabled, vmid: s.vmid, vttbr: `0x${s.vttbrHi.toString(16).padStart(8, '0')}${s.vttbrLo.toString(16).padStart(8, '0')}`, vtcr: hex(s.vtcr) };
      if (!enabled) return { ...base, regions: [] };
      throw new Error('hypscope.stage2Map: stage 2 is enabled, and the MMU walk API (emulator/mmu/walk-api.ts) is not available yet');
    }
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

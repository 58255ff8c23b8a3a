// Debug Console commands (`help`, `translate <addr> [space]`, `exceptions [n]`): text answers over
// the runtime; anything else is an expression for the evaluator.

import type { DebugRuntime } from '../emulator/debug/runtime';
import { evaluate } from '../emulator/debug/expr';
import { customRequest } from './custom';
import { describe } from '../emulator/debug/filters';

const HELP = `hypscope Debug Console
  <expression>             C-like expression: registers of any bank (r0, sp_svc, spsr_hyp, elr_hyp),
                           system registers and fields (HCR, HCR.VM, VTTBR.VMID), symbols (&sym, sym),
                           memory (*(u32*)0x40000000, *(u8*)addr), arithmetic (+ - * / % << >> & | ^ ~ ! == ...)
  translate <addr> [space] walk the translation of an address; space = guest-va (default), ipa, hyp-va
  exceptions [n]           the last n exceptions taken (default 20)
  help                     this text`;

const hex = (v: number): string => `0x${(v >>> 0).toString(16)}`;

/** Returns the console's answer, or undefined when the text is an expression. */
export function consoleCommand(rt: DebugRuntime, text: string): string | undefined {
  const [cmd, ...rest] = text.split(/\s+/);
  if (cmd === 'help' || cmd === '?') return HELP;
  if (cmd === 'translate') {
    if (rest.length === 0) throw new Error('usage: translate <addr> [guest-va|ipa|hyp-va]');
    const space = rest.length > 1 && /^(guest-va|ipa|hyp-va)$/.test(rest[rest.length - 1]) ? rest.pop()! : 'guest-va';
    const addr = evaluate(rest.join(' '), rt.exprEnv()).value;
    if (typeof addr !== 'number') throw new Error('translate: the address must be a number');
    const res = customRequest(rt, 'hypscope.translate', { address: addr, space }) as { steps: { stage: number; level: number; text: string }[]; result?: number; fault?: string; note?: string };
    const lines = [`translate ${hex(addr)} (${space})`];
    for (const s of res.steps) lines.push(`  stage ${s.stage} level ${s.level}: ${s.text}`);
    if (res.note) lines.push(`  ${res.note}`);
    lines.push(res.fault ? `  fault: ${res.fault}` : `  => PA ${hex(res.result ?? 0)}`);
    return lines.join('\n');
  }
  if (cmd === 'exceptions') {
    const n = rest.length ? Number(rest[0]) : 20;
    if (!Number.isInteger(n) || n <= 0) throw new Error('usage: exceptions [n]');
    const log = rt.m.exceptionLog.slice(-n);
    if (log.length === 0) return 'no exceptions taken yet';
    return log.map((r) => `#${r.icount} ${hex(r.pc)} ${describe(r, rt.catalog)}`).join('\n');
  }
  return undefined;
}

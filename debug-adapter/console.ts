// Debug Console commands (`help`, `translate <addr> [space]`, `exceptions [n]`): text answers over
// the runtime; anything else is an expression for the evaluator.

import type { DebugRuntime } from '../emulator/debug/runtime';
import { evaluate } from '../emulator/debug/expr';
import { describe } from '../emulator/debug/filters';
import { stage2MapReport, translateReport, translateText, type TranslateSpace } from '../emulator/debug/translate';

const HELP = `hypscope Debug Console
  <expression>             C-like expression: registers of any bank (r0, sp_svc, spsr_hyp, elr_hyp),
                           system registers and fields (HCR, HCR.VM, VTTBR.VMID, HSR.SRT), symbols (&sym, sym),
                           memory (*(u32*)0x40000000, *(u8*)addr), arithmetic (+ - * / % << >> & | ^ ~ ! == ...)
  translate <addr> [space] walk the translation of an address through every stage and level, with each
                           descriptor; space = guest-va (default: stage 1 then stage 2), ipa, hyp-va
  stage2                   the stage-2 map: IPA -> PA regions with access and memory type
  exceptions [n]           the last n exceptions taken (default 20)
  uart <text>              type <text> and Enter (CR) into the guest's UART receive FIFO
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
    if (addr < 0 || addr > 0xffffffff || !Number.isInteger(addr)) throw new Error(`translate: ${addr} is not a 32-bit address`);
    return translateText(translateReport(rt.m, space as TranslateSpace, addr));
  }
  if (cmd === 'stage2' && rest.length === 0) {
    const map = stage2MapReport(rt.m);
    const lines = [`stage 2 ${map.enabled ? 'on' : 'off (HCR.VM = 0)'}, VMID ${map.vmid}, VTTBR ${map.vttbr}, VTCR ${map.vtcr}`];
    for (const r of map.regions) {
      const end = (Number(r.ipa) + r.size - 1).toString(16);
      lines.push(`  IPA ${r.ipa}-0x${end} -> PA ${r.pa}  ${r.access}${r.xn ? ' XN' : ''}${r.af ? '' : ' AF=0'}  ${r.memoryType}`);
    }
    for (const p of map.problems) lines.push(`  note: ${p}`);
    return lines.join('\n');
  }
  if (cmd === 'uart') {
    const body = text.replace(/^uart\s?/, '');
    rt.m.sendInput(`${body}\r`);
    return `sent ${body.length + 1} bytes to the UART receive FIFO`;
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

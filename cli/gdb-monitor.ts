// `monitor` commands of the GDB stub (qRcmd): the exception log, address translation walks and the
// decoded HSR. B3.13.6 (HSR), B3.6/B3.12 (translation walks); output is plain text for gdb's console.

import type { Machine } from '../emulator/machine';
import { Mode, modeName } from '../emulator/cpu/psr';
import { decodeHsr } from '../emulator/debug/hsr-decode';
import { translateReport, translateText, type TranslateSpace } from '../emulator/debug/translate';
import { parseHexField } from './gdb-packets';
import { traceObject } from './stop';

const hex = (v: number): string => `0x${(v >>> 0).toString(16).padStart(8, '0')}`;

const HELP = `hypscope monitor commands:
  monitor exceptions [N]            the last N exceptions taken and returned from (default 20)
  monitor translate ADDR [SPACE]    walk ADDR through the translation tables; SPACE is guest-va
                                    (stage 1 + 2), ipa (stage 2 only) or hyp-va; default: the current regime
  monitor hsr                       HSR decoded: exception class and ISS fields
  monitor help                      this text
`;

function exceptionsText(m: Machine, arg: string | undefined): string {
  const n = arg === undefined ? 20 : Number(arg);
  if (!Number.isInteger(n) || n <= 0) return `exceptions: '${arg}' is not a positive count\n`;
  const log = m.exceptionLog;
  if (log.length === 0) return 'no exceptions taken yet\n';
  const lines = [`last ${Math.min(n, log.length)} of ${log.length} exceptions (oldest first):`];
  for (const rec of log.slice(-n)) {
    const o = traceObject(rec);
    let line = `  #${o.icount} ${rec.kind} ${o.from} -> ${o.to} pc=${o.pc}`;
    if (rec.kind !== 'eret') line += ` vector=${o.vector}`;
    if (rec.hsr !== undefined) line += ` hsr=${o.hsr} (${decodeHsr(rec.hsr).ecName})`;
    if (o.far !== undefined) line += ` far=${o.far}`;
    if (o.hpfar !== undefined) line += ` hpfar=${o.hpfar}`;
    lines.push(line);
  }
  return lines.join('\n') + '\n';
}

function translateCmd(m: Machine, args: string[]): string {
  const [a, s] = args;
  const addr = parseHexField(a?.replace(/^0x/i, ''));
  if (a === undefined || addr === undefined) return 'usage: monitor translate ADDR [guest-va|ipa|hyp-va]  (ADDR in hex)\n';
  const space = (s ?? (m.cpu.mode === Mode.HYP ? 'hyp-va' : 'guest-va')) as TranslateSpace;
  if (space !== 'guest-va' && space !== 'ipa' && space !== 'hyp-va') return `translate: unknown space '${s}' (guest-va, ipa or hyp-va)\n`;
  return translateText(translateReport(m, space, addr)) + '\n';
}

function hsrText(m: Machine): string {
  const d = decodeHsr(m.cpu.sys.hsr);
  const lines = [`HSR = ${hex(d.hsr)}: EC 0x${d.ec.toString(16).padStart(2, '0')} ${d.ecName} (${d.ecDescription}), IL ${d.il}, ISS 0x${d.iss.toString(16)}`];
  for (const f of d.fields) lines.push(`  ${f.name.padEnd(10)} 0x${f.value.toString(16)}${f.text ? `  ${f.text}` : ''}`);
  const s = m.cpu.sys;
  lines.push(`  ELR_hyp ${hex(m.cpu.elrHyp)}  SPSR_hyp ${hex(m.cpu.spsrBank[7])}  HDFAR ${hex(s.hdfar)}  HIFAR ${hex(s.hifar)}  HPFAR ${hex(s.hpfar)}`);
  lines.push(`  (current mode: ${modeName(m.cpu.mode)})`);
  return lines.join('\n') + '\n';
}

/** Run one monitor command line; returns the text for gdb's console. */
export function monitorCommand(m: Machine, line: string): string {
  const [cmd, ...args] = line.trim().split(/\s+/);
  switch (cmd) {
    case '':
    case 'help':
      return HELP;
    case 'exceptions':
      return exceptionsText(m, args[0]);
    case 'translate':
      return translateCmd(m, args);
    case 'hsr':
      return hsrText(m);
    default:
      return `unknown monitor command '${cmd}' (try 'monitor help')\n`;
  }
}

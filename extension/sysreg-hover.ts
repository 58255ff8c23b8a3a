// Editor hovers: MCR/MRC/MCRR/MRRC operands name their system register with its fields (from the
// emulator's table), and register names show live values while a hypscope session is paused.

import * as vscode from 'vscode';
import { describeSysReg, lookupSysRegName, lookupTransfer, parseCpTransfer, encodingText } from './cp-operands';
import { evaluate } from './adapter-client';
import { parseEvaluated, type SessionTracker } from './session-tracker';

/** Banked and core register names the adapter evaluates (B1.3.2 Table B1-2). */
const CORE_REG = /^(r(1[0-5]|[0-9])(_(usr|fiq|irq|svc|abt|und|hyp|mon))?|(sp|lr)(_(usr|fiq|irq|svc|abt|und|hyp|mon))?|elr_hyp|spsr(_(fiq|irq|svc|abt|und|hyp|mon))?|cpsr|apsr|pc)$/i;

export class SysRegHoverProvider implements vscode.HoverProvider {
  constructor(private readonly tracker: SessionTracker) {}

  async provideHover(doc: vscode.TextDocument, pos: vscode.Position): Promise<vscode.Hover | undefined> {
    const line = doc.lineAt(pos.line).text;
    const t = parseCpTransfer(line);
    if (t && pos.character >= t.start && pos.character <= t.end) {
      const reg = lookupTransfer(t);
      const md = new vscode.MarkdownString();
      if (!reg) {
        md.appendMarkdown(`\`${encodingText(t)}\`: no register with this encoding in hypscope's system-register table (UNDEFINED on a Cortex-A15).`);
        return new vscode.Hover(md, new vscode.Range(pos.line, t.start, pos.line, t.end));
      }
      const live = reg.kind === 'reg' ? await this.liveValue(reg.name, reg.width === 64) : undefined;
      md.appendMarkdown(`${t.read ? 'Reads' : 'Writes'} ` + describeSysReg(reg, live));
      return new vscode.Hover(md, new vscode.Range(pos.line, t.start, pos.line, t.end));
    }
    const range = doc.getWordRangeAtPosition(pos, /[A-Za-z_][A-Za-z0-9_]*/);
    if (!range) return undefined;
    const word = doc.getText(range);
    const reg = lookupSysRegName(word);
    if (reg && reg.kind === 'reg' && /[A-Z]/.test(word[0])) {
      const live = await this.liveValue(reg.name, reg.width === 64);
      if (!live && !this.tracker.session) return undefined; // plain identifiers stay quiet when not debugging
      return new vscode.Hover(new vscode.MarkdownString(describeSysReg(reg, live)), range);
    }
    if (CORE_REG.test(word) && /_/.test(word) && this.tracker.session) {
      const s = this.tracker.session;
      if (!this.tracker.lastStop(s)) return undefined;
      const r = await evaluate(s, word);
      if (!r.ok) return undefined;
      return new vscode.Hover(new vscode.MarkdownString(`**${word}** = \`${r.value}\``), range);
    }
    return undefined;
  }

  /** Live value of a system register while a hypscope session is paused. */
  private async liveValue(name: string, is64: boolean): Promise<{ lo: number; hi: number } | undefined> {
    const s = this.tracker.session;
    if (!s || !this.tracker.lastStop(s)) return undefined;
    const r = await evaluate(s, name);
    if (!r.ok) return undefined;
    const text = r.value.trim();
    if (is64) {
      const m = /^0x([0-9a-f_]+)/i.exec(text);
      if (m) {
        const big = BigInt('0x' + m[1].replace(/_/g, ''));
        return { lo: Number(big & 0xffffffffn), hi: Number((big >> 32n) & 0xffffffffn) };
      }
    }
    const v = parseEvaluated(text);
    return v === undefined ? undefined : { lo: v >>> 0, hi: 0 };
  }
}

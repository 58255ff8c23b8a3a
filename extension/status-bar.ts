// Status bar item while a hypscope session is paused: the CPU mode (CPSR.M, B1.3.1) and the VMID of
// VTTBR (B4.1.160), so the user sees at a glance whether a stop is in the guest or in Hyp.

import * as vscode from 'vscode';
import { modeName } from '../emulator/cpu/psr';
import { evaluate, stage2Map } from './adapter-client';
import { parseEvaluated, type SessionTracker } from './session-tracker';

export class ModeStatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private readonly subs: vscode.Disposable[] = [];
  private generation = 0;

  constructor(private readonly tracker: SessionTracker) {
    this.item = vscode.window.createStatusBarItem('hypscope.mode', vscode.StatusBarAlignment.Left, 50);
    this.item.name = 'hypscope mode and VMID';
    this.item.command = 'hypscope.openStage2';
    this.subs.push(
      tracker.onStop((e) => void this.refresh(e.session)),
      tracker.onRun(() => this.showRunning()),
      tracker.onEnd(() => this.item.hide()),
      // The start event can arrive after the first stop (stopOnEntry): only say running if not paused.
      vscode.debug.onDidStartDebugSession((s) => { if (s.type === 'hypscope' && !tracker.lastStop(s)) this.showRunning(); }),
    );
  }

  private showRunning(): void {
    this.generation++;
    this.item.text = '$(debug-alt) hypscope: running';
    this.item.tooltip = 'hypscope: the guest is running';
    this.item.show();
  }

  async refresh(session: vscode.DebugSession): Promise<void> {
    const gen = ++this.generation;
    const [cpsr, map] = await Promise.all([evaluate(session, 'cpsr'), stage2Map(session)]);
    if (gen !== this.generation) return;
    const psr = cpsr.ok ? parseEvaluated(cpsr.value) : undefined;
    let vmid: number | undefined = map.ok ? map.value.vmid : undefined;
    if (vmid === undefined) {
      // VMID is VTTBR[55:48] (B4.1.160): take it from the whole 64-bit register, since a field
      // lookup through a 32-bit read would see only the low word (BADDR) and report 0.
      const v = await evaluate(session, 'VTTBR');
      const raw = v.ok ? /^\s*0x([0-9a-f]{1,16})/i.exec(v.value) : null;
      vmid = raw ? Number((BigInt(`0x${raw[1]}`) >> 48n) & 0xffn) : undefined;
      if (gen !== this.generation) return;
    }
    const mode = psr === undefined ? '?' : modeName(psr).toUpperCase();
    const s2 = map.ok ? (map.value.enabled ? 'stage 2 on' : 'stage 2 off') : 'stage 2 unknown';
    this.item.text = `$(debug-pause) ${mode} · VMID ${vmid ?? '?'}`;
    this.item.tooltip = new vscode.MarkdownString(
      `**hypscope** paused in **${mode}** mode\n\nVMID ${vmid ?? 'unknown'} · ${s2}` +
        (cpsr.ok ? `\n\nCPSR ${cpsr.value}` : `\n\nCPSR unavailable: ${cpsr.error}`) + '\n\nClick to open the Stage-2 panel.',
    );
    this.item.show();
  }

  dispose(): void {
    for (const s of this.subs) s.dispose();
    this.item.dispose();
  }
}

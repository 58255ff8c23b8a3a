// The "Exceptions" webview panel (host side): fetches hypscope.exceptionLog on every stop, sends it
// as columns, answers detail requests with the decoded syndrome and reveals an entry's PC in source.

import * as vscode from 'vscode';
import { exceptionLog } from '../adapter-client';
import type { SessionTracker } from '../session-tracker';
import type { ExceptionEntry } from '../protocol';
import { revealAddress } from '../source-reveal';
import { entryDetail, toColumns } from './exception-model';
import { webviewHtml, webviewRoots } from './webview-html';

type FromWebview = { type: 'ready' } | { type: 'refresh' } | { type: 'detail'; index: number } | { type: 'reveal'; index: number };

export class ExceptionsPanel implements vscode.Disposable {
  static current: ExceptionsPanel | undefined;
  private readonly panel: vscode.WebviewPanel;
  private readonly subs: vscode.Disposable[] = [];
  private entries: ExceptionEntry[] = [];

  static show(ctx: vscode.ExtensionContext, tracker: SessionTracker): ExceptionsPanel {
    if (ExceptionsPanel.current) {
      ExceptionsPanel.current.panel.reveal(undefined, true);
      return ExceptionsPanel.current;
    }
    ExceptionsPanel.current = new ExceptionsPanel(ctx, tracker);
    return ExceptionsPanel.current;
  }

  private constructor(ctx: vscode.ExtensionContext, private readonly tracker: SessionTracker) {
    this.panel = vscode.window.createWebviewPanel('hypscope.exceptions', 'Exceptions', { viewColumn: vscode.ViewColumn.Two, preserveFocus: true }, {
      enableScripts: true,
      retainContextWhenHidden: true,
      localResourceRoots: webviewRoots(ctx.extensionUri),
    });
    this.panel.webview.html = webviewHtml(this.panel.webview, ctx.extensionUri, {
      title: 'Exceptions', script: 'exceptions.js', style: 'exceptions.css', body: '<div id="app" class="app">Loading…</div>',
    });
    this.subs.push(
      this.panel.onDidDispose(() => this.dispose()),
      this.panel.webview.onDidReceiveMessage((m: FromWebview) => void this.onMessage(m)),
      tracker.onStop(() => void this.refresh()),
      tracker.onRun(() => void this.panel.webview.postMessage({ type: 'running' })),
      tracker.onEnd(() => void this.panel.webview.postMessage({ type: 'nosession' })),
    );
  }

  /** For tests and demos: show a synthetic log (e.g. 100,000 entries) without a session. */
  showEntries(entries: ExceptionEntry[], note: string): void {
    this.entries = entries;
    void this.panel.webview.postMessage({ type: 'log', columns: toColumns(entries), note });
  }

  private async onMessage(m: FromWebview): Promise<void> {
    switch (m.type) {
      case 'ready':
      case 'refresh':
        await this.refresh();
        return;
      case 'detail': {
        const e = this.entries[m.index];
        if (e) void this.panel.webview.postMessage({ type: 'detail', detail: entryDetail(e, m.index) });
        return;
      }
      case 'reveal': {
        const e = this.entries[m.index];
        const s = this.tracker.session;
        if (e && s) await revealAddress(s, e.pc);
        return;
      }
    }
  }

  async refresh(): Promise<void> {
    const s = this.tracker.session;
    if (!s) {
      if (this.entries.length === 0) void this.panel.webview.postMessage({ type: 'nosession' });
      return;
    }
    const stop = this.tracker.lastStop(s);
    if (!stop) {
      void this.panel.webview.postMessage({ type: 'running' });
      return;
    }
    const r = await exceptionLog(s);
    if (!r.ok) {
      void this.panel.webview.postMessage({ type: 'error', error: `hypscope.exceptionLog failed: ${r.error}` });
      return;
    }
    this.entries = r.value.entries;
    const total = r.value.total;
    void this.panel.webview.postMessage({ type: 'log', columns: toColumns(this.entries, total), note: stop.description ?? `stopped: ${stop.reason}` });
  }

  dispose(): void {
    ExceptionsPanel.current = undefined;
    for (const d of this.subs) d.dispose();
    this.panel.dispose();
  }
}

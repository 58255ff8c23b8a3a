// The "Stage-2 translation" webview panel (host side): fetches hypscope.stage2Map on every stop,
// reads stage-2 tables on demand through readMemory, walks single addresses with hypscope.translate.

import * as vscode from 'vscode';
import { readMemory, stage2Map, translate } from '../adapter-client';
import type { SessionTracker } from '../session-tracker';
import type { Stage2RegionInfo, TranslateSpace } from '../protocol';
import { decodeHeader, decodeTable, diffRegions } from './stage2-model';
import { webviewHtml, webviewRoots } from './webview-html';

type FromWebview =
  | { type: 'ready' }
  | { type: 'refresh' }
  | { type: 'expand'; id: string; address: number; level: number; entries: number; ipaBase: number }
  | { type: 'walk'; address: string; space: TranslateSpace }
  | { type: 'memory'; space: string; address: number };

const MAX_TABLE_BYTES = 8 * 8192;

export class Stage2Panel implements vscode.Disposable {
  static current: Stage2Panel | undefined;
  private readonly panel: vscode.WebviewPanel;
  private readonly subs: vscode.Disposable[] = [];
  /** Regions at the previous stop (the baseline for highlighting) and at the latest one. */
  private baseline: Stage2RegionInfo[] | undefined;
  private latest: { session: string; stop: number; regions: Stage2RegionInfo[] } | undefined;
  /** Descriptors seen at the previous stop (address -> raw) and the ones read since this stop. */
  private prevDesc = new Map<number, string>();
  private curDesc = new Map<number, string>();
  /** Tables read at the previous stop and since this one: only those can say what changed. */
  private prevTables = new Set<number>();
  private curTables = new Set<number>();
  private stopNumber = 0;

  static show(ctx: vscode.ExtensionContext, tracker: SessionTracker, openMemory: (space: string, address: number) => void): Stage2Panel {
    if (Stage2Panel.current) {
      Stage2Panel.current.panel.reveal(undefined, true);
      return Stage2Panel.current;
    }
    Stage2Panel.current = new Stage2Panel(ctx, tracker, openMemory);
    return Stage2Panel.current;
  }

  private constructor(ctx: vscode.ExtensionContext, private readonly tracker: SessionTracker, private readonly openMemory: (space: string, address: number) => void) {
    this.panel = vscode.window.createWebviewPanel('hypscope.stage2', 'Stage-2 translation', { viewColumn: vscode.ViewColumn.Two, preserveFocus: true }, {
      enableScripts: true,
      retainContextWhenHidden: true,
      localResourceRoots: webviewRoots(ctx.extensionUri),
    });
    this.panel.webview.html = webviewHtml(this.panel.webview, ctx.extensionUri, {
      title: 'Stage-2 translation', script: 'stage2.js', style: 'stage2.css', body: '<div id="app" class="app">Loading…</div>',
    });
    this.subs.push(
      this.panel.onDidDispose(() => this.dispose()),
      this.panel.webview.onDidReceiveMessage((m: FromWebview) => void this.onMessage(m)),
      tracker.onStop(() => void this.refresh()),
      tracker.onRun(() => void this.post({ type: 'running' })),
      tracker.onEnd(() => void this.post({ type: 'nosession' })),
    );
  }

  /** Walk one address (the "Translate Address" command) and show the steps in the panel. */
  walk(address: number, space: TranslateSpace): void {
    void this.onMessage({ type: 'walk', address: `0x${address.toString(16)}`, space });
    void this.post({ type: 'walkInput', address: `0x${address.toString(16)}`, space });
  }

  private post(msg: unknown): Thenable<boolean> {
    return this.panel.webview.postMessage(msg);
  }

  private async onMessage(m: FromWebview): Promise<void> {
    const s = this.tracker.session;
    switch (m.type) {
      case 'ready':
      case 'refresh':
        await this.refresh();
        return;
      case 'expand': {
        if (!s) return;
        const bytes = Math.min(MAX_TABLE_BYTES, Math.max(8, m.entries * 8));
        const r = await readMemory(s, `phys:0x${m.address.toString(16).padStart(8, '0')}`, bytes);
        if (!r.ok) {
          void this.post({ type: 'table', id: m.id, error: r.error, rows: [] });
          return;
        }
        // A table nobody read at the previous stop (e.g. the panel opened since) has no baseline.
        const rows = decodeTable(r.value, m.address, m.level, m.ipaBase, this.prevTables.has(m.address) ? this.prevDesc : undefined);
        for (const row of rows) this.curDesc.set(row.address, row.raw);
        this.curTables.add(m.address);
        void this.post({ type: 'table', id: m.id, rows, truncated: r.value.length < bytes });
        return;
      }
      case 'walk': {
        if (!s) return;
        const address = Number(m.address.trim());
        if (!Number.isFinite(address) || address < 0 || address > 0xffffffff) {
          void this.post({ type: 'walk', error: `not an address: ${m.address}` });
          return;
        }
        const r = await translate(s, address, m.space);
        void this.post(r.ok ? { type: 'walk', space: m.space, result: r.value } : { type: 'walk', error: r.error });
        return;
      }
      case 'memory':
        this.openMemory(m.space, m.address);
        return;
    }
  }

  async refresh(): Promise<void> {
    const s = this.tracker.session;
    if (!s) {
      void this.post({ type: 'nosession' });
      return;
    }
    const stop = this.tracker.lastStop(s);
    if (!stop) {
      void this.post({ type: 'running' });
      return;
    }
    if (stop.stopNumber !== this.stopNumber) {
      this.stopNumber = stop.stopNumber;
      if (this.curTables.size) {
        this.prevDesc = this.curDesc;
        this.prevTables = this.curTables;
      }
      this.curDesc = new Map();
      this.curTables = new Set();
    }
    const r = await stage2Map(s);
    if (!r.ok) {
      void this.post({ type: 'error', error: `hypscope.stage2Map failed: ${r.error}` });
      return;
    }
    const now = r.value.regions ?? [];
    if (!this.latest || this.latest.session !== s.id) this.baseline = undefined;
    else if (this.latest.stop !== stop.stopNumber) this.baseline = this.latest.regions;
    this.latest = { session: s.id, stop: stop.stopNumber, regions: now };
    const regions = diffRegions(this.baseline, now);
    void this.post({ type: 'state', stop: { reason: stop.reason, description: stop.description, n: stop.stopNumber }, header: decodeHeader(r.value), regions, problems: r.value.problems ?? [] });
  }

  dispose(): void {
    Stage2Panel.current = undefined;
    for (const d of this.subs) d.dispose();
    this.panel.dispose();
  }
}

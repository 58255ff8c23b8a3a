// Follows hypscope debug sessions through the adapter's DAP events, so panels and the status bar
// refresh on every stop (VS Code DebugAdapterTracker API; DAP 'stopped'/'continued' events).

import * as vscode from 'vscode';
import { DEBUG_TYPE } from './config-provider';

export interface StopEvent {
  readonly session: vscode.DebugSession;
  readonly reason: string;
  readonly description?: string;
  /** Count of stops in this session, 1 for the first. */
  readonly stopNumber: number;
}

interface DapMessage {
  type?: string;
  event?: string;
  body?: { reason?: string; description?: string; text?: string };
}

export class SessionTracker implements vscode.Disposable {
  private readonly stopEmitter = new vscode.EventEmitter<StopEvent>();
  private readonly runEmitter = new vscode.EventEmitter<vscode.DebugSession>();
  private readonly endEmitter = new vscode.EventEmitter<vscode.DebugSession>();
  readonly onStop = this.stopEmitter.event;
  readonly onRun = this.runEmitter.event;
  readonly onEnd = this.endEmitter.event;
  private readonly stopped = new Map<string, StopEvent>();
  private readonly counts = new Map<string, number>();
  private readonly subs: vscode.Disposable[] = [];

  constructor() {
    this.subs.push(
      vscode.debug.registerDebugAdapterTrackerFactory(DEBUG_TYPE, { createDebugAdapterTracker: (s) => this.tracker(s) }),
      vscode.debug.onDidTerminateDebugSession((s) => {
        if (s.type !== DEBUG_TYPE) return;
        this.stopped.delete(s.id);
        this.counts.delete(s.id);
        this.endEmitter.fire(s);
      }),
    );
  }

  /** The hypscope session the user is looking at (the active one, else any). */
  get session(): vscode.DebugSession | undefined {
    const a = vscode.debug.activeDebugSession;
    if (a?.type === DEBUG_TYPE) return a;
    return undefined;
  }

  /** The last stop of a session that has not continued since, if any. */
  lastStop(session: vscode.DebugSession | undefined): StopEvent | undefined {
    return session ? this.stopped.get(session.id) : undefined;
  }

  private tracker(session: vscode.DebugSession): vscode.DebugAdapterTracker {
    return {
      onDidSendMessage: (m: DapMessage) => {
        if (m.type !== 'event') return;
        if (m.event === 'stopped') {
          const n = (this.counts.get(session.id) ?? 0) + 1;
          this.counts.set(session.id, n);
          const ev: StopEvent = { session, reason: m.body?.reason ?? 'pause', description: m.body?.description ?? m.body?.text, stopNumber: n };
          this.stopped.set(session.id, ev);
          // Let VS Code process the stop first (threads, stack) before panels send their requests.
          setTimeout(() => this.stopEmitter.fire(ev), 50);
        } else if (m.event === 'continued') {
          this.stopped.delete(session.id);
          this.runEmitter.fire(session);
        }
      },
      onWillReceiveMessage: (m: { type?: string; command?: string }) => {
        if (m.type === 'request' && (m.command === 'continue' || m.command === 'next' || m.command === 'stepIn' || m.command === 'stepOut' || m.command === 'reverseContinue' || m.command === 'stepBack')) {
          this.stopped.delete(session.id);
          this.runEmitter.fire(session);
        }
      },
    };
  }

  dispose(): void {
    for (const s of this.subs) s.dispose();
    this.stopEmitter.dispose();
    this.runEmitter.dispose();
    this.endEmitter.dispose();
  }
}

/** Parse a number out of an evaluate result ("0x600001d3", "1610613203", "0x1d3 (Hyp)"). */
export function parseEvaluated(text: string | undefined): number | undefined {
  if (!text) return undefined;
  const m = /^\s*(0x[0-9a-fA-F]+|\d+)/.exec(text);
  return m ? Number(m[1]) : undefined;
}

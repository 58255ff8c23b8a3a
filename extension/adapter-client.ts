// Typed wrappers over the hypscope adapter's custom DAP requests and the standard ones the editor
// features need (evaluate, readMemory). Errors come back as undefined plus a message, never thrown.

import * as vscode from 'vscode';
import type { ExceptionLogResponse, Stage2MapResponse, TranslateResponse, TranslateSpace } from './protocol';
import { normalizeExceptionLog, normalizeStage2Map, normalizeTranslate } from './normalize';

export type Answer<T> = { ok: true; value: T } | { ok: false; error: string };

async function ask<T>(session: vscode.DebugSession, command: string, args?: unknown): Promise<Answer<T>> {
  try {
    const value = (await session.customRequest(command, args)) as T;
    return { ok: true, value };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
}

export async function translate(s: vscode.DebugSession, address: number, space: TranslateSpace): Promise<Answer<TranslateResponse>> {
  const r = await ask<unknown>(s, 'hypscope.translate', { address: address >>> 0, space });
  return r.ok ? { ok: true, value: normalizeTranslate(r.value, address) } : r;
}

export async function stage2Map(s: vscode.DebugSession): Promise<Answer<Stage2MapResponse>> {
  const r = await ask<unknown>(s, 'hypscope.stage2Map', {});
  return r.ok ? { ok: true, value: normalizeStage2Map(r.value) } : r;
}

/** The panel shows up to this many of the most recent exceptions. */
export const LOG_LIMIT = 100_000;

export async function exceptionLog(s: vscode.DebugSession): Promise<Answer<ExceptionLogResponse>> {
  const r = await ask<unknown>(s, 'hypscope.exceptionLog', { count: LOG_LIMIT });
  return r.ok ? { ok: true, value: normalizeExceptionLog(r.value) } : r;
}

/** Current top frame id of the first thread, for evaluate in the right context. */
async function topFrame(s: vscode.DebugSession): Promise<number | undefined> {
  const item = vscode.debug.activeStackItem;
  if (item && item.session.id === s.id && item instanceof vscode.DebugStackFrame) return item.frameId;
  const st = await ask<{ stackFrames: { id: number }[] }>(s, 'stackTrace', { threadId: item?.threadId ?? 1, startFrame: 0, levels: 1 });
  return st.ok ? st.value.stackFrames[0]?.id : undefined;
}

export async function evaluate(s: vscode.DebugSession, expression: string, context: 'hover' | 'watch' = 'hover'): Promise<Answer<string>> {
  const frameId = await topFrame(s);
  const r = await ask<{ result: string }>(s, 'evaluate', { expression, context, frameId });
  return r.ok ? { ok: true, value: r.value.result } : r;
}

/** Read memory through DAP readMemory; memoryReference is "space:0xADDR" as the adapter defines it. */
export async function readMemory(s: vscode.DebugSession, memoryReference: string, count: number): Promise<Answer<Uint8Array>> {
  const r = await ask<{ address: string; data?: string; unreadableBytes?: number }>(s, 'readMemory', { memoryReference, offset: 0, count });
  if (!r.ok) return r;
  return { ok: true, value: r.value.data ? new Uint8Array(Buffer.from(r.value.data, 'base64')) : new Uint8Array(0) };
}

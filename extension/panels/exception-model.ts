// The exception timeline's data: swimlanes per privilege (PL0 usr, PL1 modes, Hyp; B1.3.1 Table B1-1)
// in compact columns for the webview, and one entry's syndrome decoded (B3.13.6 HSR) on demand.

import { decodeHsr } from '../../emulator/debug/hsr-decode';
import { modeInfo, modeName } from '../../emulator/cpu/psr';
import type { ExceptionEntry } from '../protocol';

/** Lane 0: usr (PL0), 1: PL1 modes (svc, irq, fiq, abt, und, sys), 2: hyp. */
export function laneOf(mode: number | string): number {
  if (typeof mode === 'string') {
    const m = mode.toLowerCase();
    if (m.startsWith('usr') || m === 'user') return 0;
    if (m.startsWith('hyp')) return 2;
    return 1;
  }
  const info = modeInfo(mode);
  return info ? info.pl : 1;
}

export function modeText(mode: number | string): string {
  return typeof mode === 'string' ? mode : modeName(mode);
}

/** Columns the webview draws from: one typed array per attribute, strings interned. */
export interface TimelineColumns {
  count: number;
  icount: Float64Array;
  pc: Uint32Array;
  fromLane: Uint8Array;
  toLane: Uint8Array;
  kind: Uint16Array;
  kinds: string[];
  /** -1 where no HSR was written. */
  hsr: Float64Array;
  total: number;
}

export function toColumns(entries: readonly ExceptionEntry[], total?: number): TimelineColumns {
  const n = entries.length;
  const cols: TimelineColumns = {
    count: n, icount: new Float64Array(n), pc: new Uint32Array(n), fromLane: new Uint8Array(n), toLane: new Uint8Array(n),
    kind: new Uint16Array(n), kinds: [], hsr: new Float64Array(n), total: total ?? n,
  };
  const kindIdx = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const e = entries[i];
    cols.icount[i] = e.icount;
    cols.pc[i] = e.pc >>> 0;
    cols.fromLane[i] = laneOf(e.from);
    cols.toLane[i] = laneOf(e.to);
    let k = kindIdx.get(e.kind);
    if (k === undefined) {
      k = cols.kinds.length;
      cols.kinds.push(e.kind);
      kindIdx.set(e.kind, k);
    }
    cols.kind[i] = k;
    cols.hsr[i] = e.hsr === undefined ? -1 : e.hsr >>> 0;
  }
  return cols;
}

export interface EntryDetail {
  index: number;
  kind: string;
  from: string;
  to: string;
  pc: string;
  icount: number;
  description?: string;
  syndrome: { hsr: string; ec: string; fields: { name: string; value: string; text?: string }[] } | undefined;
  far?: string;
  hpfar?: string;
}

const hex = (v: number): string => `0x${(v >>> 0).toString(16).padStart(8, '0')}`;

export function entryDetail(e: ExceptionEntry, index: number): EntryDetail {
  let syndrome: EntryDetail['syndrome'];
  if (e.hsr !== undefined) {
    const d = decodeHsr(e.hsr);
    syndrome = {
      hsr: hex(d.hsr),
      ec: `EC 0x${d.ec.toString(16).padStart(2, '0')} ${d.ecName} — ${d.ecDescription}`,
      fields: d.fields.map((f) => ({ name: f.name, value: `0x${f.value.toString(16)}`, text: f.text })),
    };
  }
  return {
    index, kind: e.kind, from: modeText(e.from), to: modeText(e.to), pc: hex(e.pc), icount: e.icount,
    description: e.description ?? e.syndrome, syndrome,
    far: e.far === undefined ? undefined : hex(e.far), hpfar: e.hpfar === undefined ? undefined : hex(e.hpfar),
  };
}

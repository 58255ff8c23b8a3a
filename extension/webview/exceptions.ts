// Exceptions panel (webview side): a canvas timeline over instruction count with swimlanes usr /
// PL1 / Hyp, so a trap and its return read as a trip down to Hyp and back, and a virtual list.

import { el, fitCanvas, present, hex, themeColor, VirtualList, vscode } from './common';

interface Columns {
  count: number; icount: Float64Array; pc: Uint32Array; fromLane: Uint8Array; toLane: Uint8Array; kind: Uint16Array; kinds: string[]; hsr: Float64Array; total: number;
}
interface Detail {
  index: number; kind: string; from: string; to: string; pc: string; icount: number; description?: string;
  syndrome?: { hsr: string; ec: string; fields: { name: string; value: string; text?: string }[] }; far?: string; hpfar?: string;
}
type Msg = { type: 'log'; columns: Columns; note: string } | { type: 'detail'; detail: Detail } | { type: 'running' } | { type: 'nosession' } | { type: 'error'; error: string };

const LANES = ['usr (PL0)', 'PL1 (svc, irq, abt, und, fiq, sys)', 'hyp (PL2)'];
const app = document.getElementById('app')!;
const statusLine = el('div', { class: 'status', id: 'status' }, 'Waiting for a paused hypscope session…');
const canvas = el('canvas', { class: 'timeline', id: 'timeline', 'aria-label': 'exception timeline' });
const axis = el('div', { class: 'map-axis' });
const filter = el('input', { id: 'filter', type: 'search', placeholder: 'filter by kind (e.g. hvc, eret, data-abort)', 'aria-label': 'filter' });
const count = el('div', { class: 'count' });
const detail = el('section', { class: 'detail', id: 'detail' }, el('div', { class: 'empty' }, 'Select an exception to see its syndrome.'));
const list = new VirtualList(22, renderRow);
list.root.id = 'exception-list';
app.replaceChildren(statusLine, el('div', { class: 'toolbar' }, filter, el('button', { class: 'link', id: 'fit' }, 'fit'), el('button', { class: 'link', id: 'latest' }, 'latest')), canvas, axis,
  el('div', { class: 'split' }, el('div', { class: 'list-col' }, count, el('div', { class: 'list-head' }, el('span', {}, '#'), el('span', {}, 'instr'), el('span', {}, 'kind'), el('span', {}, 'from → to'), el('span', {}, 'PC'), el('span', {}, 'HSR')), list.root), detail));

let cols: Columns | undefined;
/** Indices shown in the list (all, or those matching the filter). */
let shown: Uint32Array = new Uint32Array(0);
let selected = -1;
let view = { start: 0, end: 1 };

window.addEventListener('message', (ev: MessageEvent<Msg>) => {
  const m = ev.data;
  switch (m.type) {
    case 'log': onLog(m.columns, m.note); break;
    case 'detail': onDetail(m.detail); break;
    case 'running': statusLine.textContent = 'Running… (the log updates at the next stop)'; statusLine.className = 'status running'; break;
    case 'nosession': statusLine.textContent = 'No hypscope debug session.'; statusLine.className = 'status'; break;
    case 'error': statusLine.textContent = m.error; statusLine.className = 'status error'; break;
  }
});

function onLog(c: Columns, note: string): void {
  cols = c;
  statusLine.className = 'status';
  statusLine.textContent = `${note} — ${c.count} exception(s) in the log${c.total > c.count ? ` (the latest of ${c.total})` : ''}`;
  applyFilter();
  fit();
  if (shown.length) select(shown[shown.length - 1], true);
}

function applyFilter(): void {
  if (!cols) return;
  const q = filter.value.trim().toLowerCase();
  const out = new Uint32Array(cols.count);
  let n = 0;
  const okKind = cols.kinds.map((k) => q === '' || k.toLowerCase().includes(q));
  for (let i = 0; i < cols.count; i++) if (okKind[cols.kind[i]]) out[n++] = i;
  shown = out.subarray(0, n);
  count.textContent = `${n} shown`;
  list.setCount(n);
  draw();
}
filter.addEventListener('input', applyFilter);

function fit(): void {
  if (!cols || cols.count === 0) { view = { start: 0, end: 1 }; return; }
  const a = cols.icount[0], b = cols.icount[cols.count - 1];
  const pad = Math.max(10, (b - a) * 0.03);
  view = { start: a - pad, end: b + pad };
  draw();
}
document.getElementById('fit')!.addEventListener('click', fit);
document.getElementById('latest')!.addEventListener('click', () => {
  if (!cols || cols.count === 0) return;
  const last = cols.icount[cols.count - 1];
  const from = cols.icount[Math.max(0, cols.count - 40)];
  view = { start: from - 10, end: last + Math.max(10, (last - from) * 0.05) };
  draw();
});

const LANE_COLOR: [string, string][] = [['--vscode-charts-green', '#4caf50'], ['--vscode-charts-blue', '#3794ff'], ['--vscode-charts-purple', '#b180d7']];

/** First entry with icount >= x. */
function lowerBound(x: number): number {
  if (!cols) return 0;
  let lo = 0, hi = cols.count;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cols.icount[mid] < x) lo = mid + 1; else hi = mid;
  }
  return lo;
}

function draw(): void {
  const { ctx, w, h } = fitCanvas(canvas);
  ctx.clearRect(0, 0, w, h);
  const laneH = (h - 8) / 3;
  const y = (lane: number): number => 4 + laneH * lane + laneH / 2;
  const fg = themeColor('--vscode-foreground', '#ccc');
  const muted = themeColor('--vscode-descriptionForeground', '#999');
  ctx.font = '11px var(--vscode-font-family, sans-serif)';
  for (let l = 0; l < 3; l++) {
    ctx.fillStyle = l % 2 ? themeColor('--vscode-editorWidget-background', '#252526') : themeColor('--vscode-editor-background', '#1e1e1e');
    ctx.fillRect(0, 4 + laneH * l, w, laneH);
    ctx.fillStyle = muted;
    ctx.fillText(LANES[l], 4, 4 + laneH * l + 12);
  }
  if (!cols || cols.count === 0) return;
  const scale = w / (view.end - view.start);
  const X = (ic: number): number => (ic - view.start) * scale;
  const first = Math.max(0, lowerBound(view.start) - 1);
  const last = Math.min(cols.count, lowerBound(view.end) + 1);
  const laneColors = LANE_COLOR.map(([v, f]) => themeColor(v, f));
  const hi = themeColor('--vscode-charts-yellow', '#cca700');
  // The path of the CPU: horizontal in the lane it runs in, vertical at each exception or return.
  // Entries that fall in the same pixel column are merged into one vertical span over the lanes
  // they visit, so drawing costs one stroke per column however many entries there are.
  ctx.lineWidth = 1.5;
  let cur = first > 0 ? cols.toLane[first - 1] : cols.fromLane[first];
  let curX = first > 0 ? X(cols.icount[first - 1]) : 0;
  let colPx = Number.NaN, colMin = 0, colMax = 0, colLast = 0, colDown = false;
  const flush = (): void => {
    if (Number.isNaN(colPx)) return;
    ctx.strokeStyle = fg;
    ctx.beginPath();
    ctx.moveTo(colPx, y(colMin));
    ctx.lineTo(colPx, y(colMax));
    ctx.stroke();
    ctx.fillStyle = colDown ? laneColors[2] : laneColors[colLast];
    ctx.fillRect(colPx - 2, y(colLast) - 2, 4, 4);
  };
  for (let i = first; i < last; i++) {
    const x = X(cols.icount[i]);
    const f = cols.fromLane[i], t = cols.toLane[i];
    const px = Math.round(x);
    if (px !== colPx) {
      flush();
      ctx.strokeStyle = laneColors[cur];
      ctx.beginPath();
      ctx.moveTo(Math.max(0, curX), y(cur));
      ctx.lineTo(Math.min(w, x), y(cur));
      ctx.stroke();
      colPx = px; colMin = Math.min(f, t); colMax = Math.max(f, t); colDown = false;
      if (i + 1 >= last || X(cols.icount[i + 1]) - x > 60) {
        ctx.fillStyle = muted;
        ctx.fillText(cols.kinds[cols.kind[i]], x + 3, y(t) + 14);
      }
    } else {
      colMin = Math.min(colMin, f, t);
      colMax = Math.max(colMax, f, t);
    }
    colLast = t;
    colDown = colDown || t > f;
    cur = t;
    curX = x;
  }
  flush();
  ctx.strokeStyle = laneColors[cur];
  ctx.beginPath();
  ctx.moveTo(Math.max(0, curX), y(cur));
  ctx.lineTo(w, y(cur));
  ctx.stroke();
  if (selected >= 0 && cols.icount[selected] >= view.start && cols.icount[selected] <= view.end) {
    const x = X(cols.icount[selected]);
    ctx.strokeStyle = hi;
    ctx.lineWidth = 3;
    ctx.beginPath();
    ctx.moveTo(x, 4);
    ctx.lineTo(x, h - 4);
    ctx.stroke();
  }
  axis.replaceChildren(el('span', {}, `instr ${Math.max(0, Math.round(view.start))}`), el('span', {}, `${Math.round(view.end - view.start)} instructions shown`), el('span', {}, `instr ${Math.round(view.end)}`));
}

let drag: { x: number; start: number; end: number } | undefined;
canvas.addEventListener('wheel', (e) => {
  e.preventDefault();
  const rect = canvas.getBoundingClientRect();
  const f = (e.clientX - rect.left) / rect.width;
  const at = view.start + f * (view.end - view.start);
  const span = Math.max(4, (view.end - view.start) * (e.deltaY > 0 ? 1.25 : 0.8));
  view = { start: at - f * span, end: at - f * span + span };
  draw();
}, { passive: false });
canvas.addEventListener('mousedown', (e) => { drag = { x: e.clientX, start: view.start, end: view.end }; });
canvas.addEventListener('mousemove', (e) => {
  if (!drag) return;
  const d = ((e.clientX - drag.x) / canvas.clientWidth) * (drag.end - drag.start);
  view = { start: drag.start - d, end: drag.end - d };
  draw();
});
window.addEventListener('mouseup', (e) => {
  if (drag && Math.abs(e.clientX - drag.x) < 3 && cols && cols.count) {
    // A click picks the nearest exception in time.
    const rect = canvas.getBoundingClientRect();
    const ic = view.start + ((e.clientX - rect.left) / rect.width) * (view.end - view.start);
    let i = lowerBound(ic);
    if (i >= cols.count || (i > 0 && ic - cols.icount[i - 1] < cols.icount[i] - ic)) i--;
    if (i >= 0) select(i, true);
  }
  drag = undefined;
});
new ResizeObserver(() => draw()).observe(canvas);

function select(i: number, scroll: boolean): void {
  selected = i;
  vscode.postMessage({ type: 'detail', index: i });
  if (scroll) {
    let lo = 0, hi = shown.length;
    while (lo < hi) { const mid = (lo + hi) >>> 1; if (shown[mid] < i) lo = mid + 1; else hi = mid; }
    list.scrollTo(lo);
  }
  list.refresh();
  draw();
}

function laneName(l: number): string {
  return ['usr', 'PL1', 'hyp'][l] ?? '?';
}

function renderRow(k: number): HTMLElement {
  const c = cols!;
  const i = shown[k];
  const f = c.fromLane[i], t = c.toLane[i];
  const row = el('div', { class: `erow${i === selected ? ' selected' : ''}${t > f ? ' down' : t < f ? ' up' : ''}`, role: 'listitem', title: 'Click: details. Double-click: reveal the PC in source.' },
    el('span', {}, String(i)), el('span', { class: 'num' }, String(c.icount[i])), el('span', { class: 'kind' }, c.kinds[c.kind[i]]),
    el('span', {}, `${laneName(f)} → ${laneName(t)}`), el('span', { class: 'num' }, hex(c.pc[i])), el('span', { class: 'num' }, c.hsr[i] < 0 ? '' : hex(c.hsr[i])));
  row.addEventListener('click', () => select(i, false));
  row.addEventListener('dblclick', () => vscode.postMessage({ type: 'reveal', index: i }));
  return row;
}

function onDetail(d: Detail): void {
  const reveal = el('a', { href: '#', class: 'addr', id: 'reveal-pc', title: 'Reveal in source' }, d.pc);
  reveal.addEventListener('click', (e) => { e.preventDefault(); vscode.postMessage({ type: 'reveal', index: d.index }); });
  detail.replaceChildren(...present(
    el('h3', {}, `#${d.index} ${d.kind}: ${d.from} → ${d.to}`),
    el('div', {}, 'PC ', reveal, ` · instruction ${d.icount}`),
    d.description ? el('div', { class: 'note' }, d.description) : undefined,
    d.syndrome ? el('div', {}, 'HSR ', el('code', {}, d.syndrome.hsr), el('div', { class: 'ec' }, d.syndrome.ec)) : el('div', { class: 'empty' }, 'no syndrome (not taken to Hyp, or IRQ/FIQ)'),
    d.syndrome ? el('table', { class: 'fields' }, el('tbody', {}, ...d.syndrome.fields.map((f) => el('tr', {}, el('td', {}, f.name), el('td', { class: 'num' }, f.value), el('td', {}, f.text ?? ''))))) : undefined,
    d.far ? el('div', {}, 'FAR ', el('code', {}, d.far)) : undefined,
    d.hpfar ? el('div', {}, 'HPFAR ', el('code', {}, d.hpfar)) : undefined,
  ));
}

vscode.postMessage({ type: 'ready' });

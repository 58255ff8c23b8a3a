// Stage-2 translation panel (webview side): VTTBR/VTCR/HCR.VM, the IPA space as a zoomable canvas
// map, the region list, the table tree (level 1 -> 2 -> 3) read on demand, and a two-stage walk.

import { el, fitCanvas, present, hex, sizeText, themeColor, VirtualList, vscode } from './common';

interface FieldRow { name: string; bits: string; value: string; description: string }
interface Header {
  enabled: boolean; hcrVm?: boolean; vmid: number; vttbr: string; baddr: string; vtcr: string; ipaBits: number;
  startLevel: number; rootTable: number; rootEntries: number; geometryError?: string; vttbrFields: FieldRow[]; vtcrFields: FieldRow[];
}
interface Region { ipa: number; pa: number; size: number; access: string; memAttr: number; xn: boolean; af?: boolean; attrText: string; changed: boolean }
interface Descriptor { index: number; ipa: number; span: number; address: number; raw: string; type: string; next?: number; outputAddress?: number; fields: Record<string, string | number | boolean>; changed: boolean }
interface Step { stage: number; level: number; tableBase: number; descriptorAddress: number; descriptorHi: number; descriptorLo: number; fields: Record<string, unknown>; nested?: Step[]; note?: string }
interface Walk { address: number; notes?: string[]; steps: Step[]; result?: { outputAddress: number; ipa?: number; attributes?: { memoryType: string }; permissions?: { pl0: string; pl1: string }; blockSize?: number }; fault?: { type: string; stage: number; level: number; reason: string; ipa?: number } }

type Msg =
  | { type: 'state'; stop: { reason: string; description?: string; n: number }; header: Header; regions: Region[]; problems: string[] }
  | { type: 'table'; id: string; rows: Descriptor[]; error?: string; truncated?: boolean }
  | { type: 'walk'; space?: string; result?: Walk; error?: string }
  | { type: 'walkInput'; address: string; space: string }
  | { type: 'running' } | { type: 'nosession' } | { type: 'error'; error: string };

const app = document.getElementById('app')!;
const statusLine = el('div', { class: 'status', id: 'status' }, 'Waiting for a paused hypscope session…');
const headerBox = el('section', { class: 'header', id: 'header' });
const mapCanvas = el('canvas', { class: 'ipa-map', id: 'ipa-map', 'aria-label': 'IPA space map' });
const mapAxis = el('div', { class: 'map-axis' });
const mapTip = el('div', { class: 'tooltip hidden' });
const legend = el('div', { class: 'legend' },
  el('span', { class: 'sw acc-rw' }), 'read/write ', el('span', { class: 'sw acc-ro' }), 'read-only ', el('span', { class: 'sw acc-wo' }), 'write-only ',
  el('span', { class: 'sw acc-none' }), 'no access ', el('span', { class: 'sw dev' }), 'Device / Strongly-ordered (stripe) ', el('span', { class: 'sw changed' }), 'changed since last stop',
  el('button', { class: 'link', id: 'map-fit', title: 'Zoom to the mapped range' }, 'fit'), el('button', { class: 'link', id: 'map-all', title: 'Show the whole IPA space' }, 'whole space'));
const regionCount = el('div', { class: 'count' });
const regionList = new VirtualList(22, renderRegion);
regionList.root.id = 'regions';
const walkAddr = el('input', { id: 'walk-address', type: 'text', placeholder: '0x40001000', spellcheck: 'false', 'aria-label': 'address to walk' });
const walkSpace = el('select', { id: 'walk-space', 'aria-label': 'address space' },
  el('option', { value: 'ipa' }, 'IPA (stage 2)'), el('option', { value: 'guest-va' }, 'guest VA (stage 1 + 2)'), el('option', { value: 'hyp-va' }, 'Hyp VA'));
const walkBtn = el('button', { id: 'walk-go' }, 'Walk');
const walkOut = el('div', { class: 'walk', id: 'walk-result' });
const tree = el('div', { class: 'tree', id: 'tables', role: 'tree' });

app.replaceChildren(
  statusLine,
  headerBox,
  el('h2', {}, 'IPA space'), legend, mapCanvas, mapAxis, mapTip,
  el('h2', {}, 'Walk an address'), el('form', { class: 'walk-form', id: 'walk-form' }, walkAddr, walkSpace, walkBtn), walkOut,
  el('h2', {}, 'Regions'), regionCount, regionList.root,
  el('h2', {}, 'Translation tables'), tree,
);

let header: Header | undefined;
let regions: Region[] = [];
/** Visible IPA window of the map. */
let view = { start: 0, end: 2 ** 32 };
let selected = -1;

window.addEventListener('message', (ev: MessageEvent<Msg>) => {
  const m = ev.data;
  switch (m.type) {
    case 'state': onState(m); break;
    case 'table': onTable(m); break;
    case 'walk': onWalk(m); break;
    case 'walkInput': walkAddr.value = m.address; walkSpace.value = m.space; break;
    case 'running': statusLine.textContent = 'Running… (the panel updates at the next stop)'; statusLine.className = 'status running'; break;
    case 'nosession': statusLine.textContent = 'No hypscope debug session.'; statusLine.className = 'status'; break;
    case 'error': statusLine.textContent = m.error; statusLine.className = 'status error'; break;
  }
});

function onState(m: Extract<Msg, { type: 'state' }>): void {
  header = m.header;
  const firstTime = regions.length === 0;
  regions = m.regions;
  const changed = regions.filter((r) => r.changed).length;
  statusLine.className = 'status';
  statusLine.textContent = `Stop ${m.stop.n}: ${m.stop.description ?? m.stop.reason}` + (changed ? ` — ${changed} region(s) changed since the last stop` : '');
  renderHeader(m.header, m.problems);
  regionCount.textContent = `${regions.length} region(s), ${sizeText(regions.reduce((a, r) => a + r.size, 0))} mapped`;
  regionList.setCount(regions.length);
  if (firstTime) fitView();
  drawMap();
  renderTreeRoot();
}

function fieldsTable(rows: FieldRow[]): HTMLElement {
  return el('table', { class: 'fields' },
    el('thead', {}, el('tr', {}, el('th', {}, 'field'), el('th', {}, 'bits'), el('th', {}, 'value'), el('th', {}, 'meaning'))),
    el('tbody', {}, ...rows.map((f) => el('tr', {}, el('td', {}, f.name), el('td', {}, f.bits), el('td', { class: 'num' }, f.value), el('td', {}, f.description)))));
}

function renderHeader(h: Header, problems: string[]): void {
  const vm = h.hcrVm === undefined ? (h.enabled ? 'on' : 'off') : h.hcrVm ? 'on' : 'off';
  headerBox.replaceChildren(...present(
    el('div', { class: 'badges' },
      el('span', { class: `badge ${vm === 'on' ? 'on' : 'off'}`, id: 'hcr-vm' }, `HCR.VM = ${vm === 'on' ? 1 : 0} (stage 2 ${vm})`),
      el('span', { class: 'badge', id: 'vmid' }, `VMID ${h.vmid}`),
      el('span', { class: 'badge' }, `IPA ${h.ipaBits} bits`),
      el('span', { class: 'badge' }, `start level ${h.startLevel}`)),
    el('details', { class: 'reg' }, el('summary', {}, 'VTTBR ', el('code', {}, h.vttbr), ' — BADDR ', el('code', {}, h.baddr), `, VMID ${h.vmid}`), fieldsTable(h.vttbrFields)),
    el('details', { class: 'reg' }, el('summary', {}, 'VTCR ', el('code', {}, h.vtcr), ` — T0SZ gives ${h.ipaBits}-bit IPAs, ${h.rootEntries} entries at level ${h.startLevel}`), fieldsTable(h.vtcrFields)),
    h.geometryError ? el('div', { class: 'problem' }, h.geometryError) : undefined,
    ...problems.map((p) => el('div', { class: 'problem' }, p)),
  ));
}

// ---------------------------------------------------------------- the IPA map (canvas)

const ACCESS_VAR: Record<string, [string, string]> = {
  rw: ['--vscode-charts-green', '#4caf50'], ro: ['--vscode-charts-blue', '#3794ff'], wo: ['--vscode-charts-orange', '#d18616'], none: ['--vscode-disabledForeground', '#888'],
};

function fitView(): void {
  const space = 2 ** (header?.ipaBits ?? 32);
  if (regions.length === 0) {
    view = { start: 0, end: space };
    return;
  }
  const lo = regions[0].ipa;
  const last = regions[regions.length - 1];
  const hi = last.ipa + last.size;
  const pad = (hi - lo) * 0.05;
  view = { start: Math.max(0, lo - pad), end: Math.min(space, hi + pad) };
}

/** First region whose end is above `ipa` (regions are sorted by IPA). */
function firstRegionFrom(ipa: number): number {
  let lo = 0, hi = regions.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (regions[mid].ipa + regions[mid].size <= ipa) lo = mid + 1; else hi = mid;
  }
  return lo;
}

function drawMap(): void {
  const { ctx, w, h } = fitCanvas(mapCanvas);
  ctx.clearRect(0, 0, w, h);
  ctx.fillStyle = themeColor('--vscode-editorWidget-background', '#252526');
  ctx.fillRect(0, 0, w, h);
  const scale = w / (view.end - view.start);
  const colors: Record<string, string> = {};
  for (const k of Object.keys(ACCESS_VAR)) colors[k] = themeColor(ACCESS_VAR[k][0], ACCESS_VAR[k][1]);
  const devColor = themeColor('--vscode-charts-red', '#f14c4c');
  const chColor = themeColor('--vscode-charts-yellow', '#cca700');
  const barTop = 14, barH = h - 28;
  let lastPx = -1;
  // Regions narrower than a pixel are merged into that pixel: cost stays O(regions in view).
  for (let i = firstRegionFrom(view.start); i < regions.length; i++) {
    const r = regions[i];
    if (r.ipa >= view.end) break;
    const x0 = Math.max(0, (r.ipa - view.start) * scale);
    const x1 = Math.min(w, (r.ipa + r.size - view.start) * scale);
    const px = Math.floor(x0);
    if (x1 - x0 < 1 && px === lastPx && !r.changed) continue;
    lastPx = px;
    const width = Math.max(1, x1 - x0);
    ctx.fillStyle = colors[r.access] ?? colors.none;
    ctx.fillRect(x0, barTop, width, barH);
    if (r.attrText.startsWith('Device') || r.attrText.startsWith('Strongly')) {
      ctx.fillStyle = devColor;
      ctx.fillRect(x0, barTop, width, 5);
    }
    if (r.changed) {
      ctx.strokeStyle = chColor;
      ctx.lineWidth = 2;
      ctx.strokeRect(x0 + 1, barTop - 3, Math.max(1, width - 2), barH + 6);
    }
    if (i === selected) {
      ctx.strokeStyle = themeColor('--vscode-focusBorder', '#007fd4');
      ctx.lineWidth = 2;
      ctx.strokeRect(x0, 1, width, h - 2);
    }
    if (width > 70) {
      ctx.fillStyle = themeColor('--vscode-editor-background', '#1e1e1e');
      ctx.font = '11px var(--vscode-editor-font-family, monospace)';
      ctx.fillText(`→ ${hex(r.pa, r.pa > 0xffffffff ? 10 : 8)}`, x0 + 4, barTop + barH - 6, width - 8);
    }
  }
  mapAxis.replaceChildren(el('span', {}, hex(view.start, view.start > 0xffffffff ? 10 : 8)), el('span', {}, `${sizeText(2 ** Math.round(Math.log2(view.end - view.start)))} shown`), el('span', {}, hex(view.end, view.end > 0xffffffff ? 10 : 8)));
}

function regionAt(clientX: number): number {
  const rect = mapCanvas.getBoundingClientRect();
  const ipa = view.start + ((clientX - rect.left) / rect.width) * (view.end - view.start);
  const i = firstRegionFrom(ipa);
  return i < regions.length && regions[i].ipa <= ipa ? i : -1;
}

let drag: { x: number; start: number; end: number } | undefined;
mapCanvas.addEventListener('wheel', (e) => {
  e.preventDefault();
  const rect = mapCanvas.getBoundingClientRect();
  const f = (e.clientX - rect.left) / rect.width;
  const at = view.start + f * (view.end - view.start);
  const k = e.deltaY > 0 ? 1.25 : 0.8;
  const span = Math.min(2 ** (header?.ipaBits ?? 32), Math.max(4096, (view.end - view.start) * k));
  view = { start: Math.max(0, at - f * span), end: Math.max(0, at - f * span) + span };
  drawMap();
}, { passive: false });
mapCanvas.addEventListener('mousedown', (e) => { drag = { x: e.clientX, start: view.start, end: view.end }; });
window.addEventListener('mouseup', (e) => {
  if (drag && Math.abs(e.clientX - drag.x) < 3) {
    const i = regionAt(e.clientX);
    if (i >= 0) { selected = i; regionList.scrollTo(i); regionList.refresh(); drawMap(); }
  }
  drag = undefined;
});
mapCanvas.addEventListener('mousemove', (e) => {
  if (drag) {
    const d = ((e.clientX - drag.x) / mapCanvas.clientWidth) * (drag.end - drag.start);
    const start = Math.max(0, drag.start - d);
    view = { start, end: start + (drag.end - drag.start) };
    drawMap();
    return;
  }
  const i = regionAt(e.clientX);
  if (i < 0) { mapTip.classList.add('hidden'); return; }
  const r = regions[i];
  mapTip.textContent = `IPA ${hex(r.ipa)}–${hex(r.ipa + r.size - 1)} (${sizeText(r.size)}) → PA ${hex(r.pa)} · ${r.access}${r.xn ? ' XN' : ''} · ${r.attrText}${r.changed ? ' · changed' : ''}`;
  mapTip.classList.remove('hidden');
  mapTip.style.left = `${Math.min(e.clientX + 8, window.innerWidth - 320)}px`;
  mapTip.style.top = `${mapCanvas.getBoundingClientRect().bottom + window.scrollY + 4}px`;
});
mapCanvas.addEventListener('mouseleave', () => mapTip.classList.add('hidden'));
document.getElementById('map-fit')!.addEventListener('click', () => { fitView(); drawMap(); });
document.getElementById('map-all')!.addEventListener('click', () => { view = { start: 0, end: 2 ** (header?.ipaBits ?? 32) }; drawMap(); });
new ResizeObserver(() => drawMap()).observe(mapCanvas);

function memLink(space: string, addr: number, width = 8): HTMLElement {
  const a = el('a', { href: '#', class: 'addr', title: `Open ${space} memory at ${hex(addr, width)}` }, hex(addr, width));
  a.addEventListener('click', (e) => { e.preventDefault(); vscode.postMessage({ type: 'memory', space, address: addr }); });
  return a;
}

function renderRegion(i: number): HTMLElement {
  const r = regions[i];
  const row = el('div', { class: `region${r.changed ? ' changed' : ''}${i === selected ? ' selected' : ''}`, role: 'listitem' },
    el('span', { class: `sw acc-${r.access}` }),
    el('span', { class: 'c-ipa' }, memLink('ipa', r.ipa), '–', hex(r.ipa + r.size - 1)),
    el('span', { class: 'c-size' }, sizeText(r.size)),
    el('span', { class: 'c-pa' }, '→ ', memLink('phys', r.pa)),
    el('span', { class: 'c-acc' }, r.access + (r.xn ? ' XN' : '') + (r.af === false ? ' AF=0' : '')),
    el('span', { class: 'c-attr' }, r.attrText));
  row.addEventListener('click', () => {
    selected = i;
    const span = Math.max(r.size * 8, 65536);
    view = { start: Math.max(0, r.ipa + r.size / 2 - span / 2), end: Math.max(0, r.ipa + r.size / 2 - span / 2) + span };
    drawMap();
    regionList.refresh();
  });
  return row;
}

// ---------------------------------------------------------------- table tree

let treeKey = '';
const pending = new Map<string, HTMLElement>();
let nextId = 1;

function renderTreeRoot(): void {
  if (!header) return;
  const key = `${header.rootTable}:${header.startLevel}:${header.rootEntries}`;
  const open = Array.from(tree.querySelectorAll<HTMLElement>('.node[aria-expanded="true"]')).map((n) => n.dataset.key ?? '');
  if (!header.enabled && header.rootEntries === 0) {
    tree.replaceChildren(el('div', { class: 'empty' }, 'Stage 2 is off and VTTBR has no valid table.'));
    return;
  }
  treeKey = key;
  const root = node(`Level ${header.startLevel} table at ${hex(header.rootTable, 10)} (${header.rootEntries} entries)`, header.rootTable, header.startLevel, header.rootEntries, 0, `${key}/root`);
  tree.replaceChildren(root);
  // Re-open what was open, so the tree survives a stop (descriptors re-read, changes highlighted).
  toggle(root, true, open);
}

function node(label: string, addr: number, level: number, entries: number, ipaBase: number, key: string): HTMLElement {
  const head = el('div', { class: 'node-head', role: 'treeitem' }, el('span', { class: 'twisty' }), label);
  const kids = el('div', { class: 'kids' });
  const n = el('div', { class: 'node', 'aria-expanded': 'false' }, head, kids);
  n.dataset.key = key;
  n.dataset.addr = String(addr);
  n.dataset.level = String(level);
  n.dataset.entries = String(entries);
  n.dataset.ipa = String(ipaBase);
  head.addEventListener('click', () => toggle(n, n.getAttribute('aria-expanded') !== 'true', []));
  return n;
}

function toggle(n: HTMLElement, open: boolean, reopen: string[]): void {
  n.setAttribute('aria-expanded', String(open));
  const kids = n.querySelector(':scope > .kids') as HTMLElement;
  if (!open) { kids.replaceChildren(); return; }
  const id = String(nextId++);
  pending.set(id, n);
  (n as HTMLElement & { reopen?: string[] }).reopen = reopen;
  kids.replaceChildren(el('div', { class: 'empty' }, 'reading…'));
  vscode.postMessage({ type: 'expand', id, address: Number(n.dataset.addr), level: Number(n.dataset.level), entries: Number(n.dataset.entries), ipaBase: Number(n.dataset.ipa) });
}

function onTable(m: Extract<Msg, { type: 'table' }>): void {
  const n = pending.get(m.id);
  pending.delete(m.id);
  if (!n || !n.isConnected) return;
  const kids = n.querySelector(':scope > .kids') as HTMLElement;
  if (m.error) { kids.replaceChildren(el('div', { class: 'problem' }, m.error)); return; }
  const reopen = (n as HTMLElement & { reopen?: string[] }).reopen ?? [];
  const items: HTMLElement[] = [];
  for (const d of m.rows) {
    const fields = Object.entries(d.fields).map(([k, v]) => `${k}=${String(v)}`).join('  ');
    const range = `IPA ${hex(d.ipa, 10)}–${hex(d.ipa + d.span - 1, 10)}`;
    if (d.type === 'table' && d.next !== undefined) {
      const key = `${n.dataset.key}/${d.index}`;
      const child = node(`[${d.index}] ${range} table → level ${Number(n.dataset.level) + 1} at ${hex(d.next, 10)}  (${d.raw})`, d.next, Number(n.dataset.level) + 1, 512, d.ipa, key);
      if (d.changed) child.classList.add('changed');
      items.push(child);
      if (reopen.includes(key)) toggle(child, true, reopen);
    } else {
      items.push(el('div', { class: `leaf${d.changed ? ' changed' : ''}`, role: 'treeitem' },
        el('span', { class: 'idx' }, `[${d.index}]`), ` ${range} ${d.type} → `, memLink('phys', d.outputAddress ?? 0, 10),
        el('span', { class: 'raw' }, ` ${d.raw}`), el('div', { class: 'desc-fields' }, fields), ' ', el('span', { class: 'desc-at' }, `descriptor at `), memLink('phys', d.address)));
    }
  }
  if (items.length === 0) items.push(el('div', { class: 'empty' }, 'no valid descriptors'));
  if (m.truncated) items.push(el('div', { class: 'problem' }, 'part of this table is outside readable memory'));
  kids.replaceChildren(...items);
}

// ---------------------------------------------------------------- walk

document.getElementById('walk-form')!.addEventListener('submit', (e) => {
  e.preventDefault();
  walkOut.replaceChildren(el('div', { class: 'empty' }, 'walking…'));
  vscode.postMessage({ type: 'walk', address: walkAddr.value || walkAddr.placeholder, space: walkSpace.value });
});

function stepItem(s: Step): HTMLElement {
  const raw = `0x${(s.descriptorHi >>> 0).toString(16).padStart(8, '0')}_${(s.descriptorLo >>> 0).toString(16).padStart(8, '0')}`;
  const fields = Object.entries(s.fields ?? {}).map(([k, v]) => `${k}=${typeof v === 'number' ? hex(v, 1) : String(v)}`).join('  ');
  return el('li', { class: `step stage${s.stage}` },
    el('span', { class: 'stage-tag' }, `stage ${s.stage} L${s.level}`), ' descriptor at ', memLink(s.stage === 1 ? 'ipa' : 'phys', s.descriptorAddress),
    ` (table ${hex(s.tableBase)}) = `, el('code', {}, raw), el('div', { class: 'desc-fields' }, fields),
    s.note ? el('div', { class: 'problem' }, s.note) : undefined,
    s.nested?.length ? el('ol', { class: 'nested' }, ...s.nested.map(stepItem)) : undefined);
}

function onWalk(m: Extract<Msg, { type: 'walk' }>): void {
  if (m.error || !m.result) { walkOut.replaceChildren(el('div', { class: 'problem' }, m.error ?? 'no answer')); return; }
  const w = m.result;
  const space = m.space ?? 'ipa';
  const out: (HTMLElement | undefined)[] = [];
  out.push(el('div', { class: 'walk-title' }, `${space} `, memLink(space, w.address), ` — ${w.steps.length} descriptor read(s)`));
  for (const n of w.notes ?? []) out.push(el('div', { class: 'note' }, n));
  out.push(el('ol', { class: 'steps', id: 'walk-steps' }, ...w.steps.map(stepItem)));
  if (w.result) {
    const r = w.result;
    out.push(el('div', { class: 'walk-ok', id: 'walk-outcome' }, 'Result: PA ', memLink('phys', r.outputAddress, r.outputAddress > 0xffffffff ? 10 : 8),
      r.ipa !== undefined ? el('span', {}, ' (stage 1 → IPA ', memLink('ipa', r.ipa), ')') : undefined,
      r.attributes ? ` · ${r.attributes.memoryType}` : '', r.permissions ? ` · PL1 ${r.permissions.pl1}, PL0 ${r.permissions.pl0}` : '',
      r.blockSize ? ` · ${sizeText(r.blockSize)} mapping` : ''));
    const i = firstRegionFrom(w.address);
    if (space === 'ipa' && i < regions.length && regions[i].ipa <= w.address) { selected = i; regionList.scrollTo(i); drawMap(); }
  }
  if (w.fault) {
    const f = w.fault;
    out.push(el('div', { class: 'walk-fault', id: 'walk-outcome' }, `Fault: ${f.type} at stage ${f.stage} level ${f.level}${f.ipa !== undefined ? ` (IPA ${hex(f.ipa)})` : ''} — ${f.reason}`));
  }
  walkOut.replaceChildren(...present(...out));
}

vscode.postMessage({ type: 'ready' });

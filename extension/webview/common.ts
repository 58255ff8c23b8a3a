// Shared helpers of the hypscope webviews (run in the webview, not in the extension host): the
// VS Code webview API handle, DOM building without innerHTML, theme colours for canvas drawing.

interface VsCodeApi {
  postMessage(msg: unknown): void;
  getState(): unknown;
  setState(s: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

export const vscode: VsCodeApi = acquireVsCodeApi();

type Child = Node | string | undefined | false;

/** Create an element: el('div', { class: 'x', title: 't' }, child, ...). */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs?: Record<string, string | undefined>, ...children: Child[]): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (attrs) for (const [k, v] of Object.entries(attrs)) if (v !== undefined) e.setAttribute(k, v);
  for (const c of children) if (c !== undefined && c !== false) e.append(c);
  return e;
}

/** The defined elements of a list (for optional children). */
export function present(...xs: (HTMLElement | undefined)[]): HTMLElement[] {
  return xs.filter((x): x is HTMLElement => x !== undefined);
}

/** A theme colour from VS Code's CSS variables, with a fallback. */
export function themeColor(name: string, fallback: string): string {
  const v = getComputedStyle(document.body).getPropertyValue(name).trim();
  return v || fallback;
}

export function hex(v: number, width = 8): string {
  return '0x' + Math.floor(v).toString(16).padStart(width, '0');
}

/** Human size: 4 KiB, 2 MiB, 1 GiB. */
export function sizeText(n: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let u = 0;
  while (n >= 1024 && u < units.length - 1 && n % 1024 === 0) {
    n /= 1024;
    u++;
  }
  return `${n} ${units[u]}`;
}

/** Size a canvas to its CSS box at device pixel ratio; returns the 2D context in CSS pixels. */
export function fitCanvas(c: HTMLCanvasElement): { ctx: CanvasRenderingContext2D; w: number; h: number } {
  const dpr = window.devicePixelRatio || 1;
  const w = c.clientWidth;
  const h = c.clientHeight;
  if (c.width !== Math.round(w * dpr) || c.height !== Math.round(h * dpr)) {
    c.width = Math.round(w * dpr);
    c.height = Math.round(h * dpr);
  }
  const ctx = c.getContext('2d')!;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  return { ctx, w, h };
}

/**
 * A list that renders only its visible rows (fixed row height), so 100,000 entries scroll smoothly.
 */
export class VirtualList {
  readonly root: HTMLDivElement;
  private readonly spacer: HTMLDivElement;
  private readonly rows: HTMLDivElement;
  private count = 0;
  private frame = 0;

  constructor(private readonly rowHeight: number, private readonly render: (index: number) => HTMLElement) {
    this.spacer = el('div', { class: 'vlist-spacer' });
    this.rows = el('div', { class: 'vlist-rows' });
    this.root = el('div', { class: 'vlist', tabindex: '0', role: 'list' }, this.spacer, this.rows);
    this.root.addEventListener('scroll', () => this.schedule());
    new ResizeObserver(() => this.schedule()).observe(this.root);
  }

  setCount(n: number): void {
    this.count = n;
    this.spacer.style.height = `${n * this.rowHeight}px`;
    this.schedule();
  }

  scrollTo(index: number): void {
    const top = index * this.rowHeight;
    if (top < this.root.scrollTop || top + this.rowHeight > this.root.scrollTop + this.root.clientHeight) {
      this.root.scrollTop = Math.max(0, top - this.root.clientHeight / 2);
    }
    this.schedule();
  }

  refresh(): void {
    this.schedule();
  }

  private schedule(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.draw();
    });
  }

  private draw(): void {
    const first = Math.max(0, Math.floor(this.root.scrollTop / this.rowHeight) - 5);
    const last = Math.min(this.count, Math.ceil((this.root.scrollTop + this.root.clientHeight) / this.rowHeight) + 5);
    const frag = document.createDocumentFragment();
    for (let i = first; i < last; i++) {
      const r = this.render(i);
      r.style.top = `${i * this.rowHeight}px`;
      r.style.height = `${this.rowHeight}px`;
      r.classList.add('vrow');
      frag.append(r);
    }
    this.rows.replaceChildren(frag);
  }
}

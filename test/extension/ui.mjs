// UI test of the packaged extension in a real VS Code: code-server (Node 24) + Debian's chromium
// driven by playwright-core. Opens examples/toy-hypervisor, F5, stops on the first HVC through the
// exception filter, reads Variables and Call Stack, opens both panels, walks an address, screenshots.
// Facts and pitfalls followed: /work/shared/docs/vscode-ui-testing.md.
import { spawn, execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { chromium } from 'playwright-core';
import { ensureTools } from './setup.mjs';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const ART = path.join(ROOT, 'test', 'artifacts', 'ui');
const WORK = path.join(ROOT, 'test', 'artifacts', 'ui-work');
const DOCS = path.join(ROOT, 'docs', 'images');
const FOLDER = path.join(ROOT, 'examples', 'toy-hypervisor');
const VSIX = path.join(ROOT, 'hypscope.vsix');
const t0 = Date.now();
const log = (m) => console.log(`[ui ${((Date.now() - t0) / 1000).toFixed(1)}s] ${m}`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const warnings = [];

/** Retry fn until it returns truthy or the time runs out (pitfall 3: readiness). */
async function retry(what, fn, timeoutMs = 60_000, everyMs = 1000) {
  const end = Date.now() + timeoutMs;
  let last;
  while (Date.now() < end) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    await sleep(everyMs);
  }
  throw new Error(`timed out: ${what}${last ? ` (${last.message.split('\n')[0]})` : ''}`);
}

function freePort() {
  return new Promise((res, rej) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => res(port));
    });
    s.on('error', rej);
  });
}

function prepare() {
  if (!fs.existsSync(VSIX)) throw new Error('hypscope.vsix is missing: run `npm run package` first');
  if (!fs.existsSync(path.join(FOLDER, 'toy-hypervisor.elf'))) {
    log('toy-hypervisor.elf missing: building it with make');
    execFileSync('make', ['-s', '-C', FOLDER, 'prebuilt'], { stdio: 'inherit' });
  }
  fs.rmSync(WORK, { recursive: true, force: true });
  fs.mkdirSync(ART, { recursive: true });
  for (const f of fs.readdirSync(ART)) if (f.endsWith('.png') || f.endsWith('.log')) fs.rmSync(path.join(ART, f));
  const dirs = ['home', 'tmp', 'config', 'cache', 'data', 'ext', 'user-data/User', 'chromium'];
  for (const d of dirs) fs.mkdirSync(path.join(WORK, d), { recursive: true });
  // Pitfalls 1, 2: no trust prompt, no welcome page, no chat, no toasts; F5 opens the debug views.
  const settings = {
    'security.workspace.trust.enabled': false,
    'workbench.startupEditor': 'none',
    'chat.disableAIFeatures': true,
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'remote.autoForwardPorts': false,
    'debug.openDebug': 'openOnSessionStart',
    'debug.internalConsoleOptions': 'neverOpen',
    'workbench.colorTheme': 'Default Dark Modern',
    'workbench.tips.enabled': false,
    'git.enabled': false,
    'editor.minimap.enabled': false,
  };
  fs.writeFileSync(path.join(WORK, 'user-data', 'User', 'settings.json'), JSON.stringify(settings, null, 2));
  // Pitfall 8: everything that writes under ~ and /tmp goes into the test's folder.
  return {
    ...process.env,
    HOME: path.join(WORK, 'home'),
    TMPDIR: path.join(WORK, 'tmp'),
    XDG_CONFIG_HOME: path.join(WORK, 'config'),
    XDG_CACHE_HOME: path.join(WORK, 'cache'),
    XDG_DATA_HOME: path.join(WORK, 'data'),
  };
}

async function startCodeServer(tools, env, port) {
  const common = ['--extensions-dir', path.join(WORK, 'ext'), '--user-data-dir', path.join(WORK, 'user-data')];
  execFileSync(tools.node24, [tools.codeServer, ...common, '--install-extension', VSIX], { env, stdio: 'pipe' });
  log('extension installed');
  const out = fs.openSync(path.join(ART, 'code-server.log'), 'w');
  const cs = spawn(tools.node24, [tools.codeServer, ...common, '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none',
    '--disable-workspace-trust', '--disable-telemetry', '--disable-update-check', '--disable-getting-started-override', FOLDER],
  { env, stdio: ['ignore', out, out], detached: true });
  await retry('code-server /healthz', async () => (await fetch(`http://127.0.0.1:${port}/healthz`)).ok, 60_000, 300);
  log(`code-server up on port ${port} (pid ${cs.pid})`);
  return cs;
}

/** Run a command through the palette, retrying until the extension has registered it (pitfall 3). */
async function runCommand(page, title) {
  await retry(`command "${title}"`, async () => {
    await clickWorkbench(page);
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: 5000 });
    await input.fill(`>${title}`);
    const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
    try {
      await row.waitFor({ state: 'visible', timeout: 4000 });
    } catch {
      await page.keyboard.press('Escape');
      return false;
    }
    await page.keyboard.press('Enter');
    return true;
  }, 60_000, 500);
}

/** Pitfall 7: after a webview had focus, keys go to its iframe; focus the workbench first. */
async function clickWorkbench(page) {
  const bar = page.locator('.part.statusbar');
  if (await bar.isVisible()) await bar.click({ position: { x: 5, y: 5 } }).catch(() => {});
}

async function shot(page, name) {
  const file = path.join(ART, `${name}.png`);
  await page.screenshot({ path: file });
  log(`screenshot ${path.relative(ROOT, file)}`);
  return file;
}

/** The innermost frame of a webview panel with the given title (pitfall 4: two nested iframes). */
async function webviewFrame(page, marker) {
  return retry(`webview with ${marker}`, async () => {
    for (const f of page.frames()) {
      if (!f.url().includes('active-frame') && !f.name().includes('active-frame')) {
        // fall through: check by content anyway
      }
      try {
        if (await f.locator(marker).count()) return f;
      } catch {
        // detached frame
      }
    }
    return undefined;
  }, 30_000, 500);
}

async function rows(page, paneSelector) {
  return page.locator(`${paneSelector} .monaco-list-row`).allInnerTexts();
}

async function main() {
  const tools = ensureTools();
  const env = prepare();
  const port = await freePort();
  const cs = await startCodeServer(tools, env, port);
  let ctx;
  let page;
  const shots = [];
  try {
    ctx = await chromium.launchPersistentContext(path.join(WORK, 'chromium'), {
      executablePath: '/usr/bin/chromium',
      headless: true,
      viewport: { width: 1600, height: 1000 },
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync'],
    });
    page = ctx.pages()[0] ?? (await ctx.newPage());
    const consoleLog = fs.createWriteStream(path.join(ART, 'browser-console.log'));
    page.on('console', (m) => consoleLog.write(`[${m.type()}] ${m.text()}\n`));
    await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(FOLDER)}`);
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await page.locator('.part.statusbar').waitFor({ timeout: 60_000 });
    log('workbench visible');

    // Open a source file so the screenshots show code next to the debugger.
    await runCommand(page, 'Go to File');
    await page.locator('.quick-input-widget input').fill('kernel.c');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'kernel.c' }).first().waitFor({ timeout: 20_000 });
    await page.keyboard.press('Enter');
    await page.locator('.tab', { hasText: 'kernel.c' }).waitFor({ timeout: 20_000 });

    // F5: the launch.json of the example; stopOnEntry pauses at the ELF entry in Hyp mode.
    await retry('debug session paused on entry', async () => {
      if (!(await page.locator('.debug-toolbar').isVisible())) {
        await clickWorkbench(page);
        await page.keyboard.press('F5');
        await sleep(1500);
      }
      const head = await page.locator('.debug-call-stack, .pane:has(.debug-call-stack)').first().innerText().catch(() => '');
      const paused = await page.locator('.pane-header', { hasText: 'Call Stack' }).innerText().catch(() => '');
      return /paused|stopped/i.test(paused) || /paused|stopped/i.test(head);
    }, 90_000, 1500);
    log('paused on entry');

    // The exception filters come from the adapter's capabilities: tick "HVC" in the Breakpoints view.
    const bpHeader = page.locator('.pane-header', { hasText: 'Breakpoints' });
    await bpHeader.waitFor({ timeout: 20_000 });
    if ((await bpHeader.getAttribute('aria-expanded')) === 'false') await bpHeader.click();
    const hvcRow = page.locator('.debug-breakpoints .monaco-list-row', { hasText: /^HVC/ }).first();
    await hvcRow.waitFor({ timeout: 20_000 });
    // VS Code draws its own checkbox widget (role=checkbox, aria-checked), not an <input>.
    const box = hvcRow.locator('input[type=checkbox], [role=checkbox]').first();
    const ticked = async () => (await box.getAttribute('aria-checked')) === 'true' || (await box.isChecked().catch(() => false));
    if (!(await ticked())) await box.click();
    await retry('HVC filter ticked', ticked, 10_000, 300);
    log('HVC exception filter on');

    // Continue: the next stop is the guest kernel's first hypercall.
    await clickWorkbench(page);
    await page.keyboard.press('F5');
    const stackText = await retry('stop on HVC', async () => {
      const header = await page.locator('.pane-header', { hasText: 'Call Stack' }).innerText();
      // The pane header carries the stop description: "HVC #0x0 from SVC → Hyp (HSR ..., EC 0x12 HVC)".
      if (!/hvc|exception/i.test(header) || /at entry/i.test(header)) return false;
      const r = await rows(page, '.debug-call-stack');
      return r.length ? { header, rows: r } : false;
    }, 60_000, 500);
    log(`call stack header: ${stackText.header.replace(/\s+/g, ' ')}`);
    log(`call stack: ${stackText.rows.slice(0, 4).map((s) => s.replace(/\s+/g, ' ')).join(' | ')}`);
    if (!/exception|hvc/i.test(stackText.header)) throw new Error(`expected a stop on the HVC exception, got "${stackText.header}"`);

    // Variables: the first scope expanded shows registers of the current mode (pitfall 5).
    await sleep(800);
    const vars = await retry('variables', async () => {
      const r = await rows(page, '.debug-variables');
      return r.length >= 3 ? r : false;
    }, 20_000, 500);
    log(`variables: ${vars.slice(0, 8).map((s) => s.replace(/\s+/g, ' ')).join(' | ')}`);
    if (!vars.some((v) => /\bpc\b|r0|cpsr/i.test(v))) throw new Error('no registers in the Variables view');
    const status = await retry('status bar mode', async () => {
      const t = await page.locator('.statusbar-item', { hasText: 'VMID' }).first().innerText().catch(() => '');
      return t || false;
    }, 20_000, 500).catch((e) => { warnings.push(e.message); return ''; });
    log(`status bar: ${status.replace(/\s+/g, ' ')}`);
    if (status && !/HYP/.test(status)) warnings.push(`status bar does not say HYP: ${status}`);
    shots.push(await shot(page, 'debug-stopped-on-hvc'));

    // Stage-2 panel: header, map, walk of one IPA.
    await runCommand(page, 'hypscope: Open Stage-2 Translation Panel');
    const s2 = await webviewFrame(page, '#walk-address');
    await retry('stage-2 state', async () => {
      const t = await s2.locator('#status').innerText();
      return /Stop \d|failed|error/i.test(t) ? t : false;
    }, 20_000, 500).then((t) => log(`stage-2 panel: ${t}`));
    const s2status = await s2.locator('#status').innerText();
    if (/failed/i.test(s2status)) warnings.push(`Stage-2 panel: ${s2status}`);
    await s2.locator('#walk-address').fill('0x40000000');
    await s2.locator('#walk-space').selectOption('ipa');
    await s2.locator('#walk-go').click();
    const walk = await retry('walk result', async () => {
      const t = await s2.locator('#walk-result').innerText();
      return t && !/walking/.test(t) ? t : false;
    }, 20_000, 300);
    log(`walk: ${walk.replace(/\s+/g, ' ').slice(0, 300)}`);
    if (!/Result|Fault|failed|not available|translate/i.test(walk)) throw new Error('walk result not shown');
    if (!/Result/.test(walk)) warnings.push(`walk of IPA 0x40000000: ${walk.replace(/\s+/g, ' ').slice(0, 200)}`);
    // Expand the first table level when there is one.
    const rootNode = s2.locator('#tables .node-head').first();
    if (await rootNode.count()) {
      await retry('table tree', async () => (await s2.locator('#tables .leaf, #tables .node .node').count()) > 0, 10_000, 300).catch((e) => warnings.push(e.message));
    }
    shots.push(await shot(page, 'stage2-panel'));

    // Exceptions panel: the timeline and list.
    await runCommand(page, 'hypscope: Open Exceptions Panel');
    const ex = await webviewFrame(page, '#exception-list');
    const exStatus = await retry('exception log', async () => {
      const t = await ex.locator('#status').innerText();
      return /exception\(s\)|failed|error/i.test(t) ? t : false;
    }, 20_000, 500);
    log(`exceptions panel: ${exStatus}`);
    if (/failed/i.test(exStatus)) throw new Error(`Exceptions panel: ${exStatus}`);
    const firstRow = ex.locator('#exception-list .erow').last();
    await firstRow.waitFor({ timeout: 10_000 });
    await firstRow.click();
    const detail = await retry('exception detail', async () => {
      const t = await ex.locator('#detail').innerText();
      return /PC/.test(t) ? t : false;
    }, 10_000, 300);
    log(`detail: ${detail.replace(/\s+/g, ' ').slice(0, 200)}`);
    if (!/hvc/i.test(detail)) warnings.push('the latest exception in the log is not the HVC');
    shots.push(await shot(page, 'exceptions-panel'));

    // Reveal the HVC's PC in source (kernel.c or guest.h).
    await ex.locator('#reveal-pc').click();
    await sleep(1500);
    const active = await page.locator('.tab.active').first().innerText().catch(() => '');
    log(`after reveal, active editor: ${active.replace(/\s+/g, ' ')}`);
    shots.push(await shot(page, 'exception-revealed-in-source'));

    // Stress (synthetic data, injected into the webviews, never shown as real): 100,000 log entries
    // and a fully populated 40-bit IPA map. Timings are logged, not asserted.
    const exMs = await ex.evaluate(() => new Promise((resolve) => {
      const n = 100_000;
      const c = { count: n, icount: new Float64Array(n), pc: new Uint32Array(n), fromLane: new Uint8Array(n), toLane: new Uint8Array(n),
        kind: new Uint16Array(n), kinds: ['hvc', 'eret', 'data-abort', 'irq'], hsr: new Float64Array(n), total: n };
      for (let i = 0; i < n; i++) {
        const down = i % 2 === 0;
        c.icount[i] = i * 37; c.pc[i] = 0x40000000 + (i % 4096) * 4; c.fromLane[i] = down ? 1 : 2; c.toLane[i] = down ? 2 : 1;
        c.kind[i] = down ? (i % 6 === 0 ? 2 : 0) : 1; c.hsr[i] = down ? 0x4a000000 : -1;
      }
      const t = performance.now();
      window.postMessage({ type: 'log', columns: c, note: 'synthetic stress data' }, '*');
      requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now() - t)));
    }));
    await retry('100,000 rows', async () => /100000 exception/.test(await ex.locator('#status').innerText()), 10_000, 200);
    const scrollMs = await ex.evaluate(() => new Promise((resolve) => {
      const l = document.getElementById('exception-list');
      const t = performance.now();
      l.scrollTop = l.scrollHeight / 2;
      requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now() - t)));
    }));
    log(`stress: 100,000 exceptions rendered in ${exMs.toFixed(0)} ms, scroll to the middle in ${scrollMs.toFixed(0)} ms`);
    shots.push(await shot(page, 'stress-exceptions-100k'));
    await runCommand(page, 'hypscope: Open Stage-2 Translation Panel');
    const mapMs = await s2.evaluate(() => new Promise((resolve) => {
      const n = 131_072; // 8 MiB each: the whole 40-bit IPA space
      const regions = new Array(n);
      const acc = ['rw', 'ro', 'wo', 'none'];
      for (let i = 0; i < n; i++) {
        regions[i] = { ipa: i * 8388608, pa: ((i * 7919) % n) * 8388608, size: 8388608, access: acc[i % 4], memAttr: i % 3 ? 0xf : 0x1, xn: i % 5 === 0, af: true,
          attrText: i % 3 ? 'Normal outer WB inner WB' : 'Device', changed: i % 1000 === 0 };
      }
      const header = { enabled: true, hcrVm: true, vmid: 1, vttbr: '0x00010000_40200000', baddr: '0x0040200000', vtcr: '0x80003558', ipaBits: 40, startLevel: 1,
        rootTable: 0x40200000, rootEntries: 0, vttbrFields: [], vtcrFields: [] };
      const t = performance.now();
      window.postMessage({ type: 'state', stop: { reason: 'stress', description: 'synthetic stress data (40-bit IPA map)', n: 99 }, header, regions, problems: [] }, '*');
      requestAnimationFrame(() => requestAnimationFrame(() => {
        const ms = performance.now() - t;
        const c = document.getElementById('ipa-map');
        const r = c.getBoundingClientRect();
        const t2 = performance.now();
        for (let k = 0; k < 10; k++) c.dispatchEvent(new WheelEvent('wheel', { deltaY: -100, clientX: r.left + r.width / 3, clientY: r.top + 10, bubbles: true, cancelable: true }));
        resolve([ms, (performance.now() - t2) / 10]);
      }));
    }));
    log(`stress: 131,072-region 40-bit IPA map rendered in ${mapMs[0].toFixed(0)} ms, ${mapMs[1].toFixed(1)} ms per zoom step`);
    shots.push(await shot(page, 'stress-stage2-40bit'));
  } catch (e) {
    if (page) await shot(page, 'failure').catch(() => {});
    throw e;
  } finally {
    await ctx?.close().catch(() => {});
    try {
      process.kill(-cs.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
  fs.mkdirSync(DOCS, { recursive: true });
  for (const s of shots) if (!path.basename(s).startsWith('stress-')) fs.copyFileSync(s, path.join(DOCS, `ui-${path.basename(s)}`));
  for (const w of warnings) console.log(`[ui] WARNING: ${w}`);
  log(`passed in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

main().catch((e) => {
  console.error(`[ui] FAILED after ${((Date.now() - t0) / 1000).toFixed(1)} s: ${e.stack ?? e}`);
  process.exitCode = 1;
});

// UI test of the packaged extension in a real VS Code: code-server (Node 24) + Debian's chromium
// driven by playwright-core. One session on examples/toy-hypervisor takes the tutorial's screenshots
// (docs/tutorial.md) and asserts, from the page's text, what each one must show.
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
  return (await page.locator(`${paneSelector} .monaco-list-row`).allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
}

/** Fail unless `re` matches `text`; `what` names the screenshot's claim. */
function expectText(what, text, re) {
  if (!re.test(text)) throw new Error(`${what}: expected ${re} in "${text.replace(/\s+/g, ' ').slice(0, 400)}"`);
}

/** An error toast means a request failed where the user would see it: none may be shown. */
async function noErrorToasts(page, when) {
  const toasts = await page.locator('.notifications-toasts .notification-toast').allInnerTexts();
  const bad = toasts.filter((t) => /hypscope|failed|error/i.test(t));
  if (bad.length) throw new Error(`error notification ${when}: ${bad.join(' | ').replace(/\s+/g, ' ')}`);
}

/** Expand or collapse a side-bar pane (Variables, Watch, Call Stack, Breakpoints) by its header. */
async function setPane(page, title, expanded) {
  const h = page.locator('.pane-header', { hasText: new RegExp(`^\\s*${title}`) }).first();
  await h.waitFor({ timeout: 10_000 });
  if (((await h.getAttribute('aria-expanded')) === 'true') !== expanded) await h.click({ position: { x: 30, y: 10 } });
  await retry(`${title} pane ${expanded ? 'open' : 'closed'}`, async () => ((await h.getAttribute('aria-expanded')) === 'true') === expanded, 5000, 200);
}

/**
 * Expand (or collapse) the Variables row whose text matches `re`. Pitfall 5: the row only flips
 * aria-expanded once its children arrive, so click once and give it time before clicking again.
 */
async function setVar(page, re, expanded) {
  await retry(`variable ${re} ${expanded ? 'expanded' : 'collapsed'}`, async () => {
    const all = page.locator('.debug-variables .monaco-list-row');
    const n = await all.count();
    for (let i = 0; i < n; i++) {
      const row = all.nth(i);
      if (!re.test((await row.innerText()).replace(/\s+/g, ' ').trim())) continue;
      const state = await row.getAttribute('aria-expanded');
      if ((state === 'true') === expanded) return true;
      await row.click();
      await sleep(1200);
      return false;
    }
    return false;
  }, 20_000, 300);
}

/** Tick or untick an exception filter in the Breakpoints view (VS Code draws role=checkbox). */
async function setFilter(page, label, on) {
  const row = page.locator('.debug-breakpoints .monaco-list-row', { hasText: new RegExp(`^${label}`) }).first();
  await row.waitFor({ timeout: 20_000 });
  const box = row.locator('input[type=checkbox], [role=checkbox]').first();
  const ticked = async () => (await box.getAttribute('aria-checked')) === 'true' || (await box.isChecked().catch(() => false));
  if ((await ticked()) !== on) await box.click();
  await retry(`filter ${label} ${on ? 'on' : 'off'}`, async () => (await ticked()) === on, 10_000, 300);
}

/** The Call Stack header carries the stop description (pitfall 6); wait for one matching `re`. */
async function waitStop(page, re, what, stackRe) {
  return retry(what, async () => {
    const header = (await page.locator('.pane-header', { hasText: 'Call Stack' }).innerText()).replace(/\s+/g, ' ');
    if (!re.test(header)) return false;
    // The header changes first; the frames follow once VS Code has fetched the new stack.
    const r = await rows(page, '.debug-call-stack');
    return r.length && stackRe.test(r.join(' | ')) ? { header, rows: r } : false;
  }, 60_000, 400);
}

async function continueTo(page, re, what, stackRe) {
  await clickWorkbench(page);
  await page.keyboard.press('F5');
  const stop = await waitStop(page, re, what, stackRe);
  log(`stop: ${stop.header}`);
  return stop;
}

/** Type an expression into the Debug Console and return the console's text once `re` shows. */
async function repl(page, expr, re) {
  // The input is a Monaco editor (its text sink is not always a <textarea>): click its lines.
  await page.locator('.repl-input-wrapper .monaco-editor .view-lines').first().click();
  await page.keyboard.type(expr);
  await page.keyboard.press('Enter');
  return retry(`console answer to "${expr}"`, async () => {
    const t = (await rows(page, '.repl')).join('\n');
    return re.test(t) ? t : false;
  }, 15_000, 300);
}

async function statusText(page) {
  return (await page.locator('.statusbar-item', { hasText: 'VMID' }).first().innerText().catch(() => '')).replace(/\s+/g, ' ');
}

/** Drag the sash between side bar and editor so register values are not cut off. */
async function widenSideBar(page, px) {
  const box = await page.locator('.part.sidebar').boundingBox();
  if (!box) return;
  const x = box.x + box.width + 1;
  const y = box.y + box.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + px / 2, y, { steps: 4 });
  await page.mouse.move(x + px, y, { steps: 4 });
  await page.mouse.up();
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
      viewport: { width: 1600, height: 1200 },
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

    // F5: the example's .vscode/launch.json; stopOnEntry pauses at the ELF entry in Hyp mode.
    await retry('debug session paused on entry', async () => {
      if (!(await page.locator('.debug-toolbar').isVisible())) {
        await clickWorkbench(page);
        await page.keyboard.press('F5');
        await sleep(1500);
      }
      const paused = await page.locator('.pane-header', { hasText: 'Call Stack' }).innerText().catch(() => '');
      return /paused|stopped|entry/i.test(paused);
    }, 90_000, 1500);
    log('paused on entry');
    await widenSideBar(page, 220);
    await setPane(page, 'Watch', false);
    await setPane(page, 'Breakpoints', true);

    // (a) The exception filter "HVC" (from the adapter's capabilities), then F5 to the guest's first
    // hypercall: the stack crosses from the Hyp vector into the guest kernel.
    await setFilter(page, 'HVC', true);
    const hvc = await continueTo(page, /HVC #0x0 from SVC → Hyp \(HSR 0x4a000000, EC 0x12 HVC\)/, 'stop on the first HVC', /kernel_main/);
    const stack = hvc.rows.join(' | ');
    expectText('call stack at the HVC', stack, /hyp_vectors\+0x14.*trap from SVC: HVC #0x0.*kernel_main\+0x18.*guest_entry/);
    // The Variables view refreshes after the stack: wait for this stop's registers (PC at HVBAR + 0x14,
    // r0 = HC_PRINT, r1 = the string's guest VA as kernel_main's movw/movt build it).
    const regs = await retry('registers at the HVC', async () => { const t = (await rows(page, '.debug-variables')).join(' | '); return /PC[ =:]*0x47000034/.test(t) ? t : false; }, 20_000, 300);
    expectText('registers at the HVC', regs, /R0[ =:]*0x00000001 \| R1[ =:]*0x400009b0 .*CPSR[ =:]*0x[0-9a-f]{8} .*hyp/);
    const status = await retry('status bar VMID', async () => { const t = await statusText(page); return /HYP · VMID \d/.test(t) ? t : false; }, 20_000, 300);
    expectText('status bar at the HVC', status, /HYP · VMID 1\b/);
    await page.locator('.zone-widget .exception-widget, .exception-widget').first().waitFor({ timeout: 10_000 });
    await noErrorToasts(page, 'at the HVC stop');
    await sleep(1200); // let the "value changed" highlight fade
    shots.push(await shot(page, 'hvc-call-stack'));

    // (b) Banked registers and a Hyp system register decoded into fields. Room first: only Variables.
    await setPane(page, 'Call Stack', false);
    await setPane(page, 'Breakpoints', false);
    await setVar(page, /^Registers$/, false);
    await setVar(page, /^Banked Registers$/, true);
    await setVar(page, /^Supervisor\b/, true);
    await setVar(page, /^Hyp\b(?! System)/, true);
    await setVar(page, /^Hyp System Registers$/, true);
    await setVar(page, /^VTTBR\b/, true);
    const vars = (await rows(page, '.debug-variables')).join(' | ');
    log(`variables: ${vars.slice(0, 600)}`);
    expectText('banked SVC registers', vars, /SP_svc[ =:]*0x4001[0-9a-f]{4} \| LR_svc[ =:]*0x40000028 \| SPSR_svc[ =:]*0x00000000 nzcvq/);
    expectText('Hyp registers', vars, /SPSR_hyp[ =:]*0x000001d3 nzcvq AIF svc \| ELR_hyp[ =:]*0x400004a4/);
    expectText('VTTBR fields', vars, /VTTBR[ =:]*0x0001000047003020 \| BADDR[ =:]*0x47003020 \| VMID[ =:]*0x1\b/);
    shots.push(await shot(page, 'banked-and-hyp-registers'));
    await setVar(page, /^Banked Registers$/, false);
    await setVar(page, /^Hyp System Registers$/, false);
    await setPane(page, 'Variables', false);
    await setPane(page, 'Call Stack', true);
    await setPane(page, 'Breakpoints', true);

    // (d) The guest's read of the emulated device (VDEV_IPA, no stage-2 mapping): a stage-2 data
    // abort; the Debug Console decodes the syndrome as hyp/traps.c and hyp/mmio.c do.
    await setFilter(page, 'HVC', false);
    await setFilter(page, 'Stage-2 abort', true);
    const abort = await continueTo(page, /Stage-2 Data abort \(translation fault, level 2, read\) at VA 0xa000000, IPA 0xa000000 from SVC → Hyp/, 'stop on the stage-2 abort', /kernel_main\+0x1c/);
    expectText('call stack at the abort', abort.rows.join(' | '), /hyp_vectors\+0x14.*trap from SVC: Stage-2 Data abort.*kernel_main\+0x1c kernel\.c 49:/);
    await runCommand(page, 'Focus on Debug Console View');
    await repl(page, 'HSR', /0x938e0006/);
    await repl(page, '(HSR >> 16) & 0xf', /0xe \(14\)/);
    await repl(page, '((HPFAR & ~0xf) << 8) | (HDFAR & 0xfff)', /0xa000000 \(167772160\)/);
    const walkText = await repl(page, 'translate 0x0a000000 ipa', /fault: translation at stage 2 level 2, IPA 0xa000000/);
    log(`console: ${walkText.split('\n').slice(-4).join(' / ')}`);
    await noErrorToasts(page, 'at the stage-2 abort');
    shots.push(await shot(page, 'stage2-abort'));

    // The next hypercall comes after the guest turned its own MMU on: r1 is the guest VA of the string.
    await setFilter(page, 'Stage-2 abort', false);
    await setFilter(page, 'HVC', true);
    await continueTo(page, /HVC #0x0 from SVC → Hyp/, 'stop on the second HVC', /kernel_main\+0x(?!18\b)/);
    const r1Text = await repl(page, 'r1', /\n?0x4000[0-9a-f]{4} \(\d+\)\s*$/);
    const r1 = /(0x4000[0-9a-f]{4}) \(\d+\)\s*$/.exec(r1Text)[1];
    log(`r1 = ${r1}`);

    // (c) The Stage-2 panel, full width: header, IPA map, regions, tables, a two-stage walk of r1.
    await runCommand(page, 'hypscope: Open Stage-2 Translation Panel');
    const s2 = await webviewFrame(page, '#walk-address');
    await page.locator('.tab', { hasText: 'boot.S' }).first().click();
    await runCommand(page, 'View: Close All Editors in Group');
    await runCommand(page, 'View: Toggle Primary Side Bar Visibility');
    await runCommand(page, 'View: Hide Panel');
    const s2status = await retry('stage-2 state', async () => { const t = await s2.locator('#status').innerText(); return /Stop \d|failed|error/i.test(t) ? t : false; }, 20_000, 300);
    log(`stage-2 panel: ${s2status}`);
    expectText('stage-2 panel status', s2status, /^Stop \d+: HVC #0x0/);
    expectText('stage-2 header', await s2.locator('#header').innerText(), /HCR\.VM = 1 \(stage 2 on\)[\s\S]*VMID 1[\s\S]*VTTBR 0x00010000_47003020/);
    const regionText = (await s2.locator('#regions').innerText()).replace(/\s+/g, ' ');
    expectText('stage-2 regions', regionText, /0x08010000–0x08011fff 8 KiB → 0x08040000 rw XN Device.*0x09000000–0x09000fff 4 KiB → 0x09000000 rw XN Device.*0x40000000–0x403fffff 4 MiB → 0x41000000 rw Normal/);
    await s2.locator('#walk-address').fill(r1);
    await s2.locator('#walk-space').selectOption('guest-va');
    await s2.locator('#walk-go').click();
    const walk = await retry('walk result', async () => { const t = await s2.locator('#walk-result').innerText(); return /Result|Fault|problem/.test(t) ? t : false; }, 20_000, 300);
    log(`walk: ${walk.replace(/\s+/g, ' ').slice(0, 300)}`);
    expectText('two-stage walk', walk.replace(/\s+/g, ' '), new RegExp(`stage 1 L1 descriptor at 0x4000d000.*= 0x00000000_4000140e.*stage 2 L1.*stage 2 L2 descriptor at 0x47006000.*= 0x00000000_410007fd.*Result: PA 0x41${r1.slice(4)} \\(stage 1 → IPA ${r1}\\) · Normal outer WB inner WB · PL1 rwx, PL0 ---`));
    // The table tree: level 1 root, the RAM entry's level-2 blocks, the device entry's level-3 pages.
    await s2.locator('#tables .node-head').first().waitFor({ timeout: 10_000 });
    await retry('level-2 tables listed', async () => (await s2.locator('#tables .node .node').count()) >= 2, 10_000, 200);
    await s2.locator('#tables .node .node-head', { hasText: /^\[1\] IPA 0x0040000000/ }).click();
    await retry('RAM blocks', async () => /\[0\] IPA 0x0040000000–0x00401fffff block → 0x0041000000/.test((await s2.locator('#tables').innerText()).replace(/\s+/g, ' ')), 10_000, 200);
    await s2.locator('#tables .node .node-head', { hasText: /^\[0\] IPA 0x0000000000/ }).click();
    await retry('device tables', async () => /\[64\] IPA 0x0008000000.*table → level 3/.test((await s2.locator('#tables').innerText()).replace(/\s+/g, ' ')), 10_000, 200);
    await s2.locator('#tables .node-head', { hasText: /^\[64\] IPA 0x0008000000/ }).click();
    const treeText = await retry('GIC pages', async () => { const t = (await s2.locator('#tables').innerText()).replace(/\s+/g, ' '); return /\[16\] IPA 0x0008010000–0x0008010fff page → 0x0008040000/.test(t) ? t : false; }, 10_000, 200);
    log(`tables: ${treeText.slice(0, 300)}`);
    await noErrorToasts(page, 'with the Stage-2 panel');
    shots.push(await shot(page, 'stage2-panel'));

    // Stress (synthetic data, injected into the webview, never shown as real): a fully populated
    // 40-bit IPA map. Timings are logged, not asserted.
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

    // (e) The Exceptions panel, full width: timeline, list, and the first MMIO abort's syndrome.
    await runCommand(page, 'hypscope: Open Exceptions Panel');
    const ex = await webviewFrame(page, '#exception-list');
    await page.locator('.tab', { hasText: 'Stage-2 translation' }).first().click();
    await runCommand(page, 'View: Close All Editors in Group');
    const exStatus = await retry('exception log', async () => { const t = await ex.locator('#status').innerText(); return /exception\(s\)|failed|error/i.test(t) ? t : false; }, 20_000, 300);
    log(`exceptions panel: ${exStatus}`);
    if (/failed|error/i.test(exStatus)) throw new Error(`Exceptions panel: ${exStatus}`);
    const abortRow = ex.locator('#exception-list .erow', { hasText: 'data-abort' }).first();
    await abortRow.waitFor({ timeout: 10_000 });
    await abortRow.click();
    const detail = await retry('exception detail', async () => { const t = (await ex.locator('#detail').innerText()).replace(/\s+/g, ' '); return /data-abort/.test(t) ? t : false; }, 10_000, 300);
    log(`detail: ${detail.slice(0, 400)}`);
    expectText('MMIO abort syndrome', detail, /HSR 0x938e0006.*EC 0x24.*ISV 0x1.*SAS 0x2 word.*SRT 0xe.*WnR 0x0 read.*FAR 0x0a000000.*HPFAR 0x000a0000/);
    const list = (await ex.locator('#exception-list').innerText()).replace(/\s+/g, ' ');
    expectText('exception list', list, /hvc PL1 → hyp 0x400004a4 0x4a000000.*data-abort PL1 → hyp 0x400004a8 0x938e0006.*hyp-trap PL1 → hyp/);
    await noErrorToasts(page, 'with the Exceptions panel');
    shots.push(await shot(page, 'exceptions-panel'));

    // Stress: 100,000 synthetic log entries (timings logged, not asserted).
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
    log(`stress: 100,000 exceptions rendered in ${exMs.toFixed(0)} ms`);
    shots.push(await shot(page, 'stress-exceptions-100k'));
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
  // Only a passing run replaces the tutorial's images.
  fs.mkdirSync(DOCS, { recursive: true });
  for (const s of shots) if (!path.basename(s).startsWith('stress-')) fs.copyFileSync(s, path.join(DOCS, `ui-${path.basename(s)}`));
  for (const w of warnings) console.log(`[ui] WARNING: ${w}`);
  log(`passed in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

main().catch((e) => {
  console.error(`[ui] FAILED after ${((Date.now() - t0) / 1000).toFixed(1)} s: ${e.stack ?? e}`);
  process.exitCode = 1;
});

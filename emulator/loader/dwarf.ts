// DWARF line-number information (.debug_line) of an ELF32 image: the address <-> source line map.
// DWARF 2-5 specification §6.2 (line number program), §7.5 (forms), §7.22 (v5 line header entries).

import type { ElfImage } from './elf';

/** One row of the line table (a state-machine "copy"). */
export interface LineRow {
  readonly address: number;
  /** Absolute (or comp-dir relative when no comp dir is known) path of the source file. */
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly isStmt: boolean;
  /** First address after a sequence: not an instruction of this line. */
  readonly endSequence: boolean;
}

export class DwarfError extends Error {}

/** Byte reader over one section with LEB128 and string helpers. */
class Reader {
  pos: number;
  constructor(readonly b: Uint8Array, readonly start: number, readonly end: number) {
    this.pos = start;
  }
  private need(n: number): void {
    if (this.pos + n > this.end) throw new DwarfError(`DWARF: read past end of section at 0x${this.pos.toString(16)}`);
  }
  u8(): number { this.need(1); return this.b[this.pos++]; }
  s8(): number { const v = this.u8(); return v >= 0x80 ? v - 0x100 : v; }
  u16(): number { this.need(2); const v = this.b[this.pos] | (this.b[this.pos + 1] << 8); this.pos += 2; return v; }
  u32(): number {
    this.need(4);
    const p = this.pos;
    this.pos += 4;
    return (this.b[p] | (this.b[p + 1] << 8) | (this.b[p + 2] << 16) | (this.b[p + 3] << 24)) >>> 0;
  }
  skip(n: number): void { this.need(n); this.pos += n; }
  uleb(): number {
    let v = 0;
    let mul = 1;
    for (;;) {
      const x = this.u8();
      v += (x & 0x7f) * mul;
      mul *= 128;
      if ((x & 0x80) === 0) return v;
    }
  }
  sleb(): number {
    let v = 0;
    let mul = 1;
    let x: number;
    do {
      x = this.u8();
      v += (x & 0x7f) * mul;
      mul *= 128;
    } while (x & 0x80);
    if (x & 0x40) v -= mul;
    return v;
  }
  cstr(): string {
    let s = '';
    for (;;) {
      const c = this.u8();
      if (c === 0) return s;
      s += String.fromCharCode(c);
    }
  }
}

function cstrAt(b: Uint8Array, start: number, end: number, off: number): string {
  let s = '';
  for (let p = start + off; p < end && b[p] !== 0; p++) s += String.fromCharCode(b[p]);
  return s;
}

interface Sect { readonly start: number; readonly end: number }

function section(elf: ElfImage, name: string): Sect | undefined {
  const s = elf.sections.find((x) => x.name === name);
  if (!s || s.offset + s.size > elf.bytes.length) return undefined;
  return { start: s.offset, end: s.offset + s.size };
}

function joinPath(dir: string, name: string): string {
  if (name.startsWith('/') || dir === '') return name;
  const parts = (dir.endsWith('/') ? dir + name : `${dir}/${name}`).split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (p === '..' && out.length > 1 && out[out.length - 1] !== '..') out.pop();
    else if (p !== '.') out.push(p);
  }
  return out.join('/').replace(/\/+/g, '/');
}

// DW_FORM codes (§7.5.6) used by line headers and by the first DIE of a unit.
const F = {
  addr: 0x01, block2: 0x03, block4: 0x04, data2: 0x05, data4: 0x06, data8: 0x07, string: 0x08, block: 0x09,
  block1: 0x0a, data1: 0x0b, flag: 0x0c, sdata: 0x0d, strp: 0x0e, udata: 0x0f, ref_addr: 0x10, ref1: 0x11,
  ref2: 0x12, ref4: 0x13, ref8: 0x14, ref_udata: 0x15, indirect: 0x16, sec_offset: 0x17, exprloc: 0x18,
  flag_present: 0x19, strx: 0x1a, addrx: 0x1b, ref_sup4: 0x1c, strp_sup: 0x1d, data16: 0x1e, line_strp: 0x1f,
  ref_sig8: 0x20, implicit_const: 0x21, loclistx: 0x22, rnglistx: 0x23, ref_sup8: 0x24, strx1: 0x25,
  strx2: 0x26, strx3: 0x27, strx4: 0x28, addrx1: 0x29, addrx2: 0x2a, addrx3: 0x2b, addrx4: 0x2c,
} as const;

interface Strs { readonly elf: ElfImage; readonly str?: Sect; readonly lineStr?: Sect }

/** Read one attribute value of `form`: a string, a number, or undefined (skipped). */
function readForm(r: Reader, form: number, addrSize: number, version: number, strs: Strs): string | number | undefined {
  const b = strs.elf.bytes;
  switch (form) {
    case F.string: return r.cstr();
    case F.strp: { const o = r.u32(); return strs.str ? cstrAt(b, strs.str.start, strs.str.end, o) : undefined; }
    case F.line_strp: { const o = r.u32(); return strs.lineStr ? cstrAt(b, strs.lineStr.start, strs.lineStr.end, o) : undefined; }
    case F.addr: return addrSize === 4 ? r.u32() : (r.skip(addrSize), undefined);
    case F.data1: case F.ref1: case F.flag: case F.strx1: case F.addrx1: return r.u8();
    case F.data2: case F.ref2: case F.strx2: case F.addrx2: return r.u16();
    case F.strx3: case F.addrx3: r.skip(3); return undefined;
    case F.data4: case F.ref4: case F.sec_offset: case F.strp_sup: case F.ref_sup4: case F.strx4: case F.addrx4: return r.u32();
    case F.ref_addr: return version <= 2 ? (addrSize === 4 ? r.u32() : (r.skip(addrSize), undefined)) : r.u32();
    case F.data8: case F.ref8: case F.ref_sig8: case F.ref_sup8: { const lo = r.u32(); r.u32(); return lo; }
    case F.data16: r.skip(16); return undefined;
    case F.udata: case F.ref_udata: case F.strx: case F.addrx: case F.loclistx: case F.rnglistx: return r.uleb();
    case F.sdata: return r.sleb();
    case F.block1: r.skip(r.u8()); return undefined;
    case F.block2: r.skip(r.u16()); return undefined;
    case F.block4: r.skip(r.u32()); return undefined;
    case F.block: case F.exprloc: r.skip(r.uleb()); return undefined;
    case F.flag_present: case F.implicit_const: return 1;
    case F.indirect: return readForm(r, r.uleb(), addrSize, version, strs);
    default: throw new DwarfError(`DWARF: unsupported attribute form 0x${form.toString(16)}`);
  }
}

/** Map from .debug_line offset to the compilation directory of the unit that owns it (§3.1.1). */
function compDirs(elf: ElfImage, strs: Strs): Map<number, string> {
  const out = new Map<number, string>();
  const info = section(elf, '.debug_info');
  const abbrev = section(elf, '.debug_abbrev');
  if (!info || !abbrev) return out;
  const b = elf.bytes;
  let off = info.start;
  while (off + 11 <= info.end) {
    const r = new Reader(b, off, info.end);
    const len = r.u32();
    if (len === 0xffffffff) break; // 64-bit DWARF is not produced for ARM32
    const unitEnd = r.pos + len;
    const version = r.u16();
    let abbrevOff: number;
    let addrSize: number;
    if (version >= 5) {
      const unitType = r.u8();
      addrSize = r.u8();
      abbrevOff = r.u32();
      if (unitType === 2 || unitType === 6) r.skip(12); // type units: signature + type offset
      else if (unitType === 4 || unitType === 5) r.skip(8); // skeleton / split: dwo id
    } else {
      abbrevOff = r.u32();
      addrSize = r.u8();
    }
    try {
      const code = r.uleb();
      // Find the abbreviation with this code.
      const a = new Reader(b, abbrev.start + abbrevOff, abbrev.end);
      for (;;) {
        const c = a.uleb();
        if (c === 0) throw new DwarfError('abbrev not found');
        a.uleb(); // tag
        a.u8(); // children
        if (c === code) break;
        for (;;) {
          const at = a.uleb();
          const form = a.uleb();
          if (form === F.implicit_const) a.sleb();
          if (at === 0 && form === 0) break;
        }
      }
      let dir: string | undefined;
      let stmt: number | undefined;
      for (;;) {
        const at = a.uleb();
        const form = a.uleb();
        if (form === F.implicit_const) a.sleb();
        if (at === 0 && form === 0) break;
        const v = readForm(r, form, addrSize, version, strs);
        if (at === 0x1b && typeof v === 'string') dir = v; // DW_AT_comp_dir
        if (at === 0x10 && typeof v === 'number') stmt = v; // DW_AT_stmt_list
      }
      if (dir !== undefined && stmt !== undefined) out.set(stmt, dir);
    } catch {
      // An unreadable unit only loses its comp dir; the line table still loads.
    }
    off = unitEnd;
  }
  return out;
}

/** Parse every line-number program in the image. Returns [] for images without .debug_line. */
export function readLineTable(elf: ElfImage): LineRow[] {
  const line = section(elf, '.debug_line');
  if (!line) return [];
  const strs: Strs = { elf, str: section(elf, '.debug_str'), lineStr: section(elf, '.debug_line_str') };
  const dirs = compDirs(elf, strs);
  const rows: LineRow[] = [];
  let off = line.start;
  while (off + 4 <= line.end) {
    const r = new Reader(elf.bytes, off, line.end);
    const unitLen = r.u32();
    if (unitLen === 0xffffffff) throw new DwarfError('DWARF: 64-bit DWARF line tables are not supported');
    const unitEnd = r.pos + unitLen;
    if (unitEnd > line.end) throw new DwarfError(`DWARF: line table at 0x${(off - line.start).toString(16)} runs past .debug_line`);
    readProgram(new Reader(elf.bytes, r.pos, unitEnd), off - line.start, dirs, strs, rows);
    off = unitEnd;
  }
  return rows;
}

function readProgram(r: Reader, secOff: number, dirs: Map<number, string>, strs: Strs, rows: LineRow[]): void {
  const version = r.u16();
  if (version < 2 || version > 5) throw new DwarfError(`DWARF: line table version ${version} is not supported (2-5)`);
  let addrSize = 4;
  if (version >= 5) {
    addrSize = r.u8();
    r.u8(); // segment selector size
  }
  const headerLen = r.u32();
  const progStart = r.pos + headerLen;
  const minInsn = r.u8();
  const maxOps = version >= 4 ? r.u8() : 1;
  const defaultIsStmt = r.u8() !== 0;
  const lineBase = r.s8();
  const lineRange = r.u8();
  const opcodeBase = r.u8();
  const stdLens: number[] = [0];
  for (let i = 1; i < opcodeBase; i++) stdLens.push(r.u8());
  if (lineRange === 0) throw new DwarfError('DWARF: line_range is 0');
  void maxOps; // VLIW op-index is always 0 on ARM (maximum_operations_per_instruction = 1)

  const compDir = dirs.get(secOff) ?? '';
  const dirNames: string[] = [];
  const files: string[] = [];
  if (version >= 5) {
    // §6.2.4.1: entry formats, then entries; directory 0 and file 0 are the primary ones.
    const readEntries = (): { path: string; dir: number }[] => {
      const nfmt = r.u8();
      const fmts: [number, number][] = [];
      for (let i = 0; i < nfmt; i++) fmts.push([r.uleb(), r.uleb()]);
      const n = r.uleb();
      const out: { path: string; dir: number }[] = [];
      for (let i = 0; i < n; i++) {
        let path = '';
        let dir = 0;
        for (const [ct, form] of fmts) {
          const v = readForm(r, form, addrSize, version, strs);
          if (ct === 1 && typeof v === 'string') path = v; // DW_LNCT_path
          if (ct === 2 && typeof v === 'number') dir = v; // DW_LNCT_directory_index
        }
        out.push({ path, dir });
      }
      return out;
    };
    for (const d of readEntries()) dirNames.push(d.path);
    const base = dirNames[0] || compDir;
    for (let i = 0; i < dirNames.length; i++) dirNames[i] = i === 0 ? base : joinPath(base, dirNames[i]);
    for (const f of readEntries()) files.push(joinPath(dirNames[f.dir] ?? base, f.path));
  } else {
    // §6.2.4 (v2-4): include_directories and file_names, both 1-based, dir 0 = comp dir.
    dirNames.push(compDir);
    for (;;) {
      const d = r.cstr();
      if (d === '') break;
      dirNames.push(joinPath(compDir, d));
    }
    files.push(''); // file numbers start at 1
    for (;;) {
      const name = r.cstr();
      if (name === '') break;
      const dir = r.uleb();
      r.uleb();
      r.uleb();
      files.push(joinPath(dirNames[dir] ?? compDir, name));
    }
  }

  r.pos = progStart;
  // The state machine registers (§6.2.2).
  let address = 0;
  let file = 1;
  let lineNo = 1;
  let column = 0;
  let isStmt = defaultIsStmt;
  const reset = (): void => {
    address = 0; file = 1; lineNo = 1; column = 0; isStmt = defaultIsStmt;
  };
  const emit = (end: boolean): void => {
    rows.push({ address: address >>> 0, file: files[file] ?? `<file ${file}>`, line: lineNo, column, isStmt, endSequence: end });
  };
  while (r.pos < r.end) {
    const op = r.u8();
    if (op >= opcodeBase) {
      const adj = op - opcodeBase;
      address += Math.floor(adj / lineRange) * minInsn;
      lineNo += lineBase + (adj % lineRange);
      emit(false);
    } else if (op === 0) {
      const len = r.uleb();
      const next = r.pos + len;
      if (len === 0) continue;
      const ext = r.u8();
      if (ext === 1) { emit(true); reset(); }
      else if (ext === 2) address = addrSize === 4 ? r.u32() : r.u32();
      else if (ext === 3) {
        const name = r.cstr();
        const dir = r.uleb();
        files.push(joinPath(dirNames[dir] ?? compDir, name));
      }
      r.pos = next;
    } else {
      switch (op) {
        case 1: emit(false); break; // DW_LNS_copy
        case 2: address += r.uleb() * minInsn; break; // advance_pc
        case 3: lineNo += r.sleb(); break; // advance_line
        case 4: file = r.uleb(); break; // set_file
        case 5: column = r.uleb(); break; // set_column
        case 6: isStmt = !isStmt; break; // negate_stmt
        case 7: break; // set_basic_block
        case 8: address += Math.floor((255 - opcodeBase) / lineRange) * minInsn; break; // const_add_pc
        case 9: address += r.u16(); break; // fixed_advance_pc
        case 10: case 11: break; // prologue_end, epilogue_begin
        case 12: r.uleb(); break; // set_isa
        default: for (let i = 0; i < stdLens[op]; i++) r.uleb();
      }
    }
  }
}

/** Queries over the line table: address -> line and (file, line) -> addresses. */
export class LineMap {
  /** Statement rows sorted by address (end-of-sequence rows kept as terminators). */
  private readonly rows: LineRow[];
  readonly files: readonly string[];

  constructor(rows: readonly LineRow[]) {
    this.rows = [...rows].sort((a, b) => a.address - b.address || Number(b.endSequence) - Number(a.endSequence));
    this.files = [...new Set(rows.filter((x) => !x.endSequence).map((x) => x.file))].sort();
  }

  static fromElf(elf: ElfImage): LineMap {
    return new LineMap(readLineTable(elf));
  }

  get empty(): boolean {
    return this.rows.length === 0;
  }

  /** The table's file that `path` names: exact match, else the longest common path suffix. */
  resolveFile(path: string): string | undefined {
    const norm = path.replace(/\\/g, '/');
    if (this.files.includes(norm)) return norm;
    let best: string | undefined;
    let bestLen = 0;
    for (const f of this.files) {
      const a = f.split('/');
      const b = norm.split('/');
      let n = 0;
      while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
      if (n > bestLen) { bestLen = n; best = f; }
    }
    return best;
  }

  /**
   * Where a breakpoint on `line` of `file` binds: the statement rows of the first line >= `line`
   * that has code (as gdb moves a breakpoint down to the next line with code). Returns the line
   * actually used and its addresses (one per sequence, e.g. an inlined copy).
   */
  bind(file: string, line: number): { line: number; addresses: number[] } | undefined {
    const f = this.resolveFile(file);
    if (f === undefined) return undefined;
    let bestLine = Infinity;
    for (const r of this.rows) if (!r.endSequence && r.isStmt && r.file === f && r.line >= line && r.line < bestLine) bestLine = r.line;
    if (bestLine === Infinity) return undefined;
    // gcc emits a line again for loop back-edges and split statements; the lowest statement
    // address of the line is where gdb puts the breakpoint too.
    let lowest = Infinity;
    for (const r of this.rows) if (!r.endSequence && r.isStmt && r.file === f && r.line === bestLine && r.address < lowest) lowest = r.address;
    return { line: bestLine, addresses: [lowest] };
  }

  /** The row covering `addr` (the last row at or below it, within its sequence), or undefined. */
  lookup(addr: number): LineRow | undefined {
    const i = this.lookupIndex(addr);
    return i < 0 ? undefined : this.rows[i];
  }

  private lookupIndex(addr: number): number {
    const rows = this.rows;
    let lo = 0;
    let hi = rows.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if (rows[mid].address <= addr) { found = mid; lo = mid + 1; } else hi = mid - 1;
    }
    if (found < 0) return -1;
    // Several rows can share an address: prefer the last non-end row at that address.
    let i = found;
    while (i >= 0 && rows[i].endSequence && rows[i].address === addr) i--;
    if (i < 0 || rows[i].endSequence) return -1; // addr is past the end of a sequence
    // gcc emits "line 90 (is_stmt); line 89 (not is_stmt)" at one address when it moves an
    // instruction of line 89 there: the statement row names the address, as gdb's
    // find_pc_sect_line prefers an is_stmt entry among those at the same address.
    if (!rows[i].isStmt) {
      for (let k = i - 1; k >= 0 && rows[k].address === rows[i].address && !rows[k].endSequence; k--) {
        if (rows[k].isStmt) return k;
      }
    }
    return i;
  }

  /** Start address of the line-table row holding `addr` and the end of that row's range. */
  rangeOf(addr: number): { start: number; end: number; row: LineRow } | undefined {
    const k = this.lookupIndex(addr);
    if (k < 0) return undefined;
    const row = this.rows[k];
    let i = k;
    let start = row.address;
    // Extend back over rows with the same file/line (same statement).
    while (i > 0 && !this.rows[i - 1].endSequence && this.rows[i - 1].file === row.file && this.rows[i - 1].line === row.line) {
      i--;
      start = this.rows[i].address;
    }
    let j = k + 1;
    while (j < this.rows.length && this.rows[j].address === row.address) j++;
    while (j < this.rows.length && !this.rows[j].endSequence && this.rows[j].file === row.file && this.rows[j].line === row.line) j++;
    const end = j < this.rows.length ? this.rows[j].address : row.address + 4;
    return { start, end, row };
  }
}

// Command-line parsing for `hypscope`: sizes with K/M/G suffixes, numbers in hex or decimal,
// and precise messages for every mistake.

export class UsageError extends Error {}

export function parseNumber(text: string, what: string): number {
  const t = text.trim().replace(/_/g, '');
  const v = /^0x[0-9a-f]+$/i.test(t) ? parseInt(t.slice(2), 16) : /^[0-9]+$/.test(t) ? parseInt(t, 10) : NaN;
  if (!Number.isSafeInteger(v)) throw new UsageError(`${what}: '${text}' is not a number (use decimal or 0x hex)`);
  return v;
}

export function parseSize(text: string, what: string): number {
  const m = /^(0x[0-9a-f]+|[0-9]+)\s*([kmg]i?b?|b)?$/i.exec(text.trim());
  if (!m) throw new UsageError(`${what}: '${text}' is not a size (e.g. 128M, 1G, 0x8000000)`);
  const base = parseNumber(m[1], what);
  const unit = (m[2] ?? '').toLowerCase()[0];
  const mult = unit === 'k' ? 1024 : unit === 'm' ? 1024 ** 2 : unit === 'g' ? 1024 ** 3 : 1;
  return base * mult;
}

export interface RunArgs {
  file: string;
  maxInstructions: number | undefined;
  trace: string | undefined; // '-' = stderr
  memory: number | undefined;
  loadAddress: number | undefined;
  summary: boolean;
  interpreter: boolean;
  /** `--bios FILE`: firmware in flash at 0 (QEMU -bios); `file` is then that firmware. */
  bios: boolean;
  /** `--append TEXT`: kernel command line, /chosen/bootargs in the DTB (QEMU -append). */
  append: string | undefined;
  /** `--gdb[=PORT]`: serve the GDB remote protocol and wait for gdb before running ('' = port 1234). */
  gdb?: string;
}

export function parseRunArgs(argv: string[]): RunArgs {
  const out: RunArgs = { file: '', maxInstructions: undefined, trace: undefined, memory: undefined, loadAddress: undefined, summary: false, interpreter: false, bios: false, append: undefined };
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const [flag, inline] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = (): string => {
      if (inline !== undefined) return inline;
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '--max-instructions': out.maxInstructions = parseNumber(value(), '--max-instructions'); break;
      case '--trace-exceptions': out.trace = inline ?? '-'; break;
      case '--memory': out.memory = parseSize(value(), '--memory'); break;
      case '--load-address': out.loadAddress = parseNumber(value(), '--load-address'); break;
      case '--summary': out.summary = true; break;
      case '--interpreter': out.interpreter = true; break;
      case '--bios': out.bios = true; files.push(value()); break;
      case '--append': out.append = value(); break;
      case '--gdb': out.gdb = inline ?? ''; break;
      default:
        if (a.startsWith('-') && a !== '-') throw new UsageError(`unknown option '${a}' (see 'hypscope help')`);
        files.push(a);
    }
  }
  if (out.bios && files.length > 1) {
    throw new UsageError('run: --bios takes the place of the program (QEMU hands a -kernel to firmware through fw-cfg, which hypscope does not emulate)');
  }
  if (out.bios && out.loadAddress !== undefined) throw new UsageError('run: --bios firmware always goes to flash at 0; --load-address does not apply');
  if (files.length !== 1) throw new UsageError(files.length === 0 ? 'run: no program given' : `run: one program expected, got ${files.length}`);
  out.file = files[0];
  return out;
}

// C-like expression evaluator for the debugger: watch/hover/Debug Console expressions and the
// conditions of breakpoints and exception filters. Values are unsigned 32-bit numbers, unsigned
// 64-bit bigints (64-bit system registers such as VTTBR, B4.1.160, and wide literals) or strings.

/** What the evaluator asks its host for: names and memory. */
export interface ExprEnv {
  /** Value of an identifier (register, field such as HCR.VM, symbol, filter variable) or undefined. */
  lookup(name: string): number | bigint | string | undefined;
  /** Address of a symbol (for `&name`), or undefined. */
  addressOf(name: string): number | undefined;
  /** Read `size` bytes at `addr`; undefined = unreadable. */
  read(addr: number, size: 1 | 2 | 4): number | undefined;
}

export class ExprError extends Error {}

type Tok = { k: 'num'; v: number | bigint } | { k: 'str'; v: string } | { k: 'id'; v: string } | { k: 'op'; v: string } | { k: 'end' };

const OPS = ['<<', '>>', '<=', '>=', '==', '!=', '&&', '||', '+', '-', '*', '/', '%', '<', '>', '&', '|', '^', '~', '!', '(', ')', '?', ':'];

function tokenize(src: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (c === ' ' || c === '\t' || c === '\n') { i++; continue; }
    if (/[0-9]/.test(c)) {
      const m = /^(0x[0-9a-fA-F_]+|0b[01_]+|[0-9_]+)[uUlL]*/.exec(src.slice(i));
      if (!m) throw new ExprError(`bad number at ${i}`);
      const t = m[1].replace(/_/g, '');
      let big: bigint;
      try { big = BigInt(t); } catch { throw new ExprError(`bad number '${m[0]}'`); }
      if (big > U64) throw new ExprError(`number '${m[0]}' does not fit in 64 bits`);
      // Literals wider than 32 bits are 64-bit values (compare with VTTBR, CNTVCT, ...).
      out.push({ k: 'num', v: big > 0xffffffffn ? big : Number(big) });
      i += m[0].length;
      continue;
    }
    if (c === '"' || c === "'") {
      const end = src.indexOf(c, i + 1);
      if (end < 0) throw new ExprError('unterminated string');
      out.push({ k: 'str', v: src.slice(i + 1, end) });
      i = end + 1;
      continue;
    }
    if (/[A-Za-z_$]/.test(c)) {
      const m = /^[A-Za-z_$][A-Za-z0-9_$]*(\.[A-Za-z_][A-Za-z0-9_]*)*/.exec(src.slice(i));
      out.push({ k: 'id', v: m![0] });
      i += m![0].length;
      continue;
    }
    const op = OPS.find((o) => src.startsWith(o, i));
    if (!op) throw new ExprError(`unexpected character '${c}' at ${i}`);
    out.push({ k: 'op', v: op });
    i += op.length;
  }
  out.push({ k: 'end' });
  return out;
}

const BIN: Record<string, number> = {
  '||': 1, '&&': 2, '|': 3, '^': 4, '&': 5, '==': 6, '!=': 6, '<': 7, '<=': 7, '>': 7, '>=': 7,
  '<<': 8, '>>': 8, '+': 9, '-': 9, '*': 10, '/': 10, '%': 10,
};

const CASTS: Record<string, 1 | 2 | 4> = { u8: 1, uint8_t: 1, char: 1, s8: 1, u16: 2, uint16_t: 2, short: 2, s16: 2, u32: 4, uint32_t: 4, int: 4, s32: 4, unsigned: 4, void: 4 };

export type Value = number | bigint | string;

const U64 = 0xffffffffffffffffn;

/** Result of an evaluation: the value, and the address it was read from when it is a memory read. */
export interface Evaluated {
  readonly value: Value;
  readonly address?: number;
}

class Parser {
  private p = 0;
  lastAddress: number | undefined;
  constructor(private readonly toks: Tok[], private readonly env: ExprEnv) {}

  private peek(): Tok { return this.toks[this.p]; }
  private isOp(v: string): boolean { const t = this.peek(); return t.k === 'op' && t.v === v; }
  private expect(v: string): void {
    if (!this.isOp(v)) throw new ExprError(`expected '${v}'`);
    this.p++;
  }

  parse(): Value {
    const v = this.ternary();
    if (this.peek().k !== 'end') throw new ExprError(`unexpected '${tokText(this.peek())}'`);
    return v;
  }

  private ternary(): Value {
    const c = this.binary(1);
    if (!this.isOp('?')) return c;
    this.p++;
    const a = this.ternary();
    this.expect(':');
    const b = this.ternary();
    return truthy(c) ? a : b;
  }

  private binary(minPrec: number): Value {
    let left = this.unary();
    for (;;) {
      const t = this.peek();
      if (t.k !== 'op' || BIN[t.v] === undefined || BIN[t.v] < minPrec) return left;
      const prec = BIN[t.v];
      this.p++;
      if (t.v === '&&' && !truthy(left)) { this.binary(prec + 1); left = 0; continue; }
      if (t.v === '||' && truthy(left)) { this.binary(prec + 1); left = 1; continue; }
      const right = this.binary(prec + 1);
      left = applyBinary(t.v, left, right);
      this.lastAddress = undefined;
      this.pendingSize = undefined;
    }
  }

  private unary(): Value {
    const t = this.peek();
    if (t.k === 'op') {
      if (t.v === '-') { this.p++; const v = num(this.unary()); return typeof v === 'bigint' ? BigInt.asUintN(64, -v) : (-v) >>> 0; }
      if (t.v === '+') { this.p++; return num(this.unary()); }
      if (t.v === '~') { this.p++; const v = num(this.unary()); return typeof v === 'bigint' ? BigInt.asUintN(64, ~v) : ~v >>> 0; }
      if (t.v === '!') { this.p++; return truthy(this.unary()) ? 0 : 1; }
      if (t.v === '*') { this.p++; return this.deref(u32(num(this.unary())), 4); }
      if (t.v === '&') {
        this.p++;
        const id = this.peek();
        if (id.k !== 'id') throw new ExprError("'&' needs a symbol name");
        this.p++;
        const a = this.env.addressOf(id.v);
        if (a === undefined) throw new ExprError(`no symbol '${id.v}'`);
        return a;
      }
      if (t.v === '(') {
        // A cast `(u32*)expr`, `*(u16*)expr`, or a parenthesised expression.
        const n1 = this.toks[this.p + 1];
        const n2 = this.toks[this.p + 2];
        if (n1.k === 'id' && CASTS[n1.v] !== undefined && n2.k === 'op' && (n2.v === '*' || n2.v === ')')) {
          const size = CASTS[n1.v];
          const ptr = n2.v === '*';
          this.p += 2;
          if (ptr) this.expect('*');
          this.expect(')');
          // `*(u16*)x` is parsed as deref of a pointer cast: remember the size for the deref.
          const v = u32(num(this.unary()));
          if (ptr) { this.pendingSize = size; return v; }
          return size === 4 ? v >>> 0 : (v & (size === 1 ? 0xff : 0xffff));
        }
      }
    }
    return this.primary();
  }

  private pendingSize: 1 | 2 | 4 | undefined;

  private deref(addr: number, dflt: 1 | 2 | 4): number {
    const size = this.pendingSize ?? dflt;
    this.pendingSize = undefined;
    const v = this.env.read(addr >>> 0, size);
    if (v === undefined) throw new ExprError(`cannot read memory at 0x${(addr >>> 0).toString(16)}`);
    this.lastAddress = addr >>> 0;
    return v >>> 0;
  }

  private primary(): Value {
    const t = this.peek();
    this.p++;
    if (t.k === 'num') return t.v;
    if (t.k === 'str') return t.v;
    if (t.k === 'id') {
      const v = this.env.lookup(t.v);
      if (v === undefined) throw new ExprError(`unknown name '${t.v}'`);
      return v;
    }
    if (t.k === 'op' && t.v === '(') {
      const v = this.ternary();
      this.expect(')');
      return v;
    }
    throw new ExprError(t.k === 'end' ? 'unexpected end of expression' : `unexpected '${tokText(t)}'`);
  }
}

function tokText(t: Tok): string {
  return t.k === 'end' ? 'end' : String(t.v);
}

function num(v: Value): number | bigint {
  if (typeof v === 'string') throw new ExprError(`"${v}" is a string, not a number`);
  return v;
}

/** A value as a 32-bit number (casts, addresses): a 64-bit value keeps its low word, as in C. */
function u32(v: number | bigint): number {
  return typeof v === 'bigint' ? Number(v & 0xffffffffn) : v >>> 0;
}

function truthy(v: Value): boolean {
  return typeof v === 'string' ? v.length > 0 : typeof v === 'bigint' ? v !== 0n : v !== 0;
}

/** An operation with a 64-bit operand is done in 64 bits (C's usual arithmetic conversions). */
function applyBig(op: string, a: bigint, b: bigint): bigint | number {
  const w = (x: bigint): bigint => BigInt.asUintN(64, x);
  switch (op) {
    case '+': return w(a + b);
    case '-': return w(a - b);
    case '*': return w(a * b);
    case '/': if (b === 0n) throw new ExprError('division by zero'); return a / b;
    case '%': if (b === 0n) throw new ExprError('division by zero'); return a % b;
    case '<<': return w(a << (b & 63n));
    case '>>': return a >> (b & 63n);
    case '<': return a < b ? 1 : 0;
    case '<=': return a <= b ? 1 : 0;
    case '>': return a > b ? 1 : 0;
    case '>=': return a >= b ? 1 : 0;
    case '==': return a === b ? 1 : 0;
    case '!=': return a !== b ? 1 : 0;
    case '&': return a & b;
    case '|': return a | b;
    case '^': return a ^ b;
    default: throw new ExprError(`unknown operator '${op}'`);
  }
}

function applyBinary(op: string, a: Value, b: Value): Value {
  if (op === '&&') return truthy(a) && truthy(b) ? 1 : 0;
  if (op === '||') return truthy(a) || truthy(b) ? 1 : 0;
  if (typeof a === 'string' || typeof b === 'string') {
    const sa = String(a).toLowerCase();
    const sb = String(b).toLowerCase();
    if (op === '==') return sa === sb ? 1 : 0;
    if (op === '!=') return sa !== sb ? 1 : 0;
    throw new ExprError(`operator '${op}' does not apply to strings`);
  }
  if (typeof a === 'bigint' || typeof b === 'bigint') {
    // A shift count stays a count: `VTTBR >> 48` is 64-bit, `1 << VMIDBITS` stays 32-bit.
    if ((op === '<<' || op === '>>') && typeof a === 'number') return applyBinary(op, a, u32(b));
    return applyBig(op, BigInt(a), BigInt(b));
  }
  switch (op) {
    case '+': return (a + b) >>> 0;
    case '-': return (a - b) >>> 0;
    case '*': return Math.imul(a, b) >>> 0;
    case '/': if (b === 0) throw new ExprError('division by zero'); return Math.floor(a / b) >>> 0;
    case '%': if (b === 0) throw new ExprError('division by zero'); return (a % b) >>> 0;
    case '<<': return (a << (b & 31)) >>> 0;
    case '>>': return a >>> (b & 31);
    case '<': return a < b ? 1 : 0;
    case '<=': return a <= b ? 1 : 0;
    case '>': return a > b ? 1 : 0;
    case '>=': return a >= b ? 1 : 0;
    case '==': return a === b ? 1 : 0;
    case '!=': return a !== b ? 1 : 0;
    case '&': return (a & b) >>> 0;
    case '|': return (a | b) >>> 0;
    case '^': return (a ^ b) >>> 0;
    default: throw new ExprError(`unknown operator '${op}'`);
  }
}

/** Evaluate `src` in `env`. Throws ExprError with a readable message on any error. */
export function evaluate(src: string, env: ExprEnv): Evaluated {
  if (typeof src !== 'string' || src.trim() === '') throw new ExprError('empty expression');
  const p = new Parser(tokenize(src), env);
  const value = p.parse();
  return { value, address: p.lastAddress };
}

/** Hex text of a value: 0x1, or all 16 digits for a 64-bit value above 32 bits (0x0001000047003020). */
export function hexValue(v: number | bigint): string {
  if (typeof v === 'number') return `0x${(v >>> 0).toString(16)}`;
  return v > 0xffffffffn ? `0x${v.toString(16).padStart(16, '0')}` : `0x${v.toString(16)}`;
}

/** Evaluate a condition: true when the expression is non-zero / a non-empty string. */
export function evaluateCondition(src: string, env: ExprEnv): boolean {
  return truthy(evaluate(src, env).value);
}

// The debugger's expression evaluator: C operator precedence and semantics on unsigned 32-bit
// values, casts and memory reads, strings in conditions, and error messages.

import { describe, expect, it } from 'vitest';
import { evaluate, ExprError, type ExprEnv } from '../../../emulator/debug/expr';

const mem = new Map<number, number>([[0x40000000, 0x78], [0x40000001, 0x56], [0x40000002, 0x34], [0x40000003, 0x12]]);
const env: ExprEnv = {
  lookup: (n) => ({ r0: 5, sp: 0x40001000, reg: 'SCTLR', 'HCR.VM': 1, VTTBR: 0x0001000047003020n } as Record<string, number | bigint | string>)[n],
  addressOf: (n) => (n === 'table' ? 0x40000000 : undefined),
  read: (a, size) => {
    let v = 0;
    for (let i = size - 1; i >= 0; i--) {
      const b = mem.get(a + i);
      if (b === undefined) return undefined;
      v = v * 256 + b;
    }
    return v;
  },
};
const ev = (s: string): number | bigint | string => evaluate(s, env).value;

describe('expression evaluator', () => {
  it('follows C precedence on u32 values', () => {
    expect(ev('1 + 2 * 3')).toBe(7);
    expect(ev('(1 + 2) * 3')).toBe(9);
    expect(ev('1 << 4 | 3')).toBe(19);
    expect(ev('-1')).toBe(0xffffffff);
    expect(ev('~0 >> 28')).toBe(0xf);
    expect(ev('0x80000000 + 0x80000000')).toBe(0);
    expect(ev('7 % 4 == 3 && !0')).toBe(1);
    expect(ev('r0 > 4 ? 0x10 : 0x20')).toBe(0x10);
    expect(ev('0b1010 ^ 0xf')).toBe(5);
  });
  it('keeps 64-bit values exact: registers, wide literals, shifts and masks', () => {
    expect(ev('VTTBR')).toBe(0x0001000047003020n);
    expect(ev('(VTTBR >> 48) & 0xff')).toBe(1n);
    expect(ev('VTTBR & 0xffffffffff')).toBe(0x47003020n);
    expect(ev('VTTBR == 0x0001000047003020')).toBe(1);
    expect(ev('VTTBR > 0xffffffff')).toBe(1);
    expect(ev('0xffffffffffffffff + 1')).toBe(0n);
    expect(ev('-VTTBR + VTTBR')).toBe(0n);
    expect(ev('(u32)VTTBR')).toBe(0x47003020);
    expect(ev('1 << 4')).toBe(16);
    expect(() => ev('0x1ffffffffffffffff')).toThrow(/64 bits/);
  });
  it('reads memory through casts and symbols', () => {
    expect(ev('*(u32*)0x40000000')).toBe(0x12345678);
    expect(ev('*(u16*)(&table + 2)')).toBe(0x1234);
    expect(ev('*(u8*)&table')).toBe(0x78);
    expect(evaluate('*(u32*)0x40000000', env).address).toBe(0x40000000);
    expect(() => ev('*(u32*)0x10')).toThrow(/cannot read memory at 0x10/);
  });
  it('compares strings case-insensitively and resolves dotted names', () => {
    expect(ev('reg == "sctlr"')).toBe(1);
    expect(ev('reg != "TTBR0"')).toBe(1);
    expect(ev('HCR.VM')).toBe(1);
  });
  it('reports errors clearly', () => {
    expect(() => ev('1 +')).toThrow(ExprError);
    expect(() => ev('nope')).toThrow(/unknown name 'nope'/);
    expect(() => ev('1 / 0')).toThrow(/division by zero/);
    expect(() => ev('reg + 1')).toThrow(/string/);
    expect(() => ev('')).toThrow(/empty/);
    expect(() => ev('1 @ 2')).toThrow(/unexpected character/);
  });
});

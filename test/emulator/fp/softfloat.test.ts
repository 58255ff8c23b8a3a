// IEEE 754 / ARM ARM FPRound semantics of emulator/fp/softfloat.ts: expected values from the standard's
// definitions (worked by hand below) and, for round-to-nearest, from the host's IEEE double arithmetic.
import { describe, expect, it } from 'vitest';
import {
  fpAdd, fpMul, fpDiv, fpSqrt, fpMulAdd, fpCompare, fpToFixed, fixedToFp, fpConvert, takeFpExc, FpExc,
  FPSCR_DN, FPSCR_FZ, FPSCR_AHP,
} from '../../../emulator/fp/softfloat';

const RN = 0, RP = 1 << 22, RM = 2 << 22, RZ = 3 << 22;
const h = (b: bigint): string => `0x${b.toString(16)}`;
const f32bits = (x: number): bigint => { const a = new Float32Array([x]); return BigInt(new Uint32Array(a.buffer)[0]); };
const f64bits = (x: number): bigint => { const a = new Float64Array([x]); const u = new Uint32Array(a.buffer); return (BigInt(u[1]) << 32n) | BigInt(u[0]); };
const { IOC, DZC, OFC, UFC, IXC, IDC } = { IOC: FpExc.IOC, DZC: FpExc.DZC, OFC: FpExc.OFC, UFC: FpExc.UFC, IXC: FpExc.IXC, IDC: FpExc.IDC };

function run(fn: () => bigint | number): [string, number] {
  takeFpExc();
  const r = fn();
  return [typeof r === 'bigint' ? h(r) : `0x${(r >>> 0).toString(16)}`, takeFpExc()];
}

describe('rounding modes', () => {
  it('1 + 2^-24 (single): a tie', () => {
    const a = 0x3f800000n, b = 0x33800000n;
    expect(run(() => fpAdd(a, b, 32, RN))).toEqual(['0x3f800000', IXC]);
    expect(run(() => fpAdd(a, b, 32, RP))).toEqual(['0x3f800001', IXC]);
    expect(run(() => fpAdd(a, b, 32, RM))).toEqual(['0x3f800000', IXC]);
    expect(run(() => fpAdd(a, b, 32, RZ))).toEqual(['0x3f800000', IXC]);
    expect(run(() => fpAdd(a | 0x80000000n, b | 0x80000000n, 32, RM))).toEqual(['0xbf800001', IXC]);
  });
  it('1/3 in single and double', () => {
    expect(run(() => fpDiv(0x3f800000n, 0x40400000n, 32, RN))).toEqual(['0x3eaaaaab', IXC]);
    expect(run(() => fpDiv(0x3f800000n, 0x40400000n, 32, RZ))).toEqual(['0x3eaaaaaa', IXC]);
    expect(run(() => fpDiv(0x3f800000n, 0x40400000n, 32, RP))).toEqual(['0x3eaaaaab', IXC]);
    expect(run(() => fpDiv(0xbf800000n, 0x40400000n, 32, RM))).toEqual(['0xbeaaaaab', IXC]);
    expect(run(() => fpDiv(f64bits(1), f64bits(3), 64, RN))).toEqual(['0x3fd5555555555555', IXC]);
    expect(run(() => fpDiv(f64bits(1), f64bits(3), 64, RP))).toEqual(['0x3fd5555555555556', IXC]);
  });
  it('exact results raise nothing; x - x is +0, or -0 when rounding towards minus infinity', () => {
    expect(run(() => fpMul(f64bits(1.5), f64bits(2), 64, RN))).toEqual(['0x4008000000000000', 0]);
    expect(run(() => fpAdd(0x3f800000n, 0x3f800000n, 32, RN, true))).toEqual(['0x0', 0]);
    expect(run(() => fpAdd(0x3f800000n, 0x3f800000n, 32, RM, true))).toEqual(['0x80000000', 0]);
    expect(run(() => fpAdd(0x80000000n, 0x80000000n, 32, RN))).toEqual(['0x80000000', 0]);
  });
  it('overflow: infinity or the largest finite number by mode', () => {
    const max = 0x7f7fffffn;
    expect(run(() => fpMul(max, 0x40000000n, 32, RN))).toEqual(['0x7f800000', OFC | IXC]);
    expect(run(() => fpMul(max, 0x40000000n, 32, RZ))).toEqual(['0x7f7fffff', OFC | IXC]);
    expect(run(() => fpMul(max, 0xc0000000n, 32, RP))).toEqual(['0xff7fffff', OFC | IXC]);
    expect(run(() => fpMul(max, 0xc0000000n, 32, RM))).toEqual(['0xff800000', OFC | IXC]);
  });
});

describe('subnormals, underflow and flush-to-zero', () => {
  it('exact subnormal result: no Underflow', () => {
    expect(run(() => fpMul(0x00800000n, 0x3f000000n, 32, RN))).toEqual(['0x400000', 0]);
  });
  it('tiny inexact result: Underflow + Inexact, rounding by mode', () => {
    expect(run(() => fpMul(0x00000001n, 0x3f000000n, 32, RN))).toEqual(['0x0', UFC | IXC]);
    expect(run(() => fpMul(0x00000001n, 0x3f000000n, 32, RP))).toEqual(['0x1', UFC | IXC]);
    expect(run(() => fpMul(0x00000003n, 0x3f000000n, 32, RN))).toEqual(['0x2', UFC | IXC]);
  });
  it('tininess is detected before rounding (result rounds up to the smallest normal)', () => {
    // (2^-126 - 2^-150) * 1 rounds to 2^-126 in RN but the unrounded value is below 2^-126.
    const justBelow = fpMul(0x007fffffn, 0x3f800001n, 32, RN); // (2^-126 - 2^-149)(1 + 2^-23)
    expect(h(justBelow)).toBe('0x800000');
    takeFpExc();
    fpMul(0x007fffffn, 0x3f800001n, 32, RN);
    expect(takeFpExc()).toBe(UFC | IXC);
  });
  it('FZ flushes subnormal inputs (IDC) and outputs (UFC, no IXC)', () => {
    expect(run(() => fpAdd(0x00000001n, 0x00000000n, 32, FPSCR_FZ))).toEqual(['0x0', IDC]);
    expect(run(() => fpMul(0x00800000n, 0x3f000000n, 32, FPSCR_FZ))).toEqual(['0x0', UFC]);
    expect(run(() => fpMul(0x80800000n, 0x3f000000n, 32, FPSCR_FZ))).toEqual(['0x80000000', UFC]);
    expect(run(() => fpAdd(0x0000000000000001n, 0n, 64, FPSCR_FZ))).toEqual(['0x0', IDC]);
  });
});

describe('special values and NaNs', () => {
  it('invalid operations give the default NaN', () => {
    expect(run(() => fpDiv(0n, 0n, 32, RN))).toEqual(['0x7fc00000', IOC]);
    expect(run(() => fpMul(0x7ff0000000000000n, 0n, 64, RN))).toEqual(['0x7ff8000000000000', IOC]);
    expect(run(() => fpAdd(0x7f800000n, 0xff800000n, 32, RN))).toEqual(['0x7fc00000', IOC]);
    expect(run(() => fpSqrt(0xbf800000n, 32, RN))).toEqual(['0x7fc00000', IOC]);
    expect(run(() => fpSqrt(0x80000000n, 32, RN))).toEqual(['0x80000000', 0]);
  });
  it('division by zero', () => {
    expect(run(() => fpDiv(0xbf800000n, 0n, 32, RN))).toEqual(['0xff800000', DZC]);
    expect(run(() => fpDiv(0x7f800000n, 0n, 32, RN))).toEqual(['0x7f800000', 0]);
  });
  it('NaN propagation: signaling first, then the first quiet operand; DN', () => {
    expect(run(() => fpAdd(0x7fc00002n, 0x7f800001n, 32, RN))).toEqual(['0x7fc00001', IOC]);
    expect(run(() => fpAdd(0xffc00005n, 0x7fc00002n, 32, RN))).toEqual(['0xffc00005', 0]);
    expect(run(() => fpMul(0x3f800000n, 0x7fc00002n, 32, RN))).toEqual(['0x7fc00002', 0]);
    expect(run(() => fpMul(0x3f800000n, 0x7f800001n, 32, FPSCR_DN))).toEqual(['0x7fc00000', IOC]);
    expect(run(() => fpAdd(0x7ff0000000000001n, 0n, 64, RN))).toEqual(['0x7ff8000000000001', IOC]);
  });
  it('fused multiply-add rounds once; inf*0 with a quiet NaN addend is Invalid (QEMU rule)', () => {
    const a = 0x3f800800n; // 1 + 2^-12
    expect(run(() => fpMulAdd(0xbf801000n, a, a, 32, RN))).toEqual(['0x33800000', 0]); // exactly 2^-24
    expect(run(() => fpMulAdd(0x7fc00001n, 0x7f800000n, 0n, 32, RN))).toEqual(['0x7fc00000', IOC]);
    expect(run(() => fpMulAdd(0x7fc00001n, 0x3f800000n, 0x7f800001n, 32, RN))).toEqual(['0x7fc00001', IOC]);
    expect(run(() => fpMulAdd(0xff812345n, 0x007fffffn, 0x7f800000n, 32, FPSCR_FZ))).toEqual(['0xffc12345', IOC | IDC]);
    expect(run(() => fpMulAdd(0xff800000n, 0x7f800000n, 0x3f800000n, 32, RN))).toEqual(['0x7fc00000', IOC]);
  });
});

describe('compare', () => {
  it('orders, equal zeros, unordered', () => {
    expect(run(() => fpCompare(0x3f800000n, 0x40000000n, 32, false, 0))).toEqual(['0x8', 0]);
    expect(run(() => fpCompare(0x40000000n, 0x3f800000n, 32, false, 0))).toEqual(['0x2', 0]);
    expect(run(() => fpCompare(0x80000000n, 0n, 32, false, 0))).toEqual(['0x6', 0]);
    expect(run(() => fpCompare(0xff800000n, 0xff7fffffn, 32, false, 0))).toEqual(['0x8', 0]);
    expect(run(() => fpCompare(0x7fc00000n, 0n, 32, false, 0))).toEqual(['0x3', 0]);
    expect(run(() => fpCompare(0x7fc00000n, 0n, 32, true, 0))).toEqual(['0x3', IOC]);
    expect(run(() => fpCompare(0x7f800001n, 0n, 32, false, 0))).toEqual(['0x3', IOC]);
  });
});

describe('conversions', () => {
  it('float to integer', () => {
    expect(run(() => fpToFixed(f32bits(2.5), 32, 32, 0, false, false, RN))).toEqual(['0x2', IXC]);
    expect(run(() => fpToFixed(f32bits(3.5), 32, 32, 0, false, false, RN))).toEqual(['0x4', IXC]);
    expect(run(() => fpToFixed(f32bits(-2.5), 32, 32, 0, false, false, RN))).toEqual(['0xfffffffe', IXC]);
    expect(run(() => fpToFixed(f32bits(-2.5), 32, 32, 0, false, false, RM))).toEqual(['0xfffffffd', IXC]);
    expect(run(() => fpToFixed(f32bits(-2.5), 32, 32, 0, false, true, RM))).toEqual(['0xfffffffe', IXC]);
    expect(run(() => fpToFixed(f32bits(3e9), 32, 32, 0, false, true, RN))).toEqual(['0x7fffffff', IOC]);
    expect(run(() => fpToFixed(f32bits(-1), 32, 32, 0, true, true, RN))).toEqual(['0x0', IOC]);
    expect(run(() => fpToFixed(f32bits(-0.25), 32, 32, 0, true, true, RN))).toEqual(['0x0', IXC]);
    expect(run(() => fpToFixed(0x7fc00000n, 32, 32, 0, false, true, RN))).toEqual(['0x0', IOC]);
    expect(run(() => fpToFixed(0xff800000n, 32, 32, 0, false, true, RN))).toEqual(['0x80000000', IOC]);
    expect(run(() => fpToFixed(f64bits(1.75), 64, 16, 4, false, true, RN))).toEqual(['0x1c', 0]);
    expect(run(() => fpToFixed(f64bits(-3000), 64, 16, 4, false, true, RN))).toEqual(['0x8000', IOC]);
  });
  it('integer to float', () => {
    expect(run(() => fixedToFp(0xffffffff, 32, 0, true, 32, RN))).toEqual(['0x4f800000', IXC]);
    expect(run(() => fixedToFp(0xffffffff, 32, 0, true, 32, RZ))).toEqual(['0x4f7fffff', IXC]);
    expect(run(() => fixedToFp(0xffffffff, 32, 0, false, 32, RN))).toEqual(['0xbf800000', 0]);
    expect(run(() => fixedToFp(0x80000000, 32, 0, false, 64, RN))).toEqual(['0xc1e0000000000000', 0]);
    expect(run(() => fixedToFp(0x0018, 16, 4, false, 32, RN))).toEqual(['0x3fc00000', 0]);
    expect(run(() => fixedToFp(0, 32, 0, false, 32, RM))).toEqual(['0x0', 0]);
  });
  it('single <-> double, NaN payloads', () => {
    expect(run(() => fpConvert(0x3f800000n, 32, 64, RN))).toEqual(['0x3ff0000000000000', 0]);
    expect(run(() => fpConvert(0x00000001n, 32, 64, RN))).toEqual(['0x36a0000000000000', 0]);
    expect(run(() => fpConvert(0x7f800001n, 32, 64, RN))).toEqual(['0x7ff8000020000000', IOC]);
    expect(run(() => fpConvert(0x3ff0000010000000n, 64, 32, RN))).toEqual(['0x3f800000', IXC]);
    expect(run(() => fpConvert(0x3ff0000010000001n, 64, 32, RN))).toEqual(['0x3f800001', IXC]);
    expect(run(() => fpConvert(0xfff0000000000001n, 64, 32, RN))).toEqual(['0xffc00000', IOC]);
    expect(run(() => fpConvert(0x7ff8000020000000n, 64, 32, FPSCR_DN))).toEqual(['0x7fc00000', 0]);
    expect(run(() => fpConvert(0x1000000000000000n, 64, 32, RN))).toEqual(['0x0', UFC | IXC]);
  });
  it('half precision, IEEE and alternative', () => {
    expect(run(() => fpConvert(0x3f800000n, 32, 16, RN))).toEqual(['0x3c00', 0]);
    expect(run(() => fpConvert(f32bits(65520), 32, 16, RN))).toEqual(['0x7c00', OFC | IXC]);
    expect(run(() => fpConvert(f32bits(65520), 32, 16, FPSCR_AHP))).toEqual(['0x7c00', IXC]);
    expect(run(() => fpConvert(0x7f800000n, 32, 16, FPSCR_AHP))).toEqual(['0x7fff', IOC]);
    expect(run(() => fpConvert(0x7fc00000n, 32, 16, FPSCR_AHP))).toEqual(['0x0', IOC]);
    expect(run(() => fpConvert(0xffc00000n, 32, 16, FPSCR_AHP))).toEqual(['0x8000', IOC]);
    expect(run(() => fpConvert(0x0001n, 16, 32, FPSCR_FZ))).toEqual(['0x33800000', 0]);
    expect(run(() => fpConvert(0x7e01n, 16, 32, RN))).toEqual(['0x7fc02000', 0]);
    expect(run(() => fpConvert(0x7c00n, 16, 32, FPSCR_AHP))).toEqual(['0x47800000', 0]);
    expect(run(() => fpConvert(0x33000000n, 32, 16, RN))).toEqual(['0x0', UFC | IXC]); // 2^-25: tie to 0
    expect(run(() => fpConvert(0x33000001n, 32, 16, FPSCR_FZ))).toEqual(['0x1', UFC | IXC]); // FZ does not apply
  });
});

describe('round-to-nearest agrees with host IEEE arithmetic (random operands)', () => {
  let s = 12345;
  const rnd = (): number => { s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0; return s; };
  const d64 = (hi: number, lo: number): number => { const u = new Uint32Array([lo, hi]); return new Float64Array(u.buffer)[0]; };
  const f32 = (b: number): number => new Float32Array(new Uint32Array([b]).buffer)[0];
  it('double add/sub/mul/div/sqrt', () => {
    for (let i = 0; i < 3000; i++) {
      const ah = rnd(), al = rnd(), bh = (rnd() & 0x8fffffff) | ((ah & 0x70000000)), bl = rnd();
      const a = d64(ah, al), b = d64(bh, bl);
      const A = (BigInt(ah) << 32n) | BigInt(al), B = (BigInt(bh) << 32n) | BigInt(bl);
      const cases: [bigint, number][] = [[fpAdd(A, B, 64, RN), a + b], [fpAdd(A, B, 64, RN, true), a - b],
        [fpMul(A, B, 64, RN), a * b], [fpDiv(A, B, 64, RN), a / b], [fpSqrt(A, 64, RN), Math.sqrt(a)]];
      for (const [got, want] of cases) if (!Number.isNaN(want)) expect(h(got)).toBe(h(f64bits(want)));
    }
  });
  it('single add/mul/div/sqrt (double rounding is innocuous for these)', () => {
    for (let i = 0; i < 3000; i++) {
      const ab = rnd(), bb = rnd();
      const a = f32(ab), b = f32(bb);
      const cases: [bigint, number][] = [[fpAdd(BigInt(ab), BigInt(bb), 32, RN), a + b], [fpMul(BigInt(ab), BigInt(bb), 32, RN), a * b],
        [fpDiv(BigInt(ab), BigInt(bb), 32, RN), a / b], [fpSqrt(BigInt(ab), 32, RN), Math.sqrt(a)]];
      for (const [got, want] of cases) if (!Number.isNaN(want)) expect(h(got)).toBe(h(f32bits(want)));
    }
  });
});

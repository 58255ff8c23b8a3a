// Exact unsigned 64-bit arithmetic on (lo, hi) pairs of 32-bit words, for the 64-bit system
// registers (generic timer counts, compare values, CNTVOFF: B8.1, B4.1.34) without allocation.

/** 2^32 as a number. */
export const TWO32 = 4294967296;

/** Low word of a non-negative safe integer (exact below 2^53). */
export function lo32(n: number): number {
  return n >>> 0;
}

/** High word of a non-negative safe integer (exact below 2^53). */
export function hi32(n: number): number {
  return Math.floor(n / TWO32) >>> 0;
}

/** (aLo, aHi) >= (bLo, bHi) as unsigned 64-bit values. */
export function geU64(aLo: number, aHi: number, bLo: number, bHi: number): boolean {
  aHi >>>= 0; bHi >>>= 0;
  return aHi > bHi || (aHi === bHi && aLo >>> 0 >= bLo >>> 0);
}

/** Low word of (a - b) mod 2^64. */
export function subLo(aLo: number, bLo: number): number {
  return (aLo - bLo) >>> 0;
}

/** High word of (a - b) mod 2^64 (borrow from the low words). */
export function subHi(aLo: number, aHi: number, bLo: number, bHi: number): number {
  return (aHi - bHi - (aLo >>> 0 < bLo >>> 0 ? 1 : 0)) >>> 0;
}

/** Low word of (a + b) mod 2^64. */
export function addLo(aLo: number, bLo: number): number {
  return (aLo + bLo) >>> 0;
}

/** High word of (a + b) mod 2^64 (carry from the low words). */
export function addHi(aLo: number, aHi: number, bLo: number, bHi: number): number {
  return (aHi + bHi + ((aLo >>> 0) + (bLo >>> 0) >= TWO32 ? 1 : 0)) >>> 0;
}

/** The pair as a number if it is below 2^53 (exact), else Infinity (never reached by a run). */
export function toSafe(lo: number, hi: number): number {
  return hi >>> 0 < 0x200000 ? (hi >>> 0) * TWO32 + (lo >>> 0) : Infinity;
}

/** The pair as a bigint (debugger display, tests; not for hot paths). */
export function toBig(lo: number, hi: number): bigint {
  return (BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0);
}

// Exact 64-bit arithmetic on 32-bit halves for the long multiplies (UMULL, SMLAL, SMMLA, ...),
// without BigInt: 16-bit partial products stay below 2^53. ARM ARM A8.8 (UMULL, SMULL, SMMUL, ...).

/** The last 64-bit result: high and low words, unsigned. Read right after calling. */
export let wideHi = 0;
export let wideLo = 0;

/** Unsigned 32 x 32 -> 64: wideHi:wideLo = a * b. */
export function umul64(a: number, b: number): void {
  a >>>= 0;
  b >>>= 0;
  const al = a & 0xffff;
  const ah = a >>> 16;
  const bl = b & 0xffff;
  const bh = b >>> 16;
  const t = al * bl; // < 2^32
  const m = ah * bl + (t >>> 16); // < 2^32
  const m2 = al * bh + (m & 0xffff); // < 2^32
  wideHi = (ah * bh + (m >>> 16) + (m2 >>> 16)) >>> 0;
  wideLo = ((m2 << 16) | (t & 0xffff)) >>> 0;
}

/**
 * Signed 32 x 32 -> 64. With x = ux - 2^32*x31: x*y = ux*uy - 2^32*(x31*uy + y31*ux) (mod 2^64),
 * so only the high word needs correcting.
 */
export function smul64(a: number, b: number): void {
  umul64(a, b);
  let hi = wideHi;
  if (a & 0x80000000) hi -= b >>> 0;
  if (b & 0x80000000) hi -= a >>> 0;
  wideHi = hi >>> 0;
}

/** wideHi:wideLo += hi:lo (mod 2^64). */
export function add64(hi: number, lo: number): void {
  const l = wideLo + (lo >>> 0);
  wideLo = l >>> 0;
  wideHi = (wideHi + (hi >>> 0) + (l > 0xffffffff ? 1 : 0)) >>> 0;
}

/** wideHi:wideLo = hi:lo - wideHi:wideLo (mod 2^64). */
export function rsub64(hi: number, lo: number): void {
  const l = (lo >>> 0) - wideLo;
  const borrow = l < 0 ? 1 : 0;
  wideLo = l >>> 0;
  wideHi = ((hi >>> 0) - wideHi - borrow) >>> 0;
}

/** wideHi:wideLo += v, where v is an exact integer with |v| <= 2^52 (sums of 16x16 products). */
export function addSmall(v: number): void {
  const hi = Math.floor(v / 4294967296);
  add64(hi >>> 0, v >>> 0);
}

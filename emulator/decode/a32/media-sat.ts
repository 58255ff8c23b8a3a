// Saturation primitives SignedSatQ / UnsignedSatQ (ARM ARM A2.2.1 "Saturation") on exact integers,
// shared by QADD.., SSAT/USAT and the parallel saturating add/subtract.

/** 1 if the last signedSat/unsignedSat clipped its input (the "sat" result of SignedSatQ). */
export let satHit = 0;

/** SignedSatQ(x, n): clamp the exact integer x to [-2^(n-1), 2^(n-1) - 1], 1 <= n <= 32. */
export function signedSat(x: number, n: number): number {
  const max = 2 ** (n - 1) - 1;
  const min = -(2 ** (n - 1));
  if (x > max) { satHit = 1; return max; }
  if (x < min) { satHit = 1; return min; }
  satHit = 0;
  return x;
}

/** UnsignedSatQ(x, n): clamp the exact integer x to [0, 2^n - 1], 0 <= n <= 31 (32 for lanes). */
export function unsignedSat(x: number, n: number): number {
  const max = 2 ** n - 1;
  if (x > max) { satHit = 1; return max; }
  if (x < 0) { satHit = 1; return 0; }
  satHit = 0;
  return x;
}

// Seeded pseudo-random numbers for the random-instruction tests: every block is reproducible from
// (run seed, block index), so a failure replays with RANDOM_SEED=<seed> RANDOM_BLOCK=<index>.

/** mulberry32-style 32-bit generator: small, fast, good enough for test-case generation. */
export class Prng {
  private s: number;

  constructor(seed: number) {
    this.s = seed >>> 0;
  }

  /** Next uniformly distributed unsigned 32-bit value. */
  u32(): number {
    this.s = (this.s + 0x6d2b79f5) >>> 0;
    let t = this.s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** Integer in [0, n). */
  below(n: number): number {
    return Math.floor((this.u32() / 0x1_0000_0000) * n);
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.u32() / 0x1_0000_0000 < p;
  }

  pick<T>(items: readonly T[]): T {
    const v = items[this.below(items.length)];
    if (v === undefined) throw new Error('pick from an empty list');
    return v;
  }

  /** Random bits 0..n-1 (n <= 32). */
  bits(n: number): number {
    return n >= 32 ? this.u32() : (this.u32() & (2 ** n - 1)) >>> 0;
  }
}

/** Seed of block `index` of a run seeded with `seed` (splitmix-style mixing, so blocks are independent). */
export function blockSeed(seed: number, index: number): number {
  let z = (seed ^ Math.imul(index + 1, 0x9e3779b9)) >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
  return (z ^ (z >>> 16)) >>> 0;
}

/** Parse a seed given as decimal or 0x-hex; undefined for an empty/missing value. */
export function parseSeed(text: string | undefined): number | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const t = text.trim();
  const v = t.startsWith('0x') || t.startsWith('0X') ? Number.parseInt(t.slice(2), 16) : Number(t);
  if (!Number.isFinite(v)) throw new Error(`bad seed '${text}' (decimal or 0x-hex expected)`);
  return v >>> 0;
}

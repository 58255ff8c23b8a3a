// The Advanced SIMD and floating-point extension register file: D0-D31 (S0-S31 alias D0-D15, Q0-Q15
// alias D pairs), held as raw bits so NaN payloads survive. ARM ARM A2.6.1 "Advanced SIMD and VFP extension registers".

import type { Cpu } from '../cpu/cpu';

export class FpRegs {
  /** 32 x 64 bits; word 2n is the low half of Dn (= S2n for n < 16), word 2n+1 the high half. */
  readonly w = new Uint32Array(64);
  /** Byte view over the same storage, for element accesses (little-endian host assumed, as the core is LE). */
  readonly b = new Uint8Array(this.w.buffer);

  getS(n: number): number { return this.w[n]; }
  setS(n: number, v: number): void { this.w[n] = v; }
  dLo(n: number): number { return this.w[n * 2]; }
  dHi(n: number): number { return this.w[n * 2 + 1]; }
  setD(n: number, lo: number, hi: number): void { this.w[n * 2] = lo; this.w[n * 2 + 1] = hi; }

  reset(): void { this.w.fill(0); }
}

/**
 * The register file belongs to the CPU; cpu.ts (owned by the lead) has no field for it yet, so it is
 * attached lazily here. One lookup per FP instruction; a field on Cpu would make it a property read.
 */
/** The FP/SIMD register file of a core (a field of Cpu). */
export function fpRegs(cpu: Cpu): FpRegs {
  return cpu.fp;
}

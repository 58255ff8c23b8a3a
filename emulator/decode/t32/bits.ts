// Bit and byte manipulation kernels used by the T32 handlers: byte reversal, bit reversal, CLZ.
// ARM ARM A8.8.144 RBIT, A8.8.145-147 REV/REV16/REVSH, A8.8.33 CLZ.

export function rev(v: number): number {
  return (((v & 0xff) << 24) | ((v & 0xff00) << 8) | ((v >>> 8) & 0xff00) | (v >>> 24)) >>> 0;
}

export function rev16(v: number): number {
  return (((v & 0x00ff00ff) << 8) | ((v >>> 8) & 0x00ff00ff)) >>> 0;
}

/** REVSH: byte-reverse the low halfword and sign-extend it. */
export function revsh(v: number): number {
  return ((((v & 0xff) << 24) >> 16) | ((v >>> 8) & 0xff)) >>> 0;
}

export function rbit(v: number): number {
  v = ((v >>> 1) & 0x55555555) | ((v & 0x55555555) << 1);
  v = ((v >>> 2) & 0x33333333) | ((v & 0x33333333) << 2);
  v = ((v >>> 4) & 0x0f0f0f0f) | ((v & 0x0f0f0f0f) << 4);
  return rev(v >>> 0);
}

export function clz(v: number): number {
  return Math.clz32(v);
}

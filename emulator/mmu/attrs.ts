// Memory attributes in one currency, the MAIR attribute byte: short-descriptor TEX/C/B with and
// without TEX remap (B3.8.2, B3.8.3 PRRR/NMRR), stage-2 MemAttr (B3.8.5) and their combination (B3.8.6).

/** Short-descriptor cache policy (00 NC, 01 WB-WA, 10 WT, 11 WB-noWA) as a MAIR nibble. */
const POLICY_NIBBLE = [0x4, 0xf, 0xa, 0xe];

/** TEX[2:0]:C:B without remap (SCTLR.TRE = 0), B3.8.2 Table B3-10. Returns attr | sh << 8. */
export function texcbAttr(tex: number, c: number, b: number, s: number): number {
  const sh = s ? 2 : 0;
  if (tex & 4) {
    // 1BB:A:A — cacheable memory, outer policy BB, inner AA.
    return ((POLICY_NIBBLE[tex & 3] << 4) | POLICY_NIBBLE[(c << 1) | b]) | (sh << 8);
  }
  const cb = (c << 1) | b;
  switch (((tex & 3) << 2) | cb) {
    case 0b0000: return 0x00 | (2 << 8); // Strongly-ordered (always shareable)
    case 0b0001: return 0x04 | (2 << 8); // Shareable Device
    case 0b0010: return 0xaa | (sh << 8); // Outer and inner Write-Through, no Write-Allocate
    case 0b0011: return 0xee | (sh << 8); // Outer and inner Write-Back, no Write-Allocate
    case 0b0100: return 0x44 | (sh << 8); // Outer and inner Non-cacheable
    case 0b0111: return 0xff | (sh << 8); // Outer and inner Write-Back, Write-Allocate
    case 0b1000: return 0x04; // Non-shareable Device
    default: return 0x44 | (sh << 8); // reserved / IMPLEMENTATION DEFINED encodings: treat as Normal NC
  }
}

/** TEX remap (SCTLR.TRE = 1): index TEX[0]:C:B selects PRRR/NMRR fields (B3.8.3, B4.1.127, B4.1.111). */
export function remapAttr(prrr: number, nmrr: number, tex0: number, c: number, b: number, s: number): number {
  const n = (tex0 << 2) | (c << 1) | b;
  const tr = (prrr >>> (2 * n)) & 3;
  if (tr === 0) return 0x00 | (2 << 8);
  if (tr === 1) {
    // Device: shareability from PRRR.DS0 / DS1 by the S bit.
    const ds = (prrr >>> (16 + s)) & 1;
    return 0x04 | ((ds ? 2 : 0) << 8);
  }
  // Normal (TR = 10; 11 is reserved and treated as Normal): IR/OR policies from NMRR.
  const ir = (nmrr >>> (2 * n)) & 3;
  const or = (nmrr >>> (16 + 2 * n)) & 3;
  const shareable = (prrr >>> (18 + s)) & 1;
  const nos = (prrr >>> (24 + n)) & 1;
  const sh = shareable ? (nos ? 3 : 2) : 0;
  return ((POLICY_NIBBLE[or] << 4) | POLICY_NIBBLE[ir]) | (sh << 8);
}

/**
 * Stage-2 MemAttr[3:0] as a MAIR byte. [3:2] = 00 is Device (00 SO, 01 Device); otherwise each of
 * the outer [3:2] / inner [1:0] fields is 01 NC, 10 WT, 11 WB. QEMU gives cacheable types the
 * read/write-allocate hints (convert_stage2_attrs), which only shows in a 64-bit PAR.
 */
export function s2MemAttrToMair(m: number): number {
  const hi = (m >>> 2) & 3;
  const lo = m & 3;
  if (hi === 0) return lo << 2;
  const hint = (x: number) => (x === 1 ? 0 : 3);
  return (hi << 6) | (hint(hi) << 4) | (lo << 2) | hint(lo);
}

/** Combine one cacheability nibble (B3.8.6: Non-cacheable wins, then Write-Through, else Write-Back). */
function combineNibble(s1: number, s2: number): number {
  if (s1 === 4 || s2 === 4) return 4;
  const k1 = (s1 >>> 2) & 3;
  if (k1 === 0 || k1 === 2) return s1;
  if (((s2 >>> 2) & 3) === 2) return (2 << 2) | (s1 & 3);
  return s1;
}

/** The more restrictive of two memory types (B3.8.6). Both in MAIR format. */
export function combineAttr(s1: number, s2: number): number {
  const d1 = (s1 & 0xf0) === 0;
  const d2 = (s2 & 0xf0) === 0;
  if (d1 && d2) return Math.min(s1, s2);
  if (d1) return s1;
  if (d2) return s2;
  return (combineNibble(s1 >>> 4, s2 >>> 4) << 4) | combineNibble(s1 & 0xf, s2 & 0xf);
}

/** The more shareable of two shareability encodings (10 outer > 11 inner > 00 non). */
export function combineSh(a: number, b: number): number {
  if (a === 2 || b === 2) return 2;
  if (a === 3 || b === 3) return 3;
  return 0;
}

/** Text for the debugger: 'Strongly-ordered', 'Device', 'Normal WB/WB', ... */
export function describeAttr(attr: number): string {
  if (attr === 0) return 'Strongly-ordered';
  if ((attr & 0xf0) === 0) return 'Device';
  const kind = (n: number): string => {
    if (n === 4) return 'NC';
    const t = (n >>> 2) & 3;
    return t === 0 || t === 2 ? 'WT' : 'WB';
  };
  return `Normal outer ${kind(attr >>> 4)} inner ${kind(attr & 0xf)}`;
}

// The in-memory device tree (nodes with ordered properties and children) and property value helpers.
// Devicetree Specification v0.4, chapter 2 (property value types: <u32>, <stringlist>, <empty>).

export interface FdtProp {
  readonly name: string;
  readonly value: Uint8Array;
}

export interface FdtNode {
  /** Node name with unit address ("memory@40000000"); "" for the root. */
  readonly name: string;
  readonly props: FdtProp[];
  readonly children: FdtNode[];
}

export const node = (name: string, props: FdtProp[], children: FdtNode[] = []): FdtNode => ({ name, props, children });

/** A property of big-endian 32-bit cells (<u32 ...>). */
export function cells(name: string, ...values: number[]): FdtProp {
  const value = new Uint8Array(values.length * 4);
  const dv = new DataView(value.buffer);
  values.forEach((v, i) => dv.setUint32(i * 4, v >>> 0, false));
  return { name, value };
}

/** A string or string list property: each string NUL-terminated. */
export function strings(name: string, ...values: string[]): FdtProp {
  const bytes: number[] = [];
  for (const s of values) {
    for (let i = 0; i < s.length; i++) bytes.push(s.charCodeAt(i) & 0xff);
    bytes.push(0);
  }
  return { name, value: Uint8Array.from(bytes) };
}

/** A boolean (empty) property. */
export const flag = (name: string): FdtProp => ({ name, value: new Uint8Array(0) });

/** Child of `n` by name, or undefined. */
export const child = (n: FdtNode, name: string): FdtNode | undefined => n.children.find((c) => c.name === name);

/** Property of `n` by name, or undefined. */
export const prop = (n: FdtNode, name: string): FdtProp | undefined => n.props.find((p) => p.name === name);

/** Decode a property as 32-bit cells (the value length must be a multiple of 4). */
export function propCells(p: FdtProp): number[] {
  const dv = new DataView(p.value.buffer, p.value.byteOffset, p.value.byteLength);
  const out: number[] = [];
  for (let o = 0; o + 4 <= p.value.length; o += 4) out.push(dv.getUint32(o, false));
  return out;
}

/** Decode a property as a NUL-separated string list. */
export function propStrings(p: FdtProp): string[] {
  const parts: string[] = [];
  let cur = '';
  for (const b of p.value) {
    if (b === 0) { parts.push(cur); cur = ''; } else cur += String.fromCharCode(b);
  }
  if (cur) parts.push(cur);
  return parts;
}

// Parses a flattened device tree blob into nodes and properties, with a precise error for every
// malformation. Devicetree Specification v0.4, chapter 5.

import type { FdtNode, FdtProp } from './fdt-tree';
import { FDT_BEGIN_NODE, FDT_END, FDT_END_NODE, FDT_MAGIC, FDT_NOP, FDT_PROP } from './fdt-write';

export class FdtError extends Error {}

export interface FdtHeader {
  readonly magic: number;
  readonly totalSize: number;
  readonly offStruct: number;
  readonly offStrings: number;
  readonly offMemRsvmap: number;
  readonly version: number;
  readonly lastCompVersion: number;
  readonly bootCpuId: number;
  readonly sizeStrings: number;
  readonly sizeStruct: number;
}

export function fdtHeader(blob: Uint8Array): FdtHeader {
  if (blob.length < 40) throw new FdtError(`FDT blob of ${blob.length} bytes is shorter than its 40-byte header`);
  const dv = new DataView(blob.buffer, blob.byteOffset, blob.byteLength);
  const w = (i: number): number => dv.getUint32(i * 4, false);
  const h: FdtHeader = {
    magic: w(0), totalSize: w(1), offStruct: w(2), offStrings: w(3), offMemRsvmap: w(4),
    version: w(5), lastCompVersion: w(6), bootCpuId: w(7), sizeStrings: w(8), sizeStruct: w(9),
  };
  if (h.magic !== FDT_MAGIC) throw new FdtError(`bad FDT magic 0x${h.magic.toString(16)} (expected 0xd00dfeed)`);
  return h;
}

export function parseFdt(blob: Uint8Array): FdtNode {
  const h = fdtHeader(blob);
  const end = Math.min(blob.length, h.totalSize);
  if (h.offStruct + h.sizeStruct > end || h.offStrings + h.sizeStrings > end) {
    throw new FdtError('FDT structure or strings block runs past the end of the blob');
  }
  const dv = new DataView(blob.buffer, blob.byteOffset, blob.byteLength);
  const structEnd = h.offStruct + h.sizeStruct;
  let p = h.offStruct;
  const word = (): number => {
    if (p + 4 > structEnd) throw new FdtError(`FDT structure block truncated at offset 0x${p.toString(16)}`);
    const v = dv.getUint32(p, false);
    p += 4;
    return v;
  };
  const cstr = (at: number, limit: number): string => {
    let s = '';
    let i = at;
    for (; i < limit && blob[i] !== 0; i++) s += String.fromCharCode(blob[i]);
    if (i >= limit) throw new FdtError(`unterminated string at offset 0x${at.toString(16)}`);
    return s;
  };
  const stack: FdtNode[] = [];
  let root: FdtNode | undefined;
  for (;;) {
    const tok = word();
    if (tok === FDT_NOP) continue;
    if (tok === FDT_BEGIN_NODE) {
      const name = cstr(p, structEnd);
      p = (p + name.length + 1 + 3) & ~3;
      const n: FdtNode = { name, props: [], children: [] };
      if (stack.length) stack[stack.length - 1].children.push(n);
      else if (root) throw new FdtError('FDT has more than one root node');
      else root = n;
      stack.push(n);
    } else if (tok === FDT_PROP) {
      const len = word();
      const nameoff = word();
      if (!stack.length) throw new FdtError('FDT property outside any node');
      if (p + len > structEnd) throw new FdtError('FDT property value runs past the structure block');
      const prop: FdtProp = { name: cstr(h.offStrings + nameoff, h.offStrings + h.sizeStrings), value: blob.slice(p, p + len) };
      stack[stack.length - 1].props.push(prop);
      p = (p + len + 3) & ~3;
    } else if (tok === FDT_END_NODE) {
      if (!stack.pop()) throw new FdtError('unbalanced FDT_END_NODE');
    } else if (tok === FDT_END) {
      if (stack.length || !root) throw new FdtError('FDT_END inside a node or before the root');
      return root;
    } else {
      throw new FdtError(`unknown FDT token 0x${tok.toString(16)} at offset 0x${(p - 4).toString(16)}`);
    }
  }
}

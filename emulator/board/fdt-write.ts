// Serialises a device tree into a flattened device tree blob (FDT version 17), laid out as libfdt does
// for QEMU: header, reservation map at 0x30, structure block, strings block, free space up to `totalSize`.
// Devicetree Specification v0.4, chapter 5 (5.2 header, 5.3 memory reservation block, 5.4 structure block).

import type { FdtNode } from './fdt-tree';

export const FDT_MAGIC = 0xd00dfeed;
export const FDT_BEGIN_NODE = 1;
export const FDT_END_NODE = 2;
export const FDT_PROP = 3;
export const FDT_NOP = 4;
export const FDT_END = 9;
/** Header size of version 17 (10 words), rounded up to a reservation entry (16 bytes) as libfdt does. */
const RSVMAP_OFFSET = 0x30;

export interface FdtLayout {
  /** Value of the header's totalsize (QEMU's virt blob is 1 MiB: the rest is free space). */
  readonly totalSize?: number;
  readonly bootCpuId?: number;
}

export function writeFdt(root: FdtNode, layout: FdtLayout = {}): Uint8Array {
  const struct: number[] = [];
  const strTab: number[] = [];
  const strOff = new Map<string, number>();
  const word = (v: number): void => { struct.push((v >>> 24) & 0xff, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff); };
  const pad = (): void => { while (struct.length % 4) struct.push(0); };
  const nameOff = (s: string): number => {
    let o = strOff.get(s);
    if (o === undefined) {
      o = strTab.length;
      strOff.set(s, o);
      for (let i = 0; i < s.length; i++) strTab.push(s.charCodeAt(i) & 0xff);
      strTab.push(0);
    }
    return o;
  };
  const emit = (n: FdtNode): void => {
    word(FDT_BEGIN_NODE);
    for (let i = 0; i < n.name.length; i++) struct.push(n.name.charCodeAt(i) & 0xff);
    struct.push(0);
    pad();
    for (const p of n.props) {
      word(FDT_PROP);
      word(p.value.length);
      word(nameOff(p.name));
      for (const b of p.value) struct.push(b);
      pad();
    }
    for (const c of n.children) emit(c);
    word(FDT_END_NODE);
  };
  emit(root);
  word(FDT_END);

  const offStruct = RSVMAP_OFFSET + 16; // one all-zero reservation entry terminates the map
  const offStrings = offStruct + struct.length;
  const used = offStrings + strTab.length;
  const total = Math.max(layout.totalSize ?? used, used);
  const out = new Uint8Array(total);
  const dv = new DataView(out.buffer);
  const header = [FDT_MAGIC, total, offStruct, offStrings, RSVMAP_OFFSET, 17, 16, layout.bootCpuId ?? 0, strTab.length, struct.length];
  header.forEach((v, i) => dv.setUint32(i * 4, v >>> 0, false));
  out.set(struct, offStruct);
  out.set(strTab, offStrings);
  return out;
}

// How QEMU 7.2's `-kernel` / `-bios` put an image, its boot stub and the DTB into the virt board's memory
// (hw/arm/boot.c arm_setup_direct_kernel_boot / arm_load_dtb, hw/arm/virt.c virt_firmware_init), as measured
// with test/guests/boot/_probe.S (test/emulator/board/boot-qemu.test.ts) and the gdb stub.

import { ElfError, isElf, parseElf, type ElfImage } from '../loader/elf';
import { VIRT } from './virt';
import { PFLASH_BANK_SIZE } from './pflash';

/** Linux images go to RAM + 64 KiB (boot.c KERNEL_LOAD_ADDR). */
export const KERNEL_LOAD_OFFSET = 0x1_0000;
/** r1 for a device-tree boot: QEMU's virt sets board_id = -1 ("no machine number"). */
export const DT_BOARD_ID = 0xffff_ffff;
const UIMAGE_MAGIC = 0x2705_1956;

/** One piece of memory content, written by the loader before reset (QEMU's "ROM blobs"). */
export interface BootBlob {
  readonly name: string;
  readonly addr: number;
  readonly bytes: Uint8Array;
  /** Bytes to clear after `bytes` (ELF .bss: p_memsz > p_filesz). */
  readonly zeroFill?: number;
}

export interface BootPlan {
  /** elf: -kernel ELF; linux: raw/uImage Linux protocol (stub + DTB); image: uImage of another OS;
   *  bios: -bios firmware in flash; raw: image at an explicit --load-address (QEMU's generic loader). */
  readonly kind: 'elf' | 'linux' | 'image' | 'bios' | 'raw';
  /** The first instruction the core executes (the boot stub for Linux images). */
  readonly pc: number;
  /** The program's own entry point. */
  readonly entry: number;
  /** Where the DTB was put, or undefined (QEMU skips it when it does not fit). */
  readonly dtb: number | undefined;
  readonly blobs: readonly BootBlob[];
  readonly elf?: ElfImage;
}

export interface BootRequest {
  readonly ramBase: number;
  readonly ramSize: number;
  /** The DTB blob to place (VIRT_DTB_SIZE bytes). */
  readonly dtb: Uint8Array;
  /** Load a raw image here and start it there, with no stub and no DTB (`--load-address`). */
  readonly loadAddress?: number;
}

/**
 * QEMU's boot stub for Linux images (boot.c bootloader[], without board setup): written at the start of
 * RAM, it sets r0 = 0, r1 = board id, r2 = DTB address and jumps to the kernel, in the boot mode (Hyp).
 */
export function linuxBootStub(dtb: number, entry: number, boardId = DT_BOARD_ID): Uint8Array {
  const words = [
    0xe3a00000, // mov r0, #0
    0xe59f1004, // ldr r1, [pc, #4]
    0xe59f2004, // ldr r2, [pc, #4]
    0xe59ff004, // ldr pc, [pc, #4]
    boardId, dtb, entry,
  ];
  const out = new Uint8Array(words.length * 4);
  const dv = new DataView(out.buffer);
  words.forEach((w, i) => dv.setUint32(i * 4, w >>> 0, true));
  return out;
}

const hex = (v: number): string => `0x${(v >>> 0).toString(16)}`;
const flashEnd = VIRT.flash + 2 * PFLASH_BANK_SIZE;

/** Plan the boot of a `-kernel` image (ELF, uImage or raw), or of a raw image at an explicit address. */
export function planKernelBoot(image: Uint8Array, what: string, req: BootRequest): BootPlan {
  if (isElf(image)) return planElf(parseElf(image, what), what, req);
  if (image.length === 0) throw new ElfError(`${what}: file is empty`);
  if (req.loadAddress !== undefined) {
    const blob = { name: what, addr: req.loadAddress, bytes: image };
    return { kind: 'raw', pc: req.loadAddress, entry: req.loadAddress, dtb: undefined, blobs: [blob] };
  }
  if (image.length >= 64 && new DataView(image.buffer, image.byteOffset).getUint32(0, false) === UIMAGE_MAGIC) {
    return planUImage(image, what, req);
  }
  // A raw image (zImage or Image): loaded at RAM + 64 KiB, entered through the stub (is_linux = 1).
  const ramEnd = req.ramBase + req.ramSize;
  const addr = req.ramBase + KERNEL_LOAD_OFFSET;
  if (image.length > req.ramSize - KERNEL_LOAD_OFFSET) {
    throw new ElfError(`${what}: kernel is too large to fit in RAM (kernel size ${image.length}, RAM size ${req.ramSize}); QEMU refuses it too`);
  }
  return planLinux({ name: what, addr, bytes: image }, addr, addr + image.length, ramEnd, req);
}

/**
 * Linux boot protocol (boot.c): the initrd would go at RAM + min(RAM/2, 128 MiB) or after the image,
 * page-aligned; with no initrd the DTB goes there (4 KiB aligned), cut off at the end of RAM if it does
 * not fit (QEMU drops the bytes past RAM); it is an error when it starts at or past the end of RAM.
 */
function planLinux(kernel: BootBlob, entry: number, imageEnd: number, ramEnd: number, req: BootRequest): BootPlan {
  const align = (v: number): number => Math.ceil(v / 4096) * 4096;
  const dtb = align(Math.max(req.ramBase + Math.min(Math.floor(req.ramSize / 2), 128 * 1024 * 1024), imageEnd));
  if (dtb >= ramEnd) {
    throw new ElfError(`${kernel.name}: not enough space for the DTB after the kernel (kernel ends at ${hex(imageEnd)}, RAM at ${hex(ramEnd)}); QEMU refuses it too`);
  }
  const blobs = [
    kernel,
    { name: 'bootloader', addr: req.ramBase, bytes: linuxBootStub(dtb, entry) },
    { name: 'dtb', addr: dtb, bytes: req.dtb.subarray(0, Math.min(req.dtb.length, ramEnd - dtb)) },
  ];
  checkOverlaps(blobs);
  return { kind: 'linux', pc: req.ramBase, entry, dtb, blobs };
}

/**
 * ELF (not a Linux image for QEMU: no stub, registers stay zero, PC = e_entry). The DTB goes to the start of
 * RAM when the ELF lies wholly above or below that address and leaves room for the 1 MiB blob below its
 * lowest address; an ELF that spans the start of RAM gets the DTB at address 0 (flash), as QEMU 7.2 does.
 */
function planElf(elf: ElfImage, what: string, req: BootRequest): BootPlan {
  const blobs: BootBlob[] = [];
  let low = Infinity;
  let high = 0;
  const ramEnd = req.ramBase + req.ramSize;
  for (const [i, seg] of elf.segments.entries()) {
    const end = seg.paddr + seg.memsz;
    const inRam = seg.paddr >= req.ramBase && end <= ramEnd;
    const inFlash = seg.paddr >= VIRT.flash && end <= flashEnd;
    if (!inRam && !inFlash) {
      throw new ElfError(
        `${what}: segment ${i} at ${hex(seg.paddr)}..${hex(end)} lies outside RAM (${hex(req.ramBase)}..${hex(ramEnd)}) ` +
          `and flash (0x0..${hex(flashEnd)}); link it for the virt board (RAM at 0x40000000) or use --memory`,
      );
    }
    low = Math.min(low, seg.paddr);
    high = Math.max(high, end);
    blobs.push({ name: `${what} segment ${i}`, addr: seg.paddr, bytes: seg.data, zeroFill: seg.memsz - seg.data.length });
  }
  checkOverlaps(blobs, what);
  let dtbAddr = 0;
  let limit = 0;
  if (low > req.ramBase || high < req.ramBase) {
    dtbAddr = req.ramBase;
    limit = low < req.ramBase ? 0 : low;
  }
  let dtb: number | undefined;
  if (!(limit > dtbAddr && req.dtb.length > limit - dtbAddr)) {
    dtb = dtbAddr;
    blobs.push({ name: 'dtb', addr: dtbAddr, bytes: req.dtb.subarray(0, Math.min(req.dtb.length, dtbAddr >= req.ramBase ? ramEnd - dtbAddr : flashEnd - dtbAddr)) });
    checkOverlaps(blobs, what);
  }
  return { kind: 'elf', pc: elf.entry, entry: elf.entry, dtb, blobs, elf };
}

/** U-Boot legacy image (uImage): 64-byte big-endian header; only uncompressed ARM kernels. */
function planUImage(image: Uint8Array, what: string, req: BootRequest): BootPlan {
  const dv = new DataView(image.buffer, image.byteOffset, image.byteLength);
  const size = dv.getUint32(12, false);
  const load = dv.getUint32(16, false);
  const ep = dv.getUint32(20, false);
  const os = image[28];
  const arch = image[29];
  const type = image[30];
  const comp = image[31];
  if (arch !== 2) throw new ElfError(`${what}: uImage for architecture ${arch}, not ARM (2)`);
  if (type !== 2) throw new ElfError(`${what}: uImage type ${type} is not a kernel (2)`);
  if (comp !== 0) throw new ElfError(`${what}: compressed uImage (compression ${comp}${comp === 1 ? ', gzip' : ''}) is not supported by hypscope (QEMU inflates gzip); build it with -C none`);
  if (64 + size > image.length) throw new ElfError(`${what}: uImage data (${size} bytes) runs past the end of the file (${image.length} bytes)`);
  const ramEnd = req.ramBase + req.ramSize;
  const kernel = { name: what, addr: load, bytes: image.subarray(64, 64 + size) };
  const inRam = load >= req.ramBase && load + size <= ramEnd;
  if (!inRam && !(load + size <= flashEnd)) throw new ElfError(`${what}: uImage load address ${hex(load)} (+${size}) lies outside RAM and flash`);
  if (os === 5) return planLinux(kernel, ep, load + size, ramEnd, req);
  // Another OS: entered directly; QEMU leaves the DTB address at 0, so the DTB lands in flash.
  const blobs = [kernel, { name: 'dtb', addr: 0, bytes: req.dtb }];
  checkOverlaps(blobs, what);
  return { kind: 'image', pc: ep, entry: ep, dtb: 0, blobs };
}

/** `-bios FILE`: firmware in flash bank 0 at PA 0, DTB at the start of RAM, PC = 0 (in Hyp, like -kernel). */
export function planBiosBoot(firmware: Uint8Array, what: string, req: BootRequest): BootPlan {
  if (firmware.length === 0) throw new ElfError(`${what}: file is empty`);
  if (firmware.length > PFLASH_BANK_SIZE) {
    throw new ElfError(`${what}: firmware of ${firmware.length} bytes does not fit the 64 MiB flash bank (QEMU: "Could not load ROM image")`);
  }
  const blobs = [
    { name: what, addr: VIRT.flash, bytes: firmware },
    { name: 'dtb', addr: req.ramBase, bytes: req.dtb },
  ];
  return { kind: 'bios', pc: VIRT.flash, entry: VIRT.flash, dtb: req.ramBase, blobs };
}

/** QEMU refuses to start when two ROM blobs overlap ("Some ROM regions are overlapping"). */
function checkOverlaps(blobs: readonly BootBlob[], what = 'image'): void {
  const spans = blobs.map((b) => ({ b, start: b.addr, end: b.addr + b.bytes.length + (b.zeroFill ?? 0) })).sort((x, y) => x.start - y.start);
  for (let i = 1; i < spans.length; i++) {
    if (spans[i].start < spans[i - 1].end && spans[i].end > spans[i].start) {
      throw new ElfError(
        `${what}: ${spans[i - 1].b.name} (${hex(spans[i - 1].start)}..${hex(spans[i - 1].end)}) overlaps ` +
          `${spans[i].b.name} (${hex(spans[i].start)}..${hex(spans[i].end)}); QEMU refuses this too ("Some ROM regions are overlapping")`,
      );
    }
  }
}

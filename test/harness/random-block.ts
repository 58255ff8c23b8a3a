// One random test block: initial registers/flags/data (and D0-D31/FPSCR), N random A32 or T32
// instructions and the guest image (ELF) that loads that state in Hyp mode, ERETs to SVC (B9.3.3) and runs them.

import { A32_DECODER } from '../../emulator/decode/a32/index';
import { T32_DECODER } from '../../emulator/decode/t32/index';
import { writeElf32 } from './random-elf';
import { A32Generator, type Roles, type Tracked, type Window } from './random-insn';
import { randomFpState, type FpState } from './random-fp';
import { Prng, blockSeed } from './random-prng';
import { T32Generator } from './random-t32';

/** Fixed image layout (QEMU virt RAM starts at 0x4000_0000; test/guests/README.md boot facts). */
export const LAYOUT = {
  /** ELF entry: the prologue (A32, Hyp mode). */
  code: 0x4001_0000,
  /** ERET target: `ldm r0, {r0-r14}` (A32) or `ldr.w sp, [r0, #52]; ldmia.w r0, {r0-r12, lr}` (T32). */
  body: 0x4001_0058,
  /** CLREX, then the random instructions: where the block state is installed directly (A32). */
  start: 0x4001_005c,
  /** Same for T32 blocks (the Thumb body is two 32-bit instructions). */
  startT32: 0x4001_0060,
  /** Random data window every access stays in. */
  data: 0x4008_0000,
  dataSize: 0x2000,
  /**
   * Initial r0-r14, CPSR, SP_usr, LR_usr (18 words), then D0-D31 (64 words) and FPSCR, outside
   * the window.
   */
  state: 0x4008_2000,
} as const;

export const WINDOW: Window = { lo: LAYOUT.data, hi: LAYOUT.data + LAYOUT.dataSize };

/** SVC mode with A, I, F masked: the random code runs at PL1 like kernel code (B1.3.1). */
const CPSR_SVC_MASKED = 0x1d3;
/** CPSR.T (B1.3.3). */
const CPSR_T = 0x20;

/** What a block contains: instruction set and whether FP/SIMD encodings are drawn. */
export interface BlockKind {
  readonly isa: 'a32' | 't32';
  readonly fp: boolean;
}

export const A32_INT: BlockKind = { isa: 'a32', fp: false };
export const A32_FP: BlockKind = { isa: 'a32', fp: true };
export const T32_INT: BlockKind = { isa: 't32', fp: false };
export const T32_FP: BlockKind = { isa: 't32', fp: true };

export interface RandomBlock {
  readonly seed: number;
  readonly index: number;
  readonly kind: BlockKind;
  readonly roles: Roles;
  /** Initial r0-r14. */
  readonly regs: Uint32Array;
  readonly cpsr: number;
  /** User-mode SP and LR (banked; STM/LDM with ^ reach them from SVC, B1.3.2). */
  readonly userSp: number;
  readonly userLr: number;
  /** Initial content of the data window. */
  readonly data: Uint8Array;
  /**
   * CLREX followed by the random instructions, one entry per instruction: A32 words, T32 16-bit
   * halfwords (<= 0xffff) or 32-bit hw1 << 16 | hw2 (stored hw1 first, A6.1).
   */
  readonly code: Uint32Array;
  /** Address of the CLREX (where both runs start). */
  readonly start: number;
  /** Address right after the last random instruction (where both runs stop). */
  readonly end: number;
  /** Initial D0-D31 and FPSCR (FP blocks only; compared at the end). */
  readonly fp: FpState | undefined;
}

const generators = new Map<string, A32Generator | T32Generator>();

/** The generator of a block kind over the current tables (built once per process). */
export function blockGenerator(kind: BlockKind): A32Generator | T32Generator {
  const key = `${kind.isa}${kind.fp ? '+fp' : ''}`;
  let g = generators.get(key);
  if (g === undefined) {
    if (kind.isa === 'a32') g = new A32Generator(A32_DECODER, kind.fp ? { fpSimd: true, fpShare: 0.7 } : {});
    else g = new T32Generator(T32_DECODER, { itProbability: 0.06, fpShare: kind.fp ? 0.5 : 0 });
    generators.set(key, g);
  }
  return g;
}

/** The A32 integer generator (the original random test). */
export function a32Generator(): A32Generator {
  return blockGenerator(A32_INT) as A32Generator;
}

/** Per-kind salt: one run seed gives unrelated streams for each kind (A32 integer keeps the old ones). */
function salt(kind: BlockKind): number {
  return (kind.isa === 't32' ? 0x7431_0000 : 0) ^ (kind.fp ? 0x0000_f9f9 : 0);
}

const INTERESTING = [0, 1, 2, 0x7f, 0x80, 0xff, 0x7fff, 0x8000, 0xffff, 0x7fffffff, 0x80000000, 0x80000001, 0xffffffff, 0xfffffffe];

function randomValue(rng: Prng): number {
  const k = rng.below(8);
  if (k === 0) return rng.pick(INTERESTING);
  if (k === 1) return rng.below(64);
  if (k === 2) return (0x100000000 - 1 - rng.below(64)) >>> 0;
  return rng.u32();
}

/** A block from (run seed, block index, kind), fully determined by them. */
export function generateBlock(seed: number, index: number, count: number, kind: BlockKind = A32_INT): RandomBlock {
  const gen = blockGenerator(kind);
  const rng = new Prng(blockSeed((seed ^ salt(kind)) >>> 0, index));
  // Role registers move around between blocks so every register is a destination somewhere; T32
  // keeps them in r0-r7 so the 16-bit loads/stores (3-bit register fields) can use them.
  const pool = kind.isa === 't32' ? [0, 1, 2, 3, 4, 5, 6, 7] : [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 14];
  const take = (): number => pool.splice(rng.below(pool.length), 1)[0] ?? 0;
  const roles: Roles = { fixedBase: take(), movingBase: take(), index: take() };
  const mid = WINDOW.lo + LAYOUT.dataSize / 2;
  const align = (): number => (rng.chance(0.8) ? 0 : rng.below(4));
  const t: Tracked = {
    fixedBase: (mid - 4 + rng.below(9) * 4 + align()) >>> 0,
    movingBase: (mid - 0x400 + rng.below(0x200) * 4 + align()) >>> 0,
    sp: (mid - 0x400 + rng.below(0x200) * 4) >>> 0,
    index: rng.below(0x400),
    monitorAddr: -1, // the block starts with CLREX
    monitorSize: 0,
  };
  const regs = new Uint32Array(15);
  for (let i = 0; i < 15; i++) regs[i] = randomValue(rng);
  regs[roles.fixedBase] = t.fixedBase;
  regs[roles.movingBase] = t.movingBase;
  regs[roles.index] = t.index;
  regs[13] = t.sp;
  const userSp = randomValue(rng);
  const userLr = randomValue(rng);
  const thumb = kind.isa === 't32' ? CPSR_T : 0;
  const cpsr = ((rng.bits(5) << 27) | (rng.bits(4) << 16) | CPSR_SVC_MASKED | thumb) >>> 0;
  const data = new Uint8Array(LAYOUT.dataSize);
  for (let i = 0; i < data.length; i += 4) {
    const v = randomValue(rng);
    data[i] = v & 0xff;
    data[i + 1] = (v >>> 8) & 0xff;
    data[i + 2] = (v >>> 16) & 0xff;
    data[i + 3] = v >>> 24;
  }
  const fp = kind.fp ? randomFpState(rng) : undefined;
  let code: Uint32Array;
  let start: number;
  if (gen instanceof A32Generator) {
    code = new Uint32Array(count + 1);
    code[0] = CLREX;
    for (let i = 1; i <= count; i++) code[i] = gen.next(rng, roles, t, WINDOW);
    start = LAYOUT.start;
  } else {
    const out = [T32_CLREX];
    while (out.length <= count) gen.next(rng, roles, t, WINDOW, out, count + 1 - out.length);
    code = Uint32Array.from(out);
    start = LAYOUT.startT32;
  }
  const block = { seed, index, kind, roles, regs, cpsr, userSp, userLr, data, code, start, end: 0, fp };
  return { ...block, end: start + codeBytes(block).length };
}

const CLREX = 0xf57ff01f;
/** CLREX (T1), A8.8.32. */
const T32_CLREX = 0xf3bf8f2f;

/** movw/movt rd, #imm32 (A8.8.102, A8.8.106). */
function movImm32(rd: number, v: number): number[] {
  const lo = v & 0xffff;
  const hi = v >>> 16;
  return [
    (0xe3000000 | ((lo >>> 12) << 16) | (rd << 12) | (lo & 0xfff)) >>> 0,
    (0xe3400000 | ((hi >>> 12) << 16) | (rd << 12) | (hi & 0xfff)) >>> 0,
  ];
}

/**
 * The prologue, run in Hyp mode at the ELF entry (QEMU enters ELFs in Hyp, README boot facts):
 * SPSR_hyp = the block's CPSR, ELR_hyp = LAYOUT.body, SP_usr by banked MSR (B9.3.9), LR_usr by
 * a plain MOV (Hyp shares LR with User mode; MSR LR_usr from Hyp is UNPREDICTABLE). Then FP/SIMD
 * access for PL1 (CPACR cp10/cp11 = full, B4.1.40; ISB; FPEXC.EN, B6.1.5), D0-D31 and FPSCR from the
 * state area, and ERET (B9.3.3) switches to SVC (ARM or Thumb per SPSR.T) with every flag set at once;
 * the body at LAYOUT.body loads the SVC registers.
 */
function prologue(): number[] {
  return [
    ...movImm32(0, LAYOUT.state),
    0xe590103c, // ldr   r1, [r0, #60]      CPSR of the block
    0xe16ff001, // msr   SPSR_fsxc, r1      SPSR_hyp
    ...movImm32(2, LAYOUT.body),
    0xe12ef302, // msr   ELR_hyp, r2
    0xe5903040, // ldr   r3, [r0, #64]
    0xe125f203, // msr   SP_usr, r3
    0xe5903044, // ldr   r3, [r0, #68]
    0xe1a0e003, // mov   lr, r3             Hyp mode has no LR of its own: this is LR_usr (B1.3.2)
    0xe3a0360f, // mov   r3, #0xf00000
    0xee013f50, // mcr   p15, 0, r3, c1, c0, 2   CPACR: cp10, cp11 full access
    0xf57ff06f, // isb   sy
    0xe3a03101, // mov   r3, #0x40000000
    0xeee83a10, // vmsr  fpexc, r3          FPEXC.EN
    0xe2801048, // add   r1, r0, #72
    0xecb10b20, // vldmia r1!, {d0-d15}
    0xecf10b20, // vldmia r1!, {d16-d31}
    0xe5913000, // ldr   r3, [r1]
    0xeee13a10, // vmsr  fpscr, r3
  ];
}

const ERET = 0xe160006e;
const LDM_R0_R0_R14 = 0xe8907fff; // ldm r0, {r0-r14}
/** Thumb body: ldr.w sp, [r0, #52]; ldmia.w r0, {r0-r12, lr} (T32 LDM cannot load SP, A8.8.58). */
const T32_BODY = [0xf8d0d034, 0xe8905fff];

/** Epilogue: SYS_EXIT_EXTENDED(0) through `hlt #0xf000` (semihosting; reads {0x20026, 0} at r1). */
function epilogue(at: number): number[] {
  const block = at + 5 * 4;
  return [
    0xe3a00020, // mov   r0, #0x20
    ...movImm32(1, block),
    0xe10f0070, // hlt   #0xf000
    0xeafffffe, // b     .
    0x00020026, // ADP_Stopped_ApplicationExit
    0,
  ];
}

/** T32 movw/movt rd, #imm16 (A8.8.102 T3, A8.8.106 T1). */
function t32MovImm(rd: number, v: number, top: boolean): number {
  const imm4 = v >>> 12;
  const i = (v >>> 11) & 1;
  const imm3 = (v >>> 8) & 7;
  return ((top ? 0xf2c00000 : 0xf2400000) | (i << 26) | (imm4 << 16) | (imm3 << 12) | (rd << 8) | (v & 0xff)) >>> 0;
}

/** Thumb epilogue: movs r0, #0x20; movw/movt r1; hlt #0x3c (Thumb semihosting); b .; the block. */
function epilogueT32(at: number): Uint8Array {
  const len = 2 + 4 + 4 + 2 + 2;
  const block = (at + len + 3) & ~3;
  const words = [0x2020, t32MovImm(1, block & 0xffff, false), t32MovImm(1, block >>> 16, true), 0xbabc, 0xe7fe];
  const out = new Uint8Array(block + 8 - at);
  const dv = new DataView(out.buffer);
  let off = putT32(dv, 0, words);
  for (; off < block - at; off += 2) dv.setUint16(off, 0xbf00, true); // nop
  dv.setUint32(block - at, 0x00020026, true);
  return out;
}

/** Write T32 instructions (16-bit or hw1:hw2) at `off`; returns the offset after them. */
function putT32(dv: DataView, off0: number, words: readonly number[]): number {
  let off = off0;
  for (const w of words) {
    if (w > 0xffff) {
      dv.setUint16(off, w >>> 16, true);
      dv.setUint16(off + 2, w & 0xffff, true);
      off += 4;
    } else {
      dv.setUint16(off, w, true);
      off += 2;
    }
  }
  return off;
}

/** Size of the state area: 18 core words, 64 D words, FPSCR. */
const STATE_SIZE = 72 + 256 + 4;

/** The guest image of a block: runs standalone under `qemu-system-arm -kernel` or `hypscope run`. */
export function blockElf(b: RandomBlock): Uint8Array {
  const pro = prologue();
  if (LAYOUT.code + pro.length * 4 + 4 !== LAYOUT.body) throw new Error('prologue size changed');
  const t32 = b.kind.isa === 't32';
  const head = new Uint8Array(b.start - LAYOUT.code);
  const hv = new DataView(head.buffer);
  [...pro, ERET].forEach((w, i) => hv.setUint32(i * 4, w >>> 0, true));
  if (t32) putT32(hv, LAYOUT.body - LAYOUT.code, T32_BODY);
  else hv.setUint32(LAYOUT.body - LAYOUT.code, LDM_R0_R0_R14, true);
  const body = codeBytes(b);
  let tail: Uint8Array;
  if (t32) tail = epilogueT32(b.end);
  else {
    const e = epilogue(b.end);
    tail = new Uint8Array(e.length * 4);
    const tv = new DataView(tail.buffer);
    e.forEach((w, i) => tv.setUint32(i * 4, w >>> 0, true));
  }
  const code = new Uint8Array(head.length + body.length + tail.length);
  code.set(head, 0);
  code.set(body, head.length);
  code.set(tail, head.length + body.length);
  const state = new Uint8Array(STATE_SIZE);
  const sv = new DataView(state.buffer);
  for (let i = 0; i < 15; i++) sv.setUint32(i * 4, b.regs[i] ?? 0, true);
  sv.setUint32(60, b.cpsr, true);
  sv.setUint32(64, b.userSp, true);
  sv.setUint32(68, b.userLr, true);
  if (b.fp !== undefined) {
    b.fp.d.forEach((w, i) => sv.setUint32(72 + i * 4, w, true));
    sv.setUint32(72 + 256, b.fp.fpscr, true);
  }
  const data = new Uint8Array(LAYOUT.dataSize + state.length);
  data.set(b.data, 0);
  data.set(state, LAYOUT.dataSize);
  return writeElf32(LAYOUT.code, [
    { addr: LAYOUT.code, data: code, flags: 5 },
    { addr: LAYOUT.data, data, flags: 6 },
  ]);
}

/** The block code as little-endian bytes (what is written at b.start). */
export function codeBytes(b: Pick<RandomBlock, 'kind' | 'code'>): Uint8Array {
  if (b.kind.isa === 'a32') {
    const out = new Uint8Array(b.code.length * 4);
    const dv = new DataView(out.buffer);
    b.code.forEach((w, i) => dv.setUint32(i * 4, w, true));
    return out;
  }
  let n = 0;
  for (const w of b.code) n += w > 0xffff ? 4 : 2;
  const out = new Uint8Array(n);
  putT32(new DataView(out.buffer), 0, Array.from(b.code));
  return out;
}

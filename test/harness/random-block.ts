// One random test block: initial registers/flags/data, N random A32 instructions and the guest
// image (ELF) that loads that state in Hyp mode, ERETs to SVC (B1.9.10 ERET) and runs them.

import { A32_DECODER } from '../../emulator/decode/a32/index';
import { writeElf32 } from './random-elf';
import { A32Generator, type Roles, type Tracked, type Window } from './random-insn';
import { Prng, blockSeed } from './random-prng';

/** Fixed image layout (QEMU virt RAM starts at 0x4000_0000; test/guests/README.md boot facts). */
export const LAYOUT = {
  /** ELF entry: the prologue. */
  code: 0x4001_0000,
  /** `ldm r0, {r0-r14}` (ERET target). */
  body: 0x4001_0030,
  /** CLREX, then the random instructions: where the block state is installed directly. */
  start: 0x4001_0034,
  /** Random data window every access stays in. */
  data: 0x4008_0000,
  dataSize: 0x2000,
  /** Initial r0-r14, CPSR, SP_usr, LR_usr (18 words), outside the window. */
  state: 0x4008_2000,
} as const;

export const WINDOW: Window = { lo: LAYOUT.data, hi: LAYOUT.data + LAYOUT.dataSize };

/** SVC mode with A, I, F masked: the random code runs at PL1 like kernel code (B1.3.1). */
const CPSR_SVC_MASKED = 0x1d3;

export interface RandomBlock {
  readonly seed: number;
  readonly index: number;
  readonly roles: Roles;
  /** Initial r0-r14. */
  readonly regs: Uint32Array;
  readonly cpsr: number;
  /** User-mode SP and LR (banked; STM/LDM with ^ reach them from SVC, B1.3.2). */
  readonly userSp: number;
  readonly userLr: number;
  /** Initial content of the data window. */
  readonly data: Uint8Array;
  /** CLREX followed by the random instructions (the code at LAYOUT.start). */
  readonly code: Uint32Array;
  /** Address right after the last random instruction (where both runs stop). */
  readonly end: number;
}

let sharedGenerator: A32Generator | undefined;

/** The generator over the current A32 table (built once per process). */
export function a32Generator(): A32Generator {
  sharedGenerator ??= new A32Generator(A32_DECODER);
  return sharedGenerator;
}

const INTERESTING = [0, 1, 2, 0x7f, 0x80, 0xff, 0x7fff, 0x8000, 0xffff, 0x7fffffff, 0x80000000, 0x80000001, 0xffffffff, 0xfffffffe];

function randomValue(rng: Prng): number {
  const k = rng.below(8);
  if (k === 0) return rng.pick(INTERESTING);
  if (k === 1) return rng.below(64);
  if (k === 2) return (0x100000000 - 1 - rng.below(64)) >>> 0;
  return rng.u32();
}

/** A block from (run seed, block index), fully determined by them. */
export function generateBlock(seed: number, index: number, count: number, gen = a32Generator()): RandomBlock {
  const rng = new Prng(blockSeed(seed, index));
  // Role registers move around between blocks so every register is a destination somewhere.
  const pool = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 14];
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
  const cpsr = ((rng.bits(5) << 27) | (rng.bits(4) << 16) | CPSR_SVC_MASKED) >>> 0;
  const data = new Uint8Array(LAYOUT.dataSize);
  for (let i = 0; i < data.length; i += 4) {
    const v = randomValue(rng);
    data[i] = v & 0xff;
    data[i + 1] = (v >>> 8) & 0xff;
    data[i + 2] = (v >>> 16) & 0xff;
    data[i + 3] = v >>> 24;
  }
  const code = new Uint32Array(count + 1);
  code[0] = CLREX;
  for (let i = 1; i <= count; i++) code[i] = gen.next(rng, roles, t, WINDOW);
  return { seed, index, roles, regs, cpsr, userSp, userLr, data, code, end: LAYOUT.start + code.length * 4 };
}

const CLREX = 0xf57ff01f;

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
 * a plain MOV (Hyp shares LR with User mode; MSR LR_usr from Hyp is UNPREDICTABLE), then
 * ERET (B9.3.3) switches to SVC with every flag set at once; `ldm r0, {r0-r14}` at LAYOUT.body
 * loads the SVC registers.
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
  ];
}

const ERET = 0xe160006e;
const LDM_R0_R0_R14 = 0xe8907fff; // ldm r0, {r0-r14}

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

/** The guest image of a block: runs standalone under `qemu-system-arm -kernel` or `hypscope run`. */
export function blockElf(b: RandomBlock): Uint8Array {
  const pro = prologue();
  // The prologue is 11 words, ERET the 12th: LAYOUT.body is entry + 0x30.
  const words = [...pro, ERET, LDM_R0_R0_R14, ...b.code, ...epilogue(b.end)];
  if (LAYOUT.code + pro.length * 4 + 4 !== LAYOUT.body) throw new Error('prologue size changed');
  const code = new Uint8Array(words.length * 4);
  const cv = new DataView(code.buffer);
  words.forEach((w, i) => cv.setUint32(i * 4, w >>> 0, true));
  const state = new Uint8Array(72);
  const sv = new DataView(state.buffer);
  for (let i = 0; i < 15; i++) sv.setUint32(i * 4, b.regs[i] ?? 0, true);
  sv.setUint32(60, b.cpsr, true);
  sv.setUint32(64, b.userSp, true);
  sv.setUint32(68, b.userLr, true);
  const data = new Uint8Array(LAYOUT.dataSize + state.length);
  data.set(b.data, 0);
  data.set(state, LAYOUT.dataSize);
  return writeElf32(LAYOUT.code, [
    { addr: LAYOUT.code, data: code, flags: 5 },
    { addr: LAYOUT.data, data, flags: 6 },
  ]);
}

/** The block code as little-endian bytes (what is written at LAYOUT.start). */
export function codeBytes(b: RandomBlock): Uint8Array {
  const out = new Uint8Array(b.code.length * 4);
  const dv = new DataView(out.buffer);
  b.code.forEach((w, i) => dv.setUint32(i * 4, w, true));
  return out;
}

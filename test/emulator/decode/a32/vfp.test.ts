// VFP/Advanced SIMD disassembly: our text equals GNU objdump's, for hand-written lines (assembled with
// `.fpu neon-vfpv4`) and for pseudo-random encodings of every FP_TABLE pattern (A7 encodings).
import { describe, expect, it } from 'vitest';
import { assemble, disassembleWords, sampleEncodings } from '../../../support/objdump';
import { A32_DECODER } from '../../../../emulator/decode/a32/index';
import { FP_TABLE } from '../../../../emulator/fp/table';

const LINES = [
  'vadd.f32 s0, s1, s2', 'vaddeq.f64 d0, d17, d2', 'vsub.f32 s3, s1, s31', 'vmul.f64 d0, d1, d2', 'vnmul.f32 s0, s1, s2',
  'vdiv.f64 d0, d1, d2', 'vmla.f32 s0, s1, s2', 'vmls.f64 d0, d1, d2', 'vnmla.f32 s0, s1, s2', 'vnmls.f32 s0, s1, s2',
  'vfma.f32 s0, s1, s2', 'vfms.f64 d0, d1, d2', 'vfnma.f32 s0, s1, s2', 'vfnms.f32 s0, s1, s2', 'vabs.f32 s0, s1',
  'vneg.f64 d0, d1', 'vsqrt.f32 s0, s1', 'vmov.f32 s0, s1', 'vmov.f64 d0, d1', 'vmov.f32 s0, #1.0', 'vmov.f64 d0, #-2.5',
  'vmov.f32 s0, #0.125', 'vmov.f32 s0, #31.0', 'vcmp.f32 s0, s1', 'vcmpe.f64 d0, d1', 'vcmp.f32 s0, #0', 'vcmpe.f64 d0, #0',
  'vcvt.f64.f32 d0, s1', 'vcvt.f32.f64 s0, d1', 'vcvt.s32.f32 s0, s1', 'vcvtr.s32.f32 s0, s1', 'vcvt.u32.f64 s0, d1',
  'vcvtr.u32.f64 s0, d1', 'vcvt.f32.s32 s0, s1', 'vcvt.f64.u32 d0, s1', 'vcvt.s32.f32 s0, s0, #16', 'vcvt.u16.f64 d0, d0, #3',
  'vcvt.f32.s16 s0, s0, #1', 'vcvt.f64.u32 d0, d0, #32', 'vcvtb.f32.f16 s0, s1', 'vcvtt.f16.f32 s0, s1',
  'vcvtb.f16.f32 s0, s1', 'vcvtt.f32.f16 s0, s1', 'vldr s0, [r0]', 'vldr d0, [r0, #-8]', 'vstr s1, [sp, #1020]',
  'vldr d3, [pc, #16]', 'vldmia r0, {d0-d15}', 'vldmia r0!, {d16-d31}', 'vldmdb r0!, {s0-s3}', 'vstmia r1!, {s5}',
  'vstmdb r2!, {d0-d1}', 'vpush {d8-d15}', 'vpop {d8-d15}', 'vpush {s0-s1}', 'vstmia sp!, {d0}', 'vldmia sp!, {d0}',
  'vmov r0, s1', 'vmov s31, r2', 'vmov r0, r1, d0', 'vmov d31, r0, r1', 'vmov r0, r1, s0, s1', 'vmov s30, s31, r2, r3',
  'vmov.32 d0[1], r0', 'vmov.16 d0[3], r0', 'vmov.8 d31[7], r0', 'vmov.32 r0, d0[1]', 'vmov.s16 r0, d0[3]',
  'vmov.u8 r0, d31[7]', 'vmov.u16 r0, d1[0]', 'vdup.32 q0, r0', 'vdup.16 d0, r1', 'vdup.8 q15, r1', 'vldmiaeq r0, {d0-d15}',
  'vpushne {d8-d15}', 'vpopne {s0}', 'vldrne d0, [r0]', 'vcvteq.f64.f32 d0, s1', 'vcvtreq.s32.f32 s0, s1',
  'vmoveq r0, s1', 'vmoveq.32 d0[1], r0', 'vdupeq.8 d0, r0', 'vmoveq r0, r1, d0', 'vmoveq.f32 s0, #1.0', 'vcmpeq.f32 s0, #0',
  'vcvtbeq.f32.f16 s0, s1', 'vldr s0, [r0, #-0]', '.inst 0x0c900b21',
  // Advanced SIMD
  'vmov.i32 q4, #0', 'vmov.i8 d0, #255', 'vmov.i16 q1, #0x1200', 'vmov.i32 d2, #0x12ff', 'vmov.i32 d2, #0x12ffff',
  'vmov.i64 d3, #0xff00ff00ff00ff00', 'vmov.f32 q2, #1.0', 'vmov.f32 d2, #-0.1328125', 'vmov.f32 d2, #31.0',
  'vmvn.i32 d0, #0x12', 'vmvn.i16 q0, #0x1200', 'vorr.i32 d0, #0x12000000', 'vbic.i16 q0, #0x12', 'vand q0, q1, q2',
  'vbic d0, d1, d2', 'vorr d0, d1, d2', 'vmov q0, q1', 'vorn q0, q1, q2', 'veor d0, d1, d2', 'vbsl q0, q1, q2',
  'vbit d0, d1, d2', 'vbif d0, d1, d2', 'vadd.i8 d0, d1, d2', 'vadd.i64 q0, q1, q2', 'vsub.i16 d0, d1, d2',
  'vmul.i32 q0, q1, q2', 'vmul.p8 d0, d1, d2', 'vshl.i8 d0, d1, #7', 'vshl.i64 q0, q1, #63', 'vshr.s16 d0, d1, #16',
  'vshr.u32 q0, q1, #1', 'vshr.u64 d0, d1, #64', 'vshr.s8 d0, d1, #8', 'vext.8 d0, d1, d2, #3', 'vext.8 q0, q1, q2, #15',
  'vld1.8 {d0}, [r0]', 'vld1.16 {d0-d1}, [r0 :128]!', 'vld1.32 {d0-d2}, [r1], r2', 'vld1.64 {d0-d3}, [r1 :256]',
  'vst1.8 {d16-d19}, [r0 :64]!', 'vst1.32 {d31}, [sp]', 'vld1.64 {d2-d3}, [r3 :128], r4', 'vmov.i16 d0, #0xff',
  'vmov.i32 d0, #0xff00', 'vmov.i32 d0, #0xff0000', 'vmvn.i32 d0, #0x12ffff', 'vmov.i64 q0, #0',
];

function check(word: number, text: string, addr: number): void {
  const e = A32_DECODER.decode(word);
  expect(e, 'decodes').toBeDefined();
  expect(e!.def.dis(word, { addr })).toBe(text);
}

describe('VFP disassembly matches objdump (hand-written)', () => {
  const lines = assemble(LINES, { prelude: ['.fpu neon-vfpv4'] });
  for (const l of lines) it(`${l.word.toString(16).padStart(8, '0')} ${l.text}`, () => check(l.word, l.text, l.addr));
});

describe('FP/SIMD disassembly matches objdump (random encodings of every pattern)', () => {
  for (const def of FP_TABLE) {
    it(def.name, () => {
      const words = sampleEncodings(def.pattern, 40, 7).filter((w) => A32_DECODER.decode(w)?.def === def);
      const lines = disassembleWords(words, { prelude: ['.fpu neon-vfpv4'] });
      expect(lines.length).toBe(words.length);
      for (const l of lines) {
        if (/UNPREDICTABLE|undefined|overflow/i.test(l.comment + l.text)) continue;
        if (/[sd](3[2-9]|[4-9]\d|\d{3})\b/.test(def.dis(l.word, { addr: l.addr }))) continue; // list past d31/s31
        expect(`${l.word.toString(16)} ${def.dis(l.word, { addr: l.addr })}`).toBe(`${l.word.toString(16)} ${l.text}`);
      }
    });
  }
});

// Advanced SIMD execution through the A32 decode table. Encodings come from GNU as; every expected value is
// worked out by hand from the ARM ARM pseudocode (A8.8, A2.7.9 reciprocal estimates), not from our output.
import { describe, expect, it } from 'vitest';
import { makeCpu } from '../cpu/_vecpu';
import { Mode } from '../../../emulator/cpu/psr';
import { A32_DECODER } from '../../../emulator/decode/a32/index';
import { fpRegs } from '../../../emulator/fp/regs';
import { assemble } from '../../support/objdump';
import type { Cpu } from '../../../emulator/cpu/cpu';

const QC = 0x08000000;

function fpCpu(): Cpu {
  const cpu = makeCpu(Mode.SVC);
  cpu.sys.cpacr = 0xf00000;
  cpu.sys.fpexc = 0x40000000;
  return cpu;
}

/** Assemble and run one instruction. */
function run(cpu: Cpu, line: string): void {
  const insn = assemble([line], { prelude: ['.fpu neon-vfpv4'] })[0].word;
  const e = A32_DECODER.decode(insn);
  if (!e) throw new Error(`no decode for ${line}`);
  e.def.exec(cpu, insn);
}

/** D register as [lo, hi] words. */
const setD = (cpu: Cpu, d: number, lo: number, hi: number): void => fpRegs(cpu).setD(d, lo >>> 0, hi >>> 0);
const getD = (cpu: Cpu, d: number): number[] => [fpRegs(cpu).dLo(d), fpRegs(cpu).dHi(d)];

describe('saturating and halving arithmetic (A8.8.357, A8.8.316)', () => {
  it('VQADD.S8 clamps at +127/-128 and sets QC', () => {
    const cpu = fpCpu();
    setD(cpu, 1, 0x80_7f_10_7f, 0); setD(cpu, 2, 0xff_01_20_00, 0);
    run(cpu, 'vqadd.s8 d0, d1, d2');
    // lanes: 7f+00 = 7f; 10+20 = 30; 7f+01 = 128 -> 7f (sat); 80+ff = -129 -> 80 (sat)
    expect(getD(cpu, 0)).toEqual([0x80_7f_30_7f, 0]);
    expect(cpu.sys.fpscr & QC).toBe(QC);
  });
  it('VQADD.U64 saturates to all ones; VQSUB.U64 to zero', () => {
    const cpu = fpCpu();
    setD(cpu, 1, 0xffffffff, 0xffffffff); setD(cpu, 2, 1, 0);
    run(cpu, 'vqadd.u64 d0, d1, d2');
    expect(getD(cpu, 0)).toEqual([0xffffffff, 0xffffffff]);
    run(cpu, 'vqsub.u64 d3, d2, d1');
    expect(getD(cpu, 3)).toEqual([0, 0]);
  });
  it('VHADD/VRHADD floor and round the halved sum', () => {
    const cpu = fpCpu();
    setD(cpu, 1, 0x00_03_fd_7f, 0); setD(cpu, 2, 0x00_00_00_7f, 0);
    run(cpu, 'vhadd.s8 d0, d1, d2'); // 7f+7f = 254 -> 127; -3 -> floor(-1.5) = -2; 3 -> 1
    expect(getD(cpu, 0)[0]).toBe(0x00_01_fe_7f);
    run(cpu, 'vrhadd.s8 d0, d1, d2'); // (-3+1)>>1 = -1; (3+1)>>1 = 2
    expect(getD(cpu, 0)[0]).toBe(0x00_02_ff_7f);
  });
  it('VQDMULH.S16: 0x8000 * 0x8000 saturates; VQRDMULH.S32 rounds', () => {
    const cpu = fpCpu();
    setD(cpu, 1, 0x4000_8000, 0); setD(cpu, 2, 0x4000_8000, 0);
    run(cpu, 'vqdmulh.s16 d0, d1, d2'); // 2*2^28 >> 16 = 0x2000; 2*2^30 >> 16 = 2^15 -> 0x7fff
    expect(getD(cpu, 0)[0]).toBe(0x2000_7fff);
    expect(cpu.sys.fpscr & QC).toBe(QC);
    setD(cpu, 3, 0x40000000, 0); setD(cpu, 4, 3, 0);
    run(cpu, 'vqrdmulh.s32 d5, d3, d4'); // (2*2^30*3 + 2^31) >> 32 = 2
    expect(getD(cpu, 5)).toEqual([2, 0]);
  });
});

describe('shifts (A8.8.373, A8.8.366, A8.8.390)', () => {
  it('VRSHL.S16 by negative register amounts rounds', () => {
    const cpu = fpCpu();
    setD(cpu, 1, 0xfff9_0007, 0); // -7, 7
    setD(cpu, 2, 0xfffe_ffff, 0); // -2, -1
    run(cpu, 'vrshl.s16 d0, d1, d2'); // (7+1)>>1 = 4; (-7+2)>>2 = -2
    expect(getD(cpu, 0)[0]).toBe(0xfffe_0004);
  });
  it('VQSHRUN.S16 clamps negative values to 0 and large ones to 255', () => {
    const cpu = fpCpu();
    setD(cpu, 2, 0x7fff_ff00, 0x0010_0100); setD(cpu, 3, 0, 0);
    run(cpu, 'vqshrun.s16 d0, q1, #4'); // 0xff00 (neg) -> 0; 0x7fff>>4 = 0x7ff -> ff; 0x100>>4 = 0x10; 0x10>>4 = 1
    expect(getD(cpu, 0)).toEqual([0x0110_ff00, 0]);
    expect(cpu.sys.fpscr & QC).toBe(QC);
  });
  it('VSRI.8 keeps the top bits of the destination', () => {
    const cpu = fpCpu();
    setD(cpu, 0, 0xffffffff, 0xffffffff); setD(cpu, 1, 0x00000080, 0);
    run(cpu, 'vsri.8 d0, d1, #3'); // 0xe0 | (0x80 >> 3) = 0xf0; others 0xe0
    expect(getD(cpu, 0)).toEqual([0xe0e0e0f0, 0xe0e0e0e0]);
  });
});

describe('permutes (A8.8.427, A8.8.425, A8.8.422, A8.8.419)', () => {
  it('VZIP.8 interleaves Dd and Dm', () => {
    const cpu = fpCpu();
    setD(cpu, 0, 0x03020100, 0x07060504); setD(cpu, 1, 0x13121110, 0x17161514);
    run(cpu, 'vzip.8 d0, d1');
    expect(getD(cpu, 0)).toEqual([0x11011000, 0x13031202]);
    expect(getD(cpu, 1)).toEqual([0x15051404, 0x17071606]);
  });
  it('VUZP.16 separates even and odd elements', () => {
    const cpu = fpCpu();
    setD(cpu, 0, 0x0001_0000, 0x0003_0002); setD(cpu, 1, 0x0005_0004, 0x0007_0006);
    run(cpu, 'vuzp.16 d0, d1');
    expect(getD(cpu, 0)).toEqual([0x0002_0000, 0x0006_0004]);
    expect(getD(cpu, 1)).toEqual([0x0003_0001, 0x0007_0005]);
  });
  it('VTRN.32 on Q registers transposes each doubleword pair', () => {
    const cpu = fpCpu();
    setD(cpu, 0, 0xa0, 0xa1); setD(cpu, 1, 0xa2, 0xa3); setD(cpu, 2, 0xb0, 0xb1); setD(cpu, 3, 0xb2, 0xb3);
    run(cpu, 'vtrn.32 q0, q1');
    expect([...getD(cpu, 0), ...getD(cpu, 1), ...getD(cpu, 2), ...getD(cpu, 3)])
      .toEqual([0xa0, 0xb0, 0xa2, 0xb2, 0xa1, 0xb1, 0xa3, 0xb3]);
  });
  it('VTBL zeroes and VTBX keeps out-of-range indexes', () => {
    const cpu = fpCpu();
    setD(cpu, 2, 0x13121110, 0x17161514); setD(cpu, 3, 0x23222120, 0x27262524);
    setD(cpu, 4, 0x08ff0f00, 0x10070201); setD(cpu, 0, 0xaaaaaaaa, 0xaaaaaaaa);
    run(cpu, 'vtbx.8 d0, {d2-d3}, d4'); // idx 0 -> 10, 0f -> 27, ff -> keep, 08 -> 20; 01, 02, 07, 10 -> keep
    expect(getD(cpu, 0)).toEqual([0x20aa2710, 0xaa171211]);
    run(cpu, 'vtbl.8 d0, {d2}, d4'); // only indexes < 8 hit
    expect(getD(cpu, 0)).toEqual([0x00000010, 0x00171211]);
  });
  it('VREV64.16 and VDUP.16 scalar', () => {
    const cpu = fpCpu();
    setD(cpu, 1, 0x2222_1111, 0x4444_3333);
    run(cpu, 'vrev64.16 d0, d1');
    expect(getD(cpu, 0)).toEqual([0x3333_4444, 0x1111_2222]);
    run(cpu, 'vdup.16 q1, d1[2]');
    expect([...getD(cpu, 2), ...getD(cpu, 3)]).toEqual([0x33333333, 0x33333333, 0x33333333, 0x33333333]);
  });
  it('VMOVL.S8 sign-extends into the overlapping Q register', () => {
    const cpu = fpCpu();
    setD(cpu, 0, 0x7f80ff01, 0);
    run(cpu, 'vmovl.s8 q0, d0');
    expect([...getD(cpu, 0), ...getD(cpu, 1)]).toEqual([0xffff0001, 0x007fff80, 0, 0]);
  });
});

describe('long and polynomial multiplies (A8.8.351, A8.8.358)', () => {
  it('VMULL.P8: 0xff * 0xff carry-less is 0x5555', () => {
    const cpu = fpCpu();
    setD(cpu, 1, 0x000003ff, 0); setD(cpu, 2, 0x000003ff, 0);
    run(cpu, 'vmull.p8 q0, d1, d2'); // 3 * 3 = 0b101
    expect(getD(cpu, 0)).toEqual([0x0005_5555, 0]);
  });
  it('VMULL.U32 gives the full 64-bit product', () => {
    const cpu = fpCpu();
    setD(cpu, 1, 0xffffffff, 2); setD(cpu, 2, 0xffffffff, 3);
    run(cpu, 'vmull.u32 q0, d1, d2');
    expect([...getD(cpu, 0), ...getD(cpu, 1)]).toEqual([1, 0xfffffffe, 6, 0]);
  });
  it('VQDMLAL.S16 saturates the doubled product, then the sum', () => {
    const cpu = fpCpu();
    setD(cpu, 1, 0x8000, 0); setD(cpu, 2, 0x8000, 0); setD(cpu, 0, 1, 0);
    run(cpu, 'vqdmlal.s16 q0, d1, d2'); // 2*2^30 -> 0x7fffffff, + 1 -> 0x7fffffff
    expect(getD(cpu, 0)[0]).toBe(0x7fffffff);
    expect(cpu.sys.fpscr & QC).toBe(QC);
  });
});

describe('single precision with the Standard FPSCR (A2.7.4, A2.7.9)', () => {
  it('VRECPE.F32 1.5 and VRECPE.U32 0x80000000 follow RecipEstimate', () => {
    const cpu = fpCpu();
    // 1.5: q = 384, s = Int(256 / (384.5/512) + 0.5) = 341 -> 2^-1 * 341/256 = 0x3f2a8000
    setD(cpu, 1, 0x3fc00000, 0x80000000);
    run(cpu, 'vrecpe.f32 d0, d1');
    expect(getD(cpu, 0)[0]).toBe(0x3f2a8000);
    run(cpu, 'vrecpe.u32 d0, d1'); // q = 256: s = Int(511.0019 + 0.5) = 511 -> 511 << 23
    expect(getD(cpu, 0)).toEqual([0xffffffff, 0xff800000]);
  });
  it('VRSQRTE.F32 4.0 uses the odd-exponent table half', () => {
    const cpu = fpCpu();
    // exp 129 odd: a = 0.25, q0 = 128, s = Int(256/sqrt(128.5/512) + 0.5) = 511; exp (380-129)/2 = 125
    setD(cpu, 1, 0x40800000, 0xbf800000);
    run(cpu, 'vrsqrte.f32 d0, d1');
    expect(getD(cpu, 0)).toEqual([0x3eff8000, 0x7fc00000]); // negative -> default NaN, IOC
    expect(cpu.sys.fpscr & 1).toBe(1);
  });
  it('VMAX/VMIN.F32 of +0 and -0; denormal inputs flush (IDC)', () => {
    const cpu = fpCpu();
    setD(cpu, 1, 0x00000000, 0x00000001); setD(cpu, 2, 0x80000000, 0x80000000);
    run(cpu, 'vmax.f32 d0, d1, d2');
    expect(getD(cpu, 0)).toEqual([0, 0]);
    run(cpu, 'vmin.f32 d0, d1, d2');
    expect(getD(cpu, 0)).toEqual([0x80000000, 0x80000000]);
    expect(cpu.sys.fpscr & 0x80).toBe(0x80);
  });
  it('VCVT.S32.F32 rounds toward zero and saturates with IOC', () => {
    const cpu = fpCpu();
    setD(cpu, 1, 0xbfc00000, 0x4f32d05e); // -1.5, 3e9
    run(cpu, 'vcvt.s32.f32 d0, d1');
    expect(getD(cpu, 0)).toEqual([0xffffffff, 0x7fffffff]);
    expect(cpu.sys.fpscr & 1).toBe(1);
  });
  it('VADD.F32 flushes a denormal result to zero (UFC) and returns the default NaN', () => {
    const cpu = fpCpu();
    setD(cpu, 1, 0x00800000, 0x7f800001); setD(cpu, 2, 0x80000001, 0x3f800000);
    run(cpu, 'vsub.f32 d0, d1, d2'); // min normal - (flushed) denormal = min normal; SNaN -> default NaN
    expect(getD(cpu, 0)).toEqual([0x00800000, 0x7fc00000]);
  });
});

describe('structure loads and stores (A8.8.326, A8.8.331, A8.8.408)', () => {
  function mem(cpu: Cpu, base: number): void {
    for (let i = 0; i < 64; i++) cpu.write8(base + i, i);
  }
  it('VLD3.8 de-interleaves and writes back 24', () => {
    const cpu = fpCpu();
    mem(cpu, 0x40008000);
    cpu.r[0] = 0x40008000;
    run(cpu, 'vld3.8 {d0-d2}, [r0]!');
    expect(getD(cpu, 0)).toEqual([0x09060300, 0x15120f0c]);
    expect(getD(cpu, 1)).toEqual([0x0a070401, 0x1613100d]);
    expect(cpu.r[0]).toBe(0x40008018);
  });
  it('VLD4.16 to all lanes with register post-index', () => {
    const cpu = fpCpu();
    mem(cpu, 0x40008000);
    cpu.r[0] = 0x40008000; cpu.r[1] = 100;
    run(cpu, 'vld4.16 {d0[],d2[],d4[],d6[]}, [r0 :64], r1');
    expect(getD(cpu, 0)).toEqual([0x01000100, 0x01000100]);
    expect(getD(cpu, 6)).toEqual([0x07060706, 0x07060706]);
    expect(cpu.r[0]).toBe(0x40008064);
  });
  it('VST2.32 of one lane stores two words', () => {
    const cpu = fpCpu();
    setD(cpu, 1, 0x11111111, 0x22222222); setD(cpu, 3, 0x33333333, 0x44444444);
    cpu.r[2] = 0x40008100;
    run(cpu, 'vst2.32 {d1[1],d3[1]}, [r2]');
    expect([cpu.read32(0x40008100), cpu.read32(0x40008104)]).toEqual([0x22222222, 0x44444444]);
  });
  it('an alignment hint is checked even with SCTLR.A clear', () => {
    const cpu = fpCpu();
    cpu.r[0] = 0x40008004;
    expect(() => run(cpu, 'vld2.16 {d0-d1}, [r0 :128]')).toThrow();
  });
});

describe('UNDEFINED operand forms', () => {
  it('an odd Q register number takes the Undefined Instruction exception', () => {
    const cpu = fpCpu();
    const insn = assemble(['vqadd.s8 q0, q1, q2'], { prelude: ['.fpu neon-vfpv4'] })[0].word | (1 << 12); // Vd = d1
    A32_DECODER.decode(insn >>> 0)?.def.exec(cpu, insn >>> 0);
    expect(cpu.mode).toBe(Mode.UND);
  });
});

// FP/SIMD instruction execution through the A32 decode table: register aliasing, VLDM/VSTM transfers,
// FPSCR flag accumulation and the check order (Len/Stride, CPACR, HCPTR, FPEXC.EN). Encodings come from
// GNU as; expected values from the ARM ARM pseudocode (A8.8) and QEMU 7.2 runs of test/guests/fp/.
import { describe, expect, it } from 'vitest';
import { makeCpu } from '../cpu/_vecpu';
import { Mode } from '../../../emulator/cpu/psr';
import { A32_DECODER } from '../../../emulator/decode/a32/index';
import { fpRegs } from '../../../emulator/fp/regs';
import { assemble } from '../../support/objdump';
import type { Cpu } from '../../../emulator/cpu/cpu';

function enc(line: string): number {
  return assemble([line], { prelude: ['.fpu neon-vfpv4'] })[0].word;
}

function fpCpu(): Cpu {
  const cpu = makeCpu(Mode.SVC);
  cpu.sys.cpacr = 0xf00000;
  cpu.sys.fpexc = 0x40000000;
  return cpu;
}

function exec(cpu: Cpu, insn: number): void {
  const e = A32_DECODER.decode(insn);
  if (!e) throw new Error(`no decode for ${insn.toString(16)}`);
  e.def.exec(cpu, insn);
}

describe('register file aliasing (A2.6.1)', () => {
  it('S2n/S2n+1 are the halves of Dn; Qn is D2n:D2n+1', () => {
    const cpu = fpCpu();
    cpu.r[0] = 0x11111111; cpu.r[1] = 0x22222222;
    exec(cpu, enc('vmov d1, r0, r1'));
    exec(cpu, enc('vmov r2, s2'));
    exec(cpu, enc('vmov r3, s3'));
    expect([cpu.r[2], cpu.r[3]]).toEqual([0x11111111, 0x22222222]);
    exec(cpu, enc('vdup.32 q1, r2'));
    expect(Array.from(fpRegs(cpu).w.slice(4, 8))).toEqual([0x11111111, 0x11111111, 0x11111111, 0x11111111]);
  });
});

describe('VLDM/VSTM', () => {
  it('saves and restores all 32 D registers bit-exactly (NaN payloads included)', () => {
    const cpu = fpCpu();
    const f = fpRegs(cpu);
    for (let i = 0; i < 64; i++) f.w[i] = (0x7f800001 + i * 0x01010101) >>> 0;
    const want = Array.from(f.w);
    cpu.r[0] = 0x40008000;
    exec(cpu, enc('vstmia r0!, {d0-d15}'));
    exec(cpu, enc('vstmia r0!, {d16-d31}'));
    expect(cpu.r[0]).toBe(0x40008100);
    f.w.fill(0);
    exec(cpu, enc('vldmdb r0!, {d16-d31}'));
    exec(cpu, enc('vldmdb r0!, {d0-d15}'));
    expect(cpu.r[0]).toBe(0x40008000);
    expect(Array.from(f.w)).toEqual(want);
    expect(cpu.read32(0x40008000)).toBe(0x7f800001); // little-endian: low word first
  });
});

describe('arithmetic updates the cumulative flags only', () => {
  it('1/3 sets IXC and keeps control bits', () => {
    const cpu = fpCpu();
    cpu.sys.fpscr = 0x00c00000; // RZ
    cpu.r[0] = 0x3f800000; cpu.r[1] = 0x40400000;
    exec(cpu, enc('vmov s1, r0'));
    exec(cpu, enc('vmov s2, r1'));
    exec(cpu, enc('vdiv.f32 s0, s1, s2'));
    expect(fpRegs(cpu).w[0]).toBe(0x3eaaaaaa);
    expect(cpu.sys.fpscr).toBe(0x00c00010);
    exec(cpu, enc('vcmp.f32 s1, s2'));
    expect(cpu.sys.fpscr >>> 28).toBe(0b1000);
  });
});

describe('check order', () => {
  it('FPSCR.Len != 0 makes VADD UNDEFINED before the CPACR check, not VMOV core<->S', () => {
    const cpu = fpCpu();
    cpu.sys.fpscr = 1 << 16;
    exec(cpu, enc('vmov s0, r0'));
    expect(cpu.mode).toBe(Mode.SVC);
    exec(cpu, enc('vadd.f32 s0, s1, s2'));
    expect(cpu.mode).toBe(Mode.UND);
  });
  it('HCPTR.TCP10 traps an Advanced SIMD instruction to Hyp (EC 0x07)', () => {
    const cpu = fpCpu();
    cpu.sys.hcptr = 0x400;
    exec(cpu, enc('vadd.i32 q0, q1, q2'));
    expect(cpu.sys.hsr >>> 26).toBe(0x07);
  });
  it('FPEXC.EN = 0 makes VLDR UNDEFINED and leaves the registers alone', () => {
    const cpu = fpCpu();
    cpu.sys.fpexc = 0;
    cpu.r[0] = 0x40008000;
    exec(cpu, enc('vldmia r0!, {d0}'));
    expect(cpu.mode).toBe(Mode.UND);
    expect(cpu.r[0]).toBe(0x40008000);
  });
});

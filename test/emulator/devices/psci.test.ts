// PSCI over SMC as QEMU 7.2's virt answers (values measured by test/guests/gic/psci.c).
import { expect, test } from 'vitest';
import { Cpu } from '../../../emulator/cpu/cpu';
import { Bus } from '../../../emulator/memory/bus';
import { Psci } from '../../../emulator/devices/psci';

function call(fn: number, a1 = 0, a2 = 0, a3 = 0) {
  const cpu = new Cpu(new Bus(0x40000000, 0x10000));
  const events: string[] = [];
  const p = new Psci({
    systemOff: () => events.push('off'),
    systemReset: () => events.push('reset'),
    cpuOff: () => events.push('cpu-off'),
    waitForInterrupt: () => events.push('wfi'),
  });
  cpu.r[0] = fn; cpu.r[1] = a1; cpu.r[2] = a2; cpu.r[3] = a3;
  expect(p.call(cpu)).toBe(true);
  return { r0: cpu.r[0], r1: cpu.r[1], r2: cpu.r[2], r3: cpu.r[3], events };
}

test('PSCI_VERSION is 1.1 and only r0 changes', () => {
  expect(call(0x84000000, 0x11, 0x22, 0x33)).toEqual({ r0: 0x10001, r1: 0x11, r2: 0x22, r3: 0x33, events: [] });
});

test('PSCI_FEATURES', () => {
  for (const f of [0x84000000, 0x84000001, 0x84000002, 0x84000003, 0x84000004, 0x84000006, 0x84000008, 0x84000009, 0x8400000a, 0x95c1ba5e, 0x95c1ba5f, 0x95c1ba60]) {
    expect(call(0x8400000a, f).r0).toBe(0);
  }
  for (const f of [0x84000005, 0x84000007, 0x8400000b, 0x8400000e, 0x80000000, 0x95c1ba61, 0xc4000003, 0x12345678]) {
    expect(call(0x8400000a, f).r0).toBe(0xffffffff);
  }
});

test('single core: CPU_ON, AFFINITY_INFO, MIGRATE_INFO', () => {
  expect(call(0x84000003, 0, 0x40010000).r0).toBe(0xfffffffc); // ALREADY_ON
  expect(call(0x84000003, 1, 0x40010000).r0).toBe(0xfffffffe); // INVALID_PARAMETERS
  expect(call(0x84000003, 0x80000000).r0).toBe(0xfffffffe);
  expect(call(0x95c1ba60, 0).r0).toBe(0xfffffffc);
  expect(call(0x84000004, 0, 0).r0).toBe(0);
  expect(call(0x84000004, 0, 2).r0).toBe(0); // level ignored
  expect(call(0x84000004, 0x100).r0).toBe(0xfffffffe);
  expect(call(0x84000006).r0).toBe(2);
  expect(call(0x84000007).r0).toBe(0xffffffff);
  expect(call(0x84000005).r0).toBe(0xffffffff);
});

test('unknown and SMC64 IDs return NOT_SUPPORTED', () => {
  expect(call(0x12345678, 0x44, 0x55, 0x66)).toEqual({ r0: 0xffffffff, r1: 0x44, r2: 0x55, r3: 0x66, events: [] });
  expect(call(0xc4000003).r0).toBe(0xffffffff);
  expect(call(0x80000000).r0).toBe(0xffffffff);
});

test('power management calls reach the machine', () => {
  expect(call(0x84000008).events).toEqual(['off']);
  expect(call(0x84000009).events).toEqual(['reset']);
  expect(call(0x84000002).events).toEqual(['cpu-off']);
  expect(call(0x84000001, 0)).toMatchObject({ r0: 0, events: ['wfi'] });
  expect(call(0x84000001, 0xfffe0000)).toMatchObject({ r0: 0xfffffffe, events: [] });
});

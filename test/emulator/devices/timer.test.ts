// Generic timer (ARM ARM B8.1/B8.2): condition CVAL <= count as unsigned 64-bit, TVAL as the signed
// 32-bit view, IMASK/ENABLE on the output line, CNTVOFF, and timed events on the deterministic clock.
import { describe, expect, test } from 'vitest';
import { Cpu } from '../../../emulator/cpu/cpu';
import { Bus } from '../../../emulator/memory/bus';
import { Clock } from '../../../emulator/board/clock';
import { GenericTimer } from '../../../emulator/devices/timer';
import { TimerId } from '../../../emulator/sysregs/timer-hooks';

function setup(now = 1000) {
  const cpu = new Cpu(new Bus(0x40000000, 0x10000));
  const clock = new Clock(cpu);
  cpu.icount = now;
  const lines = [false, false, false];
  const t = new GenericTimer(cpu, clock, (id, l) => { lines[id] = l; });
  t.reset();
  return { cpu, clock, t, lines };
}

describe('generic timer', () => {
  test('TVAL write sets CVAL = count + signed TVAL; TVAL reads the signed 32-bit difference', () => {
    const { cpu, t } = setup();
    t.writeTval(cpu, TimerId.Phys, 500);
    expect(t.readCval(cpu, TimerId.Phys)).toBe(1500);
    t.writeTval(cpu, TimerId.Phys, 0xfffffe0c); // -500
    expect(t.readCval(cpu, TimerId.Phys)).toBe(500);
    expect(t.readTval(cpu, TimerId.Phys)).toBe(0xfffffe0c);
    t.writeCval(cpu, TimerId.Phys, 1007, 1);
    expect(t.readTval(cpu, TimerId.Phys)).toBe(7); // only the low 32 bits
  });

  test('condition is an unsigned 64-bit compare; ISTATUS only while enabled', () => {
    const { cpu, t, lines } = setup();
    t.writeCval(cpu, TimerId.Phys, 0, 0x100);
    t.writeCtl(cpu, TimerId.Phys, 1);
    expect(t.readCtl(cpu, TimerId.Phys)).toBe(1);
    t.writeCval(cpu, TimerId.Phys, 1000, 0);
    expect(t.readCtl(cpu, TimerId.Phys)).toBe(5);
    expect(lines[TimerId.Phys]).toBe(true);
    t.writeCtl(cpu, TimerId.Phys, 3);
    expect(t.readCtl(cpu, TimerId.Phys)).toBe(7);
    expect(lines[TimerId.Phys]).toBe(false);
    t.writeCtl(cpu, TimerId.Phys, 0xffffffff);
    expect(t.readCtl(cpu, TimerId.Phys)).toBe(7); // ISTATUS is read-only
    t.writeCtl(cpu, TimerId.Phys, 0);
    expect(t.readCtl(cpu, TimerId.Phys)).toBe(0);
  });

  test('virtual timer counts CNTPCT - CNTVOFF', () => {
    const { cpu, t, lines } = setup();
    t.writeCntvoff(cpu, 400, 0);
    t.writeTval(cpu, TimerId.Virt, 100);
    expect(t.readCval(cpu, TimerId.Virt)).toBe(700);
    t.writeCtl(cpu, TimerId.Virt, 1);
    expect(lines[TimerId.Virt]).toBe(false);
    t.writeCntvoff(cpu, 300, 0); // virtual count jumps to 700: condition met
    expect(lines[TimerId.Virt]).toBe(true);
  });

  test('a clock event raises the line when the counter reaches CVAL', () => {
    const { cpu, clock, t, lines } = setup();
    t.writeTval(cpu, TimerId.Hyp, 250);
    t.writeCtl(cpu, TimerId.Hyp, 1);
    expect(clock.nextEventAt()).toBe(1250);
    cpu.icount = 1249;
    clock.runDue();
    expect(lines[TimerId.Hyp]).toBe(false);
    cpu.icount = 1250;
    clock.runDue();
    expect(lines[TimerId.Hyp]).toBe(true);
    expect(clock.nextEventAt()).toBe(Infinity);
  });

  test('disabled timers arm no event; masked ones arm one for the ISTATUS change (a WFE wakes there)', () => {
    const { cpu, clock, t } = setup();
    t.writeTval(cpu, TimerId.Phys, 250);
    t.writeCtl(cpu, TimerId.Phys, 3);
    expect(clock.nextEventAt()).toBe(1250);
    t.writeCtl(cpu, TimerId.Phys, 1);
    expect(clock.nextEventAt()).toBe(1250);
    t.writeCtl(cpu, TimerId.Phys, 0);
    expect(clock.nextEventAt()).toBe(Infinity);
  });

  // B8.1.2/B8.1.3: every count and compare value is an unsigned 64-bit quantity; a JS number would
  // round all-ones to 2^64 and read back 0 (QEMU reads back 0xFFFFFFFF_FFFFFFFF: test/guests/ve/reg_masks).
  test('CVAL and CNTVOFF keep all 64 bits', () => {
    const { cpu, t } = setup();
    t.writeCval(cpu, TimerId.Virt, 0xffffffff, 0xffffffff);
    expect([t.readCval(cpu, TimerId.Virt), t.readCvalHi(cpu, TimerId.Virt)]).toEqual([0xffffffff, 0xffffffff]);
    t.writeCntvoff(cpu, 0xffffffff, 0xffffffff);
    expect([t.readCntvoff(), t.readCntvoffHi()]).toEqual([0xffffffff, 0xffffffff]);
    t.writeCval(cpu, TimerId.Phys, 0x00000001, 0x80000000);
    expect([t.readCval(cpu, TimerId.Phys), t.readCvalHi(cpu, TimerId.Phys)]).toEqual([1, 0x80000000]);
  });

  test('virtual count wraps modulo 2^64 when CNTVOFF > CNTPCT; compare stays unsigned', () => {
    const { cpu, t, lines } = setup(1000);
    t.writeCntvoff(cpu, 1001, 0); // CNTVCT = 1000 - 1001 = 0xFFFFFFFF_FFFFFFFF
    t.writeCval(cpu, TimerId.Virt, 0xfffffffe, 0xffffffff);
    t.writeCtl(cpu, TimerId.Virt, 1);
    expect(t.readCtl(cpu, TimerId.Virt)).toBe(5); // 0xFFFF..FF >= 0xFFFF..FE
    expect(lines[TimerId.Virt]).toBe(true);
    expect(t.readTval(cpu, TimerId.Virt)).toBe(0xffffffff); // -1
    t.writeCval(cpu, TimerId.Virt, 0, 0x80000000); // large positive: a signed compare would say met
    t.writeCval(cpu, TimerId.Phys, 0, 0x80000000);
    t.writeCtl(cpu, TimerId.Phys, 1);
    expect(t.readCtl(cpu, TimerId.Phys)).toBe(1);
  });

  test('TVAL write with a negative value borrows into the high word', () => {
    const { cpu, t } = setup(10);
    t.writeTval(cpu, TimerId.Phys, 0xffffff00); // -256: CVAL = 10 - 256 mod 2^64
    expect([t.readCval(cpu, TimerId.Phys), t.readCvalHi(cpu, TimerId.Phys)]).toEqual([0xffffff0a, 0xffffffff]);
    expect(t.readTval(cpu, TimerId.Phys)).toBe(0xffffff00);
    t.writeCtl(cpu, TimerId.Phys, 1);
    expect(t.readCtl(cpu, TimerId.Phys)).toBe(1); // CVAL is huge unsigned: not met
  });

  test('an event is armed CVAL - CNTVCT ticks ahead for the virtual timer', () => {
    const { cpu, clock, t } = setup(1000);
    t.writeCntvoff(cpu, 0xfffffc18, 0xffffffff); // CNTVOFF = -1000: CNTVCT = 2000
    t.writeCval(cpu, TimerId.Virt, 2500, 0);
    t.writeCtl(cpu, TimerId.Virt, 1);
    expect(clock.nextEventAt()).toBe(1500);
  });
});

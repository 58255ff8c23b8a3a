/**
 * Self-tests of the QEMU side of the differential harness: QEMU runs guests
 * with the expected UART text / exit code / exception log (checked by hand
 * once, see test/guests/README.md), and the gdb remote client steps QEMU.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { compareRuns } from './compare';
import { startQemuGdb } from './gdbremote';
import { parseTrace } from './hypscope';
import { parseQemuLog, runQemu, v7HsrFromSyndrome } from './qemu';
import { findRepoRoot } from './types';

const root = findRepoRoot();
const guests = join(root, 'test', 'guests');
const elf = (name: string): string => join(guests, 'build', `${name}.elf`);

/** Address of an ELF symbol (via arm-none-eabi-nm). */
function symbol(path: string, name: string): number {
  const out = execFileSync('arm-none-eabi-nm', [path], { encoding: 'utf8' });
  const m = new RegExp(`^([0-9a-f]{8}) \\w ${name}$`, 'm').exec(out);
  if (m === null) throw new Error(`symbol ${name} not in ${path}`);
  return Number.parseInt(m[1] ?? '', 16);
}
const h = (v: number): string => '0x' + v.toString(16).padStart(8, '0');

beforeAll(() => {
  execFileSync('make', ['-s', '-C', guests], { stdio: 'inherit' });
}, 120_000);

describe('QEMU runner', () => {
  test('hello: boot facts, UART text and exit code', async () => {
    const r = await runQemu(elf('a32/hello'));
    expect(r.timedOut).toBe(false);
    expect(r.exitCode).toBe(7);
    expect(r.uart).toBe(
      'hello from svc mode\n' +
        'cpsr=600001d3\n' +
        'midr=414fc0f0 mpidr=80000000 cntfrq=03b9aca0\n' +
        `sctlr=00c50078 vbar=${symbol(elf('a32/hello'), 'pl1_vectors').toString(16)}\n` +
        'dec: -42 4000000000 0 abc 0000BEEF 123456789abcdef\n',
    );
    expect(r.exceptions).toEqual([]);
    expect(r.returns).toEqual([{ from: 'hyp', to: 'svc', pc: expect.stringMatching(/^0x4001/) }]);
  }, 20_000);

  test('exc_pl1: PL1 exception sequence parsed from -d int,cpu', async () => {
    const r = await runQemu(elf('a32/exc_pl1'));
    expect(r.exitCode).toBe(0);
    expect(r.uart).toContain('exceptions: 8\n');
    const kinds = r.exceptions.map((e) => `${e.kind}:${e.from}->${e.to}`);
    expect(kinds).toEqual([
      'svc:svc->svc', 'svc:svc->svc', 'undefined:svc->und', 'undefined:svc->und',
      'prefetch-abort:svc->abt', 'data-abort:svc->abt', 'data-abort:svc->abt', 'data-abort:svc->abt',
    ]);
    // Vectors are VBAR + offset; pc values match what the guest printed.
    const vbar = symbol(elf('a32/exc_pl1'), 'pl1_vectors');
    expect(r.exceptions.map((e) => e.vector)).toEqual([8, 8, 4, 4, 0xc, 0x10, 0x10, 0x10].map((o) => h(vbar + o)));
    for (const e of r.exceptions) expect(e.pc).toMatch(/^0x4001[0-9a-f]{4}$/);
    // The guest prints lr; pc (preferred return) = lr for SVC, lr-4 UNDEF/BKPT, lr-8 data abort.
    const lrs = [...r.uart.matchAll(/lr=([0-9a-f]{8})/g)].map((m) => Number.parseInt(m[1] ?? '', 16));
    const adj = [0, 0, 4, 4, 4, 8, 8, 8];
    expect(r.exceptions.map((e) => Number.parseInt((e.pc ?? '').slice(2), 16))).toEqual(lrs.map((l, i) => l - (adj[i] ?? 0)));
    expect(r.exceptions[5]?.extra?.dfsr).toBe('0x00000001');
  }, 20_000);

  test('ve/hyp_exc: Hyp entries with v7 HSR values', async () => {
    const r = await runQemu(elf('ve/hyp_exc'));
    expect(r.exitCode).toBe(0);
    const got = r.exceptions.map((e) => `${e.kind}:${e.from}->${e.to}:${e.hsr ?? ''}:${e.vector ?? ''}`);
    const hvbar = symbol(elf('ve/hyp_exc'), 'hyp_vectors');
    expect(got).toEqual([
      `hvc:hyp->hyp:0x4a000042:${h(hvbar + 0x08)}`,
      // QEMU 7.2 takes SVC executed in Hyp mode to HVBAR+0x08 (not 0x14).
      `svc:hyp->hyp:0x46000099:${h(hvbar + 0x08)}`,
      `undefined:hyp->hyp:0x00000000:${h(hvbar + 0x04)}`,
      `data-abort:hyp->hyp:0x94000021:${h(hvbar + 0x10)}`,
      `hvc:svc->hyp:0x4a001234:${h(hvbar + 0x14)}`,
      `smc:svc->hyp:0x4e000000:${h(hvbar + 0x14)}`,
      `hyp-trap:svc->hyp:0x0fe00461:${h(hvbar + 0x14)}`,
      `hyp-trap:svc->hyp:0x07e00000:${h(hvbar + 0x14)}`,
      `hvc:svc->hyp:0x4a00ffff:${h(hvbar + 0x14)}`,
    ]);
    // The HSR values the guest read itself agree with the parsed log.
    const printed = [...r.uart.matchAll(/hsr=([0-9a-f]{8})/g)].map((m) => `0x${m[1] ?? ''}`);
    expect(r.exceptions.slice(0, printed.length).map((e) => e.hsr)).toEqual(printed);
  }, 20_000);

  test('timeout kills a guest that never exits', async () => {
    const r = await runQemu(elf('a32/hello'), { extraArgs: ['-S'], timeoutMs: 500 });
    expect(r.timedOut).toBe(true);
    expect(r.exitCode).toBeNull();
  });
});

describe('log and trace parsing', () => {
  test('parseQemuLog without cpu blocks falls back to ELs', () => {
    const log = [
      'Taking exception 11 [Hypervisor Call] on CPU 0',
      '...from EL1 to EL2',
      '...with ESR 0x12/0x4a000010',
      'Taking exception 16 [Semihosting call] on CPU 0',
      '...from EL1 to EL1',
      '...handling as semihosting call 0x20',
      'Taking exception 4 [Data Abort] on CPU 0',
      '...from EL1 to EL2',
      '...with ESR 0x24/0x92000007',
      '...with HDFAR 0x1000 HPFAR 0x10',
      'Exception return from AArch32 hyp to svc PC 0x40010008',
    ].join('\n');
    const p = parseQemuLog(log);
    expect(p.exceptions).toEqual([
      { kind: 'hvc', from: 'el1', to: 'hyp', hsr: '0x4a000010', extra: { qemuName: 'Hypervisor Call', esr: '0x4a000010', qemuIndex: 11 } },
      {
        kind: 'data-abort', from: 'el1', to: 'hyp', hsr: '0x90000007',
        extra: { qemuName: 'Data Abort', esr: '0x92000007', qemuIndex: 4, hdfar: '0x00001000', hpfar: '0x00000010' },
      },
    ]);
    expect(p.returns).toEqual([{ from: 'hyp', to: 'svc', pc: '0x40010008' }]);
  });

  test('v7 HSR IL squash', () => {
    expect(v7HsrFromSyndrome(0x96000021)).toBe(0x94000021);
    expect(v7HsrFromSyndrome(0x93800007)).toBe(0x93800007); // ISV set: IL kept
    expect(v7HsrFromSyndrome(0x02000000)).toBe(0);
    expect(v7HsrFromSyndrome(0x4a000001)).toBe(0x4a000001);
  });

  test('compare reports the first divergence of each channel', () => {
    const base = {
      engine: 'qemu', elf: 'x.elf', uart: 'a\nb\nc\n', exitCode: 0, timedOut: false, returns: [], stderr: '', durationMs: 1,
      exceptions: parseTrace('{"kind":"svc","from":"svc","to":"svc","pc":"0x40010004","vector":"0x40010028"}\n'),
    };
    const same = compareRuns(base, { ...base, engine: 'hypscope' });
    expect(same.equal).toBe(true);
    const other = {
      ...base, engine: 'hypscope', uart: 'a\nB\nc\n', exitCode: 3,
      exceptions: parseTrace('{"kind":"svc","from":"svc","to":"svc","pc":"0x40010008","vector":"0x40010028"}\n'),
    };
    const d = compareRuns(base, other);
    expect(d.equal).toBe(false);
    expect(d.divergences.map((x) => x.channel)).toEqual(['uart', 'exit', 'exceptions']);
    expect(d.report).toContain('line 2');
    expect(d.report).toContain('exception #0 differs: pc 0x40010004 != 0x40010008');
    // Kind naming may differ for Hyp entries: HSR.EC decides.
    const hq = { ...base, exceptions: parseTrace('{"kind":"hyp-trap","from":"el1","to":"hyp","hsr":"0x4a000001"}') };
    const hh = { ...base, exceptions: parseTrace('{"kind":"hvc","from":"svc","to":"hyp","hsr":"0x4a000001","pc":"0x1"}') };
    expect(compareRuns(hq, hh).equal).toBe(true);
  });
});

describe('gdb remote client', () => {
  test('reads boot registers, single-steps, reads/writes memory and registers', async () => {
    const path = elf('a32/hello');
    expect(existsSync(path)).toBe(true);
    const s = await startQemuGdb(path);
    try {
      const g = s.gdb;
      expect(g.regNumber('cpsr')).toBe(25);
      const regs = await g.readCoreRegs();
      expect(regs.r[15]).toBe(0x40010000);
      expect(regs.cpsr).toBe(0x400001da);
      expect(regs.r.slice(0, 15)).toEqual(new Array<number>(15).fill(0));
      expect(await g.readRegister(25)).toBe(0x400001dan);
      expect(await g.readRegisterByName('MIDR')).toBe(0x414fc0f0n);
      // First instruction of crt0 is `mrs r4, cpsr`.
      expect(await g.readWord(0x40010000)).toBe(0xe10f4000);
      const st = await g.step();
      expect(st.signal).toBe(5);
      const after = await g.readCoreRegs();
      expect(after.r[15]).toBe(0x40010004);
      expect(after.r[4]).toBe(0x400001da);
      await g.writeRegister(6, 0x12345678);
      expect((await g.readCoreRegs()).r[6]).toBe(0x12345678);
      await g.writeRegister(6, 0);
      await g.writeMemory(0x40000000, Buffer.from([1, 2, 3, 4]));
      expect(await g.readWord(0x40000000)).toBe(0x04030201);
      // Step through the Hyp->SVC drop: ERET lands in SVC mode.
      let cpsr = after.cpsr;
      for (let i = 0; i < 200 && (cpsr & 0x1f) === 0x1a; i++) {
        await g.step();
        cpsr = (await g.readCoreRegs()).cpsr;
      }
      expect(cpsr & 0x1f).toBe(0x13);
    } finally {
      await s.close();
    }
  }, 20_000);
});

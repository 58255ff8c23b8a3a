// Debugging inside the toy hypervisor's handlers through a real DAP client: 64-bit system registers
// and HSR's ISS fields in expressions, call stacks that end at the exception frame and at the bottom
// of a stack, line breakpoints bound like gdb, and literal pools shown as data like objdump.

import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DebugClient } from '@vscode/debugadapter-testsupport';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { buildAll, children, cont, launch, nmAddress, ROOT, scopeVars, startClient, stopped, topFrame } from './harness';

const TOY = path.join(ROOT, 'examples/toy-hypervisor/toy-hypervisor.elf');
const THUMB = path.join(ROOT, 'examples/toy-hypervisor/toy-hypervisor-thumb.elf');
const TRAPS = path.join(ROOT, 'examples/toy-hypervisor/hyp/traps.c');
const hex = (v: number): string => `0x${v.toString(16)}`;

function byName(vs: DebugProtocol.Variable[], n: string): DebugProtocol.Variable {
  const v = vs.find((x) => x.name === n);
  if (!v) throw new Error(`no variable ${n} in ${vs.map((x) => x.name).join(',')}`);
  return v;
}

/** objdump -d: address -> text (comments and <sym> annotations removed), data lines included. */
function objdump(elf: string): Map<number, string> {
  const out = execFileSync('arm-none-eabi-objdump', ['-d', elf], { encoding: 'utf8' });
  const map = new Map<number, string>();
  for (const l of out.split('\n')) {
    const m = /^\s*([0-9a-f]+):\t[0-9a-f ]+\t(.*)$/.exec(l);
    if (m) map.set(parseInt(m[1], 16), m[2].replace(/\s*[@;].*$/, '').replace(/\s*<[^>]*>/, '').trim());
    // A sized object in a code section (a static table) is dumped 16 bytes a line, in words.
    const d = /^\s*([0-9a-f]+):\t((?:[0-9a-f]{8} ){1,4}) *[^\t]*$/.exec(l);
    if (!m && d) d[2].trim().split(' ').forEach((w, i) => map.set(parseInt(d[1], 16) + 4 * i, `.word\t0x${w}`));
  }
  return map;
}

/** is_stmt addresses of file:line from GNU objdump --dwarf=decodedline (not our DWARF reader). */
function stmtAddresses(elf: string, file: string, line: number): number[] {
  const txt = execFileSync('arm-none-eabi-objdump', ['--dwarf=decodedline', elf], { encoding: 'utf8' });
  const out: number[] = [];
  for (const l of txt.split('\n')) {
    const m = /^(\S+)\s+(\d+)\s+0x([0-9a-f]+)(?:\s+\d+)?\s+x\s*$/.exec(l);
    if (m && m[1] === file && Number(m[2]) === line) out.push(parseInt(m[3], 16));
  }
  return out;
}

/** Value of an evaluate result "0x.. (n)" as a bigint. */
const val = (r: string): bigint => BigInt(/^(0x[0-9a-f]+)/.exec(r)![1]);

describe('debugging the toy hypervisor\'s handlers', () => {
  let dc: DebugClient;
  beforeAll(() => buildAll());
  beforeEach(async () => { dc = await startClient(); });
  afterEach(async () => { await dc.stop(); });

  const ev = (e: string, context = 'watch'): Promise<string> => dc.evaluateRequest({ expression: e, context }).then((r) => r.body.result);

  it('64-bit system registers evaluate exactly, fields in the high word included', async () => {
    await launch(dc, TOY, { setup: (c) => c.setFunctionBreakpointsRequest({ breakpoints: [{ name: 'mmio_emulate' }] }) });
    await stopped(dc);
    // stage2.c: write_vttbr(((u64)1 << 48) | (u32)s2_l1): VMID [55:48] = 1, BADDR = s2_l1 (B4.1.160).
    const l1 = nmAddress(TOY, 's2_l1');
    expect(await ev('VTTBR.VMID')).toBe('0x1 (1)');
    expect(await ev('vttbr.vmid == 1')).toBe('0x1 (1)');
    expect(val(await ev('VTTBR.BADDR'))).toBe(BigInt(l1));
    expect(val(await ev('VTTBR'))).toBe((1n << 48n) | BigInt(l1));
    expect(await ev('(VTTBR >> 48) & 0xff')).toBe('0x1 (1)');
    expect(await ev(`VTTBR == 0x${((1n << 48n) | BigInt(l1)).toString(16)}`)).toBe('0x1 (1)');
    // A breakpoint condition on a high-word field.
    await dc.setFunctionBreakpointsRequest({ breakpoints: [{ name: 'mmio_emulate', condition: 'VTTBR.VMID == 1 && HSR.WnR == 1' }] });
    await cont(dc);
    expect(await ev('HSR.WnR')).toBe('0x1 (1)');
    // The virtual count is the physical count minus CNTVOFF (B8.1.2), all 64 bits, at one instant.
    expect(await ev('CNTVCT + CNTVOFF == CNTPCT')).toBe('0x1 (1)');
    expect(val(await ev('CNTPCT'))).toBeGreaterThan(0n);
    // TTBR0 in its LPAE form once TTBCR.EAE = 1 (B4.1.154): ASID in [55:48].
    const guestRegs = await scopeVars(dc, (await topFrame(dc)).id, 'Guest System Registers');
    const scope = (await dc.scopesRequest({ frameId: (await topFrame(dc)).id })).body.scopes.find((s) => s.name === 'Guest System Registers')!;
    expect(byName(guestRegs, 'TTBR0_64')).toBeDefined();
    await dc.setVariableRequest({ variablesReference: scope.variablesReference, name: 'TTBR0_64', value: '0x00ab000040008000' });
    expect(await ev('TTBR0')).toBe('0x40008000'); // EAE = 0: the 32-bit view
    await dc.setVariableRequest({ variablesReference: scope.variablesReference, name: 'TTBCR', value: '0x80000000' });
    expect(val(await ev('TTBR0'))).toBe(0x00ab000040008000n);
    expect(await ev('TTBR0.ASID')).toBe('0xab (171)');
    expect(val(await ev('TTBR0.BADDR'))).toBe(0x40008000n);
  });

  it('HSR.<field> names the ISS fields of the EC it holds, in evaluate, watch and the Variables view', async () => {
    await launch(dc, TOY, { setup: (c) => c.setFunctionBreakpointsRequest({ breakpoints: [{ name: 'mmio_emulate' }] }) });
    await stopped(dc);
    // The data abort ISS (B3.13.6): ISV [24], SAS [23:22], SRT [19:16], WnR [6], DFSC [5:0].
    const hsr = Number(val(await ev('HSR')));
    expect(hsr >>> 26).toBe(0x24);
    const bits = (lsb: number, w: number): string => { const x = (hsr >>> lsb) & ((1 << w) - 1); return `${hex(x)} (${x})`; };
    expect(await ev('HSR.EC')).toBe(bits(26, 6));
    expect(await ev('HSR.ISV')).toBe(bits(24, 1));
    expect(await ev('HSR.SAS')).toBe(bits(22, 2));
    expect(await ev('HSR.SRT')).toBe(bits(16, 4));
    expect(await ev('hsr.srt', 'hover')).toBe(bits(16, 4));
    expect(await ev('HSR.WnR', 'repl')).toBe(bits(6, 1));
    expect(await ev('HSR.DFSC')).toBe(bits(0, 6));
    expect(await ev('HSR.DFSC')).toBe('0x6 (6)'); // translation fault, level 2 (the tutorial's table)
    await expect(ev('HSR.Opc1')).rejects.toThrow(/EC 0x24/);
    const f = await topFrame(dc);
    const hsrVar = byName(await scopeVars(dc, f.id, 'Hyp System Registers'), 'HSR');
    const fields = await children(dc, hsrVar);
    expect(byName(fields, 'EC').value).toBe('0x24');
    expect(byName(fields, 'SRT').value).toBe(hex((hsr >>> 16) & 15));
    expect(byName(fields, 'WnR').value).toMatch(/^0x0 \(read\)$/);
    expect(byName(fields, 'DFSC').value).toMatch(/^0x6 \(translation fault, level 2\)$/);
    expect(byName(fields, 'SRT').evaluateName).toBe('HSR.SRT');

    // A trapped MCR/MRC (EC 0x03): Opc2 [19:17], Opc1 [16:14], CRn [13:10], Rt [8:5], CRm [4:1].
    await dc.setFunctionBreakpointsRequest({ breakpoints: [{ name: 'hyp_trap', condition: 'HSR.EC == 3' }] });
    await cont(dc);
    const mcr = Number(val(await ev('HSR')));
    expect(mcr >>> 26).toBe(3);
    const b = (lsb: number, w: number): string => { const x = (mcr >>> lsb) & ((1 << w) - 1); return `${hex(x)} (${x})`; };
    expect(await ev('HSR.Opc2')).toBe(b(17, 3));
    expect(await ev('HSR.Opc1')).toBe(b(14, 3));
    expect(await ev('HSR.CRn')).toBe(b(10, 4));
    expect(await ev('HSR.Rt')).toBe(b(5, 4));
    expect(await ev('HSR.CRm')).toBe(b(1, 4));
    await expect(ev('HSR.SRT')).rejects.toThrow(/no field 'SRT' for EC 0x3/);
  });

  it('the call stack in a Hyp handler ends at the exception frame and at the bottom of each stack', async () => {
    await launch(dc, TOY, { setup: (c) => c.setFunctionBreakpointsRequest({ breakpoints: [{ name: 'mmio_emulate' }] }) });
    await stopped(dc);
    const syms = execFileSync('arm-none-eabi-nm', ['-S', '--defined-only', TOY], { encoding: 'utf8' });
    const text = [...syms.matchAll(/^([0-9a-f]+) (?:([0-9a-f]+) )?[tT] (\w+)$/gm)]
      .map((m) => ({ start: parseInt(m[1], 16), size: m[2] ? parseInt(m[2], 16) : 0 }))
      .sort((a, b) => a.start - b.start);
    // In a function: the nearest code symbol at or below pc covers it (a label of size 0 counts).
    const inFunction = (pc: number): boolean => {
      const below = text.filter((x) => x.start <= pc);
      const s = below[below.length - 1];
      return s !== undefined && (s.size === 0 || pc < s.start + s.size);
    };
    for (let stop = 0; stop < 3; stop++) {
      if (stop > 0) await cont(dc);
      const st = (await dc.stackTraceRequest({ threadId: 1 })).body.stackFrames;
      const names = st.map((f) => f.name);
      expect(names[0]).toBe('mmio_emulate');
      expect(names[1]).toMatch(/^hyp_trap\+0x/);
      expect(names[2]).toBe('hyp_trap_entry+0x18');
      // Right below the stub that saved {r0-r12, lr} and {elr, spsr}: the trap, then the guest.
      expect(names[3]).toMatch(/^trap from SVC: Stage-2 Data abort/);
      expect(names.join(' ')).not.toMatch(/hyp_main|hyp_entry\+|hyp_stack_top/);
      expect(names[4]).toMatch(/^kernel_main\+0x/);
      expect(Number(st[4].instructionPointerReference)).toBe(Number(val(await ev('ELR_hyp'))));
      // Every frame below the trap is a real return address inside a function of the guest.
      for (const f of st.slice(4)) {
        const pc = Number(f.instructionPointerReference);
        expect(inFunction(pc), `${f.name} at ${hex(pc)}`).toBe(true);
      }
    }
  });

  it('a line breakpoint binds where gdb does: traps.c:90 to its first is_stmt address', async () => {
    const want = stmtAddresses(TOY, 'traps.c', 90);
    expect(want.length).toBeGreaterThan(0); // line 90 has code of its own
    let bp: DebugProtocol.Breakpoint | undefined;
    await launch(dc, TOY, { setup: async (c) => { bp = (await c.setBreakpointsRequest({ source: { path: TRAPS }, breakpoints: [{ line: 90 }] })).body.breakpoints[0]; } });
    expect(bp!.verified).toBe(true);
    expect(bp!.line).toBe(90);
    expect(Number(bp!.instructionReference)).toBe(Math.min(...want));
    const ev0 = await stopped(dc);
    expect(ev0.body.reason).toBe('breakpoint');
    const f = await topFrame(dc);
    expect(f.line).toBe(90);
    expect(Number(f.instructionPointerReference)).toBe(Math.min(...want));
  });

  it('disassembles literal pools as data and picks A32 or T32 by the mapping symbols, like objdump', async () => {
    for (const elf of [TOY, THUMB]) {
      await launch(dc, elf, { stopOnEntry: true });
      await stopped(dc);
      const ref = objdump(elf);
      // From the Hyp entry: the A32 vectors and stubs, their literal pool, bad_msg's bytes, then
      // (in the Thumb build) T32 C code with its own pools and TBB tables.
      const start = nmAddress(elf, 'hyp_entry') & ~1;
      const ins = (await dc.disassembleRequest({ memoryReference: hex(start), instructionCount: 400 })).body!.instructions;
      let data = 0;
      for (const i of ins) {
        const a = Number(i.address);
        const want = ref.get(a);
        expect(want, `objdump has no line at ${hex(a)} (we show ${i.instruction})`).toBeDefined();
        expect(`${hex(a)}: ${i.instruction.replace(/\s*[@;].*$/, '').replace(/\s*<[^>]*>/, '').trim()}`).toBe(`${hex(a)}: ${want}`);
        if (/^\.(word|short|byte)\t/.test(want!)) data++;
      }
      expect(data).toBeGreaterThan(10);
      await dc.stop();
      dc = await startClient();
    }
  });
});

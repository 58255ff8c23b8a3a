// Scopes, system-register fields, setVariable, evaluate, memory and disassembly through a real
// DAP client; expected values are what the guest printed on its UART and what objdump prints.

import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import type { DebugClient } from '@vscode/debugadapter-testsupport';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { buildAll, children, collectOutput, guest, launch, nmAddress, scopeVars, startClient, stopped, topFrame } from './harness';

const ELF = guest('dap/traps.elf');

function byName(vs: DebugProtocol.Variable[], n: string): DebugProtocol.Variable {
  const v = vs.find((x) => x.name === n);
  if (!v) throw new Error(`no variable ${n} in ${vs.map((x) => x.name).join(',')}`);
  return v;
}

describe('state', () => {
  let dc: DebugClient;
  let out: { text: string };
  beforeAll(() => buildAll());
  beforeEach(async () => {
    dc = await startClient();
    out = collectOutput(dc);
    await launch(dc, ELF, { setup: (c) => c.setFunctionBreakpointsRequest({ breakpoints: [{ name: 'checkpoint' }] }) });
    await stopped(dc);
  });
  afterEach(async () => { await dc.stop(); });

  it('Hyp and guest system registers match what the guest printed, with named fields', async () => {
    const m = /HCR=([0-9a-f]{8}) HSTR=([0-9a-f]{8}) VTTBR=([0-9a-f]{16}) HVBAR=([0-9a-f]{8}) SCTLR=([0-9a-f]{8})/.exec(out.text);
    expect(m).not.toBeNull();
    const f = await topFrame(dc);
    const hyp = await scopeVars(dc, f.id, 'Hyp System Registers');
    expect(byName(hyp, 'HCR').value).toBe(`0x${m![1]}`);
    expect(byName(hyp, 'HSTR').value).toBe(`0x${m![2]}`);
    expect(byName(hyp, 'VTTBR').value).toBe(`0x${m![3]}`);
    expect(byName(hyp, 'HVBAR').value).toBe(`0x${m![4]}`);
    const vt = await children(dc, byName(hyp, 'VTTBR'));
    expect(byName(vt, 'VMID').value).toBe('0x1');
    expect(byName(vt, 'BADDR').value).toMatch(/^0x/);
    const hcr = await children(dc, byName(hyp, 'HCR'));
    expect(byName(hcr, 'TSC').value).toBe('1');
    expect(byName(hcr, 'TWI').value).toBe('1');
    expect(byName(hcr, 'VM').value).toBe('0');
    expect(byName(hcr, 'TSC').type).toContain('SMC');
    const guestRegs = await scopeVars(dc, f.id, 'Guest System Registers');
    expect(byName(guestRegs, 'SCTLR').value).toBe(`0x${m![5]}`);
  });

  it('registers, CPSR fields and banked registers', async () => {
    const f = await topFrame(dc);
    const regs = await scopeVars(dc, f.id, 'Registers');
    expect(regs.map((r) => r.name).slice(0, 17)).toEqual(['R0', 'R1', 'R2', 'R3', 'R4', 'R5', 'R6', 'R7', 'R8', 'R9', 'R10', 'R11', 'R12', 'SP', 'LR', 'PC', 'CPSR']);
    expect(byName(regs, 'R0').value).toBe('0x00000001'); // checkpoint(1)
    expect(Number(byName(regs, 'PC').value)).toBe(nmAddress(ELF, 'checkpoint'));
    const cpsr = await children(dc, byName(regs, 'CPSR'));
    expect(byName(cpsr, 'M').value).toBe('0x1a hyp (0x1a)');
    expect(byName(cpsr, 'I').value).toBe('1');
    const banked = await scopeVars(dc, f.id, 'Banked Registers');
    expect(banked.map((b) => b.name)).toEqual(['User/System', 'FIQ', 'IRQ', 'Supervisor', 'Abort', 'Undefined', 'Hyp']);
    const svc = await children(dc, byName(banked, 'Supervisor'));
    expect(svc.map((v) => v.name)).toEqual(['SP_svc', 'LR_svc', 'SPSR_svc']);
    expect(Number(byName(svc, 'SP_svc').value)).toBe(nmAddress(ELF, '__stack_svc_top'));
    const hyp = await children(dc, byName(banked, 'Hyp'));
    expect(hyp.map((v) => v.name)).toEqual(['SP_hyp', 'SPSR_hyp', 'ELR_hyp']);
    const spsr = await children(dc, byName(hyp, 'SPSR_hyp'));
    expect(byName(spsr, 'M').value).toMatch(/\((0x[0-9a-f]+)\)$/);
  });

  it('setVariable on a register, a whole system register and a single field', async () => {
    const f = await topFrame(dc);
    const regs = await scopeVars(dc, f.id, 'Registers');
    const sc = await dc.scopesRequest({ frameId: f.id });
    const regRef = sc.body.scopes.find((s) => s.name === 'Registers')!.variablesReference;
    const r = await dc.setVariableRequest({ variablesReference: regRef, name: 'R5', value: '0x1234 + 1' });
    expect(r.body.value).toBe('0x00001235');
    expect((await dc.evaluateRequest({ expression: 'r5', context: 'watch' })).body.result).toMatch(/^0x1235 /);
    void regs;
    const hyp = await scopeVars(dc, f.id, 'Hyp System Registers');
    const hcrFields = byName(hyp, 'HCR').variablesReference;
    const s = await dc.setVariableRequest({ variablesReference: hcrFields, name: 'TWE', value: '1' });
    expect(s.body.value).toBe('1');
    expect((await dc.evaluateRequest({ expression: 'HCR', context: 'watch' })).body.result).toBe('0x00086000');
    expect((await dc.evaluateRequest({ expression: 'HCR.TWE', context: 'watch' })).body.result).toMatch(/^0x1 /);
    await expect(dc.setVariableRequest({ variablesReference: hcrFields, name: 'BSU', value: '7' })).rejects.toThrow(/does not fit/);
  });

  it('evaluate: banked registers, symbols, arithmetic, memory reads, help, translate', async () => {
    const ev = (e: string, context = 'watch') => dc.evaluateRequest({ expression: e, context }).then((r) => r.body.result);
    expect(await ev('sp_svc')).toMatch(new RegExp(`^0x${nmAddress(ELF, '__stack_svc_top').toString(16)} `));
    expect(await ev('&table')).toMatch(new RegExp(`^0x${nmAddress(ELF, 'table').toString(16)} `));
    expect(await ev('*(u32*)(&table + 4)')).toMatch(/^0x22222222 /);
    expect(await ev('*(u8*)&table')).toMatch(/^0x11 /);
    expect(await ev('(1 << 4) | 3')).toMatch(/^0x13 \(19\)/);
    expect(await ev('VTTBR.VMID')).toMatch(/^0x1 /);
    expect(await ev('cpsr.M == 0x1a')).toMatch(/^0x1 /);
    expect(await ev('help', 'repl')).toContain('translate <addr>');
    expect(await ev('translate 0x40000000', 'repl')).toContain('=> PA 0x40000000');
    const hover = await dc.evaluateRequest({ expression: 'checkpoint', context: 'hover' });
    expect(hover.body.result).toMatch(new RegExp(`^0x${nmAddress(ELF, 'checkpoint').toString(16)}`));
    // Nothing answers at 0x0c000000 on the virt board (the flash at 0 does, as on QEMU).
    await expect(dc.evaluateRequest({ expression: '*(u32*)0x0c000000', context: 'watch' })).rejects.toThrow(/cannot read memory at 0xc000000/);
    await expect(dc.evaluateRequest({ expression: 'nosuchthing + 1', context: 'watch' })).rejects.toThrow(/unknown name/);
  });

  it('readMemory / writeMemory round-trip; unmapped bytes are unreadable, not zeros', async () => {
    const t = nmAddress(ELF, 'table');
    const rd = await dc.send('readMemory', { memoryReference: `phys:0x${t.toString(16)}`, count: 16 });
    expect(Buffer.from(rd.body.data, 'base64').toString('hex')).toBe('11111111222222223333333344444444');
    const wr = await dc.send('writeMemory', { memoryReference: `0x${t.toString(16)}`, offset: 4, data: Buffer.from([0xde, 0xad, 0xbe, 0xef]).toString('base64') });
    expect(wr.body.bytesWritten).toBe(4);
    const back = await dc.send('readMemory', { memoryReference: `hyp-va:0x${t.toString(16)}`, offset: 4, count: 4 });
    expect(Buffer.from(back.body.data, 'base64').toString('hex')).toBe('deadbeef');
    expect((await dc.evaluateRequest({ expression: 'table[1]'.replace('table[1]', '*(u32*)(&table + 4)'), context: 'watch' })).body.result).toMatch(/^0xefbeadde /);
    // Below RAM and away from devices: nothing there.
    const hole = await dc.send('readMemory', { memoryReference: '0x30000000', count: 64 });
    expect(hole.body.unreadableBytes).toBe(64);
    expect(hole.body.data).toBeUndefined();
    // The end of RAM: readable bytes then unreadable ones.
    const end = 0x40000000 + 128 * 1024 * 1024;
    const edge = await dc.send('readMemory', { memoryReference: `0x${(end - 8).toString(16)}`, count: 16 });
    expect(Buffer.from(edge.body.data, 'base64').length).toBe(8);
    expect(edge.body.unreadableBytes).toBe(8);
  });

  it('disassemble matches objdump and carries symbols and source lines', async () => {
    const a = nmAddress(ELF, 'main');
    const d = await dc.send('disassemble', { memoryReference: `0x${a.toString(16)}`, instructionCount: 12, resolveSymbols: true });
    const ins = d.body.instructions as DebugProtocol.DisassembledInstruction[];
    expect(ins[0].symbol).toBe('main');
    expect(ins[0].location?.path).toMatch(/dap\/traps\.c$/);
    const dump = execFileSync('arm-none-eabi-objdump', ['-d', `--start-address=0x${a.toString(16)}`, `--stop-address=0x${(a + 48).toString(16)}`, ELF], { encoding: 'utf8' });
    const lines = dump.split('\n').filter((l) => /^\s*[0-9a-f]+:\t[0-9a-f]{8} \t/.test(l));
    expect(lines.length).toBe(12);
    lines.forEach((l, i) => {
      const [addr, rest] = l.trim().split(':\t');
      expect(Number(`0x${addr}`)).toBe(Number(ins[i].address));
      const text = rest.split(' \t')[1].split('\t@')[0].split(' <')[0].trim().replace(/\s+;.*$/, '');
      expect(ins[i].instruction.split(' <')[0].split('\t@')[0].trim()).toBe(text);
    });
  });

  it('custom requests: exceptionLog, stage2Map (stage 2 off), translate', async () => {
    const log = await dc.send('hypscope.exceptionLog', { count: 10 });
    expect(log.body.total).toBeGreaterThanOrEqual(0);
    const s2 = await dc.send('hypscope.stage2Map', {});
    expect(s2.body).toMatchObject({ enabled: false, vmid: 1, vttbr: '0x0001000040012000', regions: [] });
    const tr = await dc.send('hypscope.translate', { address: 0x40001000, space: 'hyp-va' });
    expect(tr.body.result.outputAddress).toBe(0x40001000);
    expect(tr.body.steps).toEqual([]);
    expect(tr.body.notes).toContain('Hyp stage 1 is off (HSCTLR.M=0)');
  });
});

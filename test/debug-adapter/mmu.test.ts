// Translation through a real DAP client on the toy hypervisor (Hyp stage 1 on, stage 2 on with
// VMID 1, guest stage 1 on later): hypscope.translate, hypscope.stage2Map, the `translate` console
// command, memory in named address spaces and watchpoints with the MMU on. Expected values come
// from examples/toy-hypervisor/hyp/stage2.c, include/board.h and guest/kernel.c.

import * as path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import * as fs from 'node:fs';
import type { DebugClient } from '@vscode/debugadapter-testsupport';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { buildAll, cont, launch, nmAddress, ROOT, startClient, stopped } from './harness';

const TOY = path.join(ROOT, 'examples/toy-hypervisor/toy-hypervisor.elf');
/* board.h */
const GUEST_RAM_IPA = 0x40000000;
const GUEST_RAM_PA = 0x41000000;

interface Step { stage: number; level: number; text: string; fields: Record<string, unknown>; nested?: Step[] }
interface Report { steps: Step[]; notes: string[]; result?: { outputAddress: number; pa: string; ipa?: string; permissions: { pl0: string; pl1: string }; memoryType: string }; fault?: { type: string; stage: number; level: number; reason: string } }

async function reg(dc: DebugClient, name: string): Promise<number> {
  const r = await dc.evaluateRequest({ expression: name, context: 'watch' });
  return Number(r.body.result.split(' ')[0]);
}

async function translate(dc: DebugClient, address: number, space: string): Promise<Report> {
  return (await dc.customRequest('hypscope.translate', { address, space })).body as Report;
}

async function readMemory(dc: DebugClient, memoryReference: string, count: number): Promise<DebugProtocol.ReadMemoryResponse> {
  return (await dc.send('readMemory', { memoryReference, count })) as DebugProtocol.ReadMemoryResponse;
}

async function readString(dc: DebugClient, ref: string, n: number): Promise<string | undefined> {
  const r = await readMemory(dc, ref, n);
  if (!r.body?.data) return undefined;
  const b = Buffer.from(r.body.data, 'base64');
  const z = b.indexOf(0);
  return b.subarray(0, z < 0 ? b.length : z).toString('latin1');
}

const hex = (v: number): string => `0x${v.toString(16)}`;

describe('translation and address spaces (toy hypervisor)', () => {
  let dc: DebugClient;
  beforeAll(() => buildAll());
  beforeEach(async () => { dc = await startClient(); });
  afterEach(async () => { await dc.stop(); });

  it('first HVC: stage-2-only walk of the guest string pointer, memory in each space, the stage-2 map', async () => {
    await launch(dc, TOY, { setup: (c) => c.setExceptionBreakpointsRequest({ filters: ['hvc'] }) });
    const ev = await stopped(dc);
    expect(ev.body.description).toBe('HVC #0x0 from SVC → Hyp (HSR 0x4a000000, EC 0x12 HVC)');
    expect(await reg(dc, 'r0')).toBe(1); // HC_PRINT
    const va = await reg(dc, 'r1');
    expect(va >>> 22).toBe(GUEST_RAM_IPA >>> 22);

    const rep = await translate(dc, va, 'guest-va');
    // Guest stage 1 is still off: only stage 2 is walked, from VTTBR: level 1 table, level 2 block.
    expect(rep.notes).toContain('stage 1 is off (SCTLR.M=0)');
    expect(rep.steps.map((s) => `${s.stage}/${s.level}`)).toEqual(['2/1', '2/2']);
    expect(rep.steps[0].fields.type).toBe('table');
    expect(rep.steps[1].fields.type).toBe('block');
    expect(rep.steps[1].fields.HAP).toBe('rw');
    expect(rep.result!.outputAddress).toBe(va - GUEST_RAM_IPA + GUEST_RAM_PA);
    expect(rep.result!.permissions.pl1).toMatch(/^rw/);

    // What the guest sees at its VA, what stage 2 gives for that IPA, and the PA behind it agree.
    const text = 'hello from the guest kernel (SVC mode, stage 2 on)\n';
    expect(await readString(dc, `guest-va:${hex(va)}`, 64)).toBe(text);
    expect(await readString(dc, `ipa:${hex(va)}`, 64)).toBe(text);
    expect(await readString(dc, `phys:${hex(va - GUEST_RAM_IPA + GUEST_RAM_PA)}`, 64)).toBe(text);
    // The emulated device's IPA has no stage-2 mapping on purpose: unreadable, not zeros.
    const vdev = await readMemory(dc, 'ipa:0x0a000000', 16);
    expect(vdev.body!.data).toBeUndefined();
    expect(vdev.body!.unreadableBytes).toBe(16);
    const vdevWalk = await translate(dc, 0x0a000000, 'ipa');
    expect(vdevWalk.fault!.stage).toBe(2);
    expect(vdevWalk.fault!.type).toMatch(/[Tt]ranslation/);
    // A read that runs off the end of guest RAM's mapping stops at the boundary.
    const edge = await readMemory(dc, `ipa:${hex(GUEST_RAM_IPA + 0x400000 - 8)}`, 16);
    expect(Buffer.from(edge.body!.data!, 'base64').length).toBe(8);
    expect(edge.body!.unreadableBytes).toBe(8);

    // Hyp stage 1 (HTTBR): one level-1 1 GiB block maps RAM flat.
    const hyp = await translate(dc, 0x47000000, 'hyp-va');
    expect(hyp.steps.map((s) => `${s.stage}/${s.level}`)).toEqual(['1/1']);
    expect(hyp.steps[0].fields.type).toBe('block');
    expect(hyp.result!.outputAddress).toBe(0x47000000);

    const map = (await dc.customRequest('hypscope.stage2Map')).body;
    expect(map.enabled).toBe(true);
    expect(map.vmid).toBe(1);
    expect(map.vttbr).toMatch(/^0x00010000[0-9a-f]{8}$/);
    expect(map.vttbr.slice(10)).toBe(nmAddress(TOY, 's2_l1').toString(16).padStart(8, '0'));
    // VTCR as stage2_init writes it: T0SZ 0, SL0 1, walks inner/outer WB inner shareable, bit 31 RES1.
    expect(map.vtcr).toBe(hex((1 << 31 | 3 << 12 | 1 << 10 | 1 << 8 | 1 << 6) >>> 0).replace('0x', '0x'));
    const regions = map.regions.map((r: { ipa: string; pa: string; size: number; access: string; memAttr: number; xn: boolean }) => [r.ipa, r.pa, r.size, r.access, r.memAttr, r.xn]);
    expect(regions).toEqual([
      ['0x8010000', '0x8040000', 0x2000, 'rw', 0x1, true], // GICC IPA -> GICV, two pages, Device
      ['0x9000000', '0x9000000', 0x1000, 'rw', 0x1, true], // UART passed through
      ['0x40000000', '0x41000000', 0x400000, 'rw', 0xf, false], // guest RAM, two 2 MiB blocks, Normal WB
    ]);
  });

  it('with the guest MMU on: both stages with nested walks, `translate` in the console, and a VA watchpoint', async () => {
    await launch(dc, TOY, { setup: (c) => c.setExceptionBreakpointsRequest({ filters: [], filterOptions: [{ filterId: 'hvc', condition: 'SCTLR.M == 1 && r0 == 1' }] }) });
    const ev = await stopped(dc);
    expect(ev.body.description).toBe('HVC #0x0 from SVC → Hyp (HSR 0x4a000000, EC 0x12 HVC)');
    const va = await reg(dc, 'r1');
    expect(await readString(dc, `guest-va:${hex(va)}`, 64)).toBe('stage-1 MMU is on\n');

    const rep = await translate(dc, va, 'guest-va');
    // Stage 1: one short-descriptor section at level 1 (kernel.c map_section), its table address an
    // IPA walked through stage 2 (nested); then stage 2 for the section's output IPA.
    const s1 = rep.steps.filter((s) => s.stage === 1);
    expect(s1.length).toBe(1);
    expect(s1[0].level).toBe(1);
    expect(s1[0].fields.type).toMatch(/section/);
    expect(s1[0].nested!.map((s) => `${s.stage}/${s.level}`)).toEqual(['2/1', '2/2']);
    expect(rep.steps.filter((s) => s.stage === 2).length).toBe(2);
    expect(rep.result!.ipa).toBe(hex(va));
    expect(rep.result!.outputAddress).toBe(va - GUEST_RAM_IPA + GUEST_RAM_PA);
    // SECT_AP_PL1: privileged read/write, no user access.
    expect(rep.result!.permissions.pl0).toBe('---');
    expect(rep.result!.permissions.pl1.slice(0, 2)).toBe('rw');

    const con = await dc.evaluateRequest({ expression: 'translate r1', context: 'repl' });
    expect(con.body.result).toContain(`translate ${hex(va)} (guest-va)`);
    expect(con.body.result).toContain(`=> PA ${hex(va - GUEST_RAM_IPA + GUEST_RAM_PA)} (IPA ${hex(va)})`);
    // The level-1 descriptor of the VA's MiB in kernel.c's l1_table (TTBR0, TTBCR.N = 0).
    const desc = nmAddress(TOY, 'l1_table') + (va >>> 20) * 4;
    expect(con.body.result).toContain(`stage-1 table at IPA ${hex(nmAddress(TOY, 'l1_table'))} through stage 2:`);
    expect(con.body.result).toMatch(new RegExp(`stage 1 level 1 @ ${hex(desc)}: 0x[0-9a-f]{8} ttbr=TTBR0 section outputAddress=${hex(va & 0xfff00000)}`));
    const stage2 = await dc.evaluateRequest({ expression: 'stage2', context: 'repl' });
    expect(stage2.body.result).toContain('IPA 0x40000000-0x403fffff -> PA 0x41000000  rw');
    const bad = await dc.evaluateRequest({ expression: 'translate 0x0a000000 ipa', context: 'repl' });
    expect(bad.body.result).toMatch(/fault: .* at stage 2 level/);

    // Watch the guest kernel's vtimer_ticks by its virtual address: the guest's IRQ handler writes it.
    const ticks = nmAddress(TOY, 'vtimer_ticks');
    const info = await dc.dataBreakpointInfoRequest({ name: `guest-va:${hex(ticks)}` });
    expect(info.body.dataId).toBe(`guest-va:${hex(ticks)}:4`);
    const set = await dc.setDataBreakpointsRequest({ breakpoints: [{ dataId: info.body.dataId!, accessType: 'write' }] });
    expect(set.body.breakpoints[0].verified).toBe(true);
    await dc.setExceptionBreakpointsRequest({ filters: [] });
    const hit = await cont(dc);
    expect(hit.body.reason).toBe('data breakpoint');
    expect(hit.body.description).toMatch(new RegExp(`^Write to ${hex(ticks)} \\(PA ${hex(ticks - GUEST_RAM_IPA + GUEST_RAM_PA)}\\) \\(watch ${hex(ticks)} guest-va\\) at guest_irq`));
    const v = await readMemory(dc, `guest-va:${hex(ticks)}`, 4);
    expect(Buffer.from(v.body!.data!, 'base64').readUInt32LE(0)).toBe(1);
  });

  it('a physical watchpoint stops on the Hyp access through its own mapping', async () => {
    // The hypervisor reads the guest's first string through its PA (HC_PRINT after ATS12NSOPR).
    await launch(dc, TOY, { setup: (c) => c.setExceptionBreakpointsRequest({ filters: ['hvc'] }) });
    await stopped(dc);
    const va = await reg(dc, 'r1');
    const pa = va - GUEST_RAM_IPA + GUEST_RAM_PA;
    const info = await dc.dataBreakpointInfoRequest({ name: `phys:${hex(pa)}` });
    await dc.setDataBreakpointsRequest({ breakpoints: [{ dataId: info.body.dataId!, accessType: 'read' }] });
    await dc.setExceptionBreakpointsRequest({ filters: [] });
    const hit = await cont(dc);
    expect(hit.body.reason).toBe('data breakpoint');
    // hypercall() is inlined into hyp_trap; the line is the byte read in traps.c.
    const line = fs.readFileSync(path.join(ROOT, 'examples/toy-hypervisor/hyp/traps.c'), 'utf8').split('\n').findIndex((l) => l.includes('char c = *(volatile char *)pa;')) + 1;
    // A data breakpoint stops after the accessing instruction (as hardware watchpoints report):
    // here the next instruction already belongs to the following line, `if (!c) break;`.
    expect(hit.body.description).toMatch(new RegExp(`^Read of ${hex(pa)} \\(watch ${hex(pa)} phys\\) at hyp_trap\\+0x[0-9a-f]+ \\[0x[0-9a-f]+\\] \\(traps.c:${line + 1}\\)$`));
  });
});

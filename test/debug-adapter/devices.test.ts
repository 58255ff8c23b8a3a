// The Devices scope through a real DAP client, stopped where the toy hypervisor's guest takes the
// virtual IRQ it injected: list register 0 as hyp/vgic.c writes it (LR_PENDING | LR_EOI | priority
// 0xa0 | vINTID 27), GICH_HCR.En, and the virtual timer that fired (CNTV_CTL ENABLE, IMASK, ISTATUS).

import * as path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DebugClient } from '@vscode/debugadapter-testsupport';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { buildAll, children, launch, ROOT, scopeVars, startClient, stopped, topFrame } from './harness';

const TOY = path.join(ROOT, 'examples/toy-hypervisor/toy-hypervisor.elf');

function byName(vs: DebugProtocol.Variable[], name: string | RegExp): DebugProtocol.Variable {
  const v = vs.find((x) => (typeof name === 'string' ? x.name === name : name.test(x.name)));
  if (!v) throw new Error(`no ${String(name)} in ${vs.map((x) => x.name).join(', ')}`);
  return v;
}

describe('Devices scope (toy hypervisor)', () => {
  let dc: DebugClient;
  beforeAll(() => buildAll());
  beforeEach(async () => { dc = await startClient(); });
  afterEach(async () => { await dc.stop(); });

  it('GIC virtual interface with decoded list registers, GICH control registers and timers', async () => {
    await launch(dc, TOY, { setup: (c) => c.setExceptionBreakpointsRequest({ filters: ['virtual-irq'] }) });
    await stopped(dc);
    const f = await topFrame(dc);
    const devs = await scopeVars(dc, f.id, 'Devices');
    expect(devs.map((d) => d.name).slice(0, 3)).toEqual(['GIC', 'GIC virtual interface (GICH 0x08030000, GICV 0x08040000)', 'Generic timers']);

    const vif = await children(dc, devs[1]);
    const hcr = byName(vif, 'GICH_HCR');
    expect(hcr.value).toMatch(/^0x00000001 /);
    expect(byName(await children(dc, hcr), 'En').value).toBe('1');
    const misr = await children(dc, byName(vif, 'GICH_MISR'));
    expect(misr.map((x) => x.name)).toEqual(['EOI', 'U', 'LRENP', 'NP', 'VGrp0E', 'VGrp0D', 'VGrp1E', 'VGrp1D']);
    const vmcr = await children(dc, byName(vif, 'GICH_VMCR'));
    expect(vmcr.map((x) => x.name)).toContain('VMPriMask');

    const lrs = await children(dc, byName(vif, 'List registers'));
    expect(lrs.length).toBe(4);
    const lr0 = lrs[0];
    const want = ((1 << 28) | (1 << 19) | ((0xa0 >> 3) << 23) | 27) >>> 0;
    expect(lr0.value.startsWith(`0x${want.toString(16).padStart(8, '0')} `)).toBe(true);
    const fields = Object.fromEntries((await children(dc, lr0)).map((x) => [x.name, x.value]));
    expect(fields).toMatchObject({ State: '0x1 pending', Priority: '0x14 (priority 0xa0)', vINTID: '0x1b (27)', HW: '0', EOI: '1', Grp1: '0' });
    expect(lrs[1].value).toMatch(/^0x00000000 /);

    const timers = await children(dc, devs[2]);
    const cntv = byName(timers, 'CNTV (virtual)');
    const t = await children(dc, cntv);
    const ctl = Object.fromEntries((await children(dc, byName(t, 'CTL'))).map((x) => [x.name, x.value]));
    // The guest enabled it; the hypervisor masked it before injecting (vgic.c); it has fired.
    expect(ctl).toEqual({ ENABLE: '1', IMASK: '1', ISTATUS: '1' });
    expect(byName(t, 'ISTATUS').value).toBe('1');
    expect(byName(t, 'TVAL').value).toMatch(/^-\d+ /); // past its compare value
    expect(byName(t, 'CVAL').value).toMatch(/^0x[0-9a-f]+ \(\d+\)$/);

    const gic = await children(dc, devs[0]);
    expect(gic.map((g) => g.name)).toEqual(['Distributor (0x08000000)', 'CPU interface (0x08010000)']);
  });
});

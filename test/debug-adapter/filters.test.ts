// Exception filters through a real DAP client on test/guests/dap/traps.c: each filter stops at
// the vector with the right text and exceptionInfo; output and exit code reach the client.

import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DebugClient } from '@vscode/debugadapter-testsupport';
import { buildAll, collectOutput, cont, guest, launch, nmAddress, startClient, stopped, topFrame } from './harness';

const ELF = guest('dap/traps.elf');

describe('exception filters', () => {
  let dc: DebugClient;
  beforeAll(() => buildAll());
  beforeEach(async () => { dc = await startClient(); });
  afterEach(async () => { await dc.stop(); });

  it('runs to the end: UART output as events, exit code shown', async () => {
    const out = collectOutput(dc);
    const exited = dc.waitForEvent('exited');
    const term = dc.waitForEvent('terminated');
    await launch(dc, ELF);
    const ev = await exited;
    await term;
    expect(ev.body.exitCode).toBe(7);
    expect(out.text).toContain('HCR=00082000 HSTR=00000002 VTTBR=0001000040012000');
    expect(out.text).toContain('result=00002ac6 hits=4');
  });

  it('hvc stops at the Hyp trap vector with the HSR decoded', async () => {
    const hvbar = nmAddress(ELF, 'hyp_vectors');
    await launch(dc, ELF, { setup: (c) => c.setExceptionBreakpointsRequest({ filters: ['hvc'] }) });
    const ev = await stopped(dc);
    expect(ev.body.reason).toBe('exception');
    expect(ev.body.description).toBe('HVC #0x1234 from SVC → Hyp (HSR 0x4a001234, EC 0x12 HVC)');
    const f = await topFrame(dc);
    expect(Number(f.instructionPointerReference)).toBe(hvbar + 0x14);
    const info = await dc.send('exceptionInfo', { threadId: 1 });
    expect(info.body.exceptionId).toBe('hvc');
    expect(info.body.details!.message).toContain('HSR = 0x4a001234');
    expect(info.body.details!.message).toContain('SPSR_hyp = 0x1d3');
    expect(info.body.details!.message).toMatch(/ELR_hyp = 0x4001[0-9a-f]{4}/);
  });

  it('sysreg-trap with a register-name condition, smc and wfx', async () => {
    await launch(dc, ELF, {
      setup: (c) => c.setExceptionBreakpointsRequest({ filters: [], filterOptions: [
        { filterId: 'sysreg-trap', condition: 'reg == "SCTLR"' }, { filterId: 'smc' }, { filterId: 'wfx' },
      ] }),
    });
    let ev = await stopped(dc);
    expect(ev.body.description).toBe('SMC #0 trapped from SVC → Hyp (HSR 0x4e000000, EC 0x13 SMC)');
    ev = await cont(dc);
    expect(ev.body.description).toBe('Read of SCTLR trapped (MRC p15, 0, r3, c1, c0, 0) from SVC → Hyp (HSR 0x0fe00461, EC 0x03 MCR/MRC p15)');
    let info = await dc.send('exceptionInfo', { threadId: 1 });
    expect(info.body.exceptionId).toBe('sysreg-trap');
    ev = await cont(dc);
    expect(ev.body.description).toBe('WFI trapped from SVC → Hyp (HSR 0x07e00000, EC 0x01 WFI/WFE)');
    info = await dc.send('exceptionInfo', { threadId: 1 });
    expect(info.body.exceptionId).toBe('wfx');
  });

  it('hyp-trap with a syndrome/VMID condition and a false condition that never stops', async () => {
    await launch(dc, ELF, {
      setup: (c) => c.setExceptionBreakpointsRequest({ filters: [], filterOptions: [
        { filterId: 'hyp-trap', condition: 'ec == 0x03 && vmid == 1' }, { filterId: 'sysreg-trap', condition: 'reg == "TTBR0"' },
      ] }),
    });
    const ev = await stopped(dc);
    expect(ev.body.description).toBe('Read of SCTLR trapped (MRC p15, 0, r3, c1, c0, 0) from SVC → Hyp (HSR 0x0fe00461, EC 0x03 MCR/MRC p15)');
    const info = await dc.send('exceptionInfo', { threadId: 1 });
    expect(info.body.exceptionId).toBe('hyp-trap');
    const exited = dc.waitForEvent('exited');
    await dc.continueRequest({ threadId: 1 });
    expect((await exited).body.exitCode).toBe(7);
  });

  it('eret stops after the exception return, in the returned-to mode', async () => {
    await launch(dc, ELF, { setup: (c) => c.setExceptionBreakpointsRequest({ filters: ['eret'] }) });
    const ev = await stopped(dc);
    // crt0's call_pl1 drops to SVC with ERET first.
    expect(ev.body.description).toMatch(/^Exception return from Hyp → SVC at 0x4001/);
  });
});

// Launch options that mirror QEMU's -bios and -append: firmware starts in the flash at 0, and the
// options are validated like every other launch argument.

import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { DebugClient } from '@vscode/debugadapter-testsupport';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { buildAll, guest, launch, startClient, stopped, topFrame } from './harness';
import { assemble } from '../support/objdump';

let firmware = '';

describe('boot options', () => {
  let dc: DebugClient;
  beforeAll(() => {
    buildAll();
    // A firmware blob: exit through semihosting with code 5 (SYS_EXIT_EXTENDED needs a block: use SYS_EXIT).
    const words = assemble(['mov r0, #0x20', 'adr r1, blk', 'hlt #0xf000', 'b .', 'blk: .word 0x20026', '.word 5'])
      .flatMap((l) => l.words);
    firmware = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'hypscope-bios-')), 'fw.bin');
    fs.writeFileSync(firmware, new Uint8Array(new Uint32Array(words).buffer));
  });
  beforeEach(async () => { dc = await startClient(); });
  afterEach(async () => { await dc.stop(); });

  it('"bios" firmware starts at 0 in Hyp mode and runs from the flash', async () => {
    await launch(dc, firmware, { stopOnEntry: true }, { bios: true });
    await stopped(dc);
    const f = await topFrame(dc);
    expect(Number(f.instructionPointerReference)).toBe(0);
    const exited = dc.waitForEvent('exited') as Promise<DebugProtocol.ExitedEvent>;
    await dc.continueRequest({ threadId: 1 });
    expect((await exited).body.exitCode).toBe(5);
  });

  it('bad "bios" and "append" values are error responses', async () => {
    await expect(launch(dc, firmware, {}, { bios: 'yes' })).rejects.toThrow(/"bios" must be true or false/);
    await expect(launch(dc, guest('dap/echo.elf'), {}, { append: 42 })).rejects.toThrow(/"append" must be a string/);
    await expect(launch(dc, firmware, {}, { bios: true, loadAddress: 0x40010000 })).rejects.toThrow(/"loadAddress" does not apply/);
  });
});

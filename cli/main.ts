// The `hypscope` command: run a guest headless (`hypscope run`), print help and version.
// Errors are one precise line on stderr and a non-zero exit code, never a stack trace.

import { parseRunArgs, UsageError } from './args';
import { runCommand } from './run';
import { RunError } from './stop';

const HELP = `hypscope — ARMv7-A hypervisor debugger and emulator (Cortex-A15 on QEMU's virt board)

usage:
  hypscope run FILE [--max-instructions N] [--trace-exceptions[=PATH]] [--memory SIZE]
                    [--load-address ADDR] [--append TEXT] [--summary] [--interpreter]
  hypscope run --bios FIRMWARE [run options]
  hypscope run FILE --gdb[=PORT|HOST:PORT] [run options]
  hypscope gdb FILE [--port N] [run options]      (same as run --gdb=N)
  hypscope help | version

run: boots FILE as QEMU -kernel does on -M virt,virtualization=on -cpu cortex-a15 (ELF at its
addresses; raw/zImage/uImage through QEMU's Linux boot stub with a device tree). UART output and
semihosting stdout go to stdout, the semihosting console and stderr to stderr; the exit code is
the guest's (semihosting SYS_EXIT / SYS_EXIT_EXTENDED, PSCI SYSTEM_OFF = 0).
--load-address loads a raw image there and starts it there (no stub, no device tree).
--bios puts FIRMWARE in the flash at 0 and starts it there (QEMU -bios); --append sets the
kernel command line in the device tree (QEMU -append).
--trace-exceptions writes one JSON object per exception to PATH (or stderr). --summary prints
the instruction count, speed and exceptions taken to stderr. --interpreter runs the reference
interpreter only (no compiled blocks), for comparisons.
exit codes: guest code; 2 bad usage or program; 3 instruction limit; 4 unknown encoding;
5 guest stuck (WFI with nothing to wake it, an abort that repeats forever).
--gdb: serve the GDB remote protocol on 127.0.0.1:PORT (default 1234) with the core halted at
its first instruction until gdb attaches (like QEMU -s -S): gdb-multiarch FILE -ex 'target remote :1234'.
UART output still goes to stdout; the exit code is the guest's (0 when gdb kills it).
`;

function main(argv: string[]): number | Promise<number> {
  const [cmd, ...rest] = argv;
  if (cmd === undefined || cmd === 'help' || cmd === '--help' || cmd === '-h') {
    process.stdout.write(HELP);
    return cmd === undefined ? 2 : 0;
  }
  if (cmd === 'version' || cmd === '--version') {
    process.stdout.write('hypscope 0.1.0\n');
    return 0;
  }
  if (cmd === 'gdb') {
    // `hypscope gdb FILE --port N` is `hypscope run FILE --gdb=N`.
    const i = rest.findIndex((a) => a === '--port' || a.startsWith('--port='));
    const port = i < 0 ? '' : rest[i].startsWith('--port=') ? rest[i].slice(7) : rest[i + 1] ?? '';
    if (i >= 0 && port === '') throw new UsageError('--port needs a value');
    const others = i < 0 ? rest : [...rest.slice(0, i), ...rest.slice(i + (rest[i].includes('=') ? 1 : 2))];
    return runCommand(parseRunArgs([...others, `--gdb=${port}`]), (b) => process.stdout.write(b));
  }
  if (cmd !== 'run') throw new UsageError(`unknown command '${cmd}' (try 'hypscope help')`);
  const args = parseRunArgs(rest);
  return runCommand(args, (b) => process.stdout.write(b));
}

function report(e: unknown): number {
  let code: number;
  if (e instanceof UsageError) {
    process.stderr.write(`hypscope: ${e.message}\n`);
    code = 2;
  } else if (e instanceof RunError) {
    process.stderr.write(`hypscope: error: ${e.message}\n`);
    code = e.exitCode;
  } else {
    const msg = e instanceof Error ? e.message : String(e);
    process.stderr.write(`hypscope: internal error: ${msg}\n(please report this with the program that caused it)\n`);
    code = 70;
  }
  return code;
}

try {
  const result = main(process.argv.slice(2));
  if (typeof result === 'number') process.exitCode = result;
  else result.then((c) => { process.exitCode = c; }, (e: unknown) => { process.exitCode = report(e); });
} catch (e) {
  process.exitCode = report(e);
}

// The `hypscope` command: run a guest headless (`hypscope run`), print help and version.
// Errors are one precise line on stderr and a non-zero exit code, never a stack trace.

import { parseRunArgs, UsageError } from './args';
import { runCommand, RunError } from './run';

const HELP = `hypscope — ARMv7-A hypervisor debugger and emulator (Cortex-A15 on QEMU's virt board)

usage:
  hypscope run FILE [--max-instructions N] [--trace-exceptions[=PATH]] [--memory SIZE]
                    [--load-address ADDR] [--summary] [--interpreter]
  hypscope help | version

run: UART and semihosting output go to stdout; the exit code is the guest's (semihosting
SYS_EXIT / SYS_EXIT_EXTENDED). --trace-exceptions writes one JSON object per exception to PATH
(or stderr). --summary prints instruction count, speed and exceptions taken to stderr.
--interpreter runs the reference interpreter only (no compiled blocks), for comparisons.
exit codes: guest code; 2 bad usage or program; 3 instruction limit; 4 unknown encoding;
5 guest stuck (WFI with nothing to wake it).
`;

function main(argv: string[]): number {
  const [cmd, ...rest] = argv;
  if (cmd === undefined || cmd === 'help' || cmd === '--help' || cmd === '-h') {
    process.stdout.write(HELP);
    return cmd === undefined ? 2 : 0;
  }
  if (cmd === 'version' || cmd === '--version') {
    process.stdout.write('hypscope 0.1.0\n');
    return 0;
  }
  if (cmd !== 'run') throw new UsageError(`unknown command '${cmd}' (try 'hypscope help')`);
  const args = parseRunArgs(rest);
  return runCommand(args, (b) => process.stdout.write(b));
}

let code: number;
try {
  code = main(process.argv.slice(2));
} catch (e) {
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
}
process.exitCode = code;

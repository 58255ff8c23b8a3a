// The "UART terminal": a tiny program the editor runs in its integrated terminal (DAP
// runInTerminal). It connects to the adapter's UART bridge: keys go to the guest's PL011 receive
// FIFO, the guest's UART output is shown. Usage: node uart-terminal.js PORT

import * as net from 'node:net';

const port = Number(process.argv[2]);
if (!Number.isInteger(port) || port <= 0 || port > 65535) {
  process.stderr.write('usage: uart-terminal PORT\n');
  process.exit(2);
}

const sock = net.connect(port, '127.0.0.1');
sock.on('connect', () => {
  process.stdout.write('[hypscope UART: type to send to the guest; Ctrl-] closes this terminal]\r\n');
  if (process.stdin.isTTY) process.stdin.setRawMode(true);
  process.stdin.on('data', (d: Buffer) => {
    if (d.includes(0x1d)) { sock.end(); process.exit(0); } // Ctrl-]
    sock.write(d);
  });
});
sock.on('data', (d) => process.stdout.write(d));
sock.on('close', () => {
  process.stdout.write('\r\n[hypscope UART: the debug session ended]\r\n');
  process.exit(0);
});
sock.on('error', (e) => {
  process.stderr.write(`hypscope UART: ${e.message}\n`);
  process.exit(1);
});

// The UART bridge behind the launch option "uartTerminal": a loopback TCP server the UART terminal
// (uart-terminal.ts, started through DAP runInTerminal) connects to. Guest output is copied to it;
// what the user types goes into the PL011 receive FIFO.

import * as net from 'node:net';

export class UartBridge {
  private readonly server: net.Server;
  private client: net.Socket | undefined;
  /** Output produced before the terminal connected, replayed when it does. */
  private backlog: Buffer[] = [];

  private constructor(private readonly onInput: (bytes: Uint8Array) => void) {
    this.server = net.createServer((s) => {
      if (this.client) { s.end('hypscope UART: already connected elsewhere\r\n'); return; }
      this.client = s;
      for (const b of this.backlog) s.write(b);
      this.backlog = [];
      s.on('data', (d) => this.onInput(new Uint8Array(d)));
      s.on('close', () => { if (this.client === s) this.client = undefined; });
      s.on('error', () => { /* the terminal went away; the session goes on */ });
    });
  }

  /** Listen on a free loopback port; resolves to the bridge and its port. */
  static open(onInput: (bytes: Uint8Array) => void): Promise<{ bridge: UartBridge; port: number }> {
    const b = new UartBridge(onInput);
    return new Promise((resolve, reject) => {
      b.server.once('error', reject);
      b.server.listen(0, '127.0.0.1', () => {
        const addr = b.server.address();
        resolve({ bridge: b, port: typeof addr === 'object' && addr ? addr.port : 0 });
      });
    });
  }

  /** Guest output: UART line endings are LF; a terminal wants CR LF. */
  write(text: string): void {
    const data = Buffer.from(text.replace(/\r?\n/g, '\r\n'), 'utf8');
    if (this.client) this.client.write(data);
    else if (this.backlog.length < 4096) this.backlog.push(data);
  }

  close(): void {
    this.client?.end();
    this.server.close();
  }
}

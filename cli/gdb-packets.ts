// GDB Remote Serial Protocol framing: `$payload#cs` packets, `+`/`-` acknowledgments, the 0x03
// interrupt byte, binary escapes. GDB manual, Appendix E "GDB Remote Serial Protocol" (E.1 Overview).

/** One thing read from the connection. */
export type Incoming =
  | { readonly kind: 'packet'; readonly data: string }
  | { readonly kind: 'bad-checksum'; readonly data: string }
  | { readonly kind: 'ack' }
  | { readonly kind: 'nak' }
  | { readonly kind: 'interrupt' };

/** Largest packet we accept (and announce as PacketSize, in bytes of the whole packet). */
export const MAX_PACKET = 0x4000;

/** Modulo-256 sum of the payload characters (E.1: the checksum covers the raw, escaped payload). */
export function checksum(s: string): number {
  let sum = 0;
  for (let i = 0; i < s.length; i++) sum = (sum + s.charCodeAt(i)) & 0xff;
  return sum;
}

/** Escape the characters that would end or confuse a packet: `#`, `$`, `}`, `*` (E.1 "binary data"). */
export function escapeBinary(s: string): string {
  return s.replace(/[#$}*]/g, (c) => '}' + String.fromCharCode(c.charCodeAt(0) ^ 0x20));
}

/** Undo `}`-escapes in binary data (X packets). */
export function unescapeBinary(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x7d && i + 1 < s.length) out += String.fromCharCode(s.charCodeAt(++i) ^ 0x20);
    else out += s[i];
  }
  return out;
}

/** A framed reply: `$` escaped payload `#` two hex digits. Strings are latin1 (one char = one byte). */
export function frame(payload: string): string {
  const body = escapeBinary(payload);
  return `$${body}#${checksum(body).toString(16).padStart(2, '0')}`;
}

/**
 * Splits the byte stream into packets, acks and interrupts. Bytes outside packets other than
 * `+`, `-` and 0x03 are noise and skipped; an unterminated packet longer than MAX_PACKET is dropped.
 */
export class PacketReader {
  private buf = '';

  feed(chunk: string): Incoming[] {
    this.buf += chunk;
    const out: Incoming[] = [];
    let i = 0;
    while (i < this.buf.length) {
      const c = this.buf[i];
      if (c === '$') {
        const hash = this.buf.indexOf('#', i + 1);
        if (hash < 0 || hash + 2 >= this.buf.length) {
          if (this.buf.length - i > MAX_PACKET * 2) {
            out.push({ kind: 'bad-checksum', data: '' });
            i = this.buf.length;
          }
          break;
        }
        const data = this.buf.slice(i + 1, hash);
        const cs = Number.parseInt(this.buf.slice(hash + 1, hash + 3), 16);
        out.push({ kind: /^[0-9a-fA-F]{2}$/.test(this.buf.slice(hash + 1, hash + 3)) && cs === checksum(data) ? 'packet' : 'bad-checksum', data });
        i = hash + 3;
        continue;
      }
      if (c === '+') out.push({ kind: 'ack' });
      else if (c === '-') out.push({ kind: 'nak' });
      else if (c === '\x03') out.push({ kind: 'interrupt' });
      i++;
    }
    this.buf = this.buf.slice(i);
    return out;
  }
}

// ------------------------------------------------------------------ hex helpers

/** Bytes of a 32-bit value, little-endian, as hex (register and memory contents, E.1). */
export function le32(v: number): string {
  v >>>= 0;
  let s = '';
  for (let i = 0; i < 4; i++) s += ((v >>> (i * 8)) & 0xff).toString(16).padStart(2, '0');
  return s;
}

/** Parse `n` little-endian bytes of hex starting at character `at`; undefined if malformed. */
export function parseLe32(hex: string, at: number): number | undefined {
  const part = hex.slice(at, at + 8);
  if (!/^[0-9a-fA-F]{8}$/.test(part)) return undefined;
  let v = 0;
  for (let i = 3; i >= 0; i--) v = v * 256 + Number.parseInt(part.slice(i * 2, i * 2 + 2), 16);
  return v >>> 0;
}

/** A hex number field of a packet (addresses, lengths); undefined if malformed or above 32 bits. */
export function parseHexField(s: string | undefined): number | undefined {
  if (s === undefined || !/^[0-9a-fA-F]{1,8}$/.test(s)) return undefined;
  return Number.parseInt(s, 16) >>> 0;
}

/** Text as hex (qRcmd arguments, `O` console output). */
export function textToHex(s: string): string {
  return Buffer.from(s, 'utf8').toString('hex');
}

export function hexToText(h: string): string | undefined {
  if (h.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(h)) return undefined;
  return Buffer.from(h, 'hex').toString('utf8');
}

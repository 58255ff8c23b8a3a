// Decoding of the Hyp Syndrome Register into named fields, per exception class, for the debugger.
// B3.13.6 "Use of the HSR" (Table B3-27 and the ISS encodings per EC), B4.1.65 HSR.

import { ecInfo } from '../cpu/hsr';

export interface HsrField {
  readonly name: string;
  readonly value: number;
  readonly text?: string;
}

export interface DecodedHsr {
  readonly hsr: number;
  readonly ec: number;
  readonly ecName: string;
  readonly ecDescription: string;
  readonly il: number;
  readonly iss: number;
  /** ISS fields for this EC (names as in the manual). */
  readonly fields: readonly HsrField[];
  /** For trapped MCR/MRC/MCRR/MRRC: the coprocessor encoding. */
  readonly coproc?: { cp: 14 | 15; is64: boolean; opc1: number; crn: number; crm: number; opc2: number; rt: number; rt2: number; read: boolean };
}

const bits = (v: number, lsb: number, w: number): number => (v >>> lsb) & ((1 << w) - 1);

/** Long-descriptor fault status codes (B3.13.3 Table B3-24), used in HSR ISS for aborts. */
export function faultStatusText(fsc: number): string {
  const lvl = fsc & 3;
  switch (fsc >>> 2) {
    case 1: return `translation fault, level ${lvl}`;
    case 2: return `access flag fault, level ${lvl}`;
    case 3: return `permission fault, level ${lvl}`;
    default: break;
  }
  switch (fsc) {
    case 0x10: return 'synchronous external abort';
    case 0x11: return 'asynchronous external abort';
    case 0x18: return 'synchronous parity error';
    case 0x21: return 'alignment fault';
    case 0x22: return 'debug event';
    case 0x30: return 'TLB conflict abort';
    default: return `fault status 0x${fsc.toString(16)}`;
  }
}

export function decodeHsr(hsr: number): DecodedHsr {
  hsr >>>= 0;
  const ec = hsr >>> 26;
  const il = bits(hsr, 25, 1);
  const iss = hsr & 0x1ffffff;
  const info = ecInfo(ec);
  const fields: HsrField[] = [];
  const add = (name: string, value: number, text?: string): void => { fields.push({ name, value, text }); };
  let coproc: DecodedHsr['coproc'];
  const cond = (): void => {
    add('CV', bits(iss, 24, 1));
    add('COND', bits(iss, 20, 4));
  };
  switch (ec) {
    case 0x01:
      cond();
      add('TI', bits(iss, 0, 1), bits(iss, 0, 1) ? 'WFE' : 'WFI');
      break;
    case 0x03: case 0x05: {
      cond();
      const f = { opc2: bits(iss, 17, 3), opc1: bits(iss, 14, 3), crn: bits(iss, 10, 4), rt: bits(iss, 5, 4), crm: bits(iss, 1, 4), read: (iss & 1) === 1 };
      add('Opc2', f.opc2); add('Opc1', f.opc1); add('CRn', f.crn); add('Rt', f.rt); add('CRm', f.crm);
      add('Direction', iss & 1, f.read ? 'read (MRC)' : 'write (MCR)');
      coproc = { cp: ec === 0x03 ? 15 : 14, is64: false, ...f, rt2: 0 };
      break;
    }
    case 0x04: case 0x0c: {
      cond();
      const f = { opc1: bits(iss, 16, 4), rt2: bits(iss, 10, 4), rt: bits(iss, 5, 4), crm: bits(iss, 1, 4), read: (iss & 1) === 1 };
      add('Opc1', f.opc1); add('Rt2', f.rt2); add('Rt', f.rt); add('CRm', f.crm);
      add('Direction', iss & 1, f.read ? 'read (MRRC)' : 'write (MCRR)');
      coproc = { cp: ec === 0x04 ? 15 : 14, is64: true, crn: 0, opc2: 0, ...f };
      break;
    }
    case 0x06:
      cond();
      add('imm8', bits(iss, 12, 8)); add('Rn', bits(iss, 5, 4)); add('Offset', bits(iss, 4, 1));
      add('AM', bits(iss, 1, 3)); add('Direction', iss & 1, iss & 1 ? 'read (LDC)' : 'write (STC)');
      break;
    case 0x07:
      cond();
      add('TA', bits(iss, 5, 1), bits(iss, 5, 1) ? 'Advanced SIMD' : 'coprocessor');
      add('coproc', bits(iss, 0, 4));
      break;
    case 0x08:
      cond();
      add('Opc1', bits(iss, 14, 3)); add('CRn', bits(iss, 10, 4)); add('Rt', bits(iss, 5, 4)); add('Direction', iss & 1);
      break;
    case 0x11: case 0x12:
      add('imm16', iss & 0xffff);
      break;
    case 0x13:
      add('imm4', iss & 0xf);
      break;
    case 0x20: case 0x21:
      add('EA', bits(iss, 9, 1)); add('S1PTW', bits(iss, 7, 1));
      add('IFSC', bits(iss, 0, 6), faultStatusText(bits(iss, 0, 6)));
      break;
    case 0x24: case 0x25:
      add('ISV', bits(iss, 24, 1));
      if (bits(iss, 24, 1)) {
        add('SAS', bits(iss, 22, 2), ['byte', 'halfword', 'word', 'doubleword'][bits(iss, 22, 2)]);
        add('SSE', bits(iss, 21, 1)); add('SRT', bits(iss, 16, 4));
      }
      add('EA', bits(iss, 9, 1)); add('CM', bits(iss, 8, 1)); add('S1PTW', bits(iss, 7, 1));
      add('WnR', bits(iss, 6, 1), bits(iss, 6, 1) ? 'write' : 'read');
      add('DFSC', bits(iss, 0, 6), faultStatusText(bits(iss, 0, 6)));
      break;
    default:
      break;
  }
  return {
    hsr, ec, il, iss, fields, coproc,
    ecName: info?.name ?? `EC 0x${ec.toString(16)}`,
    ecDescription: info?.description ?? 'reserved exception class',
  };
}

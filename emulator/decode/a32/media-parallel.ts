// A32 parallel addition and subtraction: {S,Q,SH,U,UQ,UH}{ADD16,ASX,SAX,SUB16,ADD8,SUB8}.
// ARM ARM A5.4.1 (signed), A5.4.2 (unsigned); semantics A8.8 (SADD16 .. UHSUB8), GE bits A2.4.

import type { Cpu } from '../../cpu/cpu';
import type { InstrDef } from '../instr';
import { condStr, reg } from './common';
import { writeRdOrBranch } from './dp-alu';
import { signedSat, unsignedSat } from './media-sat';

/** Prefix by bits 22:20 (A5.4.1/A5.4.2); 000 and 100 are unallocated. */
const enum Kind { S = 1, Q = 2, SH = 3, U = 5, UQ = 6, UH = 7 }
const PREFIX = ['', 's', 'q', 'sh', '', 'u', 'uq', 'uh'];

/** Operation by bits 7:5: which lanes add (+1) or subtract (-1), and whether Rm's halves are crossed. */
interface ParOp { readonly name: string; readonly op2: number; readonly lanes: 2 | 4; readonly lo: 1 | -1; readonly hi: 1 | -1; readonly cross: boolean }
const OPS: readonly ParOp[] = [
  { name: 'add16', op2: 0, lanes: 2, lo: 1, hi: 1, cross: false },
  { name: 'asx', op2: 1, lanes: 2, lo: -1, hi: 1, cross: true }, // lo = a.lo - b.hi, hi = a.hi + b.lo
  { name: 'sax', op2: 2, lanes: 2, lo: 1, hi: -1, cross: true }, // lo = a.lo + b.hi, hi = a.hi - b.lo
  { name: 'sub16', op2: 3, lanes: 2, lo: -1, hi: -1, cross: false },
  { name: 'add8', op2: 4, lanes: 4, lo: 1, hi: 1, cross: false },
  { name: 'sub8', op2: 7, lanes: 4, lo: -1, hi: -1, cross: false },
];

/**
 * One lane's exact sum r (width w bits) turned into the lane result; for S/U also its GE bit.
 * GE (A8.8.143 SADD16 etc.): signed: sum >= 0; unsigned add: carry out (sum >= 2^w); unsigned sub: no borrow.
 */
let laneGe = 0;
function lane(kind: Kind, r: number, w: number, add: boolean): number {
  const mask = w === 16 ? 0xffff : 0xff;
  switch (kind) {
    case Kind.S: laneGe = r >= 0 ? 1 : 0; return r & mask;
    case Kind.U: laneGe = (add ? r >= (mask + 1) : r >= 0) ? 1 : 0; return r & mask;
    case Kind.Q: return signedSat(r, w) & mask; // no Q flag for the parallel forms
    case Kind.UQ: return unsignedSat(r, w);
    default: return (r >> 1) & mask; // halving: (sum)<w:1>, exact sum so floor == arithmetic shift
  }
}

function exec(kind: Kind, o: ParOp, cpu: Cpu, insn: number): void {
  const a = cpu.r[(insn >>> 16) & 15];
  const b = cpu.r[insn & 15];
  const signed = kind < 4;
  let res = 0;
  let ge = 0;
  if (o.lanes === 2) {
    const aLo = signed ? (a << 16) >> 16 : a & 0xffff;
    const aHi = signed ? a >> 16 : a >>> 16;
    let bLo = signed ? (b << 16) >> 16 : b & 0xffff;
    let bHi = signed ? b >> 16 : b >>> 16;
    if (o.cross) { const t = bLo; bLo = bHi; bHi = t; }
    res = lane(kind, aLo + o.lo * bLo, 16, o.lo > 0);
    ge = laneGe * 3;
    res |= lane(kind, aHi + o.hi * bHi, 16, o.hi > 0) << 16;
    ge |= laneGe * 12;
  } else {
    for (let k = 0; k < 32; k += 8) {
      const x = signed ? (a << (24 - k)) >> 24 : (a >>> k) & 0xff;
      const y = signed ? (b << (24 - k)) >> 24 : (b >>> k) & 0xff;
      res |= lane(kind, x + o.lo * y, 8, o.lo > 0) << k;
      ge |= laneGe << (k >>> 3);
    }
  }
  writeRdOrBranch(cpu, (insn >>> 12) & 15, res >>> 0);
  if (kind === Kind.S || kind === Kind.U) cpu.ge = ge;
}

const noPc = (i: number): boolean => ((i >>> 16) & 15) !== 15 && ((i >>> 12) & 15) !== 15 && (i & 15) !== 15;

/** <prefix><op><c> <Rd>, <Rn>, <Rm>   e.g. SADD16, UQSUB8, SHASX (A8.8); Rd/Rn/Rm == PC UNPREDICTABLE. */
function def(kind: Kind, o: ParOp): InstrDef {
  const mn = PREFIX[kind] + o.name;
  const bits = (v: number, w: number): string => v.toString(2).padStart(w, '0');
  return {
    name: mn.toUpperCase(),
    pattern: `cccc 0110 0${bits(kind, 3)} nnnn dddd 1111 ${bits(o.op2, 3)}1 mmmm`,
    exec: (cpu, insn) => exec(kind, o, cpu, insn),
    dis: (insn) => `${mn}${condStr(insn)}\t${reg(insn >>> 12)}, ${reg(insn >>> 16)}, ${reg(insn)}`,
    random: noPc,
  };
}

export const A32_PARALLEL: readonly InstrDef[] = [Kind.S, Kind.Q, Kind.SH, Kind.U, Kind.UQ, Kind.UH].flatMap(
  (k) => OPS.map((o) => def(k, o)),
);

// 32-bit T32 single loads and stores (immediate 12/8, register, literal, unprivileged) and the
// PLD/PLDW/PLI hints. ARM ARM A6.3.7 (word), A6.3.8 (halfword), A6.3.9 (byte), A6.3.10 (stores).

import type { Cpu } from '../../cpu/cpu';
import type { InstrDef } from '../instr';
import { itc, R, RM, RN, RT } from './common';
import { load, loadUser, noteAccess, setLoaded, store } from './mem';

interface Kind { readonly mn: string; readonly l: boolean; readonly s: number; readonly size: 0 | 1 | 2; readonly hint?: string }
const KINDS: readonly Kind[] = [
  { mn: 'strb', l: false, s: 0, size: 0 }, { mn: 'strh', l: false, s: 0, size: 1 }, { mn: 'str', l: false, s: 0, size: 2 },
  { mn: 'ldrb', l: true, s: 0, size: 0, hint: 'pld' }, { mn: 'ldrh', l: true, s: 0, size: 1, hint: 'pldw' },
  { mn: 'ldr', l: true, s: 0, size: 2 },
  { mn: 'ldrsb', l: true, s: 1, size: 0, hint: 'pli' }, { mn: 'ldrsh', l: true, s: 1, size: 1, hint: 'nop' },
];

const BYTES = [1, 2, 4] as const;

function access(cpu: Cpu, k: Kind, t: number, addr: number, user: boolean): void {
  const size = BYTES[k.size];
  if (k.l) {
    const v = user ? loadUser(cpu, addr, size, k.s === 1) : load(cpu, addr, size, k.s === 1);
    setLoaded(cpu, t, v);
  } else if (user) {
    const v = cpu.r[t];
    cpu.writeUser(addr >>> 0, size, size === 4 ? v : v & (size === 1 ? 0xff : 0xffff));
  } else store(cpu, addr, size, cpu.r[t]);
}

/** ISS is reported for accesses without writeback and Rt != PC (QEMU make_issinfo, disas_set_da_iss). */
function iss(k: Kind, t: number): void {
  if (t !== 15) noteAccess(BYTES[k.size], k.s === 1, t);
}

const hw1 = (k: Kind, u: string, n: string): string =>
  `1111100 ${k.s} ${u} ${k.size.toString(2).padStart(2, '0')} ${k.l ? 1 : 0} ${n}`;

const isHint = (k: Kind, w: number): boolean => k.hint !== undefined && RT(w) === 15;
const mnOf = (k: Kind, w: number): string => (isHint(k, w) ? k.hint! : k.mn);
/** objdump adds ".w" to the forms that also have a 16-bit encoding (all but the T and hint forms). */
const dotW = (k: Kind, w: number): string => (isHint(k, w) ? '' : '.w');
const rtText = (k: Kind, w: number): string => (isHint(k, w) ? '' : `${R(RT(w))}, `);

function defs(k: Kind): InstrDef[] {
  const up = k.mn.toUpperCase();
  const out: InstrDef[] = [
    {
      // <op><c>.W <Rt>, [<Rn>{, #<imm12>}]   (A8.8.63 LDR imm T3 etc.)
      name: `T32_${up}_imm12`, pattern: `${hw1(k, '1', 'nnnn')} tttt iiiiiiiiiiii`,
      match: (w) => RN(w) !== 15,
      exec: (cpu, w) => {
        if (isHint(k, w)) return;
        iss(k, RT(w));
        access(cpu, k, RT(w), cpu.r[RN(w)] + (w & 0xfff), false);
      },
      dis: (w, env) => {
        const imm = w & 0xfff;
        return `${mnOf(k, w)}${itc(env)}${dotW(k, w)}\t${rtText(k, w)}[${R(RN(w))}${imm ? `, #${imm}` : ''}]`;
      },
    },
    {
      // <op><c> <Rt>, [<Rn>, #-<imm8>] / [<Rn>], #+/-<imm8> / [<Rn>, #+/-<imm8>]!   (T4 encodings)
      name: `T32_${up}_imm8`, pattern: `${hw1(k, '0', 'nnnn')} tttt 1 PUW iiiiiiii`,
      match: (w) => RN(w) !== 15 && (w & 0x500) !== 0 && (w & 0x700) !== 0x600,
      exec: (cpu, w) => {
        const n = RN(w);
        const t = RT(w);
        const p = (w & 0x400) !== 0;
        const wb = (w & 0x100) !== 0;
        if (isHint(k, w) && p && !wb) return;
        const base = cpu.r[n];
        const imm = w & 0x200 ? (w & 0xff) : -(w & 0xff);
        const addr = (base + imm) >>> 0;
        if (!wb) iss(k, t);
        if (k.l) {
          const size = BYTES[k.size];
          const v = load(cpu, p ? addr : base, size, k.s === 1);
          if (wb) cpu.r[n] = addr;
          setLoaded(cpu, t, v);
        } else {
          store(cpu, p ? addr : base, BYTES[k.size], cpu.r[t]);
          if (wb) cpu.r[n] = addr;
        }
      },
      dis: (w, env) => {
        const p = (w & 0x400) !== 0;
        const wb = (w & 0x100) !== 0;
        const imm = w & 0x200 ? (w & 0xff) : -(w & 0xff);
        const a = !p ? `[${R(RN(w))}], #${imm}` : `[${R(RN(w))}${imm ? `, #${imm}` : ''}]${wb ? '!' : ''}`;
        return `${mnOf(k, w)}${itc(env)}${dotW(k, w)}\t${rtText(k, w)}${a}`;
      },
    },
    {
      // <op>T<c> <Rt>, [<Rn>, #<imm8>]   (A8.8.92 LDRT T1 etc.): unprivileged, offset only
      name: `T32_${up}T`, pattern: `${hw1(k, '0', 'nnnn')} tttt 1110 iiiiiiii`,
      match: (w) => RN(w) !== 15,
      exec: (cpu, w) => {
        iss(k, RT(w));
        access(cpu, k, RT(w), cpu.r[RN(w)] + (w & 0xff), true);
      },
      dis: (w, env) => {
        const imm = w & 0xff;
        return `${k.mn}t${itc(env)}\t${R(RT(w))}, [${R(RN(w))}${imm ? `, #${imm}` : ''}]`;
      },
    },
    {
      // <op><c>.W <Rt>, [<Rn>, <Rm>{, LSL #<imm2>}]   (A8.8.65 LDR reg T2 etc.)
      name: `T32_${up}_reg`, pattern: `${hw1(k, '0', 'nnnn')} tttt 000000 ii mmmm`,
      match: (w) => RN(w) !== 15,
      exec: (cpu, w) => {
        if (isHint(k, w)) return;
        iss(k, RT(w));
        access(cpu, k, RT(w), cpu.r[RN(w)] + (cpu.r[RM(w)] << ((w >>> 4) & 3)), false);
      },
      dis: (w, env) => {
        const sh = (w >>> 4) & 3;
        return `${mnOf(k, w)}${itc(env)}${dotW(k, w)}\t${rtText(k, w)}[${R(RN(w))}, ${R(RM(w))}${sh ? `, lsl #${sh}` : ''}]`;
      },
    },
  ];
  if (k.l) {
    out.push({
      // <op><c>.W <Rt>, [PC, #+/-<imm12>]   (A8.8.64 LDR literal T2 etc.): base Align(PC, 4)
      name: `T32_${up}_lit`, pattern: `1111100 ${k.s} u ${k.size.toString(2).padStart(2, '0')} 1 1111 tttt iiiiiiiiiiii`,
      exec: (cpu, w) => {
        if (isHint(k, w)) return;
        const imm = w & 0xfff;
        const base = cpu.r[15] & ~3;
        iss(k, RT(w));
        access(cpu, k, RT(w), w & 0x800000 ? base + imm : base - imm, false);
      },
      dis: (w, env) => {
        const imm = w & 0x800000 ? w & 0xfff : -(w & 0xfff);
        return `${mnOf(k, w)}${itc(env)}${dotW(k, w)}\t${rtText(k, w)}[pc, #${imm}]`;
      },
    });
  }
  return out;
}

export const T32_LS: readonly InstrDef[] = KINDS.flatMap(defs);

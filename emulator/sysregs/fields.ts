// Bit-field descriptions of the CP15 registers the debugger decodes (names as in DDI 0406C B4.1).
// Kept apart from table.ts so the table stays one line per register.

import type { BitField } from './types';

const f = (name: string, lsb: number, width: number, description: string): BitField => ({ name, lsb, width, description });

export const F_MIDR = [
  f('Revision', 0, 4, 'minor revision (p)'), f('PartNum', 4, 12, 'primary part number (0xC0F = Cortex-A15)'),
  f('Architecture', 16, 4, '0xF: see CPUID scheme'), f('Variant', 20, 4, 'major revision (r)'), f('Implementer', 24, 8, '0x41 = ARM'),
];
export const F_MPIDR = [
  f('Aff0', 0, 8, 'affinity level 0 (CPU)'), f('Aff1', 8, 8, 'affinity level 1 (cluster)'), f('Aff2', 16, 8, 'affinity level 2'),
  f('MT', 24, 1, 'multithreading'), f('U', 30, 1, 'uniprocessor'), f('M', 31, 1, 'multiprocessing extensions format (RAO)'),
];
export const F_SCTLR = [
  f('M', 0, 1, 'stage-1 MMU enable'), f('A', 1, 1, 'alignment check'), f('C', 2, 1, 'data cache enable'),
  f('CP15BEN', 5, 1, 'CP15 barrier enable'), f('B', 7, 1, 'RAZ (no BE-32)'), f('SW', 10, 1, 'SWP/SWPB enable'),
  f('Z', 11, 1, 'branch prediction'), f('I', 12, 1, 'instruction cache enable'), f('V', 13, 1, 'high vectors (0xFFFF0000)'),
  f('RR', 14, 1, 'round-robin replacement'), f('HA', 17, 1, 'hardware access flag'), f('WXN', 19, 1, 'write implies XN'),
  f('UWXN', 20, 1, 'unprivileged write implies PL1 XN'), f('FI', 21, 1, 'fast interrupts'), f('U', 22, 1, 'unaligned access model (RAO)'),
  f('VE', 24, 1, 'interrupt vectors enable'), f('EE', 25, 1, 'exception endianness'), f('NMFI', 27, 1, 'non-maskable FIQ'),
  f('TRE', 28, 1, 'TEX remap enable'), f('AFE', 29, 1, 'access flag enable'), f('TE', 30, 1, 'Thumb exception enable'),
];
export const F_HSCTLR = [
  f('M', 0, 1, 'Hyp stage-1 MMU enable'), f('A', 1, 1, 'alignment check'), f('C', 2, 1, 'data cache enable'),
  f('CP15BEN', 5, 1, 'CP15 barrier enable'), f('I', 12, 1, 'instruction cache enable'), f('WXN', 19, 1, 'write implies XN'),
  f('FI', 21, 1, 'fast interrupts'), f('EE', 25, 1, 'endianness on Hyp entry and Hyp walks'), f('TE', 30, 1, 'Thumb on Hyp entry'),
];
export const F_HCR = [
  f('VM', 0, 1, 'stage-2 translation enable'), f('SWIO', 1, 1, 'set/way invalidate override (DCISW as DCCISW)'),
  f('PTW', 2, 1, 'protected table walk: stage-1 walks to Device memory fault'), f('FMO', 3, 1, 'FIQ to Hyp, enables vFIQ'),
  f('IMO', 4, 1, 'IRQ to Hyp, enables vIRQ'), f('AMO', 5, 1, 'async abort to Hyp, enables vAbort'), f('VF', 6, 1, 'virtual FIQ pending'),
  f('VI', 7, 1, 'virtual IRQ pending'), f('VA', 8, 1, 'virtual abort pending'), f('FB', 9, 1, 'force broadcast of maintenance'),
  f('BSU', 10, 2, 'barrier shareability upgrade'), f('DC', 12, 1, 'default cacheable'), f('TWI', 13, 1, 'trap WFI'),
  f('TWE', 14, 1, 'trap WFE'), f('TID0', 15, 1, 'trap ID group 0 (FPSID, JIDR)'), f('TID1', 16, 1, 'trap ID group 1 (AIDR, TCMTR, TLBTR, REVIDR)'),
  f('TID2', 17, 1, 'trap ID group 2 (CTR, CCSIDR, CLIDR, CSSELR)'), f('TID3', 18, 1, 'trap ID group 3 (ID_*, MVFR0/1)'),
  f('TSC', 19, 1, 'trap SMC'), f('TIDCP', 20, 1, 'trap IMPLEMENTATION DEFINED CP15 (c9/c10/c11)'), f('TAC', 21, 1, 'trap ACTLR'),
  f('TSW', 22, 1, 'trap set/way cache maintenance'), f('TPC', 23, 1, 'trap cache maintenance to PoC'),
  f('TPU', 24, 1, 'trap cache maintenance to PoU'), f('TTLB', 25, 1, 'trap TLB maintenance'), f('TVM', 26, 1, 'trap virtual memory control writes'),
  f('TGE', 27, 1, 'trap general exceptions from PL0'),
];
export const F_HDCR = [
  f('HPMN', 0, 5, 'performance counters accessible from PL0/PL1'), f('TPMCR', 5, 1, 'trap PMCR'), f('TPM', 6, 1, 'trap PMU registers'),
  f('HPME', 7, 1, 'Hyp counters enable'), f('TDE', 8, 1, 'route debug exceptions to Hyp'), f('TDA', 9, 1, 'trap debug registers'),
  f('TDOSA', 10, 1, 'trap OS lock/save-restore registers'), f('TDRA', 11, 1, 'trap debug ROM address registers'),
];
export const F_HCPTR = [
  f('TCP10', 10, 1, 'trap CP10 (FP/SIMD)'), f('TCP11', 11, 1, 'trap CP11 (FP/SIMD)'), f('TASE', 15, 1, 'trap Advanced SIMD'),
  f('TTA', 20, 1, 'trap trace registers'), f('TCPAC', 31, 1, 'trap CPACR accesses'),
];
export const F_HSTR: readonly BitField[] = [
  ...Array.from({ length: 16 }, (_, n) => f(`T${n}`, n, 1, `trap CP15 CRn=${n} (MCR/MRC) or CRm=${n} (MCRR/MRRC)`)),
  f('TTEE', 16, 1, 'trap ThumbEE registers'), f('TJDBX', 17, 1, 'trap BXJ'),
];
export const F_CPACR = [
  f('cp10', 20, 2, 'CP10 access: 00 denied, 01 PL1, 11 full'), f('cp11', 22, 2, 'CP11 access'),
  f('D32DIS', 30, 1, 'disable D16-D31'), f('ASEDIS', 31, 1, 'disable Advanced SIMD'),
];
export const F_TTBCR = [
  f('T0SZ', 0, 3, 'TTBR0 region size (N when EAE=0)'), f('PD0', 4, 1, 'short: no walk on TTBR0 miss'), f('PD1', 5, 1, 'short: no walk on TTBR1 miss'),
  f('EPD0', 7, 1, 'long: TTBR0 walks disabled'), f('IRGN0', 8, 2, 'inner cacheability TTBR0'), f('ORGN0', 10, 2, 'outer cacheability TTBR0'),
  f('SH0', 12, 2, 'shareability TTBR0'), f('T1SZ', 16, 3, 'TTBR1 region size'), f('A1', 22, 1, 'ASID from TTBR1'), f('EPD1', 23, 1, 'TTBR1 walks disabled'),
  f('IRGN1', 24, 2, 'inner cacheability TTBR1'), f('ORGN1', 26, 2, 'outer cacheability TTBR1'), f('SH1', 28, 2, 'shareability TTBR1'),
  f('EAE', 31, 1, 'long-descriptor (LPAE) format'),
];
export const F_HTCR = [
  f('T0SZ', 0, 3, 'input size 2^(32-T0SZ)'), f('IRGN0', 8, 2, 'inner cacheability'), f('ORGN0', 10, 2, 'outer cacheability'), f('SH0', 12, 2, 'shareability'),
];
export const F_VTCR = [
  f('T0SZ', 0, 4, 'signed: IPA size 2^(32-T0SZ)'), f('S', 4, 1, 'sign of T0SZ'), f('SL0', 6, 2, 'start level: 0 = L2, 1 = L1'),
  f('IRGN0', 8, 2, 'inner cacheability'), f('ORGN0', 10, 2, 'outer cacheability'), f('SH0', 12, 2, 'shareability'),
];
export const F_TTBR64 = [f('BADDR', 0, 40, 'table base address'), f('ASID', 48, 8, 'ASID (long-descriptor format)')];
export const F_HTTBR = [f('BADDR', 0, 40, 'Hyp table base address')];
export const F_VTTBR = [f('BADDR', 0, 40, 'stage-2 table base address'), f('VMID', 48, 8, 'virtual machine identifier')];
export const F_HSR = [
  f('ISS', 0, 25, 'instruction-specific syndrome'), f('IL', 25, 1, 'instruction length (1 = 32-bit)'), f('EC', 26, 6, 'exception class'),
];
export const F_HPFAR = [f('FIPA', 4, 28, 'faulting IPA[39:12]')];
export const F_FSR_SHORT = [
  f('FS', 0, 4, 'fault status [3:0]'), f('Domain', 4, 4, 'domain'), f('LPAE', 9, 1, 'long-descriptor format'), f('FS4', 10, 1, 'fault status [4]'),
  f('WnR', 11, 1, 'write not read'), f('ExT', 12, 1, 'external abort type'), f('CM', 13, 1, 'cache maintenance fault'),
];
export const F_CONTEXTIDR = [f('ASID', 0, 8, 'ASID (short-descriptor format)'), f('PROCID', 8, 24, 'process identifier')];
export const F_CNTKCTL = [
  f('PL0PCTEN', 0, 1, 'PL0 access to CNTPCT'), f('PL0VCTEN', 1, 1, 'PL0 access to CNTVCT'), f('EVNTEN', 2, 1, 'event stream'),
  f('EVNTDIR', 3, 1, 'event direction'), f('EVNTI', 4, 4, 'event trigger bit'), f('PL0VTEN', 8, 1, 'PL0 access to virtual timer'),
  f('PL0PTEN', 9, 1, 'PL0 access to physical timer'),
];
export const F_CNTHCTL = [
  f('PL1PCTEN', 0, 1, 'PL0/PL1 access to CNTPCT'), f('PL1PCEN', 1, 1, 'PL0/PL1 access to the physical timer'),
  f('EVNTEN', 2, 1, 'event stream'), f('EVNTDIR', 3, 1, 'event direction'), f('EVNTI', 4, 4, 'event trigger bit'),
];
export const F_CNT_CTL = [f('ENABLE', 0, 1, 'timer enabled'), f('IMASK', 1, 1, 'interrupt masked'), f('ISTATUS', 2, 1, 'condition met (read-only)')];
export const F_PAR32 = [
  f('F', 0, 1, 'translation aborted'), f('SS', 1, 1, 'supersection'), f('Outer', 2, 2, 'outer attributes'), f('Inner', 4, 3, 'inner attributes'),
  f('SH', 7, 1, 'shareable'), f('NS', 9, 1, 'non-secure'), f('NOS', 10, 1, 'not outer shareable'), f('LPAE', 11, 1, 'long format'), f('PA', 12, 20, 'PA[31:12]'),
];
export const F_PAR64 = [
  f('F', 0, 1, 'translation aborted'), f('FST', 1, 6, 'fault status (F=1)'), f('SH', 7, 2, 'shareability'), f('NS', 9, 1, 'non-secure'),
  f('LPAE', 11, 1, 'long format'), f('PA', 12, 28, 'PA[39:12]'), f('ATTR', 56, 8, 'memory attributes (MAIR format)'),
];
export const F_CSSELR = [f('InD', 0, 1, 'instruction not data'), f('Level', 1, 3, 'cache level - 1')];
export const F_CCSIDR = [
  f('LineSize', 0, 3, 'log2(words per line) - 2'), f('Associativity', 3, 10, 'ways - 1'), f('NumSets', 13, 15, 'sets - 1'),
  f('WA', 28, 1, 'write-allocate'), f('RA', 29, 1, 'read-allocate'), f('WB', 30, 1, 'write-back'), f('WT', 31, 1, 'write-through'),
];
export const F_CTR = [
  f('IminLine', 0, 4, 'log2 words of smallest I-line'), f('L1Ip', 14, 2, 'L1 I-cache policy'), f('DminLine', 16, 4, 'log2 words of smallest D-line'),
  f('ERG', 20, 4, 'exclusives reservation granule'), f('CWG', 24, 4, 'cache writeback granule'), f('Format', 29, 3, '0b100 = ARMv7'),
];
export const F_VBAR = [f('Base', 5, 27, 'vector base address')];
export const F_DACR: readonly BitField[] = Array.from({ length: 16 }, (_, n) => f(`D${n}`, n * 2, 2, `domain ${n}: 00 no access, 01 client, 11 manager`));
export const F_PMUSERENR = [f('EN', 0, 1, 'PL0 access to the PMU')];

// Shapes of the hypscope debug adapter's custom DAP requests, as the editor panels consume them.
// The adapter (debug-adapter/) answers them from emulator/mmu/walk-api.ts and the exception log.

export type TranslateSpace = 'guest-va' | 'ipa' | 'hyp-va';

export interface WalkStepInfo {
  stage: 1 | 2;
  level: number;
  tableBase: number;
  descriptorAddress: number;
  descriptorHi: number;
  descriptorLo: number;
  fields: Record<string, string | number | boolean>;
  nested?: WalkStepInfo[];
  note?: string;
}

export interface TranslateResponse {
  regime?: string;
  address: number;
  notes?: string[];
  steps: WalkStepInfo[];
  result?: {
    outputAddress: number;
    /** Stage-1 output (an IPA) of a guest VA walked through both stages. */
    ipa?: number;
    attributes?: { attr: number; shareability: number; memoryType: string };
    permissions?: { pl0: string; pl1: string };
    blockSize?: number;
  };
  fault?: { type: string; stage: 1 | 2; level: number; ipa?: number; s1ptw?: boolean; reason: string };
}

export interface Stage2RegionInfo {
  ipa: number;
  pa: number;
  size: number;
  access: 'rw' | 'ro' | 'wo' | 'none';
  memAttr: number;
  xn: boolean;
  af?: boolean;
}

export interface Stage2MapResponse {
  enabled: boolean;
  vmid: number;
  /** 64-bit VTTBR as a number or as { lo, hi }, or a hex string. */
  vttbr: number | string | { lo: number; hi: number };
  vtcr: number;
  hcr?: number;
  ipaBits?: number;
  regions: Stage2RegionInfo[];
  problems?: string[];
}

export interface ExceptionEntry {
  kind: string;
  /** Mode numbers (CPSR.M) or names. */
  from: number | string;
  to: number | string;
  pc: number;
  vector?: number;
  hsr?: number;
  /** Decoded syndrome text, when the adapter provides it. */
  syndrome?: string;
  icount: number;
  far?: number;
  hpfar?: number;
  description?: string;
}

export interface ExceptionLogResponse {
  entries: ExceptionEntry[];
  /** Total exceptions recorded since launch (entries may hold only the most recent). */
  total?: number;
  icount?: number;
}

// The fast path against the reference interpreter, guest programs 2 of every 2 (see
// fastpath-shared.ts; split so the two halves run in parallel).

import { describe } from 'vitest';
import { fastPathTests } from './fastpath-shared';

describe('fast path equals the reference interpreter', () => fastPathTests(1, 2));

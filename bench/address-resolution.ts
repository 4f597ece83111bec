// Throughput of address resolution: exact standard-form lookups and messy free text, over the
// library loaded from the database (`npm run bench -- address-resolution`).

import type { StandardAddress } from '../src/modules/areas/address-types.ts';
import { buildAddressIndex, resolveAddress, resolveStandard } from '../src/modules/areas/address-resolver.ts';
import { createRng, generateMessyAddresses } from '../src/modules/areas/demo-addresses.ts';

export const RUNS = 5;
const FREE_TEXTS = 20_000;

export type AddressBenchResult = {
  standardPerS: number;
  freetextPerS: number;
  library: number;
  buildIndexMs: number;
  freetextAccuracy: number;
};

const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const perSecond = (count: number, run: () => void): number => {
  const started = performance.now();
  run();
  return count / ((performance.now() - started) / 1000);
};

/** Builds the index, then times RUNS passes of each kind of lookup; returns the medians. */
export const measure = (addresses: readonly StandardAddress[]): AddressBenchResult => {
  const started = performance.now();
  const index = buildAddressIndex(addresses);
  const buildIndexMs = performance.now() - started;
  const rng = createRng(5);
  const standard = addresses.map((a) => a.fullText).sort(() => rng() - 0.5);
  const messy = generateMessyAddresses(addresses, FREE_TEXTS, 17);
  let found = 0;
  let correct = 0;
  const standardRates: number[] = [];
  const freeRates: number[] = [];
  for (let run = 0; run <= RUNS; run++) {
    [found, correct] = [0, 0];
    const s = perSecond(standard.length, () => {
      for (const text of standard) if (resolveStandard(index, text)) found++;
    });
    const f = perSecond(messy.length, () => {
      for (const m of messy) {
        const r = resolveAddress(index, m.text);
        if (r.status === 'resolved' && r.address.id === m.expectedId) correct++;
      }
    });
    if (run === 0) continue; // warm-up: lets the JIT settle before anything is recorded
    standardRates.push(s);
    freeRates.push(f);
  }
  if (found !== standard.length) throw new Error(`standard lookups found ${found} of ${standard.length}`);
  return {
    standardPerS: median(standardRates), freetextPerS: median(freeRates), library: addresses.length,
    buildIndexMs, freetextAccuracy: correct / messy.length,
  };
};

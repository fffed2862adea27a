import { describe, expect, it } from 'vitest';
import { compileSyntheticPacks, packStorageItems } from '@/scripts/bench/synthetic-packs';

describe("the benchmark's generated packs", () => {
  it('are two valid packs of 400 terms each, stored as an import stores them', async () => {
    const packs = compileSyntheticPacks(2, 400);
    expect(packs.map((pack) => pack.counts.terms)).toEqual([400, 400]);
    const items = await packStorageItems(packs);
    expect(Object.keys(items).sort()).toEqual(['pack:bench-pack-0', 'pack:bench-pack-1', 'packs']);
  });
});

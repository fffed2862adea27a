import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../scripts/lib/evaluation';
import { matcherFromOptions } from '../../../scripts/lib/notes-file';
import { packJsonSchema } from '../../../scripts/lib/pack-schema';
import { EXAMPLE_PACK_FILE } from './support';

describe('tools for pack authors', () => {
  it('keep docs/pack.schema.json equal to the schema the extension checks packs with', () => {
    const committed = readFileSync(join(__dirname, '..', '..', '..', 'docs', 'pack.schema.json'), 'utf8');
    expect(JSON.parse(committed)).toEqual(packJsonSchema());
  });

  it('evaluate a pack on its author\'s labelled folder, labelled with the pack\'s own topic ids', () => {
    const matcher = matcherFromOptions({ pack: EXAMPLE_PACK_FILE });
    const report = evaluate(join(__dirname, '..', '..', 'fixtures', 'packs', 'example-eval'), matcher);
    expect(report.articles).toBe(2);
    expect(report.sentences).toBe(3);
    expect(report.recall).toBe(1);
    expect(report.precision).toBe(1);
    expect(report.offTopicMarked).toEqual([]);
  });

  it('refuse an invalid pack for scan and eval, naming its problems', () => {
    expect(() => matcherFromOptions({ pack: join(__dirname, 'support.ts') })).toThrow(/is not a valid note pack/);
    expect(matcherFromOptions({ pack: EXAMPLE_PACK_FILE }).find('the Rio Treaty').map((mention) => mention.topic)).toEqual(['rio-treaty']);
  });
});

/**
 * The note-pack format as JSON Schema, generated from the one schema the
 * extension checks packs with (`src/data/schema.ts`), for editors and
 * authors. Checks a schema cannot state (references between entries, rule
 * examples, limits) are the validator's; the schema's description says so.
 */
import { toJsonSchema } from '@valibot/to-json-schema';
import { DatasetSchema } from '../../src/data/schema';

export function packJsonSchema(): Record<string, unknown> {
  // "trim" (surrounding spaces do not count) has no JSON Schema form; it is left out, as it only loosens.
  const schema = toJsonSchema(DatasetSchema, { errorMode: 'ignore' }) as Record<string, unknown>;
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://policy-lens.org/schemas/note-pack-1.json',
    title: 'Policy Lens note pack, format 1',
    description:
      'A set of cited notes for the Policy Lens browser extension. Beyond this schema, `npm run pack -- check` ' +
      'verifies references between entries, that every context rule marks its examples, and the size limits ' +
      '(docs/note-packs.md).',
    ...schema,
  };
}

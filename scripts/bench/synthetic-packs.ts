/**
 * Imported note packs for the page-cost section's "with packs" variant: the
 * issue's load case is the built-in pack plus two imported packs of 400 terms
 * each. The packs are generated (policy-like phrases, one finding per topic),
 * checked and compiled by the same code as an import on the options page, and
 * handed over as the `storage.local` items an import writes.
 */
import { compilePack, checkPack, type CompiledPack } from '../../src/packs/index';
import { listPacks, savePack } from '../../src/packs/store';
import type { ExtensionApi } from '../../src/extension/api';

/** Topics per generated pack; each gets `terms / topics` terms. */
const TOPICS_PER_PACK = 40;

const REGIONS = [
  'Atlantic', 'Pacific', 'Baltic', 'Arctic', 'Nordic', 'Andean', 'Sahel', 'Caspian', 'Balkan', 'Iberian',
  'Danube', 'Mekong', 'Amazon', 'Alpine', 'Aegean', 'Adriatic', 'Caribbean', 'Gulf', 'Red Sea', 'Black Sea',
  'Horn of Africa', 'Great Lakes', 'Indus', 'Nile Basin', 'Central Asian', 'South Asian', 'East African', 'West African',
  'Southern Cone', 'Carpathian', 'Levant', 'Maghreb', 'Anatolian', 'Himalayan', 'Korean Peninsula', 'Malacca',
  'Bay of Bengal', 'Coral Sea', 'North Sea', 'Barents',
];
/** One list of institutions per generated pack, so the two packs share no term. */
const INSTITUTIONS = [
  ['accord', 'compact', 'charter', 'protocol', 'summit', 'initiative', 'framework', 'partnership', 'convention', 'council'],
  ['security dialogue', 'trade bloc', 'defense ministerial', 'arms deal', 'aid package', 'peace plan', 'ceasefire talks', 'naval exercise', 'sanctions regime', 'energy corridor'],
];

/** Pack number `index` (0 or 1) with `terms` terms (at most 400). */
export function syntheticPack(index: number, terms: number): unknown {
  const institutions = INSTITUTIONS[index % INSTITUTIONS.length] as string[];
  const perTopic = Math.max(1, Math.ceil(terms / TOPICS_PER_PACK));
  const topics = Array.from({ length: TOPICS_PER_PACK }, (_, topic) => ({
    id: `region-${topic}`,
    label: `${REGIONS[topic % REGIONS.length]} arrangements`,
    summary: `Generated benchmark topic ${topic} of pack ${index}: phrases a policy pack might name.`,
    terms: Array.from({ length: perTopic }, (_, term) => ({
      text: `${REGIONS[topic % REGIONS.length]} ${institutions[term % institutions.length]}${term >= institutions.length ? ` ${Math.floor(term / institutions.length) + 1}` : ''}`,
    })),
  }));
  return {
    version: 1,
    pack: {
      id: `bench-pack-${index}`,
      name: `Benchmark pack ${index}`,
      version: '1.0.0',
      language: 'en',
      publisher: 'Policy Lens benchmark',
      publisherNote: 'Generated to measure what imported packs cost a page.',
      licence: 'CC0 1.0',
      date: '2026-12-05',
    },
    reports: [
      {
        id: 'generated',
        title: 'Generated notes',
        shortTitle: 'Generated',
        publisher: 'Policy Lens benchmark',
        publisherNote: 'Generated for the benchmark.',
        date: '2026-12-05',
        url: 'https://example.org/policy-lens-benchmark',
      },
    ],
    wordLists: [],
    contexts: [],
    topics,
    otherReadings: [],
    findings: topics.map((topic) => ({
      id: `${topic.id}-note`,
      topics: [topic.id],
      text: `A generated finding about ${topic.label}.`,
      citation: { report: 'generated', part: 'Generated' },
    })),
  };
}

/** `count` generated packs of `terms` terms each, checked and compiled as an import does. */
export function compileSyntheticPacks(count: number, terms: number): CompiledPack[] {
  return Array.from({ length: count }, (_, index) => {
    const checked = checkPack(syntheticPack(index, terms));
    if (!checked.ok) throw new Error(`generated pack ${index} is invalid:\n${checked.problems.join('\n')}`);
    return compilePack(checked.pack);
  });
}

/** The `storage.local` items that importing these packs writes (through the store's own code). */
export async function packStorageItems(packs: readonly CompiledPack[]): Promise<Record<string, unknown>> {
  const items: Record<string, unknown> = {};
  const local = {
    get: async (key: string) => (key in items ? { [key]: items[key] } : {}),
    set: async (values: Record<string, unknown>) => void Object.assign(items, values),
    remove: async (key: string) => void delete items[key],
  };
  const api = { storage: { local } } as unknown as ExtensionApi;
  for (const pack of packs) await savePack(api, pack, new Date('2026-12-05T00:00:00Z'));
  if ((await listPacks(api)).length !== packs.length) throw new Error('the generated packs were not all stored');
  return items;
}

// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import axe from 'axe-core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { dataset } from '@/src/data';
import type { Dataset } from '@/src/data/schema';
import { Options } from '@/src/options/Options';
import { packsView, withPackEnabled } from '@/src/options/packs-controller';
import { BUILT_IN_PACK_ID, countsOf, listPacks, PACK_LIMITS, PACKS_INDEX_KEY, packKey, readPack } from '@/src/packs';
import { getSettings, updateSettings } from '@/src/settings';
import { useEnglishMessages } from '../support/messages';
import { snapshotArea } from '../support/storage';

const EXAMPLE_FILE = join(__dirname, '..', '..', 'fixtures', 'packs', 'us-collective-defense.json');
const EXAMPLE_ID = 'us-collective-defense';
const EXAMPLE_NAME = 'U.S. collective defense treaties';
/** Checking a pack compiles its matcher: more than testing-library's one second on a busy machine. */
const COMPILE_WAIT = { timeout: 10_000 };
/** Tests that compile packs, some several times: room for COMPILE_WAIT more than once. */
const COMPILING_TESTS = { timeout: 30_000 };

const exampleText = () => readFileSync(EXAMPLE_FILE, 'utf8');
const examplePack = () => JSON.parse(exampleText()) as Dataset;

/** The example pack changed by `change`, as file text. */
function packText(change: (pack: Dataset) => void): string {
  const pack = examplePack();
  change(pack);
  return JSON.stringify(pack);
}

/** Both storage areas the options page writes, serialized: equal strings mean byte-identical storage. */
async function storageSnapshot(): Promise<string> {
  return JSON.stringify({ local: await snapshotArea('local'), sync: await snapshotArea('sync') });
}

beforeEach(async () => {
  fakeBrowser.reset();
  useEnglishMessages();
  vi.spyOn(browser.commands, 'getAll').mockImplementation(async () => []);
  await updateSettings({ disabledTopics: [] });
});
afterEach(cleanup);

async function renderOptions() {
  render(<Options />);
  await screen.findByRole('heading', { level: 2, name: 'Note packs' });
  return section();
}

function section(): HTMLElement {
  return screen.getByRole('region', { name: 'Note packs' });
}

function choosePackFile(text: string, name = 'pack.json') {
  const file = new File([text], name, { type: 'application/json' });
  fireEvent.change(within(section()).getByLabelText('Import a pack…'), { target: { files: [file] } });
  return file;
}

function status(): string {
  return within(section()).getByRole('status').textContent ?? '';
}

/** The list's rows: each pack's name (its switch), whether it is on, and its text. */
function rows() {
  return within(section())
    .getAllByRole('listitem')
    .filter((item) => item.classList.contains('pl-packs__item'))
    .map((item) => {
      const toggle = within(item).getByRole('switch') as HTMLInputElement;
      return { name: toggle.closest('label')?.textContent ?? '', on: toggle.checked, text: item.textContent ?? '', item };
    });
}

async function importExample(): Promise<void> {
  choosePackFile(exampleText(), 'us-collective-defense.json');
  await waitFor(() => expect(status()).toBe(`Imported “${EXAMPLE_NAME}”: 6 topics, 17 terms, 8 findings.`), COMPILE_WAIT);
}

describe('the note packs list', () => {
  it('lists the built-in pack first, with its publisher, version, date and counts, and no Remove button', async () => {
    await renderOptions();
    const [builtIn, ...others] = rows();
    expect(others).toEqual([]);
    expect(builtIn).toMatchObject({ name: dataset.pack.name, on: true });
    const counts = countsOf(dataset);
    expect(builtIn!.text).toContain(`${dataset.pack.publisher} · version ${dataset.pack.version} · `);
    expect(builtIn!.text).toContain(`${counts.topics} topics, ${counts.terms} terms, ${counts.findings} findings`);
    expect(builtIn!.text).toContain('Built in');
    expect(within(builtIn!.item).queryByRole('button')).toBeNull();
  });

  it('turns the built-in pack off and on through disabledPacks', async () => {
    await renderOptions();
    fireEvent.click(within(section()).getByRole('switch', { name: dataset.pack.name }));
    await waitFor(async () => expect((await getSettings()).disabledPacks).toEqual([BUILT_IN_PACK_ID]));
    await waitFor(() => expect(rows()[0]!.on).toBe(false));
    fireEvent.click(within(section()).getByRole('switch', { name: dataset.pack.name }));
    await waitFor(async () => expect((await getSettings()).disabledPacks).toEqual([]));
  });

  it('builds its rows from the index and the setting', () => {
    const imported = [{ meta: examplePack().pack, counts: { topics: 6, terms: 17, findings: 8 }, importedAt: '2026-12-05T00:00:00.000Z' }];
    expect(packsView(imported, [EXAMPLE_ID]).map((pack) => [pack.id, pack.builtIn, pack.on])).toEqual([
      [BUILT_IN_PACK_ID, true, true],
      [EXAMPLE_ID, false, false],
    ]);
    expect(withPackEnabled(['a', 'b'], 'a', true)).toEqual(['b']);
    expect(withPackEnabled(['b'], 'a', false)).toEqual(['b', 'a']);
    expect(withPackEnabled(['a'], 'a', false)).toEqual(['a']);
  });
});

describe('importing a pack', COMPILING_TESTS, () => {
  it('imports a valid pack file and lists it after the built-in one, with its counts', async () => {
    await renderOptions();
    await importExample();
    await waitFor(() => expect(rows()).toHaveLength(2));
    const imported = rows()[1]!;
    expect(imported).toMatchObject({ name: EXAMPLE_NAME, on: true });
    expect(imported.text).toContain('Policy Lens example · version 1.0.0 · December 2026');
    expect(imported.text).toContain('6 topics, 17 terms, 8 findings');
    expect(within(imported.item).getByRole('button', { name: `Remove the note pack ${EXAMPLE_NAME}` })).toBeTruthy();
    expect((await listPacks(fakeBrowser as never)).map((entry) => entry.meta.id)).toEqual([EXAMPLE_ID]);
    expect((await readPack(fakeBrowser as never, EXAMPLE_ID))?.notes.topics[0]?.id).toBe(`${EXAMPLE_ID}/nato`);
  });

  it('imports a file dropped on the section', async () => {
    await renderOptions();
    const file = new File([exampleText()], 'dropped.json', { type: 'application/json' });
    fireEvent.dragEnter(section(), { dataTransfer: { types: ['Files'], files: [file] } });
    expect(section().classList.contains('pl-packs--drop')).toBe(true);
    expect(within(section()).getByText('Drop the pack file to import it.')).toBeTruthy();
    fireEvent.drop(section(), { dataTransfer: { types: ['Files'], files: [file] } });
    expect(section().classList.contains('pl-packs--drop')).toBe(false);
    await waitFor(() => expect(rows().map((row) => row.name)).toEqual([dataset.pack.name, EXAMPLE_NAME]), COMPILE_WAIT);
  });

  it('ignores a drag that carries no file', async () => {
    await renderOptions();
    fireEvent.dragEnter(section(), { dataTransfer: { types: ['text/plain'], files: [] } });
    expect(section().classList.contains('pl-packs--drop')).toBe(false);
  });

  it('turns an imported pack off and on', async () => {
    await renderOptions();
    await importExample();
    fireEvent.click(await within(section()).findByRole('switch', { name: EXAMPLE_NAME }));
    await waitFor(async () => expect((await getSettings()).disabledPacks).toEqual([EXAMPLE_ID]));
    await waitFor(() => expect(rows()[1]!.on).toBe(false));
    fireEvent.click(within(section()).getByRole('switch', { name: EXAMPLE_NAME }));
    await waitFor(async () => expect((await getSettings()).disabledPacks).toEqual([]));
  });

  it('removes an imported pack: its storage keys go, and its id leaves disabledPacks', async () => {
    await renderOptions();
    await importExample();
    await updateSettings({ disabledPacks: [BUILT_IN_PACK_ID, EXAMPLE_ID] });
    fireEvent.click(await within(section()).findByRole('button', { name: `Remove the note pack ${EXAMPLE_NAME}` }));
    await waitFor(() => expect(status()).toBe(`Removed “${EXAMPLE_NAME}”.`));
    const local = await fakeBrowser.storage.local.get(null);
    expect(local).toEqual({ [PACKS_INDEX_KEY]: [] });
    expect(Object.keys(local).filter((key) => key.startsWith('pack:'))).toEqual([]);
    await waitFor(async () => expect((await getSettings()).disabledPacks).toEqual([BUILT_IN_PACK_ID]));
    await waitFor(() => expect(rows().map((row) => row.name)).toEqual([dataset.pack.name]));
  });

  it('shows the list as it is when it says what was imported or removed, without waiting for the storage watcher', async () => {
    // No change events at all: the list must come from the import and the removal themselves.
    vi.spyOn(browser.storage.onChanged, 'addListener').mockImplementation(() => {});
    await renderOptions();
    await importExample();
    expect(rows().map((row) => row.name)).toEqual([dataset.pack.name, EXAMPLE_NAME]);
    fireEvent.click(within(section()).getByRole('button', { name: `Remove the note pack ${EXAMPLE_NAME}` }));
    await waitFor(() => expect(status()).toBe(`Removed “${EXAMPLE_NAME}”.`));
    expect(rows().map((row) => row.name)).toEqual([dataset.pack.name]);
  });

  it('shows what a replacement changes, stores nothing on Cancel, and replaces only on Replace', async () => {
    await renderOptions();
    await importExample();
    const newer = packText((pack) => {
      pack.pack.version = '1.1.0';
      pack.topics[0]!.terms.push({ text: 'Atlantic Alliance' });
    });
    const before = await storageSnapshot();

    choosePackFile(newer, 'newer.json');
    const question = await within(section()).findByRole('group', { name: `You already have the note pack “${EXAMPLE_NAME}”. Replace it with the file you chose?` }, COMPILE_WAIT);
    expect(within(question).getAllByRole('listitem').map((item) => item.textContent)).toEqual([
      'Version: 1.0.0 → 1.1.0',
      'Topics: 6 → 6',
      'Terms: 17 → 18',
      'Findings: 8 → 8',
    ]);
    // Focus moves in an effect, after the question is painted.
    await waitFor(() => expect(document.activeElement).toBe(within(question).getByRole('button', { name: 'Cancel' })));
    expect(await storageSnapshot()).toBe(before);

    fireEvent.click(within(question).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(status()).toBe(`Kept “${EXAMPLE_NAME}” as it was. Nothing was changed.`));
    expect(within(section()).queryByRole('group')).toBeNull();
    await waitFor(() => expect(document.activeElement).toBe(within(section()).getByLabelText('Import a pack…')));
    expect(await storageSnapshot()).toBe(before);

    choosePackFile(newer, 'newer.json');
    const again = await within(section()).findByRole('group', {}, COMPILE_WAIT);
    expect(await storageSnapshot()).toBe(before);
    fireEvent.click(within(again).getByRole('button', { name: 'Replace' }));
    await waitFor(() => expect(status()).toBe(`Replaced “${EXAMPLE_NAME}”; version 1.1.0 is in use now.`));
    const packs = await listPacks(fakeBrowser as never);
    expect(packs.map((entry) => [entry.meta.version, entry.counts.terms])).toEqual([['1.1.0', 18]]);
    await waitFor(() => expect(rows()[1]!.text).toContain('18 terms'));
  });

  it('names a changed pack name in the replacement question', async () => {
    await renderOptions();
    await importExample();
    choosePackFile(packText((pack) => (pack.pack.name = 'Treaties, revised')));
    const question = await within(section()).findByRole('group', {}, COMPILE_WAIT);
    expect(within(question).getAllByRole('listitem')[0]!.textContent).toBe(`Name: ${EXAMPLE_NAME} → Treaties, revised`);
  });

  it('refuses an invalid pack, listing every problem as text, and storage stays byte-identical', async () => {
    await renderOptions();
    await importExample();
    const before = await storageSnapshot();
    const invalid = packText((pack) => {
      pack.findings[0]!.topics = ['no-such-topic'];
      pack.findings[1]!.citation.report = 'no-such-report';
    });
    choosePackFile(invalid, 'broken <b>pack</b>.json');
    const alert = await within(section()).findByRole('alert', {}, COMPILE_WAIT);
    expect(alert.querySelector('p')?.textContent).toBe(
      'Not imported: “broken <b>pack</b>.json” is not a note pack Policy Lens can use. Nothing was changed. The problems:',
    );
    const problems = within(alert).getAllByRole('listitem').map((item) => item.textContent);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toBe('finding "nato-article-5": unknown topic "no-such-topic"');
    expect(problems[1]).toMatch(/no-such-report/);
    expect(alert.querySelector('b')).toBeNull();
    expect(await storageSnapshot()).toBe(before);
  });

  it('refuses a file that is not JSON, and one that is no pack at all', async () => {
    await renderOptions();
    const before = await storageSnapshot();
    choosePackFile('{ not json');
    const alert = await within(section()).findByRole('alert');
    expect(within(alert).getByRole('listitem').textContent).toMatch(/^the file is not JSON/);
    choosePackFile('[1, 2]');
    await waitFor(() => expect(within(within(section()).getByRole('alert')).getByRole('listitem').textContent).toBe('(root): a note pack is a JSON object'));
    expect(await storageSnapshot()).toBe(before);
  });

  it('refuses a file larger than a pack may be without reading it', async () => {
    await renderOptions();
    const before = await storageSnapshot();
    const file = new File(['x'], 'huge.json', { type: 'application/json' });
    Object.defineProperty(file, 'size', { value: PACK_LIMITS.fileBytes + 1 });
    const read = vi.spyOn(file, 'text');
    fireEvent.change(within(section()).getByLabelText('Import a pack…'), { target: { files: [file] } });
    const alert = await within(section()).findByRole('alert');
    expect(within(alert).getByRole('listitem').textContent).toBe(
      `the file is ${PACK_LIMITS.fileBytes + 1} bytes; a note pack may be at most ${PACK_LIMITS.fileBytes} bytes`,
    );
    expect(read).not.toHaveBeenCalled();
    expect(await storageSnapshot()).toBe(before);
  });

  it('renders markup in a pack as text', async () => {
    await renderOptions();
    const hostile = packText((pack) => {
      pack.pack.name = '<img src=x onerror="alert(1)">Pack';
      pack.pack.publisher = '<script>alert(2)</script>';
    });
    choosePackFile(hostile);
    await waitFor(() => expect(status()).toMatch(/^Imported/), COMPILE_WAIT);
    expect(rows()[1]!.name).toBe('<img src=x onerror="alert(1)">Pack');
    expect(section().querySelector('img, script')).toBeNull();
    expect(status()).toContain('“<img src=x onerror="alert(1)">Pack”');
  });

  it('shows a storage failure, and lists nothing new', async () => {
    await renderOptions();
    vi.spyOn(fakeBrowser.storage.local, 'set').mockRejectedValue(new Error('QUOTA_BYTES quota exceeded'));
    choosePackFile(exampleText());
    const alert = await within(section()).findByRole('alert', {}, COMPILE_WAIT);
    expect(alert.textContent).toBe('The note packs could not be changed: QUOTA_BYTES quota exceeded');
    expect(rows()).toHaveLength(1);
    expect(await fakeBrowser.storage.local.get(packKey(EXAMPLE_ID))).toEqual({});
  });

  it('lists a pack imported elsewhere (another tab, a settings import) as soon as it is stored', async () => {
    await renderOptions();
    await fakeBrowser.storage.local.set({
      [PACKS_INDEX_KEY]: [{ meta: examplePack().pack, counts: { topics: 6, terms: 17, findings: 8 }, importedAt: '2026-12-05T00:00:00.000Z' }],
    });
    await waitFor(() => expect(rows().map((row) => row.name)).toEqual([dataset.pack.name, EXAMPLE_NAME]));
  });
});

describe('a settings file that carries note packs', COMPILING_TESTS, () => {
  it('imports the settings and the packs, and the section lists them', async () => {
    await renderOptions();
    const settingsFile = JSON.stringify({ format: 'policy-lens-settings', version: 3, settings: { theme: 'dark' }, packs: [exampleText()] });
    fireEvent.change(screen.getByLabelText('Import settings…'), { target: { files: [new File([settingsFile], 'settings.json')] } });
    expect(await screen.findByText('Settings imported, with 1 note pack.', {}, COMPILE_WAIT)).toBeTruthy();
    await waitFor(() => expect(rows().map((row) => row.name)).toEqual([dataset.pack.name, EXAMPLE_NAME]));
    expect((await getSettings()).theme).toBe('dark');
  });

  it('refuses the whole file when a pack in it is invalid, naming it, and storage stays byte-identical', async () => {
    await renderOptions();
    const before = await storageSnapshot();
    const invalid = packText((pack) => (pack.findings[0]!.topics = ['no-such-topic']));
    const settingsFile = JSON.stringify({ format: 'policy-lens-settings', version: 3, settings: { theme: 'dark' }, packs: [invalid] });
    fireEvent.change(screen.getByLabelText('Import settings…'), { target: { files: [new File([settingsFile], 'settings.json')] } });
    const alert = await screen.findByRole('alert', {}, COMPILE_WAIT);
    expect(alert.textContent).toBe(
      `Not imported: The note pack “${EXAMPLE_NAME}” (${EXAMPLE_ID}) in this file is not valid: finding "nato-article-5": unknown topic "no-such-topic". Nothing was changed.`,
    );
    expect(await storageSnapshot()).toBe(before);
    expect(rows()).toHaveLength(1);
  });
});

describe('the note packs section, accessibility', COMPILING_TESTS, () => {
  /** axe-core on the section; happy-dom computes no colours, so 'color-contrast' is off (see view.test.tsx). */
  async function axeViolations(container: Element) {
    const results = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });
    return results.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.html).join(' | ')}`);
  }

  it('has no axe violations with a pack, a replacement question and a refusal', async () => {
    await renderOptions();
    await importExample();
    choosePackFile(packText((pack) => (pack.pack.version = '2.0')));
    await within(section()).findByRole('group', {}, COMPILE_WAIT);
    expect(await axeViolations(section())).toEqual([]);
    choosePackFile('{}');
    await within(section()).findByRole('alert', {}, COMPILE_WAIT);
    expect(await axeViolations(section())).toEqual([]);
  });
});

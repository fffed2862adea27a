// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { dataset } from '@/src/data';
import { Options } from '@/src/options/Options';
import { extraSitesView } from '@/src/options/controller';
import { DEFAULT_SETTINGS, getSettings, updateSettings } from '@/src/settings';
import { useEnglishMessages } from '../support/messages';

const [first] = dataset.topics;
if (!first) throw new Error('the bundled data needs a topic');

const syncSnapshot = async () => JSON.stringify(await fakeBrowser.storage.sync.get(null));

beforeEach(async () => {
  fakeBrowser.reset();
  useEnglishMessages();
  vi.spyOn(browser.commands, 'getAll').mockImplementation(async () => [
    { name: 'next-mention', description: 'Open the note on the next marked mention', shortcut: 'Alt+Shift+N' },
  ]);
  await updateSettings({ highlightStyle: 'background', pausedSites: ['example.com'] });
});
afterEach(cleanup);

async function renderOptions() {
  render(<Options />);
  return screen.findByRole('heading', { level: 1, name: 'Policy Lens settings' });
}

function chooseFile(text: string) {
  const file = new File([text], 'settings.json', { type: 'application/json' });
  fireEvent.change(screen.getByLabelText('Import settings…'), { target: { files: [file] } });
}

describe('Options (connected)', () => {
  it('shows the stored settings and the browser’s shortcuts', async () => {
    await renderOptions();
    expect((screen.getByRole('radio', { name: 'Background' }) as HTMLInputElement).checked).toBe(true);
    expect(screen.getByText('example.com')).toBeTruthy();
    expect(await screen.findByText('Alt+Shift+N')).toBeTruthy();
  });

  it('writes a topic switch to storage', async () => {
    await renderOptions();
    fireEvent.click(screen.getByRole('switch', { name: first.label }));
    await waitFor(async () => expect((await getSettings()).disabledTopics).toEqual([first.id]));
  });

  it('refuses an invalid file with a message naming the problem, and changes nothing', async () => {
    await renderOptions();
    const before = await syncSnapshot();
    chooseFile('{ "format": "policy-lens-settings", "version": 1, "settings": { "theme": "purple" } }');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/^Not imported: .*"theme".*Nothing was changed\.$/);
    expect(await syncSnapshot()).toBe(before);

    chooseFile('{ not json');
    await waitFor(() => expect(screen.getByRole('alert').textContent).toMatch(/not valid JSON/));
    expect(await syncSnapshot()).toBe(before);
  });

  it('imports a valid file', async () => {
    await renderOptions();
    chooseFile(JSON.stringify({ format: 'policy-lens-settings', version: 1, settings: { theme: 'dark' } }));
    expect(await screen.findByText('Settings imported.')).toBeTruthy();
    expect((await getSettings()).theme).toBe('dark');
  });

  it('resets only after confirmation', async () => {
    await renderOptions();
    const before = await syncSnapshot();
    fireEvent.click(screen.getByRole('button', { name: 'Reset to defaults…' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Cancel' }));
    expect(await syncSnapshot()).toBe(before);

    fireEvent.click(screen.getByRole('button', { name: 'Reset to defaults…' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Reset settings' }));
    expect(await screen.findByText('Settings are back to their defaults.')).toBeTruthy();
    expect(await getSettings()).toEqual({ ...DEFAULT_SETTINGS });
    expect((screen.getByRole('radio', { name: 'Underline' }) as HTMLInputElement).checked).toBe(true);
  });
});

describe('extraSitesView', () => {
  it('separates all sites from single sites and labels them for readers', () => {
    expect(
      extraSitesView(['http://*/*', 'http://old.example.net/*', 'https://*/*', 'https://www.example.org/*']),
    ).toEqual({
      allSites: true,
      sites: [
        { origin: 'http://old.example.net/*', label: 'http://old.example.net' },
        { origin: 'https://www.example.org/*', label: 'www.example.org' },
      ],
    });
    expect(extraSitesView([]).allSites).toBe(false);
  });
});

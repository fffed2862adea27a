import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repoRoot = resolve(import.meta.dirname, '../..');

/** A fixed data set, so the expected lines do not move when the bundled notes do. */
const fixtureData = {
  wordLists: {},
  otherReadings: [],
  contexts: [
    {
      id: 'october-attack',
      reason: 'Needs the attack nearby.',
      needs: [{ anyOf: ['Hamas'], within: 'paragraph' }],
      examples: { marked: ['Hamas attacked on 10/7.'] },
    },
  ],
  topics: [
    { id: 'defense-treaty', label: 'Treaty', summary: 'x', terms: [{ text: 'mutual defense treaty' }] },
    { id: 'october-7', label: 'Oct. 7', summary: 'x', terms: [{ text: '10/7', context: 'october-attack' }] },
    { id: 'nuclear-iran', label: 'Iran', summary: 'x', terms: [{ text: 'nuclear Iran' }] },
  ],
};

const plainText =
  'The U.S.-Israel mutual\ndefense treaty is debated.\n\n' +
  'Hamas attacked on 10/7.\r\n \r\n' +
  'On 10/7 the store opened.\n\n\n' +
  'A nuclear\u00a0Iran.';

const page = `<!doctype html>
<html><head><title>Mutual defense treaty</title><style>p::after { content: "mutual defense treaty" }</style></head>
<body>
<h1>The <b>mutual</b> defense <a href="#">treaty</a></h1>
<p>Hamas attacked on 10/7.<script>var t = "mutual defense treaty";</script></p>
<p>On 10/7 the store opened.</p>
<pre>mutual defense treaty</pre><p><code>mutual defense treaty</code> <kbd>mutual defense treaty</kbd></p>
<div hidden>mutual defense treaty</div><p aria-hidden="true">mutual defense treaty</p>
<div contenteditable="true">mutual defense treaty</div><textarea>mutual defense treaty</textarea>
<noscript>mutual defense treaty</noscript><template><p>mutual defense treaty</p></template>
<svg><text>mutual defense treaty</text></svg><math><mi>mutual defense treaty</mi></math>
<form><input value="mutual defense treaty"><select><option>mutual defense treaty</option></select></form>
<ul><li>a nuclear</li><li>Iran</li></ul>
<p>a nuclear <span>Ir</span>an &amp; more</p>
</body></html>`;

/**
 * The page's text as the scan reads it, as the page marker does: its blocks joined by blank lines.
 * Hidden and editable blocks are read (their words may give context) but never marked; a skipped
 * element (the script) ends a run of text with a break.
 */
const pageText = [
  'The mutual defense treaty',
  'Hamas attacked on 10/7.\n',
  'On 10/7 the store opened.',
  'mutual defense treaty',
  'mutual defense treaty',
  'mutual defense treaty',
  'a nuclear',
  'Iran',
  'a nuclear Iran & more',
].join('\n\n');

let dir: string;
let dataFile: string;
let textFile: string;
let pageFile: string;

function scan(...args: string[]): ReturnType<typeof spawnSync> & { stdout: string; stderr: string } {
  return spawnSync('npx', ['tsx', 'scripts/scan.ts', ...args], { cwd: repoRoot, encoding: 'utf8', timeout: 60_000 });
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'policy-lens-scan-'));
  dataFile = join(dir, 'data.json');
  textFile = join(dir, 'article.txt');
  pageFile = join(dir, 'article.html');
  writeFileSync(dataFile, JSON.stringify(fixtureData));
  writeFileSync(textFile, plainText);
  writeFileSync(pageFile, page);
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

// Each test starts tsx through npx, which takes seconds on a busy machine.
describe('npm run scan', { timeout: 60_000 }, () => {
  it('prints one JSON line per file and nothing else; plain text offsets point into the file', () => {
    const result = scan('--data', dataFile, textFile, pageFile);
    expect(result.status).toBe(0);
    const textLine = {
      file: textFile,
      mentions: [
        { topic: 'defense-treaty', term: 'mutual defense treaty', text: 'mutual\ndefense treaty', start: 16, end: 37 },
        { topic: 'october-7', term: '10/7', text: '10/7', start: 69, end: 73 },
        { topic: 'nuclear-iran', term: 'nuclear Iran', text: 'nuclear\u00a0Iran', start: 109, end: 121 },
      ],
    };
    const pageLine = {
      file: pageFile,
      mentions: [
        { topic: 'defense-treaty', term: 'mutual defense treaty', text: 'mutual defense treaty', start: 4, end: 25 },
        { topic: 'october-7', term: '10/7', text: '10/7', start: 45, end: 49 },
        { topic: 'nuclear-iran', term: 'nuclear Iran', text: 'nuclear Iran', start: pageText.indexOf('nuclear Iran'), end: pageText.indexOf('nuclear Iran') + 12 },
      ],
    };
    expect(result.stdout).toBe(`${JSON.stringify(textLine)}\n${JSON.stringify(pageLine)}\n`);
    for (const mention of textLine.mentions) expect(plainText.slice(mention.start, mention.end)).toBe(mention.text);
    for (const mention of pageLine.mentions) expect(pageText.slice(mention.start, mention.end)).toBe(mention.text);
  });

  it('reports an unreadable file on stderr, exits nonzero and still scans the others', () => {
    const missing = join(dir, 'missing.txt');
    const result = scan('--data', dataFile, missing, textFile);
    expect(result.status).toBe(1);
    const lines = result.stdout.split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toBe('');
    expect(JSON.parse(lines[0]!)).toMatchObject({ file: textFile });
    expect(result.stderr).toContain(missing);
  });

  it('scans with the bundled notes by default', () => {
    const result = scan(textFile);
    expect(result.status).toBe(0);
    const line = JSON.parse(result.stdout) as { file: string; mentions: Array<{ term: string; text: string }> };
    expect(line.file).toBe(textFile);
    expect(line.mentions.map((mention) => mention.text)).toContain('mutual\ndefense treaty');
  });

  it('prints usage on stderr when given no files', () => {
    const result = scan();
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('usage');
  });
});

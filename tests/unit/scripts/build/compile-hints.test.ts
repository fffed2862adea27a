import { describe, expect, it } from 'vitest';
import { COMPILE_HINT, compileHintsPlugin } from '@/scripts/build/compile-hints';

type Output = { type: 'chunk'; fileName: string; code: string } | { type: 'asset'; fileName: string; source: string };

function writeBundle(outputs: Output[], files?: string[]): Record<string, Output> {
  const bundle = Object.fromEntries(outputs.map((output) => [output.fileName, output]));
  const plugin = compileHintsPlugin(files);
  (plugin.generateBundle as (options: unknown, bundle: Record<string, Output>) => void)({}, bundle);
  return bundle;
}

describe('compile hints', () => {
  it('puts the hint on its own first line of the named scripts only', () => {
    const bundle = writeBundle([
      { type: 'chunk', fileName: 'content-scripts/content.js', code: '(function(){})();' },
      { type: 'chunk', fileName: 'card.js', code: 'var a=1;' },
      { type: 'chunk', fileName: 'background.js', code: 'var b=2;' },
      { type: 'asset', fileName: 'content-scripts/content.css', source: 'a{}' },
    ]);
    expect(bundle['content-scripts/content.js']).toMatchObject({ code: `${COMPILE_HINT}\n(function(){})();` });
    expect(bundle['card.js']).toMatchObject({ code: `${COMPILE_HINT}\nvar a=1;` });
    expect(bundle['background.js']).toMatchObject({ code: 'var b=2;' });
    expect(bundle['content-scripts/content.css']).toMatchObject({ source: 'a{}' });
  });

  it('adds it once, when the same bundle is written again', () => {
    const bundle = writeBundle([{ type: 'chunk', fileName: 'x.js', code: `${COMPILE_HINT}\nvar x;` }], ['x.js']);
    expect(bundle['x.js']).toMatchObject({ code: `${COMPILE_HINT}\nvar x;` });
  });

  it("is V8's magic comment, a line comment every engine parses as one", () => {
    expect(COMPILE_HINT).toBe('//# allFunctionsCalledOnLoad');
  });
});

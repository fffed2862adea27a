/**
 * Facts about JSON text that `JSON.parse` does not give: how deeply it nests
 * (checked before parsing, so hostile files never reach the parser) and where
 * the first syntax error is, as a line and column a reader can find (engines
 * word and place their own errors differently).
 */

/** Where JSON text stops being valid. */
export interface JsonSyntaxError {
  /** 1-based line. */
  line: number;
  /** 1-based column, in characters. */
  column: number;
  /** The offending character, or null when the text ends too early. */
  found: string | null;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPENERS = new Set([0x5b, 0x7b]);
const CLOSERS = new Set([0x5d, 0x7d]);

/** Deepest nesting of arrays and objects in JSON text, counted without parsing; string contents are skipped. */
export function maxNestingDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (inString) {
      if (code === BACKSLASH) index++;
      else if (code === QUOTE) inString = false;
    } else if (code === QUOTE) {
      inString = true;
    } else if (OPENERS.has(code)) {
      deepest = Math.max(deepest, ++depth);
    } else if (CLOSERS.has(code)) {
      depth--;
    }
  }
  return deepest;
}

class Stop {
  constructor(readonly index: number) {}
}

/**
 * The first place where `text` breaks the JSON grammar, or null when it is
 * valid JSON. Recursive: call it only on text whose nesting depth is bounded
 * (see `maxNestingDepth`).
 */
export function locateJsonSyntaxError(text: string): JsonSyntaxError | null {
  let at = 0;
  const fail = (): never => {
    throw new Stop(at);
  };
  const skipSpace = () => {
    while (at < text.length && ' \t\n\r'.includes(text.charAt(at))) at++;
  };
  const expect = (char: string) => {
    if (text.charAt(at) !== char) fail();
    at++;
  };
  const digits = () => {
    const start = at;
    while (/[0-9]/.test(text.charAt(at))) at++;
    if (at === start) fail();
  };
  const string = () => {
    expect('"');
    for (;;) {
      if (at >= text.length) fail();
      const code = text.charCodeAt(at);
      if (code === QUOTE) {
        at++;
        return;
      }
      if (code < 0x20) fail();
      if (code !== BACKSLASH) {
        at++;
        continue;
      }
      at++;
      const escape = text.charAt(at);
      if (escape === 'u') {
        for (let hex = 0; hex < 4; hex++) {
          at++;
          if (!/[0-9a-fA-F]/.test(text.charAt(at))) fail();
        }
        at++;
      } else if (escape !== '' && '"\\/bfnrt'.includes(escape)) {
        at++;
      } else {
        fail();
      }
    }
  };
  const number = () => {
    if (text.charAt(at) === '-') at++;
    if (text.charAt(at) === '0') at++;
    else digits();
    if (text.charAt(at) === '.') {
      at++;
      digits();
    }
    if (text.charAt(at) === 'e' || text.charAt(at) === 'E') {
      at++;
      if (text.charAt(at) === '+' || text.charAt(at) === '-') at++;
      digits();
    }
  };
  const sequence = (close: string, item: () => void) => {
    at++;
    skipSpace();
    if (text.charAt(at) === close) {
      at++;
      return;
    }
    for (;;) {
      item();
      skipSpace();
      if (text.charAt(at) !== ',') break;
      at++;
    }
    expect(close);
  };
  const value = (): void => {
    skipSpace();
    const char = text.charAt(at);
    if (char === '{') {
      sequence('}', () => {
        skipSpace();
        string();
        skipSpace();
        expect(':');
        value();
      });
    } else if (char === '[') {
      sequence(']', value);
    } else if (char === '"') {
      string();
    } else if (char === '-' || /[0-9]/.test(char)) {
      number();
    } else if (char === 't' || char === 'f' || char === 'n') {
      for (const expected of char === 't' ? 'true' : char === 'f' ? 'false' : 'null') expect(expected);
    } else {
      fail();
    }
  };

  try {
    value();
    skipSpace();
    if (at < text.length) fail();
    return null;
  } catch (stop) {
    if (!(stop instanceof Stop)) throw stop;
    return positionOf(text, stop.index);
  }
}

function positionOf(text: string, index: number): JsonSyntaxError {
  const before = text.slice(0, index);
  const lineStart = before.lastIndexOf('\n') + 1;
  const codePoint = text.codePointAt(index);
  return {
    line: before.split('\n').length,
    column: index - lineStart + 1,
    found: codePoint === undefined ? null : String.fromCodePoint(codePoint),
  };
}

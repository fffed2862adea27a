import { describe, expect, it } from 'vitest';
import { CharKind, isPictographic, isWordAt, kindByExpression, kindOf, quickKindOf, WORD_CHAR_SOURCE } from '@/src/matching/characters';

describe('character kinds', () => {
  it('decides the common blocks without an expression, exactly as the expressions do, over every code unit', () => {
    const disagreements: string[] = [];
    for (let code = 0; code <= 0xffff; code += 1) {
      const quick = quickKindOf(code);
      if (quick === CharKind.Unknown) continue;
      if (quick !== kindByExpression(code)) disagreements.push(`U+${code.toString(16).padStart(4, '0')}: ${quick} vs ${kindByExpression(code)}`);
    }
    expect(disagreements).toEqual([]);
    // The blocks it claims are covered in full.
    for (const code of [0, 0x41, 0x7f, 0xa0, 0xe9, 0xff, 0x2014, 0x2019, 0x201c, 0x206f]) expect(quickKindOf(code)).not.toBe(CharKind.Unknown);
    // What news pages showed past those (corpus pages that compiled the expressions for them): "Č", "š",
    // "→", "€", "™", "中", "。", "「", "한", "？", an icon font's glyph, the emoji variation selector, and
    // language menus' "Русский", "Ελληνικά", "עברית", "العربية", "فارسی", "हिन्दी", "বাংলা", "ไทย", "Հայերեն".
    const seen = [0x10c, 0x161, 0x2192, 0x20ac, 0x2122, 0x4e2d, 0x3002, 0x300c, 0xd55c, 0xff1f, 0xe001, 0xfe0f];
    const menus = ['Русский', 'Ελληνικά', 'עברית', 'العربية', 'فارسی', 'हिन्दी', 'বাংলা', 'ไทย', 'Հայերեն', 'Azərbaycan'];
    for (const code of [...seen, ...menus.flatMap((name) => [...name].map((char) => char.charCodeAt(0)))]) {
      expect(quickKindOf(code), `U+${code.toString(16)}`).not.toBe(CharKind.Unknown);
    }
  });

  it('takes emoji for symbols without an expression, as the expression does', () => {
    const wordChar = new RegExp(`^${WORD_CHAR_SOURCE}$`, 'u');
    const disagreements: string[] = [];
    for (let codePoint = 0x1f300; codePoint <= 0x1faff; codePoint += 1) {
      if (isPictographic(codePoint) && wordChar.test(String.fromCodePoint(codePoint))) disagreements.push(codePoint.toString(16));
    }
    expect(disagreements).toEqual([]);
    expect(isPictographic(0x1f600)).toBe(true);
    expect(isPictographic(0x1d400)).toBe(false); // mathematical bold A: a letter, for the expression to decide
    expect(isWordAt('a😀', 1)).toBe(false);
    expect(isWordAt('a😀', 2)).toBe(false);
    expect(isWordAt('𝐀', 0)).toBe(true);
  });

  it('leaves other scripts to the expressions', () => {
    expect(quickKindOf(0x10d0)).toBe(CharKind.Unknown); // Georgian an
    expect(kindOf(0x10d0)).toBe(CharKind.Word);
    expect(kindOf(0x3000)).toBe(CharKind.Separator); // ideographic space
    expect(kindOf(0x0301)).toBe(CharKind.Word); // combining acute accent
  });
});

import { describe, expect, it } from 'vitest';
import { CharKind, kindByExpression, kindOf, quickKindOf } from '@/src/matching/characters';

describe('character kinds', () => {
  it('decides ASCII, Latin-1 and General Punctuation without an expression, exactly as the expressions do', () => {
    const disagreements: string[] = [];
    for (let code = 0; code < 0x3000; code += 1) {
      const quick = quickKindOf(code);
      if (quick === CharKind.Unknown) continue;
      if (quick !== kindByExpression(code)) disagreements.push(`U+${code.toString(16).padStart(4, '0')}: ${quick} vs ${kindByExpression(code)}`);
    }
    expect(disagreements).toEqual([]);
    // The blocks it claims are covered in full.
    for (const code of [0, 0x41, 0x7f, 0xa0, 0xe9, 0xff, 0x2014, 0x2019, 0x201c, 0x206f]) expect(quickKindOf(code)).not.toBe(CharKind.Unknown);
  });

  it('leaves other scripts to the expressions', () => {
    expect(quickKindOf(0x05d0)).toBe(CharKind.Unknown); // Hebrew alef
    expect(kindOf(0x05d0)).toBe(CharKind.Word);
    expect(kindOf(0x3000)).toBe(CharKind.Separator); // ideographic space
    expect(kindOf(0x0301)).toBe(CharKind.Word); // combining acute accent
  });
});

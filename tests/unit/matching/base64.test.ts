import { describe, expect, it, vi } from 'vitest';
import { base64ToBytes, bytesToBase64 } from '@/src/matching/base64';
import { seededSpread } from './support';

describe('base64 for shipped tables', () => {
  it('round-trips bytes of every length remainder, through the fallback decoder', () => {
    const random = seededSpread(3);
    for (const length of [0, 1, 2, 3, 4, 5, 255, 256, 257, 70_000]) {
      const bytes = Uint8Array.from({ length }, () => random(256));
      const text = bytesToBase64(bytes);
      expect(text).toBe(Buffer.from(bytes).toString('base64'));
      expect(base64ToBytes(text, undefined)).toEqual(bytes);
    }
  });

  it('uses the engine’s own decoder where there is one', () => {
    const native = vi.fn((text: string) => Uint8Array.from(Buffer.from(text, 'base64')));
    expect([...base64ToBytes('AQID', native)]).toEqual([1, 2, 3]);
    expect(native).toHaveBeenCalledWith('AQID');
  });

  it('refuses text that is not base64', () => {
    expect(() => base64ToBytes('not base64!', undefined)).toThrow();
  });
});

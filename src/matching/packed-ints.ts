/**
 * Lists of non-negative integers as short strings, for the shipped matcher
 * tables: each number in base 32, five bits a character, most significant
 * first, every character but a number's last flagged. The characters are
 * plain ASCII that JSON never escapes, so the tables stay one JSON string
 * the engine parses natively, and decoding is one pass of `charCodeAt`.
 * Most numbers in the tables (trie steps, letters, counts) are below 32:
 * one character each, against two to six in a JSON array.
 */

/** 64 characters: the first 32 end a number, the last 32 continue it. */
const DIGITS = '0123456789abcdefghijklmnopqrstuvABCDEFGHIJKLMNOPQRSTUVWXYZ_-.~!*';
const VALUE_OF = new Int8Array(128).fill(-1);
for (let index = 0; index < DIGITS.length; index++) VALUE_OF[DIGITS.charCodeAt(index)] = index;

/** Packs non-negative safe integers. */
export function packInts(values: ArrayLike<number>): string {
  let out = '';
  for (let index = 0; index < values.length; index++) {
    let value = values[index]!;
    if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`Cannot pack ${value}`);
    let digits = DIGITS[value % 32]!;
    value = Math.floor(value / 32);
    while (value > 0) {
      digits = DIGITS[32 + (value % 32)]! + digits;
      value = Math.floor(value / 32);
    }
    out += digits;
  }
  return out;
}

/**
 * Unpacks what `packInts` packed; throws on a character it never writes or a
 * number beyond 32 bits. Runs once per page load on every table, so it
 * writes straight into a typed array (no growing array, no garbage) and
 * returns the filled part of it.
 */
export function unpackInts(packed: string): Int32Array {
  // Every number takes at least one character, so the string's length bounds their count.
  const values = new Int32Array(packed.length);
  let count = 0;
  let value = 0;
  for (let index = 0; index < packed.length; index++) {
    const code = packed.charCodeAt(index);
    const digit = code < 128 ? VALUE_OF[code]! : -1;
    if (digit < 0) throw new Error('Packed numbers hold a character they never use');
    if (digit >= 32) {
      value = value * 32 + (digit - 32);
      if (value > 0x3ffffff) throw new RangeError('Packed number does not fit in 32 bits');
    } else {
      values[count++] = value * 32 + digit;
      value = 0;
    }
  }
  if (value !== 0) throw new Error('Packed numbers end in the middle of a number');
  return values.subarray(0, count);
}

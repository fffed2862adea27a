/**
 * Bytes as base64 text, for the shipped matcher tables: JSON carries a
 * string, and the page turns it back into bytes with the engine's own
 * decoder (`Uint8Array.fromBase64`, Chrome 140 and Firefox 133 on), so a
 * page load runs no decoding loop of ours. Older engines take `atob` and one
 * copy loop. No Buffer: the same code runs in the options page and in Node.
 */

/** The base64 methods engines are adding to `Uint8Array`; not every lib knows them yet. */
interface Base64Uint8Array {
  fromBase64?: (text: string) => Uint8Array;
}
interface Base64Bytes {
  toBase64?: () => string;
}

/** Base64 of `bytes` (standard alphabet, padded). */
export function bytesToBase64(bytes: Uint8Array): string {
  const native = (bytes as Base64Bytes).toBase64;
  if (typeof native === 'function') return native.call(bytes);
  let binary = '';
  // Chunks keep `String.fromCharCode`'s argument list well inside engine limits.
  for (let at = 0; at < bytes.length; at += 0x8000) binary += String.fromCharCode(...bytes.subarray(at, at + 0x8000));
  return btoa(binary);
}

/** The bytes of base64 `text`; throws on text that is not base64. */
export function base64ToBytes(text: string, native = (Uint8Array as Base64Uint8Array).fromBase64): Uint8Array {
  if (typeof native === 'function') return native.call(Uint8Array, text);
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index);
  return bytes;
}

/**
 * Writes to `storage.sync` that report failure instead of hiding it. The sync
 * area allows 8 KB per item, 100 KB in all and (in Chrome) 120 writes a
 * minute / 1800 an hour; a refused write must reach the reader as a message,
 * never look like a save.
 */
import { browser } from 'wxt/browser';

/** Why a write failed: too big for the storage area, too many writes lately, or anything else. */
export type WriteFailureReason = 'quota' | 'rate' | 'unknown';

/** The outcome of a settings write, for the UI to show. */
export type WriteResult = { ok: true } | { ok: false; reason: WriteFailureReason; message: string };

/** storage.sync's per-item limit in bytes (the same 8 KB in Chrome and Firefox). */
export const SYNC_ITEM_MAX_BYTES = 8192;

/** Size of an item as storage.sync counts it (key plus JSON value), in UTF-8 bytes to stay on the safe side. */
export function syncItemBytes(key: string, value: unknown): number {
  return new TextEncoder().encode(key + JSON.stringify(value)).length;
}

/**
 * Sorts a storage error by its message. Chrome names the exhausted limit, in
 * either spelling ("This request exceeds the MAX_WRITE_OPERATIONS_PER_MINUTE
 * quota.", "Resource::kQuotaBytesPerItem quota exceeded"); Firefox throws a
 * `QuotaExceededError` that mentions "quota". Write-rate limits also say
 * "quota", so they are recognized first.
 */
export function classifyStorageError(error: unknown): WriteFailureReason {
  const text = error instanceof Error ? `${error.name} ${error.message}` : String(error);
  const squashed = text.replaceAll('_', '').toLowerCase();
  if (squashed.includes('maxwriteoperations') || squashed.includes('maxsustainedwriteoperations')) return 'rate';
  if (squashed.includes('quota')) return 'quota';
  return 'unknown';
}

/** The failed result for a storage error, with a message for the reader. */
export function writeFailure(error: unknown): WriteResult {
  const reason = classifyStorageError(error);
  switch (reason) {
    case 'quota':
      return { ok: false, reason, message: browser.i18n.getMessage('settingsSaveQuota') };
    case 'rate':
      return { ok: false, reason, message: browser.i18n.getMessage('settingsSaveRate') };
    default: {
      const detail = error instanceof Error ? error.message : String(error);
      return { ok: false, reason, message: browser.i18n.getMessage('settingsSaveFailed', [detail]) };
    }
  }
}

/**
 * Runs `write` for a storage.sync item unless the value is already too big
 * for one item, and turns any thrown error into a failed result.
 */
export async function guardedSyncWrite(key: string, value: unknown, write: () => Promise<void>): Promise<WriteResult> {
  if (syncItemBytes(key, value) > SYNC_ITEM_MAX_BYTES) {
    return { ok: false, reason: 'quota', message: browser.i18n.getMessage('settingsSaveQuota') };
  }
  try {
    await write();
    return { ok: true };
  } catch (error) {
    return writeFailure(error);
  }
}

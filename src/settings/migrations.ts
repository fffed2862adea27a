/**
 * How stored settings from earlier development versions become today's shape.
 *
 * History (all before the first public release; kept so that development
 * installs and exported files upgrade cleanly):
 * - v1 kept topics as a map of id → on/off (`topics`), the mark style as
 *   `style` ('underline' | 'box' | 'fill' | 'off'), `firstOnly` for marking the
 *   first mention only, and `hoverDelay` in seconds.
 * - v2 turned the map into `disabledTopics` (so topics added by later data
 *   start on), renamed `style` to `highlightStyle` and `firstOnly` to `markMode`.
 *   'box' became 'background': the CSS Custom Highlight API cannot draw borders.
 * - v3 stores `hoverDelayMs` in milliseconds and adds `theme`.
 *
 * Every step looks at the shape it receives rather than trusting the version
 * number, so running it again (or on already current data) changes nothing.
 * Values are only moved here; `repairSettings` validates them afterwards.
 */

/** The settings shape this build reads and writes. */
export const SETTINGS_VERSION = 3;

type Migration = (stored: unknown) => unknown;

const V1_STYLES = new Map<string, string>([
  ['underline', 'underline'],
  ['box', 'background'],
  ['fill', 'background'],
  ['off', 'none'],
]);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function migrateToV2(stored: unknown): unknown {
  if (!isRecord(stored)) return stored;
  const { topics, style, firstOnly, ...next } = stored;
  if (isRecord(topics) && !('disabledTopics' in next)) {
    next.disabledTopics = Object.keys(topics).filter((id) => topics[id] === false);
  }
  if (typeof style === 'string' && !('highlightStyle' in next)) {
    next.highlightStyle = V1_STYLES.get(style) ?? style;
  }
  if (typeof firstOnly === 'boolean' && !('markMode' in next)) {
    next.markMode = firstOnly ? 'first' : 'every';
  }
  return next;
}

function migrateToV3(stored: unknown): unknown {
  if (!isRecord(stored)) return stored;
  const { hoverDelay, ...next } = stored;
  if (typeof hoverDelay === 'number' && Number.isFinite(hoverDelay) && !('hoverDelayMs' in next)) {
    next.hoverDelayMs = Math.round(hoverDelay * 1000);
  }
  return next;
}

/** Migration to each version from the one before, keyed by the version it produces (the `@wxt-dev/storage` convention). */
export const SETTINGS_MIGRATIONS: Readonly<Record<number, Migration>> = Object.freeze({
  2: migrateToV2,
  3: migrateToV3,
});

/** Brings settings stored (or exported) at `fromVersion` to `SETTINGS_VERSION`. */
export function migrateSettings(stored: unknown, fromVersion: number): unknown {
  let value = stored;
  for (let version = fromVersion + 1; version <= SETTINGS_VERSION; version++) {
    value = SETTINGS_MIGRATIONS[version]?.(value) ?? value;
  }
  return value;
}

/**
 * The notes a script matches with: the bundled notes, another notes file
 * (`--data`, taken as it is) or a note pack (`--pack`, checked first exactly
 * as the options page checks it before an import).
 */
import { readFileSync } from 'node:fs';
import { dataset } from '../../src/data/index';
import { matcherSourceOf } from '../../src/data/matcher-source';
import type { Dataset } from '../../src/data/schema';
import { compileMatcher, type Matcher } from '../../src/matching/index';
import { checkPackText } from '../../src/packs/validate-pack';

/** Thrown when the file cannot be used; the message says why (a pack's problems, one per line). */
export class NotesFileError extends Error {}

/** The notes chosen by `--pack` or `--data`, or the bundled ones. */
export function notesFromOptions(options: { pack?: string; data?: string }): Dataset {
  if (options.pack) {
    const checked = checkPackText(readFileSync(options.pack, 'utf8'));
    if (!checked.ok) throw new NotesFileError(`${options.pack} is not a valid note pack:\n  ${checked.problems.join('\n  ')}`);
    return checked.pack;
  }
  if (options.data) return JSON.parse(readFileSync(options.data, 'utf8')) as Dataset;
  return dataset;
}

/** The matcher for those notes. */
export function matcherFromOptions(options: { pack?: string; data?: string }): Matcher {
  return compileMatcher(matcherSourceOf(notesFromOptions(options)));
}

/**
 * `npm run eval [-- [--pack PACK.json] DIR]`: precision and recall of the
 * extension's marks on a labelled set (default `tests/eval`, laid out as its
 * README describes), overall and per topic, with every miss and false alarm.
 * Reads pages with the same code the content script runs. Exits 1 when the
 * targets are missed: precision at least 97%, recall at least 95%, and no
 * mark on an off-topic article.
 */
import { parseArgs } from 'node:util';
import { evaluate, formatEvalReport } from './lib/evaluation';
import { matcherFromOptions } from './lib/notes-file';
import { EVAL_DIR } from './lib/paths';

export const EVAL_TARGETS = { precision: 0.97, recall: 0.95 } as const;

function main(args: string[]): number {
  const parsed = parseArgs({ args, allowPositionals: true, options: { data: { type: 'string' }, pack: { type: 'string' } } });
  const dir = parsed.positionals[0] ?? EVAL_DIR;
  const report = evaluate(dir, matcherFromOptions(parsed.values));
  process.stdout.write(`${formatEvalReport(report, dir)}\n`);
  const met = report.precision >= EVAL_TARGETS.precision && report.recall >= EVAL_TARGETS.recall && report.offTopicMarked.length === 0;
  process.stdout.write(`\nTargets (precision >= 97%, recall >= 95%, no off-topic mark): ${met ? 'met' : 'MISSED'}\n`);
  return met ? 0 : 1;
}

process.exitCode = main(process.argv.slice(2));

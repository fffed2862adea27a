/**
 * Tools for note-pack authors:
 *
 *   npm run -s pack -- check FILE...   checks packs the way the options page does before an import
 *                                      (size, shape, limits, a compile of the matcher, every rule's
 *                                      examples) and prints each problem with its path in the file.
 *   npm run -s pack -- schema          prints the pack format as JSON Schema (docs/pack.schema.json
 *                                      is this output; a test keeps the two equal).
 *
 * Exits 0 when every file is a valid pack, 1 otherwise, 2 on a usage error.
 */
import { readFileSync } from 'node:fs';
import { compilePack } from '../src/packs/compile-pack';
import { checkPackText } from '../src/packs/validate-pack';
import { packJsonSchema } from './lib/pack-schema';

const USAGE = 'usage: npm run -s pack -- check FILE...\n       npm run -s pack -- schema\n';

function check(file: string): boolean {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    process.stdout.write(`${file}: cannot read it: ${(error as Error).message}\n`);
    return false;
  }
  const result = checkPackText(text);
  if (!result.ok) {
    process.stdout.write(`${file}: ${result.problems.length} problem${result.problems.length === 1 ? '' : 's'}\n`);
    for (const problem of result.problems) process.stdout.write(`  ${problem}\n`);
    return false;
  }
  const { meta, counts } = compilePack(result.pack);
  process.stdout.write(
    `${file}: a valid note pack: "${meta.name}" (${meta.id}) version ${meta.version}, ` +
      `${counts.topics} topics, ${counts.terms} terms, ${counts.findings} findings\n`,
  );
  return true;
}

function main(args: string[]): number {
  const [command, ...files] = args;
  if (command === 'schema' && files.length === 0) {
    process.stdout.write(`${JSON.stringify(packJsonSchema(), null, 2)}\n`);
    return 0;
  }
  if (command !== 'check' || files.length === 0) {
    process.stderr.write(USAGE);
    return 2;
  }
  let ok = true;
  for (const file of files) ok = check(file) && ok;
  return ok ? 0 : 1;
}

process.exitCode = main(process.argv.slice(2));

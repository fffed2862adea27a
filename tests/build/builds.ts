import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** The two production builds every build check runs against. */
export const BUILDS = [
  { browser: 'chrome', dir: '.output/chrome-mv3' },
  { browser: 'firefox', dir: '.output/firefox-mv3' },
] as const;

export type Build = (typeof BUILDS)[number];

/** The build's manifest.json, failing loudly when the build is missing. */
export function readManifest(build: Build): Record<string, unknown> {
  const path = join(build.dir, 'manifest.json');
  if (!existsSync(path)) throw new Error(`${path} is missing: run \`npm run build\` first`);
  return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
}

/** Every file of a build, as paths relative to the build folder. */
export function listBuildFiles(build: Build): string[] {
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else files.push(relative(build.dir, path));
    }
  };
  walk(build.dir);
  return files.sort();
}

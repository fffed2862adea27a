/**
 * Which browsers the end-to-end suite runs: `E2E_BROWSERS=chromium,firefox` (default: both).
 * A browser asked for by name must exist; one only implied by the default is skipped when missing.
 */
import {
  BROWSER_KINDS,
  EXECUTABLE_ENV,
  findBrowserExecutable,
  type BrowserKind,
} from '../../../scripts/lib/browsers';

/** One browser's place in this run. */
export interface BrowserSelection {
  kind: BrowserKind;
  /** The binary to launch, when found. */
  executable: string | undefined;
  /** Named in E2E_BROWSERS (so a missing binary is an error, not a skip). */
  requested: boolean;
  /** Why the browser does not run, when it does not. */
  skipReason: string | undefined;
}

/** Parses E2E_BROWSERS; throws on a name that is not a browser we support. */
export function requestedBrowserKinds(env: NodeJS.ProcessEnv = process.env): BrowserKind[] | undefined {
  const raw = env.E2E_BROWSERS?.trim();
  if (!raw) return undefined;
  const names = raw.split(',').map((name) => name.trim().toLowerCase()).filter(Boolean);
  for (const name of names) {
    if (!(BROWSER_KINDS as readonly string[]).includes(name)) {
      throw new Error(`E2E_BROWSERS names "${name}"; expected a comma-separated list of: ${BROWSER_KINDS.join(', ')}`);
    }
  }
  return BROWSER_KINDS.filter((kind) => names.includes(kind));
}

/** The browsers this run covers, each with its binary or the reason it is skipped. */
export function selectedBrowsers(env: NodeJS.ProcessEnv = process.env): BrowserSelection[] {
  const requested = requestedBrowserKinds(env);
  return (requested ?? BROWSER_KINDS).map((kind) => {
    const executable = findBrowserExecutable(kind, env);
    const skipReason =
      executable === undefined
        ? `${kind} not found (set ${EXECUTABLE_ENV[kind]} or install it; .ci/run installs chromium and firefox-esr)`
        : undefined;
    return { kind, executable, requested: requested !== undefined, skipReason };
  });
}

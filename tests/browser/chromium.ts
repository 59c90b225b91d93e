import { existsSync } from 'node:fs';

/**
 * Where the browser tests find Chromium: ARMRU_CHROMIUM, else Debian's `chromium` package
 * (which `.ci/run` installs). playwright-core drives it; it never downloads a browser.
 */
export const CHROMIUM = process.env.ARMRU_CHROMIUM ?? '/usr/bin/chromium';

/**
 * Why the browser tests cannot run here, or undefined when they can. Locally they are then
 * skipped with this reason in their name; under CI (env CI set) a missing browser is a
 * failure instead, so CI never passes without having run them.
 */
export function chromiumMissing(): string | undefined {
  return existsSync(CHROMIUM)
    ? undefined
    : `Chromium not found at ${CHROMIUM} (set ARMRU_CHROMIUM, or install Debian's chromium)`;
}

/** Whether a missing tool must fail the run rather than skip: under CI. */
export const mustHaveTools = Boolean(process.env.CI);

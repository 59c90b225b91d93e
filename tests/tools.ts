import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { TestContext } from 'vitest';

/**
 * System tools some tests need, and the Debian package `.ci/run` installs each from. `npm test`
 * must pass on a machine with only Node, so a test that needs one of these asks
 * `requireTool` first.
 */
export const TOOL_PACKAGES: Record<string, string> = {
  bash: 'bash',
  script: 'bsdutils',
  setpriv: 'util-linux',
  dot: 'graphviz',
  zsh: 'zsh',
  fish: 'fish',
  chromium: 'chromium',
  python3: 'python3',
};

/**
 * Is a missing tool a failure here? Yes under CI: `.ci/run` sets `ARMRU_REQUIRE_TOOLS=1` after
 * installing every tool, and CI services set `CI=true`; either turns a skip into a failure, so
 * nothing is silently skipped where it matters. `0`, `false` and the empty string mean no.
 */
export function toolsRequired(env: NodeJS.ProcessEnv = process.env): boolean {
  const on = (value: string | undefined) =>
    value !== undefined && !['', '0', 'false', 'no'].includes(value.trim().toLowerCase());
  return on(env.ARMRU_REQUIRE_TOOLS) || on(env.CI);
}

/** Every executable called `name` on `PATH`, in `PATH` order. */
export function findOnPath(name: string, path = process.env.PATH ?? ''): string[] {
  const found: string[] = [];
  for (const dir of path.split(delimiter)) {
    if (!dir) continue;
    const file = join(dir, name);
    try {
      if (!statSync(file).isFile()) continue;
      accessSync(file, constants.X_OK);
      if (!found.includes(file)) found.push(file);
    } catch {
      // Not here; try the next directory.
    }
  }
  return found;
}

/** What to do about a tool: use it, skip the test (with the reason), or fail it. */
export type ToolDecision =
  | { kind: 'found'; path: string }
  | { kind: 'skip'; reason: string }
  | { kind: 'fail'; reason: string };

/** Decides, without side effects, what a test needing `name` should do in environment `env`. */
export function decideTool(name: string, env: NodeJS.ProcessEnv = process.env): ToolDecision {
  const path = findOnPath(name, env.PATH ?? '')[0];
  if (path) return { kind: 'found', path };
  const pkg = TOOL_PACKAGES[name] ?? name;
  if (toolsRequired(env)) {
    return {
      kind: 'fail',
      reason: `${name} is not on PATH, and ARMRU_REQUIRE_TOOLS or CI says every tool must be there (.ci/run installs the Debian package ${pkg})`,
    };
  }
  return {
    kind: 'skip',
    reason: `skipped: ${name} is not on PATH (install the Debian package ${pkg}, or run .ci/run)`,
  };
}

/**
 * Call at the start of a test that needs the system tool `name`: returns its path when it is on
 * `PATH`; otherwise skips the test with a visible reason, or fails it under CI. The reason is
 * also written to stderr, so it shows in the default reporter's output.
 */
export function requireTool(ctx: TestContext, name: string): string {
  const decision = decideTool(name);
  if (decision.kind === 'found') return decision.path;
  if (decision.kind === 'fail') throw new Error(decision.reason);
  process.stderr.write(`${ctx.task.name}: ${decision.reason}\n`);
  return ctx.skip(decision.reason);
}

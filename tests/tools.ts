import { spawnSync } from 'node:child_process';
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
  pandas: 'python3-pandas',
  jsonschema: 'python3-jsonschema',
};

/** A tool that is on `PATH` but must also pass a check (a Python with a module, say). */
export interface ToolCheck {
  /** What the test needs, for the message ("python3 with pandas"). */
  what: string;
  /** The Debian package that provides it. */
  pkg: string;
  /** True when the executable at this path will do. */
  works: (path: string) => boolean;
}

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
export function decideTool(
  name: string,
  env: NodeJS.ProcessEnv = process.env,
  check?: ToolCheck,
): ToolDecision {
  const candidates = findOnPath(name, env.PATH ?? '');
  const path = check ? candidates.find(check.works) : candidates[0];
  if (path) return { kind: 'found', path };
  const what = check?.what ?? name;
  const pkg = check?.pkg ?? TOOL_PACKAGES[name] ?? name;
  if (toolsRequired(env)) {
    return {
      kind: 'fail',
      reason: `${what} is not on PATH, and ARMRU_REQUIRE_TOOLS or CI says every tool must be there (.ci/run installs the Debian package ${pkg})`,
    };
  }
  return {
    kind: 'skip',
    reason: `skipped: ${what} is not on PATH (install the Debian package ${pkg}, or run .ci/run)`,
  };
}

/**
 * Call at the start of a test that needs the system tool `name`: returns its path when it is on
 * `PATH`; otherwise skips the test with a visible reason, or fails it under CI. The reason is
 * also written to stderr, so it shows in the default reporter's output.
 */
export function requireTool(ctx: TestContext, name: string, check?: ToolCheck): string {
  const decision = decideTool(name, process.env, check);
  if (decision.kind === 'found') return decision.path;
  if (decision.kind === 'fail') throw new Error(decision.reason);
  process.stderr.write(`${ctx.task.name}: ${decision.reason}\n`);
  return ctx.skip(decision.reason);
}

/** A `python3` on `PATH` that can import `module` (for example pandas): its path, or a skip. */
export function requirePython(ctx: TestContext, module: string): string {
  return requireTool(ctx, 'python3', {
    what: `python3 with ${module}`,
    pkg: TOOL_PACKAGES[module] ?? `python3-${module}`,
    works: (path) => spawnSync(path, ['-c', `import ${module}`], { stdio: 'ignore' }).status === 0,
  });
}

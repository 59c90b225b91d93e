// The question set's runner, shared by the end-to-end test and `npm run eval`: asks the built
// binary each question with --json and scores the ids it shows first.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = fileURLToPath(new URL('../../bin/armru.js', import.meta.url));

/** The questions of tests/questions/questions.json. */
export function loadQuestions() {
  const file = fileURLToPath(new URL('./questions.json', import.meta.url));
  return JSON.parse(readFileSync(file, 'utf8')).questions;
}

/** A command line as typed, split at spaces; a double-quoted run stays one argument. */
export function splitArgs(line) {
  const out = [];
  for (const m of line.matchAll(/"([^"]*)"|(\S+)/g)) out.push(m[1] ?? m[2]);
  return out;
}

/**
 * Asks one question: runs `armru <ask> --json` and returns the ids in the order shown, the
 * exit status and stderr.
 */
export function ask(question) {
  const env = { ...process.env };
  for (const name of ['NO_COLOR', 'FORCE_COLOR', 'COLUMNS', 'ARMRU_DATA', 'DEBUG'])
    delete env[name];
  const r = spawnSync(process.execPath, [BIN, ...splitArgs(question.ask), '--json'], {
    cwd: ROOT,
    env,
    encoding: 'utf8',
  });
  let ids = [];
  try {
    ids = JSON.parse(r.stdout).map((item) => item.id);
  } catch {
    ids = [];
  }
  return { ids, status: r.status, stderr: r.stderr };
}

/**
 * Scores an answer: of the first `within` rows shown, how many are expected (precision) and
 * how many of the expected ids are among them (recall).
 */
export function score(question, ids) {
  const shown = ids.slice(0, question.within);
  const hits = question.expect.filter((id) => shown.includes(id));
  return {
    shown,
    missing: question.expect.filter((id) => !shown.includes(id)),
    precision: shown.length === 0 ? 0 : hits.length / shown.length,
    recall: hits.length / question.expect.length,
  };
}

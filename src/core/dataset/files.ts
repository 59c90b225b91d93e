/**
 * Reading a dataset file and its article from disk, and every check of a parsed document.
 * Loading through the on-disk index (store/load.ts) builds on these.
 */
import { lstatSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { ArmruError, type DataProblem } from '../model/errors.js';
import { displayPath } from '../model/paths.js';
import type { Dataset, DatasetDocument } from '../model/types.js';
import { fileError, readText } from './read-text.js';
import { checkSchema } from './schema.js';
import { type Problem, verifyDocument } from './verify.js';

export { readText } from './read-text.js';

/** Problems found at JSON paths of a document read from `file`, with the claim each is in. */
export function locateProblems(
  file: string,
  doc: unknown,
  problems: (Problem & { missing?: string })[],
  code: DataProblem['code'],
): DataProblem[] {
  return problems.map((p) => {
    const claimId = claimIdAt(doc, p.path);
    return {
      file,
      code,
      path: p.path,
      message: p.message,
      ...(claimId ? { claimId } : {}),
      ...(p.missing !== undefined ? { missing: p.missing } : {}),
    };
  });
}

function claimIdAt(doc: unknown, path: string): string | undefined {
  const m = /^\$\.claims\[(\d+)\]/.exec(path);
  if (!m) return undefined;
  const claims = (doc as { claims?: unknown })?.claims;
  const claim = Array.isArray(claims) ? claims[Number(m[1])] : undefined;
  const id = (claim as { id?: unknown } | undefined)?.id;
  return typeof id === 'string' ? id : undefined;
}

function invalid(file: string, problems: DataProblem[]): ArmruError {
  const n = problems.length;
  return new ArmruError(
    'bad-data',
    `${file}: not a valid armru dataset (${n} problem${n === 1 ? '' : 's'})`,
    { problems },
  );
}

/** The in-memory dataset: the document, its article text, and lookups by id. */
export function datasetOf(file: string, doc: DatasetDocument, text: string): Dataset {
  return {
    file,
    doc,
    text,
    entityById: new Map(doc.entities.map((e) => [e.id, e])),
    topicById: new Map(doc.topics.map((t) => [t.id, t])),
    claimById: new Map(doc.claims.map((c) => [c.id, c])),
  };
}

/** The dataset files a path names: the file itself, or a directory's `*.claims.json` files. */
export function datasetFiles(path: string): string[] {
  let isDirectory = false;
  try {
    isDirectory = statSync(path).isDirectory();
  } catch {
    return [path]; // reading it will report what is wrong
  }
  if (!isDirectory) return [throughLink(path)];
  let names: string[];
  try {
    names = readdirSync(path);
  } catch (error) {
    // An unreadable directory (permissions) was an internal error.
    throw fileError(path, 'directory of datasets', error as NodeJS.ErrnoException);
  }
  const files = names
    .filter((name) => name.endsWith('.claims.json'))
    .sort()
    .map((name) => throughLink(join(path, name)));
  if (files.length === 0) {
    throw new ArmruError(
      'not-found',
      `${path}: no *.claims.json files in this directory; expected datasets named NAME.claims.json`,
    );
  }
  return files;
}

/**
 * The dataset files of every path (see datasetFiles), each file once: a folder holding a link
 * beside the file it points to, or the same file named twice, loads it once (it was refused as
 * two datasets with one source id, both named alike).
 */
export function datasetFileList(paths: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const file of paths.flatMap(datasetFiles)) {
    const key = resolve(file);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(file);
  }
  return out;
}

/**
 * A dataset file named through a symbolic link is the file it points to: its article (named
 * relative to it), its index and its name in messages are the target's, as every write goes
 * through a link to its target. The article was looked for beside the link, where it is not.
 * Named relative to the working directory where the target lies under it.
 */
function throughLink(path: string): string {
  try {
    if (!lstatSync(path).isSymbolicLink()) return path;
    const real = realpathSync(path);
    return isAbsolute(path) ? real : displayPath(real);
  } catch {
    return path; // reading it will report what is wrong
  }
}

/** Verifies an already parsed document that was read from `file` (used for relative text paths). */
export function checkDataset(doc: unknown, file: string): Dataset {
  const schemaProblems = checkSchema(doc);
  if (schemaProblems.length > 0)
    throw invalid(file, locateProblems(file, doc, schemaProblems, 'schema'));
  const valid = doc as DatasetDocument;
  const text = articleText(valid, file);
  const problems = verifyDocument(valid, text);
  if (problems.length > 0) throw invalid(file, locateProblems(file, doc, problems, 'check'));
  return datasetOf(file, valid, text);
}

/** The article text of a dataset: `source.text`, or the `source.textFile` beside the dataset file. */
export function articleText(doc: Pick<DatasetDocument, 'source'>, file: string): string {
  if (doc.source.text !== undefined) return doc.source.text;
  const name = doc.source.textFile ?? '';
  const dir = dirname(resolve(file));
  const outside = () =>
    invalid(file, [
      {
        file,
        code: 'check',
        path: '$.source.textFile',
        message: `"${name}" leaves the dataset's directory; expected a path inside it`,
      },
    ]);
  if (isAbsolute(name) || !inside(dir, resolve(dir, name))) throw outside();
  // Name the text file the way the user named the dataset (relative stays relative).
  const path = join(dirname(file), name);
  // A link inside the directory may point anywhere: judge where it really leads, and never
  // read (or quote) a file outside.
  let real: string | undefined;
  try {
    real = realpathSync(path);
  } catch {
    // missing or unreadable: reading it reports what is wrong
  }
  if (real !== undefined && !inside(realpathSync(dir), real)) {
    throw invalid(file, [
      {
        file,
        code: 'check',
        path: '$.source.textFile',
        message: `"${name}" is a link to a file outside the dataset's directory; expected the article inside it`,
      },
    ]);
  }
  return readText(path, `article text named by ${file} ($.source.textFile)`);
}

/** True when `path` is `dir` itself or below it (`..foo` is a name, not a way up). */
function inside(dir: string, path: string): boolean {
  const rel = relative(dir, path);
  return rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
}

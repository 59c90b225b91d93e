import { realpathSync } from 'node:fs';
import { basename, dirname, extname, isAbsolute, relative, resolve, sep } from 'node:path';
import { checkDataset, readText } from '../core/dataset/files.js';
import { checkWritable, type WriteOptions, writeFileAtomic } from '../core/dataset/write-file.js';
import { ArmruError } from '../core/model/errors.js';
import type { DraftResult } from '../draft/index.js';
import { toJson } from '../render/json.js';
import type { CommandContext, Outcome } from './context.js';

/** `armru draft` options after parsing. */
export interface DraftCommandOptions {
  title?: string;
  author?: string;
  published?: string;
  url?: string;
  output?: string;
  force?: boolean;
}

/** True for a relative path that stays below its directory (`..foo` is a name, not a way up). */
function inside(rel: string | undefined): rel is string {
  return (
    rel !== undefined &&
    rel !== '' &&
    rel !== '..' &&
    !rel.startsWith(`..${sep}`) &&
    !isAbsolute(rel)
  );
}

/** The article's path relative to a directory, both with links resolved; undefined if either is missing. */
function realRelative(dir: string, file: string): string | undefined {
  try {
    return relative(realpathSync(dir), realpathSync(file));
  } catch {
    return undefined;
  }
}

/**
 * `armru draft ARTICLE`: drafts a dataset from a plain-text article. The draft is checked as
 * `armru validate` checks a dataset before it is written, so what is written always loads.
 * With -o the article is referred to by a path relative to the output file, else embedded.
 */
export async function draftCommand(
  ctx: CommandContext,
  article: string,
  options: DraftCommandOptions,
): Promise<Outcome> {
  const text = readText(article, 'article');
  if (text.includes('\u0000')) {
    throw new ArmruError(
      'bad-data',
      `${article}: contains NUL bytes, so it is not plain text; expected an article as UTF-8 text`,
    );
  }
  if (text.trim() === '') {
    throw new ArmruError('bad-data', `${article}: has no text; expected an article as UTF-8 text`);
  }
  const out = options.output === '-' ? undefined : options.output;
  // Refused before any work: a draft never replaces its own article, nor (without --force) an
  // existing file, which may be a dataset an editor has spent hours on.
  const write: WriteOptions = {
    keep: [{ path: article, role: 'the article being drafted' }],
    replace: options.force === true,
    refusal: 'add --force to replace it, and any editing done in it',
  };
  if (out !== undefined) checkWritable(out, write);
  let textFile: string | undefined;
  let embedded = false;
  if (out !== undefined) {
    // The loader reads a text file only inside the dataset's directory, where it really is
    // (after links): otherwise the text goes into the draft itself.
    const rel = relative(dirname(resolve(out)), resolve(article));
    if (inside(rel) && inside(realRelative(dirname(out), article)))
      textFile = rel.split(sep).join('/');
    else embedded = true;
  }

  // The language tooling is a bundle of its own, loaded by this command alone.
  const { draftDataset } = await import('../draft/index.js');
  const result: DraftResult = draftDataset(text, {
    ...(options.title !== undefined ? { title: options.title } : {}),
    ...(options.author !== undefined ? { author: options.author } : {}),
    ...(options.published !== undefined ? { published: options.published } : {}),
    ...(options.url !== undefined ? { url: options.url } : {}),
    ...(textFile !== undefined ? { textFile } : {}),
    fallbackTitle: basename(article, extname(article)) || article,
  });
  if (result.doc.claims.length === 0) {
    throw new ArmruError(
      'bad-data',
      `${article}: has a headline but no body sentences to draft; expected the article's body after its first line`,
    );
  }

  // What is written must load: a draft that fails its own checks is a bug, not a draft.
  const where = out ?? article;
  try {
    checkDataset(result.doc, where);
  } catch (error) {
    if (error instanceof ArmruError)
      throw new Error(`the draft failed its own checks: ${error.problems[0] ?? error.message}`);
    throw error;
  }

  const json = `${toJson(result.doc, 2)}\n`;
  if (out !== undefined) await writeFileAtomic(out, json, write);
  else ctx.view.write(json);

  if (embedded)
    ctx.note(
      `${article} is not inside the directory of ${out}, so its text is embedded in the draft (source.text)`,
    );
  const { doc } = result;
  const n = (count: number, what: string) => `${count} ${what}${count === 1 ? '' : 's'}`;
  ctx.note(
    `drafted ${n(doc.claims.length, 'claim')} from ${n(result.sentences, 'sentence')}, with ${doc.entities.length === 1 ? '1 entity' : `${doc.entities.length} entities`}${out ? ` into ${out}` : ''}; every record has review: "draft" until an editor checks it`,
  );
  if (result.skippedRules.length > 0) {
    const what =
      result.language === 'und'
        ? 'the article is in no language armru can tell (inLanguage "und")'
        : `the article is in ${result.languageName} (inLanguage "${result.language}")`;
    ctx.note(
      `${what}, so the English-only rules were skipped: ${result.skippedRules.join(', ')}; every claim is the writer's, of kind background, for an editor to attribute`,
    );
  }
  if (result.titleFrom === 'file name')
    ctx.note(`no headline found; the title is the file name "${doc.source.title}" (use --title)`);
  if (result.authorFrom === 'none')
    ctx.note(`no "By ..." line found; the author is "${doc.source.author}" (use --author)`);
  if (result.publishedFrom === 'dateline')
    ctx.note(
      `the dateline gives the publication date, ${doc.source.datePublished}: relative dates are resolved against it (--published overrides it)`,
    );
  if (result.unresolvedDates.length > 0) {
    const shown = [...new Set(result.unresolvedDates)].slice(0, 5).map((d) => `"${d}"`);
    ctx.note(
      `${n(result.unresolvedDates.length, 'date')} need${result.unresolvedDates.length === 1 ? 's' : ''} --published to be resolved: ${shown.join(', ')}${result.unresolvedDates.length > 5 ? ', ...' : ''}`,
    );
  }
  return { status: 'ok' };
}

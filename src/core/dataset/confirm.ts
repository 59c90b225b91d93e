import type { ClaimRef } from '../model/corpus.js';
import type { Dataset, DatasetDocument } from '../model/types.js';
import { articleText, readText } from './files.js';
import { parseJson } from './json-text.js';
import { ArticleText, changedUnderfoot, misplacedQuotes } from './verify.js';

/**
 * The second line of trust behind every cache: before claims are shown, each quote is
 * checked against the article as it is on disk at that moment, not as a cache remembers it.
 * A claim whose words are no longer the article's words at its offsets is an error naming
 * the claim, never output.
 */

// One reading of each article per run: "on disk now" is the moment the first claim is shown.
const onDisk = new WeakMap<Dataset, ArticleText>();

/**
 * The article of a dataset read from disk now: its `textFile`, or for a self-contained
 * dataset the `source.text` of the dataset file as it is now.
 */
async function articleOnDisk(dataset: Dataset): Promise<ArticleText> {
  let article = onDisk.get(dataset);
  if (!article) {
    const source = dataset.doc.source;
    const text =
      source.text === undefined
        ? articleText({ source: { ...source } }, dataset.file)
        : await embeddedText(dataset.file);
    article = new ArticleText(text);
    onDisk.set(dataset, article);
  }
  return article;
}

async function embeddedText(file: string): Promise<string> {
  const doc = (await parseJson(readText(file, 'dataset'), file)) as Partial<DatasetDocument>;
  const text = doc?.source?.text;
  if (typeof text !== 'string') {
    throw changedUnderfoot(file, [
      {
        file,
        code: 'quote',
        path: '$.source.text',
        message: 'the article text is no longer in the dataset file',
      },
    ]);
  }
  return text;
}

/** Throws unless every claim's quote is the article's text at its offsets on disk now. */
export async function confirmQuotes(refs: readonly ClaimRef[]): Promise<void> {
  const byDataset = new Map<Dataset, ClaimRef['claim'][]>();
  for (const { dataset, claim } of refs) {
    const list = byDataset.get(dataset);
    if (list) list.push(claim);
    else byDataset.set(dataset, [claim]);
  }
  for (const [dataset, claims] of byDataset) {
    const pieces = inPieces.get(dataset);
    const problems = pieces
      ? misplacedInPieces(dataset.file, claims, pieces)
      : misplacedQuotes(dataset.file, claims, await articleOnDisk(dataset));
    if (problems.length > 0) throw changedUnderfoot(dataset.file, problems);
  }
}

/**
 * Reads the article on disk now a piece at a time: for each span, the code points [start, end),
 * or a reason why they cannot be read (past the end, not UTF-8). A large index gives one, so
 * that showing twenty claims of a large archive does not read the whole article. It is asked
 * for every span at once, so that it can read each part of the article once.
 */
export type ArticlePieces = (
  spans: readonly (readonly [number, number])[],
) => (string | { problem: string })[];

const inPieces = new WeakMap<Dataset, ArticlePieces>();

/** Says that `dataset`'s quotes are to be checked against the article read in pieces. */
export function checkInPieces(dataset: Dataset, read: ArticlePieces): void {
  inPieces.set(dataset, read);
}

function misplacedInPieces(
  file: string,
  claims: readonly ClaimRef['claim'][],
  read: ArticlePieces,
): ReturnType<typeof misplacedQuotes> {
  const problems: ReturnType<typeof misplacedQuotes> = [];
  const readable = claims.filter(({ quote }) => !(quote.end <= quote.start));
  const found = read(readable.map(({ quote }) => [quote.start, quote.end] as const));
  let k = 0;
  for (const { id, quote } of claims) {
    const { exact, start, end } = quote;
    const text =
      end <= start ? { problem: `end (${end}) must be greater than start (${start})` } : found[k++];
    const why =
      text === undefined
        ? 'the article was not read there'
        : typeof text !== 'string'
          ? text.problem
          : text === exact
            ? undefined
            : 'the quoted words are not there';
    if (why) problems.push({ file, code: 'quote', claimId: id, message: why });
  }
  return problems;
}

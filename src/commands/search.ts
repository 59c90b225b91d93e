import { datasetFileList } from '../core/dataset/files.js';
import { ArmruError } from '../core/model/errors.js';
import { ALIAS_ONLY } from '../core/model/tiers.js';
import { type ClaimFilterInput, claimFilter } from '../core/search/filter.js';
import {
  askedAsserters,
  assertedBy,
  isKindWord,
  onlyOperators,
  readQuery,
  suggestWords,
} from '../core/search/question.js';
import { ClaimSearcher, parseQuery, type SearchHit, withPartial } from '../core/search/search.js';
import { LARGE_INDEX_CLAIMS } from '../core/store/index-path.js';
import type { indexedSearch, TermCounter } from '../core/store/indexed-search.js';
import { loadCorpus } from '../core/store/load.js';
import { type ListedClaim, printFooter, printHits } from '../render/claims.js';
import { printJson } from '../render/view.js';
import { type CommandContext, OK, type Outcome, withRemedy } from './context.js';

/** Checked options of `armru search`. */
export interface SearchOptions extends ClaimFilterInput {
  limit: number;
  /** Every match: no limit, and matches only through an alias too. */
  all?: boolean;
}

/** The query syntax, for a query that has nothing to match. */
export const QUERY_SYNTAX = [
  'Query syntax: words (all must match, spelling may differ a little), and',
  "  a | b  either    'word  exactly    ^word  starts with    word$  ends with",
  '  !word  not       =word  the whole field',
  'Example: armru search "\'biolab !Kommersant"',
].join('\n');

/**
 * A hit with how a filter reached it. Its properties are copied as they are, not read: the
 * match details of an indexed search are worked out only when something reads them.
 */
const withVia = (hit: SearchHit, via: ListedClaim['via']): ListedClaim =>
  Object.defineProperties(
    {},
    {
      ...Object.getOwnPropertyDescriptors(hit),
      via: { value: via, enumerable: true, writable: true, configurable: true },
    },
  ) as ListedClaim;

const quoted = (terms: string[]) => terms.map((t) => `"${t}"`).join(', ');

/**
 * `armru search <query...>`: words joined by spaces form one fzf-style query. Question words
 * are left out (and the note says which); when no claim matches every word, the claims that
 * match most of them are shown, and a word that matches nothing gets the nearest names.
 * Datasets with a fresh word index (`armru index`) are searched through it; the rest, and any
 * partial match, are searched loaded whole.
 */
export async function searchCommand(
  ctx: CommandContext,
  words: string[],
  options: SearchOptions,
): Promise<Outcome> {
  const typed = words.join(' ');
  if (onlyOperators(typed)) {
    throw new ArmruError(
      'usage',
      `the query "${typed}" is only operators: give words to look for`,
      { hint: QUERY_SYNTAX },
    );
  }
  const { query, dropped, agents } = readQuery(words);
  if (dropped.length > 0)
    ctx.note(`searching for "${query}" (question words left out: ${dropped.join(', ')})`);
  const all = Boolean(options.all);
  // "When was ..." asks for a date: dated claims first.
  const dated = dropped.some((w) => w.toLowerCase() === 'when');
  const limit = all ? Number.POSITIVE_INFINITY : options.limit;
  let found: ReturnType<typeof indexedSearch> | undefined;
  // Dataset files with no index at all, searched claim by claim.
  let unindexed = new Set<string>();
  if (ctx.dataPaths.length > 0) {
    // The word index serves only datasets named with --data or ARMRU_DATA: its modules (and
    // the check of the shown claims' quotes it needs) are loaded only then, so a search of
    // the built-in article does not evaluate them (see "Start-up" in the README).
    const [{ openWordIndexes, indexedSearch }, { IndexDamaged }, { confirmQuotes }] =
      await Promise.all([
        import('../core/store/indexed-search.js'),
        import('../core/store/index-store.js'),
        import('../core/dataset/confirm.js'),
      ]);
    const lookup = openWordIndexes(datasetFileList(ctx.dataPaths));
    if (lookup.usable) {
      try {
        found = indexedSearch(lookup.indexes, query, options, limit, all, dated);
      } catch (error) {
        // An index that was fresh when opened but whose bytes do not match what it recorded
        // is not believed: one note, and the search runs on the dataset itself.
        if (!(error instanceof IndexDamaged)) throw error;
        ctx.note(
          withRemedy({
            message: `the index of ${error.datasetFile} is stale (${error.reason}); searching without it`,
            remedy: 'reindex',
          }),
        );
      }
      if (found && found.dropped.length > 0)
        ctx.note(
          `left out of the search as too common to rank quickly: ${quoted(found.dropped)}; use fewer or rarer words`,
        );
      // What the index says must still be what the article says.
      if (found) await confirmQuotes(found.hits);
    } else {
      for (const note of lookup.notes) ctx.note(withRemedy(note));
      unindexed = new Set(lookup.absent);
    }
  }
  const corpus = found?.corpus ?? (await loadCorpus(ctx.dataPaths));
  const { keep, via } = claimFilter(corpus, options);
  let searcher: TermCounter | undefined = found?.searcher;
  let result = found?.result;
  const suggest = found?.suggest ?? ((term: string) => suggestWords(corpus, term));
  if (!searcher || !result) {
    // A large dataset searched without an index is slow (every claim is read and scored):
    // said once, with what to do about it.
    for (const dataset of corpus.datasets) {
      const claims = dataset.doc.claims.length;
      if (claims >= LARGE_INDEX_CLAIMS && unindexed.has(dataset.file)) {
        ctx.note(
          withRemedy({
            message: `${dataset.file} has no index, so its ${claims.toLocaleString('en')} claims are searched one by one`,
            remedy: 'index',
          }),
        );
      }
    }
    const plain = new ClaimSearcher(corpus);
    searcher = plain;
    result = withPartial(plain.run(query, { filter: keep, limit, all, dated }), (weak) =>
      plain.runPartial(query, { filter: keep, limit, all, dated, complete: weak }),
    );
  }
  const [only, ...more] = parseQuery(query);
  const group = more.length === 0 ? only : undefined;
  // A question whose only words that match are words for a kind of claim ("what did Putin
  // say": the name matches nothing) has no answer: every claim of that kind is not one. (A
  // partial match leaves out the claims that match only such words, so it has none to show.)
  const counted = searcher;
  if (
    (result.partial || result.total === 0) &&
    group &&
    group.terms.length > 1 &&
    group.terms.every((t) => isKindWord(t) || counted.termHits(t) === 0)
  ) {
    const kinds = group.terms.filter((t) => counted.termHits(t) > 0);
    if (kinds.length > 0)
      ctx.note(
        `only ${quoted(kinds)} matched, ${kinds.length === 1 ? 'a word' : 'words'} for a kind of claim: no claims shown`,
      );
    result = { hits: [], total: 0, weak: 0 };
  }
  if (result.partial && result.total > 0) {
    const { of, terms, weak } = result.partial;
    // Beside weak claims that match every word, the count is the strong claims' (ranked by
    // words, the first strong hit has the most).
    const best =
      weak === undefined
        ? result.partial.best
        : (result.strongWords ??
          result.hits.find((h) => h.tier < ALIAS_ONLY)?.words ??
          result.partial.best);
    if (weak === undefined)
      ctx.note(
        `no claim matches all of ${quoted(terms)}; showing claims that match ${best} of ${of} words${best > 1 ? ' (then fewer)' : ''}`,
      );
    else
      ctx.note(
        `no claim matches all of ${quoted(terms)} in its own words or names: ${weak} ${weak === 1 ? 'does' : 'do'} only through an alias or an agreement (marked), then claims that match ${best} of ${of} words${best > 1 ? ' (then fewer)' : ''}`,
      );
  }
  // A word that matches nothing anywhere gets the nearest names and words of the dataset.
  if (result.total === 0 || result.partial) {
    for (const { terms } of parseQuery(query)) {
      for (const term of terms) {
        if (searcher.termHits(term) > 0) continue;
        const near = suggest(term);
        if (near.length > 0)
          ctx.note(`"${term}" matches nothing; did you mean ${near.join(', ')}?`);
        else if (terms.length > 1) ctx.note(`"${term}" matches nothing in this dataset`);
      }
    }
  }
  // A question naming who asserts ("what did Pashinyan deny") is not answered by other
  // people's claims: when none shown that matches every word is that one's, stderr says so.
  if (group && result.total > 0) {
    const complete = result.hits.filter(
      (h) => h.words === undefined || h.words === group.terms.length,
    );
    // Everything that matches every word is shown, or only part of it. Beside a partial match
    // those are the weak claims that match every word (`partial.weak` of them, ranked first);
    // the weak claims it leaves out match fewer words, so they do not count.
    const whole = result.partial
      ? complete.length === (result.partial.weak ?? 0)
      : result.total === result.hits.length && result.weak === 0;
    for (const asserter of askedAsserters(corpus, group.terms, agents)) {
      if (complete.some((h) => assertedBy(h, asserter))) continue;
      ctx.note(
        whole
          ? `no claim asserted by ${asserter.name} matches all of ${quoted(group.terms)}`
          : `none of the claims shown is asserted by ${asserter.name} and matches all of ${quoted(group.terms)}`,
      );
    }
  }
  if (result.total === 0) {
    // Scripts reading --json always get a JSON document, even when nothing matched.
    if (ctx.view.mode === 'json') printJson(ctx.view, []);
    return { status: 'no-match', message: `no claims match "${query}"` };
  }
  printHits(
    ctx.view,
    corpus,
    result.hits.map((hit) => withVia(hit, via(hit))),
  );
  const footer: string[] = [];
  if (result.total > result.hits.length)
    footer.push(`showing ${result.hits.length} of ${result.total} (--limit N, or --all)`);
  if (result.weak > 0)
    footer.push(
      `${result.weak} more ${result.weak === 1 ? 'claim matches' : 'claims match'} only through an alias or an agreement (--all shows them)`,
    );
  printFooter(ctx.view, footer, ctx.note);
  return OK;
}

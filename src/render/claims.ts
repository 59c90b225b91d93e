import { AUTHOR } from '../core/dataset/verify.js';
import { type ClaimRef, type Corpus, qualify } from '../core/model/corpus.js';
import { ALIAS_ONLY } from '../core/model/tiers.js';
import type { Claim, Dataset } from '../core/model/types.js';
import type { Via } from '../core/search/hierarchy.js';
import type { SearchHit } from '../core/search/search.js';
import { fold, unfoldRanges } from '../core/text/fold.js';
import type { Column } from './cells.js';
import type { Palette } from './color.js';
import { type Listing, printListing } from './listing.js';
import { claimJson, viaJson } from './refs.js';
import { tableKit, type View } from './view.js';

/** Display name of whoever asserts a claim. */
export function asserterName(dataset: Dataset, claim: Claim): string {
  return claim.assertedBy === AUTHOR
    ? AUTHOR
    : (dataset.entityById.get(claim.assertedBy)?.name ?? claim.assertedBy);
}

/** Display names of a claim's actors. */
export function actorNames(dataset: Dataset, claim: Claim): string[] {
  return claim.actors.map((id) => dataset.entityById.get(id)?.name ?? id);
}

/** Display names of a claim's topics. */
export function topicNames(dataset: Dataset, claim: Claim): string[] {
  return claim.topics.map((id) => dataset.topicById.get(id)?.name ?? id);
}

/** The columns every claim list shares: id, kind, asserted by, claim, actors. */
export function claimColumns(colors: Palette): Column[] {
  return [
    { header: 'ID', style: colors.id },
    { header: 'KIND', style: colors.kind },
    { header: 'ASSERTED BY', wrap: true, max: 24, min: 8 },
    { header: 'CLAIM', wrap: true, flex: true, min: 20 },
    { header: 'ACTORS', wrap: true, max: 28, min: 8, optional: true },
  ];
}

/** A claim as listed: maybe a search hit, maybe matched a filter through membership. */
export type ListedClaim = ClaimRef & Partial<SearchHit> & { via?: Via[] | Via };

const vias = (ref: ListedClaim): Via[] =>
  ref.via === undefined ? [] : Array.isArray(ref.via) ? ref.via : [ref.via];

/** The actors cell: names, then how a filter reached the claim through membership. */
function actorsCell(ref: ListedClaim): string {
  const names = actorNames(ref.dataset, ref.claim).join(', ');
  const how = vias(ref).map((v) => v.text);
  return how.length > 0 ? `${names} (${how.join('; ')})` : names;
}

/**
 * The mark of a weak hit: what it matched through that is not the claim's own, aliases
 * (`[only through an alias: "Yerevan" for Armenia]`) and the agreements it evidences or its
 * note (`[only through an agreement: "Basing of …" (gyumri-basing)]`, `[only through the
 * editor's note]`).
 */
function weakMark(ref: ListedClaim): string {
  // Aliases whose words the claim also says itself are not what made the match weak.
  const own = fold(`${ref.claim.text}\u0000${ref.claim.quote.exact}`);
  const matched = ref.matched ?? [];
  const aliases = matched
    .filter((m) => m.via?.startsWith('alias of ') && !own.includes(fold(m.value)))
    .map((m) => `"${m.value}" for ${m.via?.slice('alias of '.length)}`);
  const context = matched
    .filter((m) => m.field === 'context')
    .map((m) =>
      m.via?.startsWith('agreement ')
        ? `"${m.value}" (${m.via.slice('agreement '.length)})`
        : `"${m.value}"`,
    );
  const parts: string[] = [];
  if (aliases.length > 0 || context.length === 0)
    parts.push(`an alias: ${[...new Set(aliases)].join('; ')}`);
  const agreements = context.filter((c) => c.endsWith(')'));
  const notes = context.filter((c) => !c.endsWith(')'));
  if (agreements.length > 0) parts.push(`an agreement: ${[...new Set(agreements)].join('; ')}`);
  // A note is a paragraph: `--json` has it whole, the mark only says where the word was.
  if (notes.length > 0) parts.push("the editor's note");
  return `[only through ${parts.join('; ')}]`;
}

/**
 * The mark of a hedged claim, with the words that hedge it when they frame the speech
 * (`[hedged: allegedly told]`): a drafted quotation's text is the quotation alone, and the
 * listing must not show an alleged statement as a flat one.
 */
function hedgeMark(claim: Claim): string {
  if (!claim.hedged) return '';
  return claim.cue ? ` [hedged: ${claim.cue}]` : ' [hedged]';
}

/** Where a hit matched in its claim's text, as positions in the text itself. */
function textMarks(ref: ListedClaim): [number, number][] | undefined {
  const ranges = ref.matches?.filter((m) => m.field === 'text').flatMap((m) => m.indices);
  return ranges && unfoldRanges(ref.claim.text, ranges);
}

/** Names that --fields may ask for beside the ids they name. */
const NAME_FIELDS = ['actorNames', 'topicNames', 'assertedByName'] as const;

/**
 * The claim object for JSON output, with `via` when a filter matched through membership, and
 * the names behind its ids when --fields asks for them (`actorNames`, `topicNames`,
 * `assertedByName`).
 */
function listedJson(view: View, corpus: Corpus, ref: ListedClaim): Record<string, unknown> {
  const base = claimJson(corpus, ref);
  const how = vias(ref);
  const asked = NAME_FIELDS.filter((f) => view.fields?.includes(f));
  const names: Record<string, unknown> = {};
  for (const field of asked) {
    if (field === 'actorNames') names[field] = actorNames(ref.dataset, ref.claim);
    if (field === 'topicNames')
      names[field] = ref.claim.topics.map((id) => ref.dataset.topicById.get(id)?.name ?? id);
    if (field === 'assertedByName') names[field] = asserterName(ref.dataset, ref.claim);
  }
  const via = how.map((v) => viaJson(corpus, ref.dataset, v));
  return { ...base, ...(via.length > 0 ? { via } : {}), ...names };
}

/** A claim list whose rows may carry search matches to highlight in the claim text. */
export function claimListing(view: View, corpus: Corpus): Listing<ListedClaim> {
  return {
    columns: claimColumns(view.colors),
    cells: (ref) => [
      { text: qualify(corpus, ref.dataset, ref.claim.id) },
      { text: ref.claim.kind },
      { text: asserterName(ref.dataset, ref.claim) },
      {
        text: `${ref.claim.text}${hedgeMark(ref.claim)}${ref.tier === ALIAS_ONLY ? ` ${weakMark(ref)}` : ''}`,
        // Match positions are positions in the folded text, taken back to the claim's own
        // (counting in the invisible characters folding drops); none where NFKC moved them.
        // Only colour shows them; without it they are not asked for (an indexed search works
        // them out only when read).
        marks: view.colors.enabled ? textMarks(ref) : undefined,
      },
      { text: actorsCell(ref) },
    ],
    dataset: (ref) => ref.dataset,
    json: (ref) =>
      ref.score === undefined
        ? listedJson(view, corpus, ref)
        : {
            ...listedJson(view, corpus, ref),
            score: ref.score,
            matched: ref.matched ?? [],
            ...(ref.words !== undefined ? { words: ref.words } : {}),
          },
  };
}

/** Prints search hits: with --json the claim objects as stored plus `score`, best first. */
export function printHits(view: View, corpus: Corpus, hits: ListedClaim[]): void {
  printListing(view, claimListing(view, corpus), hits, corpus);
}

/** Prints claims in the order given (article order for `armru claims`). */
export function printClaims(view: View, corpus: Corpus, refs: ListedClaim[]): void {
  printListing(view, claimListing(view, corpus), refs, corpus);
}

/**
 * Lines under a listing ("showing 20 of 35"): in a terminal, dim and wrapped to the width
 * under the table; otherwise given to `note` for stderr, so stdout keeps only results.
 */
export function printFooter(view: View, lines: string[], note: (line: string) => void): void {
  for (const line of lines) {
    if (view.mode !== 'table') note(line);
    else
      for (const part of tableKit(view).wrap(line, view.width))
        view.write(`${view.colors.dim(part)}\n`);
  }
}

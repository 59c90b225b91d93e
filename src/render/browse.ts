import type { EntityProfile, EntitySummary, TopicProfile } from '../core/browse/profiles.js';
import type { Dispute } from '../core/browse/relations.js';
import type { Stats } from '../core/browse/stats.js';
import type { TimelineEntry } from '../core/browse/timeline.js';
import { type AgreementRef, type ClaimRef, type Corpus, qualify } from '../core/model/corpus.js';
import type { Via } from '../core/search/hierarchy.js';
import { asserterName, claimListing } from './claims.js';
import { type Block, type Doc, listingBlock, printDocument } from './document.js';
import { drawn, type Listing, printListing } from './listing.js';
import { agreementJson, claimJson, entityJson, topicJson, viaJson } from './refs.js';
import type { View } from './view.js';

const count = (n: number) => ({ text: String(n) });

/** `armru actors`: every entity with its type, counts, aliases and description. */
export function printEntities(view: View, corpus: Corpus, entities: EntitySummary[]): void {
  const listing: Listing<EntitySummary> = {
    columns: [
      { header: 'ID', style: view.colors.id },
      { header: 'TYPE', style: view.colors.kind },
      { header: 'NAME', wrap: true, max: 24, min: 12 },
      { header: 'ABOUT', align: 'right' },
      { header: 'ASSERTS', align: 'right' },
      { header: 'ALIASES', wrap: true, flex: true, min: 16, share: 0.35, optional: true },
    ],
    cells: (e) => [
      { text: qualify(corpus, e.dataset, e.entity.id) },
      { text: e.entity.type },
      { text: e.entity.name },
      count(e.claimCount),
      count(e.assertedCount),
      { text: e.entity.aliases.join(', ') },
    ],
    dataset: (e) => e.dataset,
    json: (e) => ({
      ...entityJson(corpus, e.dataset, e.entity),
      claimCount: e.claimCount,
      assertedCount: e.assertedCount,
    }),
  };
  printListing(view, listing, entities, corpus);
}

/** `armru topics`: every topic with its claim count, aliases and description. */
export function printTopics(view: View, corpus: Corpus, topics: TopicProfile[]): void {
  const listing: Listing<TopicProfile> = {
    columns: [
      { header: 'ID', style: view.colors.id },
      { header: 'NAME', wrap: true, max: 26, min: 10 },
      { header: 'CLAIMS', align: 'right' },
      { header: 'ALIASES', wrap: true, flex: true, min: 16, share: 0.4 },
    ],
    cells: (t) => [
      { text: qualify(corpus, t.dataset, t.topic.id) },
      { text: t.topic.name },
      count(t.claimCount),
      { text: t.topic.aliases.join(', ') },
    ],
    dataset: (t) => t.dataset,
    json: (t) => ({ ...topicJson(corpus, t.dataset, t.topic), claimCount: t.claimCount }),
  };
  printListing(view, listing, topics, corpus);
}

/** A claim listed in a profile, reached directly or through a member (`via`). */
type ProfileClaim = ClaimRef & { via?: Via };

/** The blocks of a profile's section: a heading with the count, then the listing. */
function section<T>(title: string, tag: string, listing: Listing<T>, items: T[]): Block[] {
  return [
    { type: 'heading', text: `${title} (${items.length})` },
    listingBlock(tag, listing, items),
  ];
}

/**
 * `armru actors NAME`: the entity, the claims about it, the claims it asserts and its
 * agreements. In a pipe an `entity` line, then the claims as `claims` prints them tagged
 * `about` or `asserts`, and `agreement` lines; with --json an array of profiles.
 */
export function entityProfilesDocument(view: View, corpus: Corpus, profiles: EntityProfile[]): Doc {
  const claims = claimListing(view, corpus);
  const agreements = agreementListing(view, corpus);
  const claimOf = (r: ProfileClaim) => claims.json(r);
  return {
    json: profiles.map((p) => ({
      ...entityJson(corpus, p.dataset, p.entity),
      claimCount: p.claimCount,
      assertedCount: p.assertedCount,
      claims: p.about.map(claimOf),
      asserted: p.asserted.map(claimOf),
      agreements: p.agreements.map((a) => agreements.json(a)),
    })),
    blocks: profiles.flatMap((p, i) => {
      const id = qualify(corpus, p.dataset, p.entity.id);
      const { type, name, aliases, description } = p.entity;
      return [
        ...(i > 0 ? [{ type: 'paragraph' as const, text: '' }] : []),
        {
          type: 'title' as const,
          id,
          badges: [type],
          text: name,
          pipe: [['entity', id, type, name, aliases.join(', '), description]],
        },
        ...(aliases.length > 0
          ? [{ type: 'paragraph' as const, text: `also: ${aliases.join(', ')}` }]
          : []),
        { type: 'paragraph' as const, text: description },
        ...section(`Claims about ${name}`, 'about', claims, p.about),
        ...section(`Claims ${name} asserts`, 'asserts', claims, p.asserted),
        ...section('Agreements', 'agreement', agreements, p.agreements),
        ...agreementNotes(corpus, p.agreements),
      ];
    }),
  };
}

/** `armru topics NAME`: the topic, its claims, and the agreements those claims evidence. */
export function topicProfilesDocument(view: View, corpus: Corpus, profiles: TopicProfile[]): Doc {
  const claims = claimListing(view, corpus);
  const agreements = agreementListing(view, corpus);
  return {
    json: profiles.map((p) => ({
      ...topicJson(corpus, p.dataset, p.topic),
      claimCount: p.claimCount,
      claims: p.claims.map((r) => claimJson(corpus, r)),
      agreements: p.agreements.map((a) => agreements.json(a)),
    })),
    blocks: profiles.flatMap((p, i) => {
      const id = qualify(corpus, p.dataset, p.topic.id);
      const { name, aliases, description } = p.topic;
      return [
        ...(i > 0 ? [{ type: 'paragraph' as const, text: '' }] : []),
        {
          type: 'title' as const,
          id,
          badges: [],
          text: name,
          pipe: [['topic', id, name, aliases.join(', '), description]],
        },
        ...(aliases.length > 0
          ? [{ type: 'paragraph' as const, text: `also: ${aliases.join(', ')}` }]
          : []),
        { type: 'paragraph' as const, text: description },
        ...section('Claims', 'claim', claims, p.claims),
        ...section('Agreements', 'agreement', agreements, p.agreements),
        ...agreementNotes(corpus, p.agreements),
      ];
    }),
  };
}

type ListedAgreement = AgreementRef & { via?: Via[] | Via };

const agreementVias = (a: { via?: Via[] | Via }) =>
  a.via === undefined ? [] : Array.isArray(a.via) ? a.via : [a.via];

/** Agreements as listed: name, kind, parties, status, date and evidencing claims. */
export function agreementListing(view: View, corpus: Corpus): Listing<ListedAgreement> {
  const names = (a: ListedAgreement) => {
    const list = a.agreement.parties.map((id) => a.dataset.entityById.get(id)?.name ?? id);
    const how = agreementVias(a).map((v) => v.text);
    return how.length > 0 ? `${list.join(', ')} (${how.join('; ')})` : list.join(', ');
  };
  const values = (a: ListedAgreement) => [
    qualify(corpus, a.dataset, a.agreement.id),
    a.agreement.name,
    a.agreement.kind,
    names(a),
    a.agreement.status,
    a.agreement.when ? `${a.agreement.when.date} (${a.agreement.when.basis})` : '',
    a.agreement.claims.map((id) => qualify(corpus, a.dataset, id)).join(', '),
  ];
  const columns = [
    { header: 'ID', style: view.colors.id },
    { header: 'NAME', wrap: true, flex: true, min: 16, share: 0.3 },
    { header: 'KIND', style: view.colors.kind, optional: true },
    { header: 'PARTIES', wrap: true, max: 24, min: 12 },
    { header: 'STATUS' },
    { header: 'DATE', wrap: true, min: 10, optional: true },
    { header: 'CLAIMS', wrap: true, max: 14, min: 5, optional: true },
  ];
  return {
    columns,
    cells: (a) => values(a).map((text) => ({ text })),
    // A line gets the note as its last field; a table lists notes under it instead.
    line: {
      columns: [...columns, { header: 'NOTE' }],
      values: (a) => [...values(a), a.agreement.note ?? ''],
    },
    dataset: (a) => a.dataset,
    json: (a) => {
      const value = agreementJson(corpus, a.dataset, a.agreement);
      const how = agreementVias(a).map((v) => viaJson(corpus, a.dataset, v));
      return how.length > 0 ? { ...value, via: how } : value;
    },
  };
}

/** A "Notes" section, one `LABEL: note` paragraph each, or nothing when there is none. */
function notesSection(notes: [label: string, note: string | undefined][]): Block[] {
  const noted = notes.filter(([, note]) => note);
  if (noted.length === 0) return [];
  return [
    { type: 'heading', text: 'Notes' },
    ...noted.map(([label, note]) => ({ type: 'paragraph' as const, text: `${label}: ${note}` })),
  ];
}

/** The notes of agreements, for under a table of them (a table has no room for notes). */
export function agreementNotes(corpus: Corpus, agreements: ListedAgreement[]): Block[] {
  return notesSection(
    agreements.map((a) => [qualify(corpus, a.dataset, a.agreement.id), a.agreement.note]),
  );
}

/**
 * `armru agreements`: name, kind, parties, status, date and evidencing claims; under a table
 * (or cards), the agreements' notes.
 */
export function printAgreements(view: View, corpus: Corpus, agreements: ListedAgreement[]): void {
  printListing(view, agreementListing(view, corpus), agreements, corpus);
  const notes = agreementNotes(corpus, agreements);
  if (notes.length > 0 && drawn(view)) printDocument(view, { json: null, blocks: notes }, corpus);
}

/** `c09 qualifies c08`: a pair as its relation reads. */
const pairLabel = (corpus: Corpus, d: Dispute) =>
  `${qualify(corpus, d.from.dataset, d.from.claim.id)} ${d.type} ${qualify(corpus, d.to.dataset, d.to.claim.id)}`;

/**
 * `armru disputes`: the two claims side by side, who asserts each, their quotes, the relation;
 * the relation's note is a line's last field, and under a table (or cards) a Notes section, as
 * `armru agreements` shows its notes.
 */
export function printDisputes(view: View, corpus: Corpus, disputes: Dispute[]): void {
  const side = (ref: Dispute['from']) =>
    `${qualify(corpus, ref.dataset, ref.claim.id)} · ${asserterName(ref.dataset, ref.claim)}\n“${ref.claim.quote.exact}”`;
  const listing: Listing<Dispute> = {
    columns: [
      { header: 'CLAIM', wrap: true, flex: true, min: 16 },
      { header: 'RELATION', style: view.colors.kind },
      { header: 'OTHER CLAIM', wrap: true, flex: true, min: 16 },
    ],
    cells: (d) => [{ text: side(d.from) }, { text: d.type }, { text: side(d.to) }],
    // A line gives each side's id, asserter and quote a field of its own.
    line: {
      columns: [
        'ID',
        'ASSERTED BY',
        'QUOTE',
        'RELATION',
        'OTHER ID',
        'OTHER ASSERTED BY',
        'OTHER QUOTE',
        'NOTE',
      ].map((header) => ({ header })),
      values: (d) => [
        qualify(corpus, d.from.dataset, d.from.claim.id),
        asserterName(d.from.dataset, d.from.claim),
        d.from.claim.quote.exact,
        d.type,
        qualify(corpus, d.to.dataset, d.to.claim.id),
        asserterName(d.to.dataset, d.to.claim),
        d.to.claim.quote.exact,
        d.note ?? '',
      ],
    },
    dataset: (d) => d.from.dataset,
    json: (d) => ({
      from: qualify(corpus, d.from.dataset, d.from.claim.id),
      type: d.type,
      to: qualify(corpus, d.to.dataset, d.to.claim.id),
      ...(d.note !== undefined ? { note: d.note } : {}),
      fromClaim: claimJson(corpus, d.from),
      toClaim: claimJson(corpus, d.to),
    }),
  };
  printListing(view, listing, disputes, corpus);
  const notes = notesSection(disputes.map((d) => [pairLabel(corpus, d), d.note]));
  if (notes.length > 0 && drawn(view)) printDocument(view, { json: null, blocks: notes }, corpus);
}

/**
 * `armru timeline`: dated claims and agreements with the date's precision, basis and source.
 * A claim says who asserts it, its kind and whether it is hedged, as every listing of claims
 * does: a dated report is not a dated fact. The date's source vouches for the date only, and is
 * labelled so.
 */
export function printTimeline(view: View, corpus: Corpus, entries: TimelineEntry[]): void {
  const what = (e: TimelineEntry) =>
    e.item === 'claim' ? e.claim.text : `Agreement: ${e.agreement.name}`;
  const byline = (e: TimelineEntry) =>
    e.item === 'claim'
      ? `${asserterName(e.dataset, e.claim)} · ${e.claim.kind}${e.claim.hedged ? ' · hedged' : ''}`
      : `${e.agreement.kind} · ${e.agreement.status}`;
  const listing: Listing<TimelineEntry> = {
    columns: [
      { header: 'DATE' },
      { header: 'PRECISION', optional: true },
      { header: 'BASIS', style: view.colors.kind },
      { header: 'ID', style: view.colors.id },
      { header: 'WHAT', wrap: true, flex: true, min: 20 },
    ],
    cells: (e) => {
      const source = e.when.source ?? '';
      return [
        { text: e.when.date },
        { text: e.precision },
        { text: e.when.basis },
        { text: qualify(corpus, e.dataset, e.item === 'claim' ? e.claim.id : e.agreement.id) },
        // An outside date carries its source with it.
        {
          text: `${what(e)}\n${byline(e)}${source ? `\ndate source: ${source}` : ''}`,
        },
      ];
    },
    // In a line the source is a field of its own, and so are who asserts a claim, its kind
    // and its hedge (after the fields of old, which keep their places).
    line: {
      columns: [
        'DATE',
        'PRECISION',
        'BASIS',
        'ID',
        'WHAT',
        'DATE SOURCE',
        'ASSERTED BY',
        'KIND',
        'HEDGED',
      ].map((header) => ({ header })),
      values: (e) => [
        e.when.date,
        e.precision,
        e.when.basis,
        qualify(corpus, e.dataset, e.item === 'claim' ? e.claim.id : e.agreement.id),
        what(e),
        e.when.source ?? '',
        e.item === 'claim' ? asserterName(e.dataset, e.claim) : '',
        e.item === 'claim' ? e.claim.kind : e.agreement.kind,
        e.item === 'claim' ? (e.claim.hedged ? 'hedged' : '') : '',
      ],
    },
    dataset: (e) => e.dataset,
    json: (e) =>
      e.item === 'claim'
        ? { item: 'claim', precision: e.precision, ...claimJson(corpus, e) }
        : {
            item: 'agreement',
            precision: e.precision,
            ...agreementJson(corpus, e.dataset, e.agreement),
          },
  };
  printListing(view, listing, entries, corpus);
}

/**
 * `armru stats`: the totals, then the counts by kind, asserter, topic and actor. In a pipe every
 * line has four fields: group, key, name, value (`total  claims  claims  35`,
 * `actor  russia  Russia  20`).
 */
export function statsDocument(stats: Stats): Doc {
  const percent = `${(stats.coverage.share * 100).toFixed(1)}%`;
  const total = (key: string, label: string, value: number | string) => ({
    key,
    label,
    value: String(value),
  });
  const totals = [
    ...(stats.datasets > 1 ? [total('datasets', 'datasets', stats.datasets)] : []),
    total('claims', 'claims', stats.claims),
    total('hedged', 'hedged claims', stats.hedged),
    total('entities', 'entities', stats.entities),
    total('topics', 'topics', stats.topics),
    total('agreements', 'agreements', stats.agreements),
    total('relations', 'relations', stats.relations),
    total(
      'coverage',
      'body text covered',
      `${percent} (${stats.coverage.covered} of ${stats.coverage.total} non-space characters)`,
    ),
  ];
  const counts = (title: string): Listing<Stats['byKind'][number]> => ({
    columns: [
      { header: title.toUpperCase(), wrap: true, flex: true, min: 12 },
      { header: 'CLAIMS', align: 'right' },
    ],
    cells: (c) => [{ text: c.name }, count(c.count)],
    line: {
      columns: [{ header: 'KEY' }, { header: 'NAME' }, { header: 'CLAIMS' }],
      values: (c) => [c.key, c.name, String(c.count)],
    },
    json: (c) => c,
  });
  const sections: [string, string, Stats['byKind']][] = [
    ['kind', 'by kind', stats.byKind],
    ['assertedBy', 'by asserted by', stats.byAssertedBy],
    ['topic', 'by topic', stats.byTopic],
    ['actor', 'by actor', stats.byActor],
  ];
  return {
    json: stats,
    blocks: [
      { type: 'fields', tag: 'total', fields: totals },
      ...sections.flatMap(([group, title, items]): Block[] => [
        { type: 'paragraph', text: '' },
        listingBlock(group, counts(title), items, 60),
      ]),
    ],
  };
}

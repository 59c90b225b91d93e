import type { EntityProfile, TopicProfile } from '../core/browse/profiles.js';
import type { Dispute } from '../core/browse/relations.js';
import type { Stats } from '../core/browse/stats.js';
import type { TimelineEntry } from '../core/browse/timeline.js';
import { type AgreementRef, type ClaimRef, type Corpus, qualify } from '../core/model/corpus.js';
import type { Via } from '../core/search/hierarchy.js';
import { asserterName, claimJson, printClaims } from './claims.js';
import { type Listing, printListing, withDataset } from './listing.js';
// Tab-separated and heading text goes through the same escaping as table cells.
import { sanitizeInline as plainCell } from './sanitize.js';
import { printJson, tableKit, type View } from './view.js';

const count = (n: number) => ({ text: String(n) });

/** `armru actors`: every entity with its type, counts, aliases and description. */
export function printEntities(view: View, corpus: Corpus, entities: EntityProfile[]): void {
  const listing: Listing<EntityProfile> = {
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
    json: (e) => ({ ...e.entity, claimCount: e.claimCount, assertedCount: e.assertedCount }),
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
    json: (t) => ({ ...t.topic, claimCount: t.claimCount }),
  };
  printListing(view, listing, topics, corpus);
}

/** A JSON object with `via` added when it was reached through a member. */
function withVia<T extends object>(value: T, via: Via | undefined): T | (T & { via: Via[] }) {
  // An array, as in the claims and search listings.
  return via ? { ...value, via: [via] } : value;
}

/** A profile's claim as a tab-separated row: tag, id, kind, text. */
function claimRow(corpus: Corpus, tag: string, ref: ClaimRef): string[] {
  return [tag, qualify(corpus, ref.dataset, ref.claim.id), ref.claim.kind, ref.claim.text];
}

/** A profile's agreement as a tab-separated row. */
function agreementRow(corpus: Corpus, a: AgreementRef): string[] {
  return [
    'agreement',
    qualify(corpus, a.dataset, a.agreement.id),
    a.agreement.name,
    a.agreement.status,
  ];
}

/** Rows as tab-separated lines, escaped like every other plain output. */
function writeRows(view: View, rows: string[][]): void {
  view.write(rows.map((row) => `${row.map(plainCell).join('\t')}\n`).join(''));
}

/** Untrusted text wrapped to the terminal width (terminal only). */
function paragraph(view: View, text: string): void {
  view.write(`${tableKit(view).wrap(plainCell(text), view.width).join('\n')}\n`);
}

/** A section heading inside a profile (terminal only). */
function heading(view: View, text: string): void {
  view.write(`\n${view.colors.header(plainCell(text))}\n`);
}

/**
 * `armru actors NAME`: the entity, the claims about it, the claims it asserts and its
 * agreements. In a pipe the sections are tab-separated lines tagged `about`, `asserts`,
 * `agreement`; with --json an array of profiles.
 */
export function printEntityProfiles(view: View, corpus: Corpus, profiles: EntityProfile[]): void {
  if (view.mode === 'json') {
    printJson(
      view,
      profiles.map((p) => ({
        ...withDataset(corpus, p.dataset, p.entity),
        claimCount: p.claimCount,
        assertedCount: p.assertedCount,
        claims: p.about.map((r) => withVia(claimJson(corpus, r), r.via)),
        asserted: p.asserted.map((r) => withVia(claimJson(corpus, r), r.via)),
        agreements: p.agreements.map((a) => withVia(a.agreement, a.via)),
      })),
    );
    return;
  }
  for (const p of profiles) {
    const id = qualify(corpus, p.dataset, p.entity.id);
    if (view.mode === 'plain') {
      const rows = [
        [
          'entity',
          id,
          p.entity.type,
          p.entity.name,
          p.entity.aliases.join(', '),
          p.entity.description,
        ],
        ...p.about.map((r) => [...claimRow(corpus, 'about', r), ...(r.via ? [r.via.text] : [])]),
        ...p.asserted.map((r) => [
          ...claimRow(corpus, 'asserts', r),
          ...(r.via ? [r.via.text] : []),
        ]),
        ...p.agreements.map((a) => [...agreementRow(corpus, a), ...(a.via ? [a.via.text] : [])]),
      ];
      writeRows(view, rows);
      continue;
    }
    view.write(
      `${view.colors.id(plainCell(id))}  ${view.colors.kind(p.entity.type)}  ${view.colors.header(plainCell(p.entity.name))}\n`,
    );
    if (p.entity.aliases.length > 0) paragraph(view, `also: ${p.entity.aliases.join(', ')}`);
    paragraph(view, p.entity.description);
    heading(view, `Claims about ${p.entity.name} (${p.about.length})`);
    if (p.about.length > 0) printClaims(view, corpus, p.about);
    heading(view, `Claims ${p.entity.name} asserts (${p.asserted.length})`);
    if (p.asserted.length > 0) printClaims(view, corpus, p.asserted);
    heading(view, `Agreements (${p.agreements.length})`);
    if (p.agreements.length > 0) printAgreements(view, corpus, p.agreements);
  }
}

/** `armru topics NAME`: the topic, its claims, and the agreements those claims evidence. */
export function printTopicProfiles(view: View, corpus: Corpus, profiles: TopicProfile[]): void {
  if (view.mode === 'json') {
    printJson(
      view,
      profiles.map((p) => ({
        ...withDataset(corpus, p.dataset, p.topic),
        claimCount: p.claimCount,
        claims: p.claims.map((r) => claimJson(corpus, r)),
        agreements: p.agreements.map((a) => a.agreement),
      })),
    );
    return;
  }
  for (const p of profiles) {
    const id = qualify(corpus, p.dataset, p.topic.id);
    if (view.mode === 'plain') {
      const rows = [
        ['topic', id, p.topic.name, p.topic.aliases.join(', '), p.topic.description],
        ...p.claims.map((r) => claimRow(corpus, 'claim', r)),
        ...p.agreements.map((a) => agreementRow(corpus, a)),
      ];
      writeRows(view, rows);
      continue;
    }
    view.write(
      `${view.colors.id(plainCell(id))}  ${view.colors.header(plainCell(p.topic.name))}\n`,
    );
    if (p.topic.aliases.length > 0) paragraph(view, `also: ${p.topic.aliases.join(', ')}`);
    paragraph(view, p.topic.description);
    heading(view, `Claims (${p.claims.length})`);
    if (p.claims.length > 0) printClaims(view, corpus, p.claims);
    heading(view, `Agreements (${p.agreements.length})`);
    if (p.agreements.length > 0) printAgreements(view, corpus, p.agreements);
  }
}

/** `armru agreements`: name, kind, parties, status, date and evidencing claims. */
export function printAgreements(
  view: View,
  corpus: Corpus,
  agreements: (AgreementRef & { via?: Via[] | Via })[],
): void {
  const vias = (a: { via?: Via[] | Via }) =>
    a.via === undefined ? [] : Array.isArray(a.via) ? a.via : [a.via];
  const names = (a: AgreementRef & { via?: Via[] | Via }) => {
    const list = a.agreement.parties.map((id) => a.dataset.entityById.get(id)?.name ?? id);
    const how = vias(a).map((v) => v.text);
    return how.length > 0 ? `${list.join(', ')} (${how.join('; ')})` : list.join(', ');
  };
  const listing: Listing<AgreementRef & { via?: Via[] | Via }> = {
    columns: [
      { header: 'ID', style: view.colors.id },
      { header: 'NAME', wrap: true, flex: true, min: 16, share: 0.3 },
      { header: 'KIND', style: view.colors.kind, optional: true },
      { header: 'PARTIES', wrap: true, max: 24, min: 12 },
      { header: 'STATUS' },
      { header: 'DATE', wrap: true, min: 10, optional: true },
      { header: 'CLAIMS', wrap: true, max: 14, min: 5, optional: true },
      // A pipe gets the note as the last field; a table lists notes under it instead.
      ...(view.mode === 'plain' ? [{ header: 'NOTE' }] : []),
    ],
    cells: (a) => [
      { text: qualify(corpus, a.dataset, a.agreement.id) },
      { text: a.agreement.name },
      { text: a.agreement.kind },
      { text: names(a) },
      { text: a.agreement.status },
      { text: a.agreement.when ? `${a.agreement.when.date} (${a.agreement.when.basis})` : '' },
      { text: a.agreement.claims.map((id) => qualify(corpus, a.dataset, id)).join(', ') },
      ...(view.mode === 'plain' ? [{ text: a.agreement.note ?? '' }] : []),
    ],
    dataset: (a) => a.dataset,
    json: (a) => (vias(a).length > 0 ? { ...a.agreement, via: vias(a) } : a.agreement),
  };
  printListing(view, listing, agreements, corpus);
  if (view.mode !== 'table') return;
  const noted = agreements.filter((a) => a.agreement.note);
  if (noted.length === 0) return;
  heading(view, 'Notes');
  for (const a of noted)
    paragraph(view, `${qualify(corpus, a.dataset, a.agreement.id)}: ${a.agreement.note}`);
}

/** `armru disputes`: the two claims side by side, who asserts each, their quotes, the relation. */
export function printDisputes(view: View, corpus: Corpus, disputes: Dispute[]): void {
  const side = (ref: Dispute['from']) =>
    `${qualify(corpus, ref.dataset, ref.claim.id)} · ${asserterName(ref.dataset, ref.claim)}\n“${ref.claim.quote.exact}”`;
  const listing: Listing<Dispute> = {
    columns: [
      { header: 'CLAIM', wrap: true, flex: true, min: 16 },
      { header: 'RELATION', style: view.colors.kind },
      { header: 'OTHER CLAIM', wrap: true, flex: true, min: 16 },
    ],
    cells: (d) =>
      view.mode === 'plain'
        ? [
            qualify(corpus, d.from.dataset, d.from.claim.id),
            asserterName(d.from.dataset, d.from.claim),
            d.from.claim.quote.exact,
            d.type,
            qualify(corpus, d.to.dataset, d.to.claim.id),
            asserterName(d.to.dataset, d.to.claim),
            d.to.claim.quote.exact,
          ].map((text) => ({ text }))
        : [{ text: side(d.from) }, { text: d.type }, { text: side(d.to) }],
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
}

/** `armru timeline`: dated claims and agreements with the date's precision, basis and source. */
export function printTimeline(view: View, corpus: Corpus, entries: TimelineEntry[]): void {
  const listing: Listing<TimelineEntry> = {
    columns: [
      { header: 'DATE' },
      { header: 'PRECISION', optional: true },
      { header: 'BASIS', style: view.colors.kind },
      { header: 'ID', style: view.colors.id },
      { header: 'WHAT', wrap: true, flex: true, min: 20 },
    ],
    cells: (e) => {
      const what = e.item === 'claim' ? e.claim.text : `Agreement: ${e.agreement.name}`;
      const source = e.when.source ?? '';
      return [
        { text: e.when.date },
        { text: e.precision },
        { text: e.when.basis },
        { text: qualify(corpus, e.dataset, e.item === 'claim' ? e.claim.id : e.agreement.id) },
        // An outside date carries its source with it; in a pipe it is a column of its own.
        { text: view.mode === 'plain' ? what : source ? `${what}\nsource: ${source}` : what },
        ...(view.mode === 'plain' ? [{ text: source }] : []),
      ];
    },
    dataset: (e) => e.dataset,
    json: (e) =>
      e.item === 'claim'
        ? { item: 'claim', precision: e.precision, ...claimJson(corpus, e) }
        : { item: 'agreement', precision: e.precision, ...e.agreement },
  };
  printListing(view, listing, entries, corpus);
}

/** `armru stats`: an object with --json; sections of counts otherwise. */
export function printStats(view: View, stats: Stats): void {
  if (view.mode === 'json') {
    printJson(view, stats);
    return;
  }
  const percent = `${(stats.coverage.share * 100).toFixed(1)}%`;
  // Each total: its key (the JSON field), the label people read, and the value.
  const totals: [string, string, string][] = [
    ['claims', 'claims', String(stats.claims)],
    ['hedged', 'hedged claims', String(stats.hedged)],
    ['entities', 'entities', String(stats.entities)],
    ['topics', 'topics', String(stats.topics)],
    ['agreements', 'agreements', String(stats.agreements)],
    ['relations', 'relations', String(stats.relations)],
    [
      'coverage',
      'body text covered',
      `${percent} (${stats.coverage.covered} of ${stats.coverage.total} non-space characters)`,
    ],
  ];
  if (stats.datasets > 1) totals.unshift(['datasets', 'datasets', String(stats.datasets)]);
  const sections: [string, string, Stats['byKind']][] = [
    ['kind', 'by kind', stats.byKind],
    ['assertedBy', 'by asserted by', stats.byAssertedBy],
    ['topic', 'by topic', stats.byTopic],
    ['actor', 'by actor', stats.byActor],
  ];
  if (view.mode === 'plain') {
    const rows = [
      // Four fields on every line: group, key, name, value.
      ...totals.map(([key, label, value]) => ['total', key, label, value]),
      ...sections.flatMap(([group, , counts]) =>
        counts.map((c) => [group, c.key, c.name, String(c.count)]),
      ),
    ];
    writeRows(view, rows);
    return;
  }
  const listing = (title: string): Listing<Stats['byKind'][number]> => ({
    columns: [
      { header: title.toUpperCase(), wrap: true, flex: true, min: 12 },
      { header: 'CLAIMS', align: 'right' },
    ],
    cells: (c) => [{ text: c.name }, count(c.count)],
    json: (c) => c,
  });
  view.write(
    tableKit(view).renderPairs(
      totals.map(([, label, text]) => ({ label, cell: { text } })),
      view.width,
      view.colors,
    ),
  );
  for (const [, name, counts] of sections) {
    view.write('\n');
    printListing({ ...view, width: Math.min(view.width, 60) }, listing(name), counts);
  }
}

/**
 * What the report page's script shows, made from the dataset itself. The page carries the
 * dataset's own JSON text (escaped for `<script>`, see `scriptJsonText`), and its script calls
 * `clientData` on it as the page loads: making these rows in the CLI and writing them out as
 * JSON again cost the report more than the rest of its data (JSON.stringify of megabytes, and
 * the garbage), where the browser makes them in a few tens of milliseconds.
 *
 * So `clientData` runs in the browser: it is inlined into the page as its source, and must use
 * nothing from outside its own body; what it needs from the CLI (the writer's id, the claim
 * kinds in order, the folding table, the escapes of `sanitize`) comes as arguments. The unit
 * tests run it in Node against the CLI's own functions (timeline, asserter names).
 */
import type { DatasetDocument } from '../../core/model/types.js';
import type { ClientClaim, ClientData, TimelineRow } from './client.js';

/** What the page's data needs from the CLI, given to its script as JSON. */
export interface PageConstants {
  /** The asserter id of the writer's own voice. */
  author: string;
  /** The claim kinds, in the order the filter offers them. */
  kinds: readonly string[];
  /** Characters that fold to something other than their lower case without marks. */
  fold: Record<string, string>;
  /** Invisible characters folding drops (ZERO_WIDTH in src/core/text/fold.ts). */
  drop: string;
}

/** A relation as the page lists it: type, direction, the other claim's id, the note. */
type RelationRow = ClientClaim['relations'][number];
type AgreementRow = ClientClaim['agreements'][number];

/**
 * The page's rows, names, filters and timeline of a dataset that has passed every check (a
 * page is written only then). Display strings go through `sanitize`, as in the terminal.
 */
export function clientData(
  doc: DatasetDocument,
  constants: PageConstants,
  sanitize: (text: string) => string,
): ClientData {
  const { author } = constants;
  const orNull = (text: string | undefined): string | null =>
    text !== undefined ? sanitize(text) : null;
  const entityById = new Map(doc.entities.map((e) => [e.id, e]));
  const claimIds = new Set(doc.claims.map((c) => c.id));

  // Relations both ways and agreements, by claim id, found once rather than once per claim.
  const related = new Map<string, RelationRow[]>();
  const relate = (id: string, row: RelationRow) => {
    const list = related.get(id);
    if (list) list.push(row);
    else related.set(id, [row]);
  };
  for (const relation of doc.relations) {
    if (!claimIds.has(relation.from) || !claimIds.has(relation.to)) continue;
    const note = orNull(relation.note);
    relate(relation.from, [relation.type, 'out', relation.to, note]);
    relate(relation.to, [relation.type, 'in', relation.from, note]);
  }
  const evidenced = new Map<string, AgreementRow[]>();
  for (const agreement of doc.agreements) {
    const row: AgreementRow = [sanitize(agreement.name), agreement.status, orNull(agreement.note)];
    for (const id of new Set(agreement.claims)) {
      const list = evidenced.get(id);
      if (list) list.push(row);
      else evidenced.set(id, [row]);
    }
  }

  const usedActors = new Set<string>();
  const usedTopics = new Set<string>();
  const usedKinds = new Set<string>();
  const claims = doc.claims.map((claim): ClientClaim => {
    for (const id of claim.actors) usedActors.add(id);
    for (const id of claim.topics) usedTopics.add(id);
    usedKinds.add(claim.kind);
    const asserter =
      claim.assertedBy === author
        ? author
        : (entityById.get(claim.assertedBy)?.name ?? claim.assertedBy);
    const { when } = claim;
    const note = (claim as { note?: unknown }).note;
    return {
      id: claim.id,
      text: sanitize(claim.text),
      kind: claim.kind,
      asserter: sanitize(asserter),
      asserterId: claim.assertedBy,
      cue: orNull(claim.cue),
      hedged: claim.hedged,
      when: when
        ? {
            date: sanitize(when.date),
            text: sanitize(when.text),
            basis: when.basis,
            source: orNull(when.source),
          }
        : null,
      actors: claim.actors,
      topics: claim.topics,
      note: typeof note === 'string' ? sanitize(note) : null,
      relations: related.get(claim.id) ?? [],
      agreements: evidenced.get(claim.id) ?? [],
    };
  });

  const names: Record<string, string> = { [author]: `${author}\n${doc.source.author}` };
  const labels: Record<string, string> = {};
  for (const item of [...doc.entities, ...doc.topics]) {
    names[item.id] = [item.name, ...item.aliases].join('\n');
    labels[item.id] = sanitize(item.name);
  }

  // The timeline: dated claims, then dated agreements, in the order of the start of each
  // date (stable within one), as the CLI's timeline orders them.
  const dated: { start: string; row: TimelineRow }[] = [];
  const date = (
    when: NonNullable<DatasetDocument['claims'][number]['when']>,
    opens: string | null,
    label: string | null,
  ) => {
    const slash = when.date.indexOf('/');
    dated.push({
      start: slash === -1 ? when.date : when.date.slice(0, slash),
      row: [
        sanitize(when.date),
        when.basis,
        sanitize(when.text),
        orNull(when.source),
        opens,
        label,
      ],
    });
  };
  for (const claim of doc.claims) if (claim.when) date(claim.when, claim.id, null);
  for (const agreement of doc.agreements) {
    if (agreement.when) date(agreement.when, agreement.claims[0] ?? null, sanitize(agreement.name));
  }
  dated.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));

  return {
    claims,
    names,
    labels,
    fold: constants.fold,
    actors: doc.entities
      .filter((e) => usedActors.has(e.id))
      .map((e): [string, string] => [e.id, sanitize(e.name)]),
    topics: doc.topics
      .filter((t) => usedTopics.has(t.id))
      .map((t): [string, string] => [t.id, sanitize(t.name)]),
    kinds: constants.kinds.filter((k) => usedKinds.has(k)),
    timeline: dated.map((d) => d.row),
  };
}

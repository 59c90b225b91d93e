/// <reference lib="dom" />
/// <reference lib="dom.iterable" />

import type { DatasetDocument } from '../../core/model/types.js';
import type { makeSanitizers } from '../sanitize.js';
import type { clientData, PageConstants } from './client-data.js';
import type { makePageFold } from './page-fold.js';

/**
 * The report page's script. It runs in the browser, inlined into the page as the source of
 * `reportClient` (so it must use nothing from outside its own body but its arguments, the
 * sources of `clientData` and `makeSanitizers` and their constants), and makes the claims'
 * rows from the dataset the page's JSON data block carries. Every value from the dataset is
 * put into the page with `textContent`, never parsed as HTML.
 */

/** One claim as the page shows it (display strings sanitised). */
export interface ClientClaim {
  id: string;
  text: string;
  kind: string;
  asserter: string;
  /** Id of who asserts it (`author` for the writer), for the search names. */
  asserterId: string;
  cue: string | null;
  hedged: boolean;
  when: { date: string; text: string; basis: string; source: string | null } | null;
  /** Ids of its actors and topics; `labels` names them. */
  actors: string[];
  topics: string[];
  note: string | null;
  /** [type, direction, other claim id, note]. */
  relations: [string, 'out' | 'in', string, string | null][];
  /** [name, status, note]. */
  agreements: [string, string, string | null][];
}

/**
 * One entry of the timeline strip: the date, its basis, the article's words for it (or the
 * description of an outside date), its source, the claim it opens, and what happened: null
 * for a claim (its text is in `claims`), an agreement's name otherwise.
 */
export type TimelineRow = [
  date: string,
  basis: string,
  text: string,
  source: string | null,
  claim: string | null,
  label: string | null,
];

/** The page's data block. */
export interface ClientData {
  claims: ClientClaim[];
  /** The timeline strip, in date order; the page draws it. */
  timeline: TimelineRow[];
  /**
   * Every name a search should find an entity or topic by (name and aliases, one per line),
   * by id; `author` names the writer. Claims list ids only, so names are sent once.
   */
  names: Record<string, string>;
  /** Characters that fold to something other than their lower case without marks. */
  fold: Record<string, string>;
  /** Display name of every entity and topic, by id (sanitised). */
  labels: Record<string, string>;
  /** The actors and topics the filters offer, as [id, display name] (the page sorts them by name). */
  actors: [string, string][];
  topics: [string, string][];
  kinds: string[];
}

export function reportClient(
  makeData: typeof clientData,
  sanitizers: typeof makeSanitizers,
  constants: PageConstants,
  makeFold: typeof makePageFold,
): void {
  // The data block is the dataset itself (see client-data.ts).
  const dataNode = document.getElementById('armru-data');
  const doc = JSON.parse(dataNode?.textContent ?? '{}') as DatasetDocument;
  const data = makeData(doc, constants, sanitizers().sanitize);
  const { claims } = data;
  const index = new Map(claims.map((c, i) => [c.id, i]));
  const article = document.getElementById('article-text') as HTMLElement;
  const panel = document.getElementById('panel') as HTMLElement;
  const search = document.getElementById('claims-search') as HTMLInputElement;
  const actorSelect = document.getElementById('filter-actor') as HTMLSelectElement;
  const topicSelect = document.getElementById('filter-topic') as HTMLSelectElement;
  const kindSelect = document.getElementById('filter-kind') as HTMLSelectElement;
  const list = document.getElementById('claim-list') as HTMLElement;
  const status = document.getElementById('claims-status') as HTMLElement;
  const sentinel = document.getElementById('claims-more') as HTMLElement;
  const BATCH = 100;

  // Each claim's quote is its highlights' text joined: the article is in the page once.
  const quotes = new Map<string, string>();
  for (const mark of article.querySelectorAll('mark[data-claim]')) {
    for (const id of (mark.getAttribute('data-claim') ?? '').split(' ')) {
      quotes.set(id, (quotes.get(id) ?? '') + (mark.textContent ?? ''));
    }
  }

  // The CLI's folding (src/core/text/fold.ts), invisible characters dropped alike.
  const fold = makeFold(data.fold, constants.drop);

  const make = (tag: string, className?: string, text?: string): HTMLElement => {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  };
  const openButton = (id: string, label: string): HTMLElement => {
    const button = make('button', 'link', label);
    button.setAttribute('type', 'button');
    button.dataset.open = id;
    return button;
  };
  const isWebAddress = (s: string | null): s is string => !!s && /^https?:\/\//i.test(s);

  const INVERSE: Record<string, string> = {
    disputes: 'is disputed by',
    supports: 'is supported by',
    qualifies: 'is qualified by',
    elaborates: 'is elaborated by',
    follows: 'is followed by',
  };

  let returnFocus: HTMLElement | null = null;

  const markCurrent = (id: string | null) => {
    for (const m of article.querySelectorAll('mark.current')) m.classList.remove('current');
    if (!id) return;
    for (const m of article.querySelectorAll('mark[data-claim]')) {
      if ((m.getAttribute('data-claim') ?? '').split(' ').includes(id)) m.classList.add('current');
    }
  };

  const openClaim = (id: string, from: HTMLElement | null) => {
    const i = index.get(id);
    if (i === undefined) return;
    const claim = claims[i] as ClientClaim;
    if (panel.hidden) returnFocus = from;
    panel.textContent = '';
    const close = make('button', 'close', 'Close');
    close.setAttribute('type', 'button');
    close.setAttribute('aria-label', 'Close the claim (Escape)');
    close.addEventListener('click', () => closePanel());
    const title = make('h2', undefined, `${claim.id} · ${claim.kind}`);
    title.id = 'panel-title';
    panel.append(
      close,
      title,
      make('p', undefined, claim.text),
      make('blockquote', undefined, quotes.get(claim.id) ?? ''),
    );
    const fields = make('dl');
    const field = (name: string, value: string | HTMLElement) => {
      const dd = make('dd');
      dd.append(value);
      fields.append(make('dt', undefined, name), dd);
    };
    field('kind', claim.kind);
    field('asserted by', claim.asserter + (claim.cue ? ` (“${claim.cue}”)` : ''));
    field('hedged', claim.hedged ? 'yes' : 'no');
    if (claim.when) {
      const when = make(
        'span',
        undefined,
        `${claim.when.date} (${claim.when.basis}: “${claim.when.text}”)`,
      );
      if (isWebAddress(claim.when.source)) {
        const link = make('a', undefined, 'date source') as HTMLAnchorElement;
        link.href = claim.when.source;
        link.rel = 'noopener noreferrer';
        when.append(' ', link);
      } else if (claim.when.source) when.append(` date source: ${claim.when.source}`);
      field('date', when);
    } else field('date', '—');
    const label = (id: string) => data.labels[id] ?? id;
    field('actors', claim.actors.map(label).join(', ') || '—');
    field('topics', claim.topics.map(label).join(', ') || '—');
    if (claim.note) field('note', claim.note);
    if (claim.relations.length > 0) {
      const ul = make('ul');
      for (const [type, direction, other, note] of claim.relations) {
        const li = make('li');
        li.append(
          `${direction === 'out' ? type : (INVERSE[type] ?? type)} `,
          openButton(other, other),
        );
        const otherClaim = claims[index.get(other) ?? -1];
        if (otherClaim) li.append(`: ${otherClaim.text}`);
        if (note) li.append(make('div', 'meta', `note: ${note}`));
        ul.append(li);
      }
      field('related', ul);
    }
    if (claim.agreements.length > 0) {
      const ul = make('ul');
      for (const [name, agreementStatus, note] of claim.agreements) {
        const li = make('li', undefined, `${name} (${agreementStatus})`);
        if (note) li.append(make('div', 'meta', `note: ${note}`));
        ul.append(li);
      }
      field('evidence for', ul);
    }
    // Claims whose quotes share the words clicked: reachable from here even when one
    // quote lies wholly inside another.
    const others = from?.matches('mark[data-claim]')
      ? (from.getAttribute('data-claim') ?? '').split(' ').filter((other) => other && other !== id)
      : [];
    if (others.length > 0) {
      const also = make('span');
      others.forEach((other, n) => {
        if (n > 0) also.append(', ');
        also.append(openButton(other, other));
      });
      field('same words', also);
    }
    panel.append(fields);
    panel.hidden = false;
    markCurrent(id);
    panel.focus();
  };

  const closePanel = () => {
    if (panel.hidden) return;
    panel.hidden = true;
    markCurrent(null);
    const target = returnFocus;
    returnFocus = null;
    if (target?.isConnected) target.focus();
  };

  // A highlight covering several claims opens the innermost; the panel links to the others.
  const innermost = (mark: Element) => {
    const ids = (mark.getAttribute('data-claim') ?? '').split(' ').filter(Boolean);
    return ids[ids.length - 1];
  };

  document.addEventListener('click', (event) => {
    const target = event.target as Element | null;
    const mark = target?.closest('mark[data-claim]');
    if (mark) {
      const id = innermost(mark);
      if (id) openClaim(id, mark as HTMLElement);
      return;
    }
    const opener = target?.closest('[data-open]');
    if (opener) {
      const id = opener.getAttribute('data-open');
      if (id) openClaim(id, opener as HTMLElement);
    }
  });
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && !panel.hidden) {
      event.preventDefault();
      closePanel();
      return;
    }
    const target = event.target as Element | null;
    if ((event.key === 'Enter' || event.key === ' ') && target?.matches('mark[data-claim]')) {
      event.preventDefault();
      const id = innermost(target);
      if (id) openClaim(id, target as HTMLElement);
    }
  });

  // The claim list: filtered and searched on input, drawn a batch at a time as it scrolls.
  const fill = (select: HTMLSelectElement, options: [string, string][]) => {
    // Sorted here, by the reader's browser, rather than by armru at report time.
    options.sort((a, b) => a[1].localeCompare(b[1]));
    for (const [value, label] of options) {
      const option = make('option', undefined, label) as HTMLOptionElement;
      option.value = value;
      select.append(option);
    }
  };
  fill(actorSelect, data.actors);
  fill(topicSelect, data.topics);
  fill(
    kindSelect,
    data.kinds.map((k) => [k, k]),
  );

  // What the search box matches a claim against, folded on the first search: its id, words,
  // quote, kind, cue and date, and every name of who asserts it, its actors and its topics.
  // Built a slice at a time while the page is idle, and finished at once if a search comes
  // first, so a long list's first search does not stall the page.
  const haystacks: string[] = [];
  const buildHaystacks = (more: () => boolean) => {
    while (haystacks.length < claims.length && more()) {
      haystacks.push(haystackOf(claims[haystacks.length] as ClientClaim));
    }
  };
  // Names recur across claims: each is folded once.
  const foldedNames = new Map<string, string>();
  const namesOf = (id: string, fallback: string) => {
    let folded = foldedNames.get(id);
    if (folded === undefined) {
      folded = fold(data.names[id] ?? fallback);
      foldedNames.set(id, folded);
    }
    return folded;
  };
  const haystackOf = (claim: ClientClaim) =>
    [
      fold(
        [
          claim.id,
          claim.text,
          quotes.get(claim.id) ?? '',
          claim.kind,
          claim.cue ?? '',
          claim.when?.text ?? '',
        ].join('\n'),
      ),
      namesOf(claim.asserterId, claim.asserter),
      ...claim.actors.map((id) => namesOf(id, id)),
      ...claim.topics.map((id) => namesOf(id, id)),
    ].join('\n');

  let matches: number[] = [];
  let faded = false;
  let shown = 0;
  const card = (i: number): HTMLElement => {
    const claim = claims[i] as ClientClaim;
    const li = make('li', 'card');
    li.dataset.claimCard = claim.id;
    const button = make('button');
    button.setAttribute('type', 'button');
    button.dataset.open = claim.id;
    const head = make('div', 'meta');
    head.append(
      make('span', `id k-${claim.kind}`, claim.id),
      `${claim.kind} · ${claim.asserter}${claim.hedged ? ' · hedged' : ''}`,
    );
    button.append(head, make('div', undefined, claim.text));
    li.append(button);
    return li;
  };
  const more = () => {
    const fragment = document.createDocumentFragment();
    const end = Math.min(matches.length, shown + BATCH);
    for (; shown < end; shown++) fragment.append(card(matches[shown] as number));
    list.append(fragment);
  };
  const apply = () => {
    const words = fold(search.value).split(/\s+/).filter(Boolean);
    const actor = actorSelect.value;
    const topic = topicSelect.value;
    const kind = kindSelect.value;
    matches = [];
    claims.forEach((claim, i) => {
      if (actor && !claim.actors.includes(actor)) return;
      if (topic && !claim.topics.includes(topic)) return;
      if (kind && claim.kind !== kind) return;
      if (words.length === 0) {
        matches.push(i);
        return;
      }
      buildHaystacks(() => true);
      const hay = haystacks[i] as string;
      if (words.every((w) => hay.includes(w))) matches.push(i);
    });
    list.textContent = '';
    shown = 0;
    more();
    status.textContent =
      matches.length === claims.length
        ? `${matches.length} claims`
        : `${matches.length} of ${claims.length} claims match`;
    const filtering = matches.length !== claims.length;
    // Nothing to fade or unfade: leave the article's thousands of highlights alone.
    if (!filtering && !faded) return;
    faded = filtering;
    if (!filtering) {
      for (const m of article.querySelectorAll('mark.faded')) m.classList.remove('faded');
      return;
    }
    const kept = new Set(matches.map((i) => (claims[i] as ClientClaim).id));
    for (const m of article.querySelectorAll('mark[data-claim]')) {
      const ids = (m.getAttribute('data-claim') ?? '').split(' ');
      m.classList.toggle('faded', !ids.some((id) => kept.has(id)));
    }
  };
  let timer: ReturnType<typeof setTimeout> | undefined;
  search.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(apply, 60);
  });
  for (const select of [actorSelect, topicSelect, kindSelect])
    select.addEventListener('change', apply);
  new IntersectionObserver((entries) => {
    if (entries.some((e) => e.isIntersecting) && shown < matches.length) more();
  }).observe(sentinel);
  apply();

  // The timeline strip, drawn here rather than sent as markup: at archive scale it repeated
  // every claim's text. A long strip is drawn a slice at a time, the first at once.
  const strip = document.getElementById('timeline-list');
  let drawnTo = 0;
  const drawTimeline = (count: number) => {
    if (!strip) return;
    const end = Math.min(data.timeline.length, drawnTo + count);
    const slice = document.createDocumentFragment();
    for (; drawnTo < end; drawnTo++) {
      const [date, basis, text, source, claim, label] = data.timeline[drawnTo] as TimelineRow;
      const item = make('li');
      item.append(make('span', 'date', date));
      const said = make('span', 'basis', `${basis}: “${text}”`);
      // The link vouches for the date, not for the claim: it says so.
      if (isWebAddress(source)) {
        const link = make('a', undefined, 'date source') as HTMLAnchorElement;
        link.href = source;
        link.rel = 'noopener noreferrer';
        said.append(' ', link);
      }
      item.append(said);
      const row = label === null ? claims[index.get(claim ?? '') ?? -1] : undefined;
      const what = label ?? row?.text ?? '';
      if (claim) {
        const button = make('button', undefined, claim);
        button.setAttribute('type', 'button');
        button.dataset.open = claim;
        item.append(button, ` ${what}`);
      } else item.append(what);
      // A dated claim says who asserts it, as the CLI's timeline does: a dated report stays one.
      if (row)
        item.append(
          make(
            'span',
            'byline',
            ` — ${row.asserter} · ${row.kind}${row.hedged ? ' · hedged' : ''}`,
          ),
        );
      slice.append(item);
    }
    strip.append(slice);
  };
  drawTimeline(500);
  const drawRest = () => {
    if (drawnTo >= data.timeline.length) return;
    drawTimeline(500);
    setTimeout(drawRest, 0);
  };
  setTimeout(drawRest, 0);

  const idle = (deadline: IdleDeadline) => {
    buildHaystacks(() => deadline.timeRemaining() > 2);
    if (haystacks.length < claims.length) requestIdleCallback(idle);
  };
  if (typeof requestIdleCallback === 'function') requestIdleCallback(idle);
  document.documentElement.dataset.ready = 'true';
}

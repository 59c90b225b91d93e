import type { ActorGraph, GraphEdge, GraphNode } from '../core/browse/graph.js';
import { type Listing, printListing } from './listing.js';
import { sanitizeInline } from './sanitize.js';
import { tableKit, type View } from './view.js';

// DOT double-quoted strings: control characters shown escaped (the output often lands in a
// terminal, and dot would draw them as junk), then backslash and quote escaped for DOT, and
// the ampersand as an entity: Graphviz reads `&amp;`, `&lt;` or `&#38;` in a label as the
// character it names, so a name written `AT&amp;T` was drawn `AT&T`.
export function dotString(s: string): string {
  return `"${dotText(s)}"`;
}

/** What dotString puts between the quotes (for a label made of several texts). */
export function dotText(s: string): string {
  return sanitizeInline(s).replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/&/g, '&amp;');
}

export const SHAPES: Record<GraphNode['type'], string> = {
  Person: 'ellipse',
  Country: 'box',
  Government: 'box',
  Organization: 'hexagon',
  MilitaryUnit: 'octagon',
  Media: 'note',
  Place: 'house',
  Group: 'ellipse',
  Agreement: 'diamond',
  Claim: 'note',
};

/** What each type of node stands for, in a drawing's key. */
const NODE_MEANS: Record<GraphNode['type'], string> = {
  Person: 'person',
  Group: 'group',
  Country: 'country',
  Government: 'government',
  Organization: 'organisation',
  MilitaryUnit: 'military unit',
  Media: 'media outlet',
  Place: 'place',
  Agreement: 'agreement of more than six parties',
  Claim: 'claim naming more than six actors',
};

/** One line of a key: how a thing is drawn, and what it stands for. */
export interface KeyEntry {
  looks: string;
  means: string;
}

/** How DOT draws each kind of edge, and what it means, in the key's words. */
const DOT_EDGES: Record<GraphEdge['kind'], KeyEntry> = {
  claims: {
    looks: 'solid line, numbered',
    means: 'named together in that many claims (thicker: more)',
  },
  agreement: { looks: 'dashed blue line, named', means: 'parties to that agreement' },
  party: { looks: 'dashed blue line to a diamond', means: 'party to that agreement' },
  named: { looks: 'unnumbered line to a "claim" note', means: 'named in that claim' },
  member: { looks: 'dotted arrow, "member of"', means: 'member of what it points to' },
};

/** The order of the kinds of edge in a key (as the table lists them). */
const EDGE_ORDER: GraphEdge['kind'][] = ['claims', 'named', 'agreement', 'party', 'member'];

/**
 * The key of a DOT drawing of `graph`: a line for each shape of node and each style of edge
 * the drawing holds, and none for what it does not (a filter that leaves no agreement leaves
 * no dashed line in the key). Types drawn in the same shape share a line.
 */
export function dotKey(graph: ActorGraph): KeyEntry[] {
  const types = new Set(graph.nodes.map((n) => n.type));
  const kinds = new Set(graph.edges.map((e) => e.kind));
  const shapes = new Map<string, string[]>();
  for (const type of Object.keys(NODE_MEANS) as GraphNode['type'][]) {
    if (!types.has(type)) continue;
    // A claim's node shares its shape with media outlets; its label tells it apart.
    const looks = type === 'Claim' ? `${SHAPES[type]}, "claim ID"` : SHAPES[type];
    shapes.set(looks, [...(shapes.get(looks) ?? []), NODE_MEANS[type]]);
  }
  return [
    ...[...shapes].map(([looks, means]) => ({ looks, means: means.join(', ') })),
    ...EDGE_ORDER.filter((k) => kinds.has(k)).map((k) => DOT_EDGES[k]),
  ];
}

/**
 * The key as DOT graph attributes: a label under the drawing, one entry a line, left-aligned
 * (`\l`); nothing for an empty graph.
 */
export function dotKeyAttributes(graph: ActorGraph, fontsize: number): string[] {
  const key = dotKey(graph);
  if (key.length === 0) return [];
  const label = ['Key', ...key.map((k) => `${k.looks}: ${k.means}`)]
    .map((line) => `${line.replace(/"/g, '\\"')}\\l`)
    .join('');
  return [`  graph [label="${label}", labelloc=b, labeljust=l, fontsize=${fontsize}];`];
}

/** How DOT draws a party's link to an agreement drawn as a node (unlabelled: the node is). */
export const PARTY_STYLE = 'style=dashed, color="#1f6feb"';

/** How DOT draws an actor's link to a claim drawn as a node (solid and unlabelled: one claim). */
export const NAMED_STYLE = 'color="#57606a"';

/**
 * Graphviz DOT: an undirected graph; co-occurrence edges carry their count as label and
 * weight (thicker when shared more), agreement edges are dashed and labelled with the name.
 */
export function toDot(graph: ActorGraph, title: string): string {
  const lines = [
    `graph ${dotString(title)} {`,
    '  graph [layout=neato, overlap=false, splines=true, sep="+8"];',
    '  node [fontname="Helvetica"];',
    ...dotKeyAttributes(graph, 10),
  ];
  for (const n of graph.nodes) {
    lines.push(`  ${dotString(n.id)} [label=${dotString(n.name)}, shape=${SHAPES[n.type]}];`);
  }
  for (const e of graph.edges) {
    if (e.kind === 'claims') {
      const width = Math.min(6, 1 + Math.log2(e.weight)).toFixed(1);
      lines.push(
        `  ${dotString(e.a)} -- ${dotString(e.b)} [label="${e.weight}", weight=${e.weight}, penwidth=${width}];`,
      );
    } else if (e.kind === 'member') {
      lines.push(
        `  ${dotString(e.a)} -- ${dotString(e.b)} [label="member of", dir=forward, style=dotted, color="#6e7781", fontcolor="#6e7781"];`,
      );
    } else if (e.kind === 'party') {
      lines.push(`  ${dotString(e.a)} -- ${dotString(e.b)} [${PARTY_STYLE}];`);
    } else if (e.kind === 'named') {
      lines.push(`  ${dotString(e.a)} -- ${dotString(e.b)} [${NAMED_STYLE}];`);
    } else {
      lines.push(
        `  ${dotString(e.a)} -- ${dotString(e.b)} [label=${dotString(e.label)}, style=dashed, color="#1f6feb", fontcolor="#1f6feb"];`,
      );
    }
  }
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

// Mermaid node ids: letters, digits and underscores only; labels quoted, with every character
// Mermaid reads as markup written as its entity code: `#` (which starts one), the quote, and
// `<`, `>`, `&` (HTML labels: "<br>" broke a name in two) and `|` (which ends an edge label).
function mermaidId(id: string): string {
  return `n_${id.replace(/[^A-Za-z0-9_]/g, (ch) => `_${ch.charCodeAt(0).toString(16)}_`)}`;
}

const MERMAID_MARKUP = /[#"<>&|]/g;

function mermaidLabel(s: string): string {
  return `"${sanitizeInline(s).replace(MERMAID_MARKUP, (ch) => `#${ch.charCodeAt(0)};`)}"`;
}

/**
 * A Mermaid flowchart: solid links labelled with the shared-claim count, dotted ones for
 * agreements, dotted arrows for membership.
 */
export function toMermaid(graph: ActorGraph): string {
  const lines = ['flowchart LR'];
  for (const n of graph.nodes) {
    const label = mermaidLabel(n.name);
    const shape =
      n.type === 'Agreement' ? `{${label}}` : n.type === 'Claim' ? `[/${label}/]` : `[${label}]`;
    lines.push(`  ${mermaidId(n.id)}${shape}`);
  }
  for (const e of graph.edges) {
    if (e.kind === 'party') {
      lines.push(`  ${mermaidId(e.a)} -.- ${mermaidId(e.b)}`);
      continue;
    }
    if (e.kind === 'named') {
      lines.push(`  ${mermaidId(e.a)} --- ${mermaidId(e.b)}`);
      continue;
    }
    const label =
      e.kind === 'claims' ? String(e.weight) : e.kind === 'member' ? 'member of' : e.label;
    const link = e.kind === 'claims' ? '---' : e.kind === 'member' ? '-.->' : '-.-';
    lines.push(`  ${mermaidId(e.a)} ${link}|${mermaidLabel(label)}| ${mermaidId(e.b)}`);
  }
  return `${lines.join('\n')}\n`;
}

/** What each LINK of the table means, for the key under it. */
const TABLE_KEY: Record<GraphEdge['kind'], string> = {
  claims: 'named together in claims (CLAIMS: how many)',
  named: 'named in a claim that names more than six actors',
  agreement: 'parties to an agreement',
  party: 'party to an agreement of more than six parties',
  member: 'the first is a member of the second',
};

const LINKS: Record<GraphEdge['kind'], string> = {
  claims: 'with',
  agreement: 'agreement',
  party: 'party to',
  named: 'named in',
  member: 'member of',
};

/**
 * The network as a person reads it in a terminal: one row per edge (who with whom, how, and
 * through which claims or agreement), strongest co-occurrences first, then agreements and
 * memberships. DOT and the other formats are for programs; `--format` asks for them.
 */
export function printGraphTable(view: View, graph: ActorGraph): void {
  const names = new Map(graph.nodes.map((n) => [n.id, n.name]));
  const name = (id: string) => names.get(id) ?? id;
  const order = { claims: 0, named: 1, agreement: 2, party: 2, member: 3 };
  const edges = [...graph.edges].sort(
    (x, y) =>
      order[x.kind] - order[y.kind] ||
      (y.kind === 'claims' && x.kind === 'claims' ? y.weight - x.weight : 0),
  );
  const listing: Listing<GraphEdge> = {
    columns: [
      { header: 'ACTOR', wrap: true, max: 28, min: 10 },
      { header: 'LINK', style: view.colors.kind },
      { header: 'ACTOR', wrap: true, max: 28, min: 10 },
      { header: 'CLAIMS', align: 'right' },
      { header: 'THROUGH', wrap: true, flex: true, min: 12, optional: true },
    ],
    cells: (e) => [
      { text: name(e.a) },
      { text: LINKS[e.kind] },
      { text: name(e.b) },
      { text: e.kind === 'claims' ? String(e.weight) : '' },
      {
        text:
          e.kind === 'claims'
            ? e.claims.join(', ')
            : e.kind === 'named'
              ? e.claim
              : e.kind === 'member'
                ? ''
                : e.label,
      },
    ],
    json: (e) => e,
  };
  printListing(view, listing, edges);
  // The key: what each kind of link the table holds means, and only those.
  const kinds = EDGE_ORDER.filter((k) => edges.some((e) => e.kind === k));
  if (kinds.length === 0) return;
  const { wrap } = tableKit(view);
  const termWidth = Math.max(...kinds.map((k) => LINKS[k].length));
  // Each meaning beside its word, or under it when the window leaves too little room.
  const beside = view.width - termWidth - 4;
  const lines: string[] = [];
  for (const k of kinds) {
    if (beside >= 20) {
      wrap(TABLE_KEY[k], beside).forEach((line, i) => {
        lines.push(`  ${i === 0 ? LINKS[k].padEnd(termWidth) : ' '.repeat(termWidth)}  ${line}`);
      });
    } else {
      lines.push(`  ${LINKS[k]}`);
      for (const line of wrap(TABLE_KEY[k], Math.max(1, view.width - 6)))
        lines.push(`      ${line}`);
    }
  }
  view.write(`\n${view.colors.header('LINK')}\n${lines.join('\n')}\n`);
}

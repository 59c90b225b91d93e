import type { ActorGraph, GraphEdge, GraphNode } from '../core/browse/graph.js';
import { type Listing, printListing } from './listing.js';
import { sanitizeInline } from './sanitize.js';
import type { View } from './view.js';

// DOT double-quoted strings: control characters shown escaped (the output often lands in a
// terminal, and dot would draw them as junk), then backslash and quote escaped for DOT.
export function dotString(s: string): string {
  return `"${sanitizeInline(s).replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
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

// Mermaid node ids: letters, digits and underscores only; labels quoted, quotes as entities.
function mermaidId(id: string): string {
  return `n_${id.replace(/[^A-Za-z0-9_]/g, (ch) => `_${ch.charCodeAt(0).toString(16)}_`)}`;
}

function mermaidLabel(s: string): string {
  return `"${sanitizeInline(s).replace(/"/g, '#quot;')}"`;
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
}

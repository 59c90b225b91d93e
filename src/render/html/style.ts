/**
 * The report page's stylesheet: light and dark schemes, one column at phone width and two
 * from 900 px, visible focus, and a print layout without the controls.
 */
export const STYLE = `
:root {
  color-scheme: light dark;
  --bg: #ffffff; --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --panel: #f6f8fa;
  --focus: #0969da;
  --event: #1a7f37; --statement: #0969da; --quote: #8250df; --report: #9a6700;
  --denial: #cf222e; --assessment: #1b7c83; --background: #6e7781;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #0d1117; --fg: #e6edf3; --muted: #9198a1; --line: #3d444d; --panel: #151b23;
    --focus: #4493f8;
    --event: #3fb950; --statement: #4493f8; --quote: #ab7df8; --report: #d29922;
    --denial: #f85149; --assessment: #39c5cf; --background: #9198a1;
  }
}
* { box-sizing: border-box; }
html { background: var(--bg); color: var(--fg); }
body { margin: 0; font: 16px/1.6 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
a { color: var(--focus); }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
.skip { position: absolute; left: -999px; }
.skip:focus { left: 8px; top: 8px; background: var(--bg); padding: 4px 8px; z-index: 10; }
header.top { padding: 16px 20px 8px; border-bottom: 1px solid var(--line); }
header.top h1 { font-size: 1.5rem; line-height: 1.25; margin: 0 0 4px; }
header.top p { margin: 0; color: var(--muted); overflow-wrap: anywhere; }
.legend { display: flex; flex-wrap: wrap; gap: 6px 12px; margin: 8px 0 0; padding: 0; list-style: none; font-size: .85rem; }
.legend li { display: inline-flex; align-items: center; gap: 4px; }
.swatch { display: inline-block; width: 12px; height: 12px; border-radius: 2px; background: currentColor; }
main { display: grid; grid-template-columns: minmax(0, 1fr); gap: 0; }
@media (min-width: 900px) {
  main { grid-template-columns: minmax(0, 3fr) minmax(300px, 2fr); }
  #network, #timeline { grid-column: 1 / -1; }
}
section { padding: 16px 20px; min-width: 0; }
h2 { font-size: 1.1rem; margin: 0 0 8px; }
.article { white-space: pre-wrap; overflow-wrap: break-word; max-width: 72ch; font-family: Georgia, "Times New Roman", serif; font-size: 1.05rem; }
mark { background: transparent; color: inherit; cursor: pointer; text-decoration: underline 2px; text-underline-offset: 3px; border-radius: 2px; }
mark.k-event { text-decoration-color: var(--event); }
mark.k-statement { text-decoration-color: var(--statement); }
mark.k-quote { text-decoration-color: var(--quote); }
mark.k-report { text-decoration-color: var(--report); }
mark.k-denial { text-decoration-color: var(--denial); }
mark.k-assessment { text-decoration-color: var(--assessment); }
mark.k-background { text-decoration-color: var(--background); }
mark.nested { text-decoration-thickness: 4px; }
mark:hover, mark.current { background: color-mix(in srgb, var(--focus) 18%, transparent); }
mark.faded { text-decoration-color: var(--line); }
.k-event { color: var(--event); } .k-statement { color: var(--statement); } .k-quote { color: var(--quote); }
.k-report { color: var(--report); } .k-denial { color: var(--denial); }
.k-assessment { color: var(--assessment); } .k-background { color: var(--background); }
.article mark { color: inherit; }
#claims .controls { display: grid; gap: 8px; margin-bottom: 8px; }
#claims input, #claims select { font: inherit; width: 100%; padding: 6px 8px; color: var(--fg); background: var(--bg); border: 1px solid var(--line); border-radius: 6px; }
.status { color: var(--muted); font-size: .9rem; margin: 0 0 8px; }
ol.cards { list-style: none; margin: 0; padding: 0; }
.card { border: 1px solid var(--line); border-radius: 6px; padding: 8px 10px; margin: 0 0 8px; }
.card button { all: unset; cursor: pointer; display: block; width: 100%; }
.card button:focus-visible { outline: 3px solid var(--focus); outline-offset: 4px; }
.card .meta { font-size: .85rem; color: var(--muted); }
.card .id { font-weight: 600; margin-right: 6px; }
#panel { position: fixed; top: 0; right: 0; bottom: 0; width: min(440px, 100vw); overflow-y: auto; background: var(--panel); border-left: 1px solid var(--line); padding: 16px 20px; box-shadow: -4px 0 16px rgb(0 0 0 / 15%); z-index: 5; }
#panel[hidden] { display: none; }
#panel h2 { margin-right: 48px; }
#panel .close { position: absolute; top: 12px; right: 12px; font: inherit; padding: 2px 10px; border: 1px solid var(--line); border-radius: 6px; background: var(--bg); color: var(--fg); cursor: pointer; }
#panel dl { margin: 0; display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: 4px 12px; }
#panel dt { color: var(--muted); }
#panel dd { margin: 0; overflow-wrap: anywhere; }
#panel blockquote { margin: 8px 0 12px; padding-left: 10px; border-left: 3px solid var(--line); font-family: Georgia, serif; }
#panel ul { margin: 0; padding-left: 18px; }
#panel .link { all: unset; color: var(--focus); text-decoration: underline; cursor: pointer; }
#panel .link:focus-visible { outline: 3px solid var(--focus); }
#network .graph { overflow: auto; max-height: 80vh; border: 1px solid var(--line); border-radius: 6px; }
#network svg { display: block; max-width: none; height: auto; }
#network svg polygon[fill="white"] { fill: var(--bg); }
#network svg text { fill: var(--fg); }
#network svg .node polygon, #network svg .node ellipse, #network svg .node path, #network svg .node polyline { stroke: var(--fg); fill: var(--bg); }
#network svg .edge path { stroke: var(--muted); }
#network svg .edge text { fill: var(--muted); }
#network svg .edge path[stroke-dasharray] { stroke: var(--focus); }
#network svg .edge path[stroke-dasharray] ~ text { fill: var(--focus); }
ol.timeline { display: flex; gap: 8px; overflow-x: auto; list-style: none; margin: 0; padding: 0 0 8px; }
ol.timeline li { flex: 0 0 200px; border: 1px solid var(--line); border-radius: 6px; padding: 6px 8px; font-size: .9rem; }
ol.timeline .date { font-weight: 600; display: block; }
ol.timeline .basis { color: var(--muted); font-size: .8rem; display: block; }
ol.timeline button { all: unset; cursor: pointer; color: var(--focus); text-decoration: underline; }
ol.timeline button:focus-visible { outline: 3px solid var(--focus); }
footer { padding: 16px 20px; color: var(--muted); font-size: .85rem; border-top: 1px solid var(--line); }
@media print {
  :root { --bg: #fff; --fg: #000; }
  #claims, #panel, .skip, .legend { display: none !important; }
  main { display: block; }
  .article { max-width: none; font-size: 11pt; }
  mark { text-decoration-thickness: 1px; }
  mark[data-start]::before { content: "[" attr(data-start) "] "; font-size: 8pt; color: #555; }
  #network .graph { overflow: visible; max-height: none; border: 0; }
  #network svg { max-width: 100%; }
  ol.timeline { flex-wrap: wrap; overflow: visible; }
  section { break-inside: avoid-page; }
}
`;

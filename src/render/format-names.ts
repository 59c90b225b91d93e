// Format names alone, so the CLI can list them without loading the printers.

/** Output formats of `armru export`. */
export const EXPORT_FORMATS = ['json', 'jsonl', 'csv', 'annotations', 'jsonld'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Output formats of `armru graph`. */
export const GRAPH_FORMATS = ['dot', 'mermaid', 'json'] as const;
export type GraphFormat = (typeof GRAPH_FORMATS)[number];

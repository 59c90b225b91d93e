import { existsSync, realpathSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { subsetDocument } from '../core/dataset/subset.js';
import { corpusInputs, writeFileAtomic } from '../core/dataset/write-file.js';
import { ArmruError, someOf } from '../core/model/errors.js';
import { SCHEMA_FILE } from '../core/model/paths.js';
import { loadCorpus } from '../core/store/load.js';
import { type Selection, selectClaims } from '../core/store/select.js';
import {
  annotationPieces,
  csvPieces,
  datasetJsonPieces,
  jsonLdPieces,
  jsonLinesPieces,
} from '../render/export.js';
import type { ExportFormat } from '../render/format-names.js';
import { batched } from '../render/json.js';
import { type CommandContext, OK, type Outcome } from './context.js';

/** Checked options of `armru export`. */
export interface ExportOptions extends Selection {
  format: ExportFormat;
  /** File to write (atomically); stdout when absent or `-`. */
  output?: string;
  /** Start CSV with a UTF-8 byte order mark, for spreadsheets that need one. */
  bom?: boolean;
  /** CSV for spreadsheets: a byte order mark, and cells that would run as formulas defused. */
  spreadsheet?: boolean;
}

/**
 * Where a file named `output` is written: through symbolic links (a write replaces the file a
 * link points to, so a path relative to the link's folder pointed nowhere), or where it would
 * be made.
 */
function writtenPath(output: string): string {
  try {
    return realpathSync(output);
  } catch {
    try {
      return join(realpathSync(dirname(resolve(output))), basename(output));
    } catch {
      return resolve(output);
    }
  }
}

/**
 * The `$schema` a dataset document written to `output` (stdout when absent) should carry, so
 * editors and validators find the schema: `./claims.schema.json` when a schema of that name is
 * beside the file, else the path from the file's directory to the schema armru ships (for
 * stdout, from the working directory, where `> file` puts it).
 */
export function schemaRefFor(output: string | undefined, schemaFile = SCHEMA_FILE): string {
  const dir = output ? dirname(writtenPath(output)) : process.cwd();
  if (existsSync(join(dir, basename(schemaFile)))) return `./${basename(schemaFile)}`;
  const rel = relative(dir, schemaFile);
  // Another drive (Windows) has no relative path; a file URL still resolves.
  if (isAbsolute(rel)) return pathToFileURL(schemaFile).href;
  const posix = rel.split(sep).join('/');
  return posix.startsWith('../') ? posix : `./${posix}`;
}

/**
 * `armru export`: the selected claims in one format, written as it is made. With `-o` the
 * file is written under a temporary name and renamed when complete, so an error or Ctrl-C
 * never leaves a partial file; standard output receives the document a megabyte at a time.
 */
export async function exportCommand(ctx: CommandContext, options: ExportOptions): Promise<Outcome> {
  for (const flag of ['bom', 'spreadsheet'] as const) {
    if (options[flag] && options.format !== 'csv') {
      throw new ArmruError(
        'usage',
        `--${flag} applies to --format csv only, not ${options.format}`,
      );
    }
  }
  const corpus = await loadCorpus(ctx.dataPaths);
  const refs = selectClaims(corpus, options);
  let pieces: Iterable<string>;
  switch (options.format) {
    case 'json': {
      const datasets = [...new Set(refs.map((r) => r.dataset))];
      if (datasets.length > 1) {
        throw new ArmruError(
          'usage',
          `--format json writes one dataset, but the selected claims come from ${datasets.length} (${someOf(datasets.map((d) => d.doc.source.id))}); narrow the selection or load one dataset with --data`,
        );
      }
      const dataset = datasets[0] ?? corpus.datasets[0];
      if (!dataset) throw new ArmruError('usage', 'no dataset is loaded');
      const output = options.output === '-' ? undefined : options.output;
      pieces = datasetJsonPieces(
        subsetDocument(
          dataset,
          refs.map((r) => r.claim),
          schemaRefFor(output),
        ),
      );
      break;
    }
    case 'jsonl':
      pieces = jsonLinesPieces(corpus, refs);
      break;
    case 'csv':
      pieces = csvPieces(refs, {
        bom: options.bom ?? false,
        spreadsheet: options.spreadsheet ?? false,
      });
      break;
    case 'annotations':
      pieces = annotationPieces(corpus, refs);
      break;
    case 'jsonld':
      pieces = jsonLdPieces(corpus, refs);
      break;
  }
  // Written as it is made, a megabyte at a time: a file under a temporary name renamed when
  // complete (an interruption leaves the old file or none), or standard output.
  if (options.output !== undefined && options.output !== '-')
    await writeFileAtomic(options.output, batched(pieces), { keep: corpusInputs(corpus) });
  else for (const piece of batched(pieces)) ctx.view.write(piece);
  return refs.length === 0
    ? { status: 'ok', message: 'no claims match the selection; the export is empty' }
    : OK;
}

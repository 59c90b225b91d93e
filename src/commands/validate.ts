import { type Stats, statSync } from 'node:fs';
import { checkDataset, datasetFileList } from '../core/dataset/files.js';
import { type FixEdit, fixOffsets } from '../core/dataset/fix.js';
import { fixedText } from '../core/dataset/fix-text.js';
import { quoteCuts } from '../core/dataset/graphemes.js';
import { parseJson } from '../core/dataset/json-text.js';
import { readTextAndMark } from '../core/dataset/read-text.js';
import { writeFileAtomic } from '../core/dataset/write-file.js';
import { ArmruError, type DataProblem, problemLine } from '../core/model/errors.js';
import { BUILTIN_DATASET, displayPath } from '../core/model/paths.js';
import { toJson } from '../render/json.js';
import { printJson } from '../render/view.js';
import type { CommandContext, Outcome } from './context.js';

/** The verdict on one dataset file. */
export interface ValidationReport {
  file: string;
  valid: boolean;
  /** Number of claims, when the file is valid. */
  claims?: number;
  /** Records still marked `review: "draft"` (claims and entities), when the file is valid. */
  drafts?: { claims: number; entities: number };
  /** What --fix filled in and wrote. */
  fixed: DataProblem[];
  /** Every problem found: file, JSON path (or line and column), claim id, what is wrong. */
  problems: DataProblem[];
  /**
   * What is allowed but worth a look, in a file that passes its checks: a quote whose start
   * or end falls inside a grapheme cluster of the article (code `grapheme`).
   */
  warnings: DataProblem[];
  /**
   * True when --fix made the file pass every check but could not write it (the disk was full,
   * the file changed meanwhile): its one problem says why. The file on disk is as it was.
   */
  unwritten?: boolean;
}

/** An error's message without the `FILE: ` it starts with: a problem line names the file itself. */
function withoutFile(message: string, file: string): string {
  return message.startsWith(`${file}: `) ? message.slice(file.length + 2) : message;
}

async function validateFile(file: string, fix: boolean): Promise<ValidationReport> {
  const report: ValidationReport = { file, valid: false, fixed: [], problems: [], warnings: [] };
  let pending: DataProblem[] = [];
  // The file's status before it is read: --fix rewrites it only if it is still that file.
  let before: Stats | undefined;
  try {
    before = statSync(file);
  } catch {
    // Missing or unreadable: readText below says so.
  }
  try {
    const { text: raw, bom } = readTextAndMark(file, 'dataset');
    const doc = await parseJson(raw, file);
    let edits: FixEdit[] = [];
    if (fix) {
      const result = fixOffsets(doc, file);
      pending = result.fixed;
      edits = result.edits;
      for (const problem of result.problems) report.problems.push(problem);
    }
    const dataset = checkDataset(doc, file);
    report.claims = dataset.doc.claims.length;
    report.drafts = {
      claims: dataset.doc.claims.filter((c) => c.review === 'draft').length,
      entities: dataset.doc.entities.filter((e) => e.review === 'draft').length,
    };
    report.valid = report.problems.length === 0;
    report.warnings = quoteCuts(file, dataset.doc, dataset.text);
    // The file is rewritten only when the fix made it pass every check: a file that still
    // fails is left exactly as it was, and nothing is reported as fixed.
    if (pending.length > 0 && report.valid) {
      // The values go into the file's own text; only when they cannot be placed there is the
      // document written whole.
      const spliced = await fixedText(raw, edits, doc);
      // The text was read without its byte order mark: a file that had one keeps it.
      const text =
        spliced === undefined ? `${toJson(doc, 2)}\n` : `${bom ? '\uFEFF' : ''}${spliced}`;
      await writeFileAtomic(file, text, { unchangedSince: before });
      report.fixed = pending;
    }
  } catch (error) {
    if (!(error instanceof ArmruError)) throw error;
    if (error.code === 'io' && report.claims !== undefined) {
      // Valid, but the fixed file could not be written.
      report.valid = false;
      report.unwritten = true;
      report.problems.push({ file, code: 'io', message: withoutFile(error.message, file) });
      return report;
    }
    const found: DataProblem[] =
      error.details.length > 0
        ? error.details
        : [
            {
              file,
              code: 'io',
              message: withoutFile(error.message, file),
            },
          ];
    // A quote --fix could not place already has its reason; its missing offsets need no second line.
    const placed = new Set(report.problems.map((p) => p.path));
    report.problems.push(
      ...found.filter(
        (p) => !(placed.has(p.path) && (p.missing === 'start' || p.missing === 'end')),
      ),
    );
  }
  if (pending.length > 0 && report.fixed.length === 0) {
    report.problems.push({
      file,
      code: 'fix',
      message: `not rewritten: --fix could fill in ${pending.length} value${pending.length === 1 ? '' : 's'}, but the file would still fail the checks above`,
    });
  }
  return report;
}

/**
 * `armru validate [PATH...]`: checks datasets and reports every problem without running
 * anything else. Valid files are listed on stdout, problems on stderr; exit 2 if any fail.
 */
export async function validateCommand(
  ctx: CommandContext,
  paths: string[],
  options: { fix?: boolean },
): Promise<Outcome> {
  const given = paths.length > 0 ? paths : ctx.dataPaths;
  const files = given.length > 0 ? datasetFileList(given) : [displayPath(BUILTIN_DATASET)];
  const reports: ValidationReport[] = [];
  for (const file of files) reports.push(await validateFile(file, options.fix ?? false));

  if (ctx.view.mode === 'json') {
    printJson(ctx.view, reports);
  } else {
    for (const r of reports) {
      for (const fixed of r.fixed) ctx.line(problemLine(fixed));
      if (r.valid) ctx.line(`${r.file}: valid (${r.claims} claims)${awaiting(r)}`);
      else {
        // A fixed file that could not be written is valid once fixed, but not as it is on disk.
        ctx.note(
          r.unwritten
            ? `${r.file}: not fixed: --fix made it pass every check, but could not write it`
            : `${r.file}: not a valid armru dataset (${r.problems.length} problem${r.problems.length === 1 ? '' : 's'})`,
        );
        for (const problem of r.problems) ctx.detail(problemLine(problem));
      }
      for (const w of r.warnings) ctx.note(warningLine(w));
    }
  }
  return reports.every((r) => r.valid) ? { status: 'ok' } : { status: 'invalid' };
}

/** ", N claims and M entities await review" for a dataset with drafts, else nothing. */
function awaiting(report: ValidationReport): string {
  const { claims = 0, entities = 0 } = report.drafts ?? {};
  if (claims + entities === 0) return '';
  const parts = [
    ...(claims > 0 ? [`${claims} claim${claims === 1 ? '' : 's'}`] : []),
    ...(entities > 0 ? [`${entities} entit${entities === 1 ? 'y' : 'ies'}`] : []),
  ];
  return `; ${parts.join(' and ')} await${claims + entities === 1 ? 's' : ''} review (review: "draft")`;
}

/** A warning as one line: `FILE: warning: PATH: what (claim ID)`. */
function warningLine(w: DataProblem): string {
  const claim = w.claimId === undefined ? '' : ` (claim ${w.claimId})`;
  return `${w.file}: warning: ${w.path}: ${w.message}${claim}`;
}

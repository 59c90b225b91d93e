import { renderPairs, writeCards, writeTable } from './table.js';
import { displayWidth, wrap } from './text-width.js';
import type { TableKit } from './view.js';

/**
 * What terminal layout needs: cli-table3 and string-width. The CLI loads this module only
 * when stdout is a terminal, so pipes and JSON never pay for it.
 */
export const kit: TableKit = { writeTable, writeCards, renderPairs, wrap, displayWidth };

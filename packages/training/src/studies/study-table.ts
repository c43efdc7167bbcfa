import type { StudyColumn, StudyResult, StudyValue } from './study';

/** A cell as text: numbers with the column's decimals, booleans as yes / no, nothing as a dash. */
export function formatStudyValue(value: StudyValue | undefined, digits?: number): string {
  if (value === null || value === undefined) return '-';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return String(value);
    return digits !== undefined ? value.toFixed(digits) : String(value);
  }
  return value;
}

// A pipe inside a cell would end the cell; a newline would end the row.
const escapeCell = (text: string) => text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

/**
 * A markdown (GitHub) table of `rows` under `columns`: one header row, one alignment row (numbers
 * right-aligned, text left), one row per record, padded so the raw text lines up too.
 */
export function markdownTable(
  columns: readonly StudyColumn[],
  rows: readonly Readonly<Record<string, StudyValue>>[],
): string {
  if (columns.length === 0) throw new RangeError('columns must name at least one column');
  const body = rows.map((row) => columns.map((c) => escapeCell(formatStudyValue(row[c.key], c.digits))));
  const headers = columns.map((c) => escapeCell(c.header));
  // Right-aligned when every value present is a number; a missing value (a dash) does not count.
  const numeric = columns.map((c) => {
    const present = rows.map((row) => row[c.key]).filter((v) => v !== null && v !== undefined);
    return present.length > 0 && present.every((v) => typeof v === 'number');
  });
  const widths = columns.map((_, j) => Math.max(3, headers[j].length, ...body.map((cells) => cells[j].length)));
  const pad = (text: string, j: number) => (numeric[j] ? text.padStart(widths[j]) : text.padEnd(widths[j]));
  const line = (cells: readonly string[]) => `| ${cells.map(pad).join(' | ')} |`;
  const rule = `| ${widths.map((w, j) => (numeric[j] ? `${'-'.repeat(w - 1)}:` : '-'.repeat(w))).join(' | ')} |`;
  return [line(headers), rule, ...body.map(line)].join('\n');
}

/** A study's result as a markdown document: its question and source, budget and seed, table, finding. */
export function studyMarkdown(result: Omit<StudyResult, 'markdown'>): string {
  return [
    `# Study: ${result.name}`,
    '',
    `${result.question} (${result.source})`,
    '',
    `Budget, the same for every variant: ${result.budget.description}. Seed ${result.seed}.`,
    '',
    markdownTable(
      result.columns,
      result.rows.map((row) => row.cells),
    ),
    '',
    result.finding,
    '',
  ].join('\n');
}

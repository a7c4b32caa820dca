/**
 * CSV for the catalogue and stock imports and exports: RFC 4180 through csv-parse and csv-stringify (quoted
 * fields, doubled quotes, CRLF or LF, a BOM), plus the formula guard that spreadsheets need.
 */
import { CsvError, parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { AppError } from '../http/errors';

/**
 * Every row as its cells; blank rows are left out and rows may have fewer cells than the header. A file
 * that is not CSV (an unclosed quote, say) is a 400 naming the line, never a 500.
 */
export function parseCsv(text: string): string[][] {
  let rows: string[][];
  try {
    rows = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: true, record_delimiter: ['\r\n', '\n', '\r'] }) as string[][];
  } catch (err) {
    if (!(err instanceof CsvError)) throw err;
    const line = (err as CsvError & { lines?: number }).lines;
    throw new AppError(400, 'invalid_csv', `The file is not valid CSV${line ? ` (line ${line})` : ''}: ${err.message.replace(/^Invalid [^:]*: /, '')}`, { line: line ?? null });
  }
  return rows.filter((r) => r.some((c) => c.trim() !== ''));
}

/** Rows as objects keyed by the lower-cased header; `line` is the 1-based line in the file (header = 1). */
export function csvRecords(text: string): { header: string[]; records: Array<{ line: number; values: Record<string, string> }> } {
  const [head, ...body] = parseCsv(text);
  const header = (head ?? []).map((h) => h.trim().toLowerCase());
  return {
    header,
    records: body.map((cells, i) => ({
      line: i + 2,
      values: Object.fromEntries(header.map((h, j) => [h, unguard((cells[j] ?? '').trim())])),
    })),
  };
}

/**
 * Spreadsheet apps run cells that start with = + - @ (or a tab or CR) as formulas; a leading quote keeps
 * them text. A value that already starts with quotes before one of those gets one more, so that reading
 * takes off exactly the one writing put on and the round trip gives back every value as it was.
 */
const GUARDED = /^'*[=+\-@\t\r]/;

/** Takes off the formula guard toCsv put on: an exported file imports back unchanged (names, SKUs). */
function unguard(v: string): string {
  return v.startsWith("'") && GUARDED.test(v.slice(1)) ? v.slice(1) : v;
}

function cell(v: string | number | boolean | null | undefined): string {
  if (v === null || v === undefined) return '';
  if (typeof v !== 'string') return String(v);
  return GUARDED.test(v) ? `'${v}` : v;
}

export function toCsv(rows: Array<Array<string | number | boolean | null | undefined>>): string {
  return stringify(
    rows.map((r) => r.map(cell)),
    { record_delimiter: '\r\n', quoted_match: /[\r\n]/ },
  );
}

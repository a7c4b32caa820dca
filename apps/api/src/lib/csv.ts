/** Minimal RFC 4180 CSV reading and writing (quoted fields, doubled quotes, CRLF or LF). */

export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
      continue;
    }
    if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
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
  const safe = GUARDED.test(v) ? `'${v}` : v;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toCsv(rows: Array<Array<string | number | boolean | null | undefined>>): string {
  return rows.map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}

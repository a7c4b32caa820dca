import { describe, expect, it } from 'vitest';
import { csvRecords, parseCsv, toCsv } from './csv';

describe('csv', () => {
  it('when awkward values are written and read back, then every one comes back as it was', () => {
    const values = ['plain', 'a, comma', 'say "cheese"', 'two\nlines', 'crlf\r\nline', '=SUM(A1)', "'=already quoted", '+91 98', '-5', '@home', '', '  spaced  '];
    const text = toCsv([['name', 'value'], ...values.map((v, i) => [`r${i}`, v])]);
    expect(text.endsWith('\r\n')).toBe(true);
    const { header, records } = csvRecords(text);
    expect(header).toEqual(['name', 'value']);
    // csvRecords trims cells; compare trimmed.
    expect(records.map((r) => r.values.value)).toEqual(values.map((v) => v.trim()));
    expect(records.map((r) => r.line)).toEqual(values.map((_, i) => i + 2));
  });

  it('when a file has a BOM, LF or CRLF endings, blank lines and short rows, then it is read row by row', () => {
    expect(parseCsv('\uFEFFsku,price\r\nA,1\n\n,\nB\r\n')).toEqual([['sku', 'price'], ['A', '1'], ['B']]);
    expect(csvRecords('SKU,Price\nA\n').records).toEqual([{ line: 2, values: { sku: 'A', price: '' } }]);
  });

  it('when a quote is never closed, then it is a 400 invalid_csv naming the line, not a crash', () => {
    expect(() => parseCsv('sku,name\nA,"unclosed\nB,x\n')).toThrow(expect.objectContaining({ status: 400, code: 'invalid_csv' }));
  });

  it('when a formula is written, then a spreadsheet sees text: the cell starts with a quote', () => {
    expect(toCsv([['=1+1', '@x', 7, null, true]])).toBe("'=1+1,'@x,7,,true\r\n");
  });
});

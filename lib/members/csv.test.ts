import { describe, expect, it } from 'vitest';
import { csvCell, csvRow, parseCsv, CsvParseError } from './csv';

describe('csv', () => {
  it('quotes per RFC 4180 and defuses spreadsheet formulas', () => {
    expect(csvRow(['plain', 'with,comma', 'say "hi"', 'two\nlines', 42, null, true])).toBe(
      'plain,"with,comma","say ""hi""","two\nlines",42,,true\r\n',
    );
    expect(csvCell('=HYPERLINK("http://evil")')).toBe(`"'=HYPERLINK(""http://evil"")"`);
    expect(csvCell('+1 555')).toBe(`'+1 555`);
    expect(csvCell('-2')).toBe(`'-2`);
    expect(csvCell('@SUM(A1)')).toBe(`'@SUM(A1)`);
    expect(csvCell('\tcmd')).toBe(`'\tcmd`);
    expect(csvCell(-2)).toBe('-2'); // numbers we write ourselves are data, not formulas
    expect(csvCell('a=b')).toBe('a=b');
  });

  it('parses what it writes, plus BOM, LF/CRLF line ends and blank lines', () => {
    const rows = [
      ['email', 'name'],
      ['a@x.test', 'Ann "the Bold", Esq.'],
      ['b@x.test', 'multi\nline'],
      ['c@x.test', ''],
    ];
    expect(parseCsv(rows.map(csvRow).join(''))).toEqual(rows);
    expect(parseCsv('\uFEFFemail,name\na@x.test,Ann\n\n\nb@x.test,Bo')).toEqual([
      ['email', 'name'],
      ['a@x.test', 'Ann'],
      ['b@x.test', 'Bo'],
    ]);
    expect(parseCsv('a,b,\r\n')).toEqual([['a', 'b', '']]);
  });

  it('reports broken quoting with the line number', () => {
    expect(() => parseCsv('email\n"open@x.test\n')).toThrow(CsvParseError);
    expect(() => parseCsv('email\n"open@x.test\n')).toThrow(/Line 2: a quoted field is never closed/);
    expect(() => parseCsv('a,b\nx"y,z')).toThrow(/Line 2: a quote may only open a field/);
  });
});

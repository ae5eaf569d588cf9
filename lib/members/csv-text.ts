/**
 * CSV (RFC 4180) text, without the app's error types (so test tools outside the app can read an
 * export): quoting on the way out, with cells that a spreadsheet would run as a formula (= + - @, and
 * tab/CR which some apps treat alike) prefixed with an apostrophe; a tolerant parser on the way in
 * (BOM, CRLF or LF, quoted fields with "" and newlines). lib/members/csv.ts adds the import's refusal.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  let s = String(value);
  if (typeof value === 'string' && FORMULA_START.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One CSV record, CRLF-terminated as RFC 4180 asks. */
export function csvRow(values: readonly (string | number | boolean | null | undefined)[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}

export type CsvProblem = 'quote' | 'unclosed';

/**
 * Parses CSV text into records (arrays of fields). Blank lines are skipped. A malformed file calls
 * `fail` ("quote": a quote inside an unquoted field; "unclosed": a quoted field never closed).
 */
export function parseCsvRecords(text: string, fail: (problem: CsvProblem, line: number) => never): string[][] {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let quoteOpenedOn = 0;
  const endRecord = () => {
    record.push(field);
    field = '';
    if (!(record.length === 1 && record[0] === '')) records.push(record);
    record = [];
  };
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (quoted) {
      if (c === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (c === '\n') line++;
        field += c;
      }
      continue;
    }
    if (c === '"') {
      if (field.trim() !== '') fail('quote', line);
      field = '';
      quoted = true;
      quoteOpenedOn = line;
    } else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\r' || c === '\n') {
      if (c === '\r' && src[i + 1] === '\n') i++;
      endRecord();
      line++;
    } else field += c;
  }
  if (quoted) fail('unclosed', quoteOpenedOn);
  if (field !== '' || record.length) endRecord();
  return records;
}

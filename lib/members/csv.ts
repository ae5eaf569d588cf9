/** CSV for the members export and import (lib/members/csv-text.ts), and the import's refusal of a malformed file. */
import { DomainError } from '@/lib/errors/domain-error';
import { sentence } from '@/lib/i18n/sentence';
import { parseCsvRecords, type CsvProblem } from './csv-text';

export { csvCell, csvRow } from './csv-text';

export class CsvParseError extends DomainError {
  /** What is wrong ("quote": a quote inside an unquoted field; "unclosed": a quoted field never closed) and on which line. */
  readonly problem: CsvProblem;
  readonly line: number;
  constructor(problem: CsvProblem, line: number) {
    super({
      code: 'INVALID',
      status: 400,
      sentence:
        problem === 'quote'
          ? sentence('dashboard.import.errors.csvQuote', { line })
          : sentence('dashboard.import.errors.csvUnclosed', { line }),
    });
    this.problem = problem;
    this.line = line;
  }
}

/** Parses CSV text into records; a malformed file is a CsvParseError (said in the staff member's language). */
export function parseCsv(text: string): string[][] {
  return parseCsvRecords(text, (problem, line) => {
    throw new CsvParseError(problem, line);
  });
}

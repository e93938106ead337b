import fs from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';

/** A validator of the official SARIF 2.1.0 JSON schema (vendored in `__fixtures__`). */
export function loadSarifValidator() {
  const schema = JSON.parse(
    fs.readFileSync(
      path.join(__dirname, '..', '__fixtures__', 'sarif-schema-2.1.0.json'),
      'utf8',
    ),
  );
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  return ajv.compile(schema);
}

/** Parses RFC 4180 CSV (quoted fields, doubled quotes, CRLF records) into rows of cells. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        cell += c;
      }
    } else if (c === '"') {
      if (cell !== '') throw new Error(`Stray quote in row ${rows.length + 1}`);
      quoted = true;
    } else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else if (c === '\n' || c === '\r') {
      throw new Error(
        `Bare line break outside quotes in row ${rows.length + 1}`,
      );
    } else {
      cell += c;
    }
  }
  if (quoted) throw new Error('Unterminated quoted field');
  if (cell !== '' || row.length > 0) throw new Error('Last record lacks CRLF');
  return rows;
}

/** Collects an async iterable of text chunks into one string. */
export async function collect(chunks: AsyncIterable<string>): Promise<string> {
  let text = '';
  for await (const chunk of chunks) text += chunk;
  return text;
}

/** An async iterable over the given values. */
export async function* fromArray<T>(values: readonly T[]): AsyncGenerator<T> {
  for (const value of values) yield value;
}

import { parse } from 'csv-parse/sync';
import { expect, test } from 'vitest';
import { normaliseText } from '../../../shared/normalise.ts';
import { splitQuoted } from './signal-file.ts';

test('splitQuoted reads quoted CSV as csv-parse does (or leaves it to csv-parse)', () => {
  let split = 0;
  const pieces = ['a', ' b ', '"c;d"', '"e""f"', '', '"x\ny"', '  "q" ', '1.234,56', '"1.234,56"'];
  for (let t = 0; t < 3000; t++) {
    const lines: string[] = [];
    const rows = 1 + (t % 4);
    for (let r = 0; r < rows; r++) {
      const cols = 1 + ((t * 7 + r) % 5);
      lines.push(
        Array.from({ length: cols }, (_, c) => pieces[(t * 13 + r * 5 + c * 3) % pieces.length]).join(';'),
      );
    }
    const text = lines.join(t % 2 ? '\r\n' : '\n') + (t % 3 ? '\n' : '');
    const mine = splitQuoted(text, ';');
    const theirs = parse(text, {
      delimiter: ';',
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
    });
    // null: something unusual, csv-parse reads the file instead.
    if (!mine) continue;
    split++;
    expect(mine.filter((r) => r.some((v) => v))).toEqual(
      (theirs as string[][]).map((r) => r.map((v) => v.trim())).filter((r) => r.some((v) => v)),
    );
  }
  expect(split).toBeGreaterThan(2000);
});
test('normaliseText gives printable ASCII the same key by its fast path', () => {
  for (let t = 0; t < 20000; t++) {
    let s = '';
    for (let k = 0; k < 12; k++) s += String.fromCharCode(32 + ((t * 31 + k * 17 + k * k * t) % 95));
    expect(normaliseText(s)).toBe(
      s
        .normalize('NFD')
        .replace(/\p{M}/gu, '')
        .toLowerCase()
        .replace(/[^\p{L}\p{N}]+/gu, ' ')
        .trim(),
    );
  }
});

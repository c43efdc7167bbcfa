import type { DecodedExample, DecodedValue } from './dataset';

// Backslash, newline, carriage return and tab are escaped so an example always stays on one line.
const escapes: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function formatValue(value: DecodedValue): string {
  if (typeof value === 'string') return value.replace(/[\\\n\r\t]/g, (c) => escapes[c]);
  if (typeof value === 'number') return String(value);
  return value.map((v) => (typeof v === 'number' ? String(v) : `(${v.join(', ')})`)).join(' ');
}

/**
 * One line for people: `input -> target`, e.g. `123+4567 -> 4690`. Arrays print space-separated,
 * pairs in parentheses; in text, newlines and tabs print as `\n` and `\t` so each example keeps to
 * one line.
 */
export function formatExample(example: DecodedExample): string {
  return `${formatValue(example.input)} -> ${formatValue(example.target)}`;
}

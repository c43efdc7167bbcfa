/** Whitespace and control characters as the glyphs that stand for them. */
const glyphs: Readonly<Record<string, string>> = {
  ' ': '␣',
  '\n': '↵',
  '\t': '⇥',
  '\r': '␍',
};

/**
 * A symbol as a label can show it: a space, a newline or a tab would leave its column's label blank
 * (or break the line), so each becomes the glyph that stands for it (`␣`, `↵`, `⇥`, `␍`), and any
 * other control character its code (`U+0007`). Every other symbol is itself.
 */
export function visibleSymbol(symbol: string): string {
  return Array.from(symbol, (c) => {
    const glyph = glyphs[c];
    if (glyph !== undefined) return glyph;
    const code = c.codePointAt(0) as number;
    return code < 0x20 || (code >= 0x7f && code < 0xa0) ? `U+${code.toString(16).toUpperCase().padStart(4, '0')}` : c;
  }).join('');
}

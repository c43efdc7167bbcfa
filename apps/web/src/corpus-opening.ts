// The first lines of a corpus, which the Examples section shows of a character model's text (the
// worker for the shipped corpus, the page for a text of the user's).

/** The longest line shown: a prose text without line breaks still shows a readable start. */
export const openingLineLength = 120;

/**
 * The first `count` non-empty lines of `text`, each cut to {@link openingLineLength} characters:
 * what the model reads first, as the examples show a task recipe's first training examples.
 */
export function corpusOpening(text: string, count: number): string[] {
  const lines: string[] = [];
  for (const line of text.split('\n')) {
    if (lines.length >= count) break;
    const trimmed = line.trimEnd();
    if (trimmed === '') continue;
    lines.push(trimmed.length > openingLineLength ? `${trimmed.slice(0, openingLineLength - 1)}…` : trimmed);
  }
  return lines;
}

/** A fenced code block of a Markdown text. */
export interface FencedBlock {
  /** The first word of the info string, lower case (`ts`, `sh`, `text`), or `''` for a bare fence. */
  readonly language: string;
  /** The block's lines, without the fences. */
  readonly code: string;
  /** The 1-based line of the opening fence, for messages that point at the block. */
  readonly line: number;
}

const fenceLine = /^ {0,3}(`{3,}|~{3,})\s*([^\s`]*)/;

/**
 * The fenced code blocks of a Markdown text, in order, as CommonMark reads them: a fence of three or
 * more backticks or tildes closes only on a fence of the same character at least as long, and an
 * unclosed block runs to the end of the text.
 */
export function fencedBlocks(text: string): FencedBlock[] {
  const blocks: FencedBlock[] = [];
  let open: { fence: string; language: string; line: number; lines: string[] } | undefined;
  text.split(/\r?\n/).forEach((line, index) => {
    const match = fenceLine.exec(line);
    if (open === undefined) {
      if (match) open = { fence: match[1], language: match[2].toLowerCase(), line: index + 1, lines: [] };
    } else if (match && closes(match[1], open.fence) && match[2] === '') {
      blocks.push({ language: open.language, code: open.lines.join('\n'), line: open.line });
      open = undefined;
    } else {
      open.lines.push(line);
    }
  });
  if (open !== undefined) blocks.push({ language: open.language, code: open.lines.join('\n'), line: open.line });
  return blocks;
}

/**
 * The text with every fenced code block's lines (fences included) replaced by empty lines, so what
 * looks like a link or a heading inside code is not read as one, and line numbers stay right.
 */
export function withoutFencedBlocks(text: string): string {
  const lines = text.split(/\r?\n/);
  let fence: string | undefined;
  return lines
    .map((line) => {
      const match = fenceLine.exec(line);
      if (fence === undefined) {
        if (!match) return line;
        fence = match[1];
        return '';
      }
      if (match && closes(match[1], fence) && match[2] === '') fence = undefined;
      return '';
    })
    .join('\n');
}

function closes(candidate: string, fence: string): boolean {
  return candidate[0] === fence[0] && candidate.length >= fence.length;
}

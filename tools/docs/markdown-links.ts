import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { withoutFencedBlocks } from './fenced-blocks';
import { headingAnchors } from './heading-anchors';

/** A link or image target written in a Markdown text, and the 1-based line it is on. */
export interface MarkdownLink {
  readonly target: string;
  readonly line: number;
}

/**
 * Every link and image target of a Markdown text outside code: inline `[text](target)` and
 * `![alt](target)`, reference definitions `[label]: target`, and `href`/`src` of HTML elements.
 */
export function markdownLinks(text: string): MarkdownLink[] {
  const prose = withoutCodeSpans(withoutFencedBlocks(text));
  const lineAt = lineCounter(prose);
  const patterns = [
    /\]\(\s*<?([^()\s<>]+)>?(?:\s+(?:"[^"]*"|'[^']*'))?\s*\)/g,
    /^ {0,3}\[[^\]]+\]:\s*<?([^\s>]+)>?/gm,
    /<[a-z][^>]*\s(?:href|src)\s*=\s*"([^"]*)"/gi,
  ];
  const links = patterns.flatMap((pattern) =>
    Array.from(prose.matchAll(pattern), (match) => ({ target: match[1], line: lineAt(match.index) })),
  );
  return links.sort((a, b) => a.line - b.line);
}

/**
 * What is wrong with each internal link of the Markdown file `file`, one sentence per broken link
 * (none when all resolve): a relative path must name a file or folder inside `root`, and an anchor
 * (`#heading`, alone or after a Markdown file) must be one GitHub gives a heading of that file.
 * Links with a scheme (`https:`, `mailto:`) point outside and are not followed.
 */
export function brokenLinks(file: string, root: string): string[] {
  const problems: string[] = [];
  const where = path.relative(root, file);
  for (const { target, line } of markdownLinks(readFileSync(file, 'utf8'))) {
    if (/^[a-z][a-z\d+.-]*:/i.test(target) || target.startsWith('//')) continue;
    const at = `${where}:${line}: ${target}`;
    const hash = target.indexOf('#');
    let pathPart: string;
    let anchor: string | undefined;
    try {
      pathPart = decodeURIComponent((hash === -1 ? target : target.slice(0, hash)).replace(/\?.*$/, ''));
      anchor = hash === -1 ? undefined : decodeURIComponent(target.slice(hash + 1));
    } catch {
      problems.push(`${at}: not a valid URL (a % that starts no escape)`);
      continue;
    }
    const base = pathPart.startsWith('/') ? root : path.dirname(file);
    const resolved = pathPart === '' ? file : path.resolve(base, pathPart.replace(/^\/+/, ''));
    if (path.relative(root, resolved).startsWith('..')) {
      problems.push(`${at} points outside the repository`);
    } else if (!existsSync(resolved)) {
      problems.push(`${at}: no such file or folder ${path.relative(root, resolved)}`);
    } else if (anchor !== undefined && /\.md$/i.test(resolved) && statSync(resolved).isFile()) {
      if (!headingAnchors(readFileSync(resolved, 'utf8')).has(anchor)) {
        problems.push(`${at}: ${path.relative(root, resolved)} has no heading with the anchor #${anchor}`);
      }
    }
  }
  return problems;
}

/**
 * The text with every inline code span blanked (newlines kept), so `[a](b)` written as code is not
 * a link. A span does not cross a blank line, as a paragraph ends there.
 */
function withoutCodeSpans(text: string): string {
  return text.replace(/(`+)(?:(?!\n[ \t]*\n)[\s\S])*?[^`]\1(?!`)/g, (span) => span.replace(/[^\n]/g, ' '));
}

/** A function from an offset in `text` to its 1-based line. */
function lineCounter(text: string): (offset: number) => number {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  return (offset) => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (starts[middle] <= offset) low = middle;
      else high = middle - 1;
    }
    return low + 1;
  };
}

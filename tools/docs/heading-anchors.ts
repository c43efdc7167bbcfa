import { withoutFencedBlocks } from './fenced-blocks';

/**
 * The anchor GitHub gives a heading of this text: lower case, with everything but letters, digits,
 * marks, connector punctuation (`_`), spaces and hyphens dropped, and each space made a hyphen.
 * Inline Markdown is read first, so `` `rnn sample DIR`: write text `` anchors at
 * `rnn-sample-dir-write-text`, code included.
 */
export function githubSlug(heading: string): string {
  return headingText(heading)
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
    .replace(/ /g, '-');
}

/** A heading's text as it renders: code spans as they are, links and images by their text, no emphasis marks. */
function headingText(heading: string): string {
  const parts: string[] = [];
  let last = 0;
  for (const code of heading.matchAll(/(`+)(.+?)\1/g)) {
    parts.push(inlineText(heading.slice(last, code.index)), code[2]);
    last = code.index + code[0].length;
  }
  parts.push(inlineText(heading.slice(last)));
  return parts.join('').trim();
}

/** Text outside code spans: links and images by their text, no HTML tags, escapes or emphasis marks. */
function inlineText(text: string): string {
  return text
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<[^>]+>/g, '')
    .replace(/\\([!-/:-@[-`{-~])/g, '$1')
    .replace(/\*+|~~/g, '');
}

const atxHeading = /^ {0,3}#{1,6}(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;

/**
 * Every anchor a link into this Markdown text may use on GitHub: one per ATX heading, a repeated
 * heading numbered as GitHub numbers it (`usage`, `usage-1`, ...), and the `id` and `name` of any
 * HTML element written in the text.
 */
export function headingAnchors(text: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  const prose = withoutFencedBlocks(text);
  for (const line of prose.split('\n')) {
    const heading = atxHeading.exec(line);
    if (!heading) continue;
    const slug = githubSlug(heading[1] ?? '');
    const count = seen.get(slug);
    seen.set(slug, (count ?? -1) + 1);
    anchors.add(count === undefined ? slug : `${slug}-${count + 1}`);
  }
  for (const match of prose.matchAll(/<[a-z][^>]*\s(?:id|name)\s*=\s*"([^"]+)"/gi)) anchors.add(match[1]);
  return anchors;
}

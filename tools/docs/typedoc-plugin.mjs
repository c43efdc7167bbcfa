// The documentation site's own rules, on top of typedoc's: the Markdown files read on GitHub become
// site pages that read the same way, without front matter or links written for the site alone.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Application, Converter, KindRouter } from 'typedoc';

/** The repository's root, two folders above this file. */
const root = fileURLToPath(new URL('../..', import.meta.url));
/** The folder whose Markdown files are the guides, and the guide that lists them. */
const guidesFolder = path.join(root, 'docs', 'guides');
const guidesIndex = path.join(guidesFolder, 'README.md');

/**
 * typedoc's entry point for a plugin: wires every rule below into the build.
 *
 * @param {Application} app
 */
export function load(app) {
  app.renderer.defineRouter('rnn-documents-by-path', DocumentsByPathRouter);
  app.converter.on(Converter.EVENT_CREATE_DOCUMENT, (_context, document) => titleByHeading(document));
  app.on(Application.EVENT_BOOTSTRAP_END, () => {
    const configured = app.options.getValue('markdownItLoader');
    app.options.setValue('markdownItLoader', (parser) => {
      configured(parser);
      parser.core.ruler.push('heading-code-text', headingCodeText);
    });
  });
  app.on(Application.EVENT_PROJECT_REVIVE, nestGuides);
}

/**
 * Names a document by its first `# ` heading, as GitHub shows it, instead of by its path
 * (`docs/guides/calculator`); a `title` in front matter still wins.
 */
function titleByHeading(document) {
  const file = document.project.files.getReflectionPath(document);
  if (file === undefined) return;
  const text = readFileSync(file, 'utf8');
  const frontMatter = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text);
  if (frontMatter && /^title:/m.test(frontMatter[1])) return;
  const heading = firstHeading(text);
  if (heading !== undefined) document.name = heading.replace(/`/g, '');
}

/** The text of the first level-one ATX heading of a Markdown text, outside fenced code. */
function firstHeading(text) {
  let fence;
  for (const line of text.split(/\r?\n/)) {
    const marker = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence !== undefined) {
      if (marker !== undefined && marker[0] === fence[0] && marker.length >= fence.length) fence = undefined;
    } else if (marker !== undefined) {
      fence = marker;
    } else {
      const heading = /^ {0,3}# +(.*?)(?: +#+)? *$/.exec(line);
      if (heading) return heading[1];
    }
  }
  return undefined;
}

/**
 * typedoc builds a heading's anchor and its "On This Page" entry from the heading's text tokens
 * only, so `` ## `rnn sample DIR`: write text `` would lose its code. Giving each code span a text
 * child makes both read the whole heading, and anchors match GitHub's; code spans still render as
 * code, since markdown-it renders them from their content and ignores children.
 */
function headingCodeText(state) {
  state.tokens.forEach((token, index) => {
    if (token.type !== 'inline' || state.tokens[index - 1]?.type !== 'heading_open') return;
    for (const child of token.children ?? []) {
      if (child.type !== 'code_inline') continue;
      const text = new state.Token('text', '', 0);
      text.content = child.content;
      child.children = [text];
    }
  });
}

/**
 * Puts every guide under the guides' index page, in the order the index links to them (guides it
 * does not link to follow, by name), so the sidebar shows one "guides" entry that opens.
 */
function nestGuides(project) {
  const fileOf = (document) => project.files.getReflectionPath(document);
  const documents = project.documents ?? [];
  const index = documents.find((document) => sameFile(fileOf(document), guidesIndex));
  if (index === undefined) return;
  const guides = documents.filter((document) => document !== index && sameFolder(fileOf(document), guidesFolder));
  const linked = [];
  for (const part of index.content) {
    if (part.kind !== 'relative-link' || part.target === undefined) continue;
    const target = project.files.resolve(part.target, project);
    if (guides.includes(target) && !linked.includes(target)) linked.push(target);
  }
  const rest = guides.filter((guide) => !linked.includes(guide)).sort((a, b) => a.name.localeCompare(b.name));
  for (const guide of [...linked, ...rest]) {
    project.removeChild(guide);
    guide.parent = index;
    index.addChild(guide);
  }
}

/**
 * typedoc's kind router (`functions/…`, `interfaces/…`), except that a document's page is named after
 * its file, `documents/guides/calculator.html` for `docs/guides/calculator.md`, rather than after its
 * title: a page keeps its address when its heading is reworded, and the address says where the
 * source is.
 */
class DocumentsByPathRouter extends KindRouter {
  getIdealBaseName(reflection) {
    const file = reflection.isDocument() ? reflection.project.files.getReflectionPath(reflection) : undefined;
    if (file === undefined) return super.getIdealBaseName(reflection);
    const relative = path.relative(path.join(root, 'docs'), file).replace(/\.md$/i, '');
    const parts = relative.split(path.sep).filter((part) => part !== '..');
    return ['documents', ...parts.map((part) => part.replace(/[^\w.-]+/g, '_'))].join('/');
  }
}

/** typedoc's form of a path: absolute, with forward slashes. */
function normalized(file) {
  return path.resolve(file).replace(/\\/g, '/');
}

/** Whether `file` (as typedoc holds it) is `other`. */
function sameFile(file, other) {
  return file !== undefined && normalized(file) === normalized(other);
}

/** Whether `file` (as typedoc holds it) sits directly in `folder`. */
function sameFolder(file, folder) {
  return file !== undefined && path.posix.dirname(normalized(file)) === normalized(folder);
}

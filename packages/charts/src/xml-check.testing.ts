// A strict, small XML 1.0 reader for the tests: no dependency parses XML here, and the renderers'
// promise is exactly "well-formed whatever the input", so the check must refuse what a browser would.

/** An element of a parsed document. */
export interface XmlElement {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: XmlElement[];
  /** The element's own text (entities decoded), without its children's. */
  text: string;
}

const nameStart = /[A-Za-z_:]/;
const nameChar = /[A-Za-z0-9_:.-]/;
const forbidden = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/;
const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(raw: string, where: string): string {
  return raw.replace(/&([^;]*);?/g, (match, body: string) => {
    if (!match.endsWith(';')) throw new Error(`bare & in ${where}: ${JSON.stringify(raw)}`);
    if (body in named) return named[body];
    const number = /^#x([0-9a-fA-F]+)$/.exec(body) ?? /^#([0-9]+)$/.exec(body);
    if (number) return String.fromCodePoint(parseInt(number[1], body[1] === 'x' ? 16 : 10));
    throw new Error(`unknown entity &${body}; in ${where}`);
  });
}

/** Parses a document, throwing an Error that says where it is not well-formed. */
export function parseXml(source: string): XmlElement {
  if (forbidden.test(source)) throw new Error('a character XML forbids');
  if (/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(source)) {
    throw new Error('a lone surrogate');
  }
  let at = 0;
  const fail = (why: string): never => {
    throw new Error(`${why} at ${at}: ${JSON.stringify(source.slice(Math.max(0, at - 30), at + 30))}`);
  };
  const skipSpace = () => {
    while (at < source.length && /\s/.test(source[at])) at++;
  };
  const readName = (): string => {
    const start = at;
    if (!nameStart.test(source[at] ?? '')) fail('a name expected');
    while (at < source.length && nameChar.test(source[at])) at++;
    return source.slice(start, at);
  };
  const skipMisc = () => {
    for (;;) {
      skipSpace();
      if (source.startsWith('<!--', at)) {
        const end = source.indexOf('-->', at + 4);
        if (end < 0) fail('unclosed comment');
        at = end + 3;
      } else if (source.startsWith('<?', at)) {
        const end = source.indexOf('?>', at + 2);
        if (end < 0) fail('unclosed processing instruction');
        at = end + 2;
      } else return;
    }
  };

  const readElement = (): XmlElement => {
    if (source[at] !== '<') fail('< expected');
    at++;
    const name = readName();
    const attributes: Record<string, string> = {};
    for (;;) {
      const spaced = /\s/.test(source[at] ?? '');
      skipSpace();
      if (source.startsWith('/>', at)) {
        at += 2;
        return { name, attributes, children: [], text: '' };
      }
      if (source[at] === '>') {
        at++;
        break;
      }
      if (!spaced) fail('space expected before an attribute');
      const attribute = readName();
      skipSpace();
      if (source[at] !== '=') fail('= expected');
      at++;
      skipSpace();
      const quote = source[at];
      if (quote !== '"' && quote !== "'") fail('a quoted attribute value expected');
      const end = source.indexOf(quote, at + 1);
      if (end < 0) fail('unclosed attribute value');
      const raw = source.slice(at + 1, end);
      if (raw.includes('<')) fail('< in an attribute value');
      if (attribute in attributes) fail(`duplicate attribute ${attribute}`);
      attributes[attribute] = decode(raw, `attribute ${attribute}`);
      at = end + 1;
    }
    const element: XmlElement = { name, attributes, children: [], text: '' };
    for (;;) {
      const next = source.indexOf('<', at);
      if (next < 0) fail(`unclosed element ${name}`);
      const raw = source.slice(at, next);
      if (raw.includes(']]>')) fail(']]> in text');
      element.text += decode(raw, `text of ${name}`);
      at = next;
      if (source.startsWith('</', at)) {
        at += 2;
        const closing = readName();
        if (closing !== name) fail(`</${closing}> closes <${name}>`);
        skipSpace();
        if (source[at] !== '>') fail('> expected');
        at++;
        return element;
      }
      if (source.startsWith('<!--', at)) {
        const end = source.indexOf('-->', at + 4);
        if (end < 0) fail('unclosed comment');
        at = end + 3;
        continue;
      }
      if (source.startsWith('<![CDATA[', at) || source.startsWith('<?', at) || source.startsWith('<!', at)) {
        fail('markup the renderers never write');
      }
      element.children.push(readElement());
    }
  };

  skipMisc();
  const root = readElement();
  skipMisc();
  if (at !== source.length) fail('content after the root element');
  return root;
}

/** Every element of the tree (the root included), depth first, in document order. */
export function allElements(root: XmlElement): XmlElement[] {
  return [root, ...root.children.flatMap(allElements)];
}

/** The first element with `class` equal to `className`. */
export function byClass(root: XmlElement, className: string): XmlElement {
  const found = allElements(root).find((e) => e.attributes.class === className);
  if (!found) throw new Error(`no element of class ${className}`);
  return found;
}

/** Every attribute value of every element, to check that none holds NaN or Infinity. */
export function allAttributeValues(root: XmlElement): string[] {
  return allElements(root).flatMap((e) => Object.values(e.attributes));
}

/**
 * Parses a renderer's output and checks what every picture must satisfy: an `<svg>` root in the SVG
 * namespace, and no attribute (coordinates, sizes, colours) holding NaN, Infinity, undefined or null.
 */
export function parseSvg(svg: string): XmlElement {
  const root = parseXml(svg);
  if (root.name !== 'svg' || root.attributes.xmlns !== 'http://www.w3.org/2000/svg') {
    throw new Error(`not an SVG document: <${root.name} xmlns="${root.attributes.xmlns}">`);
  }
  const bad = allAttributeValues(root).find((value) => /NaN|Infinity|undefined|null/.test(value));
  if (bad !== undefined) throw new Error(`an attribute holds ${JSON.stringify(bad)}`);
  return root;
}

import { escapeXml } from './escape-xml';
import { svgNumber } from './svg-number';

/** Attribute values: numbers are written with {@link svgNumber}, strings escaped; `undefined` leaves it out. */
export type SvgAttributes = Readonly<Record<string, string | number | undefined>>;

function attributesOf(attributes: SvgAttributes): string {
  return Object.entries(attributes)
    .filter(([, value]) => value !== undefined)
    .map(([name, value]) => ` ${name}="${typeof value === 'number' ? svgNumber(value) : escapeXml(value as string)}"`)
    .join('');
}

/**
 * One SVG element. `children` is markup made by these helpers (not escaped again); an element
 * without children is self-closed. Text goes in through {@link svgText}, which escapes it.
 */
export function svgElement(name: string, attributes: SvgAttributes = {}, children: readonly string[] = []): string {
  const open = `<${name}${attributesOf(attributes)}`;
  return children.length === 0 ? `${open}/>` : `${open}>${children.join('')}</${name}>`;
}

/** A `<text>` element (or another text-holding element such as `<title>`) whose content is escaped. */
export function svgText(content: string, attributes: SvgAttributes = {}, name = 'text'): string {
  return `<${name}${attributesOf(attributes)}>${escapeXml(content)}</${name}>`;
}

/** The document element, with the size as both width/height and viewBox so it scales when embedded. */
export function svgDocument(width: number, height: number, children: readonly string[]): string {
  return svgElement(
    'svg',
    {
      xmlns: 'http://www.w3.org/2000/svg',
      width,
      height,
      viewBox: `0 0 ${svgNumber(width)} ${svgNumber(height)}`,
      'font-family': 'sans-serif',
      'font-size': 12,
    },
    children,
  );
}

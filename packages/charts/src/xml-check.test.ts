import { allElements, parseXml } from './xml-check.testing';

// The well-formedness check the renderers' tests rely on must itself refuse broken documents.
describe('parseXml (the tests own well-formedness check)', () => {
  it('reads elements, attributes and decoded text', () => {
    const root = parseXml('<svg a="1 &amp; 2"><g><text x=\'3\'>a &lt; b &#233;</text></g><rect/></svg>');
    expect(root.name).toBe('svg');
    expect(root.attributes.a).toBe('1 & 2');
    expect(allElements(root).map((e) => e.name)).toEqual(['svg', 'g', 'text', 'rect']);
    expect(root.children[0].children[0].text).toBe('a < b \u00e9');
  });

  it.each([
    ['an unclosed element', '<svg><g></svg>'],
    ['a mismatched closing tag', '<svg><g></text></svg>'],
    ['a bare ampersand in text', '<svg>a & b</svg>'],
    ['a bare ampersand in an attribute', '<svg a="x & y"/>'],
    ['an unknown entity', '<svg>&nbsp;</svg>'],
    ['a < in an attribute', '<svg a="<"/>'],
    ['a raw < in text', '<svg>a < b</svg>'],
    ['an unquoted attribute', '<svg a=1/>'],
    ['a duplicate attribute', '<svg a="1" a="2"/>'],
    ['two root elements', '<svg/><svg/>'],
    ['a control character', '<svg>\u0001</svg>'],
    ['a quote closing an attribute early', '<svg a="say "hi""/>'],
  ])('refuses %s', (_, source) => {
    expect(() => parseXml(source)).toThrow();
  });
});

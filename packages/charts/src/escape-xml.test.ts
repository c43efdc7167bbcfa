import { escapeXml } from './escape-xml';
import { svgText } from './svg-element';
import { parseXml } from './xml-check.testing';

describe('escapeXml', () => {
  it('turns the five special characters into entities', () => {
    expect(escapeXml(`a<b>&"c"'d'`)).toBe('a&lt;b&gt;&amp;&quot;c&quot;&apos;d&apos;');
  });

  it('replaces characters XML cannot hold and lone surrogates, keeps paired ones', () => {
    expect(escapeXml('a\u0000b\u001fc\uffff')).toBe('a\ufffdb\ufffdc\ufffd');
    expect(escapeXml('x\ud800y')).toBe('x\ufffdy');
    expect(escapeXml('\udc00')).toBe('\ufffd');
    expect(escapeXml('tab\tnew\nline \ud83d\ude00')).toBe('tab\tnew\nline \ud83d\ude00');
  });

  it('round-trips any text through a text element and an attribute', () => {
    const nasty = `</text><script>alert("x")</script> & &amp; ]]> '"`;
    const root = parseXml(svgText(nasty, { 'data-name': nasty }));
    expect(root.text).toBe(nasty);
    expect(root.attributes['data-name']).toBe(nasty);
  });
});

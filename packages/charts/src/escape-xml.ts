// Characters XML 1.0 forbids anywhere in a document (C0 controls but tab, LF and CR; U+FFFE, U+FFFF)
// and UTF-16 halves without their partner: a run name read from a file may hold any of them.
const forbidden =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/**
 * Makes any text safe both as element content and as a quoted attribute value: `& < > " '` become
 * entities, and characters XML cannot hold at all become U+FFFD, so a title or series name can never
 * break the document.
 *
 * @example
 * escapeXml('loss <train> & "val"'); // 'loss &lt;train&gt; &amp; &quot;val&quot;'
 */
export function escapeXml(text: string): string {
  return String(text)
    .replace(forbidden, '\ufffd')
    .replace(/[&<>"']/g, (c) => entities[c]);
}

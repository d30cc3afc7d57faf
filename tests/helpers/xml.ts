/**
 * A small, strict XML 1.0 reader for tests: it reads back the documents the tools write (JUnit
 * reports) and throws on anything that is not well-formed, so a test can both check the structure
 * and compare the values a CI system would read. It knows elements, attributes, character data, the
 * five predefined entities, character references, an XML declaration and comments; a DOCTYPE, CDATA
 * or a processing instruction is refused (the tools write none). Names are ASCII.
 */

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  /** The element's own character data, references replaced (the children's not included). */
  text: string;
}

/** Not XML 1.0 production [2] Char, over UTF-16 code units (a surrogate pair stands for one character). */
const ILLEGAL =
  /[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\ud800-\udfff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const NAME = /^[A-Za-z_:][-A-Za-z0-9_:.]*/;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function isXmlChar(code: number): boolean {
  return (
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff)
  );
}

export class XmlError extends Error {}

class Reader {
  position = 0;
  constructor(readonly text: string) {}

  fail(what: string): never {
    const before = this.text.slice(0, this.position);
    const line = before.split('\n').length;
    const column = this.position - before.lastIndexOf('\n');
    throw new XmlError(`${line}:${column}: ${what}`);
  }

  startsWith(prefix: string): boolean {
    return this.text.startsWith(prefix, this.position);
  }

  expect(prefix: string): void {
    if (!this.startsWith(prefix)) this.fail(`expected ${JSON.stringify(prefix)}`);
    this.position += prefix.length;
  }

  skipSpace(): boolean {
    const start = this.position;
    while (/[ \t\r\n]/.test(this.text[this.position] ?? '')) this.position++;
    return this.position > start;
  }

  name(): string {
    const match = NAME.exec(this.text.slice(this.position, this.position + 200));
    if (!match) this.fail('expected a name');
    this.position += match[0].length;
    return match[0];
  }

  /** `&…;` at the position, replaced. */
  reference(): string {
    const end = this.text.indexOf(';', this.position);
    if (end === -1 || end - this.position > 12) this.fail('"&" that starts no reference');
    const body = this.text.slice(this.position + 1, end);
    let replaced: string | undefined;
    if (/^#[0-9]+$/.test(body) || /^#x[0-9a-fA-F]+$/.test(body)) {
      const code = body[1] === 'x' ? Number.parseInt(body.slice(2), 16) : Number(body.slice(1));
      if (!isXmlChar(code)) this.fail(`&${body}; refers to a character XML does not allow`);
      replaced = String.fromCodePoint(code);
    } else replaced = ENTITIES[body];
    if (replaced === undefined) this.fail(`unknown entity &${body};`);
    this.position = end + 1;
    return replaced;
  }

  attributeValue(): string {
    const quote = this.text[this.position];
    if (quote !== '"' && quote !== "'") this.fail('expected a quoted attribute value');
    this.position++;
    let value = '';
    for (;;) {
      const character = this.text[this.position];
      if (character === undefined) this.fail('unterminated attribute value');
      if (character === quote) break;
      if (character === '<') this.fail('"<" in an attribute value');
      if (character === '&') value += this.reference();
      else {
        // Attribute-value normalization: raw white space becomes a space (a CR LF pair one space).
        if (character === '\r' && this.text[this.position + 1] === '\n') this.position++;
        value += /[\t\n\r]/.test(character) ? ' ' : character;
        this.position++;
      }
    }
    this.position++;
    return value;
  }

  comment(): void {
    const end = this.text.indexOf('-->', this.position + 4);
    if (end === -1) this.fail('unterminated comment');
    if (this.text.slice(this.position + 4, end).includes('--')) this.fail('"--" in a comment');
    this.position = end + 3;
  }

  /** Comments and white space between elements. */
  skipMisc(): void {
    for (;;) {
      this.skipSpace();
      if (this.startsWith('<!--')) this.comment();
      else return;
    }
  }

  element(): XmlElement {
    this.expect('<');
    const name = this.name();
    const attributes: Record<string, string> = {};
    for (;;) {
      const spaced = this.skipSpace();
      if (this.startsWith('/>')) {
        this.position += 2;
        return { name, attributes, children: [], text: '' };
      }
      if (this.startsWith('>')) {
        this.position++;
        break;
      }
      if (!spaced) this.fail('expected white space before an attribute');
      const attribute = this.name();
      if (Object.hasOwn(attributes, attribute)) this.fail(`attribute ${attribute} given twice`);
      this.skipSpace();
      this.expect('=');
      this.skipSpace();
      attributes[attribute] = this.attributeValue();
    }
    const children: XmlElement[] = [];
    let text = '';
    for (;;) {
      const character = this.text[this.position];
      if (character === undefined) this.fail(`element ${name} is not closed`);
      if (this.startsWith('</')) {
        this.position += 2;
        const closing = this.name();
        if (closing !== name) this.fail(`</${closing}> closes <${name}>`);
        this.skipSpace();
        this.expect('>');
        return { name, attributes, children, text };
      }
      if (this.startsWith('<!--')) this.comment();
      else if (this.startsWith('<!') || this.startsWith('<?'))
        this.fail('CDATA, DOCTYPE or a processing instruction');
      else if (character === '<') children.push(this.element());
      else if (character === '&') text += this.reference();
      else {
        if (this.startsWith(']]>')) this.fail('"]]>" in character data');
        // End-of-line handling: CR LF and a lone CR become LF.
        if (character === '\r') {
          if (this.text[this.position + 1] === '\n') this.position++;
          text += '\n';
        } else text += character;
        this.position++;
      }
    }
  }
}

/**
 * Reads a whole XML document and returns its root element.
 *
 * @throws XmlError `line:column: what` at the first thing that is not well-formed.
 */
export function parseXml(text: string): XmlElement {
  const illegal = text.search(ILLEGAL);
  if (illegal !== -1)
    throw new XmlError(
      `U+${text.charCodeAt(illegal).toString(16).padStart(4, '0')} at offset ${illegal} is not allowed in XML 1.0`,
    );
  const reader = new Reader(text);
  if (reader.startsWith('<?xml')) {
    const end = text.indexOf('?>');
    if (end === -1) reader.fail('unterminated XML declaration');
    if (
      !/^<\?xml version="1\.[0-9]+"( encoding="[A-Za-z][-A-Za-z0-9._]*")?( standalone="(yes|no)")? ?\?>$/.test(
        text.slice(0, end + 2),
      )
    )
      reader.fail('malformed XML declaration');
    reader.position = end + 2;
  }
  reader.skipMisc();
  const root = reader.element();
  reader.skipMisc();
  if (reader.position !== text.length) reader.fail('content after the root element');
  return root;
}

/** The child elements of `element` named `name`. */
export function childrenNamed(element: XmlElement, name: string): XmlElement[] {
  return element.children.filter((child) => child.name === name);
}

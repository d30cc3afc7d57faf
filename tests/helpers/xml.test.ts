import { describe, expect, it } from 'vitest';
import { parseXml, XmlError } from './xml.js';

describe('parseXml: the strict reader the JUnit tests rely on', () => {
  it('reads elements, attributes, text and references', () => {
    const root = parseXml(
      '<?xml version="1.0" encoding="UTF-8"?>\n<a x="1 &amp; &lt;2&gt;" y=\'&quot;&apos;\'>\n  <b z="&#9;&#10;&#13;"/>t&#x41;&#66;<!-- note --><c>u\r\nv</c>\n</a>\n',
    );
    expect(root).toEqual({
      name: 'a',
      attributes: { x: '1 & <2>', y: `"'` },
      children: [
        { name: 'b', attributes: { z: '\t\n\r' }, children: [], text: '' },
        { name: 'c', attributes: {}, children: [], text: 'u\nv' },
      ],
      text: '\n  tAB\n',
    });
  });

  it('normalizes raw white space in an attribute value to spaces, as a parser must', () => {
    expect(parseXml('<a x="1\n2\t3\r\n4"/>').attributes.x).toBe('1 2 3 4');
  });

  it.each([
    ['an unclosed element', '<a><b></a>'],
    ['a mismatched end tag', '<a></b>'],
    ['two roots', '<a/><b/>'],
    ['text after the root', '<a/>x'],
    ['a raw < in text', '<a>1 < 2</a>'],
    ['a raw & in text', '<a>1 & 2</a>'],
    ['an unknown entity', '<a>&nbsp;</a>'],
    ['a reference to NUL', '<a>&#0;</a>'],
    ['a reference to U+FFFE', '<a>&#xFFFE;</a>'],
    [']]> in text', '<a>]]></a>'],
    ['a raw < in an attribute', '<a x="<"/>'],
    ['a raw & in an attribute', '<a x="&"/>'],
    ['an unquoted attribute', '<a x=1/>'],
    ['a duplicate attribute', '<a x="1" x="2"/>'],
    ['attributes without space between', '<a x="1"y="2"/>'],
    ['an unterminated attribute', '<a x="1/>'],
    ['a NUL character', '<a>\u0000</a>'],
    ['an ESC character', '<a x="\u001b"/>'],
    ['U+FFFF', '<a>\uffff</a>'],
    ['a lone surrogate', '<a>\ud800</a>'],
    ['CDATA', '<a><![CDATA[x]]></a>'],
    ['a DOCTYPE', '<!DOCTYPE a><a/>'],
    ['a malformed declaration', '<?xml version=1.0?><a/>'],
    ['-- in a comment', '<a><!-- a -- b --></a>'],
    ['an empty document', ''],
  ])('refuses %s', (_what, text) => {
    expect(() => parseXml(text)).toThrow(XmlError);
  });
});

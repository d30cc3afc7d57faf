import { describe, expect, it } from 'vitest';
import { ByteDictionary } from './byte-dictionary.js';

const bytesOf = (text: string) => Buffer.from(text, 'utf8');

/** Looks `text` up where it sits inside a larger buffer, as the reader does. */
function find(dictionary: ByteDictionary, text: string, padding = 'xx,'): number {
  const bytes = bytesOf(`${padding}${text},yy`);
  const start = Buffer.byteLength(padding);
  const end = start + Buffer.byteLength(text);
  return dictionary.find(bytes, start, end, ByteDictionary.hash(bytes, start, end));
}

function add(dictionary: ByteDictionary, text: string, code: number): void {
  const bytes = bytesOf(text);
  dictionary.add(bytes, 0, bytes.length, ByteDictionary.hash(bytes, 0, bytes.length), code);
}

describe('ByteDictionary', () => {
  it('finds what was added, by bytes, wherever the cell sits in the buffer', () => {
    const dictionary = new ByteDictionary();
    add(dictionary, 'web', 0);
    add(dictionary, 'Zürich', 1);
    add(dictionary, '', 2);
    expect(find(dictionary, 'web')).toBe(0);
    expect(find(dictionary, 'Zürich', 'ab,')).toBe(1);
    expect(find(dictionary, '')).toBe(2);
    expect(find(dictionary, 'we')).toBe(-1);
    expect(find(dictionary, 'webs')).toBe(-1);
    expect(find(dictionary, 'Web')).toBe(-1);
  });

  it('never confuses cells whose hashes collide', () => {
    // Same hash, same length, different bytes: only the byte comparison tells them apart.
    const dictionary = new ByteDictionary(4);
    const first = bytesOf('aaaa');
    const second = bytesOf('bbbb');
    dictionary.add(first, 0, 4, 7, 10);
    expect(dictionary.find(second, 0, 4, 7)).toBe(-1);
    dictionary.add(second, 0, 4, 7, 11);
    expect(dictionary.find(first, 0, 4, 7)).toBe(10);
    expect(dictionary.find(second, 0, 4, 7)).toBe(11);
  });

  it('stops adding when full, by entries or by bytes, and still finds what it holds', () => {
    const byEntries = new ByteDictionary(3);
    for (let code = 0; code < 10; code++) add(byEntries, `id${code}`, code);
    expect(byEntries.size).toBe(3);
    expect([0, 1, 2, 3, 9].map((code) => find(byEntries, `id${code}`))).toEqual([0, 1, 2, -1, -1]);
    const byBytes = new ByteDictionary(100, 10);
    add(byBytes, 'abcdef', 0);
    add(byBytes, 'ghijkl', 1); // 12 bytes in all: not kept
    add(byBytes, 'mnop', 2);
    expect([find(byBytes, 'abcdef'), find(byBytes, 'ghijkl'), find(byBytes, 'mnop')]).toEqual([0, -1, 2]);
  });

  it('holds a thousand distinct cells in a table of its default size', () => {
    const dictionary = new ByteDictionary();
    for (let code = 0; code < 1000; code++) add(dictionary, `category-${code * 7919}`, code);
    for (let code = 0; code < 1000; code++) expect(find(dictionary, `category-${code * 7919}`)).toBe(code);
  });
});

import type { CliContext } from '@mlops/cli-kit';
import { escapeJsonText } from '@mlops/core';

/** About this many characters are gathered before each write. */
const PIECE = 1 << 20;

/**
 * Writes `JSON.stringify(value, null, 2)` and a newline, byte for byte, a megabyte at a time: the
 * arrays and plain objects are walked, and each of their scalar or small members is stringified on
 * its own. A report with 200,000 issues is never one 50 MB string (and its 50 MB copy for the write).
 * Each piece goes through escapeJsonText, as cli-kit's writeJson does: the characters JSON.stringify
 * leaves raw (DEL, C1, bidi, invisible) are written as `\uXXXX`, so the output is safe on a terminal
 * and parses to the same value (pieces are whole JSON.stringify results, so no escape is split).
 */
export function writeJsonInPieces(context: CliContext, value: unknown): void {
  let buffer = '';
  const emit = (text: string): void => {
    buffer += escapeJsonText(text);
    if (buffer.length >= PIECE) {
      context.stdout.write(buffer);
      buffer = '';
    }
  };
  writeValue(value, '', emit);
  emit('\n');
  if (buffer.length > 0) context.stdout.write(buffer);
}

/** An array or object with members, as JSON.stringify sees it (no toJSON). */
function isContainer(value: unknown): value is Record<string, unknown> | unknown[] {
  if (typeof value !== 'object' || value === null) return false;
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return false;
  if (Array.isArray(value)) return value.length > 0;
  const prototype = Object.getPrototypeOf(value);
  return (prototype === Object.prototype || prototype === null) && Object.keys(value).length > 0;
}

/**
 * Walked member by member: a non-empty array, or an object holding one. An object of scalars (an
 * issue) is small and stringified whole, one call per issue.
 */
function isWalkable(value: unknown): value is Record<string, unknown> | unknown[] {
  if (!isContainer(value)) return false;
  return Array.isArray(value) || Object.values(value).some(isContainer);
}

function writeValue(value: unknown, indent: string, emit: (text: string) => void): void {
  if (!isWalkable(value)) {
    // JSON.stringify's own output, its line breaks indented to this depth (strings hold no raw ones).
    const text = JSON.stringify(value, null, 2) ?? 'null';
    emit(indent === '' ? text : text.replaceAll('\n', `\n${indent}`));
    return;
  }
  const inner = `${indent}  `;
  if (Array.isArray(value) && !value.some(isWalkable)) {
    // Elements stringified whole (issues): a thousand per JSON.stringify call, its brackets dropped
    // and its lines indented to this depth.
    emit('[');
    for (let start = 0; start < value.length; start += 1000) {
      const body = JSON.stringify(value.slice(start, start + 1000), null, 2).slice(1, -2);
      emit(`${start === 0 ? '' : ','}${indent === '' ? body : body.replaceAll('\n', `\n${indent}`)}`);
    }
    emit(`\n${indent}]`);
    return;
  }
  if (Array.isArray(value)) {
    emit('[');
    value.forEach((item, index) => {
      emit(`${index === 0 ? '' : ','}\n${inner}`);
      // As JSON.stringify: undefined, a function or a symbol in an array is null.
      writeValue(
        item === undefined || typeof item === 'function' || typeof item === 'symbol' ? null : item,
        inner,
        emit,
      );
    });
    emit(`\n${indent}]`);
    return;
  }
  let first = true;
  emit('{');
  for (const key of Object.keys(value)) {
    const member = value[key];
    // As JSON.stringify: members that are undefined, functions or symbols are left out.
    if (member === undefined || typeof member === 'function' || typeof member === 'symbol') continue;
    emit(`${first ? '' : ','}\n${inner}${JSON.stringify(key)}: `);
    first = false;
    writeValue(member, inner, emit);
  }
  emit(first ? '}' : `\n${indent}}`);
}

/** Writes lines, each ending in a newline, a megabyte at a time (as cli-kit's writeLines, in pieces). */
export function writeLinesInPieces(context: CliContext, lines: readonly string[]): void {
  let buffer = '';
  for (const line of lines) {
    buffer += `${line}\n`;
    if (buffer.length >= PIECE) {
      context.stdout.write(buffer);
      buffer = '';
    }
  }
  if (buffer.length > 0) context.stdout.write(buffer);
}

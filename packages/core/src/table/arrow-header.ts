import { DictionaryBatch as FlatDictionaryBatch } from 'apache-arrow/fb/dictionary-batch';
import type { Field as FlatField } from 'apache-arrow/fb/field';
import { Footer as FlatFooter } from 'apache-arrow/fb/footer';
import { Message as FlatMessage } from 'apache-arrow/fb/message';
import { MessageHeader as FlatHeader } from 'apache-arrow/fb/message-header';
import { RecordBatch as FlatRecordBatch } from 'apache-arrow/fb/record-batch';
import { Schema as FlatSchema } from 'apache-arrow/fb/schema';
import { ByteBuffer } from 'flatbuffers';

/**
 * A bounds check of an Arrow IPC message's metadata (a FlatBuffer) before apache-arrow decodes it.
 * apache-arrow trusts the counts a FlatBuffer stores: a damaged schema whose field count reads as two
 * billion makes it build two billion fields, and the process ends out of memory. Each vector the
 * decoding walks holds elements of at least 4 bytes (16 for a record batch's nodes and buffers), so
 * its count cannot exceed the metadata's length divided by that; fields nest at most 64 deep and a
 * schema holds at most one field per 4 bytes in all (a damaged buffer may point several fields at one
 * table, which would otherwise be walked again and again).
 */

const MAX_DEPTH = 64;

/**
 * Whether the counts in a message's metadata fit in it (see the module's comment); false for metadata
 * that cannot even be walked.
 *
 * @example metadataFits(new Uint8Array(0)) // => false
 */
export function metadataFits(metadata: Uint8Array): boolean {
  const capacity = metadata.length;
  if (capacity < 8) return false;
  const fits = (count: number, size: number) =>
    Number.isInteger(count) && count >= 0 && count * size <= capacity;
  const batchFits = (batch: FlatRecordBatch | null) =>
    batch !== null &&
    fits(batch.nodesLength(), 16) &&
    fits(batch.buffersLength(), 16) &&
    fits(batch.variadicBufferCountsLength(), 8);
  try {
    const message = FlatMessage.getRootAsMessage(new ByteBuffer(metadata));
    if (!fits(message.customMetadataLength(), 4)) return false;
    switch (message.headerType()) {
      case FlatHeader.Schema:
        return schemaFits(message.header(new FlatSchema()) as FlatSchema | null, capacity);
      case FlatHeader.RecordBatch:
        return batchFits(message.header(new FlatRecordBatch()) as FlatRecordBatch | null);
      case FlatHeader.DictionaryBatch: {
        const dictionary = message.header(new FlatDictionaryBatch()) as FlatDictionaryBatch | null;
        return dictionary !== null && batchFits(dictionary.data());
      }
      default:
        return true;
    }
  } catch {
    return false;
  }
}

/** Whether a schema's counts fit in `capacity` bytes of metadata (see the module's comment). */
function schemaFits(schema: FlatSchema | null, capacity: number): boolean {
  const fits = (count: number, size: number) =>
    Number.isInteger(count) && count >= 0 && count * size <= capacity;
  if (schema === null || !fits(schema.fieldsLength(), 4) || !fits(schema.customMetadataLength(), 4))
    return false;
  let budget = Math.floor(capacity / 4);
  const fieldFits = (field: FlatField | null, depth: number): boolean => {
    budget -= 1;
    if (field === null || budget < 0 || depth > MAX_DEPTH) return false;
    const children = field.childrenLength();
    if (!fits(children, 4) || !fits(field.customMetadataLength(), 4)) return false;
    for (let index = 0; index < children; index += 1)
      if (!fieldFits(field.children(index), depth + 1)) return false;
    return true;
  };
  for (let index = 0; index < schema.fieldsLength(); index += 1)
    if (!fieldFits(schema.fields(index), 1)) return false;
  return true;
}

/**
 * Whether the counts in an IPC file's footer fit in it, as {@link metadataFits} checks a message's:
 * its schema, and its lists of blocks (24 bytes each); false for a footer that cannot be walked or
 * holds no schema.
 *
 * @example footerFits(new Uint8Array(0)) // => false
 */
export function footerFits(footer: Uint8Array): boolean {
  const capacity = footer.length;
  if (capacity < 8) return false;
  const fits = (count: number, size: number) =>
    Number.isInteger(count) && count >= 0 && count * size <= capacity;
  try {
    const root = FlatFooter.getRootAsFooter(new ByteBuffer(footer));
    return (
      fits(root.dictionariesLength(), 24) &&
      fits(root.recordBatchesLength(), 24) &&
      fits(root.customMetadataLength(), 4) &&
      schemaFits(root.schema(), capacity)
    );
  } catch {
    return false;
  }
}

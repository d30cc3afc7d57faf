/**
 * A column's text cells by their bytes: the byte-level CSV reader looks a cell up here before decoding
 * it, so a category seen before (`web`, `DE`, …: most text cells of a data file are repeats) is
 * counted by its dictionary code without building a string or classifying it again.
 *
 * An open-addressing hash table (FNV-1a hashes, linear probing) over a private copy of each entry's
 * bytes; a hit compares the bytes themselves, so a hash collision can never return a wrong code. It
 * holds at most `maxEntries` entries and `maxBytes` bytes: a column of mostly distinct texts (ids,
 * free text) fills it and then only pays one failed lookup per cell.
 *
 * Cost: O(cell length) per lookup or addition; memory below 64 KiB plus `maxBytes`.
 */
export class ByteDictionary {
  private readonly slots: Int32Array;
  private readonly slotMask: number;
  private readonly hashes: Int32Array;
  private readonly starts: Int32Array;
  private readonly lengths: Int32Array;
  private readonly codes: Int32Array;
  private readonly store: Uint8Array;
  private storeUsed = 0;
  /** Entries held. */
  size = 0;

  constructor(
    private readonly maxEntries = 2048,
    maxBytes = 64 * 1024,
  ) {
    // A table at most half full keeps probe sequences short.
    let slotCount = 16;
    while (slotCount < maxEntries * 2) slotCount *= 2;
    this.slots = new Int32Array(slotCount);
    this.slotMask = slotCount - 1;
    this.hashes = new Int32Array(maxEntries);
    this.starts = new Int32Array(maxEntries);
    this.lengths = new Int32Array(maxEntries);
    this.codes = new Int32Array(maxEntries);
    this.store = new Uint8Array(maxBytes);
  }

  /** The bytes a dictionary made with these arguments holds, whatever it is filled with. */
  static byteSize(maxEntries = 2048, maxBytes = 64 * 1024): number {
    let slotCount = 16;
    while (slotCount < maxEntries * 2) slotCount *= 2;
    return slotCount * 4 + maxEntries * 4 * 4 + maxBytes;
  }

  /** The FNV-1a hash of `bytes[start, end)`. */
  static hash(bytes: Uint8Array, start: number, end: number): number {
    let hash = 0x811c9dc5 | 0; // as an int32, like every Math.imul result
    for (let index = start; index < end; index++) hash = Math.imul(hash ^ bytes[index]!, 0x01000193);
    return hash;
  }

  /** The code stored for the cell `bytes[start, end)` (whose hash is `hash`), or -1. */
  find(bytes: Uint8Array, start: number, end: number, hash: number): number {
    const length = end - start;
    for (let slot = hash & this.slotMask; ; slot = (slot + 1) & this.slotMask) {
      const entry = this.slots[slot]! - 1;
      if (entry === -1) return -1;
      if (
        this.hashes[entry] === hash &&
        this.lengths[entry] === length &&
        this.sameBytes(entry, bytes, start)
      )
        return this.codes[entry]!;
    }
  }

  /**
   * Remembers `code` for the cell `bytes[start, end)`, which must not be held yet; does nothing once
   * the dictionary is full.
   */
  add(bytes: Uint8Array, start: number, end: number, hash: number, code: number): void {
    const length = end - start;
    if (this.size === this.maxEntries || this.storeUsed + length > this.store.length) return;
    const entry = this.size++;
    this.hashes[entry] = hash;
    this.starts[entry] = this.storeUsed;
    this.lengths[entry] = length;
    this.codes[entry] = code;
    this.store.set(bytes.subarray(start, end), this.storeUsed);
    this.storeUsed += length;
    let slot = hash & this.slotMask;
    while (this.slots[slot] !== 0) slot = (slot + 1) & this.slotMask;
    this.slots[slot] = entry + 1;
  }

  private sameBytes(entry: number, bytes: Uint8Array, start: number): boolean {
    const stored = this.starts[entry]!;
    const length = this.lengths[entry]!;
    for (let offset = 0; offset < length; offset++) {
      if (this.store[stored + offset] !== bytes[start + offset]) return false;
    }
    return true;
  }
}

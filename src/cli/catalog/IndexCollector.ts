import fs from 'node:fs';
import { indexHeader } from '../../store/IndexEntry.ts';
import type { LineSource } from './LineSource.ts';

/** Lines written at a time (their old lines fetched together). */
const CHUNK_LINES = 4096;
/** The `lastSeen` field of an index line (its second element), for sorting. */
const LAST_SEEN = /^\[\d+,(-?\d+),/;

/** A line of the new index: its text, or where it is in the old index. */
type Item =
  { lastSeen: number; text: string } | { lastSeen: number; offset: number; length: number };

/**
 * Collects the lines of a rebuilt index and writes them ordered by last seen, oldest first. The
 * order matters to readers: `err list` shows rows newest first and fetches their lines in runs of
 * neighbours, which works when the file is in time order (as writers append it) and degrades to
 * one read per row in directory order. Lines kept from the old index are held as references and
 * read back in runs while writing, so a rebuild that changes little holds little.
 */
export class IndexCollector {
  private readonly _items: Item[] = [];
  private readonly _tail: string[] = [];

  /** Adds a new line. */
  add(line: string): void {
    this._items.push({ lastSeen: Number(LAST_SEEN.exec(line)?.[1] ?? 0), text: line });
  }

  /** Adds a line kept from the old index, by position. */
  addOld(lastSeen: number, offset: number, length: number): void {
    this._items.push({ lastSeen, offset, length });
  }

  /** Adds a line that stays after the sorted ones (a writer appended it during the rebuild). */
  addTail(line: string): void {
    this._tail.push(line);
  }

  /** Writes the index (header, lines oldest first, tail) to `fd`; `old` holds the kept lines. */
  writeTo(fd: number, old: LineSource | null): void {
    this._emit(old, chunk => fs.writeSync(fd, chunk));
  }

  /** The index in memory (a directory that cannot be written). */
  finish(old: LineSource | null): Buffer {
    const chunks: string[] = [];
    this._emit(old, chunk => chunks.push(chunk));
    return Buffer.from(chunks.join(''));
  }

  private _emit(old: LineSource | null, write: (chunk: string) => void): void {
    const items = this._items.sort((a, b) => a.lastSeen - b.lastSeen);
    let live = 0;
    for (const item of items)
      live += ('text' in item ? Buffer.byteLength(item.text) : item.length) + 1;
    for (const line of this._tail) live += Buffer.byteLength(line) + 1;
    write(`${indexHeader(live)}\n`);
    for (let start = 0; start < items.length; start += CHUNK_LINES) {
      write(`${this._texts(items.slice(start, start + CHUNK_LINES), old).join('\n')}\n`);
    }
    if (this._tail.length > 0) write(`${this._tail.join('\n')}\n`);
  }

  private _texts(items: readonly Item[], old: LineSource | null): string[] {
    const kept = items.filter(item => !('text' in item)) as { offset: number; length: number }[];
    const read =
      old === null || kept.length === 0
        ? []
        : old.lines(
            Float64Array.from(kept, k => k.offset),
            Uint32Array.from(kept, k => k.length),
          );
    let next = 0;
    return items.map(item => ('text' in item ? item.text : read[next++]!));
  }
}

import { readFileLimited } from '../../src/source/readFileLimited.ts';

/** A `FileReader` over the real file system that records every path it is asked to read. */
export class TestFileReader {
  /** Paths read, in order (failed reads included). */
  readonly reads: string[] = [];

  /** The reader to inject (`readFile` option). */
  readonly read = (path: string, maxBytes: number): Buffer | null => {
    this.reads.push(path);
    return readFileLimited(path, maxBytes);
  };

  /** How many times `path` was read. */
  count(path: string): number {
    return this.reads.filter(read => read === path).length;
  }
}

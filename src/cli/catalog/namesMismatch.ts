import fs from 'node:fs';
import type { StoreLayout } from '../../store/storeLayout.ts';
import type { Catalog } from './Catalog.ts';
import { hashInto, resetHash } from './HashTable.ts';
import { inputKind } from './inputKind.ts';

/** A directory state older than this is settled: no file timestamp is coarser (FAT's 2 s aside). */
const SETTLED_NS = 1_000_000_000n;

/**
 * Why the file names of the directory do not match the index, or `null` when they do. Needed
 * because file timestamps are coarse (a jiffy, ~4 ms): a file that a foreign writer creates right
 * after our writer's index update may leave the directory's mtime equal to the index's, so
 * "index not older than directory" alone could hide it. Listing the names costs ~0.1 s per
 * 100,000 files, so a match is remembered in `.otel-err/verified` for the directory mtime it was
 * made at, once that state is settled: any later change gives the directory a later mtime.
 */
export function namesMismatch(layout: StoreLayout, catalog: Catalog): string | null {
  const state = directoryState(layout);
  if (state !== null && readVerified(layout) === state.key) return null;
  const hash = new Uint32Array(2);
  let names = 0;
  const dir = fs.opendirSync(layout.dir, { bufferSize: 1024 });
  try {
    for (let dirent = dir.readSync(); dirent !== null; dirent = dir.readSync()) {
      if (inputKind(dirent.name) === null) continue;
      names++;
      hashName(dirent.name, hash);
      if (!catalog.files.has(hash[0]!, hash[1]!)) return `${dirent.name} is not in it`;
    }
  } finally {
    dir.closeSync();
  }
  if (names !== catalog.files.count) return 'files in it are gone';
  if (state?.settled) {
    try {
      fs.writeFileSync(layout.verified, state.key, { mode: 0o600 });
    } catch {
      // A directory we cannot write: check the names again next time.
    }
  }
  return null;
}

function directoryState(layout: StoreLayout): { key: string; settled: boolean } | null {
  try {
    const dir = fs.statSync(layout.dir, { bigint: true });
    const index = fs.statSync(layout.index, { bigint: true });
    const settled = BigInt(Date.now()) * 1_000_000n - dir.mtimeNs > SETTLED_NS;
    return { key: `${dir.mtimeNs} ${index.ino}`, settled };
  } catch {
    return null;
  }
}

function readVerified(layout: StoreLayout): string | null {
  try {
    return fs.readFileSync(layout.verified, 'utf8');
  } catch {
    return null;
  }
}

const scratch = Buffer.alloc(4096);
const encoder = new TextEncoder();
/** Characters `JSON.stringify` escapes in a string. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const ESCAPED = /["\\\u0000-\u001f]/;

/** The hash of a file name as the index stores it (JSON-encoded), without allocating for plain names. */
function hashName(name: string, hash: Uint32Array): void {
  resetHash(hash);
  if (ESCAPED.test(name) || name.length * 3 + 2 > scratch.length) {
    const encoded = Buffer.from(JSON.stringify(name));
    hashInto(hash, encoded, 0, encoded.length);
    return;
  }
  scratch[0] = 0x22;
  const { written } = encoder.encodeInto(name, scratch.subarray(1));
  scratch[written + 1] = 0x22;
  hashInto(hash, scratch, 0, written + 2);
}

import { readFileSync } from 'node:fs';
import path from 'node:path';

/** A service's name and version. */
export interface ServiceIdentity {
  /** Service name, `'unknown'` when nothing names it. */
  name: string;
  /** Service version, `'unknown'` when nothing gives it. */
  version: string;
}

const UNKNOWN: ServiceIdentity = { name: 'unknown', version: 'unknown' };
const MAX_LEVELS = 32;
let cached: ServiceIdentity | null = null;

function readPackageJson(file: string): ServiceIdentity | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return null;
  }
  try {
    const json = JSON.parse(text) as { name?: unknown; version?: unknown };
    return {
      name: typeof json.name === 'string' && json.name !== '' ? json.name : UNKNOWN.name,
      version:
        typeof json.version === 'string' && json.version !== '' ? json.version : UNKNOWN.version,
    };
  } catch {
    return null;
  }
}

/** The name and version of the nearest `package.json` above `start` (default: the main script's directory). */
export function findServiceIdentity(start?: string): ServiceIdentity {
  let dir = path.resolve(
    start ?? (process.argv[1] ? path.dirname(process.argv[1]) : process.cwd()),
  );
  for (let level = 0; level < MAX_LEVELS; level++) {
    const found = readPackageJson(path.join(dir, 'package.json'));
    if (found !== null) return found;
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return UNKNOWN;
}

/** `findServiceIdentity()` for the main script, read once per process. */
export function defaultServiceIdentity(): ServiceIdentity {
  cached ??= findServiceIdentity();
  return cached;
}

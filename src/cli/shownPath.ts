import path from 'node:path';

/** A file inside the report directory, spelled from the directory as the user gave it (not resolved). */
export function shownPath(dir: string, file: string): string {
  return dir.endsWith(path.sep) ? `${dir}${file}` : `${dir}${path.sep}${file}`;
}

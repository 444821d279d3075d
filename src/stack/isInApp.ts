import { posix, win32 } from 'node:path';
import type { StackFrame } from './StackFrame.ts';
import { toFilePath } from './filePath.ts';

/** Rules that decide which frames are application code. */
export interface InAppRules {
  /** Frames whose file (as a path) lies outside this directory are not in-app. Default: none. */
  rootDir?: string;
  /** A frame whose location contains one of these strings or matches one of these patterns is in-app. Default: `[]`. */
  include?: (string | RegExp)[];
  /** A frame whose location contains one of these strings or matches one of these patterns is not in-app. Default: `[]`. */
  exclude?: (string | RegExp)[];
}

// Any `scheme://` URL (bundler output such as `webpack://`, `app:///`) counts as application code.
const URL_SCHEME = /^[a-z][a-z0-9+.-]{1,31}:\/\//i;
const WINDOWS_ABSOLUTE = /^(?:[a-z]:[\\/]|\\\\)/i;

const defaults = { include: [] as (string | RegExp)[], exclude: [] as (string | RegExp)[] };

function matches(location: string, patterns: (string | RegExp)[]): boolean {
  // search() ignores a /g pattern's lastIndex, which test() would carry from call to call.
  return patterns.some(p =>
    typeof p === 'string' ? location.includes(p) : location.search(p) >= 0,
  );
}

function isUnder(path: string, rootDir: string): boolean {
  const p = WINDOWS_ABSOLUTE.test(path) || WINDOWS_ABSOLUTE.test(rootDir) ? win32 : posix;
  const rel = p.relative(rootDir, path);
  return rel !== '..' && !rel.startsWith(`..${p.sep}`) && !p.isAbsolute(rel);
}

function byDefault(file: string, path: string | null, rootDir: string | undefined): boolean {
  if (file.startsWith('node:') || file.startsWith('internal/')) return false;
  if (file.includes('/node_modules/') || file.includes('\\node_modules\\')) return false;
  // A bare relative name (`events.js`, `repl`, `evalmachine.<anonymous>`, `<anonymous>`) is an old
  // Node core module, a vm script or eval code: never a readable application file.
  if (path === null && !URL_SCHEME.test(file) && !file.startsWith('.')) return false;
  return rootDir === undefined || path === null || isUnder(path, rootDir);
}

/**
 * Whether a frame is application code. Precedence, first match wins: (1) a frame with no file
 * (native, built-in, `Promise.all`) is not in-app; (2) `include` → in-app; (3) `exclude` → not;
 * (4) `node:` and `internal/` → not; (5) inside any `node_modules` → not; (6) a bare relative name
 * (old core module, vm script, `<anonymous>`) → not; (7) a path outside `rootDir`, when given → not;
 * (8) otherwise in-app (absolute paths, `file://` and other `scheme://` URLs). Eval frames are
 * judged by their origin, the file that called `eval`. Patterns see the filesystem path when
 * there is one (`file://` URLs decoded), else the file as printed.
 */
export function isInApp(frame: StackFrame, rules: InAppRules = {}): boolean {
  const file = frame.eval ? (frame.evalOrigin?.file ?? null) : frame.file;
  if (file === null || file === '' || frame.native) return false;
  const path = toFilePath(file);
  const location = path ?? file;
  if (matches(location, rules.include ?? defaults.include)) return true;
  if (matches(location, rules.exclude ?? defaults.exclude)) return false;
  return byDefault(file, path, rules.rootDir);
}

import type { Frame } from '../errorinfo/ErrorInfo.ts';
import { toFilePath } from '../stack/filePath.ts';
import type { CapturedFrame, CapturedLocals } from './common.ts';

function lastSegment(name: string | null): string {
  if (name === null || name === '' || name === '<anonymous>') return '';
  const at = name.lastIndexOf('.');
  return at >= 0 ? name.slice(at + 1) : name;
}

function namesAgree(stackName: string | null, debuggerName: string | null): boolean {
  const a = lastSegment(stackName);
  const b = lastSegment(debuggerName);
  return a === b || a === '' || b === '' || a === '<anonymous>' || b === '<anonymous>';
}

type Match = (frame: Frame, file: string | null, captured: CapturedFrame) => boolean;

const MATCHES: readonly Match[] = [
  // The same call site: file, line and column.
  (f, file, c) => file === c.file && pos(f).line === c.line && pos(f).column === c.column,
  // The same line, e.g. `throw make()` where the stack points at `make()` and the debugger at `throw`.
  (f, file, c) =>
    file === c.file && pos(f).line === c.line && namesAgree(pos(f).function, c.function),
];

// The throwing frame may have built its Error on an earlier line of the same function.
const SAME_FUNCTION: Match = (f, file, c) =>
  file === c.file &&
  c.function !== null &&
  lastSegment(pos(f).function) === lastSegment(c.function);

function pos(frame: Frame): {
  line: number | null;
  column: number | null;
  function: string | null;
} {
  return frame.generated ?? frame;
}

function fileOf(frame: Frame): string | null {
  const file = (frame.generated ?? frame).file;
  return file === null ? null : (toFilePath(file) ?? file);
}

/**
 * Puts captured locals on the matching frames of an ErrorInfo and returns the new frame list
 * (matched frames are copies; the input is not modified). Frames are compared at their generated
 * position (`frame.generated ?? frame`): file (paths and `file://` URLs alike), line, column, then
 * function name. Both lists run top of the stack first, so matching moves forward only: recursion
 * cannot pair a captured frame with a deeper call of the same function. Async frames
 * (`at async …`) are never on the paused stack and get nothing.
 */
export function mergeLocals(
  frames: readonly Frame[],
  captured: CapturedLocals | undefined,
): Frame[] {
  const out = [...frames];
  if (captured === undefined) return out;
  const files = frames.map(fileOf);
  let from = 0;
  for (const c of captured.frames) {
    const rules = c.index === 0 ? [...MATCHES, SAME_FUNCTION] : MATCHES;
    let found = -1;
    for (const rule of rules) {
      for (let j = from; j < out.length && found < 0; j++) {
        const frame = out[j];
        if (frame !== undefined && !frame.async && rule(frame, files[j] ?? null, c)) found = j;
      }
      if (found >= 0) break;
    }
    const frame = out[found];
    if (frame === undefined) continue;
    out[found] = { ...frame, locals: { ...(frame.locals ?? {}), ...c.locals } };
    from = found + 1;
  }
  return out;
}

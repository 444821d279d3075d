import type { ChainedException, ErrorInfo, ExceptionInfo, Frame } from '../errorinfo/ErrorInfo.ts';
import { FINGERPRINT_DEFAULTS, type FingerprintOptions } from './FingerprintOptions.ts';
import {
  messageTemplate,
  normalizeFunctionName,
  normalizeModuleName,
  normalizeSourceLine,
} from './normalize.ts';

/** The version of the part list below: bump it when the parts change meaning, so old and new ids never collide. */
export const FINGERPRINT_SCHEME = 'fp1';

interface Link {
  exception: ExceptionInfo;
  frames: readonly Frame[];
}

/**
 * The ordered parts a fingerprint is hashed from:
 * 1. the scheme (`fp1`) and the service name (and version, when `includeVersion`);
 * 2. `type:` the ROOT cause's type and `code:` its code — a wrapper (`new Error('failed', { cause })`) does not decide;
 * 3. the location: the innermost in-app frames (at most `frames`) of the root cause, or, when the root has no in-app
 *    frame (a system error raised inside `node:` internals), of the nearest wrapper that has one; each frame gives
 *    `frame:` module + function, and the throwing frame also gives `line:` the folded text of its source line
 *    (never the line number, never an absolute path);
 * 4. with no in-app frame anywhere: the root's library frames; with no frame at all: `message:` its template.
 */
export function fingerprintParts(info: ErrorInfo, options: FingerprintOptions = {}): string[] {
  const frameCount = options.frames ?? FINGERPRINT_DEFAULTS.frames;
  const chain = causeChain(info);
  const root = chain[chain.length - 1] ?? { exception: info.exception, frames: info.frames };
  const parts = [FINGERPRINT_SCHEME, `service:${info.name}`];
  if (options.includeVersion ?? FINGERPRINT_DEFAULTS.includeVersion) parts.push(`version:${info.version}`);
  parts.push(`type:${root.exception.type}`);
  if (root.exception.code !== null) parts.push(`code:${String(root.exception.code)}`);
  const location = locationFrames(chain, root, frameCount);
  if (location.length === 0) {
    parts.push(`message:${messageTemplate(root.exception.message)}`);
  } else {
    location.forEach((frame, index) => parts.push(...frameParts(frame, index === 0)));
  }
  return options.fingerprintParts ? [...options.fingerprintParts(parts, info)] : parts;
}

function causeChain(info: ErrorInfo): Link[] {
  const chain: Link[] = [{ exception: info.exception, frames: info.frames }];
  let cause: ChainedException | null = info.exception.cause;
  while (cause !== null && chain.length < 64) {
    chain.push({ exception: cause, frames: cause.frames });
    cause = cause.cause;
  }
  return chain;
}

function locationFrames(chain: readonly Link[], root: Link, count: number): Frame[] {
  for (let index = chain.length - 1; index >= 0; index--) {
    const inApp = distinctFrames(chain[index]?.frames ?? [], frame => frame.inApp);
    if (inApp.length > 0) return inApp.slice(0, count);
  }
  return distinctFrames(root.frames, frame => !frame.native).slice(0, count);
}

// Recursion repeats one frame many times; its depth is not part of the bug.
function distinctFrames(frames: readonly Frame[], keep: (frame: Frame) => boolean): Frame[] {
  const result: Frame[] = [];
  for (const frame of frames) {
    const previous = result[result.length - 1];
    if (!keep(frame)) continue;
    if (previous && previous.function === frame.function && previous.file === frame.file) continue;
    result.push(frame);
  }
  return result;
}

function frameParts(frame: Frame, throwing: boolean): string[] {
  const parts = [`frame:${normalizeModuleName(frame.module)}:${normalizeFunctionName(frame.function)}`];
  if (!throwing || frame.source === null) return parts;
  const text = frame.source.lines[frame.source.currentLine - frame.source.firstLine];
  const folded = text === undefined ? null : normalizeSourceLine(text);
  if (folded !== null) parts.push(`line:${folded}`);
  return parts;
}

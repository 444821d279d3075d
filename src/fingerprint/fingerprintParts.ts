import type { ChainedException, ErrorInfo, ExceptionInfo, Frame } from '../errorinfo/ErrorInfo.ts';
import { FINGERPRINT_DEFAULTS, type FingerprintOptions } from './FingerprintOptions.ts';
import { messageTemplate, normalizeFunctionName, normalizeModuleName } from './normalize.ts';
import { statementText } from './statementText.ts';

/** The version of the part list below: bump it when the parts change meaning, so old and new ids never collide. */
export const FINGERPRINT_SCHEME = 'fp2';

/** The deepest `cause` chain walked; `captureErrorInfo` already cuts chains far shorter. */
const MAX_CHAIN = 64;

interface Link {
  exception: ExceptionInfo;
  frames: readonly Frame[];
}

type FrameFilter = (frame: Frame) => boolean;

const isNodeInternal = (frame: Frame): boolean =>
  (frame.module ?? frame.file ?? '').startsWith('node:') ||
  (frame.file ?? '').startsWith('internal/');

/** Where the location frames come from, best first: application code, then libraries, then Node's own code. */
const LOCATION_TIERS: readonly FrameFilter[] = [
  frame => frame.inApp,
  frame => !frame.native && frame.file !== null && !isNodeInternal(frame),
  frame => !frame.native && frame.file !== null,
];

/**
 * The ordered parts a fingerprint is hashed from:
 * 1. the scheme (`fp2`) and `service:` the service name (and `version:`, only when `includeVersion`);
 * 2. `type:` the ROOT cause's type and `code:` its code (when it has one): a wrapper
 *    (`new Error('failed', { cause })`) does not decide, however many layers wrap the root;
 * 3. the location: the innermost in-app frames (at most `frames`; a recursion counts once and ends them) of the root
 *    cause, or, when the root has none (a system error raised inside `node:` internals, an error with no stack),
 *    of the nearest wrapper that has some; with no in-app frame in the whole chain, the library frames
 *    (`node_modules`) the same way, then Node's own frames. Each frame gives `frame:` its module and its function
 *    without receiver, then `text:` the folded text of the expression it points at (`statementText`: from its
 *    column, receiver included, to the end of the statement; for eval'd code, the eval call): the throw for the
 *    first frame, the calls that led there for the others. Never a line number, an absolute path or a message;
 * 4. with no frame anywhere: `message:` the root's message template (variable parts masked).
 * The `fingerprintParts` hook, when given, receives these parts and returns the ones hashed.
 */
export function fingerprintParts(info: ErrorInfo, options: FingerprintOptions = {}): string[] {
  const frameCount = options.frames ?? FINGERPRINT_DEFAULTS.frames;
  const chain = causeChain(info);
  const root = chain[chain.length - 1] ?? { exception: info.exception, frames: info.frames };
  const parts = [FINGERPRINT_SCHEME, `service:${info.name}`];
  if (options.includeVersion ?? FINGERPRINT_DEFAULTS.includeVersion)
    parts.push(`version:${info.version}`);
  parts.push(`type:${root.exception.type}`);
  if (root.exception.code !== null) parts.push(`code:${String(root.exception.code)}`);
  const location = locationFrames(chain, frameCount);
  if (location.length === 0) parts.push(`message:${messageTemplate(root.exception.message)}`);
  for (const frame of location) parts.push(...frameParts(frame));
  return options.fingerprintParts ? [...options.fingerprintParts(parts, info)] : parts;
}

function causeChain(info: ErrorInfo): Link[] {
  const chain: Link[] = [{ exception: info.exception, frames: info.frames }];
  let cause: ChainedException | null = info.exception.cause;
  while (cause !== null && chain.length < MAX_CHAIN) {
    chain.push({ exception: cause, frames: cause.frames });
    cause = cause.cause;
  }
  return chain;
}

function locationFrames(chain: readonly Link[], count: number): Frame[] {
  for (const keep of LOCATION_TIERS) {
    for (let index = chain.length - 1; index >= 0; index--) {
      const frames = nearestFrames(chain[index]?.frames ?? [], keep, count);
      if (frames.length > 0) return frames;
    }
  }
  return [];
}

/**
 * Up to `count` frames that `keep` accepts, top first; a recursion (a named function calling itself) counts once
 * and ends the list: how deep it went is not part of the bug, and a deep one pushes its callers past V8's stack
 * limit, so callers above it would split one bug by depth.
 */
function nearestFrames(frames: readonly Frame[], keep: FrameFilter, count: number): Frame[] {
  const result: Frame[] = [];
  for (const frame of frames) {
    if (!keep(frame)) continue;
    const previous = result[result.length - 1];
    // Two anonymous frames in a row are as likely two callbacks as a recursion: only named ones fold.
    const recursion =
      frame.function !== null &&
      previous?.function === frame.function &&
      previous.file === frame.file;
    if (recursion || result.length === count) break;
    result.push(frame);
  }
  return result;
}

function frameParts(frame: Frame): string[] {
  const parts = [
    `frame:${normalizeModuleName(frame.module)}:${normalizeFunctionName(frame.function)}`,
  ];
  if (frame.source === null) return parts;
  // Eval'd code has no file: its context is the line that called eval, so the column is that call's.
  const column = frame.eval ? (frame.evalOrigin?.column ?? null) : frame.column;
  const text = statementText(frame.source, column);
  if (text !== null) parts.push(`text:${text}`);
  return parts;
}

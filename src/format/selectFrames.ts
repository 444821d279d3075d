import type { Frame } from '../errorinfo/ErrorInfo.ts';

/** One line of a frame list: a frame to print, or a count of frames left out and why. */
export type FrameItem =
  | { kind: 'frame'; frame: Frame }
  | { kind: 'library'; count: number }
  | { kind: 'more'; count: number }
  | { kind: 'shared'; count: number };

/** Limits for `selectFrames`. */
export interface FrameSelection {
  /** Frames printed at most. */
  maxFrames: number;
  /** Longer runs of non-app frames collapse; `Infinity` keeps every frame. */
  maxLibraryRun: number;
  /** Frames of the enclosing exception: a common tail is printed once, Java-style (`… 9 frames shared`). */
  parentFrames?: readonly Frame[];
}

/**
 * Chooses what to print of a frame list (top first): drops the tail shared with the enclosing
 * exception, cuts at `maxFrames`, and collapses runs of library frames, except that the very
 * first frame (where the error was thrown, even inside a library) is always shown.
 */
export function selectFrames(frames: readonly Frame[], limits: FrameSelection): FrameItem[] {
  const shared = limits.parentFrames ? sharedTail(frames, limits.parentFrames) : 0;
  const own = frames.slice(0, frames.length - shared);
  const kept = own.slice(0, limits.maxFrames);
  const items: FrameItem[] = [];
  let run: Frame[] = [];
  const flush = (): void => {
    if (run.length > limits.maxLibraryRun) items.push({ kind: 'library', count: run.length });
    else for (const frame of run) items.push({ kind: 'frame', frame });
    run = [];
  };
  kept.forEach((frame, i) => {
    if (frame.inApp || i === 0) {
      flush();
      items.push({ kind: 'frame', frame });
    } else run.push(frame);
  });
  flush();
  if (own.length > kept.length) items.push({ kind: 'more', count: own.length - kept.length });
  if (shared > 0) items.push({ kind: 'shared', count: shared });
  return items;
}

/** How many frames at the bottom of `frames` are the same calls as at the bottom of `parent`. */
function sharedTail(frames: readonly Frame[], parent: readonly Frame[]): number {
  let n = 0;
  while (n < frames.length && n < parent.length) {
    const a = frames[frames.length - 1 - n];
    const b = parent[parent.length - 1 - n];
    if (!a || !b || !sameCall(a, b)) break;
    n += 1;
  }
  // Keep at least one own frame so the exception still shows where it came from.
  return n > 0 && n === frames.length ? n - 1 : n;
}

function sameCall(a: Frame, b: Frame): boolean {
  return (
    a.file === b.file &&
    a.line === b.line &&
    a.column === b.column &&
    a.function === b.function &&
    a.async === b.async
  );
}

/** A count with its noun, pluralised: `1 frame`, `7 frames`. */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** The text of a non-frame item, e.g. `… 7 library frames`. */
export function gapText(item: Exclude<FrameItem, { kind: 'frame' }>): string {
  if (item.kind === 'library') return `… ${plural(item.count, 'library frame')}`;
  if (item.kind === 'more') return `… ${plural(item.count, 'more frame')}`;
  return `… ${plural(item.count, 'frame')} shared with the error above`;
}

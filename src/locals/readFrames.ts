import type { Debugger } from 'node:inspector';
import type { JsonValue } from '../errorinfo/ErrorInfo.ts';
import { toFilePath } from '../stack/filePath.ts';
import type { CapturedFrame } from './common.ts';
import { renderEntries, type RenderContext } from './serialize.ts';

/** What `readFrames` needs from the session. */
export interface FrameReaderDeps {
  /** URL of a parsed script, or `undefined` (eval code, unknown). */
  scriptUrl(scriptId: string): string | undefined;
  /** Whether a file (path or URL) is application code. */
  isInApp(file: string): boolean;
  /** The live values behind remote object ids, in order (one CDP round trip for all). */
  materialize(objectIds: readonly string[]): unknown[];
  /** In-app frames to read. */
  maxFrames: number;
  /** Variables rendered per scope. */
  maxVariables: number;
}

// The frame's own variables: V8 lists the innermost block and catch scopes first, then the
// function's 'local' scope; blocks after it enclose the function (they are closures).
const INNER_SCOPES = new Set(['block', 'catch']);
// The CommonJS module wrapper's parameters: noise in every top-level frame or closure.
const CJS_WRAPPER = ['exports', 'require', 'module', '__filename', '__dirname'];

/** The frames whose locals are read: the throwing frame (unless a built-in) and the top `maxFrames` in-app frames. */
export function selectFrames(
  callFrames: readonly Debugger.CallFrame[],
  deps: FrameReaderDeps,
): { index: number; frame: Debugger.CallFrame; file: string }[] {
  const selected: { index: number; frame: Debugger.CallFrame; file: string }[] = [];
  let inApp = 0;
  for (let index = 0; index < callFrames.length && inApp < deps.maxFrames; index++) {
    const frame = callFrames[index];
    const url = frame && deps.scriptUrl(frame.location.scriptId);
    if (frame === undefined || url === undefined || url === '') continue;
    const file = toFilePath(url) ?? url;
    const app = deps.isInApp(url);
    if (app) inApp++;
    if (app || (index === 0 && !url.startsWith('node:'))) selected.push({ index, frame, file });
  }
  return selected;
}

function scopeNames(scope: object): string[] {
  const names = Object.getOwnPropertyNames(scope);
  return CJS_WRAPPER.every(n => names.includes(n))
    ? names.filter(n => !CJS_WRAPPER.includes(n))
    : names;
}

function renderScope(
  scope: unknown,
  deps: FrameReaderDeps,
  ctx: RenderContext,
  into: Record<string, JsonValue>,
): void {
  if (typeof scope !== 'object' || scope === null || ctx.remaining <= 0) return;
  // An inner block's variable shadows an outer one of the same name.
  const names = scopeNames(scope).filter(n => !Object.hasOwn(into, n));
  renderEntries(scope, names, ctx, into, 1, [], deps.maxVariables);
}

interface Plan {
  index: number;
  frame: Debugger.CallFrame;
  file: string;
  own: string[];
  closure: string | undefined;
}

function plan(callFrames: readonly Debugger.CallFrame[], deps: FrameReaderDeps): Plan[] {
  return selectFrames(callFrames, deps).map(({ index, frame, file }) => {
    const chain = frame.scopeChain;
    const own: string[] = [];
    let i = 0;
    for (; i < chain.length && INNER_SCOPES.has(chain[i]?.type ?? ''); i++)
      own.push(chain[i]?.object.objectId ?? '');
    if (chain[i]?.type === 'local') own.push(chain[i++]?.object.objectId ?? '');
    const next = chain[i];
    const closure =
      index === 0 && (next?.type === 'closure' || next?.type === 'block')
        ? next.object.objectId
        : undefined;
    return { index, frame, file, own: own.filter(id => id !== ''), closure };
  });
}

function thisSummary(frame: Debugger.CallFrame): JsonValue | undefined {
  const self = frame.this;
  if (self.type === 'undefined' || self.subtype === 'null' || self.className === 'global')
    return undefined;
  if (self.type === 'object') return `${self.className ?? 'Object'} {…}`;
  if (self.type === 'function') return '[Function]';
  return self.unserializableValue ?? (self.value as JsonValue | undefined) ?? self.type;
}

/** Reads the locals of the selected frames (`extra` object ids are fetched in the same round trip and returned first). */
export function readFrames(
  callFrames: readonly Debugger.CallFrame[],
  deps: FrameReaderDeps,
  ctx: RenderContext,
  extra: readonly string[] = [],
): { frames: CapturedFrame[]; extra: unknown[] } {
  const plans = plan(callFrames, deps);
  const ids = [
    ...extra,
    ...plans.flatMap(p => (p.closure === undefined ? p.own : [...p.own, p.closure])),
  ];
  const values = ids.length > 0 ? deps.materialize(ids) : [];
  let next = extra.length;
  const frames: CapturedFrame[] = [];
  for (const { index, frame, file, own, closure } of plans) {
    const scopes = values.slice(next, (next += own.length));
    const closureScope = closure === undefined ? undefined : values[next++];
    if (ctx.remaining <= 0) {
      ctx.truncated = true;
      break;
    }
    const self = thisSummary(frame);
    // Top-level ESM code has no scope of its own: nothing to say about that frame.
    if (scopes.length === 0 && self === undefined && closureScope === undefined) continue;
    const locals: Record<string, JsonValue> = {};
    for (const scope of scopes) renderScope(scope, deps, ctx, locals);
    if (self !== undefined) locals.this = self;
    if (closureScope !== undefined) {
      const rendered: Record<string, JsonValue> = {};
      renderScope(closureScope, deps, ctx, rendered);
      if (Object.keys(rendered).length > 0) locals['[[closure]]'] = rendered;
    }
    frames.push({
      index,
      function: frame.functionName === '' ? null : frame.functionName,
      file,
      line: frame.location.lineNumber + 1,
      column: (frame.location.columnNumber ?? 0) + 1,
      locals,
    });
  }
  return { frames, extra: values.slice(0, extra.length) };
}

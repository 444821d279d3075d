/**
 * The JSON items of our structured attributes, each pre-encoded in variants (most complete first) so
 * that `fitItems` can shorten an attribute by whole items and keep it valid JSON. Shapes (fields that
 * would be `null` or `false` are left out):
 * - frame:  `{function, alias, file, line, column, module, inApp, async, isConstructor, native, eval,
 *            evalOrigin, promiseIndex}` — the model's `Frame` without source, locals and generated position;
 * - source: `{frame, firstLine, currentLine, lines}`, `frame` being the index in `otel_err.frames`;
 * - locals: `{frame, locals}`;
 * - chain:  `{path, type, message, kind, code, frames}`, `path` saying where the exception hangs
 *           (`cause`, `cause.cause`, `errors[2]`, `cause.errors[0]`), `frames` its top frames.
 */
import type {
  ExceptionInfo,
  Frame,
  JsonValue,
  ChainedException,
} from '../src/errorinfo/ErrorInfo.ts';

/** Longest string field inside a frame or chain item; longer ones are clipped with `…`. */
const FIELD_LENGTH = 512;
/** Longest message of a linked exception. */
const CHAIN_MESSAGE_LENGTH = 1024;
/** Frames kept per linked exception. */
const CHAIN_FRAMES = 5;
/** Linked exceptions visited at most (cause chains are depth-capped by capture; members are not). */
const CHAIN_ITEMS = 64;

/** Variants of one item, most complete first. */
export type ItemVariants = readonly string[];

/** One item per frame, top first. */
export function frameItems(frames: readonly Frame[]): ItemVariants[] {
  return frames.map(frame => [JSON.stringify(frameJson(frame))]);
}

/** One item per in-app frame with source; the fallback variant keeps only the current line. */
export function sourceItems(frames: readonly Frame[]): ItemVariants[] {
  const items: ItemVariants[] = [];
  frames.forEach((frame, index) => {
    const source = frame.source;
    if (!frame.inApp || source === null) return;
    const lines = source.lines.map(line => clip(line, FIELD_LENGTH));
    const current = lines[source.currentLine - source.firstLine];
    const full = { frame: index, ...source, lines };
    const variants = [JSON.stringify(full)];
    if (current !== undefined && lines.length > 1) {
      const only = { frame: index, firstLine: source.currentLine, currentLine: source.currentLine };
      variants.push(JSON.stringify({ ...only, lines: [current] }));
    }
    items.push(variants);
  });
  return items;
}

/** One item per frame that has locals. */
export function localsItems(frames: readonly Frame[]): ItemVariants[] {
  const items: ItemVariants[] = [];
  frames.forEach((frame, index) => {
    if (frame.locals !== null) items.push([JSON.stringify({ frame: index, locals: frame.locals })]);
  });
  return items;
}

/** One item per linked exception, pre-order (a cause before its own members); the fallback drops frames. */
export function chainItems(exception: ExceptionInfo): ItemVariants[] {
  const items: ItemVariants[] = [];
  const visit = (linked: ChainedException, path: string): void => {
    if (items.length >= CHAIN_ITEMS) return;
    const head: Record<string, JsonValue> = {
      path,
      type: clip(linked.type, FIELD_LENGTH),
      message: clip(linked.message, CHAIN_MESSAGE_LENGTH),
    };
    if (linked.kind !== 'error') head.kind = linked.kind;
    if (linked.code !== null) head.code = linked.code;
    const frames = linked.frames.slice(0, CHAIN_FRAMES).map(frameJson);
    items.push([JSON.stringify({ ...head, frames }), JSON.stringify(head)]);
    visitLinks(linked, path, visit);
  };
  visitLinks(exception, '', visit);
  return items;
}

function visitLinks(
  exception: ExceptionInfo,
  path: string,
  visit: (linked: ChainedException, path: string) => void,
): void {
  const prefix = path === '' ? '' : `${path}.`;
  if (exception.cause !== null) visit(exception.cause, `${prefix}cause`);
  exception.errors.forEach((member, index) => visit(member, `${prefix}errors[${index}]`));
}

/** Exported only for tests. */
export function frameJson(frame: Frame): Record<string, JsonValue> {
  const json: Record<string, JsonValue> = {};
  if (frame.function !== null) json.function = clip(frame.function, FIELD_LENGTH);
  if (frame.alias !== null) json.alias = clip(frame.alias, FIELD_LENGTH);
  if (frame.file !== null) json.file = clip(frame.file, FIELD_LENGTH);
  if (frame.line !== null) json.line = frame.line;
  if (frame.column !== null) json.column = frame.column;
  if (frame.module !== null) json.module = clip(frame.module, FIELD_LENGTH);
  if (frame.inApp) json.inApp = true;
  if (frame.async) json.async = true;
  if (frame.isConstructor) json.isConstructor = true;
  if (frame.native) json.native = true;
  if (frame.eval) json.eval = true;
  if (frame.evalOrigin !== null) json.evalOrigin = { ...frame.evalOrigin };
  if (frame.promiseIndex !== null) json.promiseIndex = frame.promiseIndex;
  return json;
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

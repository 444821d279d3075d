import type { LiveFrame } from './LiveFrame.ts';
import { parseEvalOrigin } from './parseEvalOrigin.ts';
import { nameOrNull } from './scan.ts';

/** A CallSite's `toString()` is the frame text V8 prints (not declared by @types/node). */
export type PrintedCallSite = NodeJS.CallSite & { toString(): string };

// V8's String::IsIdentifier, per UTF-16 code unit (so astral characters fail, as in V8).
const ID_START = /^[\p{ID_Start}$_\\]$/u;
const ID_PART = /^[\p{ID_Continue}$_\\\u200c\u200d]$/u;
// Nearly every name is ASCII: one test instead of one per character.
const ASCII_IDENTIFIER = /^[A-Za-z$_][\w$]*$/;

function isIdentifier(name: string): boolean {
  if (ASCII_IDENTIFIER.test(name)) return true;
  if (name === '' || !ID_START.test(name[0] ?? '')) return false;
  for (let i = 1; i < name.length; i++) if (!ID_PART.test(name[i] ?? '')) return false;
  return true;
}

function nonEmpty(value: string | null | undefined): value is string {
  return typeof value === 'string' && value !== '';
}

/** V8's test for printing ` [as method]`: `fn` is `method` or ends with `.method`/` method`. */
function endsWithMethodName(fn: string, method: string): boolean {
  if (fn === method) return true;
  const before = fn[fn.length - method.length - 1];
  return fn.endsWith(method) && (before === '.' || before === ' ');
}

/** The display name and alias V8's CallSite `toString` prints (its `AppendMethodCall` rules). */
function displayName(
  site: NodeJS.CallSite,
  isConstructor: boolean,
): { name: string | null; alias: string | null } {
  const fn = site.getFunctionName();
  if (isConstructor || site.isToplevel()) {
    return { name: nonEmpty(fn) ? fn : null, alias: null };
  }
  const type = site.getTypeName();
  const method = site.getMethodName();
  if (!nonEmpty(fn)) {
    const member = nonEmpty(method) ? method : '<anonymous>';
    return { name: nonEmpty(type) ? `${type}.${member}` : member, alias: null };
  }
  const prefix = nonEmpty(type) && isIdentifier(fn) && fn !== type ? `${type}.` : '';
  const alias = nonEmpty(method) && !endsWithMethodName(fn, method) ? method : null;
  return { name: prefix + fn, alias };
}

/** Wasm frames print `url:wasm-function[i]:0xoffset`; V8 only reports them at line 1. */
function isWasm(site: NodeJS.CallSite, line: number | null): boolean {
  return line === 1 && (site as PrintedCallSite).toString().includes(':wasm-function[');
}

/**
 * A V8 CallSite as a `LiveFrame` equal to what `parseStack` reads from the line V8 prints for it:
 * file as printed (`<anonymous>` for eval code, `null` for built-ins), eval only when the eval
 * origin is printed (eval code with a `//# sourceURL` reads as a plain script, as in the text).
 * The enclosing position is `null` for frames no source map can cover (`node:`, eval, native).
 */
export function callSiteFrame(site: NodeJS.CallSite): LiveFrame {
  const url = site.getScriptNameOrSourceURL();
  const line = site.getLineNumber();
  const column = line === null ? null : site.getColumnNumber();
  const isEval = site.isEval() && typeof url !== 'string';
  const file = nonEmpty(url) ? url : line !== null || isEval ? '<anonymous>' : null;
  const isAsync = site.isAsync();
  const promiseIndex = isAsync ? site.getPromiseIndex() : null;
  const wasm = promiseIndex === null && isWasm(site, line);
  const isConstructor = !wasm && site.isConstructor();
  // Only a script that may have a source map needs where its function starts: `node:` built-ins,
  // eval code and native frames never do, and each of these reads costs ~70 ns.
  const mappable = file !== null && promiseIndex === null && !isEval && !file.startsWith('node:');
  const named =
    promiseIndex !== null
      ? { name: `Promise.${site.getFunctionName() ?? 'all'}`, alias: null }
      : wasm
        ? { name: site.getFunctionName(), alias: null }
        : displayName(site, isConstructor);
  return {
    function: named.name === null ? null : nameOrNull(named.name),
    alias: named.alias,
    file: promiseIndex === null ? file : null,
    line,
    column,
    async: isAsync,
    isConstructor,
    native: promiseIndex !== null || (file === null && !isEval),
    eval: isEval,
    evalOrigin: isEval ? parseEvalOrigin(site.getEvalOrigin() ?? '') : null,
    promiseIndex,
    enclosingLine: mappable ? (site.getEnclosingLineNumber?.() ?? null) : null,
    enclosingColumn: mappable ? (site.getEnclosingColumnNumber?.() ?? null) : null,
  };
}

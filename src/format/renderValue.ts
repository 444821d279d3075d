import type { JsonValue } from '../errorinfo/ErrorInfo.ts';
import type { Palette, Style } from './palette.ts';
import { escapeText } from './text.ts';

/** Nesting shown before `…`; deeper values are rare in bounded locals and unreadable on one line anyway. */
const maxDepth = 16;

const identifier = /^[A-Za-z_$][\w$]*$/u;

interface Piece {
  text: string;
  style: keyof Palette | null;
}

/** Collects styled pieces until the visible length passes the budget, then stops walking the value. */
class Pieces {
  readonly items: Piece[] = [];
  readonly budget: number;
  length = 0;
  constructor(budget: number) {
    this.budget = budget;
  }
  get full(): boolean {
    return this.length > this.budget;
  }
  add(text: string, style: keyof Palette | null = null): void {
    if (this.full) return;
    this.items.push({ text, style });
    this.length += text.length;
  }
}

function quote(text: string, budget: number): string {
  const raw = text.length > budget ? text.slice(0, budget) : text;
  return `"${escapeText(raw.replace(/["\\]/g, '\\$&'))}${raw === text ? '"' : ''}`;
}

function walk(value: JsonValue, out: Pieces, depth: number): void {
  if (value === null) return out.add('null', 'gray');
  if (typeof value === 'string') return out.add(quote(value, out.budget - out.length + 1), 'green');
  if (typeof value === 'number' || typeof value === 'boolean')
    return out.add(String(value), 'yellow');
  if (typeof value !== 'object') return out.add(escapeText(String(value)));
  const isArray = Array.isArray(value);
  const entries: [string | null, JsonValue][] = isArray
    ? value.map(item => [null, item])
    : Object.entries(value);
  if (entries.length === 0) return out.add(isArray ? '[]' : '{}');
  if (depth >= maxDepth) return out.add(isArray ? '[…]' : '{…}');
  out.add(isArray ? '[' : '{ ');
  entries.forEach(([key, item], i) => {
    if (out.full) return;
    if (i > 0) out.add(', ');
    if (key !== null) out.add(identifier.test(key) ? `${key}: ` : `${quote(key, out.budget)}: `);
    walk(item, out, depth + 1);
  });
  out.add(isArray ? ']' : ' }');
}

/**
 * Renders a JSON value on one line, JavaScript-literal style (`{ id: "c_42", tags: ["a"] }`),
 * escaped, coloured by type, and clipped to `max` visible characters with `…`.
 */
export function renderValue(value: JsonValue, max: number, pal: Palette): string {
  const out = new Pieces(max);
  walk(value, out, 0);
  let room = out.length > max ? max - 1 : max;
  let result = '';
  for (const { text, style } of out.items) {
    if (room <= 0) break;
    const shown = text.length > room ? text.slice(0, room) : text;
    room -= shown.length;
    result += style === null ? shown : (pal[style] satisfies Style)(shown);
  }
  return out.length > max ? `${result}…` : result;
}

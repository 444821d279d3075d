import type { ChainedException, ExceptionInfo } from '../errorinfo/ErrorInfo.ts';
import type { ResolvedFormatOptions } from './FormatOptions.ts';

/** One nested exception of a chain with its label (`[cause]`, `[errors 2/3]`). */
export interface ChainLink {
  /** Label as printed. */
  label: string;
  /** The nested exception. */
  exception: ChainedException;
}

/** What a level of the chain holds: the links to print and what was left out. */
export interface ChainLevel {
  /** The cause, then `AggregateError` members (up to `maxErrors`). */
  links: ChainLink[];
  /** `… 4 more errors` when members were left out, else `null`. */
  moreErrors: string | null;
  /** Why the chain stops here (depth limit, or cut at capture), else `null`. */
  cut: string | null;
}

/**
 * The nested exceptions of `exc` at `depth` (0 for the top exception): the cause first, then the
 * members, in the order Node's `util.inspect` prints `[cause]` and `[errors]`; bounded by the options.
 */
export function chainLevel(
  exc: ExceptionInfo,
  depth: number,
  options: ResolvedFormatOptions,
): ChainLevel {
  const errors = Array.isArray(exc.errors) ? exc.errors : [];
  const cause = exc.cause ?? null;
  const nested = errors.length + (cause === null ? 0 : 1);
  if (depth >= options.maxChainDepth && nested > 0) {
    return {
      links: [],
      moreErrors: null,
      cut: `… ${nested} nested exception(s) not shown (depth limit)`,
    };
  }
  const links: ChainLink[] = cause === null ? [] : [{ label: '[cause]', exception: cause }];
  const shown = errors.slice(0, options.maxErrors);
  shown.forEach((member, i) => {
    links.push({ label: `[errors ${i + 1}/${errors.length}]`, exception: member });
  });
  const hidden = errors.length - shown.length;
  return {
    links,
    moreErrors: hidden > 0 ? `… ${hidden} more error${hidden === 1 ? '' : 's'}` : null,
    cut: exc.truncated ? '… chain cut when captured (depth limit or cycle)' : null,
  };
}

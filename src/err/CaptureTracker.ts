/** The part of an `ExceptionEnricher` that is watched. */
interface Capturing {
  capture(error: unknown, ...rest: never[]): unknown;
}

/**
 * Knows which value an enricher is capturing while it runs. Its ErrorInfo listeners get only the report,
 * but fail-fast policies on exceptions recorded on spans (`failFastOnSpans`) need the thrown value itself,
 * for `instanceof`. Each watched enricher's `capture` gets a pass-through wrapper (an own property, removed
 * by the undo).
 */
export class CaptureTracker {
  private readonly _stack: unknown[] = [];

  /** The value being captured right now (innermost), or `undefined` with `found: false`. */
  current(): { found: boolean; value: unknown } {
    const depth = this._stack.length;
    return depth === 0
      ? { found: false, value: undefined }
      : { found: true, value: this._stack[depth - 1] };
  }

  /** Starts watching `enricher`; returns the function that stops it. */
  watch(enricher: Capturing): () => void {
    const stack = this._stack;
    const hadOwn = Object.hasOwn(enricher, 'capture');
    // eslint-disable-next-line @typescript-eslint/unbound-method -- wrapped, then called with the enricher as `this`
    const original = enricher.capture;
    let active = true;
    const wrapped = function capture(this: unknown, error: unknown, ...rest: never[]): unknown {
      if (!active) return original.call(this, error, ...rest);
      stack.push(error);
      try {
        return original.call(this, error, ...rest);
      } finally {
        stack.pop();
      }
    };
    enricher.capture = wrapped;
    return () => {
      active = false;
      // Someone wrapped it after us: leave their wrapper in place; ours is now a plain pass-through.
      if (enricher.capture !== wrapped) return;
      if (hadOwn) enricher.capture = original;
      else delete (enricher as Partial<Capturing>).capture;
    };
  }
}

/** Options of a `PauseBudget`. */
export interface PauseBudgetOptions {
  /** Pauses allowed per one-second window. */
  maxPerSecond: number;
  /** First back-off after the budget is spent. */
  backoffMs: number;
  /** Longest back-off. */
  maxBackoffMs: number;
  /** Called with `false` when a back-off starts and `true` when it ends. */
  onChange: (enabled: boolean) => void;
  /** Clock in milliseconds. Default `performance.now`. */
  now?: () => number;
  /** Timer factory. Default an unref'd `setTimeout`. */
  setTimer?: (callback: () => void, ms: number) => { cancel(): void };
}

function defaultTimer(callback: () => void, ms: number): { cancel(): void } {
  const timer = setTimeout(callback, ms);
  timer.unref();
  return { cancel: () => clearTimeout(timer) };
}

/**
 * A per-second budget of pauses with a doubling back-off: when a window's budget is spent,
 * `onChange(false)` turns caught-exception pausing off for `backoffMs`; a budget spent again within
 * one back-off period of the restore doubles the next back-off (up to `maxBackoffMs`), a calm
 * period resets it.
 */
export class PauseBudget {
  private readonly _options: PauseBudgetOptions;
  private readonly _now: () => number;
  private readonly _setTimer: NonNullable<PauseBudgetOptions['setTimer']>;
  private _windowStart = -Infinity;
  private _count = 0;
  private _backoff: number;
  private _restoredAt = -Infinity;
  private _timer: { cancel(): void } | undefined;

  constructor(options: PauseBudgetOptions) {
    this._options = options;
    this._now = options.now ?? (() => performance.now());
    this._setTimer = options.setTimer ?? defaultTimer;
    this._backoff = options.backoffMs;
  }

  /** Whether a back-off is running. */
  get backingOff(): boolean {
    return this._timer !== undefined;
  }

  /** Milliseconds of the back-off that starts next (or is running). */
  get backoffMs(): number {
    return this._backoff;
  }

  /** Counts one pause; returns `false` when it is over budget (and starts the back-off once). */
  tryConsume(): boolean {
    const now = this._now();
    if (now - this._windowStart >= 1000) {
      this._windowStart = now;
      this._count = 0;
    }
    if (++this._count <= this._options.maxPerSecond) return true;
    if (this._timer === undefined) this._startBackoff(now);
    return false;
  }

  /** Cancels a running back-off without calling `onChange`. */
  stop(): void {
    this._timer?.cancel();
    this._timer = undefined;
  }

  private _startBackoff(now: number): void {
    const { backoffMs, maxBackoffMs } = this._options;
    this._backoff =
      now - this._restoredAt < this._backoff
        ? Math.min(this._backoff * 2, maxBackoffMs)
        : backoffMs;
    this._options.onChange(false);
    this._timer = this._setTimer(() => {
      this._timer = undefined;
      this._restoredAt = this._now();
      this._windowStart = this._restoredAt;
      this._count = 0;
      this._options.onChange(true);
    }, this._backoff);
  }
}

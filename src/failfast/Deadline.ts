/** How a bounded wait ended. */
export type WaitOutcome =
  { status: 'done' } | { status: 'failed'; reason: unknown } | { status: 'timeout' };

/**
 * One deadline shared by every step of a shutdown. Waits are bounded by it (or by an earlier point of it),
 * never reject, and keep the process alive while they last: their timers are deliberately not unref'd,
 * since they are what holds a dying process open until its exports are out.
 */
export class Deadline {
  /** The end, on the `performance.now()` clock. */
  readonly at: number;

  /** A deadline `timeoutMs` from now. */
  constructor(timeoutMs: number) {
    this.at = performance.now() + Math.max(0, timeoutMs);
  }

  /** Milliseconds left until `until` (default: the deadline), never negative. */
  remaining(until: number = this.at): number {
    return Math.max(0, Math.min(until, this.at) - performance.now());
  }

  /** Waits for `work` until `until` (default: the deadline); a rejection is an outcome, not an error. */
  async wait(work: PromiseLike<unknown>, until: number = this.at): Promise<WaitOutcome> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<WaitOutcome>(resolve => {
      timer = setTimeout(() => resolve({ status: 'timeout' }), this.remaining(until));
    });
    const settled = Promise.resolve(work).then(
      (): WaitOutcome => ({ status: 'done' }),
      (reason: unknown): WaitOutcome => ({ status: 'failed', reason }),
    );
    try {
      return await Promise.race([settled, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}

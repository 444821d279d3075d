import { diag } from '@opentelemetry/api';

/**
 * Why events did not reach Sentry, counted by reason: `@sentry/core`'s drop reasons
 * (`ratelimit_backoff`, `queue_overflow`, `network_error`, `send_error`) and ours (`http_<status>`,
 * `build_error`). The first event of each reason is logged through `diag.warn`, later ones only counted.
 */
export class DeliveryLog {
  private readonly _counts = new Map<string, number>();

  /** Counts `count` lost events for `reason`; logs `detail` the first time the reason is seen. */
  drop(reason: string, detail: string, count = 1): void {
    const before = this._counts.get(reason) ?? 0;
    this._counts.set(reason, before + count);
    if (before === 0) {
      diag.warn(
        `SentryExporter: ${detail} (reason ${reason}; further ones are counted, not logged)`,
      );
    }
  }

  /** Lost events by reason, since the exporter started. */
  counts(): Record<string, number> {
    return Object.fromEntries(this._counts);
  }

  /** Logs the totals once more, at shutdown, when anything was lost. */
  summarise(): void {
    if (this._counts.size === 0) return;
    const parts = [...this._counts].map(([reason, count]) => `${reason}: ${count}`);
    diag.warn(`SentryExporter: events not delivered to Sentry (${parts.join(', ')})`);
  }
}

import type { ErrorInfo } from '../../errorinfo/ErrorInfo.ts';

/** Sends reports to one destination; `send` resolves `true` only when the destination accepted the report. */
export interface Sender {
  /** Sends one report; never rejects (a failure is `false`). */
  send(info: ErrorInfo): Promise<boolean>;
  /** Waits for what is in flight and releases the connections. */
  close(): Promise<void>;
}

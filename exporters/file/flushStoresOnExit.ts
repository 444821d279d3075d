import { diag } from '@opentelemetry/api';
import type { ErrorInfoStore } from '../../src/store/ErrorInfoStore.ts';

// Store → how many exporters asked (a store may be shared).
const stores = new Map<ErrorInfoStore, number>();
let listening = false;

// `exit` runs on a normal end, on process.exit() and after an uncaught exception: only synchronous
// work gets done there, which is what `flush()` is.
function flushAll(): void {
  for (const store of stores.keys()) {
    try {
      store.flush();
    } catch (failure) {
      diag.warn('ErrorInfoFileExporter: flush at exit failed', failure);
    }
  }
}

/**
 * Merges the buffered occurrences of `store` when the process exits (one `exit` listener for all
 * stores, so many exporters add no listeners). Returns the function that stops it.
 */
export function flushStoresOnExit(store: ErrorInfoStore): () => void {
  stores.set(store, (stores.get(store) ?? 0) + 1);
  if (!listening) {
    process.on('exit', flushAll);
    listening = true;
  }
  let stopped = false;
  return () => {
    if (stopped) return;
    stopped = true;
    const count = (stores.get(store) ?? 1) - 1;
    if (count > 0) stores.set(store, count);
    else stores.delete(store);
  };
}

/**
 * Every live `ExceptionEnricher` of the process, so that `err.setup` can listen to the processors a user put in
 * NodeSDK's `spanProcessors` (built before or after it) without being handed them. Held weakly.
 */

/** Called for each enricher; returns what undoes its work for that enricher. */
export type EnricherVisitor<T extends object> = (enricher: T) => () => void;

const enrichers = new Set<WeakRef<object>>();
const visitors = new Set<EnricherVisitor<object>>();
const undos = new Map<EnricherVisitor<object>, (() => void)[]>();

/** Adds an enricher (kept weakly, typed loosely so this module imports nothing) and runs the current visitors on it. */
export function registerEnricher(enricher: object): void {
  enrichers.add(new WeakRef(enricher));
  for (const visitor of visitors) undos.get(visitor)?.push(visitor(enricher));
}

/** The enrichers still alive. */
export function liveEnrichers<T extends object>(): T[] {
  const alive: T[] = [];
  for (const ref of enrichers) {
    const enricher = ref.deref();
    if (enricher === undefined) enrichers.delete(ref);
    else alive.push(enricher as T);
  }
  return alive;
}

/** Runs `visitor` on every live enricher and every later one; the returned function undoes all of it. */
export function forEveryEnricher<T extends object>(visitor: EnricherVisitor<T>): () => void {
  const general = visitor as unknown as EnricherVisitor<object>;
  const done: (() => void)[] = [];
  undos.set(general, done);
  visitors.add(general);
  for (const enricher of liveEnrichers()) done.push(general(enricher));
  return () => {
    visitors.delete(general);
    undos.delete(general);
    for (const undo of done) undo();
  };
}

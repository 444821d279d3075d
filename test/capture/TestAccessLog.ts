/** Counts how often hostile values' getters, methods and Proxy traps run, so tests can assert "at most once" and "never". */
export class TestAccessLog {
  private readonly _counts = new Map<string, number>();

  /** Defines `key` on `target` as a counted getter running `get` (which may throw). */
  getter<T extends object>(target: T, key: PropertyKey, get: () => unknown): T {
    const label = `get ${String(key)}`;
    Object.defineProperty(target, key, {
      configurable: true,
      enumerable: false,
      get: () => {
        this._hit(label);
        return get();
      },
    });
    return target;
  }

  /** A counted function that must never be called by capture code (`toString`, `toJSON`, …). */
  method(label: string, body: () => unknown = () => 'user code ran'): () => unknown {
    return () => {
      this._hit(`call ${label}`);
      return body();
    };
  }

  /** A Proxy handler whose every trap is counted per key, then delegates to `trap` (or throws). */
  traps(
    label: string,
    trap: (name: string, key: PropertyKey | undefined) => unknown,
  ): ProxyHandler<object> {
    const handler: ProxyHandler<object> = {};
    const names = ['get', 'has', 'ownKeys', 'getOwnPropertyDescriptor', 'getPrototypeOf'] as const;
    for (const name of names) {
      (handler as Record<string, unknown>)[name] = (_target: object, key?: PropertyKey) => {
        this._hit(`${label} ${name} ${String(key)}`);
        return trap(name, key);
      };
    }
    return handler;
  }

  /** How often `label` ran (0 when never). */
  count(label: string): number {
    return this._counts.get(label) ?? 0;
  }

  /** Labels that ran more than once. */
  repeated(): string[] {
    return [...this._counts].filter(([, n]) => n > 1).map(([label]) => label);
  }

  /** Labels of methods (`call …`) that ran at all. */
  calls(): string[] {
    return [...this._counts.keys()].filter(label => label.startsWith('call '));
  }

  private _hit(label: string): void {
    this._counts.set(label, this.count(label) + 1);
  }
}

import { ProxyTracerProvider, trace, type TracerProvider } from '@opentelemetry/api';

/** A provider that can flush and shut down (the SDK's `TracerProvider` can). */
export interface FlushableProvider {
  /** Exports what is buffered. */
  forceFlush(): Promise<void>;
  /** Exports what is buffered and waits for exports in flight. */
  shutdown(): Promise<void>;
}

const NOOP_PROVIDER = new ProxyTracerProvider().getDelegate();

/** The tracer provider the application registered globally, or `null` when none is (the API's no-op). */
export function registeredTracerProvider(): TracerProvider | null {
  const global = trace.getTracerProvider();
  const delegate = global instanceof ProxyTracerProvider ? global.getDelegate() : global;
  if (delegate === NOOP_PROVIDER || delegate.constructor.name === 'NoopTracerProvider') return null;
  return delegate;
}

/** `provider` as a flushable one, when it has both methods. */
export function asFlushable(provider: TracerProvider | null): FlushableProvider | null {
  const candidate = provider as Partial<FlushableProvider> | null;
  return typeof candidate?.forceFlush === 'function' && typeof candidate.shutdown === 'function'
    ? (candidate as FlushableProvider)
    : null;
}

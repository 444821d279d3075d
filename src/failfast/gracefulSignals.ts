import os from 'node:os';

/** Signals a process cannot handle. */
const UNCATCHABLE = new Set(['SIGKILL', 'SIGSTOP']);

/** Whether `value` names a signal this platform knows and a process can catch. */
export function isCatchableSignal(value: unknown): value is NodeJS.Signals {
  return (
    typeof value === 'string' &&
    Object.hasOwn(os.constants.signals, value) &&
    !UNCATCHABLE.has(value)
  );
}

/** The exit code a shell reports for a death by `signal`: 128 + its number (130 for SIGINT, 143 for SIGTERM). */
export function signalExitCode(signal: NodeJS.Signals): number {
  return 128 + (os.constants.signals[signal] ?? 0);
}

/**
 * Listens to `signals` and calls `onSignal(signal, exitCode)` on each delivery. Listening turns Node's
 * default "die at once" off for those signals, so `onSignal` must end the process itself. Returns the undo.
 */
export function installGracefulSignals(
  signals: readonly NodeJS.Signals[],
  onSignal: (signal: NodeJS.Signals, exitCode: number) => void,
): () => void {
  const listeners = signals.map(signal => {
    const listener = (): void => onSignal(signal, signalExitCode(signal));
    process.on(signal, listener);
    return () => process.off(signal, listener);
  });
  return () => {
    for (const remove of listeners) remove();
  };
}

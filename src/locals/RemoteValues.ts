import type { Debugger, Runtime } from 'node:inspector';
import { createValueSlot, type ValueSlot } from './valueSlot.ts';

/** Sends one command on a same-thread session and returns its result synchronously. */
export type PostSync = <T = unknown>(method: string, params?: object) => T;

// Object group of the one remote object we keep (the hook), released on `release()`.
const GROUP = 'otel-err-locals';
// Up to this many objects, one `setVariableValue` each beats one `callFunctionOn` (measured).
const PER_OBJECT_LIMIT = 3;

/**
 * Hands the remote objects of a pause (the thrown value, scope objects) to JavaScript as live
 * values, so they can be read with side-effect-free reflection instead of one
 * `Runtime.getProperties` round trip per nested object. Two ways, both measured on Node 24:
 * - `Debugger.setVariableValue` writes one object into a script-scope binding (`ValueSlot`):
 *   ≈ 12–15 µs per object, nothing compiled, but it needs a paused frame of our context;
 * - `Runtime.callFunctionOn` passes them all to a hook function in one call: ≈ 50–60 µs, as the
 *   debugger disables V8's compilation cache and every call compiles (and announces) a script.
 * A capture reads the thrown value plus one to three scopes per frame, so small batches go one
 * by one and larger ones in a single call.
 */
export class RemoteValues {
  private readonly _post: PostSync;
  private readonly _slot: ValueSlot;
  private _hookId: string | undefined;
  private _received: unknown[] = [];

  constructor(post: PostSync) {
    this._post = post;
    this._slot = createValueSlot();
  }

  /** URL of the slot's script: its `scriptParsed` event tells which context frames must belong to. */
  get scriptUrl(): string {
    return this._slot.scriptUrl;
  }

  /**
   * The live values of `objectIds`, in order. `anchor` is a paused frame whose scope chain holds
   * the slot (same context); without one, everything goes through the hook.
   */
  fetch(objectIds: readonly string[], anchor: Debugger.CallFrame | undefined): unknown[] {
    if (objectIds.length === 0) return [];
    const scopeNumber = anchor?.scopeChain.findIndex(scope => scope.type === 'script') ?? -1;
    if (anchor !== undefined && scopeNumber >= 0 && objectIds.length <= PER_OBJECT_LIMIT) {
      return objectIds.map(objectId => {
        this._post('Debugger.setVariableValue', {
          scopeNumber,
          variableName: this._slot.name,
          newValue: { objectId },
          callFrameId: anchor.callFrameId,
        });
        return this._slot.read();
      });
    }
    this._post('Runtime.callFunctionOn', {
      objectId: this._hook(),
      functionDeclaration: 'function (...values) { this(...values); }',
      arguments: objectIds.map(objectId => ({ objectId })),
      silent: true,
      returnByValue: true,
    });
    const values = this._received;
    this._received = [];
    return values;
  }

  /** Creates the hook up front, so that no pause pays for compiling it. */
  prepare(): void {
    this._hook();
  }

  /** Releases the hook's remote object. */
  release(): void {
    if (this._hookId !== undefined)
      this._post('Runtime.releaseObjectGroup', { objectGroup: GROUP });
    this._hookId = undefined;
  }

  private _hook(): string {
    if (this._hookId === undefined) {
      this._slot.write((...values: unknown[]) => {
        this._received = values;
      });
      const { result } = this._post<Runtime.EvaluateReturnType>('Runtime.evaluate', {
        expression: this._slot.name,
        objectGroup: GROUP,
      });
      this._slot.write(undefined);
      if (result.objectId === undefined) throw new Error('RemoteValues: no hook object');
      this._hookId = result.objectId;
    }
    return this._hookId;
  }
}

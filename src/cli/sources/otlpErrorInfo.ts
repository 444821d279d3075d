import * as names from '../../../processors/semconv.ts';
import type {
  ChainedException,
  ErrorInfo,
  ExceptionInfo,
  ThrownKind,
} from '../../errorinfo/ErrorInfo.ts';
import { fingerprintOfParts } from '../../fingerprint/fingerprint.ts';
import { placeFrame } from '../../store/IndexEntry.ts';
import { THROWN_KINDS } from '../../errorinfo/scalarCodecs.ts';
import { isFingerprint } from '../../store/storeLayout.ts';
import { integerAttribute, stringAttribute } from './otlpAttributes.ts';
import { chainFrames, jsonItems, otlpFrames } from './otlpFrames.ts';
import type { OtlpOccurrence } from './OtlpOccurrence.ts';

const KINDS = new Set<string>(THROWN_KINDS);
const CHAIN_STEP = /^(?:cause|errors\[(\d+)\])$/;

/** What `err list` shows of an occurrence. */
export interface OtlpIdentity {
  /** `otel_err.fingerprint`, or one derived from service, type and top stack line (for foreign events). */
  fingerprint: string;
  /** `service.name` of the resource. */
  service: string;
  /** `service.version` of the resource. */
  version: string;
  /** `exception.type`. */
  type: string;
  /** `exception.message`. */
  message: string;
  /** The top in-app frame (`code.*` attributes, else the frames). */
  place: { file: string | null; line: number | null; function: string | null } | null;
}

/** The identity of an occurrence, cheaply (frames are only decoded without `code.*` attributes). */
export function otlpIdentity(occurrence: OtlpOccurrence): OtlpIdentity {
  const { attributes, resource } = occurrence;
  const service = stringAttribute(resource, 'service.name') ?? 'unknown_service';
  const type = stringAttribute(attributes, names.EXCEPTION_TYPE) ?? 'Error';
  const stack = stringAttribute(attributes, names.EXCEPTION_STACKTRACE);
  const own = stringAttribute(attributes, names.FINGERPRINT);
  const fingerprint = isFingerprint(own) ? own : derivedFingerprint(service, type, stack);
  const message = stringAttribute(attributes, names.EXCEPTION_MESSAGE) ?? '';
  const file = stringAttribute(attributes, names.CODE_FILE_PATH);
  let place: OtlpIdentity['place'] = null;
  if (file !== null) {
    place = {
      file,
      line: integerAttribute(attributes, names.CODE_LINE_NUMBER),
      function: stringAttribute(attributes, names.CODE_FUNCTION_NAME),
    };
  } else {
    const top = placeFrame(otlpFrames(attributes, stack, message));
    if (top !== undefined) place = { file: top.file, line: top.line, function: top.function };
  }
  return {
    fingerprint,
    service,
    version: stringAttribute(resource, 'service.version') ?? '',
    type,
    message,
    place,
  };
}

/** The full report of an occurrence (count 1; the caller sets the totals). */
export function otlpErrorInfo(occurrence: OtlpOccurrence, file: string): ErrorInfo {
  const { attributes, resource } = occurrence;
  const identity = otlpIdentity(occurrence);
  const stack = stringAttribute(attributes, names.EXCEPTION_STACKTRACE);
  const at = new Date(occurrence.time);
  const exception: ExceptionInfo = {
    type: identity.type,
    message: identity.message,
    kind: kindOf(stringAttribute(attributes, names.EXCEPTION_KIND)),
    code: codeOf(attributes.get(names.EXCEPTION_CODE)),
    errno: integerAttribute(attributes, names.EXCEPTION_ERRNO),
    syscall: stringAttribute(attributes, names.EXCEPTION_SYSCALL),
    path: stringAttribute(attributes, names.EXCEPTION_PATH),
    stack,
    cause: null,
    errors: [],
    truncated: false,
  };
  attachChain(exception, jsonItems(stringAttribute(attributes, names.CHAIN)));
  return {
    fingerprint: identity.fingerprint,
    name: identity.service,
    version: identity.version,
    timestamp: at,
    count: 1,
    firstSeen: at,
    lastSeen: at,
    exception,
    frames: otlpFrames(attributes, stack, identity.message),
    rootModule: null,
    trace:
      occurrence.traceId && occurrence.spanId
        ? { traceId: occurrence.traceId, spanId: occurrence.spanId }
        : null,
    resource: Object.fromEntries(resource),
    runtime: null,
    extra: { otlpFile: file },
  };
}

/** Hangs `otel_err.chain` items (pre-order, `path` like `cause.errors[1]`) below the top exception. */
function attachChain(top: ExceptionInfo, items: Record<string, unknown>[]): void {
  const nodes = new Map<string, ExceptionInfo>([['', top]]);
  for (const item of items) {
    if (typeof item.path !== 'string' || typeof item.type !== 'string') continue;
    const steps = item.path.split('.');
    const last = steps.pop()!;
    const parent = nodes.get(steps.join('.'));
    const step = CHAIN_STEP.exec(last);
    if (parent === undefined || step === null) continue;
    const node: ChainedException = {
      type: item.type,
      message: typeof item.message === 'string' ? item.message : '',
      kind: kindOf(item.kind),
      code: codeOf(item.code),
      errno: null,
      syscall: null,
      path: null,
      stack: null,
      cause: null,
      errors: [],
      truncated: false,
      frames: chainFrames(item.frames),
    };
    if (step[1] === undefined) parent.cause = node;
    else parent.errors.push(node);
    nodes.set(item.path, node);
  }
}

function derivedFingerprint(service: string, type: string, stack: string | null): string {
  const top = stack?.split('\n').find(line => /^\s*at /.test(line)) ?? '';
  return fingerprintOfParts([
    'otlp-event',
    service,
    type,
    top.trim().replace(/:\d+(?::\d+)?\)?$/, ''),
  ]);
}

function kindOf(value: unknown): ThrownKind {
  return typeof value === 'string' && KINDS.has(value) ? (value as ThrownKind) : 'error';
}

function codeOf(value: unknown): string | number | null {
  return typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value))
    ? value
    : null;
}

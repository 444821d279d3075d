/** One generated module of the zoo: its bugs are its `ops`, each reached through `entryA(op, value)`. */
export interface ZooModule {
  /** Path under the app root, also the first half of each bug's id. */
  path: string;
  /** The kind of bug (see `generateZoo` for what "the same bug" means per kind). */
  kind: string;
  /**
   * The module's code above the shared skeleton: it defines `run(op, value)`, which reaches the bug `op` with
   * data, never through a wrapper per bug (V8 names an arrow after its key: a free unique frame per bug).
   */
  body: string;
  /** The ops `run` takes, each one bug. */
  ops: string[];
  /** `sync` (default), `async` (awaiting skeleton), or `framework` (handlers called through fakelib.dispatch). */
  style?: 'sync' | 'async' | 'framework';
  /** Statements run before `entryB` dispatches (restored after): what makes its path differ. Default: none. */
  alt?: [setup: string, teardown: string];
}

/** A zoo module from its parts. */
export function zooModule(
  path: string,
  kind: string,
  ops: string[],
  body: string,
  extra: Partial<ZooModule> = {},
): ZooModule {
  return { path, kind, ops, body, ...extra };
}

/** `entryB` of modules whose path differs inside the fake library: its queued route adds library frames. */
export const LIBRARY_ROUTE: [string, string] = [
  "fakelib.setRoute('queued');",
  "fakelib.setRoute('direct');",
];

function plain(path: string, style: ZooModule['style']): ZooModule {
  const body = ['load', 'save', 'remove']
    .map(name => `function ${name}(value) {\n  throw new Error('not found: ' + value);\n}\n`)
    .join('\n');
  return {
    path,
    kind: 'plain',
    body: `${body}\nconst ops = { load, save, remove };\n\nfunction run(op, value) {\n  return ops[op](value);\n}`,
    ops: ['load', 'save', 'remove'],
    style,
    alt: style === 'framework' ? LIBRARY_ROUTE : undefined,
  };
}

function twoThrows(path: string, errorClass: string): ZooModule {
  const body = `class ${errorClass} extends Error {}

function validate(order) {
  if (!order.id) throw new ${errorClass}('order without id: ' + order.note);
  if (!(order.qty > 0)) throw new ${errorClass}('bad quantity for ' + order.note);
  return order;
}

const inputs = { first: value => ({ note: value }), second: value => ({ id: 1, qty: 0, note: value }) };

function run(op, value) {
  return validate(inputs[op](value));
}`;
  return { path, kind: 'twoThrows', body, ops: ['first', 'second'] };
}

function oneLine(path: string): ZooModule {
  const body = `function check(a, b) {
  if (!a) throw new TypeError('no a: ' + b); if (!b) throw new TypeError('no b: ' + a);
}

const inputs = { a: value => [null, value], b: value => [value, null] };

function run(op, value) {
  return check(...inputs[op](value));
}`;
  return { path, kind: 'oneLine', body, ops: ['a', 'b'] };
}

function multiLine(path: string): ZooModule {
  const body = `class ReportError extends Error {}

function report(kind, value) {
  if (kind === 'a') {
    throw new ReportError(
      'first problem with ' + value,
    );
  }
  throw new ReportError(
    'second problem with ' + value,
  );
}

function run(op, value) {
  return report(op, value);
}`;
  return { path, kind: 'multiLine', body, ops: ['a', 'b'] };
}

function typesAtOneSite(path: string, fn: string): ZooModule {
  const body = `function ${fn}(amount, digits) {
  return amount.toFixed(digits);
}

const inputs = { type: [null, 2], range: [1, 500] };

function run(op) {
  return ${fn}(...inputs[op]);
}`;
  return { path, kind: 'typesAtOneSite', body, ops: ['type', 'range'] };
}

function cause(path: string): ZooModule {
  const body = `let mode = 'wrapped';

function readConfig(value) {
  throw new RangeError('config value ' + value + ' out of range');
}

function readSecret(value) {
  throw new RangeError('secret ' + value + ' out of range');
}

function loadWith(read, value) {
  try {
    return read(value);
  } catch (error) {
    if (mode === 'typed') throw new TypeError('typed wrapper of ' + value, { cause: error });
    throw new Error('loading failed', { cause: new Error('inner wrapper', { cause: error }) });
  }
}

const readers = { config: readConfig, secret: readSecret };

function run(op, value) {
  return loadWith(readers[op], value);
}`;
  return {
    path,
    kind: 'cause',
    body,
    ops: ['config', 'secret'],
    alt: ["mode = 'typed';", "mode = 'wrapped';"],
  };
}

function asyncJobs(path: string): ZooModule {
  const body = `async function tick() {
  await new Promise(resolve => setImmediate(resolve));
}

async function runJob(value) {
  await tick();
  throw new Error('job ' + value + ' failed');
}

async function sendMail(value) {
  await tick();
  throw new Error('job ' + value + ' failed');
}

async function schedule(value) {
  await runJob(value);
}

const jobs = { schedule, sendMail };

async function run(op, value) {
  return await jobs[op](value);
}`;
  return { path, kind: 'async', body, ops: ['schedule', 'sendMail'], style: 'async' };
}

function helper(path: string): ZooModule {
  const body = `import { fail } from '../util/fail.mjs';

function checkOrder(order) {
  if (!order.id) fail('order ' + order.note + ' has no id');
  if (!order.items) fail('order ' + order.note + ' has no items');
  return order;
}

function checkUser(user) {
  if (!user.name) fail('user ' + user.note + ' has no name');
  return user;
}

const inputs = {
  noId: value => ({ kind: 'order', note: value }),
  noItems: value => ({ kind: 'order', id: 1, note: value }),
  noName: value => ({ kind: 'user', note: value }),
};

function run(op, value) {
  const input = inputs[op](value);
  return input.kind === 'order' ? checkOrder(input) : checkUser(input);
}`;
  return { path, kind: 'helper', body, ops: ['noId', 'noItems', 'noName'] };
}

/** The zoo's modules of plain application throws, each with its bugs. */
export const APP_MODULES: ZooModule[] = [
  plain('services/users.mjs', 'sync'),
  plain('services/orders.mjs', 'sync'),
  plain('jobs/billing.mjs', 'framework'),
  plain('api/handlers.mjs', 'framework'),
  twoThrows('checks/orders.mjs', 'OrderError'),
  twoThrows('checks/users.mjs', 'OrderError'),
  oneLine('checks/pairs.mjs'),
  oneLine('checks/ranges.mjs'),
  multiLine('reports/daily.mjs'),
  multiLine('reports/weekly.mjs'),
  typesAtOneSite('money/round.mjs', 'round'),
  typesAtOneSite('money/format.mjs', 'round'),
  cause('config/loader.mjs'),
  cause('secrets/loader.mjs'),
  asyncJobs('jobs/worker.mjs'),
  asyncJobs('jobs/mailer.mjs'),
  helper('rules/orders.mjs'),
  helper('rules/users.mjs'),
];

import type { ZooModule } from './zooModules.ts';
import { zooModule as module } from './zooModules.ts';

/** Modules of the zoo that hold no bug of their own. */
export const SUPPORT_FILES: Record<string, string> = {
  'util/fail.mjs': `export class AppError extends Error {}

export function fail(message) {
  throw new AppError(message);
}
`,
};

/** The zoo's modules of code shapes: class methods, error factories, anonymous callbacks, eval, recursion. */
export const EDGE_MODULES: ZooModule[] = [
  module(
    'models/repos.mjs',
    'classMethod',
    ['userFind', 'orderFind', 'auditWrite', 'baseSave'],
    `class NotFound extends Error {}

class UserRepo {
  find(id) {
    throw new NotFound('user ' + id);
  }
}

class OrderRepo {
  find(id) {
    throw new NotFound('order ' + id);
  }
}

class AuditLog {
  write(entry) {
    throw new Error('audit log closed: ' + entry);
  }
}

class Base {
  save(value) {
    throw new Error('read-only: ' + value);
  }
}

class Sub extends Base {}

let target = new Base();

const calls = {
  userFind: ['find', () => new UserRepo()],
  orderFind: ['find', () => new OrderRepo()],
  auditWrite: ['write', () => new AuditLog()],
  baseSave: ['save', () => target],
};

function run(op, value) {
  const [method, make] = calls[op];
  return make()[method](value);
}`,
    { alt: ['target = new Sub();', 'target = new Base();'] },
  ),
  module(
    'api/errors.mjs',
    'factory',
    ['getUser', 'deleteUser', 'createUser'],
    `class HttpError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

function httpError(status, message) {
  return new HttpError(status, message);
}

function getUser(value) {
  throw httpError(404, 'no user ' + value);
}

function deleteUser(value) {
  throw httpError(403, 'may not delete ' + value);
}

function createUser(value) {
  throw httpError(409, 'user exists: ' + value);
}

const routes = { getUser, deleteUser, createUser };

function run(op, value) {
  return routes[op](value);
}`,
  ),
  module(
    'util/collections.mjs',
    'anonymous',
    ['rejectV', 'sumAll', 'firstBad', 'lastBad'],
    `function rejectV(values) {
  return values.map(value => {
    if (value.startsWith('v')) throw new TypeError('not allowed: ' + value);
    return value;
  });
}

function sumAll(values) {
  return values.reduce((sum, value) => {
    if (typeof value !== 'number') throw new TypeError('not a number: ' + value);
    return sum + value;
  }, 0);
}

function firstBad(values) {
  return values.find(value => { throw new Error('bad ' + value); });
}

function lastBad(values) {
  return values.find(value => { throw new Error('bad ' + value); });
}

const reducers = { rejectV, sumAll, firstBad, lastBad };

function run(op, value) {
  return reducers[op]([value]);
}`,
  ),
  module(
    'rules/dynamic.mjs',
    'eval',
    ['evalRule', 'evalOther'],
    `function evalRule(value) {
  return eval("(function rule(v) { throw new SyntaxError('rule failed: ' + v); })")(value);
}

function evalOther(value) {
  return eval("(function rule(v) { throw new SyntaxError('rule failed: ' + v); })")(value);
}

const rules = { evalRule, evalOther };

function run(op, value) {
  return rules[op](value);
}`,
  ),
  module(
    'util/tree.mjs',
    'recursion',
    ['depthOf', 'sizeOf'],
    `let depth = 2;

function chainOf(length) {
  return length === 0 ? null : { child: chainOf(length - 1) };
}

function depthOf(node) {
  if (node === null) throw new RangeError('walked off the tree');
  return 1 + depthOf(node.child);
}

function sizeOf(node) {
  if (node === null) throw new RangeError('walked off the tree');
  return 1 + sizeOf(node.child);
}

const walkers = { depthOf, sizeOf };

function run(op) {
  return walkers[op](chainOf(depth));
}`,
    { alt: ['depth = 9;', 'depth = 2;'] },
  ),
];

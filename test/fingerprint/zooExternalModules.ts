import type { ZooModule } from './zooModules.ts';
import { LIBRARY_ROUTE, zooModule as module } from './zooModules.ts';

/** The zoo's modules of errors raised outside the app's own throws: fs, a node_modules package, built-ins, codes. */
export const EXTERNAL_MODULES: ZooModule[] = [
  module(
    'io/files.mjs',
    'system',
    ['enoent', 'eisdir', 'enotdir', 'statMissing'],
    `import fs from 'node:fs';

function readSettings(path) {
  return fs.readFileSync(path, 'utf8');
}

function statData(path) {
  return fs.statSync(path);
}

const paths = {
  enoent: value => '/nonexistent/' + value + '/settings.json',
  eisdir: () => import.meta.dirname,
  enotdir: value => import.meta.filename + '/' + value,
  statMissing: value => '/nonexistent/' + value,
};

function run(op, value) {
  const path = paths[op](value);
  return op === 'statMissing' ? statData(path) : readSettings(path);
}`,
  ),
  module(
    'io/async-files.mjs',
    'systemAsync',
    ['readConfig', 'readProfile'],
    `import { readFile } from 'node:fs/promises';

async function readConfig(value) {
  return await readFile('/nonexistent/' + value + '/config.json', 'utf8');
}

async function readProfile(value) {
  return await readFile('/nonexistent/' + value + '/profile.json', 'utf8');
}

const readers = { readConfig, readProfile };

async function run(op, value) {
  return await readers[op](value);
}`,
    { style: 'async' },
  ),
  module(
    'integrations/importer.mjs',
    'library',
    ['importUsers', 'importOrders', 'importRates'],
    `function importUsers(value) {
  return fakelib.parse('users ' + value);
}

function importOrders(value) {
  return fakelib.parse('orders ' + value);
}

function importRates(value) {
  return fakelib.parse('rates ' + value);
}

const importers = { importUsers, importOrders, importRates };

function run(op, value) {
  return importers[op](value);
}`,
    { alt: LIBRARY_ROUTE },
  ),
  module(
    'io/json.mjs',
    'builtin',
    ['parseConfig', 'parseBody'],
    `function parseConfig(value) {
  return JSON.parse('{"config": ' + value + '}');
}

function parseBody(value) {
  return JSON.parse('{"body": [' + value + ']}');
}

const parsers = { parseConfig, parseBody };

function run(op, value) {
  return parsers[op](value);
}`,
  ),
  module(
    'models/view.mjs',
    'builtin',
    ['customerName', 'addressCity'],
    `function render(order) {
  const name = order.customer.name;
  const city = order.address.city;
  return name + city;
}

const orders = { customerName: value => ({ note: value }), addressCity: value => ({ customer: { name: value } }) };

function run(op, value) {
  return render(orders[op](value));
}`,
  ),
  module(
    'billing/quota.mjs',
    'appCode',
    ['quota', 'rate'],
    `const LIMITS = { quota: 'E_QUOTA', rate: 'E_RATE' };

function enforce(kind, value) {
  throw Object.assign(new Error('limit reached for ' + value), { code: LIMITS[kind] });
}

function run(op, value) {
  return enforce(op, value);
}`,
  ),
];

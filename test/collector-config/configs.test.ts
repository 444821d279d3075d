import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import * as names from '../../processors/semconv.ts';
import { inputKind } from '../../src/cli/catalog/inputKind.ts';

const DIR = fileURLToPath(new URL('../../collector-config/', import.meta.url));
const CONFIGS = ['otlp-to-file.yaml', 'otlp-forward.yaml', 'errors-only.yaml'];
const SECTIONS = ['receivers', 'processors', 'exporters', 'extensions', 'connectors'] as const;
/** Component types these files may use, by section (contrib ≥ 0.144 names). */
const KNOWN_TYPES: Record<(typeof SECTIONS)[number], readonly string[]> = {
  receivers: ['otlp'],
  processors: ['memory_limiter', 'transform', 'filter'],
  exporters: ['file', 'otlp_http'],
  extensions: ['file_storage'],
  connectors: [],
};
const COMPONENT_ID = /^[a-z][a-z0-9_]*(?:\/[A-Za-z0-9_.-]+)?$/;
const PIPELINE_ID = /^(?:traces|logs|metrics)(?:\/[A-Za-z0-9_.-]+)?$/;
const MARK = 'otel_err.has_exception';

type Section = Record<string, Record<string, unknown> | null>;
interface Pipeline {
  receivers?: string[];
  processors?: string[];
  exporters?: string[];
}
interface Config {
  receivers?: Section;
  processors?: Section;
  exporters?: Section;
  extensions?: Section;
  connectors?: Section;
  service: { extensions?: string[]; pipelines: Record<string, Pipeline> };
}

function load(file: string): { text: string; config: Config } {
  const text = fs.readFileSync(path.join(DIR, file), 'utf8');
  return { text, config: parse(text) as Config };
}

function typeOf(id: string): string {
  return id.split('/')[0]!;
}

/** Every value in a nested YAML document, with its key. */
function* entries(value: unknown, key = ''): Generator<[string, unknown]> {
  yield [key, value];
  if (typeof value !== 'object' || value === null) return;
  for (const [k, v] of Object.entries(value)) yield* entries(v, k);
}

/** Whether parentheses, brackets and double quotes of an OTTL text are balanced. */
function balanced(text: string): boolean {
  const stack: string[] = [];
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    if (quoted) continue;
    if (char === '(' || char === '[') stack.push(char === '(' ? ')' : ']');
    if ((char === ')' || char === ']') && stack.pop() !== char) return false;
  }
  return !quoted && stack.length === 0;
}

describe('collector-config', () => {
  for (const file of CONFIGS) {
    describe(file, () => {
      const { text, config } = load(file);

      it('should only reference components it defines, and define only components it uses', () => {
        const used = new Set<string>();
        for (const [name, pipeline] of Object.entries(config.service.pipelines)) {
          assert.match(name, PIPELINE_ID);
          assert.ok((pipeline.receivers ?? []).length > 0, `${name} has receivers`);
          assert.ok((pipeline.exporters ?? []).length > 0, `${name} has exporters`);
          for (const section of ['receivers', 'processors', 'exporters'] as const) {
            for (const id of pipeline[section] ?? []) {
              assert.ok(
                config[section] && id in config[section],
                `${name}: ${section} ${id} is defined`,
              );
              used.add(`${section}:${id}`);
            }
          }
        }
        for (const id of config.service.extensions ?? []) {
          assert.ok(config.extensions && id in config.extensions, `extension ${id} is defined`);
          used.add(`extensions:${id}`);
        }
        for (const section of SECTIONS) {
          for (const id of Object.keys(config[section] ?? {})) {
            assert.match(id, COMPONENT_ID);
            assert.ok(KNOWN_TYPES[section].includes(typeOf(id)), `${section} type of ${id}`);
            assert.ok(used.has(`${section}:${id}`), `${section} ${id} is used`);
          }
        }
      });

      it('should put memory_limiter first in every pipeline that has processors', () => {
        for (const [name, pipeline] of Object.entries(config.service.pipelines)) {
          if (pipeline.processors?.length)
            assert.equal(pipeline.processors[0], 'memory_limiter', name);
        }
      });

      it('should store queues only in enabled extensions', () => {
        for (const [key, value] of entries(config.exporters)) {
          if (key !== 'storage') continue;
          assert.ok(config.service.extensions?.includes(String(value)), `storage ${String(value)}`);
        }
      });

      it('should write files that err reads, with options the file exporter accepts', () => {
        for (const [id, options] of Object.entries(config.exporters ?? {})) {
          if (typeOf(id) !== 'file') continue;
          const file = options ?? {};
          const target = path.basename(String(file.path).replace(/\$\{env:[^}]*\}/g, 'dir'));
          assert.equal(inputKind(target), 'otlp', `${id}: err reads ${target}`);
          const rotated = target.replace(/(\.[^.]+)$/, '-2026-03-14T03-02-11.120$1');
          assert.equal(inputKind(rotated), 'otlp', `${id}: err reads rotated ${rotated}`);
          assert.equal(file.format, 'json');
          assert.ok(!(file.append === true && (file.rotation || file.compression)), id);
          if (file.directory_permissions !== undefined) assert.equal(file.create_directory, true);
        }
      });

      it('should use only ${env:NAME} and ${env:NAME:-default} substitutions', () => {
        for (const match of text.matchAll(/\$\{([^}]*)\}/g)) {
          assert.match(match[1]!, /^env:[A-Za-z_][A-Za-z0-9_]*(?::-[^}]*)?$/, match[0]);
        }
      });
    });
  }

  describe('errors-only.yaml', () => {
    const { config } = load('errors-only.yaml');
    const processors = config.processors ?? {};

    it('should mark spans from the span event context, then filter on the same mark', () => {
      const transform = processors['transform/mark_exceptions'] as {
        trace_statements: { context: string; statements: string[] }[];
      };
      const [group] = transform.trace_statements;
      assert.equal(group?.context, 'spanevent');
      assert.deepEqual(group.statements, [
        `set(span.attributes["${MARK}"], true) where name == "${names.EXCEPTION_EVENT}"`,
      ]);
      const filter = processors['filter/errors_only'] as {
        error_mode: string;
        traces: { span: string[] };
        logs: { log_record: string[] };
      };
      assert.equal(filter.error_mode, 'ignore');
      assert.deepEqual(filter.traces.span, [
        `attributes["${MARK}"] == nil and attributes["${names.DROPPED_EXCEPTIONS}"] == nil`,
      ]);
      assert.deepEqual(filter.logs.log_record, [
        `attributes["${names.EXCEPTION_TYPE}"] == nil and attributes["${names.EXCEPTION_MESSAGE}"] == nil`,
      ]);
      for (const ottl of [...group.statements, ...filter.traces.span, ...filter.logs.log_record]) {
        assert.ok(balanced(ottl), ottl);
      }
    });

    it('should mark before it filters', () => {
      const order = config.service.pipelines.traces?.processors ?? [];
      assert.ok(order.indexOf('transform/mark_exceptions') >= 0);
      assert.ok(order.indexOf('transform/mark_exceptions') < order.indexOf('filter/errors_only'));
    });
  });

  describe('README.md', () => {
    const readme = fs.readFileSync(path.join(DIR, 'README.md'), 'utf8');

    it('should show every configuration and warn that Sentry cannot be reached through the Collector', () => {
      for (const file of CONFIGS) assert.ok(readme.includes(`(${file})`), file);
      assert.match(readme, /span events\s+are dropped during ingestion/i);
      assert.match(readme, /forwards OTLP\s+unchanged/);
      assert.match(readme, /SentryExporter/);
    });
  });
});

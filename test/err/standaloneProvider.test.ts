import { describe, it, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { defaultServiceIdentity } from '../../src/capture/serviceIdentity.ts';
import { standaloneResource } from '../../src/err/standaloneProvider.ts';

const VARIABLES = ['OTEL_SERVICE_NAME', 'OTEL_RESOURCE_ATTRIBUTES'] as const;

describe('standaloneResource', () => {
  const saved = Object.fromEntries(VARIABLES.map(name => [name, process.env[name]]));
  afterEach(() => {
    for (const name of VARIABLES) {
      if (saved[name] === undefined) delete process.env[name];
      else process.env[name] = saved[name];
    }
  });

  describe('service name and version', () => {
    const identity = defaultServiceIdentity();
    // [environment, name option, version option, expected name, expected version]
    const cases: [Record<string, string>, string?, string?, string?, string?][] = [
      [{}, undefined, undefined, identity.name, identity.version],
      [{ OTEL_SERVICE_NAME: 'from-env' }, undefined, undefined, 'from-env', identity.version],
      [
        { OTEL_RESOURCE_ATTRIBUTES: 'service.name=attr,service.version=9.9.9,team=core' },
        undefined,
        undefined,
        'attr',
        '9.9.9',
      ],
      [{ OTEL_SERVICE_NAME: 'from-env' }, 'from-option', '2.0.0', 'from-option', '2.0.0'],
    ];
    for (const [env, name, version, expectedName, expectedVersion] of cases) {
      it(`should take ${expectedName}/${expectedVersion} from ${JSON.stringify({ ...env, name, version })}`, () => {
        for (const variable of VARIABLES) delete process.env[variable];
        Object.assign(process.env, env);
        const { attributes } = standaloneResource(name, version);
        assert.equal(attributes['service.name'], expectedName);
        assert.equal(attributes['service.version'], expectedVersion);
        assert.equal(attributes['telemetry.sdk.language'], 'nodejs');
      });
    }
  });
});

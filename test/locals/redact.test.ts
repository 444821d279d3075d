import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  DEFAULT_SECRET_NAME_PATTERNS,
  createRedactor,
  isSecretName,
  isSecretValue,
} from '../../src/locals/redact.ts';

describe('redact', () => {
  describe('isSecretName', () => {
    const secret = [
      'password',
      'userPassword',
      'PASSWD',
      'db_passphrase',
      'pwd',
      'clientSecret',
      'accessToken',
      'refresh_token',
      'Authorization',
      'x-api-key',
      'apiKey',
      'API_KEY',
      'cookie',
      'Set-Cookie',
      'sessionId',
      'private_key',
      'privateKey',
      'credentials',
      'creditCard',
      'card_number',
      'cvv',
      'jwt',
      'bearer',
      'signature',
      'AWS_ACCESS_KEY_ID',
    ];
    const plain = ['user', 'id', 'author', 'className', 'total', 'items', 'keyboard', 'passage'];
    for (const name of secret) {
      it(`should mark ${name} as secret`, () => assert.equal(isSecretName(name), true));
    }
    for (const name of plain) {
      it(`should not mark ${name} as secret`, () => assert.equal(isSecretName(name), false));
    }
    it('should accept custom string and RegExp patterns', () => {
      assert.equal(isSecretName('ssn', ['ssn']), true);
      assert.equal(isSecretName('password', [/^ssn$/]), false);
      assert.equal(isSecretName('SSN', [/^ssn$/i]), true);
    });
  });

  describe('isSecretValue', () => {
    const secret = [
      'Bearer abcdefgh12345678',
      'basic dXNlcjpwYXNzd29yZA==',
      'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
      '-----BEGIN RSA PRIVATE KEY-----\nMIIE',
      'AKIAIOSFODNN7EXAMPLE',
      'sk_live_4eC39HqLyjWDarjtT1zdp7dc',
      'sk-proj-abcdefghijklmnopqrstuvwxyz123456',
      'ghp_abcdefghijklmnopqrstuvwxyz0123456789',
      'xoxb-1234567890-abcdefghij',
    ];
    const plain = [
      'hello',
      'Bearer',
      'bearer short',
      'a normal sentence with words',
      'x'.repeat(100_000),
      '',
    ];
    for (const value of secret) {
      it(`should mark ${value.slice(0, 20)}… as secret`, () =>
        assert.equal(isSecretValue(value), true));
    }
    for (const value of plain) {
      it(`should not mark ${JSON.stringify(value.slice(0, 20))} as secret`, () =>
        assert.equal(isSecretValue(value), false));
    }
  });

  describe('createRedactor', () => {
    it('should use the defaults for true', () => {
      const redactor = createRedactor(true);
      assert.equal(redactor.isSecretName('password'), true);
      assert.equal(redactor.isSecretValue('Bearer abcdefgh12345678'), true);
    });

    it('should mask nothing for false', () => {
      const redactor = createRedactor(false);
      assert.equal(redactor.isSecretName('password'), false);
      assert.equal(redactor.isSecretValue('Bearer abcdefgh12345678'), false);
    });

    it('should add names to the defaults, or replace them', () => {
      assert.deepEqual(['password', 'ssn'].map(createRedactor({ names: ['ssn'] }).isSecretName), [
        true,
        true,
      ]);
      assert.deepEqual(
        ['password', 'ssn'].map(
          createRedactor({ names: ['ssn'], replaceDefaults: true }).isSecretName,
        ),
        [false, true],
      );
    });

    it('should turn value patterns off on request', () => {
      assert.equal(
        createRedactor({ values: false }).isSecretValue('Bearer abcdefgh12345678'),
        false,
      );
    });

    it('should test a global RegExp from the start every time', () => {
      const redactor = createRedactor({ names: [/^ssn$/g], replaceDefaults: true });
      assert.deepEqual([redactor.isSecretName('ssn'), redactor.isSecretName('ssn')], [true, true]);
    });

    it('should fail closed when a pattern throws', () => {
      const hostile = /x/;
      hostile.test = () => {
        throw new Error('broken pattern');
      };
      assert.equal(createRedactor({ names: [hostile] }).isSecretName('harmless'), true);
    });

    it('should keep the default list frozen', () => {
      assert.equal(Object.isFrozen(DEFAULT_SECRET_NAME_PATTERNS), true);
    });
  });
});

import { describe, expect, it } from 'vitest';
import { githubSettingsFromEnv } from './env.js';

describe('githubSettingsFromEnv', () => {
  it.each([
    ['nothing set: no webhook', {}, undefined],
    [
      'secret and token',
      { BLASTWALL_GITHUB_WEBHOOK_SECRET: 's', BLASTWALL_GITHUB_TOKEN: 't' },
      { webhookSecret: 's', client: { token: 't' } },
    ],
    [
      'GitHub Enterprise',
      {
        BLASTWALL_GITHUB_WEBHOOK_SECRET: 's',
        BLASTWALL_GITHUB_TOKEN: 't',
        BLASTWALL_GITHUB_API_URL: 'https://ghe.example.com/api/v3',
      },
      { webhookSecret: 's', client: { token: 't', baseUrl: 'https://ghe.example.com/api/v3' } },
    ],
  ])('%s', (_name, env, expected) => {
    expect(githubSettingsFromEnv(env)).toEqual(expected);
  });

  it('reads a GitHub App from its id and a one-line key, with or without a token', () => {
    const key = '-----BEGIN RSA PRIVATE KEY-----\\nMIIB\\n-----END RSA PRIVATE KEY-----\\n';
    expect(
      githubSettingsFromEnv({
        BLASTWALL_GITHUB_WEBHOOK_SECRET: 's',
        BLASTWALL_GITHUB_APP_ID: '1234',
        BLASTWALL_GITHUB_APP_PRIVATE_KEY: key,
      }),
    ).toEqual({
      webhookSecret: 's',
      client: {},
      app: {
        appId: '1234',
        privateKey: '-----BEGIN RSA PRIVATE KEY-----\nMIIB\n-----END RSA PRIVATE KEY-----\n',
      },
    });
  });

  it.each([
    [
      'a secret without a token or an App',
      { BLASTWALL_GITHUB_WEBHOOK_SECRET: 's' },
      /neither BLASTWALL_GITHUB_TOKEN nor/,
    ],
    [
      'an App id without a key',
      { BLASTWALL_GITHUB_WEBHOOK_SECRET: 's', BLASTWALL_GITHUB_APP_ID: '1234' },
      /no PEM private key/,
    ],
    [
      'an App id that is not a number',
      {
        BLASTWALL_GITHUB_WEBHOOK_SECRET: 's',
        BLASTWALL_GITHUB_APP_ID: 'blastwall',
        BLASTWALL_GITHUB_APP_PRIVATE_KEY: 'x',
      },
      /numeric id/,
    ],
    [
      'an API URL that is not a URL',
      {
        BLASTWALL_GITHUB_WEBHOOK_SECRET: 's',
        BLASTWALL_GITHUB_TOKEN: 't',
        BLASTWALL_GITHUB_API_URL: 'ghe.example.com',
      },
      /must be an http\(s\) URL/,
    ],
  ])('refuses %s', (_name, env, message) => {
    expect(() => githubSettingsFromEnv(env)).toThrow(message);
  });
});

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

  it.each([
    ['a secret without a token', { BLASTWALL_GITHUB_WEBHOOK_SECRET: 's' }, /BLASTWALL_GITHUB_TOKEN is not/],
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

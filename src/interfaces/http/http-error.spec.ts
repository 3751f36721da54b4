import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { BlastwallError, ConfigError, type ErrorCode } from '../../core/errors.js';
import { handleError } from './http-error.js';
import { parseBody, parseQuery, readJsonBody } from './request-body.js';

/** A small app on the one error handler: each route throws what a route or a use case could throw. */
function appThrowing(error: Error): Hono {
  const app = new Hono();
  app.onError(handleError);
  app.get('/throw', () => {
    throw error;
  });
  app.post('/body', async (c) => c.json(parseBody(z.strictObject({ n: z.number() }), await readJsonBody(c))));
  app.get('/query', (c) => c.json(parseQuery(c, z.object({ n: z.coerce.number().int() }))));
  return app;
}

describe('the one error handler', () => {
  it.each<[ErrorCode, number]>([
    ['usage', 400],
    ['config', 400],
    ['not-found', 404],
    ['external', 502],
  ])('answers a BlastwallError %s with %i and its message', async (code, status) => {
    const response = await appThrowing(new BlastwallError(code, `it was ${code}`)).request('/throw');

    expect(response.status).toBe(status);
    expect(await response.json()).toEqual({ error: { code, message: `it was ${code}` } });
  });

  it('names the file and line of a configuration error', async () => {
    const response = await appThrowing(new ConfigError('blastwall.yaml', 3, 'bad level')).request('/throw');

    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: { code: 'config', message: 'blastwall.yaml:3: bad level' },
    });
  });

  it.each([new BlastwallError('internal', 'secret detail'), new Error('secret detail')])(
    'answers an internal failure with a 500 that tells nothing (%s)',
    async (error) => {
      const response = await appThrowing(error).request('/throw');

      expect(response.status).toBe(500);
      expect(await response.text()).not.toContain('secret');
    },
  );

  it.each([
    ['malformed JSON', '{', 'malformed-json', /not valid JSON/],
    ['a wrong type', '{"n":"x"}', 'invalid-request', /^n: /],
    ['an unknown field', '{"n":1,"m":2}', 'invalid-request', /body: /],
  ])('turns %s in a body into a 400 naming the problem', async (_name, body, code, message) => {
    const response = await appThrowing(new Error('unused')).request('/body', { method: 'POST', body });

    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code, message: expect.stringMatching(message) } });
  });

  it('turns a bad query into a 400 naming the field', async () => {
    const response = await appThrowing(new Error('unused')).request('/query?n=1.5');

    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      error: { code: 'invalid-request', message: expect.stringMatching(/^n: /) },
    });
  });
});

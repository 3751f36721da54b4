import { describe, expect, it } from 'vitest';
import { signBody, verifySignature } from './signature.js';

const body = new TextEncoder().encode('Hello, World!');

describe('verifySignature', () => {
  it('matches the example from GitHub’s documentation', () => {
    expect(signBody("It's a Secret to Everybody", 'Hello, World!')).toBe(
      'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17',
    );
  });

  it.each([
    ['the right signature', signBody('s3cret', body), true],
    ['another secret', signBody('other', body), false],
    ['a changed body', signBody('s3cret', 'Hello, World?'), false],
    ['upper-case hex', signBody('s3cret', body).toUpperCase().replace('SHA256=', 'sha256='), false],
    ['the sha1 header form', `sha1=${'0'.repeat(40)}`, false],
    ['a truncated signature', signBody('s3cret', body).slice(0, 20), false],
    ['an empty header', '', false],
    ['no header', undefined, false],
  ])('%s → %s', (_name, header, ok) => {
    expect(verifySignature('s3cret', body, header)).toBe(ok);
  });
});

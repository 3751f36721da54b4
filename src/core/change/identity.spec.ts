import { describe, expect, it } from 'vitest';
import { changeIdOf, repositoryFullName, sameRepository } from './identity.js';

describe('the repository part of a change identity', () => {
  it.each([
    ['acme/shop', 'acme/shop'],
    ['Acme/Shop', 'acme/shop'],
    ['https://github.com/Acme/Shop.git', 'acme/shop'],
    ['https://github.com/acme/shop/', 'acme/shop'],
    ['git@github.com:Acme/Shop.git', 'acme/shop'],
    ['ssh://git@ghe.example.com:2222/acme/shop.git', 'acme/shop'],
    ['https://gitlab.example.com/group/sub/shop', 'sub/shop'],
    ['shop', undefined],
    ['acme/.git', undefined],
    ['', undefined],
  ])('%s is %s', (raw, name) => {
    expect(repositoryFullName(raw)).toBe(name);
  });

  it('tells spellings of one repository from another repository', () => {
    expect(sameRepository('git@github.com:Acme/Shop.git', 'ACME/shop')).toBe(true);
    expect(sameRepository('acme/shop', 'acme/shop-api')).toBe(false);
  });

  it('keys a change by repository and head commit only', () => {
    expect(changeIdOf('acme/shop', 'ABC123')).toBe('acme/shop@abc123');
  });
});

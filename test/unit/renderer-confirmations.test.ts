/** The one confirmations map every guarded change sends (share, copy, lifecycle, Image Builder, account changes). */
import { describe, expect, it } from 'vitest';
import { confirmationsOf, productionNamed } from '../../renderer/lib/confirm';

const accounts = [
  { id: 'a1', name: 'acme-production', production: true },
  { id: 'a2', name: 'acme-staging', production: false },
  { id: 'a3', name: 'globex-prod', production: true },
];

describe('confirmations', () => {
  it('names every production account by its own name, and no other', () => {
    expect(confirmationsOf(productionNamed(accounts))).toEqual({ a1: 'acme-production', a3: 'globex-prod' });
    expect(confirmationsOf(productionNamed([accounts[1]!]))).toEqual({});
  });

  it('with what was typed, sends only the names typed (case and spaces aside), never what was typed itself', () => {
    const named = productionNamed(accounts);
    expect(confirmationsOf(named, { a1: '  ACME-production ', a3: 'globex' })).toEqual({ a1: 'acme-production' });
    expect(confirmationsOf(named, {})).toEqual({});
  });
});

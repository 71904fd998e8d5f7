import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { formatDate, plural } from '../../src/lib/shared/format.ts';

describe('formatDate', () => {
  test('formats an ISO date as "day Mon year" without leading zeros', () => {
    assert.equal(formatDate('2026-05-04'), '4 May 2026');
    assert.equal(formatDate('2026-12-31'), '31 Dec 2026');
    assert.equal(formatDate('2026-01-10'), '10 Jan 2026');
    // Only the date part of a timestamp counts, whatever its zone.
    assert.equal(formatDate('2026-02-20T23:59:59-11:00'), '20 Feb 2026');
    assert.equal(formatDate('2026-02-20T00:00:00.000Z'), '20 Feb 2026');
  });

  test('returns text that is not a date unchanged', () => {
    for (const value of ['', 'soon', '2026', '2026-00-10', 'abcd-ef-gh'])
      assert.equal(formatDate(value), value);
  });

  test('returns an impossible month unchanged rather than "undefined"', () => {
    assert.equal(formatDate('2026-13-01'), '2026-13-01');
  });
});

describe('plural', () => {
  test('picks singular for exactly one, plural otherwise, with grouped thousands', () => {
    assert.equal(plural(1, 'file'), '1 file');
    assert.equal(plural(0, 'file'), '0 files');
    assert.equal(plural(2, 'skill'), '2 skills');
    assert.equal(plural(12345, 'skill'), '12,345 skills');
    assert.equal(plural(3, 'category', 'categories'), '3 categories');
    assert.equal(plural(1, 'category', 'categories'), '1 category');
  });
});

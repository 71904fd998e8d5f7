import { test, describe, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { listingPath } from '../../src/lib/skill/listing.ts';
import { readListing } from '../../src/lib/skill/listing-fs.ts';
import { FIXTURES, makeTree, removeTree } from './helpers.ts';

const temps: string[] = [];
after(() => temps.forEach(removeTree));

/** Writes `<tmp>/pub/demo.listing.json` with `content` and reads it for `<tmp>/pub/demo`. */
function readWith(content: string) {
  const root = makeTree({ 'pub/demo/SKILL.md': 'x', 'pub/demo.listing.json': content });
  temps.push(root);
  return readListing(join(root, 'pub/demo'));
}

describe('listing sidecar', () => {
  test('sits beside the package folder, and a missing one means an unfeatured listing', () => {
    assert.equal(
      listingPath('/c/skills/edge/nested-package'),
      '/c/skills/edge/nested-package.listing.json',
    );
    assert.equal(
      listingPath('/c/skills/edge/nested-package//'),
      '/c/skills/edge/nested-package.listing.json',
    );
    // A package without a sidecar is simply unfeatured.
    assert.deepEqual(readListing(join(FIXTURES, 'edge/pseudo-xml')), {
      listing: { featured: false },
      findings: [],
    });
  });

  test('reads the fixture sidecar of edge/nested-package', () => {
    const { listing, findings } = readListing(join(FIXTURES, 'edge/nested-package'));
    assert.deepEqual(findings, []);
    assert.equal(listing.featured, true);
    assert.equal(listing.added, '2026-01-10');
    assert.equal(listing.updated, '2026-02-20');
    assert.equal(listing.source?.repository, 'https://github.com/edge/skills');
    assert.equal(listing.source?.commit, '0123456789abcdef0123456789abcdef01234567');
  });

  test('ignores an invalid JSON sidecar with a warning naming the sidecar file', () => {
    const { listing, findings } = readWith('{ not json');
    assert.deepEqual(listing, { featured: false });
    assert.equal(findings.length, 1);
    assert.equal(findings[0]!.rule, 'listing-invalid');
    assert.equal(findings[0]!.file, '../demo.listing.json');
  });

  test('drops malformed dates and non-boolean featured, trims text, reports each bad date', () => {
    const { listing, findings } = readWith(
      JSON.stringify({
        featured: 'yes',
        added: '10/01/2026',
        updated: 20260101,
        importedAt: '2026-03-01T08:00:00Z',
        license: '  MIT  ',
        source: { repository: ' https://x/y ', path: '', commitDate: 'yesterday' },
      }),
    );
    assert.equal(listing.featured, false);
    assert.equal(listing.added, undefined);
    assert.equal(listing.updated, undefined);
    assert.equal(listing.importedAt, '2026-03-01T08:00:00Z');
    assert.equal(listing.license, 'MIT');
    assert.deepEqual(listing.source, {
      repository: 'https://x/y',
      path: undefined,
      commit: undefined,
      commitDate: undefined,
    });
    assert.deepEqual(
      findings.map((f) => f.message.split('"')[1]),
      ['added', 'updated', 'source.commitDate'],
    );
  });

  test('reads a JSON value that is not an object as an empty listing', () => {
    assert.deepEqual(readWith('[1, 2]'), {
      listing: {
        featured: false,
        added: undefined,
        updated: undefined,
        license: undefined,
        importedAt: undefined,
        source: undefined,
      },
      findings: [],
    });
  });
});

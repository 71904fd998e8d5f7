import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  buildNow,
  clampDate,
  compareCodePoints,
  compareFirstSeen,
  conflictingPublisherIds,
  conflictReason,
  displayName,
  isFeatured,
  publisherIdKey,
  publisherIdProblem,
  publishPolicy,
  resolvePublisherNames,
  trustedDate,
} from '../../src/lib/publish/identity.ts';
import { skeleton } from '../../src/lib/publish/skeleton.ts';

describe('skeleton', () => {
  const reference = skeleton('Northwind Labs');

  test('reads width, script, invisible characters, case and badges as the same name', () => {
    for (const lookalike of [
      'Ｎｏｒｔｈｗｉｎｄ　Ｌａｂｓ', // fullwidth letters and ideographic space
      'Νorthwind Labs', // Greek capital nu
      'Nоrthwіnd Lаbs', // Cyrillic o, i, a
      'Northwind\u200bLabs', // zero-width space
      'NORTHWIND LABS ✔',
      'northwind-labs',
      'NorthwindLabs',
      '𝐍𝐨𝐫𝐭𝐡𝐰𝐢𝐧𝐝 𝕃𝕒𝕓𝕤', // mathematical bold and double-struck
      'Nörthwind Labs', // precomposed accent
      'No\u0308rthwind Labs', // combining accent
      'Northwind Labs ✓ ☑ 🚀',
      'Northwind\u00adLabs', // soft hyphen
      'Northwind\u202eLabs', // right-to-left override
      'Northwind\u2066Labs\u2069', // isolates
      'Northwind Labs\u{e0076}\u{e0065}\u{e0072}', // tag characters
      'Northwind Labs\ufe0f', // variation selector
      'North\u200dwind Labs', // zero-width joiner
      'Northw1nd Labs', // digit one for i
      'Northwind Lab\u0455', // Cyrillic dze for s
    ]) {
      assert.equal(skeleton(lookalike), reference, JSON.stringify(lookalike));
    }
  });

  test('folds the sharp s like case folding does, not to a B', () => {
    assert.equal(skeleton('Straße'), skeleton('STRASSE'));
    assert.equal(skeleton('STRAẞE'), skeleton('strasse'));
  });

  test('keeps different names apart and non-Latin names non-empty', () => {
    assert.notEqual(skeleton('Northwind Labs'), skeleton('Southwind Labs'));
    assert.notEqual(skeleton('Acme'), skeleton('Acne'));
    assert.notEqual(skeleton('日本語ツール'), '');
    assert.equal(skeleton('✔ ✓ 🚀 — !!'), '');
  });
});

describe('publisher ids', () => {
  test('refuses an all-digit id, which would take a catalogue page address (/skills/2/)', () => {
    assert.match(publisherIdProblem('2') ?? '', /all digits.*\/skills\/2\//);
    assert.match(publisherIdProblem('0042') ?? '', /all digits/);
    for (const ok of ['acme', 'team-2', '2fa-tools', '3d'])
      assert.equal(publisherIdProblem(ok), undefined, ok);
  });

  test('keys ids by NFKC and lower case', () => {
    assert.equal(publisherIdKey('Northwind-Labs'), 'northwind-labs');
    assert.equal(publisherIdKey('ｎｏｒｔｈｗｉｎｄ-labs'), 'northwind-labs');
  });

  test('flags the later of two ids that differ only by case, whatever their sort order', () => {
    assert.deepEqual(
      conflictingPublisherIds([
        { id: 'Northwind-Labs', firstSeen: 5 },
        { id: 'northwind-labs', firstSeen: 2 },
        { id: 'acme', firstSeen: 9 },
      ]),
      new Map([['Northwind-Labs', 'northwind-labs']]),
    );
    // The real publisher may arrive second: then it is the one flagged, which the operator sees.
    assert.deepEqual(
      conflictingPublisherIds([
        { id: 'northwind-labs', firstSeen: 5 },
        { id: 'NORTHWIND-LABS', firstSeen: 1 },
      ]),
      new Map([['northwind-labs', 'NORTHWIND-LABS']]),
    );
    assert.equal(
      conflictReason('northwind-labs'),
      'publisher id differs only by case from northwind-labs',
    );
  });

  test('on a tie or without history, the lower-case id wins over its capitalised copy', () => {
    assert.deepEqual(
      conflictingPublisherIds([{ id: 'Northwind-Labs' }, { id: 'northwind-labs' }]),
      new Map([['Northwind-Labs', 'northwind-labs']]),
    );
    assert.deepEqual(
      conflictingPublisherIds([
        { id: 'Northwind-Labs', firstSeen: 3 },
        { id: 'northwind-labs', firstSeen: 3 },
      ]),
      new Map([['Northwind-Labs', 'northwind-labs']]),
    );
    // A known first appearance beats an unknown one.
    assert.deepEqual(
      conflictingPublisherIds([{ id: 'northwind-labs' }, { id: 'Northwind-Labs', firstSeen: 40 }]),
      new Map([['northwind-labs', 'Northwind-Labs']]),
    );
  });

  test('orders by first appearance, unknown last, then case-insensitively', () => {
    const ids = [
      { id: 'zeta' },
      { id: 'Beta', firstSeen: 2 },
      { id: 'alpha', firstSeen: 2 },
      { id: 'Zeta' },
      { id: 'gamma', firstSeen: 0 },
    ];
    assert.deepEqual(
      ids.sort(compareFirstSeen).map((p) => p.id),
      ['gamma', 'alpha', 'Beta', 'zeta', 'Zeta'],
    );
    assert.ok(
      compareCodePoints('\u{1F600}', '\uFFFD') > 0,
      'an astral character sorts after the BMP, as in UTF-8',
    );
  });
});

describe('resolvePublisherNames', () => {
  test('the first publisher keeps its name; a later lookalike is shown by its id', () => {
    const names = resolvePublisherNames([
      { id: 'impostor', profileName: 'Νorthwind Labs ✔', firstSeen: 7 },
      { id: 'northwind-labs', profileName: 'Northwind Labs', firstSeen: 1 },
      { id: 'acme', profileName: 'Acme Inc.', firstSeen: 3 },
    ]);
    assert.deepEqual(names.get('northwind-labs'), { name: 'Northwind Labs', claimed: true });
    assert.deepEqual(names.get('acme'), { name: 'Acme Inc.', claimed: true });
    assert.deepEqual(names.get('impostor'), {
      name: 'impostor',
      claimed: false,
      reason: 'display name already used by northwind-labs',
    });
  });

  test("a later name may not look like an earlier publisher's id", () => {
    const names = resolvePublisherNames([
      { id: 'northwind-labs', firstSeen: 1 },
      { id: 'copycat', profileName: 'Northwind Labs', firstSeen: 2 },
      { id: 'contoso', profileName: 'Contoso', firstSeen: 3 },
    ]);
    assert.deepEqual(names.get('northwind-labs'), { name: 'northwind-labs', claimed: false });
    assert.deepEqual(names.get('copycat'), {
      name: 'copycat',
      claimed: false,
      reason: 'display name already used by northwind-labs',
    });
    // Its own id's look is no obstacle.
    assert.deepEqual(names.get('contoso'), { name: 'Contoso', claimed: true });
  });

  test('the decision follows first appearance, not the order publishers are given in', () => {
    const a = { id: 'aaa', profileName: 'Shared Name', firstSeen: 9 };
    const b = { id: 'zzz', profileName: 'SHARED NAME', firstSeen: 4 };
    for (const list of [
      [a, b],
      [b, a],
    ]) {
      const names = resolvePublisherNames(list);
      assert.equal(names.get('zzz')?.name, 'SHARED NAME');
      assert.equal(names.get('aaa')?.name, 'aaa');
    }
  });

  test('refuses names without letters or digits and strips invisible characters from the rest', () => {
    const names = resolvePublisherNames([
      { id: 'emoji', profileName: '✔✔✔', firstSeen: 1 },
      { id: 'tidy', profileName: '  Tidy\u200b  Tools\u202e \n', firstSeen: 2 },
    ]);
    assert.deepEqual(names.get('emoji'), {
      name: 'emoji',
      claimed: false,
      reason: 'display name has no letters or digits',
    });
    assert.deepEqual(names.get('tidy'), { name: 'Tidy Tools', claimed: true });
  });
});

describe('displayName', () => {
  test('uses the spec name only when it is valid, else the folder', () => {
    assert.equal(displayName('release-notes', 'release-notes-folder', true), 'release-notes');
    assert.equal(displayName('run — Northwind Labs ✔ verified', 'run', false), 'run');
    // A caller that claims validity for an invalid name still gets the folder.
    assert.equal(displayName('Run Verified', 'run', true), 'run');
    assert.equal(displayName('a'.repeat(65), 'long', true), 'long');
  });
});

describe('build dates', () => {
  const clock = Date.parse('2026-06-15T17:45:12Z');

  test('now is SOURCE_DATE_EPOCH, else the HEAD commit date, else the start of the UTC day', () => {
    assert.equal(
      buildNow({ SOURCE_DATE_EPOCH: '1767225600' }, '2026-03-01T10:00:00+02:00', clock),
      '2026-01-01T00:00:00Z',
    );
    assert.equal(buildNow({}, '2026-03-01T10:00:00+02:00', clock), '2026-03-01T08:00:00Z');
    assert.equal(buildNow({ SOURCE_DATE_EPOCH: '' }, undefined, clock), '2026-06-15T00:00:00Z');
    assert.throws(
      () => buildNow({ SOURCE_DATE_EPOCH: 'yesterday' }, undefined, clock),
      /SOURCE_DATE_EPOCH/,
    );
    assert.throws(() => buildNow({ SOURCE_DATE_EPOCH: '-5' }), /SOURCE_DATE_EPOCH/);
    assert.throws(() => buildNow({ SOURCE_DATE_EPOCH: '99999999999999' }), /SOURCE_DATE_EPOCH/);
  });

  test('clampDate refuses dates after now and non-dates', () => {
    const now = '2026-06-15T00:00:00Z';
    assert.equal(clampDate('2026-06-15', now), '2026-06-15');
    assert.equal(clampDate('2026-06-14T23:00:00-02:00', now), undefined);
    assert.equal(clampDate('2026-05-01T10:00:00+02:00', now), '2026-05-01T10:00:00+02:00');
    assert.equal(clampDate('2099-01-01', now), undefined);
    assert.equal(clampDate('soon', now), undefined);
    assert.equal(clampDate(undefined, now), undefined);
  });

  test('sidecar dates count only for trusted publishers, else the git date, never after now', () => {
    const now = '2026-06-15T00:00:00Z';
    const trusted = ['acme'];
    assert.equal(
      trustedDate('2026-06-01', 'acme', trusted, '2026-02-01T00:00:00Z', now),
      '2026-06-01',
    );
    assert.equal(
      trustedDate('2026-06-01', 'stranger', trusted, '2026-02-01T00:00:00Z', now),
      '2026-02-01T00:00:00Z',
    );
    assert.equal(
      trustedDate('2099-01-01', 'acme', trusted, '2026-02-01T00:00:00Z', now),
      '2026-02-01T00:00:00Z',
    );
    assert.equal(trustedDate('2099-01-01', 'stranger', trusted, undefined, now), undefined);
    assert.equal(trustedDate(undefined, 'acme', trusted, '2030-01-01T00:00:00Z', now), undefined);
  });

  test("featured only by the operator: site.json featured, or a trusted publisher's sidecar", () => {
    assert.equal(isFeatured('acme/run', 'acme', false, ['acme/run'], []), true);
    assert.equal(isFeatured('acme/run', 'acme', true, [], ['acme']), true);
    assert.equal(isFeatured('evil/run', 'evil', true, [], ['acme']), false);
  });
});

describe('publishPolicy', () => {
  test('reads the operator keys of site.json', () => {
    const policy = publishPolicy({
      name: 'x',
      installNames: { 'northwind-labs/run': 'run' },
      renames: { 'old-run': 'run' },
      trustedPublishers: ['northwind-labs'],
      featured: ['northwind-labs/run'],
    });
    assert.deepEqual(policy, {
      installNames: { 'northwind-labs/run': 'run' },
      renames: { 'old-run': 'run' },
      trustedPublishers: ['northwind-labs'],
      featured: ['northwind-labs/run'],
      problems: [],
    });
  });

  test('ignores and reports malformed values', () => {
    const policy = publishPolicy({
      installNames: ['run'],
      renames: { a: 1 },
      trustedPublishers: 'acme',
      featured: ['x/y', 3],
    });
    assert.deepEqual(
      [policy.installNames, policy.renames, policy.trustedPublishers, policy.featured],
      [{}, {}, [], ['x/y']],
    );
    assert.equal(policy.problems.length, 4);
    assert.deepEqual(publishPolicy(null), {
      installNames: {},
      renames: {},
      trustedPublishers: [],
      featured: [],
      problems: [],
    });
  });
});

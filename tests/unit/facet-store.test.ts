import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { cardRecord, type ApiSummary } from '../../src/lib/search/card-record.ts';
import { facetStore } from '../../src/lib/search/facet-store.ts';
import {
  CARD_CHUNK,
  decodeIds,
  encodeIds,
  TOP_VALUES,
  withinOneEdit,
  type FacetIndex,
} from '../../src/lib/shared/catalogue-store.ts';
import type { FacetKey } from '../../src/lib/shared/search-state.ts';
import { prng } from '../bench/generate.ts';

const LICENCES = ['MIT', 'Apache-2.0', 'CC-BY-4.0'];

/** A seeded catalogue in name order, with a long tail of publishers and tags. */
function catalogue(n: number): ReturnType<typeof cardRecord>[] {
  const r = prng(11);
  return Array.from({ length: n }, (_, i) => {
    const name = `skill-${String(i).padStart(5, '0')}`;
    const publisher = `pub-${Math.floor(r() ** 3 * 60)}`;
    const tags = [
      ...new Set(
        Array.from({ length: 1 + Math.floor(r() * 4) }, () => `t${Math.floor(r() ** 2 * 45)}`),
      ),
    ];
    const summary: ApiSummary = {
      id: `${publisher}/${name}`,
      name,
      publisher: { id: publisher, name: publisher },
      description: `Skill ${i}`,
      tags,
      license: LICENCES[i % 3]!,
      updated: `2026-${String(1 + Math.floor(r() * 12)).padStart(2, '0')}-10`,
      url: `https://x.test/skills/${publisher}/${name}/`,
      fileCount: 2,
      scripts: r() < 0.4,
      claudeAi: r() < 0.7,
      trust: { verdict: r() < 0.8 ? 'no-concerns' : 'review', coverage: 'full' },
    };
    return cardRecord(`/skills/${publisher}/${name}/`, summary);
  });
}

/** Answers the browser code's fetches from the store's files, as the built site would. */
async function withStore<T>(files: Map<string, string>, run: () => Promise<T>): Promise<T> {
  const { forgetStoreFiles } = await import('../../src/client/catalogue-store.ts');
  forgetStoreFiles();
  const original = globalThis.fetch;
  globalThis.fetch = ((input: string | URL) => {
    const path = String(input).replace(/^\/catalogue\//, '');
    const body = files.get(path);
    return Promise.resolve(new Response(body ?? 'missing', { status: body ? 200 : 404 }));
  }) as typeof fetch;
  try {
    return await run();
  } finally {
    globalThis.fetch = original;
  }
}

describe('precomputed catalogue (instant filters)', () => {
  const cards = catalogue(730);
  const files = facetStore(cards);
  const index = JSON.parse(files.get('facets.json')!) as FacetIndex;
  const has = (i: number, facet: string, value: string): boolean =>
    cards[i]!.filters[facet]!.includes(value);

  test('delta encoding round-trips', () => {
    assert.deepEqual(encodeIds([3, 4, 9, 200]), [3, 1, 5, 191]);
    assert.deepEqual(decodeIds(encodeIds([0, 7, 8, 900])), [0, 7, 8, 900]);
    assert.deepEqual(decodeIds([]), []);
  });

  test('cards are chunked in catalogue order; every value has an id-list of exactly its skills', () => {
    assert.equal(index.count, 730);
    assert.equal(files.has(`cards/${Math.floor(729 / CARD_CHUNK)}.json`), true);
    for (const facet of Object.keys(index.top)) {
      const all = JSON.parse(files.get(`all/${facet}.json`)!) as [string, number, number][];
      assert.equal(all.length, index.totals[facet]);
      assert.ok(index.top[facet]!.length <= TOP_VALUES);
      for (const [value, count, id] of all) {
        const ids = decodeIds(JSON.parse(files.get(`ids/${facet}/${id}.json`)!) as number[]);
        const expected = cards.flatMap((_, i) => (has(i, facet, value) ? [i] : []));
        assert.deepEqual(ids, expected, `${facet}=${value}`);
        assert.equal(count, expected.length);
      }
    }
    assert.ok(index.totals['tag']! > TOP_VALUES, 'the fixture has a long tail of tags');
  });

  test('a facet find box searches every value, most common first, at most TOP_VALUES', async () => {
    const { findFacetValues } = await import('../../src/client/catalogue-store.ts');
    const found = await withStore(files, () => findFacetValues('publisher', 'pub-1'));
    const expected = (JSON.parse(files.get('all/publisher.json')!) as [string, number][])
      .filter(([value]) => value.includes('pub-1'))
      .slice(0, TOP_VALUES)
      .map(([value, count]) => [value, count]);
    assert.ok(expected.length > 5);
    assert.deepEqual(found, expected);
    const counts = found.map(([, count]) => count);
    assert.deepEqual(
      counts,
      [...counts].sort((a, b) => b - a),
    );
  });

  test('the browser code answers AND filters (common and long-tail values) and both sorts like a scan', async () => {
    const { matchingPositions, cardsAt, countsWithin } =
      await import('../../src/client/catalogue-store.ts');
    const all = JSON.parse(files.get('all/tag.json')!) as [string, number, number][];
    const rare = all.at(-1)![0];
    const common = all[0]![0];
    const cases = [
      { tag: [common], license: ['MIT'] },
      { tag: [rare] },
      { tag: [common, all[1]![0]], scripts: ['yes'] },
      { tag: ['no-such-tag'] },
    ];
    for (const chosen of cases) {
      const none: Record<FacetKey, string[]> = {
        tag: [],
        publisher: [],
        license: [],
        scripts: [],
        trust: [],
        loads: [],
      };
      const filters = { ...none, ...chosen };
      const expected = cards.flatMap((_, i) =>
        Object.entries(chosen).every(([facet, values]) => values.every((v) => has(i, facet, v)))
          ? [i]
          : [],
      );
      const byName = await withStore(files, () => matchingPositions(index, filters, 'name'));
      assert.deepEqual(byName, expected, JSON.stringify(chosen));
      const byUpdated = await withStore(files, () => matchingPositions(index, filters, 'updated'));
      assert.deepEqual(
        [...byUpdated].sort((a, b) => a - b),
        expected,
      );
      const dates = byUpdated.map((i) => cards[i]!.sort['updated']!);
      assert.deepEqual(dates, [...dates].sort().reverse(), 'most recently updated first');
      const counts = await withStore(files, () => countsWithin(index, byName, filters));
      assert.ok(counts, 'counted');
      // A newer click makes the counting give up instead of fetching every list.
      assert.equal(
        await withStore(files, () => countsWithin(index, byName, filters, () => false)),
        undefined,
      );
      for (const [facet, values] of Object.entries(counts))
        for (const [value, n] of Object.entries(values))
          assert.equal(
            n,
            byName.filter((i) => has(i, facet, value)).length,
            `${facet}=${value} within ${JSON.stringify(chosen)}`,
          );
      assert.ok(Object.keys(counts['tag'] ?? {}).length > 0);
      const shown = await withStore(files, () => cardsAt(index, byName.slice(0, 24)));
      assert.deepEqual(
        shown.map((c) => c.meta['title']),
        byName.slice(0, 24).map((i) => cards[i]!.meta['title']),
      );
    }
  });
});

describe('name index (the first answer to a typed query)', () => {
  test('one edit: insertion, deletion, substitution or a swap of neighbours, and no more', () => {
    assert.equal(withinOneEdit('postgres', 'postgres'), true);
    assert.equal(withinOneEdit('postgrs', 'postgres'), true);
    assert.equal(withinOneEdit('postgress', 'postgres'), true);
    assert.equal(withinOneEdit('postgrez', 'postgres'), true);
    assert.equal(withinOneEdit('psotgres', 'postgres'), true);
    assert.equal(withinOneEdit('pstgrs', 'postgres'), false);
    assert.equal(withinOneEdit('potsgers', 'postgres'), false);
  });

  test('finds names by prefix and with one typo, exact matches first, through the browser code', async () => {
    // In catalogue (name) order, as the store is built.
    const names = ['git-hooks', 'pdf-forms', 'pdf-tools', 'postgres-query-tuning', 'postgrest-api'];
    const cards = names.map((name) =>
      cardRecord(`/skills/acme/${name}/`, {
        id: `acme/${name}`,
        name,
        publisher: { id: 'acme', name: 'Acme' },
        description: `About ${name.replace(/-/g, ' ')}`,
        tags: [],
        license: null,
        updated: '2026-11-01',
        url: `https://x.test/skills/acme/${name}/`,
        fileCount: 1,
        scripts: false,
        claudeAi: true,
        trust: { verdict: 'no-concerns', coverage: 'full' },
      }),
    );
    const files = facetStore(cards);
    const { nameMatches } = await import('../../src/client/name-search.ts');
    const titles = async (query: string): Promise<string[]> =>
      (await withStore(files, () => nameMatches(query))).map((hit) => hit.meta['title']!);
    assert.deepEqual(await titles('postgres'), ['postgres-query-tuning', 'postgrest-api']);
    assert.deepEqual(await titles('postgrs tunin'), ['postgres-query-tuning']);
    assert.deepEqual(await titles('pdf'), ['pdf-forms', 'pdf-tools']);
    assert.deepEqual(await titles('pdf tols'), ['pdf-tools']);
    assert.deepEqual(await titles('ipt-hooks'), []);
    assert.deepEqual(await titles('git ohoks'), ['git-hooks'], 'a swap of the first two letters');
    const tagged = facetStore(
      ['devops', 'databases', 'design'].map((tag, i) =>
        cardRecord(`/skills/acme/s${i}/`, {
          id: `acme/s${i}`,
          name: `s${i}`,
          publisher: { id: 'acme', name: 'Acme' },
          description: '',
          tags: [tag],
          license: null,
          updated: '2026-11-01',
          url: `https://x.test/skills/acme/s${i}/`,
          fileCount: 1,
          scripts: false,
          claudeAi: true,
          trust: { verdict: 'no-concerns', coverage: 'full' },
        }),
      ),
    );
    const { closeTags } = await import('../../src/client/name-search.ts');
    assert.deepEqual(await withStore(tagged, () => closeTags('zqxwv devosp')), ['devops']);
    assert.deepEqual(await withStore(tagged, () => closeTags('data')), ['databases']);
    assert.deepEqual(await withStore(tagged, () => closeTags('zz')), []);
    const [hit] = await withStore(files, () => nameMatches('pdf tools'));
    assert.equal(hit?.excerpt, 'About <mark>pdf</mark> <mark>tools</mark>');
  });
});

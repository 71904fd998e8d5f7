import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  declaredTags,
  FALLBACK_TAG,
  inferTags,
  normaliseTag,
  resolveTags,
  tagLabel,
  TAG_VOCABULARY,
} from '../../src/lib/skill/tags.ts';

describe('normaliseTag', () => {
  test('lower-cases, hyphenates, spells out + and #, drops accents and folds synonyms', () => {
    assert.equal(normaliseTag('Data Science'), 'data-science');
    assert.equal(normaliseTag('Machine Learning'), 'ai');
    assert.equal(normaliseTag('  Front_End  '), 'front-end');
    assert.equal(normaliseTag('CI/CD'), 'devops');
    assert.equal(normaliseTag('JS'), 'javascript');
    assert.equal(normaliseTag('a11y'), 'accessibility');
    assert.equal(normaliseTag('--weird---tag--'), 'weird-tag');
    // + and # are spelled out, dots become hyphens, accents and symbols go.
    assert.equal(normaliseTag('C++'), 'cpp');
    assert.equal(normaliseTag('C#'), 'csharp');
    assert.equal(normaliseTag('Vue.js'), 'vue-js');
    assert.equal(normaliseTag('Café!'), 'cafe');
    assert.equal(normaliseTag('🙂'), '');
  });
});

describe('declaredTags', () => {
  test('reads lists and comma/semicolon strings from every source, de-duplicated, at most eight', () => {
    const tags = declaredTags(
      { tags: ['Testing', 'git'], keywords: 'python; Tests, docs', category: 'Git' },
      { tags: 'JS' },
    );
    assert.deepEqual(tags, ['testing', 'git', 'javascript', 'python', 'docs']);
    // Non-text items, empty and over-long tags are skipped; at most eight are kept.
    assert.deepEqual(
      declaredTags({ tags: [{ a: 1 }, null, 42, '', '!!!', 'x'.repeat(41), 'ok'] }, {}),
      ['42', 'ok'],
    );
    const many = Array.from({ length: 12 }, (_, i) => `tag${i}`);
    assert.deepEqual(declaredTags({ tags: many }, {}), many.slice(0, 8));
  });
});

describe('inferTags', () => {
  test('weighs the name and description three times as much as the body', () => {
    // One mention in the description (3 points) beats two in the body (2 points), which fall below the threshold.
    assert.deepEqual(
      inferTags(
        'helper',
        'Writes a Dockerfile for docker builds.',
        'Check git status. Run git log.',
      ),
      ['devops'],
    );
  });

  test('caps body mentions at five per keyword and orders ties by vocabulary order', () => {
    // Ten body mentions of git count as five, so two description mentions of python (6) win.
    assert.deepEqual(inferTags('x', 'python python', 'git '.repeat(10)), ['python', 'git']);
    assert.deepEqual(inferTags('x', 'sql and python', ''), ['databases', 'python']);
  });

  test('matches whole words and phrases only, returns at most max tags, else the fallback', () => {
    assert.deepEqual(inferTags('x', 'contest latest attestation', ''), [FALLBACK_TAG]);
    assert.deepEqual(inferTags('x', 'a screen reader friendly page', ''), ['accessibility']);
    // At most `max` tags, and the fallback tag when nothing matches.
    assert.equal(inferTags('api-security-testing', 'api security testing docker', '', 2).length, 2);
    assert.deepEqual(inferTags('foo', 'bar baz', 'qux'), ['general']);
  });
});

describe('resolveTags', () => {
  test('prefers declared tags and infers only when there are none', () => {
    assert.deepEqual(resolveTags({ tags: ['ops'] }, {}, 'n', 'python python', ''), {
      tags: ['ops'],
      inferred: false,
    });
    assert.deepEqual(resolveTags({}, {}, 'n', 'A python helper', ''), {
      tags: ['python'],
      inferred: true,
    });
  });
});

describe('tagLabel', () => {
  test('uses the vocabulary label, else title-cases the slug', () => {
    assert.equal(tagLabel('api'), 'APIs');
    assert.equal(tagLabel('docs'), 'Documentation');
    assert.equal(tagLabel('machine-vision'), 'Machine Vision');
    // Every vocabulary slug is already normalised.
    for (const tag of TAG_VOCABULARY) assert.equal(normaliseTag(tag.slug), tag.slug, tag.slug);
  });
});

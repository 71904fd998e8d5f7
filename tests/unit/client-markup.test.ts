/**
 * Browser code shows data only through server-rendered `<template>`s it clones and fills with
 * `textContent` and `setAttribute` (src/client/templates.ts): no module parses HTML it builds, so a
 * skill's text can never become markup, and client markup cannot drift from the components.
 */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

const CLIENT = join(import.meta.dirname, '..', '..', 'src', 'client');

test('no client module builds markup from strings', () => {
  const files = readdirSync(CLIENT, { recursive: true, encoding: 'utf8' }).filter((f) =>
    f.endsWith('.ts'),
  );
  assert.ok(files.length > 0);
  const sinks =
    /\.(?:innerHTML|outerHTML)\s*[+]?=|insertAdjacentHTML|document\.write|createContextualFragment|DOMParser|setHTMLUnsafe/;
  for (const file of files) {
    // Comments may name elements (`<template>`); only code counts.
    const text = readFileSync(join(CLIENT, file), 'utf8')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/^\s*\/\/.*$/gm, '');
    for (const line of text.split('\n'))
      assert.doesNotMatch(
        line,
        sinks,
        `src/client/${file}: "${line.trim()}" builds markup from a string`,
      );
    // An HTML string literal is the other half of the old pattern: `<li class=…>${value}</li>`.
    assert.doesNotMatch(
      text,
      /[`'"]\s*<[a-z][a-z0-9-]*[\s>]/i,
      `src/client/${file} has an HTML string`,
    );
  }
});

test('client code makes no site URL by hand: every one comes from src/lib/publish/urls.ts', () => {
  for (const file of readdirSync(CLIENT, { recursive: true, encoding: 'utf8' })) {
    if (!file.endsWith('.ts')) continue;
    const text = readFileSync(join(CLIENT, file), 'utf8');
    assert.doesNotMatch(
      text,
      /[`'"]\/(?:skills|tags|publishers|search|pagefind|report|api|trust|guides|about)\b/,
      `src/client/${file} builds a site path by hand`,
    );
  }
});

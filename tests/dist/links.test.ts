/** Checks every built page: each internal link, image, script and stylesheet resolves to a file in the build. */
import assert from 'node:assert/strict';
import { requireBuild } from '../support/require-build.ts';
import { test } from 'node:test';
import { findBrokenLinks } from '../../src/cli/link-check.ts';

for (const dir of ['dist', 'dist-site', 'dist-fixtures']) {
  const root = requireBuild(dir);
  test(`every internal link and asset in ${dir}/ resolves`, () => {
    const { pages, checked, broken } = findBrokenLinks(root);
    assert.ok(pages > 10, `expected a built site in ${dir}/`);
    assert.ok(checked > 100, `only ${checked} links checked`);
    assert.deepEqual(broken.slice(0, 30), [], `${broken.length} broken internal links`);
  });
}

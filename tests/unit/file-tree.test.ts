import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { buildFileTree } from '../../src/lib/render/file-tree.ts';
import type { TreeNode } from '../../src/lib/render/file-tree.ts';

type F = { path: string; size: number };

/** A compact picture of a tree: folders end with "/", children in order. */
function shape(nodes: TreeNode<F>[]): unknown[] {
  return nodes.map((n) => (n.file ? n.name : { [`${n.name}/`]: shape(n.children) }));
}

describe('buildFileTree', () => {
  test('nests flat paths into folders, folders before files, each sorted by name', () => {
    const files: F[] = [
      { path: 'SKILL.md', size: 1 },
      { path: 'scripts/tool.py', size: 2 },
      { path: 'references/guide.md', size: 3 },
      { path: 'references/deep/more/notes.md', size: 4 },
      { path: 'assets/logo.png', size: 5 },
      { path: 'LICENSE', size: 6 },
      { path: 'scripts/run.sh', size: 7 },
    ];
    assert.deepEqual(shape(buildFileTree(files)), [
      { 'assets/': ['logo.png'] },
      { 'references/': [{ 'deep/': [{ 'more/': ['notes.md'] }] }, 'guide.md'] },
      { 'scripts/': ['run.sh', 'tool.py'] },
      'LICENSE',
      'SKILL.md',
    ]);
  });

  test('gives folders their full path and attaches each file object to its leaf', () => {
    const notes = { path: 'references/deep/notes.md', size: 9 };
    const [references] = buildFileTree([notes]);
    assert.equal(references?.path, 'references');
    assert.equal(references?.file, undefined);
    const deep = references?.children[0];
    assert.ok(deep);
    assert.equal(deep.path, 'references/deep');
    const leaf = deep.children[0]!;
    assert.deepEqual(
      [leaf.name, leaf.path, leaf.children],
      ['notes.md', 'references/deep/notes.md', []],
    );
    assert.equal(leaf.file, notes);
  });

  test('returns an empty list for no files, leaves the input array alone and sorts by code point', () => {
    assert.deepEqual(buildFileTree([]), []);
    const input: F[] = [
      { path: 'b.md', size: 1 },
      { path: 'a.md', size: 1 },
    ];
    const tree = buildFileTree(input);
    assert.deepEqual(
      tree.map((n) => n.name),
      ['a.md', 'b.md'],
    );
    assert.deepEqual(
      input.map((f) => f.path),
      ['b.md', 'a.md'],
    );
    // Names sort by code point, so capitals come first.
    assert.deepEqual(
      buildFileTree([
        { path: 'b.md', size: 1 },
        { path: 'Z.md', size: 1 },
      ]).map((n) => n.name),
      ['Z.md', 'b.md'],
    );
  });
});

/** A folder or file in a package's tree. */
export interface TreeNode<T> {
  name: string;
  path: string;
  file?: T | undefined;
  children: TreeNode<T>[];
}

/** Builds a nested tree from flat POSIX paths; folders first, then files, each by name. */
export function buildFileTree<T extends { path: string }>(files: readonly T[]): TreeNode<T>[] {
  const root: TreeNode<T> = { name: '', path: '', children: [] };
  for (const file of files) {
    let node = root;
    const parts = file.path.split('/');
    parts.forEach((part, i) => {
      const path = parts.slice(0, i + 1).join('/');
      let child = node.children.find(
        (c) => c.name === part && (i === parts.length - 1 ? true : !c.file),
      );
      if (!child) {
        child = { name: part, path, children: [] };
        node.children.push(child);
      }
      if (i === parts.length - 1) child.file = file;
      node = child;
    });
  }
  const sort = (nodes: TreeNode<T>[]): TreeNode<T>[] =>
    nodes
      .sort(
        (a, b) =>
          Number(Boolean(a.file)) - Number(Boolean(b.file)) ||
          (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
      )
      .map((n) => ({ ...n, children: sort(n.children) }));
  return sort(root.children);
}

/**
 * The static lookup from file digests to the skills and versions that shipped them, for "Check your
 * copy": split by the first hex digits of the digest into small files, so checking a folder loads
 * only the files its digests fall in. Browser-safe shapes; the writer is src/data/digest-files.ts.
 */

/** `api/digests/index.json`: how many leading hex digits name a lookup file. */
export interface DigestIndexHead {
  prefix: number;
}

/** `api/digests/<prefix>.json`: digest → `[skill id, version id, version id …][]`. */
export type DigestFile = Record<string, string[][]>;

/** Digests per lookup file the split aims at. */
const PER_FILE = 256;

/** Leading hex digits that name a lookup file for `distinct` digests: at least 1, at most 6. */
export function digestPrefixLength(distinct: number): number {
  let length = 1;
  while (length < 6 && distinct / 16 ** length > PER_FILE) length += 1;
  return length;
}

/** Builds the lookup files from every offered version's files. */
export function buildDigestFiles(
  versions: Iterable<{ skill: string; id: string; files: readonly { sha256: string }[] }>,
): { head: DigestIndexHead; files: Map<string, DigestFile> } {
  const bySha = new Map<string, Map<string, string[]>>();
  for (const version of versions)
    for (const file of version.files) {
      let skills = bySha.get(file.sha256);
      if (!skills) bySha.set(file.sha256, (skills = new Map<string, string[]>()));
      const ids = skills.get(version.skill) ?? [];
      if (!ids.includes(version.id)) ids.push(version.id);
      skills.set(version.skill, ids);
    }
  const prefix = digestPrefixLength(bySha.size);
  const files = new Map<string, DigestFile>();
  for (const sha of [...bySha.keys()].sort()) {
    const name = sha.slice(0, prefix);
    let file = files.get(name);
    if (!file) files.set(name, (file = {}));
    file[sha] = [...bySha.get(sha)!].map(([skill, ids]) => [skill, ...ids]);
  }
  return { head: { prefix }, files };
}

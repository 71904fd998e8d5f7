import { createHash } from 'node:crypto';
import { zipSync, type Zippable } from 'fflate';
import { agentPluginManifest } from './agent-plugin.ts';

/**
 * The three archive layouts agents accept (REFERENCE.md §3):
 * - `folder`: one top-level folder named after the skill, SKILL.md inside (claude.ai uploads, Anthropic's packager);
 * - `root`: SKILL.md at the archive root (Agent Skills Discovery RFC archives, `npx skills add`);
 * - `plugin`: a Claude Code plugin, `.claude-plugin/plugin.json` + `skills/<name>/…`, which is also an
 *   Agent Plugins 1.0 plugin through its root `plugin.json` (src/lib/publish/agent-plugin.ts).
 */
export type ZipLayout = 'folder' | 'root' | 'plugin';

/** Plugin manifest fields, from the skill's own frontmatter (never a version: see pluginManifest). */
export interface PluginManifest {
  name: string;
  description: string;
  license?: string | undefined;
  keywords?: string[] | undefined;
  author?: { name: string } | undefined;
}

/** A built archive: its bytes, size and SHA-256 (hex). */
export interface BuiltZip {
  bytes: Uint8Array<ArrayBuffer>;
  size: number;
  sha256: string;
}

const UNIX = 3;
const FILE_MODE = 0o100644;
const EXEC_MODE = 0o100755;

/** A file to archive: its package path, bytes and executable bit. */
export interface ZipInput {
  path: string;
  executable: boolean;
  bytes: Uint8Array;
}

/** A lower-case skill.md is stored as SKILL.md: every agent and claude.ai look for the capitalised name. */
const entryPath = (path: string): string => (/^skill\.md$/i.test(path) ? 'SKILL.md' : path);

/** Builds a reproducible ZIP of a package: sorted entries, fixed timestamps and permissions, exec bits kept. */
export function buildSkillZip(
  files: readonly ZipInput[],
  layout: ZipLayout,
  name: string,
  manifest?: PluginManifest,
): BuiltZip {
  const prefix = layout === 'folder' ? `${name}/` : layout === 'plugin' ? `skills/${name}/` : '';
  const entries: [string, Uint8Array, number][] = files.map((file) => [
    `${prefix}${entryPath(file.path)}`,
    file.bytes,
    file.executable ? EXEC_MODE : FILE_MODE,
  ]);
  if (layout === 'plugin') {
    const plugin = manifest ?? { name, description: '' };
    const json = (value: object): Uint8Array =>
      new TextEncoder().encode(`${JSON.stringify(value, null, 2)}\n`);
    // Claude Code reads .claude-plugin/plugin.json; Agent Plugins clients the root plugin.json.
    entries.push(['.claude-plugin/plugin.json', json(plugin), FILE_MODE]);
    entries.push(['plugin.json', json(agentPluginManifest(plugin)), FILE_MODE]);
  }
  return zipEntries(entries);
}

/**
 * One archive holding several skills, each in its own folder (`<folder>/SKILL.md`, …): a collection's
 * download. Not a claude.ai upload (that takes one folder); reproducible like every archive here.
 */
export function buildFoldersZip(
  folders: readonly { folder: string; files: readonly ZipInput[] }[],
): BuiltZip {
  return zipEntries(
    folders.flatMap(({ folder, files }) =>
      files.map((file): [string, Uint8Array, number] => [
        `${folder}/${entryPath(file.path)}`,
        file.bytes,
        file.executable ? EXEC_MODE : FILE_MODE,
      ]),
    ),
  );
}

/** Sorted entries with fixed timestamps and permissions: the same bytes on every machine. */
function zipEntries(entries: [string, Uint8Array, number][]): BuiltZip {
  entries.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  // ZIP stores local wall-clock time: build the fixed date in the current zone so every build writes 2020-01-01 00:00.
  const fixedDate = new Date(2020, 0, 1, 0, 0, 0);
  const zippable: Zippable = {};
  for (const [path, data, mode] of entries) {
    zippable[path] = [
      data,
      {
        mtime: fixedDate,
        os: UNIX,
        attrs: (mode << 16) >>> 0,
        level: alreadyCompressed(path) ? 0 : 6,
      },
    ];
  }
  const bytes = zipSync(zippable);
  return { bytes, size: bytes.length, sha256: sha256Hex(bytes) };
}

/** SHA-256 of bytes, as lower-case hex. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function alreadyCompressed(path: string): boolean {
  return /\.(?:png|jpe?g|gif|webp|avif|zip|gz|tgz|bz2|xz|7z|woff2?|mp[34]|webm|pdf|docx|xlsx|pptx)$/i.test(
    path,
  );
}

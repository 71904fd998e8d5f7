import { createHash } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { deflateSync } from 'fflate';
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
  return buildSkillZips(files, [layout], name, manifest)[layout];
}

/**
 * Builds several layouts of one package. Each file is compressed once and its bytes shared by every
 * layout: only the entry names differ between them.
 */
export function buildSkillZips<L extends ZipLayout>(
  files: readonly ZipInput[],
  layouts: readonly L[],
  name: string,
  manifest?: PluginManifest,
): Record<L, BuiltZip> {
  const packed = new Map(files.map((file) => [file, packEntry(file.path, file.bytes)]));
  const zips = {} as Record<L, BuiltZip>;
  for (const layout of layouts) {
    const prefix = layout === 'folder' ? `${name}/` : layout === 'plugin' ? `skills/${name}/` : '';
    const entries: Entry[] = files.map((file) => ({
      path: `${prefix}${entryPath(file.path)}`,
      mode: file.executable ? EXEC_MODE : FILE_MODE,
      packed: packed.get(file)!,
    }));
    if (layout === 'plugin') {
      const plugin = manifest ?? { name, description: '' };
      const json = (value: object): Uint8Array =>
        new TextEncoder().encode(`${JSON.stringify(value, null, 2)}\n`);
      // Claude Code reads .claude-plugin/plugin.json; Agent Plugins clients the root plugin.json.
      for (const [path, value] of [
        ['.claude-plugin/plugin.json', plugin],
        ['plugin.json', agentPluginManifest(plugin)],
      ] as const)
        entries.push({ path, mode: FILE_MODE, packed: packEntry(path, json(value)) });
    }
    zips[layout] = zipEntries(entries);
  }
  return zips;
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
      files.map((file): Entry => ({
        path: `${folder}/${entryPath(file.path)}`,
        mode: file.executable ? EXEC_MODE : FILE_MODE,
        packed: packEntry(file.path, file.bytes),
      })),
    ),
  );
}

/** A file's bytes as an archive stores them: compressed (or not), with its size and CRC-32. */
interface Packed {
  data: Uint8Array;
  size: number;
  crc: number;
  method: 0 | 8;
}

function packEntry(path: string, bytes: Uint8Array): Packed {
  const stored = alreadyCompressed(path);
  return {
    data: stored ? bytes : deflateSync(bytes, { level: 6 }),
    size: bytes.length,
    crc: crc32(bytes),
    method: stored ? 0 : 8,
  };
}

interface Entry {
  path: string;
  mode: number;
  packed: Packed;
}

// ZIP stores local wall-clock time: the fixed date is built in the current zone so every build
// writes 2020-01-01 00:00 (as DOS date and time).
const DOS_DATE_TIME = (() => {
  const d = new Date(2020, 0, 1, 0, 0, 0);
  return (
    (((d.getFullYear() - 1980) << 25) |
      ((d.getMonth() + 1) << 21) |
      (d.getDate() << 16) |
      (d.getHours() << 11) |
      (d.getMinutes() << 5) |
      (d.getSeconds() >> 1)) >>>
    0
  );
})();

/**
 * Sorted entries with fixed timestamps and permissions: the same bytes on every machine. The
 * container is the one fflate's `zipSync` writes (archives of kept versions are pinned by digest,
 * so their bytes may never change): its entry order (an object's key order: names that are array
 * indexes first, in numeric order), UTF-8 flag, "version 2.0" fields and Unix attributes.
 */
function zipEntries(entries: Entry[]): BuiltZip {
  entries.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const byName: Record<string, Entry> = {};
  for (const entry of entries) byName[entry.path] = entry;
  const ordered: { entry: Entry; name: Uint8Array; offset: number }[] = [];
  const encoder = new TextEncoder();
  let local = 0;
  let central = 0;
  for (const path in byName) {
    const entry = byName[path]!;
    const name = encoder.encode(path);
    if (name.length > 0xffff) throw new Error(`An archive entry name is too long: ${path}`);
    ordered.push({ entry, name, offset: local });
    local += 30 + name.length + entry.packed.data.length;
    central += 46 + name.length;
  }
  const out = new Uint8Array(local + central + 22);
  const view = new DataView(out.buffer);
  const header = (at: number, item: (typeof ordered)[number], centralOffset?: number): number => {
    const { entry, name } = item;
    const isCentral = centralOffset !== undefined;
    view.setUint32(at, isCentral ? 0x02014b50 : 0x04034b50, true);
    let b = at + 4;
    if (isCentral) {
      out[b++] = 20;
      out[b++] = UNIX;
    }
    out[b] = 20;
    b += 2;
    out[b++] = 0;
    // Bit 11: the name is UTF-8 (set when it is not plain ASCII).
    out[b++] = name.length !== entry.path.length ? 8 : 0;
    view.setUint16(b, entry.packed.method, true);
    b += 2;
    view.setUint32(b, DOS_DATE_TIME, true);
    b += 4;
    view.setUint32(b, entry.packed.crc, true);
    view.setUint32(b + 4, entry.packed.data.length, true);
    view.setUint32(b + 8, entry.packed.size, true);
    view.setUint16(b + 12, name.length, true);
    b += 16;
    if (isCentral) {
      view.setUint32(b + 6, (entry.mode << 16) >>> 0, true);
      view.setUint32(b + 10, centralOffset, true);
      b += 14;
    }
    out.set(name, b);
    return b + name.length;
  };
  let at = local;
  for (const item of ordered) {
    const end = header(item.offset, item);
    out.set(item.entry.packed.data, end);
    at = header(at, item, item.offset);
  }
  view.setUint32(at, 0x06054b50, true);
  view.setUint16(at + 8, ordered.length, true);
  view.setUint16(at + 10, ordered.length, true);
  view.setUint32(at + 12, central, true);
  view.setUint32(at + 16, local, true);
  return { bytes: out, size: out.length, sha256: sha256Hex(out) };
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

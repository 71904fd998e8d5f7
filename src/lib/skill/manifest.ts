import { createHash } from 'node:crypto';

/** One line of a package manifest: what a file is, independent of any archive encoder. */
export interface ManifestEntry {
  path: string;
  executable: boolean;
  sha256: string;
}

/** The manifest text: `<path>\0<mode>\0<sha256>\n` per file, sorted by path bytes, mode 644 or 755. */
export function manifestText(files: readonly ManifestEntry[]): string {
  const utf8 = (s: string): Buffer => Buffer.from(s, 'utf8');
  return [...files]
    .sort((a, b) => Buffer.compare(utf8(a.path), utf8(b.path)))
    .map((f) => `${f.path}\0${f.executable ? '755' : '644'}\0${f.sha256}\n`)
    .join('');
}

/** SHA-256 (hex) of the package manifest: names exactly the files a page, a scan or an archive describes. */
export function packageManifestDigest(files: readonly ManifestEntry[]): string {
  return createHash('sha256').update(manifestText(files)).digest('hex');
}

/**
 * Past versions in the built versions fixture (a catalogue with a git history): what the versions API
 * lists for each offered version is what its immutable archives ship, file by file, and its version id
 * is the digest of exactly those files.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { unzipSync } from 'fflate';
import { requireBuild } from '../support/require-build.ts';
import { unixModes } from '../support/zip-entries.ts';
import { packageManifestDigest } from '../../src/lib/skill/manifest.ts';

const root = requireBuild('dist-versions');
const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');
const fileFor = (url: string): string => join(root, decodeURIComponent(new URL(url).pathname));
const readJson = <T>(path: string): T => JSON.parse(readFileSync(join(root, path), 'utf8')) as T;

interface VersionFile { path: string; mode: string; sha256: string; size: number }
interface Version {
  id: string;
  current: boolean;
  withheld?: string;
  withdrawn?: boolean;
  manifest?: string;
  files?: VersionFile[];
  zips?: Record<'folder' | 'flat' | 'plugin', { url: string; sha256: string; size: number }>;
}

describe('every offered version ships what it lists', () => {
  test('archives hold exactly the listed files (bytes and modes), and the id names their manifest', () => {
    const skills = readJson<{ skills: { id: string; url: string }[] }>('api/skills.json').skills;
    let past = 0;
    for (const skill of skills) {
      const doc = readJson<{ versions: Version[] }>(`api/skills/${skill.id}/versions.json`);
      for (const version of doc.versions) {
        if (version.withheld || version.withdrawn) continue;
        if (!version.current) past += 1;
        const files = version.files!;
        assert.equal(packageManifestDigest(files.map((f) => ({ path: f.path, executable: f.mode === '755', sha256: f.sha256 }))).slice(0, 12), version.id, `${skill.id}@${version.id}`);
        const listed = files.map((f) => `${f.path === 'skill.md' ? 'SKILL.md' : f.path}\0${f.mode}\0${f.sha256}`).sort();
        for (const layout of ['folder', 'flat'] as const) {
          const zip = version.zips![layout];
          const bytes = readFileSync(fileFor(zip.url));
          assert.equal(sha256(bytes), zip.sha256, `${skill.id}@${version.id} ${layout}`);
          const modes = unixModes(bytes);
          const shipped = Object.entries(unzipSync(bytes))
            .filter(([name]) => !name.endsWith('/'))
            .map(([name, data]) => {
              const path = layout === 'folder' ? name.slice(name.indexOf('/') + 1) : name;
              return `${path}\0${((modes.get(name) ?? 0) & 0o111) !== 0 ? '755' : '644'}\0${sha256(data)}`;
            })
            .sort();
          assert.deepEqual(shipped, listed, `${skill.id}@${version.id} ${layout}`);
        }
      }
    }
    assert.ok(past >= 2, `the fixture has past versions to check (${past})`);
  });
});

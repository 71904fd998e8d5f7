/** The non-HTML formats of the built fixture site: skill.json, Markdown twins, llms.txt, badges, plugin manifests, _headers. */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { unzipSync } from 'fflate';
import { parse } from 'yaml';
import { requireBuild } from '../support/require-build.ts';
import { agentPluginProblems, agentPluginSkillPaths } from '../../src/lib/publish/agent-plugin.ts';

const root = requireBuild('dist-fixtures');
const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');
const fileFor = (url: string): string => join(root, decodeURIComponent(new URL(url).pathname));
const readJson = <T>(path: string): T => JSON.parse(readFileSync(join(root, path), 'utf8')) as T;

interface Summary { id: string; url: string; name: string; downloads: { plugin: { url: string } }; trust: { verdict: string } }
const skills = readJson<{ skills: Summary[] }>('api/skills.json').skills;
const folder = (s: Summary): string => new URL(s.url).pathname;

interface SkillJson {
  uri: string;
  frontmatter: Record<string, unknown> | null;
  frontmatterProblem?: string;
  files: { uri: string; path: string; url: string; digest: string; size: number }[];
  limits: { within: boolean };
}

describe('formats beside every skill page', () => {
  test('skill.json lists every file with a digest and size that match the raw copy, and the frontmatter as YAML 1.2 reads it', () => {
    assert.ok(skills.length > 10);
    for (const skill of skills) {
      const doc = readJson<SkillJson>(join(folder(skill), 'skill.json'));
      const detail = readJson<{ files: { path: string }[] }>(new URL(skill.url.replace('/skills/', '/api/skills/').replace(/\/$/, '.json')).pathname);
      assert.equal(doc.files.length, detail.files.length, skill.id);
      assert.match(doc.uri, /^skill:\/\/[^/]+\/[^/]+\/[^/]+\/SKILL\.md$/);
      for (const file of doc.files) {
        const bytes = readFileSync(fileFor(file.url));
        assert.equal(file.digest, `sha256:${sha256(bytes)}`, `${skill.id} ${file.path}`);
        assert.equal(file.size, bytes.length);
        assert.ok(file.uri.startsWith(doc.uri.replace(/SKILL\.md$/, '')), file.uri);
      }
      const skillMd = doc.files.find((f) => f.path === 'SKILL.md');
      assert.ok(skillMd, `${skill.id}: SKILL.md is listed under its shipped name`);
      const text = readFileSync(fileFor(skillMd.url), 'utf8').replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
      const yaml = /^\s*---\n([\s\S]*?)\n---/.exec(text)?.[1];
      if (doc.frontmatter === null) assert.ok(doc.frontmatterProblem, `${skill.id}: says why there is no frontmatter`);
      else assert.deepEqual(doc.frontmatter, JSON.parse(JSON.stringify(parse(yaml ?? '') as unknown)), skill.id);
    }
  });

  test('index.md carries the name, verdict, where it loads, then the body as published', () => {
    for (const skill of skills) {
      const md = readFileSync(join(root, folder(skill), 'index.md'), 'utf8');
      assert.match(md, /^# /);
      assert.ok(md.includes(`- Trust: ${skill.trust.verdict.replace('-', ' ')}`), skill.id);
      assert.match(md, /## Where it loads\n\n- claude\.ai: /);
      assert.ok(md.includes('## SKILL.md'));
    }
  });

  test('llms.txt links every publisher list, and each list links Markdown twins that exist', () => {
    const site = readFileSync(join(root, 'llms.txt'), 'utf8');
    const lists = [...site.matchAll(/\]\((http[^)]+\/llms\.txt)\)/g)].map((m) => m[1]!);
    assert.ok(lists.length >= 3);
    let twins = 0;
    for (const list of lists) {
      const text = readFileSync(fileFor(list), 'utf8');
      for (const [, url] of text.matchAll(/\]\((http[^)]+\/index\.md)\)/g)) {
        assert.ok(existsSync(fileFor(url!)), url);
        twins += 1;
      }
    }
    assert.equal(twins, skills.length);
  });

  test('badges are SVG with the name and verdict escaped; the shields.io endpoint says the same', () => {
    for (const skill of skills) {
      const svg = readFileSync(join(root, folder(skill), 'badge.svg'), 'utf8');
      assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
      assert.ok(!/<script|on\w+=|href=/i.test(svg), `${skill.id}: no script, handler or link`);
      const endpoint = readJson<{ schemaVersion: number; label: string; message: string }>(join(folder(skill), 'badge.json'));
      assert.equal(endpoint.schemaVersion, 1);
      assert.ok(svg.includes(`<text x=`) && endpoint.message.startsWith(skill.trust.verdict.replace('-', ' ')), skill.id);
    }
  });

  test('every plugin download is also a valid Agent Plugins 1.0 plugin beside Claude Code\u2019s manifest', () => {
    for (const skill of skills) {
      const entries = unzipSync(readFileSync(fileFor(skill.downloads.plugin.url)));
      const manifest = JSON.parse(new TextDecoder().decode(entries['plugin.json'])) as unknown;
      assert.deepEqual(agentPluginProblems(manifest), [], skill.id);
      assert.ok(entries['.claude-plugin/plugin.json'], `${skill.id}: Claude Code manifest`);
      assert.equal(agentPluginSkillPaths(Object.keys(entries)).length, 1, skill.id);
    }
  });

  test('ai-catalog.json follows ARD 0.9: URN identifiers, 2–5 queries, archive URLs whose digest matches', () => {
    const doc = readJson<{
      specVersion: string;
      host: { displayName: string };
      entries: { identifier: string; type: string; url: string; representativeQueries: string[]; metadata: { digest: string } }[];
    }>('.well-known/ai-catalog.json');
    assert.equal(doc.specVersion, '1.0');
    assert.ok(doc.host.displayName);
    assert.ok(doc.entries.length >= 5 && doc.entries.length <= skills.length);
    assert.equal(new Set(doc.entries.map((e) => e.identifier)).size, doc.entries.length, 'unique identifiers');
    for (const entry of doc.entries) {
      assert.match(entry.identifier, /^urn:air:[a-zA-Z0-9.-]+(:[a-zA-Z0-9._-]+)+$/);
      assert.equal(entry.type, 'application/agent-skills+zip');
      assert.ok(entry.representativeQueries.length >= 2 && entry.representativeQueries.length <= 5, entry.identifier);
      assert.equal(`sha256:${sha256(readFileSync(fileFor(entry.url)))}`, entry.metadata.digest, entry.url);
      assert.ok(Object.keys(unzipSync(readFileSync(fileFor(entry.url)))).includes('SKILL.md'));
    }
  });

  test('_headers gives CORS to machine-readable paths and immutable caching only to what never changes', () => {
    const headers = readFileSync(join(root, '_headers'), 'utf8');
    const rules = new Map(
      headers.split(/\n(?=\/)/).map((block) => {
        const [path, ...lines] = block.trim().split('\n');
        return [path!, lines.map((l) => l.trim())] as const;
      }),
    );
    for (const path of ['/.well-known/*', '/api/*', '/marketplace.json', '/skills/:publisher/:skill/skill.json'])
      assert.ok(rules.get(path)?.includes('Access-Control-Allow-Origin: *'), path);
    const immutable = [...rules].filter(([, lines]) => lines.some((l) => l.includes('immutable'))).map(([path]) => path);
    assert.deepEqual(immutable.sort(), ['/_astro/*', '/skills/:publisher/:skill/versions/:id/:file']);
    assert.ok(rules.get('/*')?.some((l) => l.startsWith('Content-Security-Policy: ')));
    assert.ok(rules.get('/skills/:publisher/:skill/index.md')?.includes('Content-Type: text/markdown; charset=utf-8'));
  });
});

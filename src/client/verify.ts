import { unzipSync } from 'fflate';
import { sitePath, versionsApiUrl, versionUrl } from '../lib/shared/urls.ts';
import { trustChangeParts } from '../lib/versions/changes.ts';
import type { DigestFile, DigestIndexHead } from '../lib/versions/digest-index.ts';
import {
  bestMatch,
  compareCopy,
  digestCopy,
  lookupNames,
  packagePaths,
  type CopyReport,
  type VersionData,
} from '../lib/versions/verify.ts';

/**
 * "Check your copy" (src/pages/verify.astro): a folder, a ZIP or a pasted SKILL.md is hashed in the
 * browser (nothing is uploaded), matched against the catalogue's digest lookup (api/digests/), and
 * compared with the version it is.
 */

async function json<T>(path: string): Promise<T | undefined> {
  const response = await fetch(path);
  return response.ok ? ((await response.json()) as T) : undefined;
}

/** The files of a dropped ZIP, by their paths in the archive. */
function unzip(bytes: Uint8Array): { path: string; bytes: Uint8Array }[] {
  return Object.entries(unzipSync(bytes))
    .filter(([path]) => !path.endsWith('/'))
    .map(([path, content]) => ({ path, bytes: content }));
}

const label = (v: VersionData): string => (v.label ? `${v.label} (${v.id})` : v.id);

function item(text: string): HTMLLIElement {
  const li = document.createElement('li');
  li.textContent = text;
  return li;
}

class VerifyCopy extends HTMLElement {
  connectedCallback(): void {
    const result = this.querySelector<HTMLElement>('[data-result]')!;
    const run = (entries: Promise<{ path: string; bytes: Uint8Array }[]>): void => {
      result.setAttribute('aria-busy', 'true');
      result.replaceChildren(item('Checking…'));
      entries
        .then((files) => this.#check(files))
        .then((nodes) => result.replaceChildren(...nodes))
        .catch((error: unknown) =>
          result.replaceChildren(item(`Could not check this copy: ${(error as Error).message}`)),
        )
        .finally(() => result.setAttribute('aria-busy', 'false'));
    };
    this.querySelector<HTMLInputElement>('[data-folder]')?.addEventListener('change', (event) => {
      const input = event.target as HTMLInputElement;
      run(
        Promise.all(
          [...(input.files ?? [])].map(async (file) => ({
            path: file.webkitRelativePath || file.name,
            bytes: new Uint8Array(await file.arrayBuffer()),
          })),
        ),
      );
    });
    this.querySelector<HTMLInputElement>('[data-zip]')?.addEventListener('change', (event) => {
      const file = (event.target as HTMLInputElement).files?.[0];
      if (file) run(file.arrayBuffer().then((buffer) => unzip(new Uint8Array(buffer))));
    });
    this.querySelector<HTMLFormElement>('[data-paste]')?.addEventListener('submit', (event) => {
      event.preventDefault();
      const text = this.querySelector<HTMLTextAreaElement>('textarea')?.value ?? '';
      run(Promise.resolve([{ path: 'SKILL.md', bytes: new TextEncoder().encode(text) }]));
    });
  }

  async #check(entries: { path: string; bytes: Uint8Array }[]): Promise<Node[]> {
    const paths = packagePaths(entries.map((e) => e.path));
    const files = entries.flatMap((e) => {
      const path = paths.get(e.path.replace(/^\/+/, ''));
      return path ? [{ path, bytes: e.bytes }] : [];
    });
    if (!files.length) return [item('No files to check.')];
    const { files: copy, ghMetadata } = await digestCopy(files);
    const head = await json<DigestIndexHead>(sitePath('api/digests/index.json'));
    if (!head) throw new Error('this site has no digest lookup (api/digests/)');
    const lookups = await Promise.all(
      lookupNames(copy, head.prefix).map(
        async (name) => (await json<DigestFile>(sitePath(`api/digests/${name}.json`))) ?? {},
      ),
    );
    const match = bestMatch(copy, lookups);
    if (!match) return [item('No skill in this catalogue shipped any of these files.')];
    const [publisher = '', slug = ''] = match.skill.split('/');
    const data = await json<{ versions: VersionData[] }>(versionsApiUrl(publisher, slug));
    const report = data && compareCopy(copy, data.versions, match.id);
    if (!report) throw new Error(`no version list for ${match.skill}`);
    return this.#render(match.skill, publisher, slug, report, ghMetadata);
  }

  #render(
    skill: string,
    publisher: string,
    slug: string,
    report: CopyReport,
    ghMetadata: boolean,
  ): Node[] {
    const nodes: Node[] = [];
    const heading = document.createElement('h2');
    heading.className = 'text-xl font-semibold text-slate-900 dark:text-white';
    const link = document.createElement('a');
    link.href = versionUrl(publisher, slug, report.version.id);
    link.className = 'underline';
    link.textContent = `${skill} ${label(report.version)}`;
    heading.append('This is ', link);
    nodes.push(heading);
    const facts = document.createElement('ul');
    facts.className = 'mt-2 list-disc space-y-1 pl-5';
    facts.append(
      item(
        report.behind === 0
          ? 'It is the latest version.'
          : `${report.behind} ${report.behind === 1 ? 'version' : 'versions'} behind the latest, ${label(report.latest)}.`,
      ),
    );
    const changed = report.modified.length + report.added.length + report.missing.length;
    if (!changed)
      facts.append(
        item(
          report.lineEndings.length
            ? 'Unmodified, apart from line endings.'
            : 'Unmodified: every file is the published one.',
        ),
      );
    if (report.modified.length) facts.append(item(`Modified: ${report.modified.join(', ')}`));
    if (report.added.length) facts.append(item(`Added: ${report.added.join(', ')}`));
    if (report.missing.length) facts.append(item(`Missing: ${report.missing.join(', ')}`));
    if (report.lineEndings.length)
      facts.append(item(`Line endings differ only (CRLF): ${report.lineEndings.join(', ')}`));
    if (ghMetadata)
      facts.append(
        item('The metadata lines gh skill install adds to SKILL.md (github-…) were ignored.'),
      );
    nodes.push(facts);
    if (report.trust) {
      const title = document.createElement('h3');
      title.className = 'mt-4 font-semibold text-slate-900 dark:text-white';
      title.textContent = `Updating to ${label(report.latest)} changes what it may do`;
      const list = document.createElement('ul');
      list.className = 'trust-diff';
      const parts = trustChangeParts(report.trust);
      for (const part of parts.length ? parts : ['nothing: no change in what it may do'])
        list.append(item(part));
      for (const finding of report.trust.appeared)
        list.append(
          item(`new ${finding.severity}: ${finding.message} (${finding.file}:${finding.line})`),
        );
      nodes.push(title, list);
    }
    return nodes;
  }
}

customElements.define('verify-copy', VerifyCopy);

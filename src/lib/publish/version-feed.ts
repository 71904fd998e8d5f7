import { escapeHtml } from '../shared/html-entities.ts';
import type { ListedVersion } from '../versions/api.ts';
import { versionDate } from '../versions/api.ts';
import { fileChangeLine, trustChangeLine, versionChanges } from '../versions/changes.ts';
import { xmlSafe } from './feeds.ts';

/** Entries in a feed of new versions. */
export const VERSION_FEED_SIZE = 20;

/** One new version in a feed: the skill, the version, the one before it and the version page. */
export interface VersionFeedEntry {
  skillName: string;
  version: ListedVersion;
  older?: ListedVersion | undefined;
  /** Absolute URL of the version's page. */
  url: string;
}

/** What a version changed, in one line: its files and what it may do, or that it is the first. */
export function versionSummary(version: ListedVersion, older?: ListedVersion): string {
  if (!older) return 'The first version kept.';
  const changes = versionChanges(older, version);
  return `${fileChangeLine(changes.counts)} ${trustChangeLine(changes.trust)}`;
}

const text = (value: string): string => escapeHtml(xmlSafe(value));

/**
 * An Atom feed of new versions, newest first (at most 20): each entry names the version, links to
 * its page, and says what it changed in its files and in what the skill may do.
 */
export function versionsAtom(feed: {
  title: string;
  /** Absolute URL of the feed itself (its id and self link). */
  selfUrl: string;
  /** Absolute URL of the page the feed is about. */
  pageUrl: string;
  /** The build's "now" (ISO), used when no entry has a date. */
  now: string;
  entries: VersionFeedEntry[];
}): string {
  const dated = feed.entries
    .map((entry) => ({ ...entry, date: versionDate(entry.version) ?? feed.now }))
    .sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0))
    .slice(0, VERSION_FEED_SIZE);
  const updated = dated[0]?.date ?? feed.now;
  const entries = dated.map(
    (entry) => `  <entry>
    <id>${text(entry.url)}</id>
    <title>${text(`${entry.skillName} ${entry.version.label ?? entry.version.id}`)}</title>
    <updated>${text(entry.date)}</updated>
    <link rel="alternate" type="text/html" href="${text(entry.url)}"/>
    <summary>${text(versionSummary(entry.version, entry.older))}</summary>
  </entry>`,
  );
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <id>${text(feed.selfUrl)}</id>
  <title>${text(feed.title)}</title>
  <updated>${text(updated)}</updated>
  <link rel="self" type="application/atom+xml" href="${text(feed.selfUrl)}"/>
  <link rel="alternate" type="text/html" href="${text(feed.pageUrl)}"/>
${entries.join('\n')}
</feed>
`;
}

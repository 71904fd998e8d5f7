import type { RSSOptions } from '@astrojs/rss';
import { xmlSafe, skillFeedItem } from '../lib/publish/feeds.ts';
import { versionSummary } from '../lib/publish/version-feed.ts';
import { versionFeedEntries } from './version-feeds.ts';
import { escapeHtml } from '../lib/shared/html-entities.ts';
import { homeUrl, sitePath, skillUrl } from '../lib/shared/urls.ts';
import { site } from './site.ts';
import { getRecentlyUpdated } from './skills.ts';

/** Skills in the feed: enough for a reader who checks weekly, small enough to fetch often. */
const FEED_SIZE = 50;

/** The RSS feed (`/rss.xml`): the newest added or updated skills, newest first. */
export async function getFeed(): Promise<RSSOptions> {
  const feedUrl = new URL(sitePath('rss.xml'), site.url).href;
  return {
    title: xmlSafe(site.name),
    description: xmlSafe(site.description),
    site: new URL(homeUrl(), site.url).href,
    xmlns: { atom: 'http://www.w3.org/2005/Atom' },
    customData: `<atom:link href="${escapeHtml(feedUrl)}" rel="self" type="application/rss+xml"/>`,
    items: (await getRecentlyUpdated(FEED_SIZE)).map((skill) => {
      const item = skillFeedItem(
        skill,
        new URL(skillUrl(skill.publisher, skill.slug), site.url).href,
      );
      // An update names what it changed: its files and what the skill may do.
      const [latest] = versionFeedEntries(skill);
      return latest?.older
        ? {
            ...item,
            description: xmlSafe(
              `${skill.description} What changed in ${latest.version.label ?? latest.version.id}: ${versionSummary(latest.version, latest.older)}`,
            ),
          }
        : item;
    }),
  };
}

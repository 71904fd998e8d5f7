import type { RSSFeedItem } from '@astrojs/rss';
import type { SkillRecord } from '../skill/package.ts';

// Characters XML 1.0 forbids anywhere (C0 controls but tab/LF/CR, U+FFFE/U+FFFF, lone surrogates):
// @astrojs/rss escapes markup but keeps these, and one in a skill's description would make the
// whole feed unreadable for everyone.
const XML_ILLEGAL =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Removes the characters XML cannot hold (escaping is the feed library's job). */
export function xmlSafe(text: string): string {
  return text.replace(XML_ILLEGAL, '');
}

/** The feed item of a skill: "New:" when it was added on the day it was last updated, else "Updated:". */
export function skillFeedItem(
  skill: Pick<SkillRecord, 'name' | 'description' | 'updated'> & {
    listing: Pick<SkillRecord['listing'], 'added'>;
  },
  link: string,
): RSSFeedItem {
  const isNew = skill.listing.added === skill.updated;
  return {
    title: xmlSafe(`${isNew ? 'New' : 'Updated'}: ${skill.name}`),
    link,
    description: xmlSafe(skill.description),
    pubDate: new Date(`${skill.updated.slice(0, 10)}T00:00:00Z`),
  };
}

import { announceCatalogue } from './catalogue-events.ts';
import { buildPart } from './build-part.ts';
import { readRecord } from './package-cache.ts';
import { getCollection } from 'astro:content';
import {
  assignInstallNames,
  type InstallNameAssignment,
} from '../lib/publish/install-endpoints.ts';
import {
  buildNow,
  conflictingPublisherIds,
  conflictReason,
  publisherIdProblem,
  displayName,
  isSpecName,
  resolvePublisherNames,
  trustedDate,
} from '../lib/publish/identity.ts';
import { skillsRoot } from '../lib/site-config-fs.ts';
import type { ExcludedSkill, SkillRecord } from '../lib/skill/package.ts';
import { tagLabel } from '../lib/skill/tags.ts';
import { makesSkill } from '../lib/publish/build-part.ts';
import { readFirstSeen } from './git-history.ts';
import { site } from './site.ts';
import { getVersions, versionHistoryProblem } from './skill-versions.ts';
import { isOffered } from '../lib/versions/api.ts';

/** A publisher as the site shows it: profile (when given) and skill count. */
export interface PublisherView {
  slug: string;
  name: string;
  /** False when the profile's display name was refused (already used by an earlier publisher). */
  claimed: boolean;
  url?: string | undefined;
  description?: string | undefined;
  skillCount: number;
}

/** A listed skill as cards and pages show it: the record with its publisher's display name. */
export interface ListedSkill extends SkillRecord {
  publisherName: string;
}

/** A tag with its label and how many skills carry it. */
export interface TagCount {
  slug: string;
  label: string;
  count: number;
}

interface Catalogue {
  skills: ListedSkill[];
  byId: Map<string, ListedSkill>;
  excluded: ExcludedSkill[];
  publishers: Map<string, PublisherView>;
  tags: TagCount[];
  install: InstallNameAssignment;
  /** The build's "now" (ISO): SOURCE_DATE_EPOCH, else the HEAD commit's date. */
  now: string;
  /** Why there is no git history, when there is none. */
  historyProblem?: string | undefined;
}

let catalogue: Promise<Catalogue> | undefined;

/**
 * Loads the collections once per build and applies the operator's identity rules: who keeps a bare
 * install name and a display name is decided by first appearance in the repository's first-parent
 * history (never by sort order or file dates), publisher ids that differ only by case are refused,
 * `featured` comes only from site.json, and sidecar dates count only for trusted publishers.
 */
function loadCatalogue(): Promise<Catalogue> {
  catalogue ??= (async () => {
    const [entries, profiles] = await Promise.all([
      getCollection('skills'),
      getCollection('publishers'),
    ]);
    // The history of the repository holding the skills (tests build catalogues from their own repositories).
    const history = readFirstSeen(skillsRoot(), '.');
    const now = buildNow(process.env, history.headDate);
    const listed: SkillRecord[] = [];
    const excluded: ExcludedSkill[] = [];
    for (const { data } of entries) {
      if (data.state === 'listed') listed.push(readRecord(data.cacheKey));
      else excluded.push(data);
    }

    const publisherIds = [...new Set(listed.map((s) => s.publisher))].map((id) => ({
      id,
      firstSeen: history.publisherFirstSeen.get(id),
    }));
    const conflicts = conflictingPublisherIds(publisherIds);
    const accepted: SkillRecord[] = [];
    for (const skill of listed) {
      const earlier = conflicts.get(skill.publisher);
      const problem = earlier ? conflictReason(earlier) : publisherIdProblem(skill.publisher);
      if (problem)
        excluded.push({
          id: skill.id,
          publisher: skill.publisher,
          slug: skill.slug,
          file: '.',
          reason: problem,
          findings: [],
        });
      else accepted.push(applyPolicy(skill, history, now));
    }
    // Collection order is not stable between builds: sort so every page and file is reproducible.
    accepted.sort((a, b) => compare(a.id, b.id));
    applyHolds(accepted);
    excluded.sort((a, b) => compare(a.id, b.id));

    const profileBySlug = new Map(profiles.map((p) => [p.id, p.data]));
    const names = resolvePublisherNames(
      publisherIds
        .filter((p) => !conflicts.has(p.id))
        .map((p) => ({ ...p, profileName: profileBySlug.get(p.id)?.name })),
    );
    const publishers = new Map<string, PublisherView>();
    const tagCounts = new Map<string, number>();
    for (const skill of accepted) {
      const existing = publishers.get(skill.publisher);
      if (existing) existing.skillCount += 1;
      else {
        const profile = profileBySlug.get(skill.publisher);
        const name = names.get(skill.publisher);
        publishers.set(skill.publisher, {
          slug: skill.publisher,
          name: name?.name ?? skill.publisher,
          claimed: name?.claimed ?? false,
          url: profile?.url,
          description: profile?.description,
          skillCount: 1,
        });
      }
      for (const tag of skill.tags) tagCounts.set(tag, (tagCounts.get(tag) ?? 0) + 1);
    }
    const skills = accepted.map((skill) => ({
      ...skill,
      publisherName: publishers.get(skill.publisher)?.name ?? skill.publisher,
    }));
    const tags = [...tagCounts]
      .map(([slug, count]) => ({ slug, label: tagLabel(slug), count }))
      .sort((a, b) => b.count - a.count || compare(a.slug, b.slug));
    const install = assignInstallNames(skills, history.firstSeen, {
      names: site.installNames,
      renames: site.renames,
    });
    announceCatalogue(skills, install.names);
    return {
      skills,
      byId: new Map(skills.map((s) => [s.id, s])),
      excluded,
      publishers,
      tags,
      install,
      now,
      historyProblem: history.reason,
    };
  })();
  return catalogue;
}

/**
 * site.json `hold`: installs of a skill point at one of its kept versions instead of the latest. A
 * hold naming no kept, offered version stops the build with the versions it could name.
 */
function applyHolds(skills: SkillRecord[]): void {
  for (const [id, versionId] of Object.entries(site.hold)) {
    const skill = skills.find((s) => s.id === id);
    if (!skill) throw new Error(`content/site.json holds ${id}, which is not a listed skill.`);
    const versions = getVersions(skill);
    const held = versions.find((v) => v.id === versionId && isOffered(v));
    const noHistory = versionHistoryProblem();
    // Without history the held version cannot be built; offering the latest instead would publish
    // what the operator held back, so the build stops and says how to fix it.
    if (!held && noHistory)
      throw new Error(
        `content/site.json holds ${id} at ${versionId}, but this build has no version history (${noHistory}): check the repository out with its whole history (actions/checkout with fetch-depth: 0), or remove the hold.`,
      );
    if (!held)
      throw new Error(
        `content/site.json holds ${id} at ${versionId}, which is not one of its kept versions that can be offered (${versions
          .filter(isOffered)
          .map((v) => v.id)
          .join(', ')}).`,
      );
    if (held.current) continue;
    skill.installFrom = {
      id: held.id,
      label: held.label,
      archiveName: held.archiveName,
      archives: held.archives,
    };
  }
}

/** A record as the site shows it: display name, dates and featured flag by the operator's rules. */
function applyPolicy(
  skill: SkillRecord,
  history: ReturnType<typeof readFirstSeen>,
  now: string,
): SkillRecord {
  const { listing } = skill;
  const gitUpdated = history.lastChangedDate.get(skill.id);
  const gitAdded = history.firstSeenDate.get(skill.id);
  const day = (iso: string | undefined): string | undefined => iso?.slice(0, 10);
  const updated =
    day(
      trustedDate(
        listing.updated ?? listing.source?.commitDate,
        skill.publisher,
        site.trustedPublishers,
        gitUpdated,
        now,
      ),
    ) ??
    // Without history (not a git checkout), the newest file date, never later than now.
    (skill.updated <= now.slice(0, 10) ? skill.updated : now.slice(0, 10));
  const added = day(
    trustedDate(listing.added, skill.publisher, site.trustedPublishers, gitAdded, now),
  );
  return {
    ...skill,
    specName: skill.name,
    name: displayName(skill.name, skill.slug, isSpecName(skill.name)),
    updated,
    listing: { ...listing, featured: site.featured.includes(skill.id), added },
  };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Every listed skill, sorted by id. */
export async function getSkills(): Promise<ListedSkill[]> {
  return (await loadCatalogue()).skills;
}

/**
 * The listed skills whose own pages this build makes: every one, or in a build of one part
 * (SKILLSHELF_SHARD) that part's, and none when merging the parts (src/lib/publish/build-part.ts).
 */
export async function getPageSkills(): Promise<ListedSkill[]> {
  const part = buildPart();
  const skills = await getSkills();
  return part.kind === 'whole' ? skills : skills.filter((s) => makesSkill(part, s.id));
}

/** Every listed skill in catalogue order: by display name, ties by id. */
export async function getSkillsByName(): Promise<ListedSkill[]> {
  return [...(await getSkills())].sort(
    (a, b) => a.name.localeCompare(b.name) || compare(a.id, b.id),
  );
}

/** Every tag with its skills (by id), for the tag listings. */
export async function getSkillsByTag(): Promise<{ tag: TagCount; skills: ListedSkill[] }[]> {
  const [skills, tags] = await Promise.all([getSkills(), getTags()]);
  return tags.map((tag) => ({ tag, skills: skills.filter((s) => s.tags.includes(tag.slug)) }));
}

/** Every publisher (by name) with its skills (by id), for the publisher listings. */
export async function getSkillsByPublisher(): Promise<
  { publisher: PublisherView; skills: ListedSkill[] }[]
> {
  const [skills, publishers] = await Promise.all([getSkills(), getPublishers()]);
  return publishers.map((publisher) => ({
    publisher,
    skills: skills.filter((s) => s.publisher === publisher.slug),
  }));
}

/** Skills left out of the site, with their reasons. */
export async function getExcludedSkills(): Promise<ExcludedSkill[]> {
  return (await loadCatalogue()).excluded;
}

/** Publishers with at least one listed skill, by name. */
export async function getPublishers(): Promise<PublisherView[]> {
  return [...(await loadCatalogue()).publishers.values()].sort((a, b) =>
    a.name.localeCompare(b.name),
  );
}

/** One publisher by slug. */
export async function getPublisher(slug: string): Promise<PublisherView | undefined> {
  return (await loadCatalogue()).publishers.get(slug);
}

/** Tags with counts, most used first. */
export async function getTags(): Promise<TagCount[]> {
  return (await loadCatalogue()).tags;
}

/** Skills sorted newest first (ties by id). */
export async function getRecentlyUpdated(limit: number): Promise<ListedSkill[]> {
  const skills = [...(await getSkills())];
  return skills
    .sort((a, b) => compare(b.updated, a.updated) || compare(a.id, b.id))
    .slice(0, limit);
}

/** Featured skills (the operator's `featured` list in site.json), by id. */
export async function getFeatured(limit: number): Promise<ListedSkill[]> {
  return (await getSkills()).filter((s) => s.listing.featured).slice(0, limit);
}

/** Install names for the whole catalogue (bare names by first appearance; see assignInstallNames). */
/** The build's "now" (ISO): SOURCE_DATE_EPOCH, else the HEAD commit's date, else the clock. */
export async function getCatalogueNow(): Promise<string> {
  return (await loadCatalogue()).now;
}

export async function getInstallNames(): Promise<InstallNameAssignment> {
  return (await loadCatalogue()).install;
}

/** The unique name a skill installs under (plugin and discovery index). */
export async function getInstallName(id: string): Promise<string> {
  const catalogue = await loadCatalogue();
  return catalogue.install.names.get(id) ?? catalogue.byId.get(id)?.archiveName ?? id;
}

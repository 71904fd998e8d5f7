import { getCollection } from 'astro:content';
import type { ExcludedSkill, SkillRecord } from '../lib/skill-package.ts';
import { installNames } from '../lib/install-endpoints.ts';
import { tagLabel } from '../lib/tags.ts';

/** A publisher as the site shows it: profile (when given) and skill count. */
export interface PublisherView {
  slug: string;
  name: string;
  url?: string | undefined;
  description?: string | undefined;
  skillCount: number;
}

/** A tag with its label and how many skills carry it. */
export interface TagCount {
  slug: string;
  label: string;
  count: number;
}

interface Catalogue {
  skills: SkillRecord[];
  byId: Map<string, SkillRecord>;
  excluded: ExcludedSkill[];
  publishers: Map<string, PublisherView>;
  tags: TagCount[];
  installNames: Map<string, string>;
}

let catalogue: Promise<Catalogue> | undefined;

/** Loads the collections once per build and derives every list the pages need. */
function loadCatalogue(): Promise<Catalogue> {
  catalogue ??= (async () => {
    const [entries, profiles] = await Promise.all([getCollection('skills'), getCollection('publishers')]);
    const skills: SkillRecord[] = [];
    const excluded: ExcludedSkill[] = [];
    for (const { data } of entries) {
      if (data.state === 'listed') skills.push(data);
      else excluded.push(data);
    }
    // Collection order is not stable between builds: sort so every page and file is reproducible.
    skills.sort((a, b) => compare(a.id, b.id));
    excluded.sort((a, b) => compare(a.id, b.id));

    const profileBySlug = new Map(profiles.map((p) => [p.id, p.data]));
    const publishers = new Map<string, PublisherView>();
    const tagCounts = new Map<string, number>();
    for (const skill of skills) {
      const existing = publishers.get(skill.publisher);
      if (existing) existing.skillCount += 1;
      else {
        const profile = profileBySlug.get(skill.publisher);
        publishers.set(skill.publisher, { slug: skill.publisher, name: profile?.name ?? skill.publisher, url: profile?.url, description: profile?.description, skillCount: 1 });
      }
      for (const tag of skill.tags) tagCounts.set(tag, (tagCounts.get(tag) ?? 0) + 1);
    }
    const tags = [...tagCounts].map(([slug, count]) => ({ slug, label: tagLabel(slug), count })).sort((a, b) => b.count - a.count || compare(a.slug, b.slug));
    return { skills, byId: new Map(skills.map((s) => [s.id, s])), excluded, publishers, tags, installNames: installNames(skills) };
  })();
  return catalogue;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Every listed skill, sorted by id. */
export async function getSkills(): Promise<SkillRecord[]> {
  return (await loadCatalogue()).skills;
}

/** Skills left out of the site, with their reasons. */
export async function getExcludedSkills(): Promise<ExcludedSkill[]> {
  return (await loadCatalogue()).excluded;
}

/** One listed skill by `publisher/slug`. */
export async function getSkill(id: string): Promise<SkillRecord | undefined> {
  return (await loadCatalogue()).byId.get(id);
}

/** Publishers with at least one listed skill, by name. */
export async function getPublishers(): Promise<PublisherView[]> {
  return [...(await loadCatalogue()).publishers.values()].sort((a, b) => a.name.localeCompare(b.name));
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
export async function getRecentlyUpdated(limit: number): Promise<SkillRecord[]> {
  const skills = [...(await getSkills())];
  return skills.sort((a, b) => compare(b.updated, a.updated) || compare(a.id, b.id)).slice(0, limit);
}

/** Featured skills (from listing sidecars), by id. */
export async function getFeatured(limit: number): Promise<SkillRecord[]> {
  return (await getSkills()).filter((s) => s.listing.featured).slice(0, limit);
}

/** The unique name a skill installs under (plugin and discovery index), see installNames(). */
export async function getInstallName(id: string): Promise<string> {
  const catalogue = await loadCatalogue();
  return catalogue.installNames.get(id) ?? catalogue.byId.get(id)?.archiveName ?? id;
}

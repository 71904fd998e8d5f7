import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { z } from 'astro/zod';
import { skillLoader, type StoredEntry } from './data/skill-loader.ts';
import { safeWebUrl } from './lib/skill/listing.ts';
import { readSiteConfig, skillsRoot } from './lib/site-config-fs.ts';

const site = readSiteConfig();

/** Every package folder `content/skills/<publisher>/<skill>/`: a listed skill's cache key (its record is in the build cache), or why a folder was left out. */
const skills = defineCollection({
  loader: skillLoader({
    root: skillsRoot(),
    // The worker threads have no import.meta.env: links in rendered packages get the base from here.
    render: { remoteImages: site.remoteImages, base: site.base },
    date: site.buildDate,
    keepVersions: site.versions.keep,
  }),
  // The loader builds and types these records itself (src/lib/skill-package.ts); the schema only guards the shape.
  schema: z.custom<StoredEntry>(
    (value) => typeof value === 'object' && value !== null && 'state' in value,
    'Not a skill record',
  ),
});

/** Optional publisher profiles: `content/skills/<publisher>/publisher.json`. */
const publishers = defineCollection({
  loader: glob({
    base: skillsRoot(),
    pattern: '*/publisher.json',
    generateId: ({ entry }) => entry.split('/')[0]!,
  }),
  schema: z.object({
    name: z.string().trim().min(1).max(100).describe('Display name, e.g. "Northwind Labs".'),
    // Only web links: a javascript: or data: URL here would run on the site's origin when clicked.
    url: z
      .string()
      .optional()
      .transform((value) => safeWebUrl(value))
      .describe('Home page of the publisher (http or https only; anything else is dropped).'),
    description: z.string().max(500).optional().describe('One sentence about the publisher.'),
  }),
});

export const collections = { skills, publishers };

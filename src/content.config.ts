import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { z } from 'astro/zod';
import { skillLoader, type SkillEntryData } from './data/skill-loader.ts';
import { skillsRoot } from './lib/site-config.ts';

/** Every package folder `content/skills/<publisher>/<skill>/`: metadata and findings, never bodies. */
const skills = defineCollection({
  loader: skillLoader({ root: skillsRoot() }),
  // The loader builds and types these records itself (src/lib/skill-package.ts); the schema only guards the shape.
  schema: z.custom<SkillEntryData>((value) => typeof value === 'object' && value !== null && 'state' in value, 'Not a skill record'),
});

/** Optional publisher profiles: `content/skills/<publisher>/publisher.json`. */
const publishers = defineCollection({
  loader: glob({ base: skillsRoot(), pattern: '*/publisher.json', generateId: ({ entry }) => entry.split('/')[0]! }),
  schema: z.object({
    name: z.string().min(1).describe('Display name, e.g. "Northwind Labs".'),
    url: z.url().optional().describe('Home page of the publisher.'),
    description: z.string().optional().describe('One sentence about the publisher.'),
  }),
});

export const collections = { skills, publishers };

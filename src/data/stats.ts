import { getPublishers, getSkills, getTags } from './skills.ts';

/** The catalogue's size, as the home page and the about page state it. */
export interface CatalogueStats {
  skills: number;
  publishers: number;
  tags: number;
  /** Package files across every listed skill (each has a page you can read). */
  files: number;
}

/** How many skills, publishers, tags and package files the catalogue lists. */
export async function getCatalogueStats(): Promise<CatalogueStats> {
  const [skills, publishers, tags] = await Promise.all([getSkills(), getPublishers(), getTags()]);
  return {
    skills: skills.length,
    publishers: publishers.length,
    tags: tags.length,
    files: skills.reduce((sum, s) => sum + s.files.length, 0),
  };
}

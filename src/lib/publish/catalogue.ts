/** Skills per catalogue, tag and publisher page: small pages stay light at 100,000 skills. */
export const PAGE_SIZE = 24;

/** URL of page `n` of a paginated listing rooted at `base` (`/skills/` → `/skills/2/`). */
export function pagedUrl(base: string, n: number): string {
  return n <= 1 ? base : `${base}${n}/`;
}

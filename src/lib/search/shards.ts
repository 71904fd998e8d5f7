import { createHash } from 'node:crypto';

/** Most skills one search-index shard is made for: its index is built, written and freed before the next. */
export const SHARD_SKILLS = 2_000;

/** How many shards a catalogue of `skills` is indexed in: a power of two, so growing splits shards, never reshuffles all. */
export function shardCount(skills: number): number {
  let count = 1;
  while (count * SHARD_SKILLS < skills) count *= 2;
  return count;
}

/** The shard a skill belongs to: from its id alone, so adding or editing one skill changes one shard. */
export function shardOf(id: string, count: number): number {
  if (count <= 1) return 0;
  return createHash('sha1').update(id).digest().readUInt32BE(0) % count;
}

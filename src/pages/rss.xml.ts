import rss from '@astrojs/rss';
import type { APIRoute } from 'astro';
import { getFeed } from '../data/feed.ts';

/** New and updated skills, newest first. */
export const GET: APIRoute = async () => rss(await getFeed());

import { skeleton } from './skeleton.ts';

// Who is who on a marketplace where publishers write their own folders (content/skills/<publisher>/)
// and the operator writes content/site.json and the repository history. Everything a publisher
// writes is a claim; only first appearance in the operator's history and the operator's own
// settings decide names, ranks and dates.

/** A skill name as the Agent Skills spec allows it (also the rule for plugin and install names). */
export const SPEC_NAME = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** True when `name` is a valid spec (and plugin) name: kebab-case, at most 64 characters. */
export function isSpecName(name: string): boolean {
  return name.length <= 64 && SPEC_NAME.test(name);
}

/** Orders strings by code point, which is UTF-8 byte order (`<` compares UTF-16 units instead). */
export function compareCodePoints(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i += 1) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) {
      // Surrogates (astral code points) sort after U+E000–U+FFFF in code point order; lift them there.
      const fx = x >= 0xe000 ? x - 0x800 : x >= 0xd800 ? x + 0x2000 : x;
      const fy = y >= 0xe000 ? y - 0x800 : y >= 0xd800 ? y + 0x2000 : y;
      return fx < fy ? -1 : 1;
    }
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

/** What compareFirstSeen() needs of an item: its id and, when known, its first appearance. */
export interface FirstSeenItem {
  id: string;
  firstSeen?: number | undefined;
}

/**
 * Orders by first appearance (unknown = after every known one); ties by case-insensitive id, the
 * all-lower-case id before its case variants, then code point order.
 */
export function compareFirstSeen(a: FirstSeenItem, b: FirstSeenItem): number {
  return compareKeyed(keyed(a), keyed(b));
}

/** `items` in compareFirstSeen() order, each key computed once (ids are compared up to n log n times). */
export function sortByFirstSeen<T extends FirstSeenItem>(items: readonly T[]): T[] {
  return items
    .map((item) => ({ item, key: keyed(item) }))
    .sort((a, b) => compareKeyed(a.key, b.key))
    .map(({ item }) => item);
}

interface SortKey {
  seen: number;
  id: string;
  folded: string;
  plain: boolean;
}

function keyed(item: FirstSeenItem): SortKey {
  const folded = publisherIdKey(item.id);
  return {
    seen: item.firstSeen ?? Number.POSITIVE_INFINITY,
    id: item.id,
    folded,
    plain: folded === item.id,
  };
}

function compareKeyed(a: SortKey, b: SortKey): number {
  if (a.seen !== b.seen) return a.seen < b.seen ? -1 : 1;
  // Byte order would put "Northwind-Labs" before "northwind-labs" (capitals sort first): on a tie
  // (same commit, or no history) a capitalised copy must never win over the plain id.
  const byFolded = compareCodePoints(a.folded, b.folded);
  if (byFolded !== 0) return byFolded;
  if (a.plain !== b.plain) return a.plain ? -1 : 1;
  return compareCodePoints(a.id, b.id);
}

/** The key under which two publisher ids are the same publisher: `Northwind-Labs` = `northwind-labs`. */
export function publisherIdKey(id: string): string {
  return id.normalize('NFKC').toLowerCase();
}

/** Later publisher ids that equal an earlier one by publisherIdKey(), mapped to that earlier id. */
export function conflictingPublisherIds(ids: readonly FirstSeenItem[]): Map<string, string> {
  const owner = new Map<string, string>();
  const conflicts = new Map<string, string>();
  for (const { id } of sortByFirstSeen(ids)) {
    const key = publisherIdKey(id);
    const earlier = owner.get(key);
    if (earlier === undefined) owner.set(key, id);
    else if (earlier !== id) conflicts.set(id, earlier);
  }
  return conflicts;
}

/**
 * Why a publisher id cannot have pages, when it cannot: an id of digits only would take the address of
 * a catalogue page (`/skills/2/` is the catalogue's second page, `/skills/<publisher>/` a publisher's).
 */
export function publisherIdProblem(id: string): string | undefined {
  return /^\d+$/.test(id)
    ? `the publisher id "${id}" is all digits, which would take the address of a catalogue page (/skills/${id}/); rename the publisher folder`
    : undefined;
}

/** Why conflictingPublisherIds() left a publisher out, for the build log and the health page. */
export function conflictReason(earlier: string): string {
  return `publisher id differs only by case from ${earlier}`;
}

/** How a publisher is shown: its profile name when it is its own, else its id. */
export interface PublisherName {
  name: string;
  /** True when the profile name was accepted; false when there is none or it was refused. */
  claimed: boolean;
  /** Why the profile name was refused. */
  reason?: string;
}

/** The profile name as shown: invisible and control characters removed, whitespace collapsed. */
export function cleanDisplayText(text: string): string {
  return text
    .replace(/[\p{Default_Ignorable_Code_Point}\p{Bidi_Control}]/gu, '')
    .replace(/[\p{Cc}\p{Zl}\p{Zp}\s]+/gu, ' ')
    .trim()
    .normalize('NFC');
}

/**
 * Display names site-wide, unique by skeleton(): the publisher that appeared first keeps its
 * profile name; a later one whose name looks like an earlier publisher's name or id is shown by id.
 */
export function resolvePublisherNames(
  publishers: readonly {
    id: string;
    profileName?: string | undefined;
    firstSeen?: number | undefined;
  }[],
): Map<string, PublisherName> {
  const taken = new Map<string, string>(); // skeleton → the publisher id holding it
  const result = new Map<string, PublisherName>();
  for (const publisher of sortByFirstSeen(publishers)) {
    const { id } = publisher;
    const idSkeleton = skeleton(id);
    const profile =
      publisher.profileName === undefined ? '' : cleanDisplayText(publisher.profileName);
    let entry: PublisherName = { name: id, claimed: false };
    if (profile) {
      const nameSkeleton = skeleton(profile);
      const holder = taken.get(nameSkeleton);
      if (!nameSkeleton)
        entry = { name: id, claimed: false, reason: 'display name has no letters or digits' };
      else if (holder !== undefined && holder !== id)
        entry = { name: id, claimed: false, reason: `display name already used by ${holder}` };
      else {
        entry = { name: profile, claimed: true };
        taken.set(nameSkeleton, id);
      }
    }
    // An id reserves its own look too, so a later "Northwind Labs" cannot pose as northwind-labs.
    if (idSkeleton && !taken.has(idSkeleton)) taken.set(idSkeleton, id);
    result.set(id, entry);
  }
  return result;
}

/** A skill's display name: its spec `name` only when valid (no "run — verified ✔"), else its folder name. */
export function displayName(specName: string, folder: string, isValidSpecName: boolean): string {
  return isValidSpecName && isSpecName(specName) ? specName : folder;
}

/**
 * "Now" for the build, as `YYYY-MM-DDTHH:MM:SSZ`: SOURCE_DATE_EPOCH (seconds) when set, else the
 * HEAD commit date, else the start of the current UTC day — the last is not reproducible (two
 * builds on different days differ), which is why CI should build from a git checkout.
 */
export function buildNow(
  env: Readonly<Record<string, string | undefined>>,
  headDate?: string,
  clock: number = Date.now(),
): string {
  const epoch = env['SOURCE_DATE_EPOCH'];
  if (epoch !== undefined && epoch !== '') {
    // reproducible-builds.org: a malformed value must fail the build, not be silently replaced.
    if (!/^\d+$/.test(epoch) || Number(epoch) > MAX_EPOCH)
      throw new Error(
        `SOURCE_DATE_EPOCH must be a whole number of seconds since 1970, not "${epoch}".`,
      );
    return isoSeconds(Number(epoch) * 1000);
  }
  const head = headDate === undefined ? Number.NaN : Date.parse(headDate);
  if (!Number.isNaN(head)) return isoSeconds(head);
  return isoSeconds(Math.floor(clock / 86_400_000) * 86_400_000);
}

/** `date` when it is a valid date not after `now`, else undefined (a 2099 date is refused). */
export function clampDate(date: string | undefined, now: string): string | undefined {
  if (date === undefined) return undefined;
  const time = Date.parse(date);
  const limit = Date.parse(now);
  if (Number.isNaN(time) || Number.isNaN(limit)) return undefined;
  return time <= limit ? date : undefined;
}

/**
 * The date to show and rank by: a sidecar date only for publishers the operator trusts
 * (`trustedPublishers` in site.json), else the git date; never after `now`.
 */
export function trustedDate(
  sidecarDate: string | undefined,
  publisher: string,
  trustedPublishers: readonly string[],
  gitDate: string | undefined,
  now: string,
): string | undefined {
  if (sidecarDate !== undefined && trustedPublishers.includes(publisher)) {
    const clamped = clampDate(sidecarDate, now);
    if (clamped !== undefined) return clamped;
  }
  return clampDate(gitDate, now);
}

/** Featured only when the operator says so: listed in site.json `featured`, or a trusted publisher's sidecar. */
export function isFeatured(
  id: string,
  publisher: string,
  sidecarFeatured: boolean,
  featured: readonly string[],
  trustedPublishers: readonly string[],
): boolean {
  return featured.includes(id) || (sidecarFeatured && trustedPublishers.includes(publisher));
}

/** The operator's publishing decisions from content/site.json, validated. */
export interface PublishPolicy {
  /** `installNames`: `{"<publisher>/<skill>": "install-name"}`, pinned by the operator. */
  installNames: Record<string, string>;
  /** `renames`: `{"old-install-name": "new-install-name"}`, for marketplace.json. */
  renames: Record<string, string>;
  /** `trustedPublishers`: publisher ids whose sidecar dates and `featured` count. */
  trustedPublishers: string[];
  /** `featured`: skill ids (`<publisher>/<skill>`) the operator features. */
  featured: string[];
  /** What was wrong and ignored, as sentences. */
  problems: string[];
}

/** Reads the publishing keys of a parsed site.json; anything malformed is ignored and reported. */
export function publishPolicy(site: unknown): PublishPolicy {
  const data =
    site && typeof site === 'object' && !Array.isArray(site)
      ? (site as Record<string, unknown>)
      : {};
  const problems: string[] = [];
  const record = (key: string): Record<string, string> => {
    const value = data[key];
    if (value === undefined) return {};
    if (!value || typeof value !== 'object' || Array.isArray(value)) {
      problems.push(`site.json "${key}" must be an object of strings; it was ignored.`);
      return {};
    }
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(value)) {
      if (typeof v === 'string') out[k] = v;
      else problems.push(`site.json "${key}" → "${k}" must be a string; it was ignored.`);
    }
    return out;
  };
  const list = (key: string): string[] => {
    const value = data[key];
    if (value === undefined) return [];
    if (!Array.isArray(value)) {
      problems.push(`site.json "${key}" must be a list of strings; it was ignored.`);
      return [];
    }
    const strings = value.filter((v): v is string => typeof v === 'string');
    if (strings.length !== value.length)
      problems.push(`site.json "${key}" must hold only strings; the others were ignored.`);
    return strings;
  };
  return {
    installNames: record('installNames'),
    renames: record('renames'),
    trustedPublishers: list('trustedPublishers'),
    featured: list('featured'),
    problems,
  };
}

// 9999-12-31T23:59:59Z: the last second an ISO date without an expanded year can name.
const MAX_EPOCH = 253_402_300_799;

function isoSeconds(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}

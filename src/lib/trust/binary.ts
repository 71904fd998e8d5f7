import { gunzipSync, inflateSync } from 'fflate';
import { beforeNul } from '../shared/text.ts';

/** Limits on what opening one archive may cost: decompressed bytes and number of entries. */
export interface ArchiveBudget {
  maxBytes: number;
  maxEntries: number;
}

/** One member of an archive: its path inside the archive, its size, and its text when it is UTF-8 text. */
export interface ArchiveMember {
  path: string;
  size: number;
  text?: string;
}

/** What `archiveMembers` could read; `complete: false` says why something was left unread. */
export interface ArchiveListing {
  members: ArchiveMember[];
  complete: boolean;
  reason?: string;
}

/** The texts the trust scanner should read for one non-text file, and what could not be read. */
export interface ScannableTexts {
  texts: { path: string; text: string }[];
  complete: boolean;
  notes: string[];
}

/** The default archive budget: 20 MB decompressed, 1,000 entries. */
export const DEFAULT_ARCHIVE_BUDGET: ArchiveBudget = {
  maxBytes: 20 * 1024 * 1024,
  maxEntries: 1000,
};

/** Most characters of printable runs kept per file (4 MB); the rest is cut and reported as cut. */
export const MAX_RUNS_OUTPUT = 4 * 1024 * 1024;

const isPrintable = (b: number): boolean => (b >= 0x20 && b <= 0x7e) || b === 0x09;
const latin1 = new TextDecoder('latin1');
const utf16 = new TextDecoder('utf-16le');

/** Printable runs of a binary file and whether the output was cut at `MAX_RUNS_OUTPUT`. */
export function printableRunsOf(
  bytes: Uint8Array,
  minLength = 6,
  maxOutput = MAX_RUNS_OUTPUT,
): { text: string; cut: boolean } {
  const parts: string[] = [];
  let total = 0;
  let cut = false;
  const emit = (run: string): boolean => {
    if (total + run.length + 1 > maxOutput) {
      const room = maxOutput - total - 1;
      if (room > 0) parts.push(run.slice(0, room));
      cut = true;
      return false;
    }
    parts.push(run);
    total += run.length + 1;
    return true;
  };
  const n = bytes.length;
  let i = 0;
  // One pass: at each printable byte, a following 0x00 starts a UTF-16LE run, anything else an ASCII run.
  while (i < n) {
    if (!isPrintable(bytes[i]!)) {
      i++;
      continue;
    }
    if (i + 1 < n && bytes[i + 1] === 0) {
      let j = i;
      while (j + 1 < n && isPrintable(bytes[j]!) && bytes[j + 1] === 0) j += 2;
      if ((j - i) / 2 >= minLength && !emit(utf16.decode(bytes.subarray(i, j)))) break;
      i = j;
      continue;
    }
    let j = i;
    while (j < n && isPrintable(bytes[j]!)) j++;
    if (j - i >= minLength && !emit(latin1.decode(bytes.subarray(i, j)))) break;
    i = j;
  }
  return { text: parts.join('\n'), cut };
}

/** Runs of at least `minLength` printable ASCII characters (and UTF-16LE runs), one per line; linear time, at most 4 MB. */
export function printableRuns(bytes: Uint8Array, minLength = 6): string {
  return printableRunsOf(bytes, minLength).text;
}

const u16 = (b: Uint8Array, at: number): number => b[at]! | (b[at + 1]! << 8);
const u32 = (b: Uint8Array, at: number): number =>
  (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24)) >>> 0;

/** True when the bytes start like a ZIP-family file (zip, jar, whl, docx, odt, .skill …). */
export function isZip(bytes: Uint8Array): boolean {
  return (
    bytes.length >= 4 &&
    bytes[0] === 0x50 &&
    bytes[1] === 0x4b &&
    ((bytes[2] === 3 && bytes[3] === 4) || (bytes[2] === 5 && bytes[3] === 6))
  );
}

/** True when the bytes are gzip-compressed. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 18 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** True when the bytes are a POSIX (ustar) tar archive. */
export function isTar(bytes: Uint8Array): boolean {
  return bytes.length >= 512 && latin1.decode(bytes.subarray(257, 262)) === 'ustar';
}

interface RawMember {
  path: string;
  size: number;
  bytes: Uint8Array;
}

interface RawListing {
  members: RawMember[];
  problems: string[];
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
const utf8Loose = new TextDecoder('utf-8');

/** The member as UTF-8 text, or undefined when it is binary (a NUL byte or invalid UTF-8). */
function asText(bytes: Uint8Array): string | undefined {
  if (bytes.includes(0)) return undefined;
  try {
    return utf8.decode(bytes);
  } catch {
    return undefined;
  }
}

// ZIP is read through its central directory, entry by entry, so one odd entry (encrypted, an unknown
// method, corrupt data) is reported and skipped instead of failing the whole archive, and every
// entry's declared size is checked against the budget before anything is allocated.
function readZip(bytes: Uint8Array, budget: ArchiveBudget): RawListing {
  const problems: string[] = [];
  const members: RawMember[] = [];
  const n = bytes.length;
  let eocd = -1;
  for (let at = n - 22; at >= Math.max(0, n - 22 - 0xffff); at--) {
    if (
      bytes[at] === 0x50 &&
      bytes[at + 1] === 0x4b &&
      bytes[at + 2] === 5 &&
      bytes[at + 3] === 6
    ) {
      eocd = at;
      break;
    }
  }
  if (eocd < 0)
    return { members, problems: ['the ZIP file has no central directory (truncated or corrupt)'] };
  const count = u16(bytes, eocd + 10);
  const cdOffset = u32(bytes, eocd + 16);
  if (count === 0xffff || cdOffset === 0xffffffff)
    return { members, problems: ['ZIP64 archives are not read'] };
  if (cdOffset >= n)
    return { members, problems: ['the ZIP central directory points outside the file'] };
  let remaining = budget.maxBytes;
  let at = cdOffset;
  for (let e = 0; e < count; e++) {
    if (at + 46 > n || u32(bytes, at) !== 0x02014b50) {
      problems.push('the ZIP central directory is corrupt');
      break;
    }
    const flags = u16(bytes, at + 8);
    const method = u16(bytes, at + 10);
    const compressed = u32(bytes, at + 20);
    const size = u32(bytes, at + 24);
    const nameLength = u16(bytes, at + 28);
    const local = u32(bytes, at + 42);
    const name = utf8Loose.decode(bytes.subarray(at + 46, at + 46 + nameLength));
    at += 46 + nameLength + u16(bytes, at + 30) + u16(bytes, at + 32);
    if (name.endsWith('/')) continue;
    if (members.length >= budget.maxEntries) {
      problems.push(`more than ${budget.maxEntries} entries; the rest were not read`);
      break;
    }
    if (flags & 1) {
      problems.push(`${name} is encrypted`);
      continue;
    }
    if (size === 0xffffffff || compressed === 0xffffffff) {
      problems.push(`${name} is a ZIP64 entry and was not read`);
      continue;
    }
    if (size > remaining) {
      problems.push(
        `${name} would decompress to ${size} bytes, over the ${budget.maxBytes}-byte budget`,
      );
      continue;
    }
    if (local + 30 > n || u32(bytes, local) !== 0x04034b50) {
      problems.push(`${name}: local header missing (corrupt archive)`);
      continue;
    }
    const start = local + 30 + u16(bytes, local + 26) + u16(bytes, local + 28);
    if (start + compressed > n) {
      problems.push(`${name}: data runs past the end of the file (truncated archive)`);
      continue;
    }
    const data = bytes.subarray(start, start + compressed);
    let out: Uint8Array;
    try {
      if (method === 0) out = data.slice(0, size);
      // The output buffer has the declared size, so a lying header cannot make us allocate more.
      else if (method === 8) out = inflateSync(data, { out: new Uint8Array(size) });
      else {
        problems.push(`${name} uses compression method ${method}, which is not read`);
        continue;
      }
    } catch (error) {
      problems.push(`${name} could not be decompressed (${(error as Error).message})`);
      continue;
    }
    remaining -= size;
    members.push({ path: name, size, bytes: out });
  }
  return { members, problems };
}

const octal = (b: Uint8Array, at: number, length: number): number => {
  // Base-256 sizes (high bit set) mean a member over 8 GB: report it as too large.
  if (b[at]! & 0x80) return Number.POSITIVE_INFINITY;
  const text = beforeNul(latin1.decode(b.subarray(at, at + length))).trim();
  return text === '' ? 0 : /^[0-7]+$/.test(text) ? parseInt(text, 8) : Number.NaN;
};
const cString = (b: Uint8Array, at: number, length: number): string =>
  beforeNul(utf8Loose.decode(b.subarray(at, at + length)));

function readTar(bytes: Uint8Array, budget: ArchiveBudget): RawListing {
  const problems: string[] = [];
  const members: RawMember[] = [];
  let remaining = budget.maxBytes;
  let at = 0;
  let longName: string | undefined;
  while (at + 512 <= bytes.length) {
    const header = bytes.subarray(at, at + 512);
    if (header.every((b) => b === 0)) break;
    const size = octal(header, 124, 12);
    if (!Number.isFinite(size) || Number.isNaN(size)) {
      problems.push(
        Number.isNaN(size) ? 'a tar header is corrupt' : 'a tar member is too large to read',
      );
      break;
    }
    const type = String.fromCharCode(header[156]!);
    const dataStart = at + 512;
    const next = dataStart + Math.ceil(size / 512) * 512;
    if (dataStart + size > bytes.length) {
      problems.push('the tar archive is truncated');
      break;
    }
    const data = bytes.subarray(dataStart, dataStart + size);
    if (type === 'L') longName = beforeNul(utf8Loose.decode(data));
    else if (type === 'x') {
      const path = /(?:^|\n)\d+ path=([^\n]*)\n/.exec(
        utf8Loose.decode(data.subarray(0, 64 * 1024)),
      );
      if (path) longName = path[1];
    } else if (type === '0' || type === '\0' || type === '7') {
      const prefix = cString(header, 345, 155);
      const name =
        longName ?? (prefix ? `${prefix}/${cString(header, 0, 100)}` : cString(header, 0, 100));
      longName = undefined;
      if (members.length >= budget.maxEntries) {
        problems.push(`more than ${budget.maxEntries} entries; the rest were not read`);
        break;
      }
      if (size > remaining)
        problems.push(`${name} is ${size} bytes, over the ${budget.maxBytes}-byte budget`);
      else {
        remaining -= size;
        members.push({ path: name, size, bytes: data });
      }
    } else longName = undefined;
    at = next;
  }
  return { members, problems };
}

/** Decompresses gzip only when its declared size (the ISIZE trailer) fits the budget; never more than that. */
function gunzipBounded(
  bytes: Uint8Array,
  budget: ArchiveBudget,
): { bytes?: Uint8Array; problem?: string } {
  const declared = u32(bytes, bytes.length - 4);
  if (declared > budget.maxBytes)
    return {
      problem: `the gzip stream declares ${declared} bytes, over the ${budget.maxBytes}-byte budget`,
    };
  try {
    return { bytes: gunzipSync(bytes, { out: new Uint8Array(declared) }) };
  } catch (error) {
    return { problem: `the gzip stream could not be decompressed (${(error as Error).message})` };
  }
}

function readArchive(
  path: string,
  bytes: Uint8Array,
  budget: ArchiveBudget,
): RawListing | undefined {
  if (isZip(bytes)) return readZip(bytes, budget);
  if (isTar(bytes)) return readTar(bytes, budget);
  if (isGzip(bytes)) {
    const inflated = gunzipBounded(bytes, budget);
    if (!inflated.bytes) return { members: [], problems: [inflated.problem!] };
    if (isTar(inflated.bytes)) return readTar(inflated.bytes, budget);
    const name = (path.split(/[/!]/).pop() ?? path).replace(/\.gz$/i, '') || 'data';
    return {
      members: [{ path: name, size: inflated.bytes.length, bytes: inflated.bytes }],
      problems: [],
    };
  }
  return undefined;
}

/**
 * Members of a ZIP-family, tar or gzip file (detected by magic bytes), one level deep, within a budget
 * of decompressed bytes and entries; never throws: corrupt input gives `complete: false` and a reason.
 */
export function archiveMembers(
  path: string,
  bytes: Uint8Array,
  budget: ArchiveBudget = DEFAULT_ARCHIVE_BUDGET,
): ArchiveListing {
  let listing: RawListing | undefined;
  try {
    listing = readArchive(path, bytes, budget);
  } catch (error) {
    return {
      members: [],
      complete: false,
      reason: `the archive could not be read (${(error as Error).message})`,
    };
  }
  if (!listing) return { members: [], complete: false, reason: 'not a ZIP, tar or gzip archive' };
  const members = listing.members.map((m): ArchiveMember => {
    const text = asText(m.bytes);
    return text === undefined
      ? { path: m.path, size: m.size }
      : { path: m.path, size: m.size, text };
  });
  return listing.problems.length
    ? { members, complete: false, reason: listing.problems.join('; ') }
    : { members, complete: true };
}

/**
 * Everything of a non-text file the trust scanner can read: for an archive, each member as `path!member`
 * (text members as text, others as printable runs); otherwise the printable runs of the file itself.
 */
export function scannableTexts(path: string, bytes: Uint8Array): ScannableTexts {
  const notes: string[] = [];
  const texts: { path: string; text: string }[] = [];
  let listing: RawListing | undefined;
  try {
    listing = readArchive(path, bytes, DEFAULT_ARCHIVE_BUDGET);
  } catch (error) {
    listing = {
      members: [],
      problems: [`the archive could not be read (${(error as Error).message})`],
    };
  }
  if (!listing) {
    const runs = printableRunsOf(bytes);
    if (runs.text) texts.push({ path, text: runs.text });
    if (runs.cut)
      notes.push(
        `${path}: only the first ${MAX_RUNS_OUTPUT} characters of readable strings were scanned`,
      );
    return { texts, complete: notes.length === 0, notes };
  }
  for (const problem of listing.problems) notes.push(`${path}: ${problem}`);
  for (const member of listing.members) {
    const memberPath = `${path}!${member.path}`;
    const text = asText(member.bytes);
    if (text !== undefined) {
      texts.push({ path: memberPath, text });
      continue;
    }
    // Archives inside archives are not opened (one level only): say so rather than pretend.
    if (isZip(member.bytes) || isGzip(member.bytes) || isTar(member.bytes))
      notes.push(`${memberPath}: nested archive not opened`);
    const runs = printableRunsOf(member.bytes);
    if (runs.text) texts.push({ path: memberPath, text: runs.text });
    if (runs.cut)
      notes.push(
        `${memberPath}: only the first ${MAX_RUNS_OUTPUT} characters of readable strings were scanned`,
      );
  }
  return { texts, complete: notes.length === 0, notes };
}

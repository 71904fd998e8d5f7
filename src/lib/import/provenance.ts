import { execFileSync } from 'node:child_process';
import { closeSync, constants, openSync, readdirSync, readSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { checkRegularFile } from './discover.ts';
import { trimChars } from '../shared/text.ts';

/** Facts about the source repository, read with git when the folder is a checkout. */
export interface SourceRepository {
  /** Browsable URL, e.g. https://github.com/acme/skills. */
  url?: string | undefined;
  /** Host name of the remote, lower-case (e.g. github.com): the owner is trusted only on an import host. */
  host?: string | undefined;
  /** Owner from the remote URL, lower-case, when it is a valid publisher name. */
  owner?: string | undefined;
  /** The remote's first path segment when it is not a valid owner name (for the error message). */
  invalidOwner?: string | undefined;
  /** HEAD commit of the checkout. */
  commit?: string | undefined;
  /** True when `root` is inside a git work tree. */
  isGit: boolean;
}

function git(root: string, args: string[]): string | undefined {
  try {
    // fsmonitor is a command that git runs from the checkout's config: never for a read-only look.
    return (
      execFileSync('git', ['-c', 'core.fsmonitor=false', '-C', root, ...args], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      }).trim() || undefined
    );
  } catch {
    return undefined;
  }
}

/** A git remote taken apart: host (lower-case, no port), owner segment and the browsable https URL. */
export interface ParsedRemote {
  host: string;
  /** The first path segment, percent-decoded and lower-cased (may be invalid: see `OWNER_PATTERN`). */
  owner: string;
  url: string;
}

/** What an owner taken from a remote must look like (after lower-casing) to become a publisher. */
export const OWNER_PATTERN = /^[a-z0-9][a-z0-9._-]*$/;

const REMOTE_SCHEMES = new Set(['https:', 'http:', 'ssh:', 'git:', 'git+ssh:', 'ssh+git:']);

/**
 * Parses `git@host:owner/repo.git`, `ssh://[user@]host[:port]/owner/repo`, `https://[user[:token]@]host/owner/repo`
 * and `git://` remotes. Credentials and ssh ports are dropped; local paths and `file://` give undefined.
 */
export function parseRemote(remote: string): ParsedRemote | undefined {
  const text = remote.trim();
  let host: string;
  let port = '';
  let path: string;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      return undefined;
    }
    if (!REMOTE_SCHEMES.has(url.protocol.toLowerCase())) return undefined;
    host = url.hostname;
    // A port only means the same web address for http(s); an ssh port says nothing about the https URL.
    if ((url.protocol === 'https:' || url.protocol === 'http:') && url.port) port = `:${url.port}`;
    path = url.pathname;
  } else {
    // scp-like syntax: [user@]host:path (no slash before the colon, as git requires).
    const scp = /^(?:[^@/]+@)?([^@/:]+):(?!\/\/)(.+)$/.exec(text);
    if (!scp) return undefined;
    host = scp[1]!;
    path = scp[2]!;
  }
  host = host.toLowerCase().replace(/\.$/, '');
  const segments = trimChars(path, '/')
    .replace(/\.git$/i, '')
    .split('/')
    .filter(Boolean);
  if (!host || !/^[a-z0-9.-]+$/.test(host) || segments.length === 0) return undefined;
  let owner: string;
  try {
    owner = decodeURIComponent(segments[0]!).toLowerCase();
  } catch {
    owner = segments[0]!.toLowerCase();
  }
  return { host, owner, url: `https://${host}${port}/${segments.join('/')}` };
}

/** Turns `git@github.com:owner/repo.git` or `https://host/owner/repo.git` into `https://host/owner/repo`. */
export function normaliseRemote(remote: string): string | undefined {
  return parseRemote(remote)?.url;
}

/** A repository URL in one comparable form: https, lower-case host, no credentials, no `.git`, no trailing slash. */
export function normaliseRepository(url: string): string {
  return parseRemote(url)?.url ?? trimChars(url.trim(), '/', 'end').replace(/\.git$/i, '');
}

/** Reads the remote URL, host, owner and HEAD commit of a checkout (nothing when it is not one). */
export function readRepository(root: string): SourceRepository {
  if (git(root, ['rev-parse', '--is-inside-work-tree']) !== 'true') return { isGit: false };
  const remote = git(root, ['remote', 'get-url', 'origin']);
  const parsed = remote ? parseRemote(remote) : undefined;
  const valid = parsed && OWNER_PATTERN.test(parsed.owner);
  return {
    isGit: true,
    url: parsed?.url,
    host: parsed?.host,
    owner: valid ? parsed.owner : undefined,
    invalidOwner: parsed && !valid ? parsed.owner : undefined,
    commit: git(root, ['rev-parse', 'HEAD']),
  };
}

/**
 * True when `path` in a checkout holds exactly what HEAD holds: no change, no untracked and no
 * ignored file under it (git status reports none). Only then is a copy of the folder the upstream
 * tree at that commit.
 */
export function matchesHead(root: string, path: string): boolean {
  try {
    const out = execFileSync(
      'git',
      [
        '-c',
        'core.fsmonitor=false',
        '-C',
        root,
        'status',
        '--porcelain',
        '--ignored',
        '-z',
        '--',
        path || '.',
      ],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] },
    );
    return out === '';
  } catch {
    return false;
  }
}

/** The last commit touching `path` in a checkout: its hash and ISO date. */
export function lastCommit(
  root: string,
  path: string,
): { commit: string; date: string } | undefined {
  const line = git(root, ['log', '-1', '--format=%H %cI', '--', path || '.']);
  if (!line) return undefined;
  const [commit, date] = line.split(' ');
  return commit && date ? { commit, date } : undefined;
}

const LICENCE_FILE = /^(?:LICEN[CS]E|COPYING)(?:[.-].*)?$/i;

/** Names the licence in a licence text by its first lines (SPDX ids for the common ones). */
export function identifyLicence(text: string): string | undefined {
  const head = text.slice(0, 1500);
  if (/\bMIT License\b|Permission is hereby granted, free of charge/i.test(head)) return 'MIT';
  if (/Apache License[\s\S]{0,80}Version 2\.0/i.test(head)) return 'Apache-2.0';
  if (/GNU GENERAL PUBLIC LICENSE[\s\S]{0,80}Version 3/i.test(head)) return 'GPL-3.0';
  if (/GNU GENERAL PUBLIC LICENSE[\s\S]{0,80}Version 2/i.test(head)) return 'GPL-2.0';
  if (/GNU LESSER GENERAL PUBLIC LICENSE/i.test(head)) return 'LGPL';
  if (/Mozilla Public License[\s\S]{0,40}2\.0/i.test(head)) return 'MPL-2.0';
  if (/BSD 3-Clause|Redistribution and use in source and binary forms/i.test(head)) return 'BSD';
  if (/Creative Commons Attribution 4\.0|CC BY 4\.0/i.test(head)) return 'CC-BY-4.0';
  if (/This is free and unencumbered software released into the public domain/i.test(head))
    return 'Unlicense';
  return undefined;
}

/** A licence file in a folder: its name and the licence it holds, if recognised. Only a regular file (or a link to one inside `within`) is read, and only its head. */
export function findLicenceFile(
  dir: string,
  within: string = dir,
): { file: string; licence?: string | undefined } | undefined {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return undefined;
  }
  const file = names.sort().find((name) => LICENCE_FILE.test(name));
  if (!file) return undefined;
  const checked = checkRegularFile(join(dir, file), realpathSync(within));
  if (!checked.ok) return { file };
  try {
    return { file, licence: identifyLicence(readHead(checked.real, 4096)) };
  } catch {
    return { file };
  }
}

/** The first bytes of a regular file as text (licence names sit in the first lines). */
function readHead(path: string, bytes: number): string {
  const fd = openSync(
    path,
    constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0),
  );
  try {
    const buffer = Buffer.alloc(bytes);
    return buffer.subarray(0, readSync(fd, buffer, 0, bytes, 0)).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

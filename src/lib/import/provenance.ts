import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Facts about the source repository, read with git when the folder is a checkout. */
export interface SourceRepository {
  /** Browsable URL, e.g. https://github.com/acme/skills. */
  url?: string | undefined;
  /** Owner from the remote URL (the default publisher). */
  owner?: string | undefined;
  /** HEAD commit of the checkout. */
  commit?: string | undefined;
  /** True when `root` is inside a git work tree. */
  isGit: boolean;
}

function git(root: string, args: string[]): string | undefined {
  try {
    return execFileSync('git', ['-C', root, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() || undefined;
  } catch {
    return undefined;
  }
}

/** Turns `git@github.com:owner/repo.git` or `https://host/owner/repo.git` into `https://host/owner/repo`. */
export function normaliseRemote(remote: string): string | undefined {
  const ssh = /^(?:ssh:\/\/)?git@([^:/]+)[:/](.+?)(?:\.git)?\/?$/.exec(remote);
  if (ssh) return `https://${ssh[1]}/${ssh[2]}`;
  const http = /^(?:https?|git):\/\/(?:[^@/]+@)?([^/]+)\/(.+?)(?:\.git)?\/?$/.exec(remote);
  return http ? `https://${http[1]}/${http[2]}` : undefined;
}

/** Reads the remote URL, owner and HEAD commit of a checkout (nothing when it is not one). */
export function readRepository(root: string): SourceRepository {
  if (git(root, ['rev-parse', '--is-inside-work-tree']) !== 'true') return { isGit: false };
  const remote = git(root, ['remote', 'get-url', 'origin']);
  const url = remote ? normaliseRemote(remote) : undefined;
  return { isGit: true, url, owner: url?.split('/')[3], commit: git(root, ['rev-parse', 'HEAD']) };
}

/** The last commit touching `path` in a checkout: its hash and ISO date. */
export function lastCommit(root: string, path: string): { commit: string; date: string } | undefined {
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
  if (/This is free and unencumbered software released into the public domain/i.test(head)) return 'Unlicense';
  return undefined;
}

/** A licence file in a folder: its name and the licence it holds, if recognised. */
export function findLicenceFile(dir: string): { file: string; licence?: string | undefined } | undefined {
  if (!existsSync(dir)) return undefined;
  const file = readdirSync(dir).sort().find((name) => LICENCE_FILE.test(name));
  if (!file) return undefined;
  try {
    return { file, licence: identifyLicence(readFileSync(join(dir, file), 'utf8')) };
  } catch {
    return { file };
  }
}

import type { Finding } from './findings.ts';
import type { SkillRecord } from './package.ts';
import { formatBytes } from '../shared/format.ts';
import { AGENT_PLUGIN_NAME, AGENT_PLUGIN_NAME_MAX } from '../publish/agent-plugin.ts';

/**
 * Where a skill loads: each client's own rules, in one place for the skill page, `npm run check`, the
 * JSON API and the catalogue's "Loads in" facet. Every rule is a limit a client was seen to enforce
 * (REFERENCE.md §7 and the sources cited beside each client); where a client's behaviour is unknown,
 * there is no rule rather than a guess.
 */

/** The clients, in the order the matrix lists them; the ids are the API's. */
export const CLIENT_IDS = [
  'claude-ai',
  'claude-code',
  'claude-desktop',
  'agent-plugins',
  'npx-skills',
  'gh-skill',
  'mcp',
] as const;
export type ClientId = (typeof CLIENT_IDS)[number];

/** Loads as published; loads with a caveat (truncated, ignored key, older versions); refused. */
export type ClientStatus = 'loads' | 'caveat' | 'refused';

/** What this site can change mechanically to make a claude.ai upload load (never a rename). */
export type FixKind = 'drop-evals' | 'quote-scalar' | 'join-allowed-tools' | 'move-keys';

/** One reason a client refuses or limits a skill, in one sentence, with where it is when known. */
export interface ClientReason {
  status: Exclude<ClientStatus, 'loads'>;
  text: string;
  file?: string | undefined;
  line?: number | undefined;
  /** Set when this site can make the change itself (see src/lib/skill/client-fix.ts). */
  fix?: FixKind | undefined;
}

/** One client's verdict on one skill. */
export interface ClientVerdict {
  id: ClientId;
  status: ClientStatus;
  reasons: ClientReason[];
}

/** What a client is and how a skill reaches it: the matrix's first column. */
export interface ClientInfo {
  id: ClientId;
  label: string;
  /** How a skill from this site reaches the client. */
  via: string;
  /** Where the limits come from. */
  source: string;
}

export const CLIENTS: Record<ClientId, ClientInfo> = {
  'claude-ai': {
    id: 'claude-ai',
    label: 'claude.ai',
    via: 'ZIP upload (Settings → Capabilities → Skills)',
    source: 'claude.ai upload errors and Anthropic\u2019s skill packager',
  },
  'claude-code': {
    id: 'claude-code',
    label: 'Claude Code',
    via: 'a folder in .claude/skills or a plugin',
    source: 'Claude Code\u2019s skill loader and changelog',
  },
  'claude-desktop': {
    id: 'claude-desktop',
    label: 'Claude Desktop / plugin sync',
    via: 'the plugin ZIP, synced to claude.ai',
    source: 'Claude Desktop plugin and marketplace name rules',
  },
  'agent-plugins': {
    id: 'agent-plugins',
    label: 'Agent Plugins clients',
    via: 'the plugin ZIP (VS Code, Copilot, Cursor, Codex, Kiro)',
    source: 'Agent Plugins 1.0.0 and the Agent Skills specification',
  },
  'npx-skills': {
    id: 'npx-skills',
    label: 'npx skills',
    via: 'this site\u2019s well-known index',
    source: 'the skills CLI 1.7 sources (well-known index provider)',
  },
  'gh-skill': {
    id: 'gh-skill',
    label: 'gh skill',
    via: 'GitHub CLI (install, update, publish)',
    source: 'GitHub CLI 2.90 gh skill',
  },
  mcp: {
    id: 'mcp',
    label: 'MCP hosts',
    via: 'an MCP server with the Skills Extension',
    source: 'MCP Skills Extension (SEP-2640)',
  },
};

/** The numbers the rules use, each with the client that enforces it. */
export const CLIENT_LIMITS = {
  claudeAiFiles: 200,
  claudeAiBytes: 30 * 1024 * 1024,
  descriptionMax: 1024,
  /** Claude Code's /skills list shows this many characters of a description. */
  claudeCodeListChars: 250,
  /** Claude Code's model-facing listing caps description + when_to_use together. */
  claudeCodeListingChars: 1536,
  /** The Agent Plugins name rule (1.0.0) and its length. */
  agentPluginName: AGENT_PLUGIN_NAME,
  agentPluginNameMax: AGENT_PLUGIN_NAME_MAX,
  /** Claude Desktop plugin names; claude.ai sync also wants kebab-case. */
  desktopPluginName: /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/,
  kebabCase: /^[a-z0-9]+(?:-[a-z0-9]+)*$/,
  npxSkillsFiles: 1000,
  npxSkillsBytes: 50 * 1024 * 1024,
  mcpFiles: 512,
  mcpBytes: 16 * 1024 * 1024,
  /** Claude Code before this version ignored a SKILL.md starting with a byte-order mark. */
  claudeCodeBomFixed: '2.1.239',
} as const;

/** The part of a skill record the rules read. */
export type ClientInput = Pick<
  SkillRecord,
  | 'name'
  | 'specName'
  | 'description'
  | 'files'
  | 'totalBytes'
  | 'findings'
  | 'archiveName'
  | 'skillFile'
  | 'extraKeys'
  | 'keyLines'
> & { metadata?: Record<string, string> | undefined };

/** Spec findings that make claude.ai refuse an upload, each said in a few words. */
const CLAUDE_AI_REFUSALS: Record<string, string> = {
  'name-format': 'The name is not 1\u201364 lower-case letters, digits and single hyphens',
  'name-missing': 'The frontmatter has no name',
  'description-angle-brackets': 'The description contains < or >',
  'compatibility-too-long': 'The compatibility text is over 500 characters',
  'compatibility-empty': 'The compatibility field is empty',
  'metadata-not-map': 'metadata is not a map of strings',
  'allowed-tools-type': 'allowed-tools is neither a string nor a list',
};

/** Spec errors that clients which validate against the Agent Skills specification refuse. */
const SPEC_REFUSALS = new Set([
  'name-format',
  'description-too-long',
  'metadata-not-map',
  'compatibility-too-long',
  'compatibility-empty',
  'allowed-tools-type',
]);

/** Every client's verdict on a skill, in CLIENT_IDS order. */
export function assessClients(skill: ClientInput): ClientVerdict[] {
  const facts = factsOf(skill);
  return CLIENT_IDS.map((id) => verdict(id, RULES[id](facts)));
}

/** One client's verdict. */
export function assessClient(skill: ClientInput, id: ClientId): ClientVerdict {
  return verdict(id, RULES[id](factsOf(skill)));
}

/** The ids of the clients a skill loads in (with or without a caveat). */
export function loadsIn(verdicts: readonly ClientVerdict[]): ClientId[] {
  return verdicts.filter((v) => v.status !== 'refused').map((v) => v.id);
}

/** A reason as one line of text: the sentence, then where (`SKILL.md:3`). */
export function reasonText(reason: ClientReason): string {
  const where = reason.file ? ` (${reason.file}${reason.line ? `:${reason.line}` : ''})` : '';
  return `${reason.text}${where}`;
}

/** The `clients` object of the JSON API: status and reasons per client id. */
export function clientsDocument(
  verdicts: readonly ClientVerdict[],
): Record<ClientId, { status: ClientStatus; reasons: string[] }> {
  return Object.fromEntries(
    verdicts.map((v) => [v.id, { status: v.status, reasons: v.reasons.map(reasonText) }]),
  ) as Record<ClientId, { status: ClientStatus; reasons: string[] }>;
}

function verdict(id: ClientId, reasons: ClientReason[]): ClientVerdict {
  const status: ClientStatus = reasons.some((r) => r.status === 'refused')
    ? 'refused'
    : reasons.length
      ? 'caveat'
      : 'loads';
  // Refusals first, so the first reason is the one that decides.
  return { id, status, reasons: [...reasons].sort((a, b) => rank(a) - rank(b)) };
}

const rank = (r: ClientReason): number => (r.status === 'refused' ? 0 : 1);

/** What the rules look at, computed once per skill. */
interface Facts {
  skill: ClientInput;
  /** The name as written in the frontmatter (the shown name may be the folder's). */
  specName: string;
  files: number;
  bytes: number;
  evals: { files: number; bytes: number };
  findings: Map<string, Finding[]>;
  descriptionLength: number;
  whenToUseLength: number;
}

function factsOf(skill: ClientInput): Facts {
  const findings = new Map<string, Finding[]>();
  for (const f of skill.findings) findings.set(f.rule, [...(findings.get(f.rule) ?? []), f]);
  const evalFiles = skill.files.filter((f) => f.path.startsWith('evals/'));
  const whenToUse = skill.extraKeys['when_to_use'] ?? skill.extraKeys['when-to-use'];
  return {
    skill,
    specName: skill.specName ?? skill.name,
    files: skill.files.length,
    bytes: skill.totalBytes,
    evals: { files: evalFiles.length, bytes: evalFiles.reduce((sum, f) => sum + f.size, 0) },
    findings,
    descriptionLength: [...skill.description].length,
    whenToUseLength: typeof whenToUse === 'string' ? [...whenToUse].length : 0,
  };
}

type Rule = (facts: Facts) => ClientReason[];

/** A reason for each finding of a rule, at the finding's file and line. */
function fromFindings(
  facts: Facts,
  rules: Iterable<string>,
  status: ClientReason['status'],
  text: (finding: Finding) => string,
  fix?: FixKind,
): ClientReason[] {
  const out: ClientReason[] = [];
  for (const rule of rules)
    for (const f of facts.findings.get(rule) ?? [])
      out.push({ status, text: text(f), file: f.file, line: f.line, fix });
  return out;
}

const n = (value: number): string => value.toLocaleString('en-US');

/** Keys other than the six, as one reason at the first one's line. */
function otherKeys(
  facts: Facts,
  status: ClientReason['status'],
  text: (keys: string, one: boolean) => string,
): ClientReason[] {
  const found = facts.findings.get('non-spec-key') ?? [];
  const first = found[0];
  if (!first) return [];
  const keys = Object.keys(facts.skill.extraKeys).map((k) => `"${k}"`);
  const list = keys.length ? keys : [`${found.length} keys`];
  return [
    {
      status,
      text: text(list.join(', '), list.length === 1 && keys.length === 1),
      file: first.file,
      line: first.line,
      fix: 'move-keys',
    },
  ];
}

/** File-count and size limits of a client that takes the package whole. */
function sizeLimits(
  facts: Facts,
  client: string,
  maxFiles: number,
  maxBytes: number,
  unit: string,
): ClientReason[] {
  const out: ClientReason[] = [];
  if (facts.files > maxFiles)
    out.push({
      status: 'refused',
      text: `The package has ${n(facts.files)} files; ${client} takes at most ${n(maxFiles)} per skill.`,
    });
  if (facts.bytes > maxBytes)
    out.push({
      status: 'refused',
      text: `The package is ${formatBytes(facts.bytes)} ${unit}; ${client} takes at most ${formatBytes(maxBytes)}.`,
    });
  return out;
}

const descriptionTooLong = (facts: Facts, client: string): ClientReason[] =>
  facts.descriptionLength > CLIENT_LIMITS.descriptionMax
    ? [
        {
          status: 'refused',
          text: `The description is ${n(facts.descriptionLength)} characters; a description over ${n(CLIENT_LIMITS.descriptionMax)} is refused by ${client}.`,
          ...at(facts, 'description'),
        },
      ]
    : [];

/** The skill file and the line of a frontmatter key. */
const at = (facts: Facts, key: string): { file: string; line?: number | undefined } => ({
  file: facts.skill.skillFile,
  line: facts.skill.keyLines?.[key],
});

/** Invalid YAML this site read by quoting a value: a strict parser stops there. */
const recoveredYaml = (facts: Facts, status: ClientReason['status'], client: string) =>
  fromFindings(
    facts,
    ['yaml-recovered'],
    status,
    () =>
      status === 'refused'
        ? `The frontmatter is not valid YAML (a value with a colon is not quoted): refused by ${client}.`
        : `The frontmatter is not valid YAML (a value with a colon is not quoted): ${client} may not read the skill.`,
    'quote-scalar',
  );

/** Errors against the Agent Skills specification, for clients that validate it. */
const specErrors = (facts: Facts, client: string): ClientReason[] =>
  fromFindings(
    facts,
    [...SPEC_REFUSALS].filter((r) => r !== 'description-too-long'),
    'refused',
    (f) => `${f.message} Clients that check the Agent Skills specification (${client}) refuse it.`,
  ).concat(descriptionTooLong(facts, client));

const RULES: Record<ClientId, Rule> = {
  'claude-ai': (facts) => {
    const out: ClientReason[] = [];
    const { claudeAiFiles, claudeAiBytes } = CLIENT_LIMITS;
    const withoutEvals = {
      files: facts.files - facts.evals.files,
      bytes: facts.bytes - facts.evals.bytes,
    };
    // Anthropic's packager leaves out a root evals/: when that alone brings the package within the
    // limits, this site can do the same.
    const evalsFix = (over: boolean, fits: boolean): FixKind | undefined =>
      over && facts.evals.files > 0 && fits ? 'drop-evals' : undefined;
    if (facts.files > claudeAiFiles)
      out.push({
        status: 'refused',
        text: `The package has ${n(facts.files)} files; claude.ai uploads take at most ${n(claudeAiFiles)}${facts.evals.files ? ` (${n(facts.evals.files)} of them in evals/, which Anthropic\u2019s packager leaves out)` : ''}.`,
        fix: evalsFix(
          true,
          withoutEvals.files <= claudeAiFiles && withoutEvals.bytes <= claudeAiBytes,
        ),
      });
    if (facts.bytes > claudeAiBytes)
      out.push({
        status: 'refused',
        text: `The package is ${formatBytes(facts.bytes)} unpacked; claude.ai uploads take at most ${formatBytes(claudeAiBytes)}.`,
        fix: evalsFix(
          true,
          withoutEvals.files <= claudeAiFiles && withoutEvals.bytes <= claudeAiBytes,
        ),
      });
    const reserved = /claude|anthropic/i.exec(facts.specName)?.[0];
    if (reserved)
      out.push({
        status: 'refused',
        text: `The name "${facts.specName}" contains "${reserved.toLowerCase()}", which claude.ai does not allow in skill names. Only the publisher can rename it.`,
        ...at(facts, 'name'),
      });
    out.push(...descriptionTooLong(facts, 'claude.ai'));
    out.push(
      ...otherKeys(
        facts,
        'refused',
        (keys, one) =>
          `${keys} ${one ? 'is not one of' : 'are not among'} the six Agent Skills keys; claude.ai refuses any other key.`,
      ),
    );
    for (const [rule, sentence] of Object.entries(CLAUDE_AI_REFUSALS))
      out.push(
        ...fromFindings(
          facts,
          [rule],
          'refused',
          () => `${sentence}; claude.ai refuses the upload.`,
        ),
      );
    out.push(...recoveredYaml(facts, 'refused', 'claude.ai'));
    out.push(
      ...fromFindings(
        facts,
        ['allowed-tools-list'],
        'caveat',
        () =>
          'allowed-tools is a YAML list; the specification and strict validators want one space-separated string.',
        'join-allowed-tools',
      ),
    );
    return out;
  },

  'claude-code': (facts) => {
    const out = descriptionTooLong(facts, 'Claude Code');
    const { claudeCodeListChars, claudeCodeListingChars, claudeCodeBomFixed } = CLIENT_LIMITS;
    out.push(
      ...fromFindings(
        facts,
        ['byte-order-mark'],
        'caveat',
        () =>
          `The file starts with a byte-order mark: Claude Code before ${claudeCodeBomFixed} silently ignores such a SKILL.md.`,
      ),
    );
    const fits = facts.descriptionLength <= CLIENT_LIMITS.descriptionMax;
    if (fits && facts.descriptionLength > claudeCodeListChars)
      out.push({
        status: 'caveat',
        text: `The /skills list shows the first ${claudeCodeListChars} of the description\u2019s ${n(facts.descriptionLength)} characters.`,
        ...at(facts, 'description'),
      });
    const listing = facts.descriptionLength + facts.whenToUseLength;
    if (fits && listing > claudeCodeListingChars)
      out.push({
        status: 'caveat',
        text: `The description and when_to_use together are ${n(listing)} characters; the model sees the first ${n(claudeCodeListingChars)}.`,
        ...at(facts, 'description'),
      });
    out.push(...recoveredYaml(facts, 'caveat', 'Claude Code'));
    return out;
  },

  'claude-desktop': (facts) => {
    const { desktopPluginName, kebabCase } = CLIENT_LIMITS;
    const name = facts.skill.archiveName;
    const out: ClientReason[] = [];
    if (!desktopPluginName.test(name))
      out.push({
        status: 'refused',
        text: `The plugin name "${name}" is not a valid Claude Desktop plugin name.`,
      });
    else if (!kebabCase.test(name))
      out.push({
        status: 'refused',
        text: `The plugin name "${name}" is not kebab-case; claude.ai plugin sync drops it silently.`,
      });
    out.push(...descriptionTooLong(facts, 'Claude\u2019s skill loader'));
    out.push(...recoveredYaml(facts, 'caveat', 'Claude Desktop'));
    return out;
  },

  'agent-plugins': (facts) => {
    const { agentPluginName, agentPluginNameMax } = CLIENT_LIMITS;
    const name = facts.skill.archiveName;
    const out: ClientReason[] = [];
    if (name.length > agentPluginNameMax || !agentPluginName.test(name))
      out.push({
        status: 'refused',
        text: `The plugin name "${name}" breaks the Agent Plugins name rule (lower case, digits, dots and single hyphens, at most ${agentPluginNameMax}).`,
      });
    out.push(...specErrors(facts, 'Agent Plugins clients'));
    out.push(
      ...otherKeys(
        facts,
        'caveat',
        (keys, one) =>
          `${keys} ${one ? 'is not an Agent Skills key' : 'are not Agent Skills keys'}; these clients ignore ${one ? 'it' : 'them'}.`,
      ),
    );
    out.push(...recoveredYaml(facts, 'caveat', 'a strict client'));
    return out;
  },

  // The skills CLI 1.7 (read in its sources): an index entry with a description over 1,024 is
  // skipped, a SKILL.md whose YAML does not parse or that does not start with --- is dropped without
  // a word, archives stop at 1,000 files and 50 MiB, files are written without their modes, and
  // `metadata.internal: true` hides a skill unless it is named.
  'npx-skills': (facts) => {
    const out = [
      ...sizeLimits(
        facts,
        'npx skills (through a well-known index)',
        CLIENT_LIMITS.npxSkillsFiles,
        CLIENT_LIMITS.npxSkillsBytes,
        'unpacked',
      ),
      ...descriptionTooLong(facts, 'the skills CLI (it skips the index entry)'),
      ...recoveredYaml(facts, 'refused', 'the skills CLI (it drops the skill without a message)'),
      ...fromFindings(
        facts,
        ['blank-lines-before-frontmatter'],
        'refused',
        () =>
          'The file does not start with ---: the skills CLI finds no frontmatter and drops the skill.',
      ),
    ];
    const executables = facts.skill.files.filter((f) => f.executable);
    if (executables.length)
      out.push({
        status: 'caveat',
        text: `The skills CLI writes files without their modes: ${executables.length === 1 ? `${executables[0]!.path} is` : `${n(executables.length)} executable files are`} no longer executable once installed.`,
        file: executables[0]!.path,
      });
    if (facts.skill.metadata?.['internal'] === 'true')
      out.push({
        status: 'caveat',
        text: 'metadata.internal is true: the skills CLI hides the skill unless it is named with --skill.',
        ...at(facts, 'metadata'),
      });
    return out;
  },

  'gh-skill': (facts) => [
    ...fromFindings(
      facts,
      ['allowed-tools-list'],
      'refused',
      () =>
        'allowed-tools is written as a YAML list; gh skill publish refuses it (write one space-separated string).',
      'join-allowed-tools',
    ),
    ...specErrors(facts, 'gh skill'),
    ...recoveredYaml(facts, 'caveat', 'gh skill'),
  ],

  mcp: (facts) => [
    ...sizeLimits(
      facts,
      'the MCP Skills Extension',
      CLIENT_LIMITS.mcpFiles,
      CLIENT_LIMITS.mcpBytes,
      'in total',
    ),
    ...recoveredYaml(facts, 'caveat', 'an MCP server'),
  ],
};

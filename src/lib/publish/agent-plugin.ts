/**
 * Agent Plugins 1.0.0 (agent-plugins.org: the cross-client plugin format of VS Code, Copilot, Cursor,
 * Codex, Kiro, …), transcribed once from its published schema, since no client on npm checks it
 * offline: a root `plugin.json` whose `$schema` is exactly AGENT_PLUGINS_SCHEMA, a closed manifest
 * (only the keys below), and skills only at `skills/<dir>/SKILL.md`. It sits beside Claude Code's
 * `.claude-plugin/plugin.json` in the same archive.
 */

/** The exact `$schema` an Agent Plugins 1.0.0 manifest carries. */
export const AGENT_PLUGINS_SCHEMA = 'https://agent-plugins.org/schemas/1.0.0/plugin.schema.json';

/** A plugin name: lower case, digits, dots and hyphens, no `--` or `..`, ending in a letter or digit. */
export const AGENT_PLUGIN_NAME = /^(?!.*(?:--|\.\.))[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?$/;
export const AGENT_PLUGIN_NAME_MAX = 64;

/** The manifest: closed, so any other key makes it invalid. */
export interface AgentPluginManifest {
  $schema: typeof AGENT_PLUGINS_SCHEMA;
  name: string;
  version?: string;
  description?: string;
  author?: { name: string; email?: string; url?: string };
  homepage?: string;
  repository?: string;
  license?: string;
  keywords?: string[];
  /** Client data under reverse-domain keys (`com.example.client`). */
  extensions?: Record<string, unknown>;
}

const KEYS = new Set([
  '$schema',
  'name',
  'version',
  'description',
  'author',
  'homepage',
  'repository',
  'license',
  'keywords',
  'extensions',
]);
const AUTHOR_KEYS = new Set(['name', 'email', 'url']);
const REVERSE_DOMAIN = /^[a-z0-9-]+(?:\.[a-z0-9-]+)+$/i;

/** The manifest of a one-skill plugin, from the skill's own frontmatter. */
export function agentPluginManifest(fields: {
  name: string;
  description: string;
  license?: string | undefined;
}): AgentPluginManifest {
  return {
    $schema: AGENT_PLUGINS_SCHEMA,
    name: fields.name,
    description: fields.description,
    ...(fields.license ? { license: fields.license } : {}),
  };
}

/** Every way `value` breaks the Agent Plugins 1.0.0 manifest rules, in words; empty when valid. */
export function agentPluginProblems(value: unknown): string[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return ['The manifest is not a JSON object.'];
  const manifest = value as Record<string, unknown>;
  const problems: string[] = [];
  for (const key of Object.keys(manifest))
    if (!KEYS.has(key)) problems.push(`"${key}" is not an Agent Plugins manifest key.`);
  if (manifest['$schema'] !== AGENT_PLUGINS_SCHEMA)
    problems.push(`$schema must be exactly ${AGENT_PLUGINS_SCHEMA}.`);
  const name = manifest['name'];
  if (typeof name !== 'string' || name === '') problems.push('name is required.');
  else if (name.length > AGENT_PLUGIN_NAME_MAX || !AGENT_PLUGIN_NAME.test(name))
    problems.push(
      `name "${name}" must be at most ${AGENT_PLUGIN_NAME_MAX} lower-case letters, digits, dots and hyphens, without "--" or "..", starting and ending with a letter or digit.`,
    );
  for (const key of ['version', 'description', 'homepage', 'repository', 'license'])
    if (key in manifest && typeof manifest[key] !== 'string') problems.push(`${key} must be text.`);
  const author = manifest['author'];
  if (author !== undefined) {
    if (typeof author !== 'object' || author === null || Array.isArray(author))
      problems.push('author must be an object.');
    else {
      const fields = author as Record<string, unknown>;
      if (typeof fields['name'] !== 'string') problems.push('author.name is required.');
      for (const key of Object.keys(fields))
        if (!AUTHOR_KEYS.has(key)) problems.push(`author.${key} is not allowed.`);
        else if (typeof fields[key] !== 'string') problems.push(`author.${key} must be text.`);
    }
  }
  const keywords = manifest['keywords'];
  if (
    keywords !== undefined &&
    !(Array.isArray(keywords) && keywords.every((k) => typeof k === 'string'))
  )
    problems.push('keywords must be a list of text.');
  const extensions = manifest['extensions'];
  if (extensions !== undefined) {
    if (typeof extensions !== 'object' || extensions === null || Array.isArray(extensions))
      problems.push('extensions must be an object.');
    else
      for (const key of Object.keys(extensions))
        if (!REVERSE_DOMAIN.test(key))
          problems.push(`extensions key "${key}" is not a reverse-domain name.`);
  }
  return problems;
}

/** Where a plugin archive may hold skills: `skills/<dir>/SKILL.md`, direct children only. */
export function agentPluginSkillPaths(paths: readonly string[]): string[] {
  return paths.filter((p) => /^skills\/[^/]+\/SKILL\.md$/.test(p));
}

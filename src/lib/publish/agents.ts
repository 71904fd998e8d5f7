/** Where one agent looks for skills. */
export interface AgentTarget {
  id: string;
  agent: string;
  /** Project-level skills folder, relative to the repository root. */
  projectDir?: string | undefined;
  /** Personal skills folder, in the home directory. */
  userDir?: string | undefined;
  note?: string | undefined;
}

/** The install folders agents read today (REFERENCE.md §2): the one list the install box and the guides use. */
export const AGENT_TARGETS: readonly AgentTarget[] = [
  {
    id: 'claude-code',
    agent: 'Claude Code',
    projectDir: '.claude/skills',
    userDir: '~/.claude/skills',
  },
  {
    id: 'agents',
    agent: 'Codex, Cursor, OpenCode, Gemini CLI, Copilot, Amp (shared convention)',
    projectDir: '.agents/skills',
    userDir: '~/.agents/skills',
  },
  {
    id: 'vscode',
    agent: 'VS Code and GitHub Copilot',
    projectDir: '.github/skills',
    userDir: '~/.copilot/skills',
    note: 'VS Code also reads .claude/skills and .agents/skills.',
  },
  {
    id: 'codex',
    agent: 'Codex (older installers)',
    projectDir: '.codex/skills',
    userDir: '~/.codex/skills',
  },
  {
    id: 'cursor',
    agent: 'Cursor',
    projectDir: '.cursor/skills',
    userDir: '~/.cursor/skills',
    note: 'Cursor also reads .claude/skills and .agents/skills.',
  },
  {
    id: 'opencode',
    agent: 'OpenCode',
    projectDir: '.opencode/skills',
    userDir: '~/.config/opencode/skills',
  },
  {
    id: 'claude-ai',
    agent: 'claude.ai and Claude Desktop',
    note: 'Upload the ZIP in Settings → Capabilities → Skills.',
  },
];

/** The folder a skill named `name` ends up in for a target and scope. */
export function installDir(
  target: AgentTarget,
  scope: 'project' | 'user',
  name: string,
): string | undefined {
  const base = scope === 'project' ? target.projectDir : target.userDir;
  return base ? `${base}/${name}` : undefined;
}

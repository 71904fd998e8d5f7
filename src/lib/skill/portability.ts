import type { Finding } from './findings.ts';

/** One target a skill may or may not work in, with the findings that decide it. */
export interface PortabilityVerdict {
  target: string;
  ok: boolean;
  reasons: Finding[];
}

/** Findings that make claude.ai uploads (and Anthropic's packager and the Skills API) reject a skill. */
const CLAUDE_AI_BLOCKERS = new Set([
  'non-spec-key',
  'name-format',
  'name-missing',
  'description-too-long',
  'description-angle-brackets',
  'compatibility-too-long',
  'compatibility-empty',
  'metadata-not-map',
  'allowed-tools-type',
]);
/**
 * Findings that stop Claude Code from loading a downloaded skill. Its loader is lenient (unknown keys,
 * name mismatches and long descriptions only warn), and downloads rename skill.md, so listed skills load.
 */
const CLAUDE_CODE_BLOCKERS = new Set<string>([]);
/** Findings that break the Agent Skills specification itself. */
const SPEC_RULES = new Set([
  ...CLAUDE_AI_BLOCKERS,
  'skill-file-name',
  'name-folder-mismatch',
  'metadata-not-string',
  'allowed-tools-list',
]);

/** Where a skill works: Claude Code, claude.ai uploads, and the Agent Skills spec, each with its reasons. */
export function assessPortability(findings: readonly Finding[]): PortabilityVerdict[] {
  const pick = (rules: Set<string>): Finding[] => findings.filter((f) => rules.has(f.rule));
  const verdict = (target: string, reasons: Finding[]): PortabilityVerdict => ({
    target,
    ok: reasons.length === 0,
    reasons,
  });
  return [
    verdict('Works in Claude Code', pick(CLAUDE_CODE_BLOCKERS)),
    verdict('Uploads to claude.ai', pick(CLAUDE_AI_BLOCKERS)),
    verdict('Follows the Agent Skills spec', pick(SPEC_RULES)),
  ];
}

/** True when claude.ai would accept the skill's ZIP as uploaded. */
export function isClaudeAiReady(findings: readonly Finding[]): boolean {
  return !findings.some((f) => CLAUDE_AI_BLOCKERS.has(f.rule));
}

import { remove as removeConfusables } from 'confusables';

/** How much a trust finding matters: `danger` blocks, `warning` asks for review, `info` describes. */
export type TrustSeverity = 'info' | 'warning' | 'danger';

/** The part of the trust report a rule belongs to. */
export type TrustCategory =
  | 'network'
  | 'remote-code'
  | 'destructive'
  | 'credentials'
  | 'persistence'
  | 'obfuscation'
  | 'hidden-text'
  | 'injection'
  | 'exfiltration'
  | 'secrets';

/**
 * Where a rule looks: `code` = scripts, and in Markdown fenced and indented code blocks (warning and
 * danger rules also inline code spans outside a warning or a list of examples); `text` = every line of
 * every text file.
 */
export type RuleScope = 'code' | 'text';

/** Where a match was found in a line. */
export interface RuleMatch {
  index: number;
  length: number;
}

/** One pattern-based check. */
export interface TrustRule {
  id: string;
  category: TrustCategory;
  severity: TrustSeverity;
  scope: RuleScope;
  /** The pattern; with `find`, only a cheap pre-filter a line must match first. */
  pattern: RegExp;
  /** One sentence a non-expert understands. */
  message: string;
  /** A match on a line that also matches this is not reported (documented safe forms). */
  unless?: RegExp;
  /** Also checked against imperative sentences of Markdown prose (instructions to the agent). */
  prose?: readonly RegExp[];
  /**
   * A match whose sentence also matches this is a mention (a warning, a list of phrases to watch
   * for), unless the sentence is itself an imperative that starts with the match.
   */
  mention?: RegExp;
  /** Finds the match when a regular expression is not enough; runs only on lines matching `pattern`. */
  find?: (line: string) => RuleMatch | undefined;
}

/** A rule implemented in scan.ts over a whole file rather than line by line. */
export interface FileRule {
  id: string;
  category: TrustCategory;
  severity: TrustSeverity;
  scope: RuleScope;
  message: string;
}

/** Bumped whenever a rule is added or changes what it matches (shown with every report). */
export const RULES_VERSION = '2026.11.30';

/** Categories in report order, with the heading shown on skill pages. */
export const CATEGORY_LABELS: Record<TrustCategory, string> = {
  'remote-code': 'Runs downloaded code',
  destructive: 'Destructive commands',
  credentials: 'Reads credentials',
  persistence: 'Persists on the machine',
  obfuscation: 'Obfuscated code',
  exfiltration: 'Sends data away',
  injection: 'Instructions aimed at the agent',
  'hidden-text': 'Hidden characters',
  secrets: 'Secrets in the package',
  network: 'Network access',
};

// Every gap below is bounded ({0,N}) and every pipe-based form is anchored on the `|` with a
// look-behind, so a hostile line costs a constant amount of work per character, never quadratic.

// Broad targets for rm -rf: the root, home, the current folder or everything in it, or an unquoted variable alone.
const BROAD_PATH = String.raw`(?:\/\*?|~\/?\*?|\$HOME\/?\*?|\$\{HOME\}\/?\*?|\.\/?\*?|\*|\$[A-Za-z_]{1,64}\/?\*?)(?=\s|$|;|&|\||"|')`;
const RM_OPTION = String.raw`--?[a-zA-Z][\w-]{0,40}\s+`;
const RM_RECURSIVE = String.raw`(?:-(?=[a-zA-Z]{0,20}[rR])[a-zA-Z]{1,21}|--recursive)\s`;

// A download command, and what may stand between `|` and the shell: sudo, `command`/`exec`, an absolute
// path (/bin/sh, /usr/local/bin/bash) and `env` (`| /usr/bin/env bash`).
const DOWNLOAD = String.raw`\b(?:curl|wget|iwr|irm|Invoke-WebRequest|Invoke-RestMethod)\b`;
const PATH_PREFIX = String.raw`(?:[\w.~-]{0,40}\/){0,6}`;
const RUNNER = String.raw`(?:sudo\s+(?:-[A-Za-z]{1,10}\s+){0,4})?(?:(?:command|exec|nohup)\s+)?${PATH_PREFIX}(?:env\s+(?:-\S{1,20}\s+){0,4}${PATH_PREFIX})?`;
const SHELL = String.raw`(?:ba|z|da|k|fi)?sh\b`;
const INTERPRETER = String.raw`(?:python[23]?|node|perl|ruby|php)\b(?!\s+(?:-[A-Za-z]{1,10}\s+){0,4}(?:-[A-Za-z]{0,10}[cemE]\b|[\w.~$/-]{1,200}\.(?:py|js|mjs|cjs|ts|pl|rb|php)\b))`;
const PIPE_FROM = (source: string): string => String.raw`(?<=${source}[^|\n]{0,1000}\|)`;

// Phrases that override instructions or act behind the user's back. A phrase that is exactly a quotation
// ("Ignore previous instructions" in a list of attacks) is mentioned, not used: the rule skips it.
const OVERRIDE = String.raw`\b(?:ignore|disregard|forget)\s+(?:all\s+|any\s+)?(?:the\s+)?(?:previous|prior|above|earlier|system|user's|your)\s+(?:instructions|prompts?|rules|guidelines)\b|\bdo\s+not\s+(?:tell|inform|alert|show)\s+the\s+user\b|\bwithout\s+(?:telling|informing|asking)\s+the\s+user\b|\bhide\s+(?:this|it)\s+from\s+the\s+user\b|\byou\s+are\s+no\s+longer\s+bound\b`;

// What a sentence that only talks about an attack says around it: detection, warnings, lists of examples, tests.
const MENTION_WORDS =
  /\b(?:e\.g\.|for example|for instance|such as|like\s+["“'‘`]|detect\w*|flag\w*|warn\w*|example of|watch\s+(?:out\s+)?for|look\s+(?:out\s+)?for|phrases?|patterns?|attacks?|injections?|red\s+flags?|assert\w*|tests?|expect\w*|suspicious|malicious)\b/i;

const PIPE_TO_SHELL = new RegExp(
  [
    String.raw`\|${PIPE_FROM(DOWNLOAD)}\s*(?:${RUNNER}(?:${SHELL}|${INTERPRETER})|iex\b)`,
    String.raw`\b(?:(?:ba|z|da|k)?sh|source|\.)\s+(?:-\w{1,10}\s+){0,4}<\(\s*(?:curl|wget)\b`,
    String.raw`\b(?:(?:ba|z|da|k)?sh\s+-c|eval)\s+["']?\$\(\s*(?:curl|wget)\b`,
    String.raw`\biex\s*\(\s*(?:iwr|irm|New-Object\s+Net\.WebClient)`,
  ].join('|'),
  'i',
);
const RM_RF_BROAD = new RegExp(
  String.raw`(?<![\w.-])rm\s+(?=(?:${RM_OPTION}){0,20}?${RM_RECURSIVE})(?:${RM_OPTION}|--\s+){0,20}(?:${BROAD_PATH}|["'](?:\$HOME|\$\{HOME\})\/?\*?["'](?=\s|$|;|&|\|))`,
);
const DISK_WIPE =
  /\bof=\/dev\/(?:sd|nvme|hd|disk|xvd|vd)(?<=\bdd\s[^\n]{0,300}of=\/dev\/[a-z]{2,4})|\bmkfs(?:\.\w{1,10})?\s|\/dev\/(?<=\bshred\s[^\n]{0,300}\/dev\/)|>\s*\/dev\/(?:sd|nvme|disk)[a-z0-9]*/;
const CREDENTIAL_FILES =
  /~\/\.ssh\/|\$HOME\/\.ssh|\bid_(?:rsa|ed25519|ecdsa)\b|~\/\.aws\/credentials|\.aws\/credentials|~\/\.config\/gcloud|\.kube\/config|~\/\.netrc|~\/\.docker\/config\.json|\/etc\/shadow|\bsecurity\s+find-(?:generic|internet)-password\b/;
const PERSISTENCE =
  /\bcrontab\s+(?:-[a-z]\s+){0,5}[^-\s]|\bcrontab\s+-e\b|\bcrontab\s+-(?=\s*(?:$|[;&|)]))|\/etc\/cron|>>?\s*~\/\.(?:bashrc|zshrc|profile|bash_profile|zprofile)|>>?\s*\$HOME\/\.(?:bashrc|zshrc|profile)|LaunchAgents|LaunchDaemons|\bsystemctl\s+(?:--user\s+)?enable\b|\bschtasks\s+\/create\b|CurrentVersion\\Run\b/i;
const DECODE_EXEC = new RegExp(
  [
    String.raw`\|${PIPE_FROM(String.raw`base64\s+(?:-d|--decode|-D)\b`)}\s*${RUNNER}${SHELL}`,
    String.raw`\|${PIPE_FROM(String.raw`FromBase64String`)}\s*iex\b`,
    String.raw`\beval\s*\(\s*(?:atob|Buffer\.from|unescape|decodeURIComponent)\s*\(`,
    String.raw`\bexec\s*\(\s*(?:base64\.b64decode|codecs\.decode|bytes\.fromhex|zlib\.decompress)`,
    String.raw`\beval\s*\(\s*(?:base64\.b64decode|compile\()`,
    String.raw`FromBase64String(?<=\biex\s*\([^\n]{0,300}FromBase64String)`,
  ].join('|'),
  'i',
);
const EXFIL_SENSITIVE = String.raw`(?:~|\$HOME|\.ssh|\.aws|\.env\b|credentials|id_rsa)`;
const EXFILTRATION = new RegExp(
  [
    // curl/wget sending a file from home, .ssh, .aws, .env or a credentials file.
    String.raw`(?:-d\s*@|--data(?:-binary|-raw|-urlencode)?[\s=]*@|-F\s*[^\s=]{0,64}=@|-T\s+|--upload-file\s+)(?<=\b(?:curl|wget)\b[^\n]{0,400}?)["']?[^\s"']{0,200}?${EXFIL_SENSITIVE}`,
    String.raw`\b(?:env|printenv|set)\s*\|\s*(?:curl|nc|wget)\b`,
    String.raw`\|(?=\s*(?:curl|nc|wget|base64)\b)(?<=\bcat\s+[^\n|]{0,300}?(?:\.ssh|\.aws|\.env\b|credentials|id_rsa)[^\n|]{0,300}\|)`,
    String.raw`\b(?:send|upload|post|exfiltrate)\s+(?:the\s+)?(?:contents\s+of\s+)?(?:all\s+)?(?:files|environment(?:\s+variables)?|env\s+vars|credentials|secrets|ssh\s+keys|api\s+keys)\s+to\s+(?:https?:\/\/|a\s+(?:remote\s+)?(?:server|url|webhook))`,
  ].join('|'),
  'i',
);
// In an imperative sentence: a verb that sends, something secret, and a remote destination, in any
// order. Anchored look-aheads: one start position, linear in the sentence.
const EXFIL_PROSE = new RegExp(
  String.raw`^(?=[^\n]{0,2000}?\b(?:send|upload|post|transmit|forward|exfiltrate|email|copy|share|leak|sync)\b)` +
    String.raw`(?=[^\n]{0,2000}?(?:~\/\.ssh(?![\w/.-]{0,100}\.pub\b)|\$HOME\/\.ssh|~\/\.aws|\.aws\/credentials|\bid_(?:rsa|ed25519|ecdsa)\b(?!\.pub)|(?<![\w.])\.env\b|\bcredentials?\s+files?\b|\bprivate\s+keys?\b|\benvironment\s+variables\b|\benv\s+vars\b|\bbrowser\s+(?:cookies|passwords)\b|\bkeychain\b|\bhome\s+(?:directory|folder)\b))` +
    String.raw`(?=[^\n]{0,2000}?\b(?:to|into|at|via)\s+(?:https?:\/\/|[\w-]{1,63}(?:\.[\w-]{1,63}){1,10}\/|(?:a|an|the|this|that|my|our|their|any)\s+(?:[\w-]{1,30}\s+){0,2}?(?:server|url|endpoint|webhook|address|host|bucket|gist|pastebin|inbox|email|channel|collector)\b))`,
  'i',
);

/** Scripts that only Latin lookalikes can be confused with. */
const LOOKALIKE_SCRIPT =
  /[\p{Script=Cyrillic}\p{Script=Greek}\p{Script=Armenian}\p{Script=Cherokee}]/u;
const LATIN = /\p{Script=Latin}/u;
const NON_ASCII = /[^\x00-\x7F]/;
// Top-level domains common enough that a bare name ending in one is read as a host.
const TLD =
  /^(?:com|net|org|io|dev|app|co|ai|me|xyz|info|biz|sh|gg|so|site|online|cloud|tech|us|uk|de|fr|ru|cn|jp|in|br|nl|eu|ca|au|ch|se|no|es|it|pl|cz|ua|kr|tv|ly|to|cc|ws|link|live|shop|page|pages|pro)$/i;
// Command names an attacker would disguise with lookalike letters to slip past pattern rules.
const COMMANDS = new Set([
  'curl',
  'wget',
  'sh',
  'bash',
  'zsh',
  'dash',
  'ksh',
  'sudo',
  'su',
  'rm',
  'dd',
  'mkfs',
  'chmod',
  'chown',
  'python',
  'python3',
  'node',
  'perl',
  'ruby',
  'php',
  'powershell',
  'pwsh',
  'iex',
  'iwr',
  'irm',
  'eval',
  'exec',
  'base64',
  'nc',
  'ncat',
  'netcat',
  'ssh',
  'scp',
  'rsync',
  'git',
  'npm',
  'npx',
  'pip',
  'pip3',
  'crontab',
  'systemctl',
  'launchctl',
  'osascript',
  'certutil',
  'bitsadmin',
  'mshta',
  'rundll32',
  'regsvr32',
  'invoke-expression',
  'invoke-webrequest',
  'start-process',
  'source',
]);

/** True when one word mixes Latin letters with Cyrillic, Greek, Armenian or Cherokee ones. */
export function mixesScripts(word: string): boolean {
  return LATIN.test(word) && LOOKALIKE_SCRIPT.test(word);
}

/** The plain ASCII a word looks like, when every letter of it has a Latin lookalike (else undefined). */
function lookalikeOf(word: string): string | undefined {
  const ascii = removeConfusables(word);
  // The table maps letters without a small Latin lookalike (п, и, м) to capitals: those words do not pass as Latin.
  return /^[a-z0-9_-]+$/.test(ascii) ? ascii : undefined;
}

// Host-like tokens: labels of letters, digits and hyphens joined by dots. The look-behind makes every
// token start once (no rescans from inside a token), so the scan is linear.
const HOST_TOKEN =
  /(?<![\p{L}\p{N}\p{M}_.-])[\p{L}\p{N}][\p{L}\p{N}\p{M}_-]*(?:\.[\p{L}\p{N}\p{M}_-]+)+/gu;
const WORD_TOKEN = /(?<![\p{L}\p{N}\p{M}_./-])[\p{L}][\p{L}\p{N}\p{M}_-]*/gu;

/** A host name in the line that mixes scripts inside one label, or spells a Latin-looking name in another script. */
function findHomoglyphHost(line: string): RuleMatch | undefined {
  HOST_TOKEN.lastIndex = 0;
  for (let m = HOST_TOKEN.exec(line); m; m = HOST_TOKEN.exec(line)) {
    const token = m[0];
    // Longer than a DNS name may be: not a host (and the lookalike table is not run over megabytes).
    if (token.length > 253 || !NON_ASCII.test(token)) continue;
    const labels = token.split('.');
    const before = line.slice(Math.max(0, m.index - 3), m.index);
    const hostLike =
      before.endsWith('://') ||
      before.endsWith('@') ||
      /^www\./i.test(token) ||
      TLD.test(labels.at(-1)!);
    if (!hostLike) continue;
    const latinElsewhere = labels.some((label) => /^[a-z0-9-]+$/i.test(label));
    for (const label of labels) {
      if (mixesScripts(label)) return { index: m.index, length: token.length };
      // A whole label in Cyrillic or Greek that reads as Latin (раура) next to a Latin label (.com).
      if (
        latinElsewhere &&
        label.length >= 3 &&
        LOOKALIKE_SCRIPT.test(label) &&
        !LATIN.test(label) &&
        lookalikeOf(label)
      )
        return { index: m.index, length: token.length };
    }
  }
  return undefined;
}

/** A command name (curl, sh, sudo …) written with lookalike letters from another script. */
function findHomoglyphCommand(line: string): RuleMatch | undefined {
  const shellish = /[|;&]|\$\(/.test(line);
  WORD_TOKEN.lastIndex = 0;
  for (let m = WORD_TOKEN.exec(line); m; m = WORD_TOKEN.exec(line)) {
    const word = m[0];
    // No command name is longer than 40 characters.
    if (word.length > 40 || !NON_ASCII.test(word) || !LOOKALIKE_SCRIPT.test(word)) continue;
    const mixed = LATIN.test(word);
    // An all-Cyrillic word is ordinary prose unless it sits in a shell pipeline.
    if (!mixed && !shellish) continue;
    const ascii = lookalikeOf(word.normalize('NFKC'));
    if (ascii && COMMANDS.has(ascii.toLowerCase())) return { index: m.index, length: word.length };
  }
  return undefined;
}

// Tag characters are allowed only inside a valid emoji tag sequence: U+1F3F4, one to seven tags for
// digits or small letters, then CANCEL TAG (the England, Scotland and Wales flags).
const TAG_OR_FLAG =
  /\u{1F3F4}[\u{E0030}-\u{E0039}\u{E0061}-\u{E007A}]{1,7}\u{E007F}|[\u{E0000}-\u{E007F}]/gu;
function findStrayTag(line: string): RuleMatch | undefined {
  TAG_OR_FLAG.lastIndex = 0;
  for (let m = TAG_OR_FLAG.exec(line); m; m = TAG_OR_FLAG.exec(line)) {
    if (!m[0].startsWith('\u{1F3F4}')) return { index: m.index, length: m[0].length };
  }
  return undefined;
}

/** The pattern rules; each is unit-tested with a package that fires it and a control that must not. */
export const TRUST_RULES: readonly TrustRule[] = [
  // Network access (informational: most real skills fetch something).
  {
    id: 'network-cli',
    category: 'network',
    severity: 'info',
    scope: 'code',
    pattern: /\b(?:curl|wget|Invoke-WebRequest|Invoke-RestMethod|iwr|irm)\b|\bnc\s+-|\bnetcat\b/,
    message: 'Downloads or sends data over the network from the command line.',
  },
  {
    id: 'network-code',
    category: 'network',
    severity: 'info',
    scope: 'code',
    pattern:
      /(?:\b(?:window|globalThis|self)\.|(?<![\w.$-]))fetch\s*\(|\brequests\.(?:get|post|put|delete|patch|request)\b|\burllib\.request\b|\bhttp\.client\b|\bhttpx\.\w+\(|\baxios\b|\bsocket\.socket\b|\bnew\s+WebSocket\b|\bnet\.connect\b|\bhttps?\.request\(/,
    message: 'Code that opens network connections.',
  },

  // Running what was just downloaded.
  {
    id: 'pipe-to-shell',
    category: 'remote-code',
    severity: 'warning',
    scope: 'code',
    pattern: PIPE_TO_SHELL,
    prose: [PIPE_TO_SHELL],
    message: 'Pipes a download straight into a shell or interpreter, running code nobody reviewed.',
  },

  // Destructive commands.
  {
    id: 'rm-rf-broad',
    category: 'destructive',
    severity: 'danger',
    scope: 'code',
    pattern: RM_RF_BROAD,
    prose: [RM_RF_BROAD],
    message:
      'Deletes recursively from the root, the home folder, the current folder or an unchecked variable.',
  },
  {
    id: 'chmod-777',
    category: 'destructive',
    severity: 'warning',
    scope: 'code',
    pattern: /\bchmod\s+(?:-R\s+)?(?:0?777|a\+rwx)\b/,
    message: 'Makes files writable and runnable by every user on the machine.',
  },
  {
    id: 'disk-wipe',
    category: 'destructive',
    severity: 'danger',
    scope: 'code',
    pattern: DISK_WIPE,
    prose: [DISK_WIPE],
    message: 'Writes directly to a disk device or formats a filesystem.',
  },

  // Credentials.
  {
    id: 'credential-files',
    category: 'credentials',
    severity: 'warning',
    scope: 'code',
    pattern: CREDENTIAL_FILES,
    prose: [CREDENTIAL_FILES],
    message: 'Reads SSH keys, cloud credentials or other secrets from the home folder.',
    unless: /ssh-keygen|chmod\s+\d+\s+~\/\.ssh|authorized_keys/,
  },
  {
    id: 'browser-profile',
    category: 'credentials',
    severity: 'warning',
    scope: 'code',
    pattern:
      /Google\/Chrome\/(?:Default|User Data)|\.mozilla\/firefox|Library\/Application Support\/(?:Google\/Chrome|Firefox|BraveSoftware)|Login Data|Cookies\.sqlite|\bkey4\.db\b/,
    message: 'Touches browser profiles, where saved passwords and cookies live.',
  },
  {
    id: 'secret-env',
    category: 'credentials',
    severity: 'info',
    scope: 'code',
    pattern:
      /(?:\$\{?|process\.env\.|process\.env\[['"]|os\.environ(?:\.get)?\(?\[?['"]|getenv\(['"]|ENV\[['"])[A-Z0-9_]*(?:TOKEN|SECRET|PASSWORD|PASSWD|API_?KEY|ACCESS_KEY|PRIVATE_KEY|CREDENTIALS)[A-Z0-9_]*/,
    message: 'Reads an environment variable that holds a token, key or password.',
  },

  // Persistence.
  {
    id: 'persistence',
    category: 'persistence',
    severity: 'warning',
    scope: 'code',
    pattern: PERSISTENCE,
    prose: [PERSISTENCE],
    message:
      'Installs something that runs again later: cron, shell start-up files, launch agents or services.',
  },

  // Obfuscation.
  {
    id: 'decode-exec',
    category: 'obfuscation',
    severity: 'danger',
    scope: 'code',
    pattern: DECODE_EXEC,
    prose: [DECODE_EXEC],
    message: 'Decodes hidden text and runs it, a common way to hide what code does.',
  },
  {
    id: 'encoded-blob',
    category: 'obfuscation',
    severity: 'warning',
    scope: 'code',
    pattern:
      /(?<![A-Za-z0-9+/])(?![A-Z]+(?![A-Za-z0-9+/]))(?![a-z]+(?![A-Za-z0-9+/]))[A-Za-z0-9+/]{200,}={0,2}|(?:\\x[0-9a-fA-F]{2}){60,}|\b[0-9a-fA-F]{240,}\b/,
    message: 'A long encoded blob (base64 or hex) that people cannot read.',
  },

  // Hidden text in any file.
  {
    id: 'bidi-control',
    category: 'hidden-text',
    severity: 'danger',
    scope: 'text',
    pattern: /[\u202A-\u202E\u2066-\u2069]/,
    message:
      'Bidirectional control characters can make text display differently from what an agent reads.',
  },
  {
    id: 'invisible-tags',
    category: 'hidden-text',
    severity: 'danger',
    scope: 'text',
    pattern: /[\u{E0000}-\u{E007F}]/u,
    find: findStrayTag,
    message: 'Invisible Unicode tag characters can smuggle instructions that people cannot see.',
  },
  {
    id: 'zero-width',
    category: 'hidden-text',
    severity: 'warning',
    scope: 'text',
    pattern:
      /[\u200B\u200C\u2060\u180E]|(?<!\p{Extended_Pictographic}(?:[\u{1F3FB}-\u{1F3FF}]|\uFE0F)?)\u200D|(?<!^)\uFEFF/u,
    message: 'Zero-width characters are invisible to people but read by agents.',
  },
  {
    id: 'homoglyph-url',
    category: 'hidden-text',
    severity: 'danger',
    scope: 'text',
    pattern: NON_ASCII,
    find: findHomoglyphHost,
    message:
      'A web address spelled with lookalike letters from another alphabet (a Cyrillic і in gіthub.com): registries do not allow mixed alphabets in one name, so only an impostor site looks like this.',
  },
  {
    id: 'homoglyph-command',
    category: 'hidden-text',
    severity: 'danger',
    scope: 'text',
    pattern: NON_ASCII,
    find: findHomoglyphCommand,
    message:
      'A command name (curl, sh, sudo …) spelled with lookalike letters from another alphabet; there is no honest reason to do this, it only hides the command from reviewers and scanners.',
  },

  // Instructions aimed at the agent.
  {
    id: 'override-instructions',
    category: 'injection',
    severity: 'danger',
    scope: 'text',
    pattern: new RegExp(
      String.raw`(?<!["“'‘\`])(?:${OVERRIDE})|(?:${OVERRIDE})(?![.…]{0,3}["”'’\`])`,
      'i',
    ),
    message:
      'Text that tries to override the user or the agent’s instructions, or to act behind the user’s back.',
    mention: MENTION_WORDS,
  },

  // Sending data away.
  {
    id: 'exfiltration',
    category: 'exfiltration',
    severity: 'danger',
    scope: 'text',
    pattern: EXFILTRATION,
    prose: [EXFIL_PROSE],
    message: 'Sends files, environment variables or credentials to a remote address.',
  },
  {
    id: 'raw-ip-url',
    category: 'exfiltration',
    severity: 'warning',
    scope: 'text',
    pattern:
      /\bhttps?:\/\/(?!(?:127\.|10\.|0\.0\.0\.0|192\.168\.|172\.(?:1[6-9]|2\d|3[01])\.|169\.254\.))(?:\d{1,3}\.){3}\d{1,3}(?::\d+)?(?:\/|\b)/,
    message: 'Links to a bare public IP address instead of a named host, which hides who runs it.',
  },

  // Secrets.
  {
    id: 'private-key',
    category: 'secrets',
    severity: 'danger',
    scope: 'text',
    pattern: /-----BEGIN (?:RSA |EC |DSA |OPENSSH |PGP |ENCRYPTED )?PRIVATE KEY(?: BLOCK)?-----/,
    message: 'A private key is included in the package.',
  },
  {
    id: 'cloud-key',
    category: 'secrets',
    severity: 'danger',
    scope: 'text',
    pattern:
      /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b|\bAIza[0-9A-Za-z_-]{35}\b|\bgh[pousr]_[A-Za-z0-9]{36,}\b|\bgithub_pat_[A-Za-z0-9_]{60,}\b|\bxox[abprs]-[A-Za-z0-9-]{10,}\b|\bsk_live_[0-9A-Za-z]{24,}\b|\bsk-ant-[A-Za-z0-9_-]{32,}\b|\bsk-(?:proj-)?[A-Za-z0-9_-]{40,}\b|\bglpat-[A-Za-z0-9_-]{20,}\b|\bnpm_[A-Za-z0-9]{36}\b/,
    message: 'Looks like a real API key or access token.',
  },
];

/** `hidden-comment`: instruction-like HTML comments in Markdown (implemented in scan.ts). */
export const HIDDEN_COMMENT_RULE: FileRule = {
  id: 'hidden-comment',
  category: 'injection',
  severity: 'warning',
  scope: 'text',
  message:
    'An HTML comment gives instructions: it is hidden on rendered pages but the agent reads it.',
};

/** `download-then-run`: a file downloaded on one line and run on the same or a later one (implemented in scan.ts). */
export const DOWNLOAD_THEN_RUN_RULE: FileRule = {
  id: 'download-then-run',
  category: 'remote-code',
  severity: 'warning',
  scope: 'code',
  message:
    'Downloads a file and then runs it without checking a checksum or signature first, so code nobody reviewed runs.',
};

/** Every rule `scanFile` can report, with its category and severity, in report order. */
export const ALL_RULES: readonly (TrustRule | FileRule)[] = [
  ...TRUST_RULES.slice(0, 3),
  DOWNLOAD_THEN_RUN_RULE,
  ...TRUST_RULES.slice(3),
  HIDDEN_COMMENT_RULE,
];

/** Words that mark a secret-looking value as a deliberate example rather than a leak. */
export const EXAMPLE_MARKERS =
  /example|sample|dummy|fake|placeholder|redacted|not[-_ ]a[-_ ]real|x{6,}|0{8,}|1234567890|your[-_]?(?:key|token)/i;

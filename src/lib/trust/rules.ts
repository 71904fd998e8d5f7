/** How much a trust finding matters: `danger` blocks, `warning` asks for review, `info` describes. */
export type TrustSeverity = 'info' | 'warning' | 'danger';

/** The part of the trust report a rule belongs to. */
export type TrustCategory = 'network' | 'remote-code' | 'destructive' | 'credentials' | 'persistence' | 'obfuscation' | 'hidden-text' | 'injection' | 'exfiltration' | 'secrets';

/** Where a rule looks: `code` = scripts and fenced code in Markdown; `text` = every line of every text file. */
export type RuleScope = 'code' | 'text';

/** One pattern-based check. */
export interface TrustRule {
  id: string;
  category: TrustCategory;
  severity: TrustSeverity;
  scope: RuleScope;
  pattern: RegExp;
  /** One sentence a non-expert understands. */
  message: string;
  /** A match on a line that also matches this is not reported (documented safe forms). */
  unless?: RegExp;
}

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

// Broad targets for rm -rf: the root, home, the current folder or everything in it, or an unquoted variable alone.
const BROAD_PATH = String.raw`(?:\/\*?|~\/?\*?|\$HOME\/?\*?|\$\{HOME\}\/?\*?|\.\/?\*?|\*|\$[A-Za-z_]+\/?\*?)(?=\s|$|;|&|\||"|')`;

// Phrases that override instructions or act behind the user's back. A phrase that is exactly a quotation
// ("Ignore previous instructions" in a list of attacks) is mentioned, not used: the rule skips it.
const OVERRIDE = String.raw`\b(?:ignore|disregard|forget)\s+(?:all\s+|any\s+)?(?:the\s+)?(?:previous|prior|above|earlier|system|user's|your)\s+(?:instructions|prompts?|rules|guidelines)\b|\bdo\s+not\s+(?:tell|inform|alert|show)\s+the\s+user\b|\bwithout\s+(?:telling|informing|asking)\s+the\s+user\b|\bhide\s+(?:this|it)\s+from\s+the\s+user\b|\byou\s+are\s+no\s+longer\s+bound\b`;

/** The pattern rules; each is unit-tested with a package that fires it and a control that must not. */
export const TRUST_RULES: readonly TrustRule[] = [
  // Network access (informational: most real skills fetch something).
  { id: 'network-cli', category: 'network', severity: 'info', scope: 'code', pattern: /\b(?:curl|wget|Invoke-WebRequest|Invoke-RestMethod|iwr|irm)\b|\bnc\s+-|\bnetcat\b/, message: 'Downloads or sends data over the network from the command line.' },
  { id: 'network-code', category: 'network', severity: 'info', scope: 'code', pattern: /(?:\b(?:window|globalThis|self)\.|(?<![\w.$-]))fetch\s*\(|\brequests\.(?:get|post|put|delete|patch|request)\b|\burllib\.request\b|\bhttp\.client\b|\bhttpx\.\w+\(|\baxios\b|\bsocket\.socket\b|\bnew\s+WebSocket\b|\bnet\.connect\b|\bhttps?\.request\(/, message: 'Code that opens network connections.' },

  // Running what was just downloaded.
  { id: 'pipe-to-shell', category: 'remote-code', severity: 'warning', scope: 'code', pattern: /\b(?:curl|wget|iwr|irm|Invoke-WebRequest|Invoke-RestMethod)\b[^|\n]*\|\s*(?:sudo\s+(?:-[A-Za-z]+\s+)*)?(?:ba|z|da|k)?sh\b|\b(?:(?:ba|z|da|k)?sh|source|\.)\s+(?:-\w+\s+)*<\(\s*(?:curl|wget)\b|\b(?:(?:ba|z|da|k)?sh\s+-c|eval)\s+[\"']?\$\(\s*(?:curl|wget)\b|\b(?:curl|wget)\b[^|\n]*\|\s*(?:sudo\s+(?:-[A-Za-z]+\s+)*)?(?:python3?|node|perl|ruby|php)\b(?!\s+(?:-[A-Za-z]+\s+)*(?:-[A-Za-z]*[cemE]\b|[\w.~$/-]+\.(?:py|js|mjs|cjs|ts|pl|rb|php)\b))|\b(?:iwr|irm|Invoke-WebRequest|Invoke-RestMethod)\b[^|\n]*\|\s*iex\b|\biex\s*\(\s*(?:iwr|irm|New-Object\s+Net\.WebClient)/i, message: 'Pipes a download straight into a shell or interpreter, running code nobody reviewed.' },

  // Destructive commands.
  { id: 'rm-rf-broad', category: 'destructive', severity: 'danger', scope: 'code', pattern: new RegExp(String.raw`\brm\s+(?=(?:--?[a-zA-Z][\w-]*\s+)*?(?:-[a-zA-Z]*[rR][a-zA-Z]*|--recursive)\s)(?:--?[a-zA-Z][\w-]*\s+|--\s+)*(?:${BROAD_PATH}|[\"'](?:\$HOME|\$\{HOME\})\/?\*?[\"'](?=\s|$|;|&|\|))`), message: 'Deletes recursively from the root, the home folder, the current folder or an unchecked variable.' },
  { id: 'chmod-777', category: 'destructive', severity: 'warning', scope: 'code', pattern: /\bchmod\s+(?:-R\s+)?(?:0?777|a\+rwx)\b/, message: 'Makes files writable and runnable by every user on the machine.' },
  { id: 'disk-wipe', category: 'destructive', severity: 'danger', scope: 'code', pattern: /\bdd\s+[^\n]*\bof=\/dev\/(?:sd|nvme|hd|disk|xvd|vd)|\bmkfs(?:\.\w+)?\s|\bshred\s+[^\n]*\/dev\/|>\s*\/dev\/(?:sd|nvme|disk)[a-z0-9]*/, message: 'Writes directly to a disk device or formats a filesystem.' },

  // Credentials.
  { id: 'credential-files', category: 'credentials', severity: 'warning', scope: 'code', pattern: /~\/\.ssh\/|\$HOME\/\.ssh|\bid_(?:rsa|ed25519|ecdsa)\b|~\/\.aws\/credentials|\.aws\/credentials|~\/\.config\/gcloud|\.kube\/config|~\/\.netrc|~\/\.docker\/config\.json|\/etc\/shadow|\bsecurity\s+find-(?:generic|internet)-password\b/, message: 'Reads SSH keys, cloud credentials or other secrets from the home folder.', unless: /ssh-keygen|chmod\s+\d+\s+~\/\.ssh|authorized_keys/ },
  { id: 'browser-profile', category: 'credentials', severity: 'warning', scope: 'code', pattern: /Google\/Chrome\/(?:Default|User Data)|\.mozilla\/firefox|Library\/Application Support\/(?:Google\/Chrome|Firefox|BraveSoftware)|Login Data|Cookies\.sqlite|\bkey4\.db\b/, message: 'Touches browser profiles, where saved passwords and cookies live.' },
  { id: 'secret-env', category: 'credentials', severity: 'info', scope: 'code', pattern: /(?:\$\{?|process\.env\.|process\.env\[['"]|os\.environ(?:\.get)?\(?\[?['"]|getenv\(['"]|ENV\[['"])[A-Z0-9_]*(?:TOKEN|SECRET|PASSWORD|PASSWD|API_?KEY|ACCESS_KEY|PRIVATE_KEY|CREDENTIALS)[A-Z0-9_]*/, message: 'Reads an environment variable that holds a token, key or password.' },

  // Persistence.
  { id: 'persistence', category: 'persistence', severity: 'warning', scope: 'code', pattern: /\bcrontab\s+(?:-[a-z]\s+)*[^-\s]|\bcrontab\s+-e\b|\bcrontab\s+-(?=\s*(?:$|[;&|)]))|\/etc\/cron|>>?\s*~\/\.(?:bashrc|zshrc|profile|bash_profile|zprofile)|>>?\s*\$HOME\/\.(?:bashrc|zshrc|profile)|LaunchAgents|LaunchDaemons|\bsystemctl\s+(?:--user\s+)?enable\b|\bschtasks\s+\/create\b|CurrentVersion\\Run\b/i, message: 'Installs something that runs again later: cron, shell start-up files, launch agents or services.' },

  // Obfuscation.
  { id: 'decode-exec', category: 'obfuscation', severity: 'danger', scope: 'code', pattern: /base64\s+(?:-d|--decode)[^|\n]*\|\s*(?:sudo\s+)?(?:ba|z)?sh\b|\beval\s*\(\s*(?:atob|Buffer\.from|unescape|decodeURIComponent)\s*\(|\bexec\s*\(\s*(?:base64\.b64decode|codecs\.decode|bytes\.fromhex|zlib\.decompress)|\beval\s*\(\s*(?:base64\.b64decode|compile\()|FromBase64String[^\n]*\|\s*iex|\biex\s*\([^\n]*FromBase64String/i, message: 'Decodes hidden text and runs it, a common way to hide what code does.' },
  { id: 'encoded-blob', category: 'obfuscation', severity: 'warning', scope: 'code', pattern: /(?<![A-Za-z0-9+/])(?![A-Z]+(?![A-Za-z0-9+/]))(?![a-z]+(?![A-Za-z0-9+/]))[A-Za-z0-9+/]{200,}={0,2}|(?:\\x[0-9a-fA-F]{2}){60,}|\b[0-9a-fA-F]{240,}\b/, message: 'A long encoded blob (base64 or hex) that people cannot read.' },

  // Hidden text in any file.
  { id: 'bidi-control', category: 'hidden-text', severity: 'danger', scope: 'text', pattern: /[\u202A-\u202E\u2066-\u2069]/, message: 'Bidirectional control characters can make text display differently from what an agent reads.' },
  { id: 'invisible-tags', category: 'hidden-text', severity: 'danger', scope: 'text', pattern: /(?<![\u{1F3F4}\u{E0000}-\u{E007F}])[\u{E0000}-\u{E007F}]/u, message: 'Invisible Unicode tag characters can smuggle instructions that people cannot see.' },
  { id: 'zero-width', category: 'hidden-text', severity: 'warning', scope: 'text', pattern: /[\u200B\u200C\u2060\u180E]|(?<!\p{Extended_Pictographic}[\u{1F3FB}-\u{1F3FF}\uFE0F]?)\u200D|(?<!^)\uFEFF/u, message: 'Zero-width characters are invisible to people but read by agents.' },

  // Instructions aimed at the agent.
  { id: 'override-instructions', category: 'injection', severity: 'danger', scope: 'text', pattern: new RegExp(String.raw`(?<!["“'‘\`])(?:${OVERRIDE})|(?:${OVERRIDE})(?![.…]*["”'’\`])`, 'i'), message: 'Text that tries to override the user or the agent’s instructions, or to act behind the user’s back.', unless: /\b(?:e\.g\.|for example|such as|like\s+["“]|detect|flag|warn|example of)\b/i },

  // Sending data away.
  { id: 'exfiltration', category: 'exfiltration', severity: 'danger', scope: 'text', pattern: /\b(?:curl|wget)\b[^\n]*(?:-d\s*@|--data(?:-binary)?\s*@|-F\s*\S*=@|-T\s)[^\n]*(?:~|\$HOME|\.ssh|\.aws|\.env\b|credentials|id_rsa)|\b(?:env|printenv|set)\s*\|\s*(?:curl|nc|wget)\b|\bcat\s+[^\n|]*(?:\.ssh|\.aws|\.env\b|credentials|id_rsa)[^\n|]*\|\s*(?:curl|nc|wget|base64)\b|\b(?:send|upload|post|exfiltrate)\s+(?:the\s+)?(?:contents\s+of\s+)?(?:all\s+)?(?:files|environment(?:\s+variables)?|env\s+vars|credentials|secrets|ssh\s+keys|api\s+keys)\s+to\s+(?:https?:\/\/|a\s+(?:remote\s+)?(?:server|url|webhook))/i, message: 'Sends files, environment variables or credentials to a remote address.' },
  { id: 'raw-ip-url', category: 'exfiltration', severity: 'warning', scope: 'text', pattern: /\bhttps?:\/\/(?!(?:127\.|10\.|0\.0\.0\.0|192\.168\.|172\.(?:1[6-9]|2\d|3[01])\.|169\.254\.))(?:\d{1,3}\.){3}\d{1,3}(?::\d+)?(?:\/|\b)/, message: 'Links to a bare public IP address instead of a named host, which hides who runs it.' },

  // Secrets.
  { id: 'private-key', category: 'secrets', severity: 'danger', scope: 'text', pattern: /-----BEGIN (?:RSA |EC |DSA |OPENSSH |PGP |ENCRYPTED )?PRIVATE KEY(?: BLOCK)?-----/, message: 'A private key is included in the package.' },
  { id: 'cloud-key', category: 'secrets', severity: 'danger', scope: 'text', pattern: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b|\bAIza[0-9A-Za-z_-]{35}\b|\bgh[pousr]_[A-Za-z0-9]{36,}\b|\bgithub_pat_[A-Za-z0-9_]{60,}\b|\bxox[abprs]-[A-Za-z0-9-]{10,}\b|\bsk_live_[0-9A-Za-z]{24,}\b|\bsk-ant-[A-Za-z0-9_-]{32,}\b|\bsk-(?:proj-)?[A-Za-z0-9_-]{40,}\b|\bglpat-[A-Za-z0-9_-]{20,}\b|\bnpm_[A-Za-z0-9]{36}\b/, message: 'Looks like a real API key or access token.' },
];

/** Words that mark a secret-looking value as a deliberate example rather than a leak. */
export const EXAMPLE_MARKERS = /example|sample|dummy|fake|placeholder|redacted|not[-_ ]a[-_ ]real|x{6,}|0{8,}|1234567890|your[-_]?(?:key|token)/i;

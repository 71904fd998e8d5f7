/** `node src/cli/code-tokens-css.ts > src/styles/code-tokens.css`: the token classes of the code themes. */
import { getHighlighter, tokenClassesCss } from '../lib/render/highlight.ts';

process.stdout.write(tokenClassesCss(await getHighlighter()));

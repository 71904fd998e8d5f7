/** Extensions whose files are text whatever their bytes say. */
const TEXT_EXTENSIONS = new Set(
  'md markdown mdx txt text rst adoc py js mjs cjs ts tsx jsx json jsonc json5 yaml yml toml ini cfg conf env sh bash zsh fish ps1 psm1 bat cmd rb go rs java kt kts swift c h cc cpp hpp cs php pl lua r sql html htm xml svg css scss sass less vue svelte astro graphql gql proto dockerfile makefile mk gradle tf hcl csv tsv tex bib sty cls log diff patch hbs mustache j2 jinja ejs liquid njk gitignore editorconfig license lock'.split(
    ' ',
  ),
);
/** Extensions whose files are binary whatever their bytes say. */
const BINARY_EXTENSIONS = new Set(
  'png jpg jpeg gif webp avif ico bmp tiff pdf zip gz tgz bz2 xz 7z tar jar whl woff woff2 ttf otf eot mp3 mp4 wav ogg webm mov docx xlsx pptx doc xls ppt odt ods odp bin exe dll so dylib wasm pyc class sqlite db npy npz pkl parquet'.split(
    ' ',
  ),
);

/** The extension a file is classed by: after the last dot, else the whole (lower-cased) name. */
function extensionOf(path: string): string {
  const name = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1) : name;
}

/** Decides text or binary: by extension when known, otherwise by NUL bytes and invalid UTF-8 in the first 4 KB. */
export function classifyBytes(path: string, bytes: Uint8Array): 'text' | 'binary' {
  const ext = extensionOf(path);
  if (TEXT_EXTENSIONS.has(ext)) return 'text';
  if (BINARY_EXTENSIONS.has(ext)) return 'binary';
  const full = bytes.length <= 4096;
  const sample = bytes.subarray(0, 4096);
  if (sample.includes(0)) return 'binary';
  // When the sample is cut mid-file, its last bytes may be half of a multi-byte character: ignore them.
  return isValidUtf8(full ? sample : sample.subarray(0, 4092)) ? 'text' : 'binary';
}

/** True when the bytes decode as UTF-8 without replacement. */
export function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** Decodes text bytes as UTF-8; `lossy` when some bytes were not valid UTF-8 and show as U+FFFD. */
export function decodeText(bytes: Uint8Array): { text: string; lossy: boolean } {
  const lossy = !isValidUtf8(bytes);
  // ignoreBOM keeps a byte-order mark in the text, where the SKILL.md reader reports it.
  return { text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes), lossy };
}

/**
 * Which package files are published raw under their own name, and which only as `<name>.txt`.
 *
 * A raw copy lives on the site's origin: if a host serves it with a type a browser runs as a document
 * (HTML, SVG, XML, XHTML) its script runs as the site. Hosts disagree (astro preview, GitHub Pages,
 * Netlify, Cloudflare Pages, S3 with guessed types and nginx's mime.types all map extensions a bit
 * differently; some serve extension-less files as HTML, some add Content-Encoding to `.gz`), so this
 * is an allow-list: an extension is listed only when every one of those hosts serves it with an inert
 * type — an image, audio, video, font, archive, PDF, JSON or plain text — or as a download. Everything
 * else, including extension-less names and double extensions over compression (`.html.gz`), gets `.txt`.
 */
const INERT: Record<string, string> = {
  // Raster images: image/* never runs script (SVG is not here: it is a document).
  png: 'image',
  jpg: 'image',
  jpeg: 'image',
  gif: 'image',
  webp: 'image',
  avif: 'image',
  ico: 'image',
  bmp: 'image',
  // Plain text or unknown-to-the-host types, served as text/plain or application/octet-stream.
  txt: 'text',
  md: 'text',
  markdown: 'text',
  csv: 'text',
  tsv: 'text',
  log: 'text',
  rst: 'text',
  py: 'text',
  sh: 'text',
  bash: 'text',
  rb: 'text',
  go: 'text',
  rs: 'text',
  java: 'text',
  kt: 'text',
  swift: 'text',
  c: 'text',
  h: 'text',
  cpp: 'text',
  hpp: 'text',
  cs: 'text',
  php: 'text',
  pl: 'text',
  lua: 'text',
  r: 'text',
  sql: 'text',
  yaml: 'text',
  yml: 'text',
  toml: 'text',
  ini: 'text',
  cfg: 'text',
  conf: 'text',
  ps1: 'text',
  bat: 'text',
  // application/json never renders as a document.
  json: 'data',
  // Downloads and media players: no script on the site's origin.
  pdf: 'document viewer without site access',
  zip: 'archive',
  tar: 'archive',
  tgz: 'archive',
  '7z': 'archive',
  whl: 'archive',
  jar: 'archive',
  woff: 'font',
  woff2: 'font',
  ttf: 'font',
  otf: 'font',
  mp3: 'audio',
  wav: 'audio',
  ogg: 'audio',
  mp4: 'video',
  webm: 'video',
};

/** Compression suffixes some hosts serve with Content-Encoding and the inner file's type. */
const COMPRESSION = /\.(?:gz|br|zst|z|bz2|xz|lz|lzma)$/i;

/** The name under `raw/` at which a package file is published: as-is when inert on every host, else `<path>.txt`. */
export function rawPath(path: string): string {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
  const inner = name.slice(0, dot > 0 ? dot : 0);
  const inert = Object.hasOwn(INERT, ext) && !COMPRESSION.test(inner);
  return inert ? path : `${path}.txt`;
}

/**
 * A minimal static file server that behaves like a plain static host (directory index, 404.html,
 * no rewrites) and, like a CDN, compresses text with gzip when the browser accepts it, so end-to-end
 * tests and the bench see what a CDN would serve. Usage: node serve.ts <dir> <port>
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type ServerResponse } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';
import { createGzip } from 'node:zlib';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.zip': 'application/zip',
  '.xml': 'application/xml',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
  '.pf_meta': 'application/octet-stream',
};

// Types a CDN compresses: text formats. Archives, images and Pagefind's own (already gzipped) index files are sent as they are.
const COMPRESSIBLE = new Set([
  '.html',
  '.css',
  '.js',
  '.mjs',
  '.json',
  '.svg',
  '.xml',
  '.txt',
  '.md',
  '.wasm',
]);

/** Sends a file, gzipped when the type is compressible and the request accepts gzip. */
function send(res: ServerResponse, file: string, status: number, acceptsGzip: boolean): void {
  const type = extname(file).toLowerCase();
  const headers: Record<string, string> = {
    'content-type': TYPES[type] ?? 'application/octet-stream',
    vary: 'accept-encoding',
  };
  if (acceptsGzip && COMPRESSIBLE.has(type)) {
    res.writeHead(status, { ...headers, 'content-encoding': 'gzip' });
    createReadStream(file).pipe(createGzip()).pipe(res);
  } else {
    res.writeHead(status, headers);
    createReadStream(file).pipe(res);
  }
}

const root = resolve(process.argv[2] ?? 'dist');
const port = Number(process.argv[3] ?? 4321);

createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    res.writeHead(400).end('Bad request');
    return;
  }
  let file = normalize(join(root, pathname));
  if (!file.startsWith(root)) {
    res.writeHead(403).end('Forbidden');
    return;
  }
  if (existsSync(file) && statSync(file).isDirectory()) {
    if (!pathname.endsWith('/')) {
      res.writeHead(301, { location: `${url.pathname}/${url.search}` }).end();
      return;
    }
    file = join(file, 'index.html');
  }
  const acceptsGzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
  if (!existsSync(file) || !statSync(file).isFile()) {
    const notFound = join(root, '404.html');
    if (existsSync(notFound)) send(res, notFound, 404, acceptsGzip);
    else res.writeHead(404, { 'content-type': TYPES['.html']! }).end('Not found');
    return;
  }
  send(res, file, 200, acceptsGzip);
}).listen(port, '127.0.0.1', () => console.log(`Serving ${root} on http://127.0.0.1:${port}`));

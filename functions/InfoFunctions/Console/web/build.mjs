// Bundles the console into <out>/index.html and <out>/assets/<name>-<hash>.{js,css} (+ .gz).
// Run by the InfoFunctions build (MSBuild target ConsoleBuild); the app embeds the output.
// ES modules with code splitting: the office's and the admin's pages, and the charting library, are
// chunks loaded by import() when first opened, so an officer's first visit does not carry them.
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
  format: 'esm',
  splitting: true,
  entryNames: '[name]-[hash]',
  chunkNames: '[name]-[hash]',
  outdir: join(out, 'assets'),
  metafile: true,
  charset: 'utf8',
  legalComments: 'eof',
  logLevel: 'warning',
});

const outputs = result.metafile.outputs;
const files = Object.keys(outputs).map(p => basename(p));
const entry = (source) => basename(Object.keys(outputs).find(p => outputs[p].entryPoint === source));
const script = entry('src/main.js');
const style = entry('src/styles.css');
const html = readFileSync('src/index.html', 'utf8')
  .replace('%APP_JS%', `/assets/${script}`)
  .replace('%APP_CSS%', `/assets/${style}`);
writeFileSync(join(out, 'index.html'), html);

// Precompressed variants: the app sends these when the browser accepts gzip.
for (const file of [join(out, 'index.html'), ...files.map(f => join(out, 'assets', f))]) {
  writeFileSync(`${file}.gz`, gzipSync(readFileSync(file), { level: constants.Z_BEST_COMPRESSION }));
}
console.log(`console: ${script}, ${style}, ${files.length - 2} more`);

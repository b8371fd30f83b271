// Bundles the npm packages the pages use into wwwroot/lib (git-ignored); run by the Portal build after `npm ci`.
import { build } from 'esbuild';
import { copyFile, mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const lib = join(root, 'wwwroot', 'lib');

await rm(lib, { recursive: true, force: true });
await mkdir(lib, { recursive: true });

await build({
  entryPoints: ['echarts', 'graph', 'signalr'].map(name => join(root, 'scripts', 'vendor', `${name}.mjs`)),
  outdir: lib,
  bundle: true,
  format: 'esm',
  minify: true,
  target: 'es2020',
  legalComments: 'linked',
  logLevel: 'warning',
});

// Icons: one SVG sprite, referenced as <svg><use href="lib/icons.svg#name"/></svg> without any script.
await copyFile(join(root, 'node_modules', 'lucide-static', 'sprite.svg'), join(lib, 'icons.svg'));

await writeFile(join(lib, '.built'), new Date().toISOString());

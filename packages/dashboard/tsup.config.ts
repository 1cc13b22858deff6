import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { Plugin } from 'esbuild';
import { packageBuild } from '../../tsup.base.js';

/**
 * `import text from './page/x?raw'` → the file's text, as Vite does in the tests: the page's
 * files are embedded in dist/index.js, so they work from an installed package and inside a
 * single-file bundle, with nothing to copy or find on disk.
 */
const rawImports: Plugin = {
  name: 'raw-imports',
  setup(build) {
    // The path keeps its "?raw": tsup's own CSS plugin would otherwise claim a path ending in .css.
    build.onResolve({ filter: /\?raw$/ }, (args) => ({ path: resolve(dirname(args.importer), args.path), namespace: 'raw' }));
    build.onLoad({ filter: /\?raw$/, namespace: 'raw' }, async (args) => ({
      contents: await readFile(args.path.slice(0, -'?raw'.length), 'utf8'),
      loader: 'text',
      watchFiles: [args.path.slice(0, -'?raw'.length)],
    }));
  },
};

export default packageBuild(['src/index.ts'], { esbuildPlugins: [rawImports] });

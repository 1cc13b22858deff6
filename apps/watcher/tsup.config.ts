import { defineConfig } from 'tsup';

export default defineConfig({
  // index: the importable API; main: the executable the image and the binary start.
  entry: ['src/index.ts', 'src/main.ts'],
  format: ['esm'],
  target: 'node22',
  platform: 'node',
  dts: true,
  sourcemap: true,
  clean: true,
  // node:sqlite exists only under its prefix; keep every `node:` import as written.
  removeNodeProtocol: false,
});

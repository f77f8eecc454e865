import { defineConfig } from 'tsup';

/**
 * The entry list is the public surface: it must equal package.json `exports`
 * (plus the CLI `bin`) and typedoc's entry points.
 */
export default defineConfig([
  {
    entry: {
      index: 'src/index.ts',
      'identity/index': 'src/identity/index.ts',
      'merge/index': 'src/merge/index.ts',
    },
    format: ['esm', 'cjs'],
    // Shared chunks in CommonJS too: one copy of the library, whatever entries a program requires
    // (so an error from `identikit/merge` is an `IdentikitError` of `identikit`).
    splitting: true,
    dts: true,
    sourcemap: true,
    clean: true,
    target: 'es2022',
    platform: 'neutral',
    treeshake: true,
  },
  {
    entry: { 'cli/main': 'src/cli/main.ts' },
    format: ['esm'],
    sourcemap: true,
    target: 'node20',
    platform: 'node',
    banner: { js: '#!/usr/bin/env node' },
  },
]);

/**
 * Loads the library for the referential benchmarks: `createReferential`, `trainModel` and `dedupe`,
 * from the sources (through tsx) or from the built package (`dist/index.js`, as users run it).
 *
 * `auto` (the default) takes `dist/` when it exists and is not older than `src/`, else `src/`; the
 * caller prints {@link LoadedLibrary.description} so every run says which one it measured.
 * @module
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as Identikit from '../src/index.js';
import { projectRoot, staleDistWarning } from './load-dedupe.js';

/** What the referential benchmarks use of the library. */
export type Library = Pick<typeof Identikit, 'createReferential' | 'trainModel' | 'dedupe'>;
export type LibraryImpl = 'src' | 'dist';

/** The library and where it came from. */
export interface LoadedLibrary {
  lib: Library;
  impl: LibraryImpl;
  /** e.g. `dist/index.js (auto: dist/ is up to date)`. */
  description: string;
}

const distEntry = resolve(projectRoot, 'dist', 'index.js');

/** Parses `--impl`: `src`, `dist` or `auto` (default). Anything else is an error message. */
export function parseImpl(value: unknown): LibraryImpl | 'auto' | string {
  if (value === undefined) return 'auto';
  if (value === 'src' || value === 'dist' || value === 'auto') return value;
  return `--impl must be src, dist or auto (got ${JSON.stringify(value)})`;
}

/** Picks the implementation for `auto`: dist when it is built and not older than src. */
export function chooseImpl(): { impl: LibraryImpl; why: string } {
  if (!existsSync(distEntry)) return { impl: 'src', why: 'auto: dist/index.js not built' };
  if (staleDistWarning() !== undefined) return { impl: 'src', why: 'auto: dist/ is older than src/ (run `npm run build`)' };
  return { impl: 'dist', why: 'auto: dist/ is up to date' };
}

/** The commit, and how many files under src/ differ from it (`abc1234, src/ clean`), or undefined outside git. */
export function sourceState(): string | undefined {
  const git = (...args: string[]) => spawnSync('git', args, { cwd: projectRoot, encoding: 'utf8' });
  const head = git('rev-parse', '--short', 'HEAD');
  if (head.status !== 0) return undefined;
  const dirty = git('status', '--porcelain', '--', 'src').stdout.split('\n').filter((l) => l.trim() !== '').length;
  return `commit ${head.stdout.trim()}, ${dirty === 0 ? 'src/ clean' : `${dirty} uncommitted change(s) in src/`}`;
}

/** Loads the library; throws with a clear message when it cannot. */
export async function loadLibrary(requested: LibraryImpl | 'auto' = 'auto'): Promise<LoadedLibrary> {
  const { impl, why } = requested === 'auto' ? chooseImpl() : { impl: requested, why: '--impl' };
  let mod: Partial<Library>;
  if (impl === 'dist') {
    if (!existsSync(distEntry)) throw new Error('dist/index.js does not exist: run `npm run build` (or use --impl src)');
    mod = (await import(pathToFileURL(distEntry).href)) as Partial<Library>;
  } else {
    mod = (await import('../src/index.js')) as Partial<Library>;
  }
  for (const name of ['createReferential', 'trainModel', 'dedupe'] as const) {
    if (typeof mod[name] !== 'function') throw new Error(`${impl === 'dist' ? 'dist/index.js' : 'src/index.ts'} does not export ${name}`);
  }
  const stale = impl === 'dist' && requested !== 'auto' ? staleDistWarning() : undefined;
  const file = impl === 'dist' ? 'dist/index.js' : 'src/index.ts through tsx';
  const state = sourceState();
  return {
    lib: mod as Library,
    impl,
    description: `${file} (${why}${stale ? `; ${stale}` : ''}${state ? `; ${state}` : ''})`,
  };
}

/**
 * Loads the `dedupe` implementation to benchmark: the sources (through tsx) or the built package
 * (`dist/`, as users run it). Reports clearly when it does not exist yet.
 * @module
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { dedupe as DedupeFn } from '../src/identity/dedupe.js';

export type Dedupe = typeof DedupeFn;
export type Implementation = 'src' | 'dist';

export const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Thrown when the implementation cannot be loaded (not built, or `dedupe` not exported yet). */
export class DedupeUnavailable extends Error {}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/** Warning text when `dist/` is older than `src/`, else undefined. */
export function staleDistWarning(): string | undefined {
  const built = resolve(projectRoot, 'dist', 'index.js');
  if (!existsSync(built)) return undefined;
  const src = resolve(projectRoot, 'src');
  return newestMtime(src) > newestMtime(resolve(projectRoot, 'dist'))
    ? 'warning: dist/ is older than src/: run `npm run build` (npm run bench does it for you)'
    : undefined;
}

/** Imports a module; a failure to load it (missing module, syntax error) becomes {@link DedupeUnavailable}. */
async function importOrExplain(specifier: string, label: string): Promise<unknown> {
  try {
    return (await import(specifier)) as unknown;
  } catch (e) {
    const message = e instanceof Error ? e.message.split('\n')[0] : String(e);
    throw new DedupeUnavailable(`cannot load ${label}: ${message}`);
  }
}

export async function loadDedupe(impl: Implementation): Promise<Dedupe> {
  if (impl === 'src') {
    const mod = (await importOrExplain('../src/identity/dedupe.js', 'src/identity/dedupe.ts')) as { dedupe?: unknown };
    if (typeof mod.dedupe !== 'function') {
      throw new DedupeUnavailable('src/identity/dedupe.ts does not export an implemented `dedupe` yet');
    }
    return mod.dedupe as Dedupe;
  }
  for (const entry of ['dist/index.js', 'dist/identity/index.js']) {
    const file = resolve(projectRoot, entry);
    if (!existsSync(file)) continue;
    const mod = (await importOrExplain(pathToFileURL(file).href, entry)) as { dedupe?: unknown };
    if (typeof mod.dedupe === 'function') return mod.dedupe as Dedupe;
  }
  throw new DedupeUnavailable(
    'no `dedupe` export in dist/index.js or dist/identity/index.js: run `npm run build` (or use --src)',
  );
}

/**
 * Loads `dedupe` for a benchmark, or says why the benchmark is skipped (returns undefined); warns
 * when the build is older than the sources.
 */
export async function loadForBenchmark(impl: 'src' | 'dist', benchmark: string): Promise<Dedupe | undefined> {
  let dedupe: Dedupe;
  try {
    dedupe = await loadDedupe(impl);
  } catch (e) {
    if (e instanceof DedupeUnavailable) {
      console.log(`${benchmark} benchmark skipped: ${e.message}`);
      return undefined;
    }
    throw e;
  }
  const stale = impl === 'dist' ? staleDistWarning() : undefined;
  if (stale) console.log(stale);
  return dedupe;
}

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Runs the real entry point in a child process through tsx (like `npx tsx src/cli/main.ts`, without
 * npm's own warnings on stderr), so no build is needed.
 */
function identikit(args: string[], cwd: string) {
  const r = spawnSync(join(root, 'node_modules/.bin/tsx'), [join(root, 'src/cli/main.ts'), ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('identikit binary (end to end)', () => {
  it('sets the exit code: 0 on success, 2 on bad usage and bad input', () => {
    const dir = mkdtempSync(join(tmpdir(), 'identikit-e2e-'));
    writeFileSync(join(dir, 'in.csv'), 'id,email,first_name\n1,a@x.fr,Anne\n2,b@x.fr,Bruno\n');
    writeFileSync(join(dir, 'dup.csv'), 'id,email\n1,a@x.fr\n1,b@x.fr\n');

    const ok = identikit(['dedupe', 'in.csv', '--out', 'out.csv'], dir);
    expect(ok.stderr).toMatch(/identikit: 2 records → 2 profiles/);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toBe('');
    expect(readFileSync(join(dir, 'out.csv'), 'utf8')).toMatch(/^record_id,profile_id\n1,[^\n]+\n2,[^\n]+\n$/);

    const unknown = identikit(['dedupe', 'in.csv', '--out', 'out.csv', '--nope'], dir);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("Unknown option '--nope'");

    const duplicate = identikit(['dedupe', 'dup.csv', '--out', 'dup-out.csv'], dir);
    expect(duplicate.code).toBe(2);
    expect(duplicate.stderr).toBe('identikit: dup.csv line 3: duplicate id "1" (already on line 2)\n');

    const version = identikit(['--version'], dir);
    expect(version.code).toBe(0);
    expect(version.stdout).toMatch(/^\d+\.\d+\.\d+/);
  });
});

import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROGRESS_THRESHOLD, run, type CliDeps } from '../../src/cli/run.js';
import { dedupe, type DedupeResult } from '../../src/identity/dedupe.js';
import type { PairExplanation } from '../../src/identity/explanation.js';

function workspace(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), 'identikit-cli-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

async function cli(dir: string, argv: string[], deps?: CliDeps, stderrIsTTY = false) {
  let stdout = '';
  let stderr = '';
  const io = {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s), isTTY: stderrIsTTY },
    cwd: dir,
  };
  const code = await run(argv, io, deps);
  return { code, stdout, stderr };
}

const read = (dir: string, name: string) => readFileSync(join(dir, name), 'utf8');
const rows = (text: string) => text.trimEnd().split('\n').slice(1).map((l) => l.split(','));

// Two obvious duplicates (1 & 3: same person, every attribute agrees), one near duplicate
// (4 ≈ 2, phone formatted differently, accents missing), and a stranger.
const COMMA = [
  'id,first_name,last_name,email,phone,birth_date,postcode,city,source',
  '1,Jean-Pierre,Dupont,jean-pierre.dupont@gmail.com,06 12 34 56 78,1975-03-14,75016,Paris,web',
  '2,Hélène,Lefèvre,helene.lefevre@orange.fr,06 45 78 12 90,1982-07-02,44000,Nantes,web',
  '3,Jean-Pierre,Dupont,jean-pierre.dupont@gmail.com,06 12 34 56 78,1975-03-14,75016,Paris,pos',
  '4,Helene,Lefevre,helene.lefevre@orange.fr,+33645781290,1982-07-02,44000,Nantes,pos',
  '5,Camille,Petit,camille.petit@yahoo.fr,07 55 44 33 22,1995-08-19,31000,Toulouse,web',
].join('\n');

describe('identikit dedupe (in-process)', () => {
  it('reads a comma file and writes one profile per record, in input order', async () => {
    const dir = workspace({ 'in.csv': COMMA });
    const r = await cli(dir, ['dedupe', 'in.csv', '--out', 'out.csv']);
    expect(r.stderr).toMatch(/^identikit: 5 records → \d+ profiles? · \d+ pairs? compared · \d+ match(es)? · \d+ to review · \d+\.\d\d s\n$/);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    const out = read(dir, 'out.csv');
    expect(out.split('\n')[0]).toBe('record_id,profile_id');
    const ids = rows(out);
    expect(ids.map((row) => row[0])).toEqual(['1', '2', '3', '4', '5']);
    const profile = Object.fromEntries(ids.map(([id, p]) => [id, p]));
    expect(profile['1']).toBe(profile['3']);
    expect(profile['2']).toBe(profile['4']);
    expect(new Set(Object.values(profile)).size).toBe(3);
    expect(readdirSync(dir).sort()).toEqual(['in.csv', 'out.csv']);
  });

  it('reads a `;` French export with BOM, CRLF and quoted separators, and lists unknown columns once', async () => {
    const text =
      '\uFEFFIdentifiant;Canal;Date MAJ;Prénom;Nom;Courriel;Téléphone;Date de naissance;Adresse;Code postal;Ville;Remarque\r\n' +
      'A1;web;2025-11-02;Jean-Pierre;Dupont;jp.dupont@gmail.com;06 12 34 56 78;14/03/1975;"12 bis av. Victor Hugo; bât. B";75016;Paris;"VIP; à rappeler"\r\n' +
      'A2;pos;2026-01-15T10:00:00+01:00;Jean-Pierre;Dupont;jp.dupont@gmail.com;+33612345678;14/03/1975;12B avenue Victor-Hugo;75016;PARIS;\r\n' +
      'A3;paper;;Léa;Martin;lea.martin@free.fr;04 78 12 34 56;15/09/2008;8 rue des Lilas;69003;Lyon;\r\n';
    const dir = workspace({ 'clients.csv': text });
    const r = await cli(dir, ['dedupe', 'clients.csv', '--out', 'out.csv', '--golden', 'golden.csv']);
    expect(r.code).toBe(0);
    expect(r.stderr.match(/ignoring column/g)).toHaveLength(1);
    expect(r.stderr).toContain('"Remarque"');
    const ids = rows(read(dir, 'out.csv'));
    expect(ids.map((row) => row[0])).toEqual(['A1', 'A2', 'A3']);
    expect(ids[0]![1]).toBe(ids[1]![1]);
    expect(ids[2]![1]).not.toBe(ids[0]![1]);
    const golden = read(dir, 'golden.csv').trimEnd().split('\n');
    expect(golden[0]).toBe(
      'profile_id,record_count,sources,firstName,lastName,email,phone,birthDate,address,postcode,city,loyaltyCard',
    );
    const merged = golden.find((line) => line.startsWith(`${ids[0]![1]},`))!;
    // 2 records from pos and web; quoted address keeps its `;`; the most recent record's spelling is shown.
    expect(merged).toMatch(/^[^,]+,2,pos\|web,Jean-Pierre,Dupont,jp\.dupont@gmail\.com,/);
    expect(merged).toContain(',PARIS,');
  });

  it('maps columns from the config file, with a default source and --country', async () => {
    const dir = workspace({
      'in.csv': [
        'N° client,Adresse mail,Tél. fixe,Mobile,Vu le,Prénom,Nom',
        'c1,anne.roux@free.fr,,06 11 22 33 44,2025-01-01,Anne,Roux',
        'c2,anne.roux@free.fr,,06 11 22 33 44,2025-02-01,Anne,Roux',
        'c3,paul.roux@free.fr,01 45 67 89 10,,2025-03-01,Paul,Roux',
      ].join('\n'),
      'config.json': JSON.stringify({
        idColumn: 'N° client',
        observedAtColumn: 'Vu le',
        columns: { 'Adresse mail': 'email', Mobile: 'phone', 'Tél. fixe': 'ignore' },
        source: 'crm',
      }),
    });
    const r = await cli(dir, ['dedupe', 'in.csv', '--out', 'out.csv', '--config', 'config.json', '--country', 'fr', '--golden', 'g.csv']);
    expect(r.code).toBe(0);
    expect(r.stderr).not.toContain('ignoring');
    const ids = rows(read(dir, 'out.csv'));
    expect(ids.map((row) => row[0])).toEqual(['c1', 'c2', 'c3']);
    // The golden file shows which column fed which attribute (whatever the match decisions).
    const golden = read(dir, 'g.csv').trimEnd().split('\n');
    const header = golden[0]!.split(',');
    const byProfile = new Map(golden.slice(1).map((line) => [line.split(',')[0], line.split(',')]));
    const c3 = byProfile.get(ids[2]![1])!;
    const col = (name: string) => c3[header.indexOf(name)];
    expect([col('sources'), col('email'), col('firstName'), col('lastName'), col('phone')]).toEqual([
      'crm',
      'paul.roux@free.fr',
      'Paul',
      'Roux',
      '', // "Tél. fixe" is ignored
    ]);
    const c1 = byProfile.get(ids[0]![1])!;
    expect(c1[header.indexOf('phone')]).toBe('06 11 22 33 44'); // from "Mobile"
  });

  it('writes --explain as one JSON object per accepted pair', async () => {
    const dir = workspace({ 'in.csv': COMMA });
    const r = await cli(dir, ['dedupe', 'in.csv', '--out', 'out.csv', '--explain', 'why.jsonl']);
    expect(r.code).toBe(0);
    const matches = Number(/· (\d+) matches/.exec(r.stderr)![1]);
    const lines = read(dir, 'why.jsonl').split('\n').filter(Boolean);
    expect(lines).toHaveLength(matches);
    expect(lines.length).toBeGreaterThanOrEqual(2);
    for (const line of lines) {
      const pair = JSON.parse(line) as PairExplanation;
      expect(pair.decision).toBe('match');
      expect(pair.left.key).not.toBe(pair.right.key);
      expect(Array.isArray(pair.fields)).toBe(true);
    }
    const pairs = lines.map((l) => JSON.parse(l) as PairExplanation).map((p) => [p.left.key, p.right.key].sort().join('-'));
    expect(pairs).toContain('1-3');
  });

  it('runs the example data set', async () => {
    const example = readFileSync(new URL('../../examples/data/customers.csv', import.meta.url));
    const dir = workspace({ 'customers.csv': example });
    const r = await cli(dir, ['dedupe', 'customers.csv', '--out', 'out.csv', '--golden', 'g.csv']);
    expect(r.code).toBe(0);
    const profile = Object.fromEntries(rows(read(dir, 'out.csv')).map(([id, p]) => [id, p]));
    expect(Object.keys(profile)).toHaveLength(40);
    // Jean-Pierre Dupont on three channels (the call center swapped first and last name).
    expect(profile['P-20418']).toBe(profile['W-1001']);
    expect(profile['C-3307']).toBe(profile['W-1001']);
    // The Martin household: same address, landline and e-mail, three different people.
    const household = new Set([profile['W-1003'], profile['W-1004'], profile['F-0072']]);
    expect(household.size).toBe(3);
    // …while Sophie's own records from the shop and the call center join her.
    expect(profile['P-20601']).toBe(profile['W-1003']);
    expect(profile['C-3311']).toBe(profile['W-1003']);
    // Homonyms in different cities with different birth dates stay apart.
    expect(profile['W-1008']).not.toBe(profile['W-1009']);
  });
});

describe('identikit dedupe: bad input exits 2, names the line, writes nothing', () => {
  async function rejects(files: Record<string, string | Buffer>, argv: string[], message: RegExp) {
    const dir = workspace({ ...files, 'out.csv': 'previous\n' });
    const r = await cli(dir, ['dedupe', ...argv, '--out', 'out.csv', '--golden', 'g.csv', '--explain', 'e.jsonl']);
    expect(r.stderr).toMatch(message);
    expect(r.code).toBe(2);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(read(dir, 'out.csv')).toBe('previous\n');
    expect(existsSync(join(dir, 'g.csv')) || existsSync(join(dir, 'e.jsonl'))).toBe(false);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    return r;
  }

  it('missing file', () => rejects({}, ['nope.csv'], /^identikit: cannot read nope\.csv: no such file$/m));

  it('empty file', () => rejects({ 'in.csv': '\uFEFF' }, ['in.csv'], /^identikit: in\.csv is empty$/m));

  it('no id column', () =>
    rejects(
      { 'in.csv': 'nom,email\nDupont,a@b.fr\n' },
      ['in.csv'],
      /^identikit: in\.csv: no id column; headers found: nom, email; accepted id names: id, record_id, .*cle/m,
    ));

  it('duplicate id', () =>
    rejects(
      { 'in.csv': 'id,nom\n1,a\n2,b\n\n1,c\n' },
      ['in.csv'],
      /^identikit: in\.csv line 5: duplicate id "1" \(already on line 2\)$/m,
    ));

  it('malformed row', () =>
    rejects({ 'in.csv': 'id;nom\n1;a\n2;b;c\n' }, ['in.csv'], /^identikit: in\.csv line 3: malformed row: .*expect 2, got 3/m));

  it('invalid observed-at date', () =>
    rejects(
      { 'in.csv': 'id,nom,updated_at\n1,a,2026-01-01\n2,b,yesterday\n' },
      ['in.csv'],
      /^identikit: in\.csv line 3: column "updated_at": "yesterday" is not a date/m,
    ));

  it('invalid record reported by dedupe, mapped back to its line and column', () =>
    rejects(
      { 'in.csv': `client_id,nom\n1,a\n${'x'.repeat(501)},b\n` },
      ['in.csv'],
      /^identikit: in\.csv line 3: invalid record: column "client_id": must be at most 500 characters$/m,
    ));

  it('invalid config names the field', () =>
    rejects(
      { 'in.csv': COMMA, 'c.json': '{"thresholds": {"match": 0.5, "review": 0.9}}' },
      ['in.csv', '--config', 'c.json'],
      /^identikit: invalid config c\.json: thresholds: review must be ≤ match$/m,
    ));

  it('config columns mapped to an unknown attribute', () =>
    rejects(
      { 'in.csv': COMMA, 'c.json': '{"columns": {"city": "town"}}' },
      ['in.csv', '--config', 'c.json'],
      /^identikit: invalid config c\.json: columns: unknown attribute "city" → "town"/m,
    ));

  it('config naming a column the file does not have', () =>
    rejects(
      { 'in.csv': COMMA, 'c.json': '{"idColumn": "code"}' },
      ['in.csv', '--config', 'c.json'],
      /^identikit: config idColumn: column "code" not found in in\.csv \(headers: id, first_name,/m,
    ));

  it('invalid --country', () => rejects({ 'in.csv': COMMA }, ['in.csv', '--country', 'XY'], /^identikit: invalid --country: country: /m));

  it('not UTF-8', () =>
    rejects(
      { 'in.csv': Buffer.concat([Buffer.from('id,nom\n1,'), Buffer.from([0x4c, 0xe9, 0x61]), Buffer.from('\n')]) },
      ['in.csv'],
      /^identikit: in\.csv line 2: the file is not valid UTF-8/m,
    ));

  it('output directory that does not exist', async () => {
    const dir = workspace({ 'in.csv': COMMA, 'out.csv': 'previous\n' });
    const r = await cli(dir, ['dedupe', 'in.csv', '--out', 'out.csv', '--golden', 'missing/g.csv']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('identikit: cannot write missing/g.csv (--golden): no such directory\n');
    expect(read(dir, 'out.csv')).toBe('previous\n');
  });

  it('a stray quote inside an unquoted field is a malformed row naming its line (any error of the CSV parser is)', async () => {
    const dir = workspace({ 'in.csv': 'id,first_name,email\n1,Jean,a@b.fr\n2,Jean "JP",a@b.fr\n', 'out.csv': 'previous\n' });
    const r = await cli(dir, ['dedupe', 'in.csv', '--out', 'out.csv']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^identikit: in\.csv line 3: malformed row/);
    expect(read(dir, 'out.csv')).toBe('previous\n');
  });

  it('lines are physical lines in a CRLF file whose quoted fields hold CRLF', async () => {
    const dup = workspace({ 'in.csv': 'id,first_name,email\r\n1,"Jean\r\nPierre",a@b.fr\r\n2,Paul,p@b.fr\r\n1,Luc,l@b.fr\r\n' });
    expect((await cli(dup, ['dedupe', 'in.csv', '--out', 'out.csv'])).stderr).toBe('identikit: in.csv line 5: duplicate id "1" (already on line 2)\n');
    const short = workspace({ 'in.csv': 'id,first_name,email\r\n1,"Jean\r\nPierre",a@b.fr\r\n2,Paul\r\n' });
    expect((await cli(short, ['dedupe', 'in.csv', '--out', 'out.csv'])).stderr).toMatch(/^identikit: in\.csv line 4: malformed row/);
    const accents = workspace({ 'in.csv': 'id,prénom,email\r\n1,"Éloïse\r\nMarie",a@b.fr\r\n\r\n2,Zoé,\r\n2,Léa,l@b.fr\r\n' });
    expect((await cli(accents, ['dedupe', 'in.csv', '--out', 'out.csv'])).stderr).toBe('identikit: in.csv line 6: duplicate id "2" (already on line 5)\n');
  });

  it('an output named near the system\'s length limit is written; a directory is refused in plain words', async () => {
    const dir = workspace({ 'in.csv': 'id,email\n1,a@b.fr\n' });
    const name = `${'a'.repeat(245)}.csv`;
    expect((await cli(dir, ['dedupe', 'in.csv', '--out', name])).code).toBe(0);
    expect(read(dir, name)).toContain('record_id,profile_id');
    const r = await cli(dir, ['dedupe', 'in.csv', '--out', '.']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('identikit: cannot write . (--out): it is a directory\n');
    expect(readdirSync(dir).sort()).toEqual([name, 'in.csv'].sort());
  });
});

describe('identikit: usage', () => {
  it('--help, dedupe --help and --version print on stdout and exit 0', async () => {
    const dir = workspace({});
    const help = await cli(dir, ['--help']);
    expect([help.code, help.stderr]).toEqual([0, '']);
    expect(help.stdout).toContain('identikit <command>');
    const dedupeHelp = await cli(dir, ['dedupe', '--help']);
    expect(dedupeHelp.code).toBe(0);
    expect(dedupeHelp.stdout).toContain('--golden <file.csv>');
    const version = await cli(dir, ['--version']);
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(version).toEqual({ code: 0, stdout: `${pkg.version}\n`, stderr: '' });
  });

  it.each([
    [['dedupe', 'in.csv', '--out', 'o.csv', '--bogus'], /Unknown option '--bogus'/],
    [['dedupe', 'in.csv'], /missing --out/],
    [['dedupe', '--out', 'o.csv'], /missing the input CSV file/],
    [['dedupe', 'a.csv', 'b.csv', '--out', 'o.csv'], /one input file expected/],
    [['dedupe', 'in.csv', '--out'], /argument missing/],
    [['dedupe', 'in.csv', '--out', 'in.csv'], /--out in\.csv is the same file as the input file/],
    [['dedupe', 'in.csv', '--out', 'o.csv', '--golden', './o.csv'], /--golden \.\/o\.csv is the same file as --out/],
    [['merge'], /unknown command "merge"/],
    [[], /missing command/],
  ])('%j exits 2 with usage', async (argv, message) => {
    const dir = workspace({ 'in.csv': COMMA });
    const r = await cli(dir, argv);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toContain('Usage: identikit');
    expect(r.stdout).toBe('');
    expect(readdirSync(dir)).toEqual(['in.csv']);
  });
});

describe('identikit dedupe: failures and progress', () => {
  it('an unexpected error exits 1 and writes nothing', async () => {
    const dir = workspace({ 'in.csv': COMMA });
    const r = await cli(dir, ['dedupe', 'in.csv', '--out', 'out.csv'], {
      dedupe: () => {
        throw new TypeError('kaboom');
      },
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^identikit: unexpected error \(please report it\): TypeError: kaboom/);
    expect(readdirSync(dir)).toEqual(['in.csv']);
  });

  function bigCsv(n: number): string {
    const lines = ['id,email'];
    for (let i = 0; i < n; i++) lines.push(`${i},p${i}@x.fr`);
    return lines.join('\n');
  }

  it('shows no progress for small runs on a non-terminal, lines for large ones', async () => {
    const small = await cli(workspace({ 'in.csv': COMMA }), ['dedupe', 'in.csv', '--out', 'o.csv'], {
      dedupe: (records, config, options) => {
        expect(options?.onProgress).toBeUndefined();
        return dedupe(records, config, options);
      },
    });
    expect(small.code).toBe(0);

    const dir = workspace({ 'in.csv': bigCsv(PROGRESS_THRESHOLD + 1) });
    const seen: string[] = [];
    const r = await cli(dir, ['dedupe', 'in.csv', '--out', 'o.csv'], {
      dedupe: (records, _config, options) => {
        for (const phase of ['validate', 'compare'] as const) options?.onProgress?.({ phase, done: 0, total: records.length });
        seen.push('called');
        return fakeResult(records.length);
      },
    });
    expect(r.code).toBe(0);
    expect(seen).toEqual(['called']);
    expect(r.stderr).toContain(`identikit: validate 0/${PROGRESS_THRESHOLD + 1}\n`);
    expect(r.stderr).toContain(`identikit: compare 0/${PROGRESS_THRESHOLD + 1}\n`);
    expect(rows(read(dir, 'o.csv'))).toHaveLength(PROGRESS_THRESHOLD + 1);
  });

  it('draws a progress bar on a terminal', async () => {
    const r = await cli(
      workspace({ 'in.csv': COMMA }),
      ['dedupe', 'in.csv', '--out', 'o.csv'],
      {
        dedupe: (records, _config, options) => {
          options?.onProgress?.({ phase: 'compare', done: 1, total: 4 });
          return fakeResult(records.length);
        },
      },
      true,
    );
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('identikit compare [');
  });
});

/** A trivial result: every record its own profile. */
function fakeResult(n: number): DedupeResult {
  return {
    assignments: Array.from({ length: n }, (_, i) => ({ source: 'csv', key: String(i), profileId: `p${i}` })),
    matches: [],
    reviews: [],
    stats: { records: n, profiles: n, pairsCompared: 0, matches: 0, reviews: 0, refused: 0, setApart: 0, oversizedBlocks: 0, ms: 1 },
    weights: {},
  };
}

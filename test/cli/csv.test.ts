import { describe, expect, it } from 'vitest';
import { isIdentikitError } from '../../src/errors.js';
import { foldHeader, recognizeHeader } from '../../src/cli/columns.js';
import { decodeUtf8, mapColumns, parseCsv, sniffDelimiter, toObservedAt, toRecords } from '../../src/cli/csv.js';
import { defaultAttributes } from '../../src/identity/config.js';

const attributes = Object.keys(defaultAttributes);

function errorOf(fn: () => unknown): Error & { code?: string; details?: Record<string, unknown> } {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
}

describe('foldHeader / recognizeHeader', () => {
  it('ignores case, accents, spaces, underscores and hyphens', () => {
    expect(foldHeader(' Prénom ')).toBe('prenom');
    expect(foldHeader('E-Mail')).toBe('email');
    expect(foldHeader('Date de naissance')).toBe('datedenaissance');
    expect(foldHeader('NOM_DE_FAMILLE')).toBe('nomdefamille');
  });

  it('recognizes English and French names', () => {
    expect(recognizeHeader('Téléphone')).toEqual({ role: 'attribute', attribute: 'phone' });
    expect(recognizeHeader('TELEPHONE')).toEqual({ role: 'attribute', attribute: 'phone' });
    expect(recognizeHeader('Date-Naissance')).toEqual({ role: 'attribute', attribute: 'birthDate' });
    expect(recognizeHeader('given_name')).toEqual({ role: 'attribute', attribute: 'firstName' });
    expect(recognizeHeader('Code postal')).toEqual({ role: 'attribute', attribute: 'postcode' });
    expect(recognizeHeader('Carte fidélité')).toEqual({ role: 'attribute', attribute: 'loyaltyCard' });
    expect(recognizeHeader('N° client')).toBeUndefined();
    expect(recognizeHeader('numero client')).toEqual({ role: 'id' });
    expect(recognizeHeader('Clé')).toEqual({ role: 'id' });
    expect(recognizeHeader('Canal')).toEqual({ role: 'source' });
    expect(recognizeHeader('date MAJ')).toEqual({ role: 'observedAt' });
    expect(recognizeHeader('comment')).toBeUndefined();
  });
});

describe('sniffDelimiter', () => {
  it('counts separators outside quotes on the header line only', () => {
    expect(sniffDelimiter('id,name\n1;2;3;4\n')).toBe(',');
    expect(sniffDelimiter('id;"a,b,c";nom\n')).toBe(';');
    expect(sniffDelimiter('\uFEFFid\tnom\tprenom\r\n')).toBe('\t');
    expect(sniffDelimiter('id\n')).toBe(',');
    expect(sniffDelimiter('\n\nid;nom\n')).toBe(';');
    expect(sniffDelimiter('id\nx;y\n')).toBe(','); // a one-column file: values may hold anything
  });
});

describe('parseCsv errors', () => {
  it('names the line where an unclosed quote opened', () => {
    expect(() => parseCsv('id,a\n1,x\n2,"y\n3,z\n', 'f.csv')).toThrowError(/f\.csv line 3: malformed row/);
  });
});

describe('decodeUtf8', () => {
  it('drops a BOM', () => {
    expect(decodeUtf8(new Uint8Array([0xef, 0xbb, 0xbf, 0x69, 0x64]), 'f.csv')).toBe('id');
  });

  it('rejects Latin-1 naming the line', () => {
    const bytes = Buffer.concat([Buffer.from('id,nom\n1,a\n2,L'), Buffer.from([0xe9]), Buffer.from('a\n')]);
    const error = errorOf(() => decodeUtf8(bytes, 'f.csv'));
    expect(error.message).toMatch(/^f\.csv line 3: .*not valid UTF-8/);
  });
});

describe('parseCsv', () => {
  it('reads `;` files with BOM, CRLF, quotes holding separators and trims fields', () => {
    const table = parseCsv('\uFEFFid;nom;adresse\r\n1; Dupont ;"12; rue ""Haute"""\r\n\r\n2;Martin;x\r\n', 'f.csv');
    expect(table.delimiter).toBe(';');
    expect(table.headers).toEqual(['id', 'nom', 'adresse']);
    expect(table.rows).toEqual([
      { line: 2, fields: ['1', 'Dupont', '12; rue "Haute"'] },
      { line: 4, fields: ['2', 'Martin', 'x'] },
    ]);
  });

  it('reads FEBRL-style ", " separated files', () => {
    const table = parseCsv('rec_id, given_name, surname\nrec-1-org, michaela, neumann\n', 'f.csv');
    expect(table.headers).toEqual(['rec_id', 'given_name', 'surname']);
    expect(table.rows[0]!.fields).toEqual(['rec-1-org', 'michaela', 'neumann']);
  });

  it('numbers a record by its first line when a quoted field spans lines', () => {
    const table = parseCsv('id,note\n1,"a\nb"\n2,c\n', 'f.csv');
    expect(table.rows.map((r) => r.line)).toEqual([2, 4]);
  });

  it('rejects a row with the wrong number of fields, naming its line', () => {
    const error = errorOf(() => parseCsv('id,nom\n1,a\n\n2,b,c\n', 'f.csv'));
    expect(isIdentikitError(error)).toBe(true);
    expect(error.message).toMatch(/^f\.csv line 4: malformed row: Invalid Record Length: expect 2, got 3$/);
  });

  it('rejects a bad quote, naming its line', () => {
    expect(errorOf(() => parseCsv('id,nom\n1,"a"b\n', 'f.csv')).message).toMatch(/^f\.csv line 2: malformed row/);
  });

  it('rejects empty and header-only files', () => {
    expect(errorOf(() => parseCsv('', 'f.csv')).message).toBe('f.csv is empty');
    expect(errorOf(() => parseCsv('\uFEFF \r\n', 'f.csv')).message).toBe('f.csv is empty');
    expect(errorOf(() => parseCsv('id,nom\n', 'f.csv')).message).toBe('f.csv has a header line but no records');
  });
});

describe('mapColumns', () => {
  it('maps French headers to the default attributes and lists the rest', () => {
    const headers = ['Identifiant', 'Canal', 'Date MAJ', 'Prénom', 'Nom', 'Courriel', 'Portable', 'Téléphone', 'Remarque'];
    const m = mapColumns(headers, attributes, {}, 'f.csv');
    expect(m.id).toEqual({ index: 0, header: 'Identifiant' });
    expect(m.source).toEqual({ index: 1, header: 'Canal' });
    expect(m.observedAt).toEqual({ index: 2, header: 'Date MAJ' });
    expect(m.attributes.map((a) => [a.header, a.attribute])).toEqual([
      ['Prénom', 'firstName'],
      ['Nom', 'lastName'],
      ['Courriel', 'email'],
      ['Portable', 'phone'],
    ]);
    expect(m.ignored).toEqual([
      { header: 'Téléphone', reason: 'duplicate' },
      { header: 'Remarque', reason: 'unrecognized' },
    ]);
  });

  it('lets the config choose columns, ignore some, and take precedence over aliases', () => {
    const headers = ['N° client', 'Tél. fixe', 'Mobile', 'Système', 'Vu le'];
    const m = mapColumns(
      headers,
      attributes,
      { idColumn: 'N° client', observedAtColumn: 'vu le', columns: { 'Tél. fixe': 'phone', Mobile: 'ignore' } },
      'f.csv',
    );
    expect(m.id.header).toBe('N° client');
    expect(m.observedAt?.header).toBe('Vu le');
    expect(m.source?.header).toBe('Système');
    expect(m.attributes).toEqual([{ index: 1, header: 'Tél. fixe', attribute: 'phone' }]);
    expect(m.ignored).toEqual([{ header: 'Mobile', reason: 'ignored' }]);
  });

  it('only maps aliases of configured attributes', () => {
    const m = mapColumns(['id', 'email', 'ville'], ['email'], {}, 'f.csv');
    expect(m.attributes.map((a) => a.attribute)).toEqual(['email']);
    expect(m.ignored).toEqual([{ header: 'ville', reason: 'unrecognized' }]);
  });

  it('without an id column, lists the headers found and the accepted names', () => {
    const error = errorOf(() => mapColumns(['nom', 'email'], attributes, {}, 'f.csv'));
    expect(error.message).toMatch(/^f\.csv: no id column; headers found: nom, email; accepted id names: id, record_id, /);
    expect(error.message).toContain('idColumn');
  });

  it('rejects a configured column that is not in the file', () => {
    expect(errorOf(() => mapColumns(['id'], attributes, { columns: { Mobil: 'phone' } }, 'f.csv')).message).toBe(
      'config columns["Mobil"]: column "Mobil" not found in f.csv (headers: id)',
    );
    expect(errorOf(() => mapColumns(['id'], attributes, { idColumn: 'code' }, 'f.csv')).message).toMatch(
      /^config idColumn: column "code" not found/,
    );
  });
});

describe('toObservedAt', () => {
  it('keeps ISO date-times, completes plain dates, rejects the rest', () => {
    expect(toObservedAt('')).toBeUndefined();
    expect(toObservedAt('2026-01-15T10:00:00+01:00')).toBe('2026-01-15T10:00:00+01:00');
    expect(toObservedAt('2026-01-15')).toBe('2026-01-15T00:00:00Z');
    expect(toObservedAt('2026-02-30')).toBeInstanceOf(Error);
    expect(toObservedAt('15/01/2026')).toBeInstanceOf(Error);
  });
});

describe('toRecords', () => {
  const csv = (text: string) => {
    const table = parseCsv(text, 'f.csv');
    return toRecords(table, mapColumns(table.headers, attributes, {}, 'f.csv'), 'csv', 'f.csv');
  };

  it('builds source records with source, key, observedAt and non-empty attributes', () => {
    const { records, lines, ids } = csv(
      'id;canal;date_maj;prenom;email;tel\n7;pos;2026-01-15;Jean;;06 12 34 56 78\n8;;;Anne;a@b.fr;\n',
    );
    expect(records).toEqual([
      { source: 'pos', key: '7', observedAt: '2026-01-15T00:00:00Z', attributes: { firstName: 'Jean', phone: '06 12 34 56 78' } },
      { source: 'csv', key: '8', attributes: { firstName: 'Anne', email: 'a@b.fr' } },
    ]);
    expect(lines).toEqual([2, 3]);
    expect(ids).toEqual(['7', '8']);
  });

  it('rejects a duplicate id naming both lines', () => {
    expect(errorOf(() => csv('id,nom\n1,a\n2,b\n1,c\n')).message).toBe('f.csv line 4: duplicate id "1" (already on line 2)');
  });

  it('rejects an empty id and a bad date, naming the line', () => {
    expect(errorOf(() => csv('id,nom\n1,a\n,b\n')).message).toBe('f.csv line 3: empty id (column "id")');
    expect(errorOf(() => csv('id,nom,updated_at\n1,a,2026-01-01\n2,b,03/01/2026\n')).message).toMatch(
      /^f\.csv line 3: column "updated_at": "03\/01\/2026" is not a date/,
    );
  });
});

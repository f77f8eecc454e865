import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, parseConfig } from '../../src/cli/config-file.js';

function errorOf(fn: () => unknown): Error & { code?: string } {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
}

describe('parseConfig', () => {
  it('defaults: default attributes, source "csv", no column options', () => {
    const c = parseConfig(undefined, '(defaults)');
    expect(Object.keys(c.resolved.attributes)).toContain('loyaltyCard');
    expect(c.resolved.country).toBe('FR');
    expect(c.source).toBe('csv');
    expect(c.identity).toEqual({});
  });

  it('splits CLI keys from the identity configuration; --country overrides', () => {
    const c = parseConfig(
      JSON.stringify({
        country: 'FR',
        attributes: { mail: { kind: 'email' }, gsm: { kind: 'phone' } },
        columns: { 'Adresse mail': 'mail', Remarque: 'ignore' },
        idColumn: 'Code',
        source: 'crm',
      }),
      'c.json',
      'be',
    );
    expect(c.identity).toEqual({ country: 'be', attributes: { mail: { kind: 'email' }, gsm: { kind: 'phone' } } });
    expect(c.resolved.country).toBe('BE');
    expect(c.columns).toEqual({
      columns: { 'Adresse mail': 'mail', Remarque: 'ignore' },
      idColumn: 'Code',
      sourceColumn: undefined,
      observedAtColumn: undefined,
    });
    expect(c.source).toBe('crm');
  });

  it('rejects columns mapped to unknown attributes, naming them', () => {
    const error = errorOf(() => parseConfig(JSON.stringify({ columns: { Mobile: 'mobile', Fax: 'fax', X: 'email' } }), 'c.json'));
    expect(error.code).toBe('INVALID_CONFIG');
    expect(error.message).toMatch(/^invalid config c\.json: columns: unknown attributes "Mobile" → "mobile", "Fax" → "fax" \(configured attributes: firstName,/);
  });

  it('names the faulty field of the identity configuration', () => {
    const error = errorOf(() => parseConfig('{"thresholds": {"match": 2}}', 'c.json'));
    expect(error.code).toBe('INVALID_CONFIG');
    expect(error.message).toBe('invalid config c.json: thresholds.match: must be < 1');
    expect(errorOf(() => parseConfig('{"colums": {}}', 'c.json')).message).toMatch(/^invalid config c\.json: .*colums/);
  });

  it('names the faulty CLI key', () => {
    expect(errorOf(() => parseConfig('{"idColumn": ""}', 'c.json')).message).toMatch(/^invalid config c\.json: idColumn: /);
    expect(errorOf(() => parseConfig('{"columns": {"a": 3}}', 'c.json')).message).toMatch(/columns\.a: /);
  });

  it('reports JSON syntax errors with their line', () => {
    const error = errorOf(() => parseConfig('{\n  "country": "FR",\n}', 'c.json'));
    expect(error.message).toMatch(/^invalid config c\.json: not valid JSON \(line 3, column 1\)/);
    expect(errorOf(() => parseConfig('[]', 'c.json')).message).toBe('invalid config c.json: must be a JSON object');
  });

  it('blames --country when it is the faulty value', () => {
    expect(errorOf(() => parseConfig(undefined, '(defaults)', 'XX')).message).toMatch(/^invalid --country: country: /);
    expect(errorOf(() => parseConfig('{}', 'c.json', 'XX')).message).toMatch(/^invalid --country: country: /);
  });
});

describe('loadConfig', () => {
  it('reads a file (with BOM) and reports a missing one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'identikit-config-'));
    const path = join(dir, 'c.json');
    writeFileSync(path, '\uFEFF{"source": "shop"}');
    expect(loadConfig(path, 'c.json').source).toBe('shop');
    const error = errorOf(() => loadConfig(join(dir, 'nope.json'), 'nope.json'));
    expect(error.message).toBe('cannot read config nope.json: no such file');
  });
});

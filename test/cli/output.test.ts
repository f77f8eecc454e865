import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { csvField, csvLine, writeAtomically } from '../../src/cli/output.js';

describe('csvField', () => {
  it('quotes only when needed', () => {
    expect(csvField('abc')).toBe('abc');
    expect(csvField(42)).toBe('42');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('a;b')).toBe('"a;b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(' padded')).toBe('" padded"');
    expect(csvLine(['x', 'y,z', 3])).toBe('x,"y,z",3');
  });
});

describe('writeAtomically', () => {
  it('writes every file and leaves no temporary behind', () => {
    const dir = mkdtempSync(join(tmpdir(), 'identikit-out-'));
    const many = Array.from({ length: 20_000 }, (_, i) => `line ${i}`);
    writeAtomically([
      { path: join(dir, 'a.csv'), lines: ['h', '1'] },
      { path: join(dir, 'b.txt'), lines: many },
    ]);
    expect(readFileSync(join(dir, 'a.csv'), 'utf8')).toBe('h\n1\n');
    expect(readFileSync(join(dir, 'b.txt'), 'utf8')).toBe(many.join('\n') + '\n');
    expect(readdirSync(dir).sort()).toEqual(['a.csv', 'b.txt']);
  });

  it('on failure writes nothing and leaves existing files untouched', () => {
    const dir = mkdtempSync(join(tmpdir(), 'identikit-out-'));
    writeFileSync(join(dir, 'a.csv'), 'old\n');
    function* failing(): Generator<string> {
      yield 'first';
      throw new Error('boom');
    }
    expect(() =>
      writeAtomically([
        { path: join(dir, 'a.csv'), lines: ['new'] },
        { path: join(dir, 'b.csv'), lines: failing() },
      ]),
    ).toThrow('boom');
    expect(readFileSync(join(dir, 'a.csv'), 'utf8')).toBe('old\n');
    expect(readdirSync(dir)).toEqual(['a.csv']);
  });

  it('fails on a missing directory without touching other outputs', () => {
    const dir = mkdtempSync(join(tmpdir(), 'identikit-out-'));
    expect(() =>
      writeAtomically([
        { path: join(dir, 'a.csv'), lines: ['new'] },
        { path: join(dir, 'missing', 'b.csv'), lines: ['x'] },
      ]),
    ).toThrow(`cannot write ${join(dir, 'missing', 'b.csv')}: no such directory`);
    expect(readdirSync(dir)).toEqual([]);
  });
});

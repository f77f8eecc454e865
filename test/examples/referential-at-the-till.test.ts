import { describe, expect, it } from 'vitest';
import { runTillScenario } from '../../examples/referential-at-the-till.js';

describe('examples/referential-at-the-till', () => {
  it('tells the story it promises: lookup, attach, bridge merge, split and its revocation, change log', async () => {
    const lines: string[] = [];
    const { changes } = await runTillScenario((line) => lines.push(line));
    const find = (prefix: string) => lines.find((l) => l.startsWith(prefix)) ?? '';
    const webId = find('web sign-up:').split(' ').at(-1)!;
    expect(find('web sign-up:')).toMatch(/^web sign-up: created p_/);
    expect(find('till lookup:')).toBe(`till lookup: ${webId} (match, p=0.981)`);
    expect(find('till sale:')).toBe(`till sale: attached ${webId} because firstName + lastName + phone`);
    const callId = find('call center:').split(' ').at(-1)!;
    expect(find('call center:')).toMatch(/^call center: created p_/);
    expect(callId).not.toBe(webId);
    expect(find('newsletter form:')).toBe(`newsletter form: merged ${webId}`);
    expect(find('cross-reference:')).toBe('cross-reference: {"callcenter":["CC-5521"],"pos":["T042-000871"],"web":["W-1001","W-1377"]}');
    expect(find('golden address:')).toBe('golden address: 5 rue du Moulin (from pos)');
    expect(find('known e-mails:')).toBe('known e-mails: h.lefevre@free.fr, helene.lefevre@orange.fr');
    expect(find('old id')).toBe(`old id ${callId} → ${webId}`);
    expect(find('split:')).toBe(`split: ${[webId, callId].sort().join(' | ')}`);
    expect(find('revoked:')).toBe(`revoked: ${webId}`);
    expect(lines.filter((l) => l.startsWith('merged:'))).toEqual([`merged: ${callId} → ${webId}`, `merged: ${callId} → ${webId}`]);
    expect(changes.map((c) => c.seq)).toEqual(changes.map((_, k) => k + 1));
  });
});

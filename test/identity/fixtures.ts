import type { SourceRecord } from '../../src/identity/record.js';

/**
 * A small multi-channel customer file: each record's `truth` names the person. The Dupont
 * household (Jean, Marie, Lucas) shares an address, a landline and a family e-mail.
 */
export const customers: (SourceRecord & { truth: string })[] = [
  // Jean Dupont: web, till, call center, paper
  { truth: 'jean', source: 'web', key: 'W-001', observedAt: '2026-01-10T10:00:00Z', attributes: { firstName: 'Jean', lastName: 'Dupont', email: 'jean.dupont@gmail.com', phone: '06 12 34 56 78', birthDate: '12/03/1971' } },
  { truth: 'jean', source: 'pos', key: 'T042-1', observedAt: '2026-02-01T15:00:00Z', attributes: { firstName: 'JEAN', lastName: 'DUPONT', phone: '+33612345678', postcode: '75011', loyaltyCard: 'FID-0001' } },
  { truth: 'jean', source: 'callcenter', key: 'C-77', observedAt: '2026-03-05T09:00:00Z', attributes: { firstName: 'Jean', lastName: 'Dupond', phone: '0612345678', address: '12 bis av. Victor Hugo', postcode: '75011', city: 'Paris' } },
  { truth: 'jean', source: 'paper', key: 'P-9', attributes: { firstName: 'Dupont', lastName: 'Jean', address: '12B avenue Victor-Hugo', postcode: '75011', city: 'PARIS 11E', birthDate: '1971-03-12' } },
  // Marie Dupont, his wife: same address, landline, family e-mail
  { truth: 'marie', source: 'web', key: 'W-002', attributes: { firstName: 'Marie', lastName: 'Dupont', email: 'famille.dupont@orange.fr', phone: '01 43 55 66 77', address: '12 bis avenue Victor Hugo', postcode: '75011', city: 'Paris', birthDate: '1974-08-30' } },
  { truth: 'marie', source: 'pos', key: 'T042-2', attributes: { firstName: 'Marie', lastName: 'DUPONT', phone: '0143556677', postcode: '75011', loyaltyCard: 'FID-0002' } },
  // Lucas Dupont, their son: family e-mail and landline too
  { truth: 'lucas', source: 'web', key: 'W-003', attributes: { firstName: 'Lucas', lastName: 'Dupont', email: 'famille.dupont@orange.fr', phone: '01 43 55 66 77', postcode: '75011', birthDate: '2004-05-17' } },
  { truth: 'lucas', source: 'callcenter', key: 'C-78', attributes: { firstName: 'Lucas', lastName: 'Dupont', phone: '06 98 76 54 32', address: '12 bis avenue Victor Hugo', postcode: '75011', city: 'Paris' } },
  { truth: 'lucas', source: 'pos', key: 'T017-5', attributes: { firstName: 'lucas', lastName: 'dupont', phone: '06.98.76.54.32', postcode: '75011' } },
  // Hélène Lefèvre: accents lost on one channel
  { truth: 'helene', source: 'web', key: 'W-004', attributes: { firstName: 'Hélène', lastName: 'Lefèvre', email: 'h.lefevre@free.fr', birthDate: '05/11/1988', postcode: '69003', city: 'Lyon' } },
  { truth: 'helene', source: 'pos', key: 'T105-3', attributes: { firstName: 'HELENE', lastName: 'LEFEVRE', email: 'H.Lefevre@free.fr', phone: '07 11 22 33 44', postcode: '69003' } },
  { truth: 'helene', source: 'paper', key: 'P-12', attributes: { firstName: 'Helene', lastName: 'Lefevre', address: '3 r. de la Paix', postcode: '69003', city: 'Lyon 3e', birthDate: '1988-11-05', phone: '0711223344' } },
  // Two unrelated people who typed the same junk e-mail
  { truth: 'paul', source: 'web', key: 'W-005', attributes: { firstName: 'Paul', lastName: 'Martin', email: 'test@test.com', postcode: '33000', city: 'Bordeaux' } },
  { truth: 'sophie', source: 'web', key: 'W-006', attributes: { firstName: 'Sophie', lastName: 'Bernard', email: 'test@test.com', postcode: '13001', city: 'Marseille' } },
  // A namesake of Jean Dupont in another city, born another year
  { truth: 'jean2', source: 'pos', key: 'T201-8', attributes: { firstName: 'Jean', lastName: 'Dupont', phone: '06 55 44 33 22', postcode: '31000', city: 'Toulouse', birthDate: '1990-01-01' } },
];

/** The records without their truth label. */
export const records: SourceRecord[] = customers.map(({ truth: _truth, ...record }) => record);

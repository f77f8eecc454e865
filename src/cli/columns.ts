/**
 * Column aliases: the CSV header names recognized without configuration, in English and French.
 *
 * Headers are compared after {@link foldHeader}: case, accents, spaces, underscores, hyphens and
 * other punctuation do not matter (`Date de naissance`, `date_naissance` and `DATE-NAISSANCE` are
 * the same header for `date_naissance`… as long as the words match).
 * @module
 */

/** What a recognized column holds: the record's id, source, observation date, or an attribute. */
export type ColumnRole =
  | { role: 'id' }
  | { role: 'source' }
  | { role: 'observedAt' }
  | { role: 'attribute'; attribute: string };

/** Accepted names of the id column. */
export const idAliases = [
  'id',
  'record_id',
  'customer_id',
  'client_id',
  'id_client',
  'identifiant',
  'num_client',
  'numero_client',
  'unique_id',
  'rec_id',
  'key',
  'cle',
] as const;

/** Accepted names of the source column. */
export const sourceAliases = ['source', 'channel', 'canal', 'systeme'] as const;

/** Accepted names of the observed-at column. */
export const observedAtAliases = [
  'observed_at',
  'updated_at',
  'date_maj',
  'last_seen',
  'date_modification',
] as const;

/** Accepted names of each default attribute (see `defaultAttributes`). */
export const attributeAliases: Readonly<Record<string, readonly string[]>> = {
  firstName: ['first_name', 'firstname', 'given_name', 'prenom', 'prénom', 'forename'],
  lastName: ['last_name', 'lastname', 'surname', 'family_name', 'nom', 'nom_de_famille', 'nom_famille'],
  email: ['email', 'e-mail', 'mail', 'courriel', 'adresse_email', 'email_address'],
  phone: ['phone', 'telephone', 'téléphone', 'tel', 'mobile', 'portable', 'phone_number', 'numero_telephone', 'gsm'],
  birthDate: [
    'birth_date',
    'birthdate',
    'dob',
    'date_of_birth',
    'date_naissance',
    'date_de_naissance',
    'naissance',
  ],
  address: ['address', 'adresse', 'street', 'address_1', 'address1', 'adresse1', 'adresse_1', 'rue', 'voie'],
  postcode: ['postcode', 'postal_code', 'zip', 'zipcode', 'zip_code', 'code_postal', 'cp'],
  city: ['city', 'town', 'ville', 'commune', 'localite', 'suburb'],
  loyaltyCard: ['loyalty_card', 'card_number', 'carte_fidelite', 'numero_carte', 'loyalty_id'],
};

/**
 * Folds a header for comparison: Unicode-decomposed, accents dropped, lower-cased, and every
 * character that is not a letter or a digit removed (`Prénom ` → `prenom`, `E-Mail` → `email`,
 * `address_1` → `address1`).
 */
export function foldHeader(header: string): string {
  return header
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

function buildTable(): Map<string, ColumnRole> {
  const table = new Map<string, ColumnRole>();
  const add = (alias: string, role: ColumnRole): void => {
    const folded = foldHeader(alias);
    if (table.has(folded)) throw new Error(`identikit: duplicate column alias "${alias}"`);
    table.set(folded, role);
  };
  for (const alias of idAliases) add(alias, { role: 'id' });
  for (const alias of sourceAliases) add(alias, { role: 'source' });
  for (const alias of observedAtAliases) add(alias, { role: 'observedAt' });
  for (const [attribute, aliases] of Object.entries(attributeAliases)) {
    // `prénom` and `prenom` fold to the same key: keep the first.
    for (const alias of aliases) if (!table.has(foldHeader(alias))) add(alias, { role: 'attribute', attribute });
  }
  return table;
}

const table = buildTable();

/** The role of a header by its known aliases, or `undefined` when it is not recognized. */
export function recognizeHeader(header: string): ColumnRole | undefined {
  return table.get(foldHeader(header));
}

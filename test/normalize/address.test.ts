import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  normalizeAddress,
  normalizeCity,
  normalizePostcode,
  parseAddress,
} from '../../src/identity/normalize/address.js';

describe('normalizeAddress', () => {
  it.each([
    ['12 bis av. Victor Hugo', '12 bis avenue victor hugo'],
    ['12bis avenue Victor-Hugo', '12 bis avenue victor hugo'],
    ['12 BIS AV VICTOR HUGO', '12 bis avenue victor hugo'],
    ['12B av Victor Hugo', '12 bis avenue victor hugo'],
    ['12 b ave Victor Hugo', '12 bis avenue victor hugo'],
    ['12 ter rue X', '12 ter rue x'],
    ['12T rue X', '12 ter rue x'],
    ['12 q rue X', '12 quater rue x'],
    ['12A rue X', '12 a rue x'],
    ['3 R. de la Paix', '3 rue de la paix'],
    ['3, rue de la Paix', '3 rue de la paix'],
    ['3 rue de la paix', '3 rue de la paix'],
    ['15 bd St-Germain', '15 boulevard saint germain'],
    ['15 Bld Saint Germain', '15 boulevard saint germain'],
    ['15 boul. St Germain', '15 boulevard saint germain'],
    ['4 all. des Tilleuls', '4 allee des tilleuls'],
    ['4 Allée des Tilleuls', '4 allee des tilleuls'],
    ['10 ch. du Moulin', '10 chemin du moulin'],
    ['10 chem du Moulin', '10 chemin du moulin'],
    ['7 pl. de la République', '7 place de la republique'],
    ['22 FBG ST HONORE', '22 faubourg saint honore'],
    ['22 Faub. Saint-Honoré', '22 faubourg saint honore'],
    ['8 imp. des Roses', '8 impasse des roses'],
    ['n° 8 imp des Roses', '8 impasse des roses'],
    ['1 rte de Lyon', '1 route de lyon'],
    ['2 sq. Lamartine', '2 square lamartine'],
    ['5 qu. des Orfèvres', '5 quai des orfevres'],
    ['5 crs Mirabeau', '5 cours mirabeau'],
    ['9 pass. Choiseul', '9 passage choiseul'],
    ['3 res. Les Pins', '3 residence les pins'],
    ['14 lot. Le Clos', '14 lotissement le clos'],
    ['1 rond-point des Champs-Élysées', '1 rond point des champs elysees'],
    ['1 rpt des Champs Elysees', '1 rond point des champs elysees'],
    ['3 lieu-dit La Roche', '3 lieu dit la roche'],
    ['ld La Roche', 'lieu dit la roche'],
    ['6 espl. du Général de Gaulle', '6 esplanade du general de gaulle'],
    ['6 av. du Gal de Gaulle', '6 avenue du general de gaulle'],
    ['2 av du Mal Foch', '2 avenue du marechal foch'],
    ['rue St Jacques', 'rue saint jacques'],
    ['10 rue Ste Catherine', '10 rue sainte catherine'],
    ["5 rue de l'Église", '5 rue de l eglise'],
    ['12-14 rue des Lilas', '12 rue des lilas'],
    ['12 - 14 rue des Lilas', '12 rue des lilas'],
    ['12 à 14 rue des Lilas', '12 rue des lilas'],
    ['12/14 rue des Lilas', '12 rue des lilas'],
    ['12 street smith', '12 street smith'],
    ['012 rue X', '12 rue x'],
    ['5 rue du 8 Mai 1945', '5 rue du 8 mai 1945'],
    ['12 Grande Rue', '12 grande rue'],
    ['route nationale 7', 'route nationale 7'],
    // Complements are kept out of the street line.
    ['Apt 3, 5 rue X', '5 rue x'],
    ['Appt 12 - Bât B, 5 rue X', '5 rue x'],
    ['5 rue X, Bât. B, Esc. 3', '5 rue x'],
    ['5 rue X appt 12 bat b', '5 rue x'],
    ['Bat B esc 3 12 rue X', '12 rue x'],
    ['12 rue X 2ème étage', '12 rue x'],
    ['Résidence Les Pins, Bât A, 12 rue X', '12 rue x'],
    ['12 rue X BP 123', '12 rue x'],
    ['12 rue X CS 30001', '12 rue x'],
    ['12 rue X 75001 Paris', '12 rue x'],
    ['12 rue de la Porte de Clichy', '12 rue de la porte de clichy'],
    ['12 rue X porte 4', '12 rue x'],
    // English lines (FEBRL, UK).
    ['42 Smith St', '42 smith street'],
    ['42 Smith Street', '42 smith street'],
    ['42 smith st.', '42 smith street'],
    ['7 Kings Rd', '7 kings road'],
    ['7 Kings Road', '7 kings road'],
    ['3 St Kilda Rd', '3 saint kilda road'],
    ['12 Lane Cove Road', '12 lane cove road'],
    ['10 Park Ave', '10 avenue park'],
    ['15 Ocean Dr', '15 ocean drive'],
    ['2 Wattle Pl', '2 place wattle'],
    ['9 Banksia Ct', '9 banksia court'],
    ['11 Acacia Cres', '11 acacia crescent'],
    ['4 Oak Cl', '4 oak close'],
    ['8 Mill Ln', '8 mill lane'],
    ['1 Ocean Tce', '1 ocean terrace'],
    ['5 Marine Pde', '5 marine parade'],
    ['6 Bradman Cct', '6 bradman circuit'],
    ['100 Pacific Hwy', '100 pacific highway'],
    ['Unit 4, 12 Smith St', '12 smith street'],
    ['12 Smith St Unit 4', '12 smith street'],
    ['Flat 2 10 Downing St', '10 downing street'],
  ])('normalizeAddress(%j) = %j', (raw, expected) => {
    expect(normalizeAddress(raw)).toEqual({ value: expected });
  });

  // "Chez X" is a hamlet name (Charente, Poitou, Savoie); "chez M. Dupont" is a care-of line.
  it.each([
    ['Lieu-dit Chez Blanchet', 'lieu dit chez blanchet'],
    ['Lieu-dit Chez Martin', 'lieu dit chez martin'],
    ['12 chemin de chez Tissot', '12 chemin de chez tissot'],
    ['12 chemin de chez Favre', '12 chemin de chez favre'],
    ['Hameau de Chez Blanchet', 'hameau de chez blanchet'],
    ['Chez Blanchet', 'chez blanchet'],
    ['Chez Blanchet 16200 Jarnac', 'chez blanchet'],
    ['Chez Blanchet, 16200 Jarnac', 'chez blanchet'],
    ['Chez M. Dupont, 12 rue X', '12 rue x'],
    ['Chez M. Dupont 12 rue X', '12 rue x'],
    ['Chez Dupont, 12 rue X', '12 rue x'],
    ['12 rue X chez Dupont', '12 rue x'],
    ['12 rue X, chez Mme Martin', '12 rue x'],
  ])('chez: normalizeAddress(%j) = %j', (raw, expected) => {
    expect(normalizeAddress(raw)).toEqual({ value: expected });
  });

  // A complement keyword needs a value, and after an article it is a word of the street name.
  it.each([
    ["12 rue du Bât-d'Argent", '12 rue du bat d argent'],
    ["12 rue de l'Escalier", '12 rue de l escalier'],
    ['12 rue X escalier', '12 rue x escalier'],
    ['12 rue X Bât B', '12 rue x'],
    ['12 rue X Cedex', '12 rue x'],
  ])('complement inside a street name: normalizeAddress(%j) = %j', (raw, expected) => {
    expect(normalizeAddress(raw)).toEqual({ value: expected });
  });

  it.each([
    ['12 rue des Prés', '12 rue des pres'],
    ['12 bd Saint-Germain-des-Prés', '12 boulevard saint germain des pres'],
    ['12 av du Pdt Wilson', '12 avenue du president wilson'],
  ])('pres is not president: normalizeAddress(%j) = %j', (raw, expected) => {
    expect(normalizeAddress(raw)).toEqual({ value: expected });
  });

  // The street line is found wherever it is in a part: with or without the comma, the same value.
  it.each([
    ['Résidence Les Pins Bât A 12 rue X', '12 rue x'],
    ['Résidence Les Pins 12 rue X', '12 rue x'],
    ['Résidence Les Pins, 12 rue X', '12 rue x'],
    ['3ème étage gauche 5 rue X', '5 rue x'],
    ['5 rue X 3ème étage gauche', '5 rue x'],
    ['Apt 3 5 rue X', '5 rue x'],
    ['Immeuble Le Central 3 bd Haussmann', '3 boulevard haussmann'],
    ['avenue des 3 Cours', 'avenue des 3 cours'],
    ['place du 8 Mai 1945', 'place du 8 mai 1945'],
    ['BP 12 route de Lyon', 'route de lyon'],
  ])('street line after a complement: normalizeAddress(%j) = %j', (raw, expected) => {
    expect(normalizeAddress(raw)).toEqual({ value: expected });
  });

  it.each([
    ['12 rue X B.P. 12', '12 rue x'],
    ['12 rue X B.P.12', '12 rue x'],
    ['12 rue X C.S. 30001', '12 rue x'],
    ['12 rue X T.S.A. 12345', '12 rue x'],
  ])('dotted postal box: normalizeAddress(%j) = %j', (raw, expected) => {
    expect(normalizeAddress(raw)).toEqual({ value: expected });
  });

  // Regressions of the fixes above (review r11): each gives what the comma form gives, or the value
  // from before them.
  it.each([
    // R1: a range after a complement or a residence keeps its first number.
    ['Bât A 12-14 rue X', '12 rue x'],
    ['Apt 3 12-14 rue X', '12 rue x'],
    ['Apt, 3 12-14 rue X', '12 rue x'],
    ['3, 12 rue X', '12 rue x'],
    ['Résidence Les Pins 12-14 rue X', '12 rue x'],
    ['Résidence Les Pins 12/14 rue X', '12 rue x'],
    ['Résidence Les Pins 12 à 14 rue X', '12 rue x'],
    ['12 rue des Combattants 1939-1945', '12 rue des combattants 1939 1945'],
    // R2: a 5-digit house number starting a street line is not a postcode.
    ['14135 22ND', '14135 22nd'],
    ['14225 22 PC', '14225 22 pc'],
    ['10250 Grande Rue', '10250 grande rue'],
    ['12345 Main Street', '12345 main street'],
    ['10250 Smith St', '10250 smith street'],
    ['10250bis Le Bourg', '10250 bis le bourg'],
    ['10250 bis le bourg', '10250 bis le bourg'],
    ['13442b-d', '13442 bis d'],
    // R3: two-word street types start the street line after a residence.
    ['Résidence Les Pins 12 rond-point X', '12 rond point x'],
    ['Résidence Les Pins 3 lieu-dit Y', '3 lieu dit y'],
    ['Résidence Les Pins 12 rd pt X', '12 rond point x'],
    // R4: after the street name, bâtiment, escalier, appartement take a name too.
    ['12 rue X Bâtiment Les Tilleuls', '12 rue x'],
    ['12 rue X Bât Mimosa', '12 rue x'],
    ['12 rue X Esc. Gauche', '12 rue x'],
    ['12 rue X Escalier Droit', '12 rue x'],
    ['12 rue X Immeuble Le Central', '12 rue x'],
    ['12 rue X Appartement Gauche', '12 rue x'],
    ['12 Grande Rue Bât Mimosa', '12 grande rue'],
    ['12 rue Bât Mimosa', '12 rue bat mimosa'],
    // R5: Prés. after du is the president.
    ['12 av du Prés. Kennedy', '12 avenue du president kennedy'],
    ['12 bd du Pres Wilson', '12 boulevard du president wilson'],
    // R6: a floor after au.
    ['12 rue X au 1er étage', '12 rue x'],
    ['12 rue X au 2e étage', '12 rue x'],
    ['12 rue X au RDC', '12 rue x'],
    ['Au 1er étage 12 rue X', '12 rue x'],
    ['12 rue au Pain', '12 rue au pain'],
    // R7: a postcode and city before the street line on one line stay (as before the fixes).
    ['75001 Paris 12 rue X', '75001 paris 12 rue x'],
  ])('r11 regression: normalizeAddress(%j) = %j', (raw, expected) => {
    expect(normalizeAddress(raw)).toEqual({ value: expected });
  });

  it.each(['', '  ', 'n/a', 'inconnue', '-', 'néant', '0', 'non renseignée'])('%j is missing', (raw) => {
    expect(normalizeAddress(raw)).toEqual({ value: null });
  });

  it.each([
    ['12', 'house number but no street'],
    ['12 bis', 'house number but no street'],
    ['12 b', 'house number but no street'],
    ['BP 123', 'no street line (only "bp 123")'],
    ['Bât B, Esc 3', 'no street line (only "batiment b escalier 3")'],
    ['B.P. 123', 'no street line (only "bp 123")'],
    ['C.S. 30001', 'no street line (only "cs 30001")'],
    ['16200 Jarnac', 'no street line (only "16200 jarnac")'],
    ['n° 16200 Jarnac', 'no street line (only "n 16200 jarnac")'],
  ])('flags %j', (raw, problem) => {
    const r = normalizeAddress(raw);
    expect(r.value).toBeNull();
    expect(r.problem).toContain(problem);
  });

  it('is idempotent', () => {
    const word = fc.constantFrom(
      '12', '12bis', 'bis', 'b', '3', '14', '-', ',', 'rue', 'r.', 'av', 'bd', 'St', 'Ste', 'de', 'la', "l'", 'paix',
      'Victor', 'Hugo', 'appt', 'bat', 'esc', 'bp', '123', 'st', 'rd', 'smith', 'lane', 'road', 'street', 'rond',
      'point', 'lieu', 'dit', 'a', 'au', 'n°', 'porte', '75001', 'cedex', 'Grande', 'Rue', '2eme', 'etage', 'Gal',
      'chez', 'M.', 'Blanchet', 'Résidence', 'les', 'du', 'des', 'd', 'escalier', 'B.P.', 'Prés', 'gauche',
      '12-14', '12/14', 'à', 'rond-point', 'Bâtiment', 'Mimosa', '1er', 'RDC', '10250', '10250bis', '22nd', 'Paris',
    );
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 8 }), (words) => {
        const first = normalizeAddress(words.join(' '));
        if (first.value !== null) expect(normalizeAddress(first.value), words.join(' ')).toEqual(first);
      }),
      { numRuns: 5000 },
    );
  });
});

describe('parseAddress', () => {
  it.each([
    ['12 bis av. Victor Hugo', { number: '12', suffix: 'bis', streetType: 'avenue', streetName: 'victor hugo', complement: null }],
    ['3 R. de la Paix', { number: '3', suffix: null, streetType: 'rue', streetName: 'de la paix', complement: null }],
    ['Apt 3, 5 rue X', { number: '5', suffix: null, streetType: 'rue', streetName: 'x', complement: 'appartement 3' }],
    ['5 rue X, Bât. B, Esc. 3', { number: '5', suffix: null, streetType: 'rue', streetName: 'x', complement: 'batiment b escalier 3' }],
    ['12 rue X 2ème étage', { number: '12', suffix: null, streetType: 'rue', streetName: 'x', complement: '2eme etage' }],
    ['12 rue X BP 123 75001 Paris Cedex 01', { number: '12', suffix: null, streetType: 'rue', streetName: 'x', complement: 'bp 123 75001 paris cedex 01' }],
    ['12 Grande Rue', { number: '12', suffix: null, streetType: null, streetName: 'grande rue', complement: null }],
    ['42 Smith St', { number: '42', suffix: null, streetType: 'street', streetName: 'smith', complement: null }],
    ['BP 123', { number: null, suffix: null, streetType: null, streetName: null, complement: 'bp 123' }],
    ['Lieu-dit Chez Blanchet', { number: null, suffix: null, streetType: 'lieu dit', streetName: 'chez blanchet', complement: null }],
    ['Chez M. Dupont 12 rue X', { number: '12', suffix: null, streetType: 'rue', streetName: 'x', complement: 'chez m dupont' }],
    ['Résidence Les Pins Bât A 12 rue X', { number: '12', suffix: null, streetType: 'rue', streetName: 'x', complement: 'residence les pins batiment a' }],
    ['3ème étage gauche 5 rue X', { number: '5', suffix: null, streetType: 'rue', streetName: 'x', complement: '3eme etage gauche' }],
    ['12 rue X B.P. 12', { number: '12', suffix: null, streetType: 'rue', streetName: 'x', complement: 'bp 12' }],
    ['Bât A 12-14 rue X', { number: '12', suffix: null, streetType: 'rue', streetName: 'x', complement: 'batiment a' }],
    ['12 rue X Bâtiment Les Tilleuls', { number: '12', suffix: null, streetType: 'rue', streetName: 'x', complement: 'batiment les tilleuls' }],
    ['12 rue X au 1er étage', { number: '12', suffix: null, streetType: 'rue', streetName: 'x', complement: 'au 1er etage' }],
    ['14135 22ND', { number: '14135', suffix: null, streetType: null, streetName: '22nd', complement: null }],
    ['', { number: null, suffix: null, streetType: null, streetName: null, complement: null }],
  ])('parseAddress(%j)', (raw, expected) => {
    expect(parseAddress(raw)).toEqual(expected);
  });
});

describe('normalizePostcode', () => {
  it.each([
    ['75001', undefined, '75001'],
    ['75 001', undefined, '75001'],
    [' 75001 ', 'FR', '75001'],
    ['1000', 'FR', '01000'],
    ['6000', 'FR', '06000'],
    ['75008 CEDEX', 'FR', '75008'],
    ['75008 Cedex 08', 'FR', '75008'],
    ['F-75001', 'FR', '75001'],
    ['FR 75001', 'FR', '75001'],
    ['20000', 'FR', '20000'],
    ['97400', 'RE', '97400'],
    ['98000', 'MC', '98000'],
    ['SW1A 1AA', 'GB', 'SW1A 1AA'],
    ['sw1a1aa', 'GB', 'SW1A 1AA'],
    ['  EC1A   1BB ', 'GB', 'EC1A 1BB'],
    ['M1 1AE', 'GB', 'M1 1AE'],
    ['2000', 'AU', '2000'],
    ['0800', 'AU', '0800'],
    ['10115', 'DE', '10115'],
    ['1067', 'DE', '01067'],
    ['12345-6789', 'US', '12345'],
    ['2134', 'US', '02134'],
    ['1000', 'BE', '1000'],
    ['8001', 'CH', '8001'],
    ['1012 ab', 'NL', '1012 AB'],
    ['k1a0b1', 'CA', 'K1A 0B1'],
    ['00100', 'IT', '00100'],
    ['28013', 'ES', '28013'],
    ['100-0001', 'JP', '100-0001'],
  ] as const)('normalizePostcode(%j, %s) = %j', (raw, country, expected) => {
    expect(normalizePostcode(raw, country)).toEqual({ value: expected });
  });

  it.each([
    ['750011', 'FR'],
    ['7500', 'FR'].map((x, i) => (i === 0 ? '750' : x)),
    ['00123', 'FR'],
    ['ABCDE', 'FR'],
    ['75OO1', 'FR'],
    ['SW1A', 'GB'],
    ['20000', 'AU'],
    ['123', 'AU'],
    ['1234567', 'US'],
    ['1000 AB C', 'NL'],
  ] as [string, 'FR'][])('flags %j for %s', (raw, country) => {
    const r = normalizePostcode(raw, country);
    expect(r.value).toBeNull();
    expect(r.problem).toBe(`invalid postcode for ${country}: "${raw}"`);
  });

  it.each(['', 'n/a', '-', 'inconnu'])('%j is missing', (raw) => {
    expect(normalizePostcode(raw)).toEqual({ value: null });
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9A-Za-z -]{0,9}$/), fc.constantFrom('FR', 'GB', 'AU', 'US', 'DE', 'NL', 'CA', 'JP') as fc.Arbitrary<'FR'>, (raw, country) => {
        const first = normalizePostcode(raw, country);
        if (first.value !== null) expect(normalizePostcode(first.value, country)).toEqual(first);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('normalizeCity', () => {
  it.each([
    ['Paris', 'paris'],
    ['PARIS', 'paris'],
    ['Paris 15e', 'paris'],
    ['PARIS 15', 'paris'],
    ['Paris 1er', 'paris'],
    ['Paris 1er Arrondissement', 'paris'],
    ['Lyon 3ème', 'lyon'],
    ['Lyon 3eme', 'lyon'],
    ['Marseille 8e arrondissement', 'marseille'],
    ['Marseille 08', 'marseille'],
    ['75015 Paris', 'paris'],
    ['Saint-Étienne', 'saint etienne'],
    ['St-Etienne', 'saint etienne'],
    ['ST ETIENNE CEDEX 2', 'saint etienne'],
    ['Ste-Foy-lès-Lyon', 'sainte foy les lyon'],
    ['Les Stes-Maries-de-la-Mer', 'les saintes maries de la mer'],
    ["L'Haÿ-les-Roses", 'l hay les roses'],
    ['Boulogne s/ Mer', 'boulogne sur mer'],
    ['Châlons-en-Champagne', 'chalons en champagne'],
    ['NANTES CEDEX', 'nantes'],
    ['Nantes Cedex 1', 'nantes'],
    ['Aix-en-Provence', 'aix en provence'],
    ['Sydney', 'sydney'],
  ])('normalizeCity(%j) = %j', (raw, expected) => {
    expect(normalizeCity(raw)).toEqual({ value: expected });
  });

  it.each(['', 'n/a', 'inconnue', '-'])('%j is missing', (raw) => {
    expect(normalizeCity(raw)).toEqual({ value: null });
  });

  it.each(['75015', 'CEDEX 08'])('flags %j', (raw) => {
    const r = normalizeCity(raw);
    expect(r.value).toBeNull();
    expect(r.problem).toContain('no city name');
  });

  it('is idempotent', () => {
    const word = fc.constantFrom('Paris', 'St', 'Ste', 'Étienne', '15e', '3', 'eme', 'arrondissement', 'cedex', 'Lyon', 's/', 'mer', 'les', '-', "L'");
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 6 }), (words) => {
        const first = normalizeCity(words.join(' '));
        if (first.value !== null) expect(normalizeCity(first.value)).toEqual(first);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('a postcode a spreadsheet wrote as a number', () => {
  it.each([
    ['6000.0', '06000'],
    ['1000.0', '01000'],
    ['6000,0', '06000'],
    ['75001.0', '75001'],
    ['75.001', '75001'],
  ])('normalizePostcode(%j) = %j (Nice, not Oise)', (raw, expected) => {
    expect(normalizePostcode(raw).value).toBe(expected);
  });
});

describe('a flat, building or box number before the house number; rural parts with a town', () => {
  it.each([
    ['Appt 3 - 12 rue X', '12 rue x'],
    ['Bât 3 - 12 rue X', '12 rue x'],
    ['BP 123 - 12 rue X', '12 rue x'],
    ['Apt 3/12 rue X', '12 rue x'],
    ['Appt 3 / 12 rue X', '12 rue x'],
    ['CS 30001 - 12 rue X', '12 rue x'],
    ['Résidence Les Pins 3 - 12 rue X', '12 rue x'],
    ['Bât A 12-14 rue X', '12 rue x'],
    ['Bât A 12 à 14 rue X', '12 rue x'],
    ['Lieu-dit Pech Merle, 47300 Villeneuve-sur-Lot', 'lieu dit pech merle'],
    ['Le Bourg, 47300 Villeneuve-sur-Lot', 'le bourg'],
    ['La Croix, 38660 La Terrasse', 'la croix'],
    ['Le Bourg 80400 Ham', 'le bourg'],
    ['Lieu-dit Les Granges, Chemin des Vignes', 'chemin des vignes'],
    ['Chemin des Vignes, Lieu-dit Les Granges', 'chemin des vignes'],
    ['Rond-point de l’Europe, Route de Lyon', 'route de lyon'],
    ['Route de Lyon, Rond-point de l’Europe', 'route de lyon'],
    ['10250 Grande Rue', '10250 grande rue'],
    ['75001 Paris 12 rue X', '75001 paris 12 rue x'],
    ['Lieu-dit Pech Merle, Villeneuve-sur-Lot', 'lieu dit pech merle'],
    ['Lieu-dit La Lande, St Martin', 'lieu dit la lande'],
    ['Rond-point du Stade, St Priest', 'rond point du stade'],
    ['Apt 5, 10250 Smith St', '10250 smith street'],
    ['Unit 3, 12345 Main Street', '12345 main street'],
    ['Lieu-dit Pech Merle, 47300 Villeneuve s/ Lot', 'lieu dit pech merle'],
    ['Le Bourg, 47300 Villeneuve/Lot', 'le bourg'],
    ['Lieu-dit Kerbiquette, 56890 Saint-Avé', 'lieu dit kerbiquette'],
    ['Lieu-dit Les Granges, Grande Rue', 'grande rue'],
    ['Grande Rue, Lieu-dit Les Granges', 'grande rue'],
    ['LD Les Granges, Chemin des Vignes', 'chemin des vignes'],
    ['2e étage 12-14 rue X', '12 rue x'],
    ['RDC 12-14 rue X', '12 rue x'],
    ['Appt no 2/12 rue X', '12 rue x'],
    ['Apt 5, 10250 St Andrews Dr', '10250 saint andrews drive'],
    ['Unit 3, 12345 Saint Charles Ave', '12345 avenue saint charles'],
    ['Étage 2 - 4 rue X', '4 rue x'],
    ['Etg 1/3 rue X', '3 rue x'],
    ['3eme etage 12/14 rue X', '12 rue x'],
    ['Bât A 12 - 14 rue X', '12 rue x'],
    ['Résidence Les Pins 12 - 14 rue X', '12 rue x'],
    ['Appt 2/12 rue X', '12 rue x'],
    ['Appt 2 - 12 rue X', '12 rue x'],
    ['Esc 2-4 rue X', '4 rue x'],
    ['Le Bourg, 80400 Ham', 'le bourg'],
    ['Le Bourg, 62760 Pas-en-Artois', 'le bourg'],
    ['Route de Lyon, 80120 Rue', 'route de lyon'],
  ])('normalizeAddress(%j) = %j', (raw, expected) => {
    expect(normalizeAddress(raw).value).toBe(expected);
  });
});


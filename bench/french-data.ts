/**
 * Word lists for the synthetic French retail customers of `bench/synthetic.ts`: given names (with
 * accents and compounds), family names (with particles), streets, postcode/city pairs, e-mail providers.
 * @module
 */

const split = (s: string): string[] =>
  s
    .split('|')
    .map((x) => x.trim())
    .filter((x, i, all) => x !== '' && all.indexOf(x) === i);

export const maleGivenNames = split(`
Jean|Pierre|Michel|André|Philippe|René|Louis|Alain|Jacques|Bernard|Marcel|Daniel|Roger|Robert|Paul|Claude|
Christian|Henri|Georges|Nicolas|François|Patrick|Gérard|Christophe|Joseph|Julien|Maurice|Raymond|Pascal|
Frédéric|Laurent|Éric|Stéphane|David|Thierry|Olivier|Sébastien|Guy|Roland|Yves|Lucien|Marc|Didier|Dominique|
Thomas|Alexandre|Vincent|Antoine|Bruno|Serge|Jérôme|Fabrice|Cédric|Emmanuel|Mathieu|Romain|Guillaume|Maxime|
Kévin|Anthony|Benoît|Hugo|Lucas|Théo|Nathan|Enzo|Léo|Gabriel|Arthur|Raphaël|Jules|Adam|Noé|Mathéo|Clément|
Baptiste|Quentin|Florian|Jérémy|Loïc|Yann|Gaël|Hervé|Gilles|Joël|Noël|Aurélien|Valentin|Bastien|Timothée|
Benjamin|Samuel|Étienne|Rémi|Grégory|Ludovic|Xavier|Fabien|Arnaud|Damien|Jean-Pierre|Jean-Claude|Jean-Luc|
Jean-Marc|Jean-Paul|Jean-François|Jean-Louis|Jean-Michel|Jean-Jacques|Pierre-Yves|Jean-Baptiste|Marc-Antoine|
Paul-Henri|Jean-Charles|Pierre-Alexandre|Louis-Marie|Mohamed|Karim|Mehdi|Yacine|Rachid|Sofiane|
Amine|Bilal|Youssef|Ibrahim|Moussa|Mamadou|Ahmed|Nabil|Abdel|Jordan|Dylan|Mickaël|Gaëtan|Killian|Lilian|
Erwan|Ronan|Tanguy|Gwenaël|Corentin|Aymeric|Hippolyte|Gaspard|Côme|Augustin|Victor|Léon|Émile|Marius|
Alphonse|Gustave|Edmond|Firmin|Honoré|Ambroise|Armand|Fernand|Gaston|Octave
`);

export const femaleGivenNames = split(`
Marie|Jeanne|Françoise|Monique|Catherine|Nathalie|Isabelle|Sylvie|Anne|Martine|Christine|Jacqueline|Nicole|
Valérie|Sandrine|Véronique|Sophie|Stéphanie|Céline|Chantal|Brigitte|Danielle|Christiane|Hélène|Suzanne|
Madeleine|Denise|Simone|Odette|Yvette|Josette|Paulette|Ginette|Colette|Mireille|Patricia|Laurence|Corinne|
Florence|Karine|Émilie|Julie|Aurélie|Camille|Laura|Manon|Léa|Chloé|Emma|Inès|Jade|Louise|Alice|Lina|Rose|
Anna|Ambre|Lucie|Zoé|Agathe|Juliette|Clémence|Mathilde|Pauline|Margaux|Océane|Marion|Audrey|Élodie|Mélanie|
Virginie|Delphine|Caroline|Émeline|Élise|Noémie|Maëlle|Maëva|Anaïs|Héloïse|Éloïse|Clothilde|Bérénice|
Gwendoline|Solène|Ophélie|Justine|Charlotte|Capucine|Apolline|Constance|Margot|Romane|Clara|Sarah|Léonie|
Marie-Claude|Marie-Christine|Marie-France|Marie-Thérèse|Marie-Hélène|Marie-Laure|Anne-Marie|Anne-Sophie|
Marie-Pierre|Marie-Noëlle|Anne-Laure|Marie-José|Marie-Anne|Marie-Claire|Marie-Odile|Fatima|Nadia|Samira|
Yasmine|Leïla|Amina|Sonia|Karima|Aïcha|Fatou|Aminata|Myriam|Sabrina|Jennifer|Jessica|Vanessa|Cindy|Priscilla|
Cassandre|Gaëlle|Nolwenn|Armelle|Soizic|Maïwenn|Bernadette|Germaine|Marguerite|Thérèse|Lucienne|Geneviève|
Huguette|Raymonde|Renée|Andrée|Yvonne|Régine|Josiane|Évelyne|Annick|Joëlle|Noëlle|Pascale|Dominique|
Claudine|Micheline|Arlette|Éliane|Irène|Agnès|Béatrice|Cécile|Édith|Estelle|Fabienne|Gisèle|Ingrid|Laetitia|
Murielle|Nadège|Perrine|Rachel|Sabine|Viviane|Wendy|Adèle|Blanche|Célestine|Eugénie|Joséphine|Victoire
`);

export const familyNames = split(`
Martin|Bernard|Thomas|Petit|Robert|Richard|Durand|Dubois|Moreau|Laurent|Simon|Michel|Lefèbvre|Leroy|Roux|
David|Bertrand|Morel|Fournier|Girard|Bonnet|Dupont|Lambert|Fontaine|Rousseau|Vincent|Muller|Lefèvre|Faure|
André|Mercier|Blanc|Guérin|Boyer|Garnier|Chevalier|François|Legrand|Gauthier|Garcia|Perrin|Robin|Clément|
Morin|Nicolas|Henry|Roussel|Mathieu|Gautier|Masson|Marchand|Duval|Denis|Dumont|Marie|Lemaire|Noël|Meyer|
Dufour|Meunier|Brun|Blanchard|Giraud|Joly|Rivière|Lucas|Brunet|Gaillard|Barbier|Arnaud|Martinez|Gérard|
Roche|Renard|Schmitt|Roy|Leroux|Colin|Vidal|Caron|Picard|Roger|Fabre|Aubert|Lemoine|Renaud|Dumas|Lacroix|
Olivier|Philippe|Bourgeois|Pierre|Benoît|Rey|Leclerc|Payet|Rolland|Leclercq|Guillaume|Lecomte|Lopez|Jean|
Dupuy|Guillot|Hubert|Berger|Carpentier|Sánchez|Dupuis|Moulin|Louis|Deschamps|Huet|Vasseur|Perez|Boucher|
Fleury|Royer|Klein|Jacquet|Adam|Paris|Poirier|Marty|Aubry|Guyot|Carré|Charles|Renault|Charpentier|Ménard|
Maillard|Baron|Bertin|Bailly|Hervé|Schneider|Fernandez|Le Gall|Collet|Léger|Bouvier|Julien|Prévost|Millet|
Perrot|Daniel|Le Roux|Cousin|Germain|Breton|Besson|Langlois|Rémy|Le Goff|Pelletier|Lévêque|Perrier|Leblanc|
Barré|Lebrun|Marchal|Weber|Mallet|Hamon|Boulanger|Jacob|Monnier|Michaud|Rodriguez|Guichard|Gillet|Étienne|
Grondin|Poulain|Tessier|Chevallier|Collin|Chauvin|Da Silva|Bouchet|Gay|Lemaître|Bénard|Maréchal|Humbert|
Reynaud|Antoine|Hoarau|Perret|Barthélemy|Cordier|Pichon|Lejeune|Gilbert|Lamy|Delaunay|Pasquier|Carlier|
Laporte|Gomez|Le Bihan|Kerviche|Le Floch|Tanguy|Quéré|Hénaff|Jaouen|Le Meur|Riou|Guillou|Cadiou|Abgrall|
Benali|Haddad|Mansouri|Belkacem|Bouaziz|Cherif|Diallo|Traoré|Ndiaye|Diop|Nguyen|Tran|Pham|Dos Santos|
Pereira|Ferreira|Rodrigues|Gonçalves|Oliveira|Rossi|Russo|Bianchi|Esposito|Wagner|Becker|Hoffmann|
Lefranc|Delmas|Castel|Tournier|Vial|Bousquet|Couderc|Fabregat|Puech|Combes|Salles|Cazals|Carrère|Lafargue|
Etchegaray|Etcheverry|Harriague|Iriart|Bordenave|Lassalle|Dubosc|Laborde|Capdevielle|Pujol|
de la Fontaine|de Saint-Exupéry|de Villiers|de Montaigne|de Lattre|Le Du|du Pont|de Broglie|de la Tour|
d'Argenson|d'Alembert|de Beauvoir|du Bellay|de Rohan|de la Rochefoucauld|Saint-Martin|Saint-Cyr|Sainte-Marie|
Lefebvre-Duval|Martin-Dupont|Bernard-Lévy|Roux-Combaluzier|Giscard|Château|Lévy|Cohen|Benhamou|Azoulay|
Bénichou|Attal|Zerbib|Chaumont|Vasseur|Delorme|Delattre|Deleau|Desmarais|Desjardins|Dechamps|Duhamel|Dujardin|
Duroc|Lagarde|Lamarque|Larcher|Lenoir|Lesage|Letellier|Levasseur|Marais|Maurin|Mouton|Nicolle|Ollivier|Page|
Pons|Raynaud|Riviere|Ruiz|Texier|Thibault|Vallée|Verdier|Viala|Voisin|Wolff
`);

export const streetTypes: { full: string; abbreviations: string[]; weight: number }[] = [
  { full: 'rue', abbreviations: ['r.', 'r', 'R.'], weight: 55 },
  { full: 'avenue', abbreviations: ['av.', 'av', 'ave', 'avn'], weight: 15 },
  { full: 'boulevard', abbreviations: ['bd', 'bld', 'boul.', 'bvd'], weight: 8 },
  { full: 'place', abbreviations: ['pl.', 'pl'], weight: 4 },
  { full: 'chemin', abbreviations: ['ch.', 'chem.'], weight: 5 },
  { full: 'allée', abbreviations: ['all.', 'allee'], weight: 4 },
  { full: 'impasse', abbreviations: ['imp.', 'imp'], weight: 4 },
  { full: 'route', abbreviations: ['rte', 'rte.'], weight: 3 },
  { full: 'quai', abbreviations: ['q.'], weight: 1 },
  { full: 'cours', abbreviations: ['crs'], weight: 1 },
];

export const streetNames = split(`
Victor Hugo|de la Paix|Jean Jaurès|du Général de Gaulle|Pasteur|de la République|des Lilas|de la Gare|
de l'Église|du Moulin|des Écoles|Gambetta|Voltaire|Jean Moulin|Émile Zola|Anatole France|de Verdun|
du Maréchal Foch|du Maréchal Leclerc|de la Liberté|Carnot|Jules Ferry|du 8 Mai 1945|du 11 Novembre|
de Paris|de Lyon|Saint-Michel|Saint-Jacques|Sainte-Anne|Notre-Dame|des Tilleuls|des Acacias|des Peupliers|
du Château|de la Mairie|du Stade|des Roses|des Prés|des Vignes|de la Fontaine|du Commerce|Nationale|
Georges Clemenceau|Aristide Briand|Léon Blum|Paul Bert|Louis Pasteur|Condorcet|Montesquieu|Molière|
Jean de la Fontaine|Alsace-Lorraine|de Strasbourg|de Bretagne|des Martyrs|de la Résistance|de la Libération|
Denfert-Rochereau|Parmentier|Lamartine|Chateaubriand|Alphonse Daudet|Frédéric Mistral|Albert Camus|
Jean-Baptiste Clément|Pierre Curie|Marie Curie|Édouard Herriot|François Mitterrand|Charles de Gaulle|
du Président Wilson|Henri Barbusse|Paul Vaillant-Couturier|Gabriel Péri|des Frères Lumière|des Cerisiers|
du Pont|de la Poste|du Port|de la Croix|des Jardins|des Marronniers|du Bois|de la Forêt|des Champs
`);

/** Real-looking postcode → city pairs; Paris, Lyon and Marseille with several arrondissements. */
export const postcodeCities: [string, string][] = [
  ...Array.from({ length: 20 }, (_, i): [string, string] => [`750${String(i + 1).padStart(2, '0')}`, 'Paris']),
  ...Array.from({ length: 9 }, (_, i): [string, string] => [`6900${i + 1}`, 'Lyon']),
  ...Array.from({ length: 16 }, (_, i): [string, string] => [`130${String(i + 1).padStart(2, '0')}`, 'Marseille']),
  ...(
    [
      ['31000', 'Toulouse'],
      ['31200', 'Toulouse'],
      ['31400', 'Toulouse'],
      ['06000', 'Nice'],
      ['06100', 'Nice'],
      ['44000', 'Nantes'],
      ['44300', 'Nantes'],
      ['67000', 'Strasbourg'],
      ['67100', 'Strasbourg'],
      ['34000', 'Montpellier'],
      ['34070', 'Montpellier'],
      ['33000', 'Bordeaux'],
      ['33800', 'Bordeaux'],
      ['59000', 'Lille'],
      ['59800', 'Lille'],
      ['35000', 'Rennes'],
      ['35200', 'Rennes'],
      ['51100', 'Reims'],
      ['83000', 'Toulon'],
      ['42000', 'Saint-Étienne'],
      ['76600', 'Le Havre'],
      ['38000', 'Grenoble'],
      ['21000', 'Dijon'],
      ['49000', 'Angers'],
      ['30000', 'Nîmes'],
      ['69100', 'Villeurbanne'],
      ['63000', 'Clermont-Ferrand'],
      ['72000', 'Le Mans'],
      ['13100', 'Aix-en-Provence'],
      ['29200', 'Brest'],
      ['37000', 'Tours'],
      ['80000', 'Amiens'],
      ['87000', 'Limoges'],
      ['74000', 'Annecy'],
      ['66000', 'Perpignan'],
      ['92100', 'Boulogne-Billancourt'],
      ['57000', 'Metz'],
      ['25000', 'Besançon'],
      ['45000', 'Orléans'],
      ['93200', 'Saint-Denis'],
      ['95100', 'Argenteuil'],
      ['76000', 'Rouen'],
      ['93100', 'Montreuil'],
      ['68100', 'Mulhouse'],
      ['14000', 'Caen'],
      ['54000', 'Nancy'],
      ['92000', 'Nanterre'],
      ['94400', 'Vitry-sur-Seine'],
      ['94000', 'Créteil'],
      ['84000', 'Avignon'],
      ['86000', 'Poitiers'],
      ['64100', 'Bayonne'],
      ['64000', 'Pau'],
      ['17000', 'La Rochelle'],
      ['62100', 'Calais'],
      ['56100', 'Lorient'],
      ['56000', 'Vannes'],
      ['29000', 'Quimper'],
      ['22000', 'Saint-Brieuc'],
      ['35400', 'Saint-Malo'],
      ['85000', 'La Roche-sur-Yon'],
      ['79000', 'Niort'],
      ['16000', 'Angoulême'],
      ['24000', 'Périgueux'],
      ['47000', 'Agen'],
      ['65000', 'Tarbes'],
      ['81000', 'Albi'],
      ['12000', 'Rodez'],
      ['46000', 'Cahors'],
      ['82000', 'Montauban'],
      ['11000', 'Carcassonne'],
      ['11100', 'Narbonne'],
      ['34500', 'Béziers'],
      ['26000', 'Valence'],
      ['73000', 'Chambéry'],
      ['01000', 'Bourg-en-Bresse'],
      ['71100', 'Chalon-sur-Saône'],
      ['58000', 'Nevers'],
      ['18000', 'Bourges'],
      ['36000', 'Châteauroux'],
      ['41000', 'Blois'],
      ['28000', 'Chartres'],
      ['27000', 'Évreux'],
      ['60000', 'Beauvais'],
      ['02100', 'Saint-Quentin'],
      ['08000', 'Charleville-Mézières'],
      ['10000', 'Troyes'],
      ['52000', 'Chaumont'],
      ['88000', 'Épinal'],
      ['90000', 'Belfort'],
      ['39000', 'Lons-le-Saunier'],
      ['03100', 'Montluçon'],
      ['15000', 'Aurillac'],
      ['43000', 'Le Puy-en-Velay'],
      ['19100', 'Brive-la-Gaillarde'],
      ['23000', 'Guéret'],
      ['05000', 'Gap'],
      ['04000', 'Digne-les-Bains'],
      ['20000', 'Ajaccio'],
      ['20200', 'Bastia'],
      ['97400', 'Saint-Denis'],
      ['78000', 'Versailles'],
      ['91000', 'Évry-Courcouronnes'],
      ['77000', 'Melun'],
      ['95000', 'Cergy'],
      ['92200', 'Neuilly-sur-Seine'],
      ['94300', 'Vincennes'],
      ['78100', 'Saint-Germain-en-Laye'],
      ['92300', 'Levallois-Perret'],
    ] as [string, string][]
  ),
];

export const emailProviders: { domain: string; weight: number }[] = [
  { domain: 'gmail.com', weight: 40 },
  { domain: 'orange.fr', weight: 14 },
  { domain: 'hotmail.fr', weight: 10 },
  { domain: 'free.fr', weight: 8 },
  { domain: 'yahoo.fr', weight: 7 },
  { domain: 'laposte.net', weight: 5 },
  { domain: 'sfr.fr', weight: 4 },
  { domain: 'outlook.fr', weight: 4 },
  { domain: 'wanadoo.fr', weight: 4 },
  { domain: 'icloud.com', weight: 3 },
  { domain: 'hotmail.com', weight: 3 },
  { domain: 'bbox.fr', weight: 2 },
];

/** Placeholder addresses typed by cashiers or customers who refuse to give theirs. */
export const junkEmails = [
  'test@test.com',
  'nomail@nomail.fr',
  'aucun@aucun.fr',
  'pasdemail@gmail.com',
  'no@no.fr',
  'client@magasin.fr',
];

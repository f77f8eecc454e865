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

// ------------------------------------------------------------------------- long tails (bench/synthetic.ts)

/** Rarer given names, drawn after the common ones (`maleGivenNames` / `femaleGivenNames`). */
export const rareMaleGivenNames = split(`
Achille|Adrien|Aimé|Albert|Alexis|Alfred|Amaury|Anatole|Anselme|Aristide|Arnaud|Auguste|Aurèle|Barthélemy|
Basile|Bertrand|Blaise|Boris|Brice|Calixte|Camille|Charles|Charlie|Constant|Cyprien|Cyril|Damien|Denis|Désiré|
Edgar|Edouard|Édouard|Eliott|Éloi|Elouan|Émilien|Ernest|Esteban|Eugène|Évan|Fabrice|Félicien|Félix|Ferdinand|
Florent|Florentin|Francis|Gabin|Gaétan|Gautier|Georges-Henri|Germain|Ghislain|Gilbert|Gildas|Grégoire|Guilhem|
Gwendal|Hector|Henri-Pierre|Hilaire|Hubert|Ignace|Isidore|Ismaël|Jacky|Jean-Yves|Jérémie|Joachim|Jocelyn|
Johan|Jonathan|Josselin|Jordi|Kylian|Lazare|Léandre|Léonard|Léopold|Lionel|Loïs|Loris|Luc|Ludovic|Mael|
Maël|Malo|Marcelin|Martial|Matteo|Matthias|Maximilien|Médéric|Melvin|Nathanaël|Noah|Norbert|Odilon|Pacôme|
Pascal|Patrice|Pierrick|Prosper|Quentin|Régis|Rémy|Renaud|Robin|Rodolphe|Rodrigue|Romuald|Ruben|Sacha|Samy|
Sylvain|Sylvestre|Tancrède|Théophile|Tristan|Ulysse|Urbain|Valère|Valéry|Virgile|Wilfried|William|Yanis|
Yoann|Yohan|Yvon|Zacharie|Abdelkader|Ali|Hamza|Hicham|Idriss|Issa|Khalid|Lamine|Malik|Mourad|Nassim|Omar|
Rayan|Redouane|Said|Samir|Tarek|Walid|Younes|Zakaria|Ousmane|Seydou|Boubacar|Cheikh|Adama|Quang|Minh|Duc|
Kenji|Luca|Marco|Antonio|José|Manuel|Carlos|Miguel|Rui|João|Sergio|Giovanni|Franck|Steve|Teddy|Jimmy|Kenzo
`);

export const rareFemaleGivenNames = split(`
Adélaïde|Adeline|Adrienne|Albane|Albertine|Alexandra|Alexia|Aline|Amandine|Amélie|Anaëlle|Angèle|Angélique|
Annabelle|Annie|Antoinette|Apolline|Ariane|Armande|Astrid|Aude|Augustine|Aurore|Axelle|Barbara|Bénédicte|
Blandine|Capucine|Carole|Cassandra|Chantale|Clarisse|Claire|Clarisse|Coralie|Cyrielle|Daphné|Déborah|Diane|
Dorothée|Edwige|Eléonore|Éléonore|Elisa|Élisabeth|Elsa|Emeline|Emmanuelle|Enora|Eva|Faustine|Félicie|Flavie|
Flore|Francine|Gabrielle|Gaëlle|Ghislaine|Gladys|Grâce|Gwenaëlle|Hortense|Inès|Iris|Isaure|Jacinthe|Jocelyne|
Jordane|Joséphine|Judith|Julia|Julienne|Karen|Katia|Lana|Laure|Laurine|Léna|Lilou|Liliane|Lise|Lola|Lorène|
Louane|Louisa|Luce|Lucile|Ludivine|Lydie|Maddalena|Maëlys|Magali|Maïa|Manuela|Marcelle|Margaux|Marianne|
Marine|Marjorie|Marthe|Maryse|Maud|Maxime|Mélissa|Mila|Morgane|Muriel|Nadine|Naïs|Nelly|Ninon|Nora|Odile|
Olivia|Paola|Pascaline|Paule|Philippine|Rébecca|Roselyne|Roxane|Salomé|Sandra|Séverine|Sidonie|Solange|
Sylvaine|Tatiana|Thaïs|Tiphaine|Valentine|Victoria|Violette|Yolande|Zélie|Amel|Assia|Djamila|Farida|Hafsa|
Kenza|Lamia|Malika|Meriem|Nawel|Rania|Salma|Souad|Wafa|Yamina|Zahra|Awa|Binta|Kadiatou|Mariam|Oumou|
Linh|Mai|Thu|Ana|Beatriz|Carla|Inês|Lucia|Maria|Rosa|Giulia|Chiara|Francesca|Kelly|Sheila|Tiffany|Sabrina
`);

/** Material for synthetic French-looking family names (the long tail of ~1.3 million real surnames). */
export const surnameStems = split(`
Aub|Audib|Barb|Bard|Baudr|Beauch|Bell|Berth|Besn|Bill|Blanch|Boiss|Bonn|Bouch|Boud|Bouill|Bourd|Bourg|Brach|
Bréb|Bret|Briss|Brou|Brun|Buiss|Cabr|Caill|Cam|Carr|Cass|Chab|Chamb|Champ|Chant|Chap|Charp|Chass|Chauv|Chen|
Chev|Clav|Cloch|Coll|Corb|Coudr|Cour|Couv|Crép|Cuv|Dauph|Despr|Drouh|Duch|Échev|Fauch|Favr|Ferr|Fev|Fleur|
Foss|Fouch|Fourn|Gaill|Garn|Gasc|Gaud|Genev|Gill|Gir|Godef|Gouj|Grang|Gren|Gross|Guén|Guill|Guyon|Hach|Houd|
Jacqu|Jaun|Jouv|Lab|Lacomb|Lafl|Lam|Land|Lanq|Larr|Lav|Leb|Loiz|Lomb|Lour|Mabill|Maill|Marc|Marg|Mart|Mass|
Mérc|Mich|Mign|Moinn|Mont|Mor|Mouch|Moul|Naud|Noir|Pag|Pann|Pasc|Pell|Perr|Pich|Pill|Pin|Poinc|Poir|Pouj|
Prad|Proust|Quint|Rab|Rag|Raym|Reb|Ren|Rich|Rig|Rob|Roch|Rond|Rouss|Sauv|Sav|Segu|Serv|Soul|Tard|Teill|
Thib|Tourn|Trib|Vach|Vall|Varr|Vaud|Verd|Vern|Viall|Vign|Vill|Viv|Vouill|Amour|Arch|Ball|Baill|Bern|Bez|
Boul|Bouv|Charl|Coch|Coust|Dor|Fav|Font|Forest|Gall|Gauth|Gerb|Goup|Hamel|Lec|Luc|Mar|Mén|Mol|Nic|Oliv|Ros
`);

export const surnameSuffixes = split(`
ier|ard|eau|in|et|ot|ois|ault|ière|and|at|on|y|el|elle|ette|aud|oux|ès|enne|ac|ade|as|ie|é|ée|ereau|elin|illon|
ichon|onnet|ouard|iaux|ais|eaux|ineau|eron|etti|at|ignon|ouin|erie|ange|ey|ou|al|ol|ice
`);

/** Middle syllables: `Bouch` + `on` + `nier`… */
export const surnameInfixes = split(`ill|on|er|and|ich|el|ot|ar|iss|aud|in|en|ev|ign|ass|ol|ur|oc|ab|et|iv|ann|ell`);

/** Syllables for rarer roots: onset + vowel (+ coda). */
export const surnameOnsets = split(`
B|Br|C|Ch|Cl|Cr|D|Dr|F|Fl|Fr|G|Gr|Gu|J|L|M|N|P|Pl|Pr|R|S|T|Tr|V|Vr|Qu|Bl|H
`);
export const surnameVowels = split(`a|e|i|o|ou|au|ai|é|eu|oi|u|è|an|on|in`);
export const surnameCodas = split(`|r|l|n|s|rn|rd|ss|rt|ll|c|m|nt|rm|st`);

/** Regional surname patterns: [prefix, stems, suffixes]. */
export const regionalSurnames: { weight: number; prefixes: string[]; stems: string[]; suffixes: string[] }[] = [
  // Breton.
  {
    weight: 5,
    prefixes: ['Le ', 'Le ', 'Ker', 'Gu', '', 'Tré', 'Pen', 'Lan'],
    stems: split('Bras|Gall|Goff|Cor|Guen|Hir|Mo|Bihan|Dant|Cam|Flo|Gouar|Moal|Guill|Ros|Quér|Rou|Ber|Lagad|Kern'),
    suffixes: ['', 'ec', 'ou', 'en', 'iou', 'an', 'ic', 'ou', 'er', 'oc'],
  },
  // Alsace and Lorraine.
  {
    weight: 5,
    prefixes: ['', '', 'Sch', 'Kr', 'H'],
    stems: split('Wald|Schmidt|Hub|Metz|Kieff|Stoll|Bach|Zimm|Hein|Ober|Fisch|Wein|Roth|Lang|Burg|Wend|Kell|Ritt'),
    suffixes: ['er', 'mann', 'inger', 'el', 'lin', 'ler', 'haus', 'bach', 'berger', 'heim'],
  },
  // Occitan, Gascon, Basque.
  {
    weight: 6,
    prefixes: ['', '', 'Cap', 'Lar', 'Etche', 'La', 'Pey'],
    stems: split('Caz|Bous|Cast|Pujo|Fabr|Soub|Baz|Lab|Marc|Hours|Daur|Bar|Sal|Bern|Garr|Lab|Esp|Aur|Ir|Ber'),
    suffixes: ['ac', 'ès', 'as', 'ère', 'ade', 'ou', 'al', 'ol', 'egaray', 'abal', 'ague', 'ousse', 'ié'],
  },
  // Italian, Spanish, Portuguese.
  {
    weight: 5,
    prefixes: ['', '', '', 'De ', 'Da ', 'Dos '],
    stems: split('Ross|Bert|Mart|Ferr|Cost|Gall|Marin|Sant|Rom|Vin|Riv|Mor|Carv|Sous|Alm|Teix|Rib|Mend|Gonz|Hern'),
    suffixes: ['i', 'ini', 'etti', 'ello', 'ano', 'ez', 'es', 'eira', 'ado', 'os', 'o', 'a'],
  },
  // Maghreb.
  {
    weight: 5,
    prefixes: ['Ben', 'Bel', 'Bou', 'El ', 'Ait ', '', 'Ben'],
    stems: split('khal|hadj|amar|azz|said|moun|ahm|ali|aziz|salah|kac|larb|mess|had|djam|ram|nas|tah|yous|sab'),
    suffixes: ['i', 'a', 'ouche', 'ene', 'ani', 'ou', '', 'di', 'aoui', 'ed'],
  },
  // West Africa, Vietnam, Antilles and others.
  {
    weight: 3,
    prefixes: [''],
    stems: split('Diak|Kon|Coul|Cam|Keit|Sow|Ba|Sy|Fof|Toure|Ngu|Lê|Vo|Dang|Hoang|Bui|Do|Ly|Phan|Huynh'),
    suffixes: ['', '', 'a', 'é', 'ibaly', 'ité', 'ana', 'yen', 'ang', 'ou'],
  },
];

/** Saints for `Saint-X` communes. */
export const saints = split(`
Martin|Germain|Laurent|Pierre|Jean|Julien|Georges|Hilaire|Aubin|Denis|Étienne|Maurice|Michel|Paul|Sulpice|
Médard|Rémy|Léger|Vincent|Amand|Cyr|Genès|Ouen|Brice|Gervais|Privat|Sauveur|Symphorien|Avit|Loup|Nicolas|
Christophe|André|Barthélemy|Clément|Didier|Éloi|Firmin|Honoré|Lambert|Mamert|Nazaire|Philbert|Romain|Savin|
Vaast|Yrieix|Benoît|Cyprien|Fiacre|Gilles|Jacques|Just|Lubin|Marcel|Mathurin|Omer|Pardoux|Quentin|Sever
`);
export const femaleSaints = split(`
Marie|Anne|Geneviève|Foy|Colombe|Radegonde|Marguerite|Hélène|Catherine|Madeleine|Eulalie|Croix|Cécile|Agathe|Luce
`);

/** Stems and words for synthetic commune names. */
export const communeStems = split(`
Aubign|Beaum|Bern|Bland|Bouss|Cham|Char|Chaum|Cour|Esp|Fonten|Gou|Juv|Lav|Mar|Mont|Neu|Pér|Quin|Ren|Sav|Sév|
Tour|Val|Vern|Vill|Ar|Bel|Bon|Cas|Cler|Fleur|Gren|Lus|Mart|Mér|Mor|Pons|Roch|Sar|Saul|Sol|Ver|Vic|Aix|Ang|
Aur|Bar|Baz|Bourn|Brév|Cerc|Chal|Chât|Coign|Cras|Dam|Ép|Fay|Flav|Gaill|Gerz|Ham|Jarn|Lign|Louv|Magn|Mauz|
Méz|Noy|Orm|Pav|Pouz|Riv|Sag|Jul|Sauv|Semp|Taill|Thor|Vals|Varenn|Vaux|Vir|Aill|Arn|Blang|Brain|Cond|
Cuz|Éc|Esc|Gond|Hout|Lorm|Marc|Mill|Ners|Orv|Plais|Réau|Rom|Sall|Tress|Vauc|Vouv
`);
export const communeArticleNouns = split(`
Le Mesnil|La Chapelle|Les Essarts|Le Plessis|La Ferté|Le Vernet|La Bastide|Les Loges|Le Bourg|La Roche|
Le Pin|La Motte|Les Granges|Le Chesnay|La Celle|Le Fay|La Salle|Les Molières|Le Breuil|La Croix|Le Puy|
La Bâtie|Les Vans|Le Thor|La Garde|Les Aubiers|Le Val|La Haye|Le Mas|La Forêt|Les Hautes-Rivières|Le Tréport
`);
export const communePrefixes = split(`
Villeneuve|Neuville|Châteauneuf|Fontaine|Mont|Bourg|Ville|Roche|Beaulieu|Champ|Bois|Val|Pont|Mesnil|Chapelle
`);
export const communeQualifiers = split(`
le-Château|la-Forêt|les-Bains|le-Vieux|le-Grand|le-Petit|la-Rivière|les-Vignes|le-Haut|le-Bas|sur-Mer|les-Prés|
en-Forêt|la-Ville|le-Pont|les-Bois|l'Abbaye|d'Azergues
`);
export const rivers = split(`
Seine|Loire|Marne|Oise|Rhône|Garonne|Dordogne|Vienne|Saône|Meuse|Moselle|Yonne|Cher|Indre|Lot|Tarn|Aisne|
Somme|Orne|Sarthe|Allier|Aude|Isère|Durance|Charente|Vilaine|Eure|Loir|Creuse|Ain|Doubs|Aveyron|Gers|Drôme|
Ardèche|Mayenne|Sèvre|Vire|Risle|Blaise|Ouche|Arve|Adour|Nive|Orb|Hérault|Vézère|Corrèze|Armançon|Brenne
`);
export const landscapes = split(`
Bresse|Brie|Beauce|Vexin|Caux|Bray|Puisaye|Sologne|Forez|Velay|Quercy|Périgord|Médoc|Bugey|Argonne|Champagne|
Woëvre|Vercors|Royans|Diois|Auge|Gâtinais|Hurepoix|Morvan|Ternois|Santerre|Thiérache|Barrois|Saintonge
`);

/** Commune name suffixes by region style. */
export const communeSuffixes: Record<string, string[]> = {
  default: split('y|ay|ville|eux|ières|ac|on|ans|ois|ignac|illé|court|in|et|aux|oy|ières|ont'),
  west: split('é|ay|ières|on|eil|ac|é|ouin|igné|ais|ac|y'),
  north: split('court|ville|ghem|hem|ecques|inghem|ies|iers|y|ain|val'),
  normandy: split('ville|tot|bec|fleur|beuf|ville|y|ay|mesnil|court'),
  lorraine: split('ange|ville|court|ange|ey|ingen|y|ois'),
  alsace: split('heim|willer|bach|hausen|bourg|heim|wihr|dorf|stein'),
  brittany: split('ec|ic|ou|an|en|el|ac|ouët|ern'),
  southwest: split('ac|ac|an|ès|as|os|ous|ens|ague|et|ère|ac'),
  provence: split('argues|ans|as|ol|argues|ane|ière|on|at|ès|ette'),
  alps: split('az|oz|ieu|ier|ens|ex|ier|ieux|ay'),
  corsica: split('o|a|u|ello|accia|ino|ale|ica'),
  overseas: split('in|ier|ane|ou|on|ère|ette|y'),
};
/** Prefixes glued to stems in some regions (`Plou`+`gastel`, `Ker`+`…`). */
export const communeRegionalPrefixes: Record<string, string[]> = {
  brittany: split('Plou|Ker|Lan|Tré|Pleu|Guer|Pont-|Loc'),
  alsace: split('Ober|Nieder|Kirch|Neu|Wolf'),
  north: split('Hon|Her|Wam|Stee'),
};

/** Départements: code, postcode prefix, approximate population (thousands), style of commune names. */
export const departements: { code: string; prefix: string; population: number; style: string }[] = (
  [
    ['01', 660, 'alps'], ['02', 530, 'north'], ['03', 335, 'default'], ['04', 165, 'provence'],
    ['05', 141, 'alps'], ['06', 1090, 'provence'], ['07', 328, 'provence'], ['08', 270, 'north'],
    ['09', 153, 'southwest'], ['10', 310, 'default'], ['11', 374, 'southwest'], ['12', 279, 'southwest'],
    ['13', 2040, 'provence'], ['14', 695, 'normandy'], ['15', 144, 'southwest'], ['16', 352, 'southwest'],
    ['17', 652, 'west'], ['18', 302, 'default'], ['19', 240, 'southwest'], ['2A', 158, 'corsica'],
    ['2B', 182, 'corsica'], ['21', 534, 'default'], ['22', 600, 'brittany'], ['23', 116, 'southwest'],
    ['24', 413, 'southwest'], ['25', 543, 'alps'], ['26', 517, 'provence'], ['27', 599, 'normandy'],
    ['28', 431, 'default'], ['29', 915, 'brittany'], ['30', 748, 'provence'], ['31', 1400, 'southwest'],
    ['32', 191, 'southwest'], ['33', 1623, 'southwest'], ['34', 1176, 'provence'], ['35', 1079, 'west'],
    ['36', 219, 'default'], ['37', 610, 'default'], ['38', 1271, 'alps'], ['39', 259, 'alps'],
    ['40', 413, 'southwest'], ['41', 329, 'default'], ['42', 765, 'alps'], ['43', 227, 'southwest'],
    ['44', 1429, 'west'], ['45', 680, 'default'], ['46', 174, 'southwest'], ['47', 331, 'southwest'],
    ['48', 76, 'provence'], ['49', 818, 'west'], ['50', 495, 'normandy'], ['51', 566, 'default'],
    ['52', 172, 'lorraine'], ['53', 307, 'west'], ['54', 733, 'lorraine'], ['55', 184, 'lorraine'],
    ['56', 759, 'brittany'], ['57', 1044, 'lorraine'], ['58', 204, 'default'], ['59', 2608, 'north'],
    ['60', 829, 'north'], ['61', 280, 'normandy'], ['62', 1465, 'north'], ['63', 662, 'southwest'],
    ['64', 682, 'southwest'], ['65', 229, 'southwest'], ['66', 479, 'provence'], ['67', 1133, 'alsace'],
    ['68', 767, 'alsace'], ['69', 1876, 'alps'], ['70', 235, 'lorraine'], ['71', 551, 'default'],
    ['72', 566, 'west'], ['73', 436, 'alps'], ['74', 826, 'alps'], ['75', 2166, 'default'],
    ['76', 1255, 'normandy'], ['77', 1421, 'default'], ['78', 1448, 'default'], ['79', 374, 'west'],
    ['80', 570, 'north'], ['81', 389, 'southwest'], ['82', 260, 'southwest'], ['83', 1076, 'provence'],
    ['84', 561, 'provence'], ['85', 685, 'west'], ['86', 438, 'west'], ['87', 374, 'southwest'],
    ['88', 364, 'lorraine'], ['89', 335, 'default'], ['90', 142, 'lorraine'], ['91', 1301, 'default'],
    ['92', 1624, 'default'], ['93', 1644, 'default'], ['94', 1407, 'default'], ['95', 1241, 'default'],
    ['971', 384, 'overseas'], ['972', 361, 'overseas'], ['973', 285, 'overseas'], ['974', 860, 'overseas'],
    ['975', 6, 'overseas'], ['976', 280, 'overseas'],
  ] as [string, number, string][]
).map(([code, population, style]) => ({
  code,
  prefix: code === '2A' || code === '2B' ? '20' : code,
  population,
  style,
}));

/** Approximate population (thousands) of the cities of {@link postcodeCities}; shared by their postcodes. */
export const cityPopulations: Record<string, number> = {
  Paris: 2150, Lyon: 520, Marseille: 870, Toulouse: 500, Nice: 342, Nantes: 320, Strasbourg: 290,
  Montpellier: 300, Bordeaux: 260, Lille: 235, Rennes: 222, Reims: 180, Toulon: 180, 'Saint-Étienne': 173,
  'Le Havre': 167, Grenoble: 158, Dijon: 159, Angers: 157, Nîmes: 149, Villeurbanne: 152, 'Clermont-Ferrand': 147,
  'Le Mans': 145, 'Aix-en-Provence': 145, Brest: 140, Tours: 137, Amiens: 133, Limoges: 130, Annecy: 130,
  Perpignan: 120, 'Boulogne-Billancourt': 121, Metz: 120, Besançon: 119, Orléans: 117, 'Saint-Denis': 130,
  Argenteuil: 110, Rouen: 112, Montreuil: 111, Mulhouse: 108, Caen: 106, Nancy: 104, Nanterre: 96,
  'Vitry-sur-Seine': 95, Créteil: 92, Avignon: 91, Poitiers: 89, Bayonne: 52, Pau: 77, 'La Rochelle': 77,
  Calais: 67, Lorient: 57, Vannes: 54, Quimper: 63, 'Saint-Brieuc': 44, 'Saint-Malo': 46, 'La Roche-sur-Yon': 55,
  Niort: 59, Angoulême: 42, Périgueux: 30, Agen: 33, Tarbes: 42, Albi: 49, Rodez: 24, Cahors: 20, Montauban: 61,
  Carcassonne: 46, Narbonne: 55, Béziers: 78, Valence: 64, Chambéry: 60, 'Bourg-en-Bresse': 41,
  'Chalon-sur-Saône': 45, Nevers: 33, Bourges: 64, Châteauroux: 43, Blois: 46, Chartres: 38, Évreux: 47,
  Beauvais: 56, 'Saint-Quentin': 53, 'Charleville-Mézières': 46, Troyes: 62, Chaumont: 22, Épinal: 32,
  Belfort: 47, 'Lons-le-Saunier': 17, Montluçon: 34, Aurillac: 25, 'Le Puy-en-Velay': 19,
  'Brive-la-Gaillarde': 47, Guéret: 13, Gap: 41, 'Digne-les-Bains': 16, Ajaccio: 72, Bastia: 48, Versailles: 84,
  'Évry-Courcouronnes': 67, Melun: 41, Cergy: 66, 'Neuilly-sur-Seine': 60, Vincennes: 49,
  'Saint-Germain-en-Laye': 45, 'Levallois-Perret': 66,
};

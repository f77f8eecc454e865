/**
 * Given-name variants that no edit distance sees: diminutives and short forms (English, French,
 * German), e.g. Bob/Robert, Bill/William, Peggy/Margaret, Manu/Emmanuel.
 * Matching uses it to call such names `close` rather than `far`.
 * @module
 */

// Each group lists names that can stand for the same person. Keep groups small and unambiguous.
const groups: string[][] = [
  ['robert', 'bob', 'bobby', 'rob', 'robbie', 'bert'],
  ['william', 'bill', 'billy', 'will', 'willy', 'willie', 'wills', 'liam'],
  ['richard', 'dick', 'rick', 'ricky', 'rich', 'richie'],
  ['margaret', 'maggie', 'peggy', 'meg', 'marge', 'margot', 'greta'],
  ['elizabeth', 'liz', 'lizzie', 'beth', 'betty', 'eliza', 'libby', 'elisabeth', 'babette', 'lisa', 'elise'],
  ['katherine', 'kate', 'katie', 'kathy', 'kat', 'catherine', 'cathy', 'kitty', 'cath'],
  ['james', 'jim', 'jimmy', 'jamie'],
  ['john', 'jack', 'johnny', 'jon'],
  ['jonathan', 'jon', 'jonny'],
  ['joseph', 'joe', 'joey', 'jo'],
  ['thomas', 'tom', 'tommy'],
  ['anthony', 'tony', 'antoine', 'toine'],
  ['michael', 'mike', 'mick', 'mickey', 'mikey'],
  ['nicholas', 'nick', 'nicky', 'nicolas', 'nico'],
  ['christopher', 'chris', 'kit', 'christophe'],
  ['christine', 'chris', 'chrissie', 'tina', 'christina', 'kirsty'],
  ['daniel', 'dan', 'danny'],
  ['david', 'dave', 'davy'],
  ['edward', 'ed', 'eddie', 'ted', 'ned', 'teddy'],
  ['alexander', 'alex', 'sandy', 'alexandre', 'xander'],
  ['alexandra', 'alex', 'sandra', 'alexa', 'sasha'],
  ['andrew', 'andy', 'drew'],
  ['benjamin', 'ben', 'benny', 'benji'],
  ['charles', 'charlie', 'chuck', 'chas'],
  ['frederick', 'fred', 'freddie', 'frederic'],
  ['henry', 'harry', 'hank', 'henri', 'riton'],
  ['lawrence', 'larry', 'laurie', 'laurence', 'laurent'],
  ['matthew', 'matt', 'matty', 'mathieu', 'matthieu'],
  ['patrick', 'pat', 'paddy'],
  ['patricia', 'pat', 'patty', 'tricia', 'trish'],
  ['peter', 'pete'],
  ['samuel', 'sam', 'sammy'],
  ['samantha', 'sam', 'sammy'],
  ['stephen', 'steve', 'steven', 'stevie', 'stephane'],
  ['timothy', 'tim', 'timmy'],
  ['victoria', 'vicky', 'vic', 'tori'],
  ['jennifer', 'jenny', 'jen'],
  ['rebecca', 'becky', 'becca'],
  ['susan', 'sue', 'susie', 'suzanne', 'suzy'],
  ['deborah', 'debbie', 'deb'],
  ['dorothy', 'dot', 'dottie', 'dorothee'],
  ['gregory', 'greg', 'gregoire'],
  ['kenneth', 'ken', 'kenny'],
  ['ronald', 'ron', 'ronnie'],
  ['donald', 'don', 'donnie'],
  ['douglas', 'doug'],
  ['gerald', 'gerry', 'jerry', 'gerard'],
  ['raymond', 'ray'],
  ['walter', 'walt', 'wally'],
  ['abigail', 'abby', 'gail'],
  ['jessica', 'jess', 'jessie'],
  ['joshua', 'josh'],
  ['zachary', 'zach', 'zack'],
  ['emmanuel', 'manu'],
  ['emmanuelle', 'manue'],
  ['dominique', 'domi', 'dom'],
  ['francois', 'francis', 'franck', 'frank', 'francky'],
  ['francoise', 'fanfan', 'france'],
  ['frederique', 'fred', 'frede'],
  ['guillaume', 'guigui', 'will'],
  ['jean baptiste', 'jb'],
  ['jean pierre', 'jp'],
  ['jean claude', 'jc'],
  ['jean francois', 'jf'],
  ['jean louis', 'jl'],
  ['jean michel', 'jm'],
  ['marie christine', 'mc'],
  ['marie claude', 'mc'],
  ['marie france', 'mf'],
  ['marie pierre', 'mp'],
  ['anne marie', 'am'],
  ['jacqueline', 'jacky', 'jackie'],
  ['jacques', 'jacky', 'jaco', 'jack'],
  ['nathalie', 'nath', 'natalie', 'natacha'],
  ['isabelle', 'isa', 'babeth', 'isabel', 'izabel'],
  ['valerie', 'val'],
  ['veronique', 'vero'],
  ['sebastien', 'seb', 'sebastian'],
  ['maximilien', 'max', 'maxime'],
  ['guy', 'guido'],
  ['johannes', 'hans', 'johann', 'jan'],
  ['friedrich', 'fritz'],
  ['wolfgang', 'wolf'],
  ['heinrich', 'heinz', 'hinz'],
  ['josef', 'sepp', 'joseph'],
  ['arthur', 'art', 'artie', 'arty', 'arturo', 'artur'],
  ['albert', 'al', 'bert', 'bertie', 'albie'],
  ['alfred', 'alf', 'alfie', 'fred'],
  ['harold', 'harry', 'hal'],
  ['herbert', 'herb', 'bert'],
  ['leonard', 'len', 'lenny', 'leo'],
  ['nathaniel', 'nat', 'nate', 'nathan'],
  ['oliver', 'ollie', 'olly'],
  ['reginald', 'reg', 'reggie'],
  ['sidney', 'sid', 'syd'],
  ['theodore', 'ted', 'teddy', 'theo'],
  ['victor', 'vic', 'vick'],
  ['vincent', 'vince', 'vin', 'vinny'],
  ['wilfred', 'wilf', 'fred'],
  ['bartholomew', 'bart'],
  ['ann', 'anne', 'annie', 'nancy', 'nan'],
  ['dorothy', 'dolly', 'dot'],
  ['eleanor', 'ellie', 'nell', 'nellie', 'elly'],
  ['frances', 'fran', 'fanny', 'frankie'],
  ['florence', 'flo', 'flossie'],
  ['gertrude', 'gertie', 'trudy'],
  ['harriet', 'hattie', 'hatty'],
  ['lucille', 'lucy', 'lu'],
  ['mary', 'molly', 'polly', 'mae', 'may', 'mamie'],
  ['sarah', 'sally', 'sadie', 'sara'],
  ['winifred', 'winnie', 'freda'],
  ['edith', 'edie'],
  ['martha', 'mattie', 'patty'],
  ['evelyn', 'evie', 'eve'],
];

// The same given name across languages: a person's records written by different clerks, or a
// customer who gives the French or the English form.
const translations: string[][] = [
  ['john', 'jean', 'juan', 'johann', 'johannes', 'giovanni', 'jan', 'ivan', 'jon', 'sean', 'ian', 'joao', 'hans'],
  ['paul', 'pablo', 'paolo', 'pawel', 'pavel', 'paulo'],
  ['peter', 'pierre', 'pedro', 'pietro', 'piotr', 'petr', 'piet'],
  ['james', 'jacques', 'jaime', 'giacomo', 'diego', 'jacob', 'jakob', 'iago'],
  ['william', 'guillaume', 'guillermo', 'wilhelm', 'guglielmo', 'willem'],
  ['michael', 'michel', 'miguel', 'michele', 'mikhail', 'michal', 'mikael'],
  ['joseph', 'jose', 'giuseppe', 'josef', 'jozef', 'josep'],
  ['henry', 'henri', 'enrique', 'enrico', 'heinrich', 'hendrik', 'henryk'],
  ['charles', 'carlos', 'carlo', 'karl', 'karel', 'carl', 'karol'],
  ['george', 'georges', 'jorge', 'giorgio', 'georg', 'jerzy'],
  ['francis', 'francois', 'francisco', 'francesco', 'franz', 'frans', 'franciszek'],
  ['anthony', 'antoine', 'antonio', 'anton', 'antoni', 'antonin'],
  ['stephen', 'etienne', 'esteban', 'stefano', 'stefan', 'stephan', 'steven', 'istvan'],
  ['thomas', 'tomas', 'tommaso', 'tomasz', 'tomaso'],
  ['matthew', 'mathieu', 'matthieu', 'mateo', 'matteo', 'matthias', 'mateusz', 'mathias'],
  ['mary', 'marie', 'maria', 'mariya', 'marija', 'maryse'],
  ['catherine', 'caterina', 'katarina', 'katharina', 'catalina', 'katarzyna', 'caterine'],
  ['elizabeth', 'isabel', 'elisabeth', 'elisabetta', 'elzbieta', 'isabelle', 'elisa'],
  ['louis', 'luis', 'luigi', 'ludwig', 'lodewijk', 'lewis'],
  ['moses', 'moise', 'musa', 'moshe', 'mose'],
  ['andrew', 'andre', 'andres', 'andrea', 'andreas', 'andrzej', 'andrei'],
  ['alexander', 'alejandro', 'alessandro', 'alexandre', 'aleksander', 'alexandr'],
  ['nicholas', 'nicolas', 'nicola', 'nikolai', 'nicolaas', 'nikolaus', 'mikolaj'],
  ['philip', 'philippe', 'felipe', 'filippo', 'philipp', 'filip'],
  ['edward', 'edouard', 'eduardo', 'edoardo', 'eduard'],
  ['richard', 'ricardo', 'riccardo'],
  ['robert', 'roberto', 'robrecht'],
  ['frederick', 'frederic', 'federico', 'friedrich', 'frederik', 'fryderyk'],
  ['lawrence', 'laurent', 'lorenzo', 'lorenz', 'laurence'],
  ['vincent', 'vicente', 'vincenzo', 'vincenz'],
  ['gregory', 'gregoire', 'gregorio', 'gregor', 'grzegorz'],
  ['bartholomew', 'barthelemy', 'bartolomeo', 'bartolome'],
  ['hugh', 'hugues', 'hugo', 'ugo'],
  ['ralph', 'raoul', 'raul', 'rafe'],
  ['martin', 'martino', 'marcin', 'martijn'],
  ['mark', 'marc', 'marco', 'marcos', 'markus', 'marcus', 'marek'],
  ['luke', 'luc', 'luca', 'lucas', 'lukas', 'lukasz'],
  ['anne', 'anna', 'ana', 'ann', 'hannah', 'anja'],
  ['margaret', 'marguerite', 'margarita', 'margherita', 'margarethe'],
  ['jane', 'jeanne', 'juana', 'giovanna', 'johanna', 'joan', 'jeannette'],
  ['helen', 'helene', 'elena', 'helena', 'ellen', 'eleanor', 'elaine'],
  ['sophia', 'sophie', 'sofia', 'zofia'],
  ['theresa', 'therese', 'teresa', 'tereza'],
  ['josephine', 'josefa', 'josefina', 'giuseppina'],
];

const index = new Map<string, Set<number>>();
const allGroups = [...groups, ...translations];
allGroups.forEach((group, g) => {
  for (const name of group) {
    let set = index.get(name);
    if (!set) index.set(name, (set = new Set()));
    set.add(g);
  }
});

/** True when `a` and `b` (folded given names, e.g. `bob` and `robert`) are known variants of one name. */
export function areNicknames(a: string, b: string): boolean {
  if (a === b) return true;
  const ga = index.get(a);
  if (!ga) return false;
  const gb = index.get(b);
  if (!gb) return false;
  for (const g of ga) if (gb.has(g)) return true;
  return false;
}

/**
 * Like {@link areNicknames}, but one side may carry a typing slip (`rhomas` / `tom`, `thomzs` /
 * `tom`): true when one name is a known variant and the other is one edit away from a member of
 * that variant's groups (members of four letters or more, so short forms do not drift).
 */
export function areNicknamesWithSlip(a: string, b: string, oneEdit: (x: string, y: string) => boolean): boolean {
  return slipOf(a, b, oneEdit) || slipOf(b, a, oneEdit);
}

function slipOf(known: string, typed: string, oneEdit: (x: string, y: string) => boolean): boolean {
  const gs = index.get(known);
  if (!gs || typed.length < 4) return false;
  for (const g of gs) for (const member of allGroups[g]!) if (member.length >= 4 && oneEdit(member, typed)) return true;
  return false;
}

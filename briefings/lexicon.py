"""Knowledge of English news conventions, as data. General, never story-specific.

Logic lives in the stage modules; this file only lists words and cue patterns.
"""

from __future__ import annotations

from .model import Qualifier, Stance

# --- reporting ---------------------------------------------------------------

REPORTING_VERBS = frozenset(
    """
    said says say told tells added adds stated claimed claims insisted insists
    argued argues warned warns admitted admits confirmed confirms announced announces
    stressed stresses suggested suggests described describes denied denies explained
    explains noted wrote writes tweeted asked asks replied replies urged urges
    accused accuses acknowledged acknowledges revealed reveals maintained maintains
    conceded concedes pledged pledges promised promises vowed vows criticised criticized
    criticises criticizes welcomed welcomes branded dismissed dismisses labelled
    labeled lambasted slammed blasted praised praises hailed hails cautioned cautions
    declared remarked observed predicted predicts estimated estimates
    countered responded responds commented emphasised
    emphasized reiterated underlined highlighted signalled signaled
    clarified clarifies rejected refused called
    argue insist suggest claim warn notes admit acknowledge concede predict stress explain
    confirm disclosed discloses testified testifies alleged alleges
    speculated speculates hinted hints implied implies indicated indicates calls
    """.split()
)
"""Verbs that introduce speech; 'told' and 'asked' take an object (told reporters)."""

REPORTING_PARTICIPLES = frozenset(
    """
    saying adding arguing noting telling citing suggesting explaining asking stating
    describing claiming insisting urging warning accusing criticizing criticising
    acknowledging announcing recalling denouncing promising vowing mentioning declaring
    stressing admitting predicting complaining
    questioning blaming praising calling
    """.split()
)
"""'-ing' forms of reporting verbs: '…, arguing that …' reports the sentence subject's words
('Reyes defended the cuts, arguing that …')."""

BELIEF_VERBS = frozenset(
    """
    believes believed believe thinks think feels feel hopes hoped hope fears feared fear
    worries worried worry suspects suspected doubts doubted expects contends contended
    contend
    """.split()
)
"""Verbs that report a view rather than words ('Fisher believes Trump will do well'):
attributed like speech, but only with a clause after them ('fears nothing' is none)."""

POSITION_VERBS = frozenset(
    """
    endorsed endorses backed supported opposed opposes proposed proposes defended defends
    attacked blamed denounced denounces condemned condemns questioned sought seeks cited
    championed touted thanked applauded embraced favored favoured decried decries
    expressed expresses portrayed portrays encouraged encourages
    """.split()
)
"""Verbs that report where someone stands by what they did rather than said ('Sanders
endorsed Clinton's plan to …', 'the union condemned the cuts to …'): a statement of that
position, shown in its whole sentence, never the attribution of a quote. Present forms
that are as often plural nouns ('supports', 'attacks', 'questions') are left out."""

DOCUMENT_NOUNS = frozenset(
    """
    email e-mail letter memo memorandum report release ad advert advertisement note
    message tweet post filing lawsuit suit complaint document editorial petition
    affidavit indictment transcript video leaflet flyer mailer brochure
    """.split()
)
"""What a quote may be read from ('the email said'): it speaks for whoever the article says
sent it; 'statement' is a spokesperson's (SPOKESPEOPLE)."""

QUOTE_ONLY_VERBS = frozenset(
    """
    recalled recalls quipped quips joked jokes retorted retorts shouted shouts barked
    snapped sang sings chanted read reads continued continues stated states mused
    exclaimed writing tweeting adds fumed beamed boasted complained
    lamented wondered scoffed marveled marvelled pleaded demanded recounted remembered
    interjected offered cracked gushed groused griped thundered shouting
    put puts went surmised concluded asserted asserts declares boomed posted yelled
    responding replying
    snarled whispered recited intoned calling labeling labelling dubbing branding
    reported proclaimed proclaims concludes laughed laughs sighed sighs cried screamed
    shrieked mocked mocks teased gloated bragged brags chided scolded sniped reminded
    reminds confided confessed ranted raged hollered deadpanned murmured muttered growled
    roared implored begged opined opines observes agreed agrees disagreed disagrees
    answered answers assured assures charged interrupted echoed elaborated quip riffed
    yelling chanting screaming
    """.split()
)
"""Verbs that introduce a quote next to them but have other senses on their own."""

CONTINUING_VERBS = frozenset({"added", "adding", "adds", "continued", "went"})
"""'she added' continues the last speaker even after someone else is named in passing."""

STATEMENT_ONLY_VERBS = frozenset("rejected rejects refused refuses highlighted highlights".split())
"""Verbs that mark a stance but cannot introduce a direct quote after them."""

ACCORDING_TO = "according to"

PRONOUNS = {"he": "m", "she": "f", "they": "x", "him": "m", "her": "f", "it": "n"}

SPOKESPEOPLE = frozenset(
    "spokesman spokeswoman spokesperson spokesmen spokeswomen spokespeople".split()
)
SPEECH_NOUNS = SPOKESPEOPLE | {"statement"}

# --- names and roles ---------------------------------------------------------

HONORIFICS = {
    "mr": "m",
    "mr.": "m",
    "sir": "m",
    "lord": "m",
    "ms": "f",
    "ms.": "f",
    "mrs": "f",
    "mrs.": "f",
    "miss": "f",
    "dame": "f",
    "lady": "f",
    "baroness": "f",
    "dr": "",
    "dr.": "",
    "prof": "",
    "prof.": "",
    "professor": "",
    "rev": "",
    "rev.": "",
    "sen.": "",
    "rep.": "",
    "gov.": "",
    "gen.": "",
    "judge": "",
    "justice": "",
    "president": "",
    "senator": "",
    "governor": "",
    "mayor": "",
    "chancellor": "",
    "cllr": "",
    "cllr.": "",
    "councillor": "",
    "reverend": "",
    "sgt.": "",
    "lt.": "",
    "col.": "",
    "capt.": "",
    "gen": "",
    "gov": "",
    "sen": "",
    "rep": "",
    "canon": "",
    "fr": "m",
    "fr.": "m",
    "msgr.": "m",
    "rabbi": "",
    "imam": "",
    "sheikh": "m",
    "bishop": "",
    "archbishop": "",
    "cardinal": "m",
    "rt": "",
    "rt.": "",
    "hon": "",
    "hon.": "",
    "honourable": "",
    "honorable": "",
    "maj.": "",
    "brig.": "",
    "adm.": "",
    "cmdr.": "",
    "det.": "",
    "insp.": "",
    "supt": "",
    "supt.": "",
    "mx": "",
}
"""Titles before a name; the value is the gender they imply, for pronouns. Clerical and
military ranks and 'the Rt Hon' too: 'Canon Anne Hale' is Anne Hale."""

SURNAME_TITLES = frozenset("bishop canon cardinal sheikh".split())
"""Titles that are also surnames ('Rep. Rob Bishop'): a title before a name, a name
alone ('Bishop said')."""

POST_NOMINALS = frozenset("mp mps msp mep am qc kc obe cbe mbe kbe dbe phd frs".split())
"""Letters after a name ('Tom Reyes MP', 'Anne Hale QC'): no part of it."""

POST_NOMINAL_OFFICES = frozenset("mp msp mep am".split())
"""Post-nominal letters that say what office the person holds: their role."""

OFFICE_TITLES = frozenset(
    "gov sen rep president senator governor mayor judge justice chancellor gen".split()
)
"""Honorifics that are also offices: 'Gov. Maria Delgado' holds the role 'Gov.', shown
as 'Governor' (OFFICE_ABBREVIATIONS)."""

DESCRIPTORS = frozenset(
    """
    pensioner retiree billionaire businessman businesswoman entrepreneur tycoon mogul
    magnate democrat republican candidate nominee hopeful frontrunner front-runner
    challenger incumbent veteran resident parent mother father grandmother grandfather
    student voter shopper commuter farmer landlord tenant shopkeeper author actor actress
    singer comedian novelist historian pollster strategist commentator anchor blogger
    filmmaker philanthropist investor protester survivor widow widower footballer
    athlete businesspeople mum dad host moderator narrator presenter interviewer
    developer neurosurgeon heiress financier pastor preacher televangelist rapper musician
    """.split()
)
"""Common nouns written capitalised before a name ('Pensioner Margaret Dunn', 'Billionaire
Jo Roe'): a description, the person's role, never part of the name."""

MINOR_WORDS = frozenset("a an the of for and or to in on at by with from as is vs".split())
"""Words a title-case name or title leaves lower-case ('Secretary of State for Health')."""

NAME_PARTICLES = frozenset("de von van der la le".split())
"""Lower-case parts of a surname ('Ursula von der Leyen')."""

NAME_SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})
"""'Jr.' ends a name and tells a son from his father."""

KNIGHTLY = frozenset({"sir", "dame"})
"""British convention: 'Sir Keir' means the knight with that first name."""

ROLE_WORDS = frozenset(
    """
    minister secretary president prime premier chancellor leader spokesman spokeswoman
    spokesperson chief executive director chair chairman chairwoman chairperson mayor
    governor senator mp mep official officials commissioner ambassador envoy
    professor head founder ceo cfo coo chief economist analyst adviser advisor
    lawyer barrister attorney judge inspector superintendent constable sergeant
    officer councillor councilman councilwoman representative rep congressman
    congresswoman deputy shadow general campaigner activist researcher scientist
    manager owner president-elect vice member secretary-general editor correspondent
    spokesmen economist pm co-leader co-founder neurologist surgeon doctor nurse
    consultant physician lecturer headteacher teacher engineer organiser organizer
    coordinator treasurer trustee reporter columnist speaker whip journalist broadcaster
    producer publisher
    """.split()
)
"""Nouns that make a phrase a role ('shadow home secretary', 'chief executive')."""

ROLE_MODIFIERS = frozenset(
    """
    shadow former deputy acting interim junior foreign home health education
    justice defence defense interior finance economy environment transport energy
    business culture trade work pensions treasury official senior chief general
    executive first prime state assistant principal
    """.split()
)

TIME_MODIFIERS = frozenset("former then late acting interim outgoing incoming".split())
"""Words that date a role: 'the then mayor', 'outgoing chief executive'."""

OTHER_OFFICE = frozenset({"shadow", "former", "ex", "deputy", "vice", "junior", "assistant"})
"""Modifiers that make a role another office: a deputy mayor is not the mayor."""

PLACES = frozenset(
    """
    alabama alaska arizona arkansas california colorado connecticut delaware florida
    georgia hawaii idaho illinois indiana iowa kansas kentucky louisiana maine maryland
    massachusetts michigan minnesota mississippi missouri montana nebraska nevada ohio
    oklahoma oregon pennsylvania tennessee texas utah vermont virginia wisconsin wyoming
    america britain england scotland wales ireland europe france germany italy spain
    russia china japan india pakistan iran iraq syria israel mexico canada ukraine turkey
    egypt libya afghanistan korea cuba brazil australia africa asia beijing moscow london
    paris berlin tokyo tehran baghdad kabul
    """.split()
) | frozenset(
    (
        "new hampshire|new jersey|new york|new mexico|north carolina|south carolina|"
        "north dakota|south dakota|rhode island|west virginia|new zealand|south africa|"
        "north korea|south korea|saudi arabia|united states|united kingdom"
    ).split("|")
)
"""Places that news copy makes a sentence's subject ('China warned', 'Florida voted'):
alone they name a state and speak as its government, never as a person."""
NOT_NAMES = frozenset("one another both partial folks all each either neither".split())
"""Capitalised words that stand for people without naming anyone ('One said …')."""

KIN = frozenset(
    "mother father grandmother grandfather parent mum dad son daughter wife husband".split()
)
"""A relative ('his grandfather told him'): someone's family, never a speaker of the story
unless named."""

PERSON_GROUPS = frozenset(
    """
    officials sources critics campaigners residents experts analysts economists
    ministers mps aides insiders opponents supporters lawyers doctors teachers
    """.split()
)
"""Plural speakers ('officials said'): kept as a group, not a person."""

INSTITUTION_WORDS = frozenset(
    """
    office government ministry department agency commission council party police college
    watchdog institution
    service services union committee court authority board bank university hospital
    trust foundation institute association federation company group corporation
    inc ltd plc nhs parliament congress senate house cabinet administration army
    navy force forces unhcr un eu nato who kremlin whitehall treasury downing street
    number no spokesperson charity organisation organization network rail airways
    airlines council regulator watchdog tribunal prosecutors prosecution campaign
    coalition alliance movement society club league fund network unit command
    railway railways airport highways holdings industries pharmaceuticals technologies
    llc corp team tower plaza stadium arena casino newspaper magazine publication
    """.split()
)

COMPANY_NOUNS = frozenset(
    """
    company firm group business corporation operator retailer manufacturer maker airline
    carrier bank lender insurer supplier provider developer chain
    """.split()
)
"""Nouns that 'the company' may stand for: 'X, the warehouse automation group, … the
company said' is one organisation."""

OFFICIAL_WORDS = frozenset(
    """
    minister ministers secretary president prime premier chancellor spokesman spokeswoman
    spokesperson governor commissioner ambassador envoy official officials mayor
    government ministry department office agency police cabinet administration
    downing whitehall kremlin treasury embassy regulator
    """.split()
)
"""Words in a speaker's name or role that make a statement official, for alerts: a new
statement from a government, ministry, agency or its spokesperson is news in itself."""

INSTITUTION_ALIASES = {
    "number 10": "Downing Street",
    "no 10": "Downing Street",
    "no. 10": "Downing Street",
    "no10": "Downing Street",
    "downing street": "Downing Street",
    "the white house": "White House",
    "white house": "White House",
    "the kremlin": "Kremlin",
    "the elysee": "Élysée Palace",
}
"""Names that news copy uses interchangeably for one office."""

NON_NAME_CAPITALS = frozenset(
    """
    the a an on in at of for to from by with during after before while when since
    monday tuesday wednesday thursday friday saturday sunday january february march april
    may june july august september october november december but and or if as so yet
    however meanwhile speaking asked it this that these those there here his her their
    our its we i you they he she under over despite although though indeed critics
    breaking update exclusive watch live analysis then maybe perhaps now still also
    even only just yes following using see including unlike among whether why what
    where how once today tomorrow yesterday every did does do wherever whenever top two
    three four five six seven eight nine ten against given like unlike besides beyond
    instead unless until toward towards oh wait well basically hours minutes days weeks
    months years hey okay ok please listen look honestly frankly clearly obviously sadly
    luckily hastily certainly surely indeed thankfully unfortunately fortunately wow
    likewise similarly moreover furthermore additionally nevertheless nonetheless otherwise
    meanwhile separately earlier later afterwards finally initially ultimately ever
    """.split()
)
"""Capitalised words that begin sentences but never begin a name."""

DEMONYMS = frozenset(
    """
    american british english scottish welsh irish french german spanish italian portuguese
    dutch belgian swiss austrian swedish norwegian danish finnish polish russian ukrainian
    chinese japanese korean vietnamese thai indian pakistani afghan iranian iraqi syrian
    israeli palestinian lebanese jordanian egyptian saudi turkish greek mexican canadian
    cuban brazilian argentine argentinian chilean colombian venezuelan peruvian african
    nigerian kenyan ethiopian somali sudanese libyan moroccan algerian tunisian australian
    european asian arab arabic latin hispanic latino latina haitian dominican jamaican
    filipino indonesian malaysian bangladeshi yemeni qatari emirati kurdish texan
    californian floridian republican democratic democrat conservative liberal catholic
    muslim jewish christian evangelical protestant baptist methodist mormon socialist
    libertarian progressive communist
    """.split()
)
"""Capitalised adjectives of nation, region, party and faith ('Democratic', 'Texan'): a
word alone from this list describes people, never names one ('Ryan', 'Logan' do)."""

# --- stance -------------------------------------------------------------------

STANCE_CUES: dict[str, tuple[str, ...]] = {
    "opposed": (
        "ruled out",
        "rule out",
        "vote against",
        "will vote against",
        "not be taking",
        "not taking this forward",
        "do not stack up",
        "could not be justified",
        "cannot be justified",
        "no plans to",
        "abandon",
        "scrapped",
        "drop the plan",
        "said no",
        "rule out",
        "ruled out",
        "rules out",
        "reject",
        "rejected",
        "rejects",
        "refuse",
        "refused",
        "refuses",
        "oppose",
        "opposed",
        "opposes",
        "not be part",
        "no part",
        "not open to",
        "will not host",
        "would not host",
        "would not participate",
        "will not participate",
        "there will be no",
        "against the plan",
        "vote against",
        "block",
        "scrap",
        "halt",
        "will not accept",
        "would not accept",
        "cannot support",
        "do not support",
        "does not support",
        "will fight",
        "resist",
        "where will we go",
        "where are we supposed to go",
        "where are we meant to go",
        "what are we supposed to do",
        "how are we supposed to",
        "must be stopped",
        "must be scrapped",
        "should be scrapped",
    ),
    "critical": (
        "insult",
        "indefensible",
        "unacceptable",
        "disappointing",
        "disappointed",
        "broken",
        "betrayed",
        "too little",
        "too late",
        "not good enough",
        "warned",
        "attack",
        "damaging",
        "dangerous",
        "outrageous",
        "shameful",
        "joke",
        "mess",
        "failing",
        "hit hardest",
        "unfair",
        "slap in the face",
        "kick in the teeth",
        "humiliation",
        "embarrassment",
        "theatre",
        "theatrics",
        "shambles",
        "chaos",
        "chaotic",
        "failure",
        "fiasco",
        "farce",
        "disgrace",
        "disgraceful",
        "scandal",
        "scandalous",
        "weak",
        "dishonest",
        "dishonestly",
        "gimmick",
        "stunt",
        "reckless",
        "cruel",
        "unworkable",
        "unlawful",
        "inhumane",
        "hypocritical",
        "incompetent",
        "botched",
        "betrayal",
        "u-turn",
        "criticised",
        "criticized",
        "condemned",
        "decried",
        "decries",
        "denounced",
        "denounces",
        "slammed",
        "lambasted",
        "attacked",
        "mocked",
        "ill-conceived",
        "disorderly",
        "waste",
        "wasted",
        "squandered",
        "damning",
        "flawed",
        "misguided",
        "absurd",
        "ridiculous",
        "appalling",
        "a blow",
        "another blow",
        "hammer blow",
        "body blow",
        "more for less",
        "more with less",
        "less than the cost of",
        "less than the price of",
        "see through this",
        "breaking point",
        # concern and alarm: 'said it was "deeply concerned"' is a criticism
        "concerned",
        "deeply concerned",
        "serious concerns",
        "grave concerns",
        "raised concerns",
        "concern over",
        "concern about",
        "concerns over",
        "concerns about",
        "alarmed",
        "alarming",
        "dismayed",
        "worried",
        "worrying",
        "troubling",
        "angry",
        "furious",
        "ignored",
        "leave … without",
        "leaves … without",
        "left … without",
        # blame, demands to resign, warnings and fears
        "must resign",
        "should resign",
        "must step down",
        "should step down",
        "calls to resign",
        "catastrophe",
        "catastrophic",
        "of their own making",
        "of its own making",
        "of his own making",
        "of her own making",
        "to blame",
        "accused",
        "accuses",
        "accusing",
        "skeptical",
        "sceptical",
        "blamed",
        "blames",
        "presided over",
        "warn",
        "warns",
        "fear",
        "fears",
        "feared",
        "frightened",
        "scared",
        "in the dark",
        "disastrous",
    ),
    "conditional": (
        "provided",
        "providing that",
        "as long as",
        "on condition",
        "conditional on",
        "subject to",
        "only if",
        "so long as",
        "if and only if",
        "depends on",
        "in principle",
        "with safeguards",
        "must respect",
        "must comply",
        "must be upheld",
    ),
    "supportive": (
        "real help",
        "help",
        "safer",
        "vital",
        "essential",
        "great",
        "excellent",
        "important step",
        "the right",
        "will save",
        "defended",
        "defends",
        "promised",
        "pledged",
        "unveiled",
        "hailed",
        "good news",
        "good for",
        "will make",
        "breakthrough",
        "encouraging",
        "positive",
        "long overdue",
        "at last",
        "welcome",
        "welcomed",
        "welcomes",
        "support",
        "supports",
        "backed",
        "backs",
        "innovation",
        "effective",
        "cost effective",
        "viable",
        "determined",
        "will ensure",
        "ensure",
        "will reduce",
        "praised",
        "hailed",
        "success",
        "successful",
        "good news",
        "step forward",
        "right thing",
        "we will",
        "committed",
        "delighted",
        "pleased",
        "proud",
        "benefit",
        "boost",
        "deliver",
        "crack down",
        "tackle",
        "backing",
        "milestone",
        "landmark",
        "long-awaited",
        "game changer",
        "game-changer",
        "fighting chance",
        "new money",
        "the alternative is",
        "the alternative would be",
        "a bridge between",
        "cannot keep waiting",
        "can't keep waiting",
        "cannot afford to wait",
        "the day … waiting for",
        "is right to",
        "are right to",
        "was right to",
        "were right to",
        "sensible",
        "prudent",
        # praise and backing; an owner defending a decision ('we made hard choices')
        "hard choices",
        "tough choices",
        "difficult choices",
        "difficult decisions",
        "tough decisions",
        "bold",
        "praising",
        "praise",
        "applaud",
        "applauded",
        "commend",
        "commended",
        "wholeheartedly",
        "fully support",
        "i back",
        "we back",
        "back it",
        "exactly the kind",
        "the right decision",
        "right call",
    ),
}
"""Words that show a speaker's stance; first matching class in ORDER wins ties. A '…' in
a cue stands for up to four words ('the day … waiting for')."""

STANCE_ORDER: tuple[Stance, ...] = ("opposed", "critical", "conditional", "supportive")

NEGATIONS = frozenset("not no never n't cannot won't don't doesn't isn't wasn't".split())

# --- figures --------------------------------------------------------------------

SPELLED_WORDS = {
    "one": 1,
    "a": 1,
    "an": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
    "half": 0.5,
    "quarter": 0.25,
    "quarters": 0.25,
    "thousand": 1000,
    "million": 1e6,
    "billion": 1e9,
}
"""Every word of a number in words, for the number grammar ('forty-five thousand')."""

NUMBER_WORDS = {
    **{
        word: SPELLED_WORDS[word]
        for word in """two three four five six seven eight nine ten eleven twelve fifteen
        twenty thirty forty fifty hundred""".split()
    },
    "dozen": 12,
}
"""Number words a description counts with ('the two hospitals'), a subset of the above."""

ORDINALS = {
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "twentieth": 20,
}
"""Ordinal words, → the number: 'the tenth council to …' counts ten."""

MULTIPLIER_WORDS = {
    "doubled": 2,
    "doubling": 2,
    "double": 2,
    "tripled": 3,
    "trebled": 3,
    "tripling": 3,
    "quadrupled": 4,
    "halved": 0.5,
}

FRACTION_WORDS = {
    "a third": 1 / 3,
    "one third": 1 / 3,
    "a quarter": 0.25,
    "one quarter": 0.25,
    "half": 0.5,
    "a half": 0.5,
    "two thirds": 2 / 3,
    "two-thirds": 2 / 3,
    "three quarters": 0.75,
    "three-quarters": 0.75,
    "a fifth": 0.2,
    "one in five": 0.2,
    "one in four": 0.25,
    "one in three": 1 / 3,
    "one in ten": 0.1,
}

SCALE_WORDS = {
    "k": 1e3,
    "thousand": 1e3,
    "m": 1e6,
    "mn": 1e6,
    "million": 1e6,
    "bn": 1e9,
    "b": 1e9,
    "billion": 1e9,
    "tn": 1e12,
    "trillion": 1e12,
    "lakh": 1e5,
    "crore": 1e7,
}
"""Scale words after a number ('£2bn', '3 crore'), → the multiplier."""

CURRENCY_NOUNS = {
    "pounds": "GBP",
    "pound": "GBP",
    "sterling": "GBP",
    "dollars": "USD",
    "dollar": "USD",
    "euros": "EUR",
    "euro": "EUR",
    "gbp": "GBP",
    "usd": "USD",
    "eur": "EUR",
    "pence": "GBP",
}
"""A currency as the plain noun a number counts ('5,000 pounds' when no sign or currency
name was read: `units` holds the currency grammar's signs, codes and names)."""

PERCENT_WORDS = ("per cent", "percent", "%", "pc", "percentage points", "points")

PEOPLE_NOUNS = frozenset(
    """
    people persons migrants asylum seekers refugees workers employees staff children
    adults pupils students patients residents voters deaths dead casualties victims
    passengers members households families arrivals nurses doctors teachers officers
    soldiers troops prisoners inmates applicants claimants individuals men women
    albanians britons americans citizens nationals users customers fans tourists
    visitors protesters demonstrators firefighters paramedics police officers pensioners
    tenants homeowners drivers commuters shoppers consumers taxpayers volunteers
    evacuees survivors detainees pilots crew carers midwives surgeons consultants
    """.split()
)
"""Counted nouns reported in the unit 'people' (the label keeps the noun)."""

DURATION_NOUNS = {
    "year": "years",
    "years": "years",
    "month": "months",
    "months": "months",
    "week": "weeks",
    "weeks": "weeks",
    "day": "days",
    "days": "days",
    "hour": "hours",
    "hours": "hours",
    "decade": "decades",
    "decades": "decades",
}
"""Nouns after a number that make it a period of time, → the unit ('5 years'). Not
minutes or seconds: with them the number grammar keeps different figures; they are only
units a duration may be stated in (`DURATION_UNITS`)."""

DURATION_UNITS = frozenset(DURATION_NOUNS.values()) | {"minutes", "seconds"}
"""The units a duration is stated in."""

MARGIN_NOUNS = frozenset(
    """
    lead margin advantage edge gap swing deficit win victory defeat loss majority
    increase rise jump drop fall decline cut gain shift spread surge slide climb hike
    reduction boost lift plunge slump rebound threshold hurdle target goal limit cap
    ceiling floor quota
    """.split()
)
"""Nouns a number-noun compound measures when it is the news: a margin, a change or a
level to reach ('a 10-point lead', 'a 26-delegate advantage', 'the 1,237-delegate
threshold'); before any other noun the compound only describes it ('a 15-member
committee', 'a 10-point plan')."""

TERM_NOUNS = frozenset(
    """
    deal agreement contract settlement sentence term ban freeze moratorium delay
    suspension extension strike walkout stoppage ceasefire truce lockdown closure
    shutdown pause lease loan mortgage bond guarantee warranty licence license visa
    exemption waiver embargo
    """.split()
)
"""Nouns whose length is what was decided: 'a two-year delay', 'a 48-hour strike', 'a
five-year pay deal'. Before any other noun a length only describes it ('the four-day
convention', 'a 30-second advert')."""

QUALIFIER_CUES: tuple[tuple[str, Qualifier], ...] = (
    ("more than", "more than"),
    ("over", "more than"),
    ("above", "more than"),
    ("in excess of", "more than"),
    ("upwards of", "more than"),
    ("passed", "more than"),
    ("topped", "more than"),
    ("exceeded", "more than"),
    ("surpassed", "more than"),
    ("at least", "at least"),
    ("a minimum of", "at least"),
    ("no fewer than", "at least"),
    ("about", "about"),
    ("around", "about"),
    ("roughly", "about"),
    ("approximately", "about"),
    ("some", "about"),
    ("almost", "about"),
    ("nearly", "about"),
    ("close to", "about"),
    ("an estimated", "about"),
    ("estimated", "about"),
    ("up to", "up to"),
    ("as many as", "up to"),
    ("as much as", "up to"),
    ("fewer than", "less than"),
    ("less than", "less than"),
    ("under", "less than"),
    ("below", "less than"),
)

INCREASE_WORDS = frozenset(
    "up rise rises rose risen increase increased increases surge surged jump jumped "
    "climb climbed growth grew higher soared soar".split()
)
DECREASE_WORDS = frozenset(
    "down fall fell fallen drop dropped drops decline declined reduction reduced cut "
    "cuts decrease decreased lower slump slumped plunge plunged".split()
)

PERIOD_PATTERNS = (
    r"so far this year",
    r"this year(?: alone)?",
    r"last year",
    r"since (?:january|"
    r"february|march|april|may|june|july|august|september|october|november|december|"
    r"the start of the year|\d{4})",
    r"for the year",
    r"in (?:19|20)\d\d",
    r"(?:in|over|during) the (?:last|past|previous|next|coming) (?:\w+ )?"
    r"(?:years?|months?|weeks?|days?|decades?)",
    r"between (?:(?:19|20)\d\d|january|february|march|april|may|june|july|august|september|"
    r"october|november|december)(?: of)?(?: last year| \d{4})? and (?:(?:19|20)\d\d|january|"
    r"february|march|april|may|june|july|august|september|october|november|december)"
    r"(?: \d{4})?",
    r"in the (?:\w+ )?(?:year|months?|quarter|weeks?) (?:to|ending|ended) (?:the end of )?"
    r"(?:january|february|march|april|may|june|july|august|september|october|november|"
    r"december)(?: \d{4})?",
    r"(?:in|over|within) (?:the (?:last|past|next) )?(?:two|three|four|five|six|seven|eight|"
    r"nine|ten|twelve|fifteen|twenty|\d+) (?:years|months|weeks|days|decades)(?! (?:ago|old))",
    r"on the same period last year",
    r"(?:a|per|each|every) (?:year|month|week|day)",
    r"annually",
    r"year[- ]on[- ]year",
    r"(?:by|until|in) (?:19|20)\d\d",
    r"(?:in|during) (?:january|february|march|april|may|june|july|august|september|"
    r"october|november|december)(?: \d{4})?",
)

MONTH_NAMES = frozenset(
    "january february march april may june july august september october november december".split()
)
MONTHS = MONTH_NAMES | frozenset("jan feb mar apr jun jul aug sep sept oct nov dec".split())
"""Month names and their abbreviations."""

DAY_NAMES = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())

PREPOSITIONS = frozenset(
    "in on at for from of with by to across along under over between into onto through "
    "throughout within without against among amid around about after before during "
    "since until towards toward near per than like via despite".split()
)
"""After a counted noun, a preposition opens a phrase about the thing ('jobs in its
factories'); anything else opens what the thing does ('staff move to …'). In a question,
a word after one is inside a phrase, not the start of a subject."""

OBJECT_PREPOSITIONS = frozenset(
    "in on at into onto with from after amid among despite during under over against".split()
)
"""Prepositions whose noun phrase is an object, never a speaker ('amid protests, the mayor
said'); fewer than above: 'of' and 'for' link a speaker's role ('head of Acme')."""

ARTICLES = frozenset("a an the".split())
POSSESSIVES = frozenset("its their his her our my your".split())
DEMONSTRATIVES = frozenset("this that these those".split())
DETERMINERS = ARTICLES | POSSESSIVES | DEMONSTRATIVES
"""Words that open a noun phrase: 'the staff', 'its plan'."""

LABEL_SYNONYMS = (
    "plan scheme project proposal proposals programme package",
    "site centre center facility hub",
    "move transfer relocate",
    "staff workers employees workforce",
    "close shut closure",
    "jobs posts roles positions",
    "cut axe slash shed scrap",
)
"""Words outlets use for the same thing in a figure's label: 'the £45m plan' and 'the
£50m scheme' are one measure stated twice. Each line is one group."""

# --- open questions ------------------------------------------------------------------

AUXILIARIES = frozenset(
    "will would can could should is are was were has have had does do did may might must".split()
)

WH_WORDS = frozenset("which where when how whether what who why whom whose".split())
QUESTION_OPENERS = WH_WORDS | frozenset("do does did".split())
"""Words that open a direct question ('Who said that?', 'Did she agree?')."""
RELATIVE_PRONOUNS = frozenset("who whom whose which that".split())
SUBJECT_PRONOUNS = frozenset("i we you he she it they".split())

UNKNOWN_CUES = (
    r"(?:would|will|did|does|do|could) not (?:comment on|confirm|say|disclose|reveal|"
    r"specify|name|identify|give details of|elaborate on|detail)",
    r"declined to (?:comment on|say|confirm|name|disclose|reveal|specify|give)",
    r"refused to (?:say|confirm|disclose|reveal|name)",
    r"(?:it )?(?:remains|is|was|remained) (?:still |also |yet )?(?:unclear|not (?:yet )?clear|"
    r"not (?:yet )?known|unknown|uncertain|undecided)",
    r"it is not yet known",
    r"no details (?:were|have been|of)",
    r"has not (?:said|revealed|"
    r"disclosed|confirmed)",
    r"have not (?:said|revealed|disclosed|confirmed)",
    r"(?:has|have|had) (?:yet|still) to (?:say|decide|confirm|announce|reveal|disclose)",
    r"(?:has|have|had) not (?:yet )?decided",
    r"(?:refused|declined) to be drawn (?:on|about)",
    r"no decision (?:has|had) (?:yet )?been (?:made|taken|reached) (?:on|about|over)",
    r"questions (?:remain|remained|linger|persist) (?:over|about|as to)",
)

SUBJECT_STARTS = frozenset(
    "the a an its their his her our my your this that these those it he she they we i you "
    "some no every each both".split()
)
"""Words that open a clause's subject: in 'which hospital the patients would be moved
to' the subject starts at 'the', so the wh-phrase is 'which hospital'."""

PARTICIPLES = frozenset(
    """
    been made paid said told left lost won found kept sent spent built taken given seen
    done gone known shown grown drawn held sold bought brought thought put cut set met
    run begun become chosen written broken
    """.split()
)
"""Irregular past participles: 'has' before one is an auxiliary ('whether it has paid'),
before anything else a main verb ('whether it has the money'), which cannot move."""

HOW_DEGREE = frozenset("much many long often far soon big large serious badly quickly".split())
"""'how long the closure will last': 'how long' asks together, and moves together."""

INDEFINITES = frozenset(
    "anything nothing something everything anyone someone everyone much more so".split()
)
"""'did not say anything new': an object that asks nothing."""

DETAILS_OF_CUE = (
    r"^(?:further |full )?(?:details|specifics) (?:of|on|about) (?P<rest>.+?) (?:have|has|are|"
    r"were|is) (?:yet to be|still to be|not yet been|not been) (?:published|announced|"
    r"revealed|set out|confirmed|released|given)"
)
"""'Details of how the money will be shared have yet to be published': the wh-clause is
the question."""

NO_DETAIL_CUES = (
    r"(?:did|would|could|has|have) not (?:give|provide|set out|offer|publish) (?:a|any)\s+"
    r"(?P<thing>timeline|timetable|date|details?|figures?|costings?|cost|estimate|breakdown)",
    r"(?:details|specifics|costings|the timetable|a timeline) (?:have|has|are) yet to be "
    r"(?:published|revealed|announced|set out|confirmed|decided)",
    r"(?:further )?(?:details|specifics|updates) (?:of the \w+ )?(?:are |were |would be |will be )"
    r"(?:expected to be )?(?:revealed|announced|published|set out) (?:in due course|later|"
    r"when there (?:were|are) further details)",
)

UNREACHABLE_CUE = (
    r"could not (?:immediately )?be reached for comment|did not (?:immediately )?"
    r"respond to (?:a )?requests? for comment|has not responded to requests? for comment"
)

DENIAL_CUE = (
    r"(?:did not|would not|has not|have not|refused to|declined to) (?:deny|rule out|ruled out)"
)

CONDITION_CUES = (
    r"\b(?:provided(?: that)?|providing(?: that)?|as long as|so long as|"
    r"on (?:the )?condition that|subject to|only if)\b"
)

LEGAL_CUES = (
    r"held up by (?:legal action|the courts|a legal challenge|court action|legal challenges)",
    r"(?:faces|facing|face) (?:a )?(?:legal challenges?|judicial review|court challenges?|"
    r"legal action|lawsuits?)",
    r"pending (?:legal challenges?|appeals?|judicial review|a court ruling|the outcome)",
    r"(?:is|are) being challenged in (?:the )?courts?",
    r"legal challenges? (?:is|are) expected",
)

LEGAL_NOUNS = (
    r"judicial review|legal challenges?|court challenges?|legal action|court action|"
    r"lawsuits?|appeals?|court ruling"
)

EXPECTED_CUE = r"\b(?:is|are|was|were) (?:also )?(?:expected|likely) to\b"

SCHEDULE_VERBS = frozenset(
    "announce unveil outline say tell visit meet attend speak travel address arrive hold "
    "deliver".split()
)
"""'X is expected to announce …' reports a schedule, not an open question."""

ASK_OR_DECISION_CUE = (
    r"\b(?:asked|asks|asking|requested|requests|requesting|applied|applies|seeks|seeking"
    r"|sought|wants|bid|calls? for|called for|voted|votes|approved|approves|agreed|agrees"
    r"|rejected|rejects|decided|decides|ruled|ordered|awarded|granted|fined|must|deadline"
    r"|until|by \d{1,2} [A-Z][a-z]+|by [A-Z][a-z]+ \d{1,2})\b"
)
"""What a story asks for or decides ('has asked for a £38m loan', 'voted 31-12', 'must
respond by 31 May'): with a number, a line the summary should carry."""

APPROVAL_CUES = (
    r"(?:still )?(?:needs?|requires?|awaits|is awaiting|must (?:still )?(?:get|win|receive|"
    r"secure)|(?:has|have) yet to (?:get|win|receive|secure)) (?:final |formal )?"
    r"(?:approval|sign-off|ratification|the approval|the backing) (?:from|by|of)",
    r"(?:still )?(?:needs?|has|have|must) (?:still )?(?:yet )?(?:to )?be (?:approved|ratified|"
    r"signed off) by",
)
"""Approval still needed from someone ('still needs approval from the Legislature')."""

# --- cleaning ---------------------------------------------------------------------------

BOILERPLATE_LINES = (
    r"unlock (?:the|this) .{0,40}(?:digest|newsletter|article|story)",
    r"privacy notice",
    r"delivered to your inbox",
    r"required fields are marked",
    r"we use cookies",
    r"(?:video|content) is (?:restricted|not available|unavailable) (?:from playing )?in your "
    r"(?:location|country|region)",
    r"cookie (?:policy|settings|preferences)",
    r"^related:\s",
    r"^(?:more|see also):\s",
    r"data-[a-z-]+=",
    r"your email address will not be published",
    r"^(?:please )?(?:subscribe|sign up)\b",
    r"\b(?:subscribe|sign up) (?:to|for) (?:our|my|a free|the free)\b",
    r"\b(?:subscribe|sign up) (?:now|today|here)\b",
    r"^(?:skip past|after) newsletter promotion$",
    r"\bunlimited (?:digital )?access\b",
    r"^(?:story|article) continues (?:below|after)\b",
    r"already a subscriber",
    r"log ?in to (?:continue|read)",
    r"stay informed with free updates",
    r"simply sign up",
    r"continue reading",
    r"^advertisement$",
    r"^advert$",
    r"^sponsored",
    r"support (?:our|independent) journalism",
    r"^share (?:this|on|via)",
    r"^(?:facebook|twitter|whatsapp|email|linkedin|copy link)"
    r"(?:\s+(?:facebook|twitter|whatsapp|email|linkedin|copy link|x))*$",
    r"^what'?s your reaction\??$",
    r"^leave a (?:reply|comment)",
    r"^join the conversation",
    r"^comments?(?: \(\d+\))?$",
    r"^\d+ comments?$",
    r"^view comments$",
    r"^(?:read|see) more\b",
    r"^more:",
    r"^also read\b",
    r"^watch:",
    r"^listen:",
    r"^click here",
    r"^follow (?:us|@)",
    r"^(?:image|photo|video) (?:source|caption)",
    r"^skip (?:to|advert)",
    r"^newsletter sign-?up",
    r"^most (?:read|popular)$",
    r"^get (?:the|our) (?:latest|free)",
    r"^download the app",
    r"^this article (?:is|was) "
    r"(?:more than|over) \d+",
    r"^copyright\b",
    r"^all rights reserved",
    r"^(?:like|love|haha|wow|sad|angry)(?:\s+\d+)?$",
    r"^loading\.*$",
)
"""Lines that are page furniture, not story (matched case-insensitively on short lines)."""

TEASER_MARKERS = (
    r"^related (?:posts|articles|stories|content|coverage|reading)?:?$",
    r"^related:?$",
    r"^more on this story:?$",
    r"^you (?:may|might) also (?:like|be interested in):?$",
    r"^more from\b.{0,40}$",
    r"^recommended(?: for you)?:?$",
    r"^most read:?$",
    r"^top stories:?$",
    r"^trending:?$",
    r"^popular (?:now|stories):?$",
    r"^(?:more|latest) (?:stories|news):?$",
)
"""Headers of a block of teaser headlines; the story may resume after the block."""

APPENDIX_MARKERS = (
    r"^(?:\w+ )?fact[- ]check(?: pro)?:?$",
    r"^fact check\b.{0,30}$",
    r"^sources?:?$",
    r"^references:?$",
    r"^further reading:?$",
)
"""Headers after which the rest of the page is an appendix, not story."""

CAPTION_CUES = (
    r"^image caption\b",
    r"\bphotograph:",
    r"\bphoto:",
    r"\bpicture:",
    r"\bpic:",
    r"\bimage:",
    r"\bcredit:",
    r"©",
    r"\(photo by\b",
    r"\bvia getty images\b",
    r"\bgetty images\b",
    r"/pa wire\b",
    r"\bpa wire\b",
    r"\bpa media\b\s*$",
    r"/afp\b",
    r"/reuters\b",
    r"/ap\b",
    r"/epa\b",
    r"\bshutterstock\b",
    r"\balamy\b",
    r"^image source\b",
    r"\|\s*pa\s*$",
    r"/getty\b",
    r"\bphotographer:",
    r"\bfile photo\b",
)
"""Marks of a photo caption or picture credit."""

LINK_LINE = r"^\s*(?:[-*•]\s*)?(?:\(?https?://|www\.)\S+"

QUOTE_HEADLINE = (
    r"^[^‘’“”\"\n:]{2,90}:\s+(?:‘(?P<curly>[^‘\n]{3,})’|'(?P<straight>[^\n]{3,})'"
    r"|“(?P<double>[^“”\n]{3,})”)[.!?]?\s*$"
)
"""A headline that is a name, a colon and one quote ('Kasich: ‘We Are Going …’',
"Reid: 'Never underestimate Trump.'"): the outlet printing that person's words. Headlines
quote in single marks, which elsewhere are too often apostrophes to read."""

AGGREGATOR_CUES = (
    r"^source:\s*.+(?:wire|news) services?\b",
    r"\bwire services\b",
    r"fact[- ]check(?: pro)?$",
    r"^freshness check$",
)
OPINION_CUES = (
    r"^(?:comment|opinion|analysis|column|editorial)\s*$",
    r"^the writer is\b",
    r"^\w+ \w+ is (?:a|an|the) (?:[\w-]+ ){0,3}(?:columnist|commentator|writer)\b",
    r"\bthe views expressed\b",
)
PRESS_RELEASE_CUES = (
    r"^for immediate release",
    r"^notes to editors",
    r"^ends\.?$",
    r"^-?\s*ends\s*-?$",
    r"^media (?:contact|enquiries)",
    r"^press release\b",
    r"^about [A-Z][\w ]+$",
    r"^embargoed\b",
    r"^(?:#{3}|-30-)$",
)
FIRST_PERSON = frozenset("i i'm i've i'd i'll my me myself".split())
"""Words of a first-person writer: news reporters do not write 'I' outside quotes."""

NEWSPAPER_WORDS = frozenset(
    """
    gazette courier herald chronicle echo argus advertiser mercury journal post times
    telegraph observer standard examiner express star mail news press tribune record
    sentinel bugle citizen gleaner globe inquirer bulletin dispatch
    """.split()
)
"""Last words of a newspaper's name, to recognise a masthead ('Somerset County Gazette')."""

LEGAL_SUFFIXES = r",?\s+(?:Inc|Ltd|Limited|plc|PLC|LLC|LLP|Corp|Corporation|Co|GmbH|AG|SA)\.?$"
"""A company's legal form, dropped from its name ('Harbour Pharmaceuticals Inc.')."""

# --- outlets ----------------------------------------------------------------------------

OUTLETS = {
    "BBC News": ("bbc news", "bbc"),
    "Reuters": ("reuters", "thomson reuters"),
    "Associated Press": ("associated press", "ap"),
    "Agence France-Presse": ("agence france-presse", "afp"),
    "PA Media": ("pa media", "press association"),
    "Bloomberg": ("bloomberg", "bloomberg news"),
    "Financial Times": ("financial times", "ft", "myft"),
    "The Guardian": ("the guardian", "guardian"),
    "The Observer": ("the observer",),
    "The Times": ("the times",),
    "The Sunday Times": ("the sunday times",),
    "The Telegraph": ("the telegraph", "daily telegraph"),
    "The Independent": ("the independent",),
    "Daily Mail": ("daily mail", "mailonline", "mail online"),
    "The Sun": ("the sun",),
    "Daily Mirror": ("daily mirror", "the mirror"),
    "Daily Express": ("daily express", "express"),
    "Evening Standard": ("evening standard", "the standard"),
    "Sky News": ("sky news",),
    "ITV News": ("itv news",),
    "Channel 4 News": ("channel 4 news",),
    "GB News": ("gb news",),
    "LBC": ("lbc",),
    "The Economist": ("the economist",),
    "The Scotsman": ("the scotsman",),
    "The Irish Times": ("the irish times",),
    "The New York Times": ("the new york times", "new york times", "nyt"),
    "The Washington Post": ("the washington post", "washington post"),
    "The Wall Street Journal": ("the wall street journal", "wall street journal", "wsj"),
    "USA Today": ("usa today",),
    "Los Angeles Times": ("los angeles times", "la times"),
    "CNN": ("cnn",),
    "NBC News": ("nbc news",),
    "ABC News": ("abc news",),
    "CBS News": ("cbs news",),
    "Fox News": ("fox news",),
    "NPR": ("npr",),
    "Politico": ("politico",),
    "Axios": ("axios",),
    "Al Jazeera": ("al jazeera",),
    "Deutsche Welle": ("deutsche welle", "dw"),
    "Euronews": ("euronews",),
    "HuffPost": ("huffpost", "huffington post"),
}
"""Canonical outlet names and how bylines, datelines and credits write them."""
OUTLET_ALIASES = {alias: name for name, aliases in OUTLETS.items() for alias in aliases}
"""Each way of writing an outlet ('the guardian', 'guardian'), to its canonical name."""

PRESS_TITLES = frozenset(
    "times journal register herald tribune gazette globe chronicle examiner inquirer "
    "telegraph dispatch courier bulletin magazine newspaper".split()
)
"""The last word of a newspaper's or magazine's name ('the Des Moines Register'), never
of a person's: such a name is an outlet."""
PRESS_NOUNS = frozenset("newspaper paper magazine publication network outlet".split())
"""What news copy calls an outlet once named ('the newspaper', 'the network said')."""

OUTLET_PAGE_CUES = {
    r"\bmyft\b": "Financial Times",
    r"editor.s digest": "Financial Times",
}
"""Page furniture that only one outlet prints (its own newsletter names)."""


# --- issue 17: lines that say the same thing in other words (extract/restates.py) --------

RESTATEMENTS = (
    "strike|strikes|striking|walkout|walked out|walk out|stoppage|walked off the job|"
    "walk off the job|walking off the job|went on strike|go on strike|going on strike|"
    "downed tools|industrial action",
    "halt|halting|halted|stop|stopping|stopped|suspend|suspended|suspending|standstill|"
    "ground to a halt|brought to a halt|shut down|shutting down|grounded|cancel|cancelled|"
    "canceled|cancelling",
    "bankrupt|bankruptcy|insolvent|insolvency|bust|section 114|run out of money|"
    "ran out of money|running out of money|out of cash",
    "talks|negotiations|discussions",
    "collapse|collapsed|broke down|break down|broken down|fell apart|foundered",
    "driver|drivers|operator|operators",
    "across|throughout|all over",
    "worker|workers|staff|employee|employees|workforce",
    "job|jobs|post|posts|role|roles|position|positions",
    "cut|cuts|axe|axed|slash|slashed|shed|scrap|scrapped",
    "rise|rises|rose|increase|increased|raise|raised|hike|climb|climbed|jump|jumped",
    "fall|fell|drop|dropped|decrease|decline|declined|slump|slumped",
    "kill|killed|killing|dead|die|died|dies|death|deaths|fatal|lost their lives",
    "injure|injured|injuries|wounded|hurt",
    "arrest|arrested|detained|held in custody|taken into custody",
    "ministers|government|whitehall|the administration",
    "council|authority|local authority",
    "announce|announced|unveil|unveiled|reveal|revealed|set out",
    "plan|plans|scheme|proposal|proposals|programme|program|package",
    "resign|resigned|quit|step down|stepped down|stand down|stood down",
    "fine|fined|penalty",
    "loan|borrow|borrowing|lend",
    "ask|asked|request|requested|seek|seeking|sought|want|wants|call for|called for",
    "approve|approved|backed|endorse|endorsed|pass|passed|vote for|voted for",
    "reject|rejected|turn down|turned down|throw out|threw out|vote against|voted against",
    "begin|began|begun|start|started|launch|launched",
    "sack|sacked|fire|fired|dismiss|dismissed",
    "police|officers",
    "company|firm",
    "buy|bought|acquire|acquired|purchase|take over|took over|takeover",
    "close|closed|shut|closure|closures",
    "centre|center",
    "labour|labor",
    "city|citywide",
    "batter|battered|battering|lash|lashed|lashing|pound|pounded|pounding",
    "ferry|ferries|sailing|sailings",
)
"""Words and phrases English news uses for one thing ('walked off the job', 'went on
strike'; 'bankrupt', 'section 114'), one group a line: two announcement lines made of
the same groups say the same thing, however they word it."""

RESTATEMENT_FILLER = frozenset(
    """
    said says say told tells according went goes go going also now would will could
    new latest effectively reportedly argued argues claimed claims insisted insists
    stated added adds noted stressed explained remarked commented
    candidate candidates nominee presidential fellow front-runner
    """.split()
)
"""Words a restatement adds or drops without changing what it says: speech verbs, and
the roles outlets hang on a name ('Republican presidential candidate')."""


# --- issue 17: qualifiers American news adds to QUALIFIER_CUES above (labels.py) ------

QUALIFIER_CUES = (
    *QUALIFIER_CUES,
    ("upward of", "more than"),
    ("exceeds", "more than"),
    ("exceed", "more than"),
)
"""'could earn upward of $20 an hour', 'his net worth exceeds $10 billion': a floor, which
$21.22 and $11 billion are within, not a rival value."""

OBJECT_FIRST_VERBS = frozenset(
    "accused criticized criticised praised blamed condemned attacked slammed blasted "
    "lambasted chided rebuked denounced faulted castigated censured".split()
)
"""Verbs that name whom they act on before any preposition ('accused the mayor of
lying'): a preposition right after one makes it passive, said of the noun before it
('The councillor, accused of lying, resigned'), neither that noun's act nor its stance;
unless its object came first ('the senator she has accused of …', 'what Comey slammed
as …'). Not 'charged', which also reports words ('“…,” Kelly charged in …')."""

ACTIVE_BEFORE = frozenset("has have had he she they we i who you".split())
"""Words before such a verb that make it active: an auxiliary of the perfect, a subject."""

OFFICE_ABBREVIATIONS = {
    "sen": "Senator",
    "rep": "Representative",
    "gov": "Governor",
    "lt": "Lieutenant",
    "gen": "General",
    "maj": "Major",
    "col": "Colonel",
    "capt": "Captain",
    "sgt": "Sergeant",
    "adm": "Admiral",
    "brig": "Brigadier",
    "cllr": "Councillor",
    "det": "Detective",
    "insp": "Inspector",
    "supt": "Superintendent",
    "atty": "Attorney",
}
"""Office titles as news abbreviates them before a name, spelled out for a role."""

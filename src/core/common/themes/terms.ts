/**
 * The words of a card that say what it is about, for suggesting themes: lower-cased, without stop
 * words (English and Welsh), reduced to a simple stem. No dictionary and no network: a light suffix
 * stripper for English (plurals, -ing, -ed, -ly, -ness, -ment, -ation …) and, for Welsh, undoing the
 * initial mutations that can be undone without a dictionary (nasal ngh/ng/mh/nh, aspirate ph, soft dd)
 * and stripping the common plural endings (-iau, -au, -ion, -on, -oedd, -ydd; -wyr → -wr). Soft
 * mutations that drop or change a letter ambiguously (g → ∅, b/m → f) are left alone. Both are deliberately
 * crude: they only need to make "waiting", "waited" and "wait", or "apwyntiad" and "apwyntiadau",
 * meet — see ADR 0043.
 */

const ENGLISH_STOP = `a about above after again against all also am an and any are aren't as at be because been
before being below between both but by can can't cannot could couldn't did didn't do does doesn't doing don't
down during each even ever every few for from further get gets getting got had hadn't has hasn't have haven't
having he her here hers herself him himself his how i i'd i'll i'm i've if in into is isn't it it's its itself
just let's lot lots make makes made me more most much must mustn't my myself need needs no nor not now of off on
once one only or other ought our ours ourselves out over own really same she should shouldn't so some such
than that that's the their theirs them themselves then there there's these they they'd they'll they're they've
thing things this those through to too under until up us very was wasn't we we'd we'll we're we've were weren't
what what's when where which while who whom why will with won't would wouldn't you you'd you'll you're you've your
yours yourself yourselves always never often sometimes still yet already feel felt think know want wants like
people someone something anyone anything everyone nobody nothing staff way ways many took take takes taken
mean means year years day days time times hard say says said told tell let lets put give gives go goes going
went come comes came new old back well good bad`

const WELSH_STOP = `a ac ag am ar at i o y yr 'r ’r yn mae maen roedd roeddwn oedd oes does dyw ydy yw ydw ydyn
bod fod wedi heb ddim dim fy fyn ein eich eu ei 'n ’n 'i ’i 'w ’w ni chi nhw fe fo fi hi e ef hwn hon hyn
hynny yma yna gyda efo gan gen dros drwy trwy rhwng fel mwy na nad nid neu ond hefyd iawn bob pob pan sy sydd
byddai bydd fydd gall gallu gael cael cafodd wnaeth gwneud gwnaeth mor rhy dal eto erioed byth weithiau
rhaid angen eisiau isio jyst just cyn ar ôl wrth hyd tan beth pwy pam sut lle pryd rhywun rhywbeth popeth
neb dim byd un dau dwy arna arnat arno arni arnon arnoch arnyn arnaf tro dweud deud pa dylai dylen hoffwn
hoffai ddau cyfan mynd dod wneud gwneud`

export const STOP_WORDS: ReadonlySet<string> = new Set(
  `${ENGLISH_STOP} ${WELSH_STOP}`
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => w.replace(/’/g, "'")),
)

/** A word: letters and marks with inner apostrophes; digits and punctuation separate words. */
const WORD = /[\p{L}\p{M}]+(?:['’][\p{L}\p{M}]+)*/gu

/** Welsh initial mutations that can be undone without a dictionary (radical form first). */
const DEMUTATE: ReadonlyArray<readonly [string, string]> = [
  ['ngh', 'c'],
  ['ng', 'g'],
  ['mh', 'p'],
  ['nh', 't'],
  ['ph', 'p'],
  ['dd', 'd'],
]

/** English and Welsh suffixes, longest first; a stem keeps at least three letters. */
const SUFFIXES = [
  'ational',
  'ation',
  'ments',
  'ment',
  'nesses',
  'ness',
  'ingly',
  'ings',
  'ing',
  'iau',
  'oedd',
  'ydd',
  'ies',
  'ied',
  'ers',
  'er',
  'ed',
  'ly',
  'ion',
  'au',
  'es',
  'on',
  's',
]

/** The stem of one lower-case word (English or Welsh). */
export function stem(word: string): string {
  let w = word.replace(/’/g, "'").replace(/'s$/, '')
  for (const [from, to] of DEMUTATE)
    if (w.startsWith(from) && w.length > from.length + 2) {
      w = to + w.slice(from.length)
      break
    }
  // Welsh -wyr plurals ("gofalwyr", carers) meet their singular ("gofalwr"), not "gofal" (care).
  if (w.endsWith('wyr') && w.length > 5) return w.slice(0, -3) + 'wr'
  if (w.endsWith('wr') && w.length > 4) return w
  for (const s of SUFFIXES) {
    if (w.length - s.length >= 3 && w.endsWith(s)) {
      w = w.slice(0, -s.length)
      if (s === 'ies' || s === 'ied') w += 'i'
      break
    }
  }
  // "waiting" → "wait", "stopped" → "stop": a doubled final consonant left by -ing/-ed goes.
  if (/([bdfgmnprt])\1$/.test(w) && w.length > 3) w = w.slice(0, -1)
  // "choose"/"choosing", "care"/"caring": a final silent e goes.
  if (w.endsWith('e') && w.length > 3) w = w.slice(0, -1)
  return w
}

/** The content terms of a text, in order, each with the word as written (repeats kept). */
export function termForms(text: string): Array<readonly [stem: string, word: string]> {
  const out: Array<readonly [string, string]> = []
  for (const m of text.toLowerCase().matchAll(WORD)) {
    // Welsh clitics: "i'r", "o'r", "a'i" → "i", "o", "a" (stop words); "car's" keeps "car".
    const w = m[0].replace(/’/g, "'").replace(/'(r|n|i|w|m|th|ch|s)$/, '')
    if (w.length < 2 || STOP_WORDS.has(w)) continue
    const s = stem(w)
    if (s.length < 2 || STOP_WORDS.has(s)) continue
    out.push([s, w])
  }
  return out
}

/** The content terms (stems) of a text, in order (repeats kept: term frequency counts them). */
export function terms(text: string): string[] {
  return termForms(text).map(([s]) => s)
}

"""Spanish words the shipped word list leaves out because they are inflected forms.

pyspellchecker's Spanish list holds mostly dictionary headwords: "niño" but not "niños", "hablar"
but not "habló", "estar" but not "está". Underlining half of every Spanish note would teach a
coach to ignore the underline, so a word is also accepted when it is a regular plural, a regular
conjugation of a listed verb (with or without attached pronouns), or one of the common irregular
forms below. Accepting a rare misspelling that happens to look like a conjugation is the lesser
harm.
"""

from collections.abc import Callable

# Common irregular forms (ser, estar, haber, ir, tener, poder, hacer, decir, querer, saber,
# venir, dar, ver, poner, salir) and function words the list lacks.
_IRREGULAR_TEXT = """
soy eres es somos sois son era eras éramos erais eran fui fuiste fue fuimos fuisteis fueron
sea seas seamos sean fuera fueras fuéramos fueran sido siendo sería serían será serán
estoy estás está estamos estáis están estuve estuvo estuvimos estuvieron esté estés estén
he has ha hay hemos habéis han había habías habíamos habían hubo hubiera haya hayan habrá
voy vas va vamos vais van iba ibas íbamos iban vaya vayan yendo
tengo tienes tiene tenemos tienen tuve tuvo tuvimos tuvieron tenga tengan tendrá tendría
puedo puedes puede podemos pueden pude pudo pudimos pudieron pueda puedan podrá podría podrían
hago haces hace hacemos hacen hice hizo hicimos hicieron haga hagan hará haría hecho
digo dices dice decimos dicen dije dijo dijimos dijeron diga digan dirá diría dicho diciendo
quiero quieres quiere queremos quieren quise quiso quisieron quiera quieran querría
sé sabes sabe sabemos saben supe supo supieron sepa sepan sabrá sabría
vengo vienes viene venimos vienen vine vino vinieron venga vengan vendrá viniendo
doy das da damos dan di dio dieron dé den
veo ves ve vemos ven vi vio vieron vea vean visto
pongo pones pone ponemos ponen puse puso pusieron ponga pongan puesto
salgo sales sale salimos salen salga salgan saldrá
siento sientes siente sienten sintió sintieron sienta pienso piensa piensan pensó
entiendo entiende entienden juega juegan duerme duermen pide piden pidió sigue siguen siguió
qué quién quiénes cuál cuáles cómo dónde cuándo cuánto cuánta cuántos cuántas
"""
IRREGULAR = frozenset(_IRREGULAR_TEXT.split())

VERB_ENDINGS = {
    "ar": ("o as a amos áis an é aste ó asteis aron aba abas ábamos abais aban ara aras áramos "
           "aran e es emos éis en ando ado ada ados adas aré arás ará aremos aréis arán aría "
           "arías aríamos aríais arían"),
    "er": ("o es e emos éis en í iste ió imos isteis ieron ía ías íamos íais ían iera ieras "
           "iéramos ieran a as amos áis an iendo ido ida idos idas eré erás erá eremos eréis "
           "erán ería erías eríamos eríais erían"),
    "ir": ("o es e imos ís en í iste ió isteis ieron ía ías íamos íais ían iera ieras iéramos "
           "ieran a as amos áis an iendo ido ida idos idas iré irás irá iremos iréis irán iría "
           "irías iríamos iríais irían"),
}
# (ending, infinitive suffix) pairs, longest ending first.
_CONJUGATIONS = sorted(((ending, infinitive) for infinitive, endings in VERB_ENDINGS.items()
                        for ending in endings.split()), key=lambda pair: -len(pair[0]))
CLITICS = ("selos", "selas", "melo", "mela", "telo", "tela", "se", "lo", "la", "los", "las",
           "le", "les", "me", "te", "nos")
_UNACCENT = str.maketrans("áéíóú", "aeiou")
_STRESSED = {"a": "á", "e": "é", "i": "í", "o": "ó", "u": "ú"}


def _singulars(word: str) -> list[str]:
    """Headwords an inflection may come from: niños, necesidades, luces, reuniones, abiertas."""
    found = []
    if word.endswith("s"):
        found.append(word[:-1])
    # abiertas, contenta -> abierto: the list names adjectives by their masculine singular.
    if word.endswith(("a", "as")):
        found.append(word[:word.rindex("a")] + "o")
    if word.endswith("es"):
        stem = word[:-2]
        found.append(stem)
        if stem.endswith("c"):
            found.append(stem[:-1] + "z")
        # reuniones -> reunión, exámenes -> examen: the stress mark comes or goes.
        found.append(stem.translate(_UNACCENT))
        for index in range(len(stem) - 1, -1, -1):
            if stem[index] in _STRESSED:
                found.append(stem[:index] + _STRESSED[stem[index]] + stem[index + 1:])
                break
    return found


def _infinitives(word: str) -> list[str]:
    """Infinitives a regular conjugation may come from: habló -> hablar, comprendió -> comprender."""
    found = []
    for ending, infinitive in _CONJUGATIONS:
        if word.endswith(ending) and len(word) - len(ending) >= 2:
            found.append(word[:-len(ending)] + infinitive)
    return found


def _without_clitics(word: str) -> list[str]:
    """The verb a pronoun is attached to: hacerlo -> hacer, dándole -> dando (dando -> dar)."""
    found = []
    for clitic in CLITICS:
        if word.endswith(clitic) and len(word) - len(clitic) >= 3:
            found.append(word[:-len(clitic)].translate(_UNACCENT))
    return found


def is_spanish_form(word: str, listed: Callable[[str], bool]) -> bool:
    """True when lower-case word is a common irregular form or an inflection of a listed word."""
    if word in IRREGULAR:
        return True
    candidates = _singulars(word) + _infinitives(word)
    if any(listed(candidate) or candidate in IRREGULAR for candidate in candidates):
        return True
    for bare in _without_clitics(word):
        if listed(bare) or bare in IRREGULAR or any(listed(inf) for inf in _infinitives(bare)):
            return True
    return False

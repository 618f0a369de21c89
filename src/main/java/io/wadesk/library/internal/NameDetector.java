package io.wadesk.library.internal;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * People's names, found four ways: the names the desk knows (the contact's, the staff's) wherever they appear; a
 * name after a cue ("je m'appelle", "au nom de", "mon fils", "ask for", "Appelez", "Bonjour", "Cordialement"...); a
 * name after a title ("Mme", "Mr"); and a first name of the gazetteer written with a capital, with the surname that
 * follows it. A name runs over surnames with particles (de, du, van den, von, da, le, O'), hyphens and initials.
 */
final class NameDetector {

    /** How sure the words before a token make it a name. */
    private enum Cue {
        /** "je m'appelle", "my name is", "au nom de": whatever is not a common word. */
        STRONG,
        /** A relation, a greeting, a request ("mon fils", "Bonjour", "ask for"): a capitalised word or a known name. */
        MEDIUM,
        NONE
    }

    private static final Pattern TOKEN = Pattern.compile(
            "(?<![\\p{L}\\p{N}])\\p{L}[\\p{L}\\p{M}]*+(?:[-'’]\\p{L}[\\p{L}\\p{M}]*+)*+\\.?+(?![\\p{N}])");

    /** An elided French article or pronoun before a name: "d'Hélène", "l'Amélie". */
    private static final Pattern ELIDED = Pattern.compile("^(?:[dljmnstc]|qu)['’](?=\\p{L})");

    private static final String TITLE = "(?:\\b(?:M\\.|Mme\\.?|Mlle\\.?|Mr\\.?|Mrs\\.?|Ms\\.?|Dr\\.?|Me|Pr\\.?)"
            + "|(?i:\\b(?:madame|monsieur|mademoiselle|miss|mister|sir|madam|docteur|doctor|maître|maitre)))";

    private static final Pattern TITLE_BEFORE = Pattern.compile(TITLE + "\\s+$");

    private static final String SEP = "(?:\\s*[,:]\\s*|\\s+)$";

    private static final Pattern STRONG_BEFORE =
            Pattern.compile("(?iu)\\b(?:je\\s+m['’\\s]?appel+e|j['’\\s]?m['’\\s]?appel+e"
                    + "|mon\\s+nom\\s+(?:est|c['’]?est)|my\\s+name(?:['’]s|\\s+is)|name\\s+is|au\\s+nom\\s+d[eu]|[àa]\\s+mon\\s+nom"
                    + "|nom|name|pr[ée]nom|first\\s+name|last\\s+name|surname|sign[ée]e?|signed|under\\s+the\\s+name)"
                    + "(?:\\s+(?:de|of))?" + SEP);

    private static final String RELATION = "fils|fille|femme|mari|[ée]pouse|[ée]poux|conjointe?|compagnon|compagne"
            + "|copain|copine|amie?|fr[èe]re|s(?:oe|œ)ur|m[èe]re|p[èe]re|maman|papa|cousine?|oncle|tante|neveu|ni[èe]ce"
            + "|grand-m[èe]re|grand-p[èe]re|voisine?|coll[èe]gue|patronne?|chef|comptable|gardienne?|associ[ée]e?"
            + "|livreur|livreuse|facteur|son|daughter|wife|husband|partner|boyfriend|girlfriend|friend|brother|sister"
            + "|mother|mum|mom|father|dad|cousin|uncle|aunt|nephew|niece|grandma|grandmother|grandpa|grandfather"
            + "|neighbou?r|colleague|boss|roommate|flatmate|doorman|landlord|landlady|assistant|accountant|manager"
            + "|courier|driver|secr[ée]taire|secretary|b[ée]b[ée]|baby|kid|child|petite?-fille|petit-fils|beau-fr[èe]re"
            + "|belle-s(?:oe|œ)ur|belle-m[èe]re|beau-p[èe]re";

    private static final Pattern MEDIUM_BEFORE = Pattern.compile("(?iu)(?:\\b(?:mon|ma|mes|my|notre|our|son|sa|his"
            + "|her|le|la|the|ta|ton|your|votre)\\s+(?:" + RELATION + ")(?:\\s+(?:is|est|c['’]est|s['’]appelle"
            + "|called|named))?|\\b(?:ask\\s+for|asked\\s+for|speak\\s+(?:to|with)|talk\\s+(?:to|with)|contact(?:ez|er)?"
            + "|call|appel+ez|appeler|rappelez|demandez|demander|voir\\s+avec|de\\s+la\\s+part\\s+de|on\\s+behalf\\s+of"
            + "|thanks|thank\\s+you|thx|merci|cheers|bonjour|bonsoir|bjr|slt|salut|coucou|hello|hi|hiya|hey|dear|cher"
            + "|ch[èe]re|ciao|salam|hola|buongiorno|gr[üu]ezi|hallo|cordialement|regards|best|bien\\s+[àa]\\s+vous"
            + "|bisous|sincerely|moi\\s+c['’]est|c['’]est|c\\s+est|c|ici|je\\s+suis|i\\s+am|i['’]m|im|it['’]s|its"
            + "|this\\s+is|here\\s+is|sono|alright|yours|la\\s+maman\\s+de|le\\s+papa\\s+de|(?:le|la)\\s+(?:"
            + RELATION + ")\\s+d[e']|mother\\s+of|father\\s+of|wife\\s+of|husband\\s+of|laisser\\s+[àa]"
            + "|leave\\s+it\\s+with|remis\\s+[àa]|transf[èe]re\\s+(?:vers|[àa])|adress[ée]e?\\s+[àa]|destinataire"
            + "|recipient|attention\\s+of|attn|[àa]\\s+l['’]attention\\s+de))" + SEP);

    private static final List<String> PARTICLES = List.of(
            "de", "du", "des", "van", "von", "der", "den", "da", "di", "le", "la", "del", "della", "dos", "das", "ten",
            "ter", "el", "al", "ben", "bin", "mac", "zu", "af", "av", "st", "saint", "sainte", "dit");

    private final NameGazetteer gazetteer;

    NameDetector(NameGazetteer gazetteer) {
        this.gazetteer = gazetteer;
    }

    /** A word of the text, its span without an elided article ("d'Hélène") or a possessive ("Daniel's"). */
    private record Token(int start, int end, String word) {}

    List<Detection> detect(String text, MaskingContext context) {
        List<Detection> found = new ArrayList<>(known(text, context.names()));
        List<Token> tokens = tokens(text);
        for (int i = 0; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            Cue cue = cueBefore(text, token);
            if (!startsName(tokens, i, cue)) {
                continue;
            }
            int last = extend(text, tokens, i, cue);
            found.add(new Detection(token.start(), tokens.get(last).end(), Detection.Kind.NAME));
            i = last;
        }
        return found;
    }

    private static List<Token> tokens(String text) {
        List<Token> tokens = new ArrayList<>();
        Matcher matcher = TOKEN.matcher(text);
        while (matcher.find()) {
            tokens.add(token(matcher.start(), matcher.end(), matcher.group()));
        }
        return tokens;
    }

    /** A word as a name would be written: without a final dot (but "J."), an elision ("d'") or a possessive ("'s"). */
    private static Token token(int start, int end, String word) {
        if (word.endsWith(".") && !(word.length() == 2 && Character.isUpperCase(word.charAt(0)))) {
            word = word.substring(0, word.length() - 1);
            end--;
        }
        Matcher elided = ELIDED.matcher(word);
        if (elided.find()) {
            start += elided.end();
            word = word.substring(elided.end());
        }
        if (word.matches(".+['’][sS]")) {
            word = word.substring(0, word.length() - 2);
            end -= 2;
        }
        return new Token(start, end, word);
    }

    private static Cue cueBefore(String text, Token token) {
        String before = text.substring(Math.max(0, token.start() - 40), token.start());
        if (STRONG_BEFORE.matcher(before).find() || TITLE_BEFORE.matcher(before).find()) {
            return Cue.STRONG;
        }
        return MEDIUM_BEFORE.matcher(before).find() ? Cue.MEDIUM : Cue.NONE;
    }

    private boolean startsName(List<Token> tokens, int i, Cue cue) {
        String word = tokens.get(i).word();
        if (isInitial(word)) {
            return i + 1 < tokens.size()
                    && capitalised(tokens.get(i + 1).word())
                    && !common(tokens.get(i + 1).word());
        }
        boolean common = common(word);
        return switch (cue) {
            case STRONG -> !common || capitalised(word) && gazetteer.isLastName(word);
            case MEDIUM -> !common && (capitalised(word) || gazetteer.isFirstName(word));
            case NONE -> !common && startsNameWithoutCue(tokens, i);
        };
    }

    /** Without a cue, only a first name that is not also a place, capitalised or followed by a surname. */
    private boolean startsNameWithoutCue(List<Token> tokens, int i) {
        String word = tokens.get(i).word();
        return gazetteer.isFirstName(word)
                && !gazetteer.isPlace(word)
                && (capitalised(word)
                        || i + 1 < tokens.size() && isSurname(tokens.get(i + 1).word(), false));
    }

    /** The index of the name's last token: surnames, particles and initials that follow, with only spaces between. */
    /** The first token from {@code next} that is not a particle followed by another word ("de", "van"). */
    private static int afterParticles(String text, List<Token> tokens, int next) {
        int surname = next;
        while (surname < tokens.size() - 1
                && PARTICLES.contains(fold(tokens.get(surname).word()))
                && adjacent(text, tokens.get(surname), tokens.get(surname + 1))) {
            surname++;
        }
        return surname;
    }

    private int extend(String text, List<Token> tokens, int first, Cue cue) {
        int last = first;
        int next = first + 1;
        while (next < tokens.size() && next - first < 5 && adjacent(text, tokens.get(next - 1), tokens.get(next))) {
            int surname = afterParticles(text, tokens, next);
            boolean afterParticle = surname > next;
            String word = tokens.get(surname).word();
            if (!isSurname(word, cue == Cue.STRONG) || afterParticle && gazetteer.isPlace(word)) {
                break;
            }
            last = surname;
            next = surname + 1;
        }
        return last;
    }

    private boolean isSurname(String word, boolean anyWord) {
        if (isInitial(word) || word.length() == 2 && word.equals(word.toUpperCase(Locale.ROOT))) {
            return true;
        }
        if (common(word)) {
            return false;
        }
        return capitalised(word) || anyWord || gazetteer.isLastName(word);
    }

    private static boolean adjacent(String text, Token a, Token b) {
        return text.substring(a.end(), b.start()).matches("[ \\t]+");
    }

    private boolean common(String word) {
        return gazetteer.isCommonWord(word);
    }

    private static boolean capitalised(String word) {
        return Character.isUpperCase(word.codePointAt(0));
    }

    private static boolean isInitial(String word) {
        return word.length() == 2 && Character.isUpperCase(word.charAt(0)) && word.charAt(1) == '.';
    }

    private static String fold(String word) {
        return NameGazetteer.fold(word);
    }

    /**
     * The known names' words (three letters or more) wherever they appear, whatever their case and accents; a word
     * that is also a common one ("Rose", "Petit") only with its capital.
     */
    private static Pattern wholeWord(String word) {
        return Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(foldKeepingLength(word)) + "(?![\\p{L}\\p{N}])");
    }

    private List<Detection> known(String text, List<String> names) {
        List<Detection> found = new ArrayList<>();
        String folded = foldKeepingLength(text);
        for (String word : knownWords(names)) {
            boolean common = common(word);
            Matcher matcher = wholeWord(word).matcher(folded);
            while (matcher.find()) {
                if (!common || Character.isUpperCase(text.charAt(matcher.start()))) {
                    found.add(new Detection(matcher.start(), matcher.end(), Detection.Kind.NAME));
                }
            }
        }
        return found;
    }

    /** The words of the known names (an e-mail's parts too), three letters or more, each once. */
    private static List<String> knownWords(List<String> names) {
        List<String> words = new ArrayList<>();
        for (String name : names) {
            for (String word : name.replace("@", " ").split("[\\s,]+")) {
                if (word.codePointCount(0, word.length()) >= 3 && !words.contains(word)) {
                    words.add(word);
                }
            }
        }
        return words;
    }

    /** Lower case without accents, one character for one, so that positions in the folded text hold in the text. */
    private static String foldKeepingLength(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            String c = String.valueOf(text.charAt(i));
            String base = Normalizer.normalize(c, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
            out.append(
                    base.length() == 1 ? base.toLowerCase(Locale.ROOT).charAt(0) : Character.toLowerCase(c.charAt(0)));
        }
        return out.toString();
    }
}

package dev.parley.search;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.ar.ArabicAnalyzer;
import org.apache.lucene.analysis.ar.ArabicNormalizationFilter;
import org.apache.lucene.analysis.ar.ArabicStemFilter;
import org.apache.lucene.analysis.core.DecimalDigitFilter;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Turns text into index terms with Lucene's analyzers. Every chain normalises Arabic (alef and
 * hamza forms, taa marbuta, alef maqsura, diacritics and tanween, tatweel), reads Arabic-Indic
 * digits as 0–9, folds accents (Café = cafe), drops English and Arabic stop words and strips
 * Arabic prefixes and suffixes (incl. the article), all of which touch only the script they are
 * for, so a message mixing Arabic and English is analysed word by word. The chains differ in
 * English stemming: {@link Chain#ENGLISH} stems Latin words (supports = support), {@link
 * Chain#NEUTRAL} leaves them whole for other languages. A message's {@code language} picks the
 * chain, or else its script; a query is analysed with both, each word matching either form.
 */
public final class TextAnalysis {

    /** Words shorter than this after analysis are not worth a posting list of their own. */
    private static final int MAX_TERM = 64;

    public enum Chain { ENGLISH, NEUTRAL }

    /** A word of a text: its term and where it stands in the text (for highlighting). */
    public record Token(String term, int start, int end) {
    }

    private static final CharArraySet STOP_WORDS = stopWords();
    private static final Analyzer ENGLISH = chain(true, true);
    private static final Analyzer NEUTRAL = chain(false, true);
    /** For prefixes: normalised and folded, but not stemmed (a prefix is not a word). */
    private static final Analyzer PREFIX = chain(false, false);

    private TextAnalysis() {
    }

    private static CharArraySet stopWords() {
        CharArraySet set = new CharArraySet(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET, false);
        set.addAll(ArabicAnalyzer.getDefaultStopSet());
        return CharArraySet.unmodifiableSet(set);
    }

    private static Analyzer chain(boolean english, boolean stem) {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String field) {
                Tokenizer source = new StandardTokenizer();
                TokenStream stream = english ? new EnglishPossessiveFilter(source) : source;
                stream = new LowerCaseFilter(stream);
                stream = new DecimalDigitFilter(stream);
                if (stem) {
                    stream = new StopFilter(stream, STOP_WORDS);
                }
                stream = new ArabicNormalizationFilter(stream);
                stream = new ASCIIFoldingFilter(stream);
                if (stem) {
                    stream = new ArabicStemFilter(stream);
                }
                if (english) {
                    stream = new PorterStemFilter(stream);
                }
                return new TokenStreamComponents(source, stream);
            }
        };
    }

    /** The chain for a text: its language when known ({@code en…} stems English), else its script. */
    public static Chain chainFor(String language, String text) {
        if (language != null && !language.isBlank()) {
            return language.toLowerCase(Locale.ROOT).startsWith("en") ? Chain.ENGLISH : Chain.NEUTRAL;
        }
        int latin = 0;
        int other = 0;
        for (int i = 0; i < text.length() && latin + other < 400; i++) {
            char c = text.charAt(i);
            if (Character.isLetter(c)) {
                if (Character.UnicodeScript.of(c) == Character.UnicodeScript.LATIN) {
                    latin++;
                } else {
                    other++;
                }
            }
        }
        return latin > 0 && latin >= other ? Chain.ENGLISH : Chain.NEUTRAL;
    }

    /** The words of {@code text} in order, with their positions. */
    public static List<Token> tokens(String text, Chain chain) {
        return analyse(chain == Chain.ENGLISH ? ENGLISH : NEUTRAL, text);
    }

    /** The distinct terms of {@code text}. */
    public static Set<String> terms(String text, Chain chain) {
        Set<String> terms = new LinkedHashSet<>();
        for (Token token : tokens(text, chain)) {
            terms.add(token.term());
        }
        return terms;
    }

    /** A query word's forms under each chain, in order of the words it splits into. */
    static List<Set<String>> queryForms(String text) {
        List<Token> english = analyse(ENGLISH, text);
        List<Token> neutral = analyse(NEUTRAL, text);
        List<Set<String>> forms = new ArrayList<>();
        for (int i = 0; i < english.size(); i++) {
            Set<String> both = new LinkedHashSet<>();
            both.add(english.get(i).term());
            if (english.size() == neutral.size()) {
                both.add(neutral.get(i).term());
            }
            forms.add(both);
        }
        return forms;
    }

    /** A prefix as terms begin: normalised, folded and lower-cased, not stemmed; null when nothing is left. */
    static String prefixForm(String text) {
        List<Token> tokens = analyse(PREFIX, text);
        return tokens.size() == 1 ? tokens.get(0).term() : null;
    }

    private static List<Token> analyse(Analyzer analyzer, String text) {
        List<Token> tokens = new ArrayList<>();
        if (text == null || text.isEmpty()) {
            return tokens;
        }
        try (TokenStream stream = analyzer.tokenStream("text", text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            OffsetAttribute offset = stream.addAttribute(OffsetAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                if (term.length() > 0 && term.length() <= MAX_TERM) {
                    tokens.add(new Token(term.toString(), offset.startOffset(), offset.endOffset()));
                }
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException("analysing text held in memory cannot fail", e);
        }
        return tokens;
    }
}

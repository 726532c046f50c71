package dev.parley.search;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A short, HTML-safe excerpt of a text around its first match, every matching word wrapped in
 * {@code <mark>…</mark>}. Words are matched the way the index matched them (analysed), so
 * {@code المدرسة} is marked for the query {@code مدرسة} and "Supports" for "support".
 */
public final class Snippets {

    static final int WIDTH = 160;

    private Snippets() {
    }

    public static String highlight(String text, TextAnalysis.Chain chain, SearchQuery query) {
        if (text == null) {
            return null;
        }
        List<TextAnalysis.Token> tokens = TextAnalysis.tokens(text, chain);
        List<TextAnalysis.Token> marked = marked(tokens, query);
        int center = marked.isEmpty() ? 0 : marked.get(0).start();
        int start = Math.max(0, Math.min(center - WIDTH / 3, text.length() - WIDTH));
        int end = Math.min(text.length(), start + WIDTH);
        start = wordStart(text, start);
        StringBuilder out = new StringBuilder(start > 0 ? "…" : "");
        int at = start;
        for (TextAnalysis.Token token : marked) {
            if (token.start() < at || token.end() > end) {
                continue;
            }
            escape(out, text, at, token.start());
            out.append("<mark>");
            escape(out, text, token.start(), token.end());
            out.append("</mark>");
            at = token.end();
        }
        escape(out, text, at, end);
        return end < text.length() ? out.append('…').toString() : out.toString();
    }

    /** The tokens that are a term, a phrase's words in a row, or begin with a prefix of the query. */
    private static List<TextAnalysis.Token> marked(List<TextAnalysis.Token> tokens, SearchQuery query) {
        Set<Integer> hit = new HashSet<>();
        List<String> terms = tokens.stream().map(TextAnalysis.Token::term).toList();
        for (SearchQuery.Clause clause : query.clauses()) {
            for (SearchQuery.Atom atom : clause.anyOf()) {
                for (int i = 0; i < tokens.size(); i++) {
                    if (matchesAt(atom, terms, i)) {
                        for (int j = 0; j < (atom.kind() == SearchQuery.Kind.PHRASE ? atom.forms().size() : 1); j++) {
                            hit.add(i + j);
                        }
                    }
                }
            }
        }
        List<TextAnalysis.Token> out = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            if (hit.contains(i)) {
                out.add(tokens.get(i));
            }
        }
        return out;
    }

    private static boolean matchesAt(SearchQuery.Atom atom, List<String> terms, int i) {
        return switch (atom.kind()) {
            case TERM -> atom.forms().get(0).contains(terms.get(i));
            case PREFIX -> terms.get(i).startsWith(atom.forms().get(0).iterator().next());
            case PHRASE -> SearchQuery.phraseAt(atom.forms(), terms.subList(i, Math.min(terms.size(), i + atom.forms().size()))) == 0;
        };
    }

    private static int wordStart(String text, int from) {
        int at = from;
        while (at > 0 && at > from - 20 && !Character.isWhitespace(text.charAt(at - 1))) {
            at--;
        }
        return at;
    }

    private static void escape(StringBuilder out, String text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
    }
}

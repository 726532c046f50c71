package dev.parley.search;

import dev.parley.InvalidInputException;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.HashSet;
import java.util.LinkedHashSet;

/**
 * A parsed search: words are AND-ed, {@code OR} joins the words on either side into one clause,
 * {@code "…"} is a phrase, {@code -word} or {@code -"…"} excludes, {@code word*} is a prefix.
 * Words are analysed like the text they search (both chains), so each position of a term or
 * phrase holds the forms it may take in the index.
 */
public record SearchQuery(String text, List<Clause> clauses, List<Atom> excluded) {

    public static final int MAX_LENGTH = 512;
    public static final int MAX_ATOMS = 16;
    static final int MIN_PREFIX = 2;

    public enum Kind { TERM, PHRASE, PREFIX }

    /**
     * A word, a phrase (words in a row) or a prefix. {@code forms} holds one set of acceptable
     * terms per word; a prefix has one entry, its normalised beginning.
     */
    public record Atom(Kind kind, List<Set<String>> forms) {

        /** The terms whose postings can hold a match: all forms of a term, those of a phrase's words. */
        Set<String> anyForm() {
            Set<String> all = new LinkedHashSet<>();
            forms.forEach(all::addAll);
            return all;
        }
    }

    /** Atoms of which at least one must match. */
    public record Clause(List<Atom> anyOf) {
    }

    public static SearchQuery parse(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidInputException("q", "is required");
        }
        if (text.length() > MAX_LENGTH) {
            throw new InvalidInputException("q", "must be at most " + MAX_LENGTH + " characters");
        }
        List<Clause> clauses = new ArrayList<>();
        List<Atom> excluded = new ArrayList<>();
        List<Atom> group = new ArrayList<>();
        boolean joinNext = false;
        int atoms = 0;
        for (String word : split(text)) {
            if (word.equals("OR")) {
                joinNext = !group.isEmpty();
                continue;
            }
            boolean exclude = word.startsWith("-") && word.length() > 1;
            Atom atom = atom(exclude ? word.substring(1) : word);
            if (atom == null) {
                continue; // a stop word or punctuation: nothing to look for
            }
            if (++atoms > MAX_ATOMS) {
                throw new InvalidInputException("q", "may hold at most " + MAX_ATOMS + " words, phrases and prefixes");
            }
            if (exclude) {
                excluded.add(atom);
                continue;
            }
            if (!joinNext && !group.isEmpty()) {
                clauses.add(new Clause(List.copyOf(group)));
                group.clear();
            }
            group.add(atom);
            joinNext = false;
        }
        if (!group.isEmpty()) {
            clauses.add(new Clause(List.copyOf(group)));
        }
        if (clauses.isEmpty()) {
            throw new InvalidInputException("q", "needs at least one word to look for (stop words such as 'the' and"
                    + " exclusions alone match nothing)");
        }
        return new SearchQuery(text, List.copyOf(clauses), List.copyOf(excluded));
    }

    /** Words and quoted phrases (a quote keeps its leading minus); an unclosed quote runs to the end. */
    private static List<String> split(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                current.append(c);
                if (quoted) {
                    words.add(current.toString());
                    current.setLength(0);
                }
                quoted = !quoted;
            } else if (Character.isWhitespace(c) && !quoted) {
                if (!current.isEmpty()) {
                    words.add(current.toString());
                    current.setLength(0);
                }
            } else {
                current.append(c);
            }
        }
        if (!current.isEmpty()) {
            words.add(current.toString());
        }
        return words;
    }

    private static Atom atom(String word) {
        if (word.startsWith("\"")) {
            String inner = word.substring(1, word.endsWith("\"") && word.length() > 1 ? word.length() - 1 : word.length());
            List<Set<String>> forms = TextAnalysis.queryForms(inner);
            return forms.isEmpty() ? null : new Atom(forms.size() == 1 ? Kind.TERM : Kind.PHRASE, forms);
        }
        if (word.endsWith("*") && word.length() > 1) {
            String prefix = TextAnalysis.prefixForm(word.substring(0, word.length() - 1));
            if (prefix == null || prefix.length() < MIN_PREFIX) {
                throw new InvalidInputException("q", "a prefix needs at least " + MIN_PREFIX + " letters before *: " + word);
            }
            return new Atom(Kind.PREFIX, List.of(Set.of(prefix)));
        }
        List<Set<String>> forms = TextAnalysis.queryForms(word);
        // "e-mail" or "order#123" analyse into several words: they must stand in a row
        return forms.isEmpty() ? null : new Atom(forms.size() == 1 ? Kind.TERM : Kind.PHRASE, forms);
    }

    /** Whether a text analysed into {@code tokens} (in order) matches the whole query. */
    boolean matches(List<String> tokens) {
        Set<String> present = new HashSet<>(tokens);
        for (Clause clause : clauses) {
            if (clause.anyOf().stream().noneMatch(atom -> matches(atom, tokens, present))) {
                return false;
            }
        }
        return excluded.stream().noneMatch(atom -> matches(atom, tokens, present));
    }

    static boolean matches(Atom atom, List<String> tokens, Set<String> present) {
        return switch (atom.kind()) {
            case TERM -> atom.forms().get(0).stream().anyMatch(present::contains);
            case PREFIX -> {
                String prefix = atom.forms().get(0).iterator().next();
                yield present.stream().anyMatch(t -> t.startsWith(prefix));
            }
            case PHRASE -> phraseAt(atom.forms(), tokens) >= 0;
        };
    }

    /** The index of the first token where the phrase's words stand in a row, or -1. */
    static int phraseAt(List<Set<String>> words, List<String> tokens) {
        for (int i = 0; i + words.size() <= tokens.size(); i++) {
            int j = 0;
            while (j < words.size() && words.get(j).contains(tokens.get(i + j))) {
                j++;
            }
            if (j == words.size()) {
                return i;
            }
        }
        return -1;
    }
}

package dev.parley.search;

import org.bson.Document;

import java.util.List;
import java.util.function.Function;
import java.util.Map;

/**
 * How one kind of document reads as text (a message's {@code content}, a conversation's custom
 * field values); its {@code language} field, when set, picks the analysis chain.
 */
public record TextField(Function<Document, String> text) {

    public String of(Document doc) {
        return doc == null ? null : text.apply(doc);
    }

    public TextAnalysis.Chain chain(Document doc) {
        return TextAnalysis.chainFor(doc.getString("language"), of(doc));
    }

    /** Each term with its positions, as the index keeps them. */
    public Map<String, Integer> positions(Document doc) {
        return SearchIndex.positions(tokens(doc));
    }

    public List<String> tokens(Document doc) {
        String text = of(doc);
        return text == null ? List.of() : TextAnalysis.tokens(text, chain(doc)).stream().map(TextAnalysis.Token::term).toList();
    }

    /** The document's snippet for {@code query} (see {@link Snippets}). */
    public String snippet(Document doc, SearchQuery query) {
        return Snippets.highlight(of(doc), chain(doc), query);
    }
}

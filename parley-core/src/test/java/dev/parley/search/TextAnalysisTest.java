package dev.parley.search;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class TextAnalysisTest {

    /** Each pair must come out as the same term under either chain (a query is analysed with both). */
    @ParameterizedTest
    @CsvSource({
            "مرحبا, مرحباً",
            "أحمد, احمد",
            "أحمد, إحمد",
            "مدرسة, مدرسه",
            "مدرسة, المدرسة",
            "مرحبا, مـرحبا",
            "٣, 3",
            "support, supports",
            "Café, cafe",
            "customer's, customer",
    })
    void formsOfOneWordMeetInOneTerm(String one, String other) {
        for (TextAnalysis.Chain chain : TextAnalysis.Chain.values()) {
            if (chain == TextAnalysis.Chain.NEUTRAL && (one.startsWith("support") || one.startsWith("customer"))) {
                continue; // English stemming is the English chain's
            }
            assertThat(TextAnalysis.terms(one, chain)).as(chain + ": " + one + " / " + other)
                    .isNotEmpty().isEqualTo(TextAnalysis.terms(other, chain));
        }
    }

    @ParameterizedTest
    @CsvSource({
            "en, Hello there, ENGLISH",
            "ar, Hello there, NEUTRAL",
            ", hello there, ENGLISH",
            ", مرحبا بك في المتجر, NEUTRAL",
            "fr, bonjour, NEUTRAL",
    })
    void languageOrScriptPicksTheChain(String language, String text, TextAnalysis.Chain expected) {
        assertThat(TextAnalysis.chainFor(language, text)).isEqualTo(expected);
    }
}

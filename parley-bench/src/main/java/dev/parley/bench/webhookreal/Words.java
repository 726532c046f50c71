package dev.parley.bench.webhookreal;

import java.util.Random;

/** Short chat-like texts for message bodies; plain ASCII, so they need no JSON escaping. */
final class Words {

    private static final String[] WORDS = ("hi hello order refund shipping when where is my package please thanks "
            + "help delivered late missing item today tomorrow status ticket can you check invoice payment").split(" ");

    private Words() {
    }

    static String sentence(Random random) {
        int words = 3 + random.nextInt(12);
        StringBuilder out = new StringBuilder(words * 7);
        for (int i = 0; i < words; i++) {
            if (i > 0) {
                out.append(' ');
            }
            out.append(WORDS[random.nextInt(WORDS.length)]);
        }
        return out.toString();
    }
}

package dev.crosspt.metrics.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PorterStemmerTest {

    private final PorterStemmer stemmer = new PorterStemmer();

    /** The examples of Porter's paper, and the places where NLTK's default mode departs from it. */
    @ParameterizedTest
    @CsvSource({
        "caresses,caress", "ponies,poni", "ties,tie", "cats,cat", "feed,feed", "agreed,agre", "plastered,plaster",
        "motoring,motor", "sing,sing", "conflated,conflat", "hopping,hop", "falling,fall", "filing,file",
        "happy,happi", "relational,relat", "hopeful,hope", "goodness,good", "adjustable,adjust",
        "replacement,replac", "adoption,adopt", "controll,control", "roll,roll", "generously,gener",
        // NLTK_EXTENSIONS: irregular forms, -ies/-ied on four letters, y -> i only after a consonant
        "dying,die", "skies,sky", "news,news", "tied,tie", "cried,cri", "enjoy,enjoy", "spy,spi",
        // words of one or two letters are kept
        "is,is", "as,as",
    })
    void stemsAsNltk(String word, String stem) {
        assertEquals(stem, stemmer.stem(word), word);
    }

    /** 2,578 words stemmed by NLTK 3.10.3's PorterStemmer() (see the file's header), all reproduced. */
    @Test
    void agreesWithNltkOnAWordList() throws IOException {
        List<String> wrong = new ArrayList<>();
        int n = 0;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(Objects.requireNonNull(
                getClass().getResourceAsStream("/metrics/porter-nltk.tsv")), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split("\t");
                n++;
                String got = stemmer.stem(parts[0]);
                if (!got.equals(parts[1])) {
                    wrong.add(parts[0] + ": expected " + parts[1] + ", got " + got);
                }
            }
        }
        assertTrue(n > 2000, "the word list was read: " + n);
        assertEquals(List.of(), wrong);
    }
}

package org.rectransfer.datasets.formats;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;

import org.rectransfer.datasets.DataFormatException;
import org.rectransfer.datasets.RawInteractions;

/**
 * Amazon review data JSON lines ({@code reviews_X_5.json} of the 2014 release, {@code X_5.json}
 * of the 2018 release, also the full review files in strict JSON): one JSON object per line,
 * UTF-8. Each object must hold, exactly once each, {@code "reviewerID"} (string, the user),
 * {@code "asin"} (string, the item), {@code "overall"} (number in [1, 5], the rating) and
 * {@code "unixReviewTime"} (integer, seconds since the epoch); every other member
 * ({@code reviewText}, {@code helpful}, {@code style}, {@code image}, ...) is parsed for
 * well-formedness and ignored. Anything but one object per line (a blank line, trailing text,
 * invalid JSON, a missing or mistyped field) is a {@link DataFormatException} naming the file and
 * line. The 2014 metadata files (Python dict literals, not JSON) are not supported.
 *
 * <p>Parsed with Jackson's streaming parser ({@code jackson-core}). Result:
 * {@link RawInteractions.Feedback#EXPLICIT} with timestamps. Immutable and thread-safe.
 */
public final class AmazonReviewsJsonLines implements InteractionFormat {

    /** The format id. */
    public static final String ID = "amazon-reviews-jsonl";

    private static final JsonFactory JSON = JsonFactory.builder().build();
    private static final String USER = "reviewerID";
    private static final String ITEM = "asin";
    private static final String RATING = "overall";
    private static final String TIME = "unixReviewTime";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public RawInteractions read(List<Path> files) throws IOException {
        return Dedicated.read(files, StandardCharsets.UTF_8, true, RawInteractions.Feedback.EXPLICIT,
                file -> AmazonReviewsJsonLines::parse);
    }

    private static void parse(RawInteractions.Builder rows, Path file, String line, long no) {
        if (line.isBlank()) {
            throw LineReader.error(file, no, "blank line");
        }
        String user = null;
        String item = null;
        float rating = Float.NaN;
        long time = 0;
        boolean hasTime = false;
        try (JsonParser p = JSON.createParser(line)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw LineReader.error(file, no, "expected a JSON object" + LineReader.excerpt(line));
            }
            for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                switch (name) {
                    case USER -> user = string(p, v, user, name, file, no, line);
                    case ITEM -> item = string(p, v, item, name, file, no, line);
                    case RATING -> {
                        if (!Float.isNaN(rating)) {
                            throw duplicate(name, file, no, line);
                        }
                        if (!v.isNumeric()) {
                            throw typeError(name, "a number", v, file, no, line);
                        }
                        rating = Fields.number(p.getText(), "\"" + RATING + "\"", 1, 5, file, no, line);
                    }
                    case TIME -> {
                        if (hasTime) {
                            throw duplicate(name, file, no, line);
                        }
                        if (v != JsonToken.VALUE_NUMBER_INT) {
                            throw typeError(name, "an integer", v, file, no, line);
                        }
                        time = Fields.integer(p.getText(), "\"" + TIME + "\"", file, no, line);
                        hasTime = true;
                    }
                    default -> p.skipChildren();
                }
            }
            if (p.nextToken() != null) {
                throw LineReader.error(file, no, "text after the JSON object" + LineReader.excerpt(line));
            }
        } catch (JsonProcessingException e) {
            throw LineReader.error(file, no, "invalid JSON: " + e.getOriginalMessage() + LineReader.excerpt(line));
        } catch (IOException e) {
            throw new IllegalStateException("reading a string cannot fail", e);
        }
        String missing = user == null ? USER : item == null ? ITEM : Float.isNaN(rating) ? RATING : !hasTime ? TIME : null;
        if (missing != null) {
            throw LineReader.error(file, no, "missing field \"" + missing + "\"" + LineReader.excerpt(line));
        }
        rows.add(Fields.id(user, "\"" + USER + "\"", file, no, line), Fields.id(item, "\"" + ITEM + "\"", file, no, line),
                rating, time, no);
    }

    private static String string(JsonParser p, JsonToken v, String previous, String name, Path file, long no,
                                 String line) throws IOException {
        if (previous != null) {
            throw duplicate(name, file, no, line);
        }
        if (v != JsonToken.VALUE_STRING) {
            throw typeError(name, "a string", v, file, no, line);
        }
        return p.getText();
    }

    private static DataFormatException duplicate(String name, Path file, long no, String line) {
        return LineReader.error(file, no, "field \"" + name + "\" appears twice" + LineReader.excerpt(line));
    }

    private static DataFormatException typeError(String name, String expected, JsonToken found, Path file, long no,
                                                 String line) {
        return LineReader.error(file, no, "field \"" + name + "\" must be " + expected + ", found " + found
                + LineReader.excerpt(line));
    }
}

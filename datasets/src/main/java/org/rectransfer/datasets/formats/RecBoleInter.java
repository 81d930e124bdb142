package org.rectransfer.datasets.formats;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.rectransfer.datasets.DataFormatException;
import org.rectransfer.datasets.DelimitedFormat;
import org.rectransfer.datasets.RawInteractions;

/**
 * RecBole atomic interaction files ({@code NAME.inter}): UTF-8, tab-separated; the first line is
 * the header of {@code name:type} tokens, type one of {@code token}, {@code token_seq},
 * {@code float}, {@code float_seq}; then one interaction per line with exactly as many fields.
 * The user field ({@code user_id} by default) and the item field ({@code item_id}) must be
 * present with type {@code token}; if the rating field ({@code rating}) is present it must be
 * {@code float} and the result is {@link RawInteractions.Feedback#EXPLICIT}, otherwise
 * {@link RawInteractions.Feedback#IMPLICIT}; if the timestamp field ({@code timestamp}) is present it
 * must be {@code float} and every value must be written as an integer (seconds), otherwise there
 * are no timestamps. Other fields are checked for count only. A header name may appear once.
 * The data lines are read by {@link org.rectransfer.datasets.DelimitedLoader}; several files
 * must have the same header. Immutable and thread-safe.
 */
public final class RecBoleInter implements InteractionFormat {

    /** The format id. */
    public static final String ID = "recbole-inter";

    private final String userField;
    private final String itemField;
    private final String ratingField;
    private final String timestampField;

    /** With RecBole's default field names {@code user_id}, {@code item_id}, {@code rating}, {@code timestamp}. */
    public RecBoleInter() {
        this("user_id", "item_id", "rating", "timestamp");
    }

    public RecBoleInter(String userField, String itemField, String ratingField, String timestampField) {
        this.userField = Objects.requireNonNull(userField, "userField");
        this.itemField = Objects.requireNonNull(itemField, "itemField");
        this.ratingField = Objects.requireNonNull(ratingField, "ratingField");
        this.timestampField = Objects.requireNonNull(timestampField, "timestampField");
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public RawInteractions read(List<Path> files) throws IOException {
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no files to read");
        }
        String header = header(files.get(0));
        for (Path f : files.subList(1, files.size())) {
            String h = header(f);
            if (!h.equals(header)) {
                throw LineReader.error(f, 1, "header \"" + Dedicated.printable(h) + "\" differs from the header of "
                        + files.get(0) + ": \"" + Dedicated.printable(header) + "\"");
            }
        }
        DelimitedFormat format = format(files.get(0), header);
        return Dedicated.delimited(format, files,
                format.explicit() ? RawInteractions.Feedback.EXPLICIT : RawInteractions.Feedback.IMPLICIT);
    }

    /** The delimited layout described by a header line (read from {@code file}, named in errors). */
    public DelimitedFormat format(Path file, String header) {
        String[] tokens = header.split("\t", -1);
        Map<String, Integer> column = new HashMap<>();
        Map<String, String> type = new HashMap<>();
        for (int c = 0; c < tokens.length; c++) {
            String t = tokens[c];
            int colon = t.lastIndexOf(':');
            if (colon <= 0) {
                throw header(file, "header token " + c + " '" + t + "' is not name:type");
            }
            String name = t.substring(0, colon);
            String ty = t.substring(colon + 1);
            if (!ty.equals("token") && !ty.equals("token_seq") && !ty.equals("float") && !ty.equals("float_seq")) {
                throw header(file, "header token " + c + " '" + t + "' has unknown type '" + ty
                        + "' (token, token_seq, float, float_seq)");
            }
            if (column.put(name, c) != null) {
                throw header(file, "field '" + name + "' appears twice in the header");
            }
            type.put(name, ty);
        }
        int user = require(file, column, type, userField, "token");
        int item = require(file, column, type, itemField, "token");
        int rating = column.containsKey(ratingField) ? require(file, column, type, ratingField, "float") : -1;
        int ts = column.containsKey(timestampField) ? require(file, column, type, timestampField, "float") : -1;
        if (tokens.length < 2) {
            throw header(file, "fewer than 2 fields");
        }
        DelimitedFormat f = DelimitedFormat.of("\t", tokens.length, user, item, rating).withHeaderLines(1);
        return ts >= 0 ? f.withTimestampColumn(ts) : f;
    }

    private static int require(Path file, Map<String, Integer> column, Map<String, String> type, String name,
                               String expected) {
        Integer c = column.get(name);
        if (c == null) {
            throw header(file, "no field '" + name + "' in the header (fields: " + column.keySet() + ")");
        }
        if (!type.get(name).equals(expected)) {
            throw header(file, "field '" + name + "' has type " + type.get(name) + ", expected " + expected);
        }
        return c;
    }

    private static DataFormatException header(Path file, String problem) {
        return LineReader.error(file, 1, problem);
    }

    private static String header(Path file) throws IOException {
        String[] first = {null};
        try {
            LineReader.read(file, StandardCharsets.UTF_8, (line, no) -> {
                first[0] = line;
                throw new FirstLine();
            });
        } catch (FirstLine done) {
            // got it
        }
        if (first[0] == null) {
            throw header(file, "empty file, expected a name:type header");
        }
        return first[0];
    }

    private static final class FirstLine extends RuntimeException {
        private static final long serialVersionUID = 1L;

        FirstLine() {
            super(null, null, false, false);
        }
    }
}

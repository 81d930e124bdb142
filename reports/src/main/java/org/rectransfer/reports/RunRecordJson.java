package org.rectransfer.reports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.rectransfer.core.provenance.RunRecord;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * JSON Lines codec for {@link RunRecord}: one record per line, UTF-8, {@code \n}-terminated.
 *
 * <p><b>Encoding.</b> {@link #toJsonLine} writes one line without a line terminator, with record
 * properties and map keys in sorted order and no insignificant whitespace, so equal records give
 * equal bytes. Non-finite doubles (in metric and timing maps) are written as the JSON strings
 * {@code "NaN"}, {@code "Infinity"} and {@code "-Infinity"} and read back as the same doubles;
 * the bare tokens {@code NaN}/{@code Infinity} are accepted when reading too. Doubles round-trip
 * exactly.
 *
 * <p><b>Reading.</b> Parsing is strict: unknown properties, missing properties, {@code null} for
 * primitives and trailing content are errors. Blank lines are ignored. A malformed line anywhere
 * but at the end is an error ({@link MalformedRunRecordException} naming file and line). The only
 * tolerated defect is a <em>truncated last line</em>: a final line that has no terminating
 * {@code \n} and does not parse, as left by a run interrupted during {@link #append}. It is not
 * returned as a record: {@link #read} reports it in {@link ReadResult#truncatedTail()},
 * {@link #readAll} and {@link #cellKeys} skip it and log a {@code WARNING} through
 * {@link System.Logger}. A {@code \n}-terminated malformed last line is an error, not a truncation.
 *
 * <p><b>Writing.</b> {@link #append} is safe against interruption: an interrupted run loses at
 * most the cell in progress, and the next {@code append} first repairs the file (see there).
 * Appends from several threads of one JVM are serialized, and an OS file lock is held during the
 * write; other concurrent writers of the same file are not supported.
 *
 * <p>Stateless and thread-safe.
 */
public final class RunRecordJson {
    private static final System.Logger LOG = System.getLogger(RunRecordJson.class.getName());
    private static final Object APPEND_LOCK = new Object();
    private static final int TAIL_CHUNK = 8192;

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .disable(MapperFeature.SORT_CREATOR_PROPERTIES_FIRST)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(SerializationFeature.INDENT_OUTPUT)
            .enable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private RunRecordJson() {
    }

    /**
     * A file's records plus the truncated last line, if there was one.
     *
     * @param records       the records in file order
     * @param truncatedTail the unparseable unterminated last line, if any
     */
    public record ReadResult(List<RunRecord> records, Optional<TruncatedLine> truncatedTail) {
        public ReadResult {
            records = List.copyOf(records);
            Objects.requireNonNull(truncatedTail, "truncatedTail");
        }
    }

    /**
     * An unterminated last line that did not parse.
     *
     * @param lineNumber 1-based line number
     * @param text       the line as read (undecodable bytes replaced)
     * @param error      why it did not parse
     */
    public record TruncatedLine(int lineNumber, String text, String error) {
    }

    /**
     * Encodes one record as a single JSON line (no terminator), deterministic: sorted properties
     * and map keys, no whitespace.
     */
    public static String toJsonLine(RunRecord record) {
        Objects.requireNonNull(record, "record");
        try {
            return MAPPER.writeValueAsString(record);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot encode run record " + record.cellKey(), e);
        }
    }

    /**
     * Decodes one JSON line.
     *
     * @throws IllegalArgumentException if the line is not exactly one valid run record
     */
    public static RunRecord fromJsonLine(String line) {
        Objects.requireNonNull(line, "line");
        try {
            RunRecord r = MAPPER.readValue(line, RunRecord.class);
            if (r == null) {
                throw new IllegalArgumentException("not a run record: null");
            }
            return r;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e.getOriginalMessage(), e);
        }
    }

    /**
     * Reads every record of a JSON Lines file, reporting a truncated last line instead of
     * failing on it (see the class comment).
     *
     * @throws MalformedRunRecordException for any other malformed line
     * @throws NoSuchFileException         if the file does not exist
     */
    public static ReadResult read(Path runsJsonl) throws IOException {
        byte[] bytes = Files.readAllBytes(runsJsonl);
        List<RunRecord> records = new ArrayList<>();
        TruncatedLine truncated = null;
        int start = 0;
        int lineNumber = 0;
        while (start < bytes.length) {
            lineNumber++;
            int end = indexOf(bytes, (byte) '\n', start);
            boolean terminated = end >= 0;
            int stop = terminated ? end : bytes.length;
            int contentStop = stop > start && bytes[stop - 1] == '\r' ? stop - 1 : stop;
            String text;
            RunRecord record = null;
            String error = null;
            Throwable cause = null;
            try {
                text = strictUtf8(bytes, start, contentStop - start);
                if (!text.isBlank()) {
                    try {
                        record = fromJsonLine(text);
                    } catch (IllegalArgumentException e) {
                        error = e.getMessage();
                        cause = e.getCause();
                    }
                }
            } catch (CharacterCodingException e) {
                text = new String(bytes, start, contentStop - start, StandardCharsets.UTF_8);
                error = "invalid UTF-8";
                cause = e;
            }
            if (record != null) {
                records.add(record);
            } else if (error != null) {
                if (terminated) {
                    throw new MalformedRunRecordException(runsJsonl, lineNumber, error, cause);
                }
                truncated = new TruncatedLine(lineNumber, text, error);
            }
            start = stop + 1;
        }
        return new ReadResult(records, Optional.ofNullable(truncated));
    }

    /**
     * Reads every record of a JSON Lines file. A truncated last line is skipped and logged as a
     * warning; use {@link #read} to receive it.
     *
     * @throws MalformedRunRecordException for any other malformed line, naming file and line
     * @throws NoSuchFileException         if the file does not exist
     */
    public static List<RunRecord> readAll(Path runsJsonl) throws IOException {
        ReadResult result = read(runsJsonl);
        result.truncatedTail().ifPresent(t -> LOG.log(System.Logger.Level.WARNING,
                "{0}:{1}: skipping truncated last line (interrupted run?): {2}", runsJsonl, t.lineNumber(), t.error()));
        return result.records();
    }

    /**
     * Cell keys already stored, for resuming a grid: empty if the file does not exist. A truncated
     * last line contributes no key (its cell is re-run).
     *
     * @return an unmodifiable set in file order
     * @throws MalformedRunRecordException for a malformed line other than a truncated last line
     */
    public static Set<String> cellKeys(Path runsJsonl) throws IOException {
        if (!Files.exists(runsJsonl)) {
            return Set.of();
        }
        Set<String> keys = new LinkedHashSet<>();
        for (RunRecord r : readAll(runsJsonl)) {
            keys.add(r.cellKey());
        }
        return Collections.unmodifiableSet(keys);
    }

    /**
     * Appends one record as one line and forces it to the storage device before returning, so an
     * interrupted run loses at most the cell in progress. Creates the file and its parent
     * directories if needed.
     *
     * <p>Repair: if the file does not end with {@code \n} (an earlier append was interrupted), its
     * unterminated last line is kept and terminated when it parses as a record, and otherwise cut
     * off (logged as a warning) before the new line is written, so a truncated line never ends
     * up in the middle of the file.
     */
    public static void append(Path runsJsonl, RunRecord record) throws IOException {
        byte[] line = (toJsonLine(record) + "\n").getBytes(StandardCharsets.UTF_8);
        Path parent = runsJsonl.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        synchronized (APPEND_LOCK) {
            try (FileChannel ch = FileChannel.open(runsJsonl, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
                 FileLock ignored = ch.lock()) {
                long pos = repairTail(runsJsonl, ch);
                ByteBuffer buf = ByteBuffer.wrap(line);
                while (buf.hasRemaining()) {
                    pos += ch.write(buf, pos);
                }
                ch.force(true);
            }
        }
    }

    /** Makes the file end with '\n' (or be empty); returns the position to write at. */
    private static long repairTail(Path file, FileChannel ch) throws IOException {
        long size = ch.size();
        if (size == 0 || byteAt(ch, size - 1) == '\n') {
            return size;
        }
        long tailStart = lastNewline(ch, size) + 1;
        byte[] tail = new byte[Math.toIntExact(size - tailStart)];
        readFully(ch, ByteBuffer.wrap(tail), tailStart);
        boolean parses;
        try {
            String text = strictUtf8(tail, 0, tail.length);
            parses = !text.isBlank() && tryParse(text);
        } catch (CharacterCodingException e) {
            parses = false;
        }
        if (parses) {
            ch.write(ByteBuffer.wrap(new byte[] {'\n'}), size);
            return size + 1;
        }
        LOG.log(System.Logger.Level.WARNING, "{0}: dropping truncated last line of {1} bytes before append",
                file, tail.length);
        ch.truncate(tailStart);
        ch.force(true);
        return tailStart;
    }

    private static boolean tryParse(String text) {
        try {
            fromJsonLine(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static long lastNewline(FileChannel ch, long size) throws IOException {
        long end = size;
        ByteBuffer buf = ByteBuffer.allocate(TAIL_CHUNK);
        while (end > 0) {
            long begin = Math.max(0, end - TAIL_CHUNK);
            buf.clear().limit((int) (end - begin));
            readFully(ch, buf, begin);
            for (int i = (int) (end - begin) - 1; i >= 0; i--) {
                if (buf.get(i) == '\n') {
                    return begin + i;
                }
            }
            end = begin;
        }
        return -1;
    }

    private static byte byteAt(FileChannel ch, long pos) throws IOException {
        ByteBuffer one = ByteBuffer.allocate(1);
        readFully(ch, one, pos);
        return one.get(0);
    }

    private static void readFully(FileChannel ch, ByteBuffer buf, long pos) throws IOException {
        while (buf.hasRemaining()) {
            int n = ch.read(buf, pos);
            if (n < 0) {
                throw new IOException("unexpected end of file");
            }
            pos += n;
        }
    }

    private static String strictUtf8(byte[] bytes, int offset, int length) throws CharacterCodingException {
        CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes, offset, length));
        return chars.toString();
    }

    private static int indexOf(byte[] bytes, byte b, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }
}

package org.rectransfer.datasets;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;

import org.rectransfer.core.provenance.Hashing;

/**
 * Streams a file as decoded lines while hashing its raw bytes. Lines end at {@code \n}; one
 * {@code \r} before it (or before the end of the file) is dropped; a last line without newline is
 * a line; a file ending in a newline has no extra empty line. Undecodable bytes are a
 * {@link DataFormatException} naming the line, raised after every earlier line has been handed
 * to the sink. Not thread-safe; one instance per file.
 */
final class LineScanner {

    /** Receives each line as {@code buf[start, end)} (without line terminator). */
    interface Sink {
        void line(char[] buf, int start, int end, long lineNumber);
    }

    private static final int BYTE_BUFFER = 1 << 16;
    private static final int MIN_FREE_CHARS = 1 << 10;

    private final Path file;
    private final Sink sink;
    private CharBuffer chars = CharBuffer.allocate(1 << 16);
    private long lines;

    private LineScanner(Path file, Sink sink) {
        this.file = file;
        this.sink = sink;
    }

    /**
     * Feeds every line of {@code file} to {@code sink} and returns the SHA-256 (hex) of the file's
     * bytes and the number of lines.
     */
    static Result scan(Path file, Charset charset, Sink sink) throws IOException {
        return new LineScanner(file, sink).run(charset);
    }

    record Result(String sha256, long lines) {
    }

    private Result run(Charset charset) throws IOException {
        CharsetDecoder decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        MessageDigest md = Hashing.sha256();
        ByteBuffer bytes = ByteBuffer.allocate(BYTE_BUFFER);
        try (InputStream in = Files.newInputStream(file)) {
            boolean eof = false;
            boolean flushed = false;
            while (!flushed) {
                if (!eof && bytes.hasRemaining()) {
                    int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
                    if (n < 0) {
                        eof = true;
                    } else {
                        md.update(bytes.array(), bytes.position(), n);
                        bytes.position(bytes.position() + n);
                    }
                }
                bytes.flip();
                CoderResult cr = decoder.decode(bytes, chars, eof);
                bytes.compact();
                if (cr.isError()) {
                    drainLines();
                    throw new DataFormatException(new SourceLocation(file, lines + 1),
                            "bytes not valid in " + charset.name() + " (" + (cr.isMalformed() ? "malformed" : "unmappable")
                                    + " input of length " + cr.length() + ")");
                }
                if (eof && cr.isUnderflow()) {
                    cr = decoder.flush(chars);
                    if (cr.isError()) {
                        drainLines();
                        throw new DataFormatException(new SourceLocation(file, lines + 1),
                                "bytes not valid in " + charset.name() + " at end of file");
                    }
                    flushed = cr.isUnderflow();
                }
                drainLines();
            }
        }
        chars.flip();
        if (chars.hasRemaining()) {
            emit(chars.array(), 0, chars.limit());
        }
        return new Result(Hashing.hex(md.digest()), lines);
    }

    /** Emits complete lines from the char buffer and keeps the partial last one at its front. */
    private void drainLines() {
        chars.flip();
        char[] a = chars.array();
        int limit = chars.limit();
        int start = 0;
        for (int i = 0; i < limit; i++) {
            if (a[i] == '\n') {
                emit(a, start, i);
                start = i + 1;
            }
        }
        chars.position(start);
        chars.compact();
        if (chars.remaining() < MIN_FREE_CHARS) {
            CharBuffer bigger = CharBuffer.wrap(Arrays.copyOf(a, a.length * 2));
            bigger.position(chars.position());
            chars = bigger;
        }
    }

    private void emit(char[] a, int start, int end) {
        lines++;
        if (end > start && a[end - 1] == '\r') {
            end--;
        }
        sink.line(a, start, end, lines);
    }
}

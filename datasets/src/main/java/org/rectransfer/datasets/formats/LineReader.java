package org.rectransfer.datasets.formats;

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

import org.rectransfer.core.provenance.Hashing;
import org.rectransfer.datasets.DataFormatException;
import org.rectransfer.datasets.SourceLocation;

/**
 * Streams a file as decoded lines while hashing its raw bytes, with the line rules of
 * {@link org.rectransfer.datasets.DelimitedFormat}: lines end at {@code \n}, one {@code \r}
 * directly before it (or before the end of the file) is removed, the last line may lack its
 * newline, a UTF-8 byte order mark at the start is removed. Bytes the charset cannot decode are a
 * {@link DataFormatException} naming the line. Used by the dedicated tokenizers of this package.
 */
final class LineReader {

    /** Receives each line (without terminator) and its 1-based number. */
    interface Sink {
        void line(String line, long lineNumber);
    }

    private LineReader() {
    }

    /** Feeds every line of {@code file} to {@code sink}; returns the SHA-256 (hex) of the file's bytes. */
    static String read(Path file, Charset charset, Sink sink) throws IOException {
        CharsetDecoder decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        MessageDigest md = Hashing.sha256();
        long[] lineNo = {0};
        StringBuilder line = new StringBuilder(256);
        ByteBuffer bytes = ByteBuffer.allocate(1 << 15);
        CharBuffer chars = CharBuffer.allocate(1 << 15);
        try (InputStream in = Files.newInputStream(file)) {
            boolean eof = false;
            while (true) {
                int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
                if (n < 0) {
                    eof = true;
                } else {
                    md.update(bytes.array(), bytes.position(), n);
                    bytes.position(bytes.position() + n);
                }
                bytes.flip();
                CoderResult cr = decoder.decode(bytes, chars, eof);
                drain(chars, line, lineNo, sink);
                while (cr.isOverflow()) {
                    cr = decoder.decode(bytes, chars, eof);
                    drain(chars, line, lineNo, sink);
                }
                bytes.compact();
                if (cr.isError()) {
                    throw new DataFormatException(new SourceLocation(file, lineNo[0] + 1), "bytes not valid in "
                            + charset.name() + " (" + (cr.isMalformed() ? "malformed" : "unmappable")
                            + " input of length " + cr.length() + ")");
                }
                if (eof) {
                    CoderResult fr = decoder.flush(chars);
                    drain(chars, line, lineNo, sink);
                    if (fr.isError() || bytes.position() > 0) {
                        throw new DataFormatException(new SourceLocation(file, lineNo[0] + 1),
                                "bytes not valid in " + charset.name() + " at end of file");
                    }
                    break;
                }
            }
        }
        if (line.length() > 0) {
            lineNo[0]++;
            emit(line, lineNo[0], sink);
        }
        return Hashing.hex(md.digest());
    }

    private static void drain(CharBuffer chars, StringBuilder line, long[] lineNo, Sink sink) {
        chars.flip();
        while (chars.hasRemaining()) {
            char c = chars.get();
            if (c == '\n') {
                lineNo[0]++;
                emit(line, lineNo[0], sink);
                line.setLength(0);
            } else {
                line.append(c);
            }
        }
        chars.clear();
    }

    private static void emit(StringBuilder line, long lineNo, Sink sink) {
        int end = line.length();
        if (end > 0 && line.charAt(end - 1) == '\r') {
            end--;
        }
        int start = lineNo == 1 && end > 0 && line.charAt(0) == '\uFEFF' ? 1 : 0;
        sink.line(line.substring(start, end), lineNo);
    }

    /** A {@link DataFormatException} at {@code file:line}. */
    static DataFormatException error(Path file, long line, String problem) {
        return new DataFormatException(new SourceLocation(file, line), problem);
    }

    /** The line shown in messages: at most 120 characters, tabs and CRs escaped, quoted. */
    static String excerpt(String line) {
        String s = line.length() > 120 ? line.substring(0, 120) + "..." : line;
        return ": \"" + s.replace("\t", "\\t").replace("\r", "\\r") + "\"";
    }
}

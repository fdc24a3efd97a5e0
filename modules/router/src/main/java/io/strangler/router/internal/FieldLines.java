package io.strangler.router.internal;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The field lines of an HTTP/1.x head, parsed in place (RFC 9112 §5): offsets into the head's bytes, so that a proxy
 * can look up the few fields it needs and copy the others through untouched. Strict where a lenient reading would let
 * two parsers disagree on the message: an obs-fold, whitespace before the colon, a non-token name or a control
 * character in a value makes it malformed.
 */
final class FieldLines {

    private static final short CRLF = ('\r' << 8) | '\n';

    /** Token characters (RFC 9110 §5.6.2), by byte value. */
    private static final boolean[] TOKEN = new boolean[256];
    /** What a field value or reason phrase may hold: visible characters, space, tab, obs-text. */
    private static final boolean[] TEXT = new boolean[256];

    static {
        for (int c = 0; c < 256; c++) {
            TOKEN[c] = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || c < 128 && "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            TEXT[c] = c >= 0x20 && c != 0x7f || c == '\t';
        }
    }

    private final ByteBuf head;
    /** The head's bytes, copied once: scanning an array is several times cheaper than a buffer's checked reads. */
    private final byte[] b;
    private int count;
    private int[] start = new int[16];
    private int[] end = new int[16];
    private int[] colon = new int[16];
    private boolean[] dropped = new boolean[16];
    private int first;
    private int past;
    private boolean allCrlf = true;
    private boolean anyDropped;

    private FieldLines(ByteBuf head, byte[] bytes) {
        this.head = head;
        this.b = bytes;
    }

    /** The head's bytes, from index 0 (the head buffer's reader index is 0). */
    static byte[] copy(ByteBuf head) {
        byte[] bytes = new byte[head.writerIndex()];
        head.getBytes(0, bytes);
        return bytes;
    }

    /** Index of the first {@code value} in {@code bytes[from, to)}, or -1. */
    static int indexOf(byte[] bytes, int from, int to, byte value) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == value) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Skips empty lines before a start line (RFC 9112 §2.2: a recipient should ignore at least one, e.g. a CRLF a
     * peer sent after a body it had framed).
     */
    static void skipEmptyLines(ByteBuf in) {
        while (in.isReadable() && (in.getByte(in.readerIndex()) == '\r' || in.getByte(in.readerIndex()) == '\n')) {
            in.skipBytes(1);
        }
    }

    /**
     * Where the head that starts at {@code in}'s reader index ends (just past its empty line), or -1 if it has not all
     * arrived.
     *
     * @throws MalformedMessageException when {@code maxBytes} arrived without the head's end
     */
    static int endOfHead(ByteBuf in, int maxBytes, String whose) throws MalformedMessageException {
        int startIndex = in.readerIndex();
        int limit = Math.min(in.writerIndex(), startIndex + maxBytes);
        int from = startIndex;
        while (true) {
            int lf = in.indexOf(from, limit, (byte) '\n');
            if (lf < 0) {
                if (in.writerIndex() - startIndex >= maxBytes) {
                    throw new MalformedMessageException(whose + " head larger than " + maxBytes + " bytes", true);
                }
                return -1;
            }
            if (lf > startIndex && (in.getByte(lf - 1) == '\n'
                    || in.getByte(lf - 1) == '\r' && lf - 1 > startIndex && in.getByte(lf - 2) == '\n')) {
                return lf + 1;
            }
            from = lf + 1;
        }
    }

    /**
     * Parses the field lines of {@code head} from {@code from} (the first byte after the start line) to its empty line.
     *
     * @param whose "request" or "response", for the messages
     */
    static FieldLines parse(ByteBuf head, byte[] bytes, int from, String whose) throws MalformedMessageException {
        FieldLines fields = new FieldLines(head, bytes);
        fields.first = from;
        int length = bytes.length;
        int at = from;
        while (true) {
            int lf = indexOf(bytes, at, length, (byte) '\n');
            boolean crlf = lf > at && bytes[lf - 1] == '\r';
            int lineEnd = crlf ? lf - 1 : lf;
            if (lineEnd == at) {
                fields.past = at;
                return fields;
            }
            fields.allCrlf &= crlf;
            fields.add(at, lineEnd, whose);
            at = lf + 1;
        }
    }

    private void add(int lineStart, int lineEnd, String whose) throws MalformedMessageException {
        byte firstByte = b[lineStart];
        if (firstByte == ' ' || firstByte == '\t') {
            throw new MalformedMessageException("obsolete line folding in the " + whose + "'s fields");
        }
        int at = -1;
        for (int i = lineStart; i < lineEnd; i++) {
            byte c = b[i];
            if (c == ':') {
                at = i;
                break;
            }
            if (!TOKEN[c & 0xff]) {
                throw new MalformedMessageException("invalid character " + describe(c) + " in a field name of the "
                        + whose);
            }
        }
        if (at <= lineStart) {
            throw new MalformedMessageException("field line without a name and colon: '"
                    + printable(head, lineStart, lineEnd) + "'");
        }
        for (int i = at + 1; i < lineEnd; i++) {
            if (!TEXT[b[i] & 0xff]) {
                checkText(head, at + 1, lineEnd, "field '" + printable(head, lineStart, at) + "' of the " + whose);
            }
        }
        if (count == start.length) {
            int size = count * 2;
            start = Arrays.copyOf(start, size);
            end = Arrays.copyOf(end, size);
            colon = Arrays.copyOf(colon, size);
            dropped = Arrays.copyOf(dropped, size);
        }
        start[count] = lineStart;
        end[count] = lineEnd;
        colon[count] = at;
        count++;
    }

    int count() {
        return count;
    }

    int nameLength(int line) {
        return colon[line] - start[line];
    }

    /** Whether the line's name is {@code lowerName}, ignoring case. */
    boolean nameIs(int line, AsciiString lowerName) {
        int from = start[line];
        if (colon[line] - from != lowerName.length()) {
            return false;
        }
        for (int i = 0; i < lowerName.length(); i++) {
            if (lower(b[from + i]) != lowerName.byteAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Whether the line's name is {@code name} in any case (a name from configuration). */
    boolean nameIs(int line, String name) {
        int from = start[line];
        if (colon[line] - from != name.length()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c > 0x7f || lower(b[from + i]) != lower((byte) c)) {
                return false;
            }
        }
        return true;
    }

    private static byte lower(byte b) {
        return b >= 'A' && b <= 'Z' ? (byte) (b + ('a' - 'A')) : b;
    }

    /** The line's value without the whitespace around it. */
    String value(int line) {
        int from = colon[line] + 1;
        int to = end[line];
        while (from < to && isWhitespace(b[from])) {
            from++;
        }
        while (to > from && isWhitespace(b[to - 1])) {
            to--;
        }
        return new String(b, from, to - from, StandardCharsets.ISO_8859_1);
    }

    /** The first value of the field named {@code lowerName}, or null. */
    String get(AsciiString lowerName) {
        for (int i = 0; i < count; i++) {
            if (nameIs(i, lowerName)) {
                return value(i);
            }
        }
        return null;
    }

    /** The first value of the field named {@code name} in any case, or null. */
    String get(String name) {
        for (int i = 0; i < count; i++) {
            if (nameIs(i, name)) {
                return value(i);
            }
        }
        return null;
    }

    void drop(int line) {
        dropped[line] = true;
        anyDropped = true;
    }

    void dropIfNamed(int line, AsciiString lowerName) {
        if (nameIs(line, lowerName)) {
            drop(line);
        }
    }

    /** Drops every line named in {@code lowerNames} (the names a Connection field lists). */
    void dropNamed(List<String> lowerNames) {
        for (String name : lowerNames) {
            AsciiString ascii = AsciiString.of(name);
            for (int i = 0; i < count; i++) {
                if (nameIs(i, ascii)) {
                    drop(i);
                }
            }
        }
    }

    /**
     * Writes the lines not dropped, each ended by CRLF, skipping also those named {@code alsoSkip} (null: none): in one
     * copy when nothing is left out and the sender used CRLF throughout.
     */
    void writeKept(ByteBuf out, AsciiString alsoSkip) {
        if (!anyDropped && allCrlf && alsoSkip == null) {
            out.writeBytes(head, first, past - first);
            return;
        }
        for (int i = 0; i < count; i++) {
            if (!dropped[i] && (alsoSkip == null || !nameIs(i, alsoSkip))) {
                out.writeBytes(head, start[i], end[i] - start[i]);
                out.writeShort(CRLF);
            }
        }
    }

    /** The lines not dropped as objects (for a shadow copy, not on the proxying path). */
    HttpHeaders toHeaders() {
        HttpHeaders headers = new DefaultHttpHeaders(false);
        for (int i = 0; i < count; i++) {
            if (!dropped[i]) {
                headers.add(head.toString(start[i], colon[i] - start[i], StandardCharsets.US_ASCII), value(i));
            }
        }
        return headers;
    }

    /** Visible characters, spaces, tabs and obs-text, nothing else (field values, reason phrases). */
    static void checkText(ByteBuf bytes, int from, int to, String where) throws MalformedMessageException {
        for (int i = from; i < to; i++) {
            byte c = bytes.getByte(i);
            if (!TEXT[c & 0xff]) {
                throw new MalformedMessageException("control character " + describe(c) + " in the " + where);
            }
        }
    }

    static String printable(ByteBuf bytes, int from, int to) {
        StringBuilder text = new StringBuilder();
        for (int i = from; i < to && i < bytes.writerIndex(); i++) {
            byte b = bytes.getByte(i);
            text.append(b >= 0x20 && b < 0x7f ? (char) b : '?');
        }
        return text.toString();
    }

    static String describe(byte b) {
        return b >= 0x21 && b < 0x7f ? "'" + (char) b + "'" : String.format("0x%02x", b & 0xff);
    }

    static boolean isTokenChar(byte b) {
        return TOKEN[b & 0xff];
    }

    private static boolean isWhitespace(byte b) {
        return b == ' ' || b == '\t';
    }
}

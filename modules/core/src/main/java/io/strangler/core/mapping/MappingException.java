package io.strangler.core.mapping;

import java.util.Optional;

/**
 * The one error type for bad mappings: parse errors, invalid values and validation failures against the
 * databases' catalogues. The message names, when known, the file, the line and column, the mapping and the
 * key, for example {@code mappings.yaml:14:5: mapping 'orders', key 'conflict.strategy': unknown conflict
 * strategy 'newest' (expected one of last-write-wins, priority, column-merge, custom)}.
 */
public final class MappingException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String source;
    private final int line;
    private final int column;
    private final String mapping;
    private final String key;
    private final String detail;

    /** An error with only a key and a detail; the parser adds the file, position and mapping. */
    public MappingException(String key, String detail) {
        this(null, -1, -1, null, key, detail);
    }

    /** An error about {@code key} of mapping {@code mapping}; the parser adds the file and position. */
    public MappingException(String mapping, String key, String detail) {
        this(null, -1, -1, mapping, key, detail);
    }

    public MappingException(String source, int line, int column, String mapping, String key, String detail) {
        super(format(source, line, column, mapping, key, detail));
        this.source = source;
        this.line = line;
        this.column = column;
        this.mapping = mapping;
        this.key = key;
        this.detail = detail;
    }

    /** Returns a copy with the position and mapping filled in where this error does not know them yet. */
    public MappingException locatedAt(String source, int line, int column, String mapping) {
        boolean hasPosition = this.line > 0;
        return new MappingException(
                this.source != null ? this.source : source,
                hasPosition ? this.line : line,
                hasPosition ? this.column : column,
                this.mapping != null ? this.mapping : mapping,
                key,
                detail);
    }

    public Optional<String> source() {
        return Optional.ofNullable(source);
    }

    /** 1-based line, or -1 when unknown. */
    public int line() {
        return line;
    }

    /** 1-based column, or -1 when unknown. */
    public int column() {
        return column;
    }

    public Optional<String> mapping() {
        return Optional.ofNullable(mapping);
    }

    public Optional<String> key() {
        return Optional.ofNullable(key);
    }

    /** The message without file, position, mapping and key. */
    public String detail() {
        return detail;
    }

    private static String format(String source, int line, int column, String mapping, String key, String detail) {
        StringBuilder message = new StringBuilder();
        if (source != null) {
            message.append(source);
            if (line > 0) {
                message.append(':').append(line).append(':').append(column);
            }
            message.append(": ");
        }
        if (mapping != null) {
            message.append("mapping '").append(mapping).append('\'');
            message.append(key != null ? ", key '" + key + "': " : ": ");
        }
        else if (key != null) {
            message.append("key '").append(key).append("': ");
        }
        return message.append(detail).toString();
    }
}

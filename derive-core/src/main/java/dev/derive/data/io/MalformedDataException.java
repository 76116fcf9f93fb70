package dev.derive.data.io;

import java.io.IOException;

/**
 * Input that does not follow its format: a ragged CSV row, an unterminated quote, a value that does not
 * parse in a column declared numeric, a bad ARFF or NPY header, and so on. The message starts with
 * {@code source:line:} and names the column when one is involved; the parts are also available
 * separately.
 */
public class MalformedDataException extends IOException {

    private static final long serialVersionUID = 1L;

    private final String source;
    private final long line;
    private final String column;

    /**
     * @param source the file name or another description of the input
     * @param line   1-based line number, or {@code -1} when not applicable
     * @param column the column name, or {@code null}
     * @param detail what was expected and what was found
     */
    public MalformedDataException(String source, long line, String column, String detail) {
        this(source, line, column, 0, detail);
    }

    /**
     * @param source the file name or another description of the input
     * @param line   1-based line number, or {@code -1} when not applicable
     * @param column the column name, or {@code null}
     * @param field  the column's 1-based position in the row, or {@code 0} when not applicable
     * @param detail what was expected and what was found
     */
    public MalformedDataException(String source, long line, String column, int field, String detail) {
        super(source + (line > 0 ? ":" + line : "") + ": "
                + (column != null ? "column '" + column + "'" + (field > 0 ? " (field " + field + ")" : "") + ": " : "")
                + detail);
        this.source = source;
        this.line = line;
        this.column = column;
    }

    /** The file name or description of the input. */
    public String source() {
        return source;
    }

    /** The 1-based line number, or {@code -1}. */
    public long line() {
        return line;
    }

    /** The column involved, or {@code null}. */
    public String column() {
        return column;
    }
}

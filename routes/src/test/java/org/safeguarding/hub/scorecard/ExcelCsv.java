package org.safeguarding.hub.scorecard;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Reads a scorecard CSV as Excel opens it: the byte-order mark says UTF-8 (and is not part of the
 * first column's name), line 1 is the header, every later line a record (Excel has no comment lines:
 * a {@code #} line would be a record). Fails when the file has no byte-order mark.
 */
public final class ExcelCsv {

    private ExcelCsv() {
    }

    /** The records of {@code text} (decoded from UTF-8), by header name. */
    public static List<CSVRecord> read(String text) {
        if (!text.startsWith(ScorecardCsv.BYTE_ORDER_MARK)) {
            throw new AssertionError("the CSV does not start with a UTF-8 byte-order mark: Excel would read it in the "
                    + "machine's code page");
        }
        try {
            return CSVFormat.EXCEL.builder().setHeader().setSkipHeaderRecord(true).get()
                    .parse(new StringReader(text.substring(ScorecardCsv.BYTE_ORDER_MARK.length()))).getRecords();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

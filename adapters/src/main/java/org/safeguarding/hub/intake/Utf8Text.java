package org.safeguarding.hub.intake;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A partner's message as the UTF-8 text every feed contract asks for, read the way files are really
 * saved: a UTF-8 byte-order mark (Excel's "CSV UTF-8", Notepad) is dropped; UTF-16 or UTF-32 (Excel's
 * "Unicode Text") and bytes that are not UTF-8 (Windows-1252 from Excel's plain "CSV") refuse the
 * message naming the encoding and the line, so nothing is ever stored misread (no mojibake).
 * Errors: {@link MalformedMessage} (400) at "line N" or "/".
 */
public final class Utf8Text {

    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    private Utf8Text() {
    }

    /** How many leading bytes are a UTF-8 byte-order mark: 3 or 0. Refuses UTF-16 and UTF-32, with or without a mark. */
    public static int bomLength(byte[] body) {
        String other = otherUnicode(body);
        if (other != null) {
            throw new MalformedMessage("/", "The message is " + other + " text; the hub takes UTF-8 only. Save or "
                    + "export it as UTF-8 (in Excel: 'CSV UTF-8 (Comma delimited)') and send it again.");
        }
        return body.length >= 3 && body[0] == (byte) 0xEF && body[1] == (byte) 0xBB && body[2] == (byte) 0xBF ? 3 : 0;
    }

    /** The body as text without its byte-order mark; refuses it unless it is UTF-8 throughout. */
    public static String decode(byte[] body) {
        int from = bomLength(body);
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(body, from, body.length - from);
        CharBuffer out = CharBuffer.allocate(body.length - from);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            throw notUtf8(body, in.position());
        }
        decoder.flush(out);
        return out.flip().toString();
    }

    /** "UTF-16 (little-endian)" and the like when the body is UTF-16 or UTF-32, else null. */
    private static String otherUnicode(byte[] b) {
        if (b.length >= 4 && b[0] == (byte) 0xFF && b[1] == (byte) 0xFE && b[2] == 0 && b[3] == 0
                || b.length >= 4 && b[0] == 0 && b[1] == 0 && b[2] == (byte) 0xFE && b[3] == (byte) 0xFF) {
            return "UTF-32";
        }
        if (b.length >= 2 && b[0] == (byte) 0xFF && b[1] == (byte) 0xFE) {
            return "UTF-16 (little-endian, as Excel's 'Unicode Text')";
        }
        if (b.length >= 2 && b[0] == (byte) 0xFE && b[1] == (byte) 0xFF) {
            return "UTF-16 (big-endian)";
        }
        // No text the feeds take starts with a NUL byte beside a printable one: that is UTF-16 without its mark.
        if (b.length >= 2 && (b[0] == 0) != (b[1] == 0) && (b[0] | b[1]) >= 0x20) {
            return "UTF-16 (no byte-order mark)";
        }
        return null;
    }

    private static MalformedMessage notUtf8(byte[] body, int at) {
        int line = 1;
        for (int i = 0; i < at; i++) {
            if (body[i] == '\n') {
                line++;
            }
        }
        int value = body[at] & 0xFF;
        String asWindows = new String(new byte[] {body[at]}, WINDOWS_1252);
        String hint = value >= 0x80 && !asWindows.equals("\uFFFD")
                ? ", which is '" + asWindows + "' in Windows-1252 (Excel's plain 'CSV (Comma delimited)' and many older "
                + "systems save that way)" : "";
        return new MalformedMessage("line " + line, "The message is not UTF-8 text: line " + line + " has the byte 0x"
                + Integer.toHexString(value).toUpperCase(Locale.ROOT) + hint + ". Save or export it as UTF-8 (in Excel: "
                + "'CSV UTF-8 (Comma delimited)') and send it again.");
    }
}

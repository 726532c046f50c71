package dev.parley.imports;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a WhatsApp "Export chat" text file, from Android or iOS: {@code 31/12/2021, 22:15 - Name: text}
 * or {@code [12/31/21, 10:15:07 PM] Name: text}, 12- or 24-hour clocks, day- or month-first dates,
 * messages over several lines, media lines, system lines and the Unicode direction marks the
 * exports are sprinkled with. Each line's format is recognised on its own (files that switch
 * between Android and iOS lines exist). Whether dates are day- or month-first is decided per
 * format from the whole file (a first pass): a part above 12 settles it; otherwise the order that
 * keeps the times from going backwards wins, day-first on a tie (most of the world).
 */
final class WhatsAppExport {

    /** One message of the chat; {@code sender} is null for system lines (encryption notice, joins, leaves). */
    record ChatMessage(int line, LocalDateTime at, String sender, String text, String messageType, String attachment) {
    }

    private static final String TIME = "(\\d{1,2})[:.](\\d{2})(?:[:.](\\d{2}))?(?:\\s?([AaPp])\\.?\\s?[Mm]\\.?)?";
    private static final String DATE = "(\\d{1,4})[./-](\\d{1,2})[./-](\\d{1,4}),?\\s";
    private static final Pattern ANDROID = Pattern.compile("^" + DATE + TIME + "\\s[-–]\\s(.*)$");
    private static final Pattern IOS = Pattern.compile("^\\[" + DATE + TIME + "]\\s(.*)$");
    private static final Pattern SENDER = Pattern.compile("^([^:]{1,80}?):\\s(.*)$", Pattern.DOTALL);
    private static final Pattern IOS_ATTACHED = Pattern.compile("^<attached:\\s*(.+?)>\\s*$");
    private static final Pattern ANDROID_ATTACHED = Pattern.compile("^(.+?\\.\\w{2,5}) \\(file attached\\)\\s*(.*)$", Pattern.DOTALL);
    private static final Pattern OMITTED = Pattern.compile("^(image|video|audio|sticker|GIF|document|Contact card) omitted$",
            Pattern.CASE_INSENSITIVE);
    private static final char LRM = '\u200e';

    private WhatsAppExport() {
    }

    /** What the first pass learned: the date order of Android lines and of iOS lines. */
    record Layout(boolean androidDayFirst, boolean iosDayFirst, long headerLines) {

        boolean dayFirst(boolean ios) {
            return ios ? iosDayFirst : androidDayFirst;
        }
    }

    /** Reads the file twice (layout, then messages), never holding more than one message. */
    static void read(Path file, Consumer<ChatMessage> messages, LineErrors errors) throws IOException {
        Layout layout = layout(file);
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Pending pending = null;
            String raw;
            int number = 0;
            while ((raw = reader.readLine()) != null) {
                number++;
                Header header = header(raw);
                if (header == null) {
                    if (pending != null) {
                        pending.text.append('\n').append(clean(raw));
                    } else if (!clean(raw).isBlank()) {
                        errors.add(number, "not a WhatsApp chat line (no date and time at its start)");
                    }
                    continue;
                }
                LocalDateTime at = header.at(layout.dayFirst(header.ios()));
                if (at == null) {
                    errors.add(number, "impossible date or time: " + clean(raw).substring(0, Math.min(40, clean(raw).length())));
                    continue;
                }
                if (pending != null) {
                    messages.accept(pending.finish());
                }
                pending = new Pending(number, at, header);
            }
            if (pending != null) {
                messages.accept(pending.finish());
            }
        }
    }

    static Layout layout(Path file) throws IOException {
        DateOrder android = new DateOrder();
        DateOrder ios = new DateOrder();
        long headers = 0;
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String raw;
            while ((raw = reader.readLine()) != null) {
                Header header = header(raw);
                if (header != null) {
                    headers++;
                    (header.ios() ? ios : android).see(header);
                }
            }
        }
        return new Layout(android.dayFirst(), ios.dayFirst(), headers);
    }

    /** The evidence for one format's date order. */
    private static final class DateOrder {

        private int maxFirst;
        private int maxSecond;
        private long backwardsDayFirst;
        private long backwardsMonthFirst;
        private LocalDateTime lastDayFirst;
        private LocalDateTime lastMonthFirst;

        void see(Header header) {
            maxFirst = Math.max(maxFirst, header.first);
            maxSecond = Math.max(maxSecond, header.second);
            LocalDateTime d = header.at(true);
            LocalDateTime m = header.at(false);
            if (d != null && lastDayFirst != null && d.isBefore(lastDayFirst)) {
                backwardsDayFirst++;
            }
            if (m != null && lastMonthFirst != null && m.isBefore(lastMonthFirst)) {
                backwardsMonthFirst++;
            }
            lastDayFirst = d == null ? lastDayFirst : d;
            lastMonthFirst = m == null ? lastMonthFirst : m;
        }

        boolean dayFirst() {
            boolean dayFirst = maxFirst > 12 && maxFirst <= 31 || maxSecond <= 12 && backwardsDayFirst <= backwardsMonthFirst;
            return !(maxSecond > 12 && maxFirst <= 12) && dayFirst;
        }
    }

    /** The date, time and the rest of a line that starts a message; null for other lines. */
    private record Header(int first, int second, int year, int hour, int minute, int secondOfMinute, String half,
                          String rest, boolean ios, boolean marked) {

        /** The local time under one reading of the date; null when that reading is impossible. */
        LocalDateTime at(boolean dayFirst) {
            try {
                int day = first > 31 ? secondOfDate() : dayFirst ? first : second;
                int month = first > 31 ? second : dayFirst ? second : first;
                int y = first > 31 ? first : year < 100 ? 2000 + year : year;
                int h = hour;
                if (half != null) {
                    if (hour < 1 || hour > 12) {
                        return null;
                    }
                    h = hour % 12 + (half.equalsIgnoreCase("p") ? 12 : 0);
                }
                return LocalDateTime.of(y, month, day, h, minute, secondOfMinute);
            } catch (DateTimeException e) {
                return null;
            }
        }

        /** For {@code yyyy-MM-dd}: the day is the last part. */
        private int secondOfDate() {
            return year;
        }
    }

    private static Header header(String raw) {
        boolean marked = raw.indexOf(LRM) >= 0;
        String line = clean(raw);
        Matcher m = IOS.matcher(line);
        boolean ios = m.matches();
        if (!ios) {
            m = ANDROID.matcher(line);
            if (!m.matches()) {
                return null;
            }
        }
        return new Header(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)),
                Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)), m.group(6) == null ? 0 : Integer.parseInt(m.group(6)),
                m.group(7), m.group(8), ios, marked && restMarked(raw));
    }

    /** iOS marks system and media lines with a left-to-right mark after the sender's colon. */
    private static boolean restMarked(String raw) {
        int close = raw.indexOf("] ");
        int colon = close < 0 ? -1 : raw.indexOf(": ", close);
        return colon >= 0 && colon + 2 < raw.length() && raw.charAt(colon + 2) == LRM;
    }

    /** Without direction marks and BOM; narrow and plain no-break spaces as spaces. */
    static String clean(String raw) {
        StringBuilder out = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == LRM || c == '\u200f' || c == '\ufeff' || c >= '\u202a' && c <= '\u202e' || c >= '\u2066' && c <= '\u2069') {
                continue;
            }
            out.append(c == '\u202f' || c == '\u00a0' ? ' ' : c);
        }
        return out.toString();
    }

    /** A message being read: its header line, then any lines that continue it. */
    private static final class Pending {

        private final int line;
        private final LocalDateTime at;
        private final Header header;
        private final StringBuilder text;

        Pending(int line, LocalDateTime at, Header header) {
            this.line = line;
            this.at = at;
            this.header = header;
            this.text = new StringBuilder(header.rest());
        }

        ChatMessage finish() {
            String all = text.toString();
            Matcher sender = SENDER.matcher(all);
            if (!sender.matches() || isSystemText(all) || header.ios() && header.marked() && !isMedia(sender.group(2))) {
                String body = sender.matches() && header.ios() ? sender.group(2) : all;
                return new ChatMessage(line, at, null, body.strip(), "system", null);
            }
            String name = sender.group(1).strip();
            String body = sender.group(2);
            Matcher attached = IOS_ATTACHED.matcher(body.strip());
            if (attached.matches()) {
                return new ChatMessage(line, at, name, body.strip(), typeOf(attached.group(1)), attached.group(1));
            }
            Matcher file = ANDROID_ATTACHED.matcher(body.strip());
            if (file.matches()) {
                return new ChatMessage(line, at, name, body.strip(), typeOf(file.group(1)), file.group(1));
            }
            Matcher omitted = OMITTED.matcher(body.strip());
            if (omitted.matches()) {
                return new ChatMessage(line, at, name, body.strip(), typeOf(omitted.group(1)), null);
            }
            if (body.strip().equals("<Media omitted>")) {
                return new ChatMessage(line, at, name, body.strip(), "unknown", null);
            }
            return new ChatMessage(line, at, name, body, "text", null);
        }
    }

    private static final Pattern SYSTEM = Pattern.compile("(?i)(messages and calls are end-to-end encrypted|"
            + "^.{1,80} (created group|added|removed|left|joined using this group's invite link|changed the subject|"
            + "changed this group's icon|changed the group description|changed their phone number|"
            + "changed to|now an admin)|^you (created group|added|removed|left|joined|changed)|security code (with .+ )?changed|"
            + "^this message was deleted$|disappearing messages)");

    /**
     * iOS puts a left-to-right mark after the colon of system events (the group's name or the
     * creator's as the "sender": "Sam: ‎Sam created this group") and of media lines; a
     * marked line that is no attachment is an event, not the sender's words.
     */
    private static boolean isMedia(String body) {
        String text = body.strip();
        return IOS_ATTACHED.matcher(text).matches() || OMITTED.matcher(text).matches() || ANDROID_ATTACHED.matcher(text).matches();
    }

    private static boolean isSystemText(String text) {
        String first = text.lines().findFirst().orElse("").strip();
        return SYSTEM.matcher(first).find() && !first.matches("^[^:]{1,80}: .*") || first.toLowerCase(Locale.ROOT)
                .startsWith("messages and calls are end-to-end encrypted");
    }

    /** The message type of an attachment, from its file name or the word the export used. */
    static String typeOf(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.matches(".*\\.(jpe?g|png|heic|gif)$") || lower.startsWith("image") || lower.equals("gif") || lower.contains("-photo-")) {
            return "image";
        }
        if (lower.matches(".*\\.(mp4|mov|3gp)$") || lower.startsWith("video")) {
            return "video";
        }
        if (lower.matches(".*\\.(opus|ogg|mp3|m4a|aac|wav)$") || lower.startsWith("audio")) {
            return "audio";
        }
        if (lower.matches(".*\\.webp$") || lower.startsWith("sticker")) {
            return "sticker";
        }
        if (lower.matches(".*\\.vcf$") || lower.startsWith("contact")) {
            return "contacts";
        }
        return "document";
    }
}

package dev.berth.model.canonical;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a command string into words the way a POSIX shell would without expanding anything: blanks separate
 * words, single quotes are literal, double quotes allow {@code \"}, {@code \\}, {@code \$} and {@code \`}
 * escapes, a backslash outside quotes escapes the next character, and {@code ""} makes an empty word.
 * Shell operators ({@code && | ;}) are kept as ordinary words.
 */
public final class ShellWords {

    private ShellWords() {
    }

    /** The words of {@code text}; throws {@link IllegalArgumentException} on an unterminated quote. */
    public static List<String> split(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        boolean single = false;
        boolean dbl = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (single) {
                if (c == '\'') {
                    single = false;
                } else {
                    word.append(c);
                }
            } else if (dbl) {
                if (c == '"') {
                    dbl = false;
                } else if (c == '\\' && i + 1 < text.length() && "\"\\$`\n".indexOf(text.charAt(i + 1)) >= 0) {
                    char next = text.charAt(++i);
                    if (next != '\n') {
                        word.append(next);
                    }
                } else {
                    word.append(c);
                }
            } else if (c == '\'') {
                single = true;
                inWord = true;
            } else if (c == '"') {
                dbl = true;
                inWord = true;
            } else if (c == '\\' && i + 1 < text.length()) {
                char next = text.charAt(++i);
                if (next != '\n') {
                    word.append(next);
                    inWord = true;
                }
            } else if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (single || dbl) {
            throw new IllegalArgumentException("invalid command line string: unterminated quote");
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }
}

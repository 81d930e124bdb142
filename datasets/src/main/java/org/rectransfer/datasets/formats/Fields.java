package org.rectransfer.datasets.formats;

import java.nio.file.Path;

/** Strict field checks shared by the dedicated tokenizers; every failure names {@code file:line}. */
final class Fields {

    private Fields() {
    }

    /** A non-empty id without leading or trailing spaces/tabs. */
    static String id(String value, String what, Path file, long line, String text) {
        if (value.isEmpty()) {
            throw LineReader.error(file, line, "empty " + what + LineReader.excerpt(text));
        }
        if (isSpace(value.charAt(0)) || isSpace(value.charAt(value.length() - 1))) {
            throw LineReader.error(file, line, what + " '" + value + "' has leading or trailing whitespace"
                    + LineReader.excerpt(text));
        }
        return value;
    }

    /**
     * A plain decimal number ({@code [+-]? digits ('.' digits*)? | '.' digits}, optional exponent;
     * no NaN, infinity, hex or type suffix) that is finite as a float and, unless {@code min} is
     * NaN, lies in {@code [min, max]}.
     */
    static float number(String value, String what, double min, double max, Path file, long line, String text) {
        if (!isDecimal(value)) {
            throw LineReader.error(file, line, what + " '" + value + "' is not a number" + LineReader.excerpt(text));
        }
        double v = Double.parseDouble(value);
        float f = (float) v;
        if (Float.isInfinite(f)) {
            throw LineReader.error(file, line, what + " '" + value + "' is infinite as a float" + LineReader.excerpt(text));
        }
        if (!Double.isNaN(min) && (v < min || v > max)) {
            throw LineReader.error(file, line, what + " " + value + " is outside the range [" + min + ", " + max + "]"
                    + LineReader.excerpt(text));
        }
        return f;
    }

    /** A decimal integer ({@code [+-]? digits}) that fits a long. */
    static long integer(String value, String what, Path file, long line, String text) {
        int i = !value.isEmpty() && (value.charAt(0) == '+' || value.charAt(0) == '-') ? 1 : 0;
        boolean ok = i < value.length();
        for (int j = i; j < value.length() && ok; j++) {
            ok = value.charAt(j) >= '0' && value.charAt(j) <= '9';
        }
        if (!ok) {
            throw LineReader.error(file, line, what + " '" + value + "' is not an integer" + LineReader.excerpt(text));
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw LineReader.error(file, line, what + " '" + value + "' does not fit a long" + LineReader.excerpt(text));
        }
    }

    static boolean isDecimal(String s) {
        int i = 0;
        int n = s.length();
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            i++;
        }
        int digits = 0;
        while (i < n && Character.isDigit(s.charAt(i)) && s.charAt(i) < 128) {
            i++;
            digits++;
        }
        if (i < n && s.charAt(i) == '.') {
            i++;
            while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                i++;
                digits++;
            }
        }
        if (digits == 0) {
            return false;
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            int exp = 0;
            while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                i++;
                exp++;
            }
            if (exp == 0) {
                return false;
            }
        }
        return i == n;
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t';
    }
}

package org.interslice.io.zarr;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small JSON reader for Zarr metadata: objects become {@link Map}, arrays {@link List}, numbers
 * {@link Double}, plus String, Boolean and null. Nesting depth and text length are bounded, and the bare
 * words NaN, Infinity and -Infinity (Python's json writes them for fill values) are accepted as numbers.
 * Errors are IllegalArgumentException with the character position; callers name the file.
 */
final class Json {
    private static final int MAX_DEPTH = 64;
    private final String s;
    private int at;

    private Json(String s) {
        this.s = s;
    }

    /** The value of {@code text}; IllegalArgumentException when it is not one JSON value. */
    static Object parse(String text) {
        Json j = new Json(text);
        j.space();
        Object v = j.value(0);
        j.space();
        if (j.at != text.length()) throw j.error("text after the value");
        return v;
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException("invalid JSON at character " + at + ": " + what);
    }

    private void space() {
        while (at < s.length() && Character.isWhitespace(s.charAt(at))) at++;
    }

    private Object value(int depth) {
        if (depth > MAX_DEPTH) throw error("nested deeper than " + MAX_DEPTH);
        if (at >= s.length()) throw error("unexpected end");
        char c = s.charAt(at);
        if (c == '{') return object(depth);
        if (c == '[') return array(depth);
        if (c == '"') return string();
        if (s.startsWith("true", at)) { at += 4; return Boolean.TRUE; }
        if (s.startsWith("false", at)) { at += 5; return Boolean.FALSE; }
        if (s.startsWith("null", at)) { at += 4; return null; }
        if (s.startsWith("NaN", at)) { at += 3; return Double.NaN; }
        if (s.startsWith("Infinity", at)) { at += 8; return Double.POSITIVE_INFINITY; }
        if (s.startsWith("-Infinity", at)) { at += 9; return Double.NEGATIVE_INFINITY; }
        return number();
    }

    private Map<String, Object> object(int depth) {
        Map<String, Object> m = new LinkedHashMap<>();
        at++;
        space();
        if (at < s.length() && s.charAt(at) == '}') { at++; return m; }
        while (true) {
            space();
            if (at >= s.length() || s.charAt(at) != '"') throw error("expected a key");
            String k = string();
            space();
            expect(':');
            space();
            m.put(k, value(depth + 1));
            space();
            if (at < s.length() && s.charAt(at) == ',') { at++; continue; }
            expect('}');
            return m;
        }
    }

    private List<Object> array(int depth) {
        List<Object> l = new ArrayList<>();
        at++;
        space();
        if (at < s.length() && s.charAt(at) == ']') { at++; return l; }
        while (true) {
            space();
            l.add(value(depth + 1));
            space();
            if (at < s.length() && s.charAt(at) == ',') { at++; continue; }
            expect(']');
            return l;
        }
    }

    private void expect(char c) {
        if (at >= s.length() || s.charAt(at) != c) throw error("expected '" + c + "'");
        at++;
    }

    private String string() {
        at++;
        StringBuilder b = new StringBuilder();
        while (true) {
            if (at >= s.length()) throw error("unterminated string");
            char c = s.charAt(at++);
            if (c == '"') return b.toString();
            if (c != '\\') { b.append(c); continue; }
            if (at >= s.length()) throw error("unterminated escape");
            char e = s.charAt(at++);
            switch (e) {
                case 'n': b.append('\n'); break;
                case 't': b.append('\t'); break;
                case 'r': b.append('\r'); break;
                case 'b': b.append('\b'); break;
                case 'f': b.append('\f'); break;
                case 'u':
                    if (at + 4 > s.length()) throw error("short \\u escape");
                    try {
                        b.append((char) Integer.parseInt(s.substring(at, at + 4), 16));
                    } catch (NumberFormatException x) {
                        throw error("bad \\u escape");
                    }
                    at += 4;
                    break;
                default: b.append(e);
            }
        }
    }

    private Double number() {
        int start = at;
        while (at < s.length() && "+-0123456789.eE".indexOf(s.charAt(at)) >= 0) at++;
        if (start == at) throw error("unexpected character '" + s.charAt(at) + "'");
        try {
            return Double.parseDouble(s.substring(start, at));
        } catch (NumberFormatException e) {
            throw error("bad number");
        }
    }

    /** {@code s} as a JSON string literal (quotes, backslashes and control characters escaped). */
    static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') b.append('\\').append(c);
            else if (c < 0x20) b.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
            else b.append(c);
        }
        return b.append('"').toString();
    }

    /**
     * A value as {@link #parse} returns them, as compact JSON: integral numbers without a fraction
     * ({@code 3}, not {@code 3.0}), others as Java prints doubles; no spaces.
     */
    static String write(Object o) {
        if (o == null) return "null";
        if (o instanceof String str) return quote(str);
        if (o instanceof Boolean) return o.toString();
        if (o instanceof Double d) {
            if (!Double.isFinite(d)) return d.isNaN() ? "NaN" : d > 0 ? "Infinity" : "-Infinity";
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) (double) d) : d.toString();
        }
        StringBuilder b = new StringBuilder();
        if (o instanceof List<?> l) {
            b.append('[');
            for (int i = 0; i < l.size(); i++) b.append(i > 0 ? "," : "").append(write(l.get(i)));
            return b.append(']').toString();
        }
        Map<?, ?> m = (Map<?, ?>) o;
        b.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> e : m.entrySet()) {
            b.append(first ? "" : ",").append(quote(String.valueOf(e.getKey()))).append(':').append(write(e.getValue()));
            first = false;
        }
        return b.append('}').toString();
    }
}

package org.interslice.io.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.interslice.io.fuzz.StructuralCase.Expect;

/**
 * Hostile OME-Zarr images (issue 16), made from the images Python's zarr wrote
 * (tools/reference/zarr_fixtures.py) by changing one file: {@code .zarray}, {@code .zattrs} and
 * {@code zarr.json} with sizes, types, codecs, paths and transforms a reader must refuse (REJECT), the
 * same files cut short or with bytes flipped (EITHER), and chunks cut short (REJECT), with Blosc header
 * fields set to extremes (REJECT) or bytes flipped (EITHER). Each variant is reproducible from its seed.
 */
public final class ZarrCorpus {
    private static final String[] BASES = {"default-u16", "blosc-zstd-bitshuffle-f32", "zstd-f64", "gzip-u8-tczyx-missing",
            "v3-gzip-u16", "v3-blosc-i16", "blosc-lz4-blocks-i32"};

    /** Replacements of a metadata value by one that must be refused: {key prefix, hostile text}. */
    private static final String[][] V2_HOSTILE = {
            {"\"shape\"", "\"shape\": [2147483648, 1, 1]"}, {"\"shape\"", "\"shape\": [-1, 4, 4]"},
            {"\"shape\"", "\"shape\": [0, 4, 4]"}, {"\"shape\"", "\"shape\": [1e300, 4, 4]"},
            {"\"shape\"", "\"shape\": \"big\""}, {"\"shape\"", "\"shape\": [2147483647, 2147483647, 2147483647]"},
            {"\"chunks\"", "\"chunks\": [2147483647, 2147483647, 2147483647]"}, {"\"chunks\"", "\"chunks\": [0, 1, 1]"},
            {"\"chunks\"", "\"chunks\": [1024, 1024, 1024]"}, {"\"chunks\"", "\"chunks\": [1, 1]"},
            {"\"dtype\"", "\"dtype\": \"<c16\""}, {"\"dtype\"", "\"dtype\": \"<i8\""}, {"\"dtype\"", "\"dtype\": \"|S10\""},
            {"\"dtype\"", "\"dtype\": 5"}, {"\"dtype\"", "\"dtype\": [[\"a\", \"<u2\"]]"},
            {"\"order\"", "\"order\": \"F\""}, {"\"compressor\"", "\"compressor\": {\"id\": \"lzma\"}"},
            {"\"compressor\"", "\"compressor\": 7"}, {"\"fill_value\"", "\"fill_value\": \"abc\""},
            {"\"zarr_format\"", "\"zarr_format\": 3"}, {"\"filters\"", "\"filters\": [{\"id\": \"delta\"}]"},
            {"\"dimension_separator\"", "\"dimension_separator\": \"\\\\\""},
    };
    private static final String[][] V3_HOSTILE = {
            {"\"shape\"", "\"shape\": [2147483648, 1, 1]"}, {"\"shape\"", "\"shape\": [-3, 1, 1]"},
            {"\"data_type\"", "\"data_type\": \"complex64\""}, {"\"data_type\"", "\"data_type\": null"},
            {"\"chunk_grid\"", "\"chunk_grid\": {\"name\": \"rectangular\"}"},
            {"\"chunk_grid\"", "\"chunk_grid\": {\"name\": \"regular\", \"configuration\": {\"chunk_shape\": [4096, 4096, 4096]}}"},
            {"\"codecs\"", "\"codecs\": [{\"name\": \"transpose\", \"configuration\": {\"order\": [2, 1, 0]}}, {\"name\": \"bytes\"}]"},
            {"\"codecs\"", "\"codecs\": [{\"name\": \"sharding_indexed\"}]"}, {"\"codecs\"", "\"codecs\": []"},
            {"\"codecs\"", "\"codecs\": [{\"name\": \"bytes\"}, {\"name\": \"lzma\"}]"},
            {"\"chunk_key_encoding\"", "\"chunk_key_encoding\": {\"name\": \"custom\"}"},
            {"\"node_type\"", "\"node_type\": \"group\""}, {"\"zarr_format\"", "\"zarr_format\": 2"},
    };
    private static final String[][] ATTRS_HOSTILE = {
            {"\"path\"", "\"path\": \"../../../etc\""}, {"\"path\"", "\"path\": \"/etc\""}, {"\"path\"", "\"path\": 3"},
            {"\"scale\"", "\"scale\": [0, 1, 1]"}, {"\"scale\"", "\"scale\": [-1, 1, 1]"}, {"\"scale\"", "\"scale\": [1, 1]"},
            {"\"scale\"", "\"scale\": [1e308, 1e308, 1e308]"}, {"\"translation\"", "\"translation\": [\"a\", 0, 0]"},
            {"\"unit\"", "\"unit\": \"parsec\""}, {"\"multiscales\"", "\"multiscales\": []"},
            {"\"datasets\"", "\"datasets\": []"}, {"\"axes\"", "\"axes\": [{\"name\": \"x\"}], \"x_axes\""},
    };

    private ZarrCorpus() {}

    /** {@code count} variants, reproducible from {@code seed}. */
    public static List<StructuralCase> variants(int count, long seed) {
        List<StructuralCase> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) out.add(variant(i, seed));
        return out;
    }

    static StructuralCase variant(int i, long seed) {
        Random r = new Random(seed * 1_000_003L + 16 * 7919L + i);
        String base = BASES[r.nextInt(BASES.length)];
        Map<String, byte[]> files = load(base + ".zarr");
        String tag = "zarr #" + i + " " + base + ": ";
        boolean v3 = base.startsWith("v3");
        String arrayMeta = v3 ? "s0/zarr.json" : "0/.zarray";
        String groupMeta = v3 ? "zarr.json" : ".zattrs";
        List<String> chunks = new ArrayList<>();
        for (String k : files.keySet()) if (!k.endsWith("zarr.json") && !k.endsWith(".zarray") && !k.endsWith(".zattrs") && !k.endsWith(".zgroup")
                && !(base.contains("tczyx") && !k.startsWith("0/0/0/"))) chunks.add(k);   // chunks of c = 1 are never read
        String chunk = chunks.get(r.nextInt(chunks.size()));
        byte[] c = files.get(chunk);
        switch (r.nextInt(7)) {
            case 0: case 1: {
                String[][] table = v3 ? V3_HOSTILE : V2_HOSTILE;
                String[] h = table[r.nextInt(table.length)];
                String fixed = replaceValue(text(files.get(arrayMeta)), h[0], h[1]);
                files.put(arrayMeta, fixed.getBytes(StandardCharsets.UTF_8));
                return reading(base, tag + arrayMeta + " " + h[1], files, Map.of(), List.of(), base + ".zarr", Expect.REJECT);
            }
            case 2: {
                String[] h = ATTRS_HOSTILE[r.nextInt(ATTRS_HOSTILE.length)];
                String fixed = replaceValue(text(files.get(groupMeta)), h[0], h[1]);
                files.put(groupMeta, fixed.getBytes(StandardCharsets.UTF_8));
                return reading(base, tag + groupMeta + " " + h[1], files, Map.of(), List.of(), base + ".zarr", Expect.REJECT);
            }
            case 3: {
                String f = r.nextBoolean() ? arrayMeta : groupMeta;
                byte[] m = files.get(f);
                if (r.nextBoolean()) {
                    int cut = r.nextInt(m.length);
                    files.put(f, java.util.Arrays.copyOf(m, cut));
                    return reading(base, tag + f + " cut at " + cut, files, Map.of(), List.of(), base + ".zarr", Expect.EITHER);
                }
                m = m.clone();
                for (int k = 1 + r.nextInt(3); k > 0; k--) m[r.nextInt(m.length)] = (byte) r.nextInt(256);
                files.put(f, m);
                return reading(base, tag + f + " bytes flipped", files, Map.of(), List.of(), base + ".zarr", Expect.EITHER);
            }
            case 4: {
                int cut = r.nextInt(c.length);
                files.put(chunk, java.util.Arrays.copyOf(c, cut));
                return reading(base, tag + chunk + " cut at " + cut + " of " + c.length, files, Map.of(), List.of(), base + ".zarr", Expect.REJECT);
            }
            case 5: {
                boolean blosc = c.length >= 16 && c[0] == 2 && (c[1] == 1 || c[1] == 2 || c[1] == 3);
                if (blosc) {
                    int field = 4 * (1 + r.nextInt(3));
                    int[] values = {0, -1, Integer.MIN_VALUE, Integer.MAX_VALUE, c.length + 1, 1 << 30};
                    int v = values[r.nextInt(values.length)];
                    byte[] m = c.clone();
                    ByteBuffer.wrap(m).order(ByteOrder.LITTLE_ENDIAN).putInt(field, v);
                    files.put(chunk, m);
                    // a block size changed to a value still valid (e.g. larger than the data) may decode
                    return reading(base, tag + chunk + " Blosc header int at " + field + " = " + v, files, Map.of(), List.of(), base + ".zarr",
                            field == 8 ? Expect.EITHER : Expect.REJECT);
                }
                files.put(chunk, new byte[0]);
                return reading(base, tag + chunk + " emptied", files, Map.of(), List.of(), base + ".zarr", Expect.REJECT);
            }
            default: {
                byte[] m = c.clone();
                for (int k = 1 + r.nextInt(4); k > 0; k--) {
                    int at = r.nextInt(Math.min(m.length, 64));
                    m[at] = (byte) (r.nextBoolean() ? r.nextInt(256) : m[at] ^ (1 << r.nextInt(8)));
                }
                files.put(chunk, m);
                return reading(base, tag + chunk + " bytes flipped", files, Map.of(), List.of(), base + ".zarr", Expect.EITHER);
            }
        }
    }

    /** Replaces the value after {@code key} (up to the end of its line or its closing bracket) by {@code with}. */
    private static String replaceValue(String json, String key, String with) {
        int at = json.indexOf(key);
        if (at < 0) return json.replaceFirst("\\{", "{" + with + ",");
        int end = valueEnd(json, json.indexOf(':', at) + 1);
        return json.substring(0, at) + with + json.substring(end);
    }

    /** Index just after the JSON value starting at or after {@code from}. */
    private static int valueEnd(String s, int from) {
        int i = from;
        while (Character.isWhitespace(s.charAt(i))) i++;
        int depth = 0;
        boolean str = false;
        for (; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (str) { if (ch == '\\') i++; else if (ch == '"') { str = false; if (depth == 0) return i + 1; } continue; }
            if (ch == '"') str = true;
            else if (ch == '[' || ch == '{') depth++;
            else if (ch == ']' || ch == '}') { depth--; if (depth == 0) return i + 1; if (depth < 0) return i; }
            else if (depth == 0 && (ch == ',' || ch == '\n')) return i;
        }
        return s.length();
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    /** A reader variant whose files are given relative to the image folder {@code base}.zarr. */
    private static StructuralCase reading(String base, String label, Map<String, byte[]> files, Map<String, String> links,
                                          List<String> fifos, String entry, Expect expect) {
        Map<String, byte[]> out = new TreeMap<>();
        for (Map.Entry<String, byte[]> e : files.entrySet()) out.put(base + ".zarr/" + e.getKey(), e.getValue());
        return StructuralCase.reading(label, out, links, fifos, entry, expect);
    }

    /** Every file of a fixture image, by name relative to the image folder. */
    private static Map<String, byte[]> load(String name) {
        try {
            Path root = Path.of(ZarrCorpus.class.getResource("/org/interslice/io/zarr/" + name).toURI());
            Map<String, byte[]> m = new TreeMap<>();
            try (Stream<Path> s = Files.walk(root)) {
                for (Path p : (Iterable<Path>) s.filter(Files::isRegularFile)::iterator)
                    m.put(root.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
            }
            return m;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}

package org.interslice.learn;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * A model file: a zip holding {@code model.properties} (format, network width, input channels (absent: 6, the
 * first layout), training step, loss, seed,
 * data and scores, as text) and {@code params.bin} (the network's parameters in DJL's block format). The
 * same file is a checkpoint: {@code train --resume} continues from its step.
 */
public final class ModelFile {
    static final String FORMAT = "interslice-learned-slice-net-1";
    private static final String PROPS = "model.properties", PARAMS = "params.bin";

    private ModelFile() {
    }

    /** Writes the network's parameters and the properties to out (not closed). */
    public static void write(SliceNet net, Properties props, OutputStream out) throws IOException {
        Properties p = new Properties();
        p.putAll(props);
        p.setProperty("format", FORMAT);
        p.setProperty("width", Integer.toString(net.width()));
        p.setProperty("channels", Integer.toString(net.channels()));
        p.setProperty("head", net.head().name().toLowerCase(java.util.Locale.ROOT));
        ByteArrayOutputStream params = new ByteArrayOutputStream();
        try (DataOutputStream d = new DataOutputStream(params)) {
            net.saveParameters(d);
        }
        ZipOutputStream zip = new ZipOutputStream(out);
        zip.putNextEntry(new ZipEntry(PROPS));
        zip.write(sorted(p).getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
        zip.putNextEntry(new ZipEntry(PARAMS));
        params.writeTo(zip);
        zip.closeEntry();
        zip.finish();
    }

    private static String sorted(Properties p) {
        StringBuilder sb = new StringBuilder();
        for (java.util.Map.Entry<Object, Object> e : new TreeMap<>(p).entrySet()) {
            StringWriter w = new StringWriter();
            Properties one = new Properties();
            one.setProperty(e.getKey().toString(), e.getValue().toString());
            try {
                one.store(w, null);
            } catch (IOException impossible) {
                throw new IllegalStateException(impossible);
            }
            String[] lines = w.toString().split("\n");
            sb.append(lines[lines.length - 1].trim()).append('\n');   // skip the date comment
        }
        return sb.toString();
    }

    /** A loaded model: its network (parameters on manager) and properties. */
    public record Loaded(SliceNet net, Properties props) {
        public int step() {
            return Integer.parseInt(props.getProperty("step", "0"));
        }
    }

    /** Reads a model; IOException when the stream is not one. */
    public static Loaded read(InputStream in, NDManager manager) throws IOException {
        Properties props = null;
        byte[] params = null;
        ZipInputStream zip = new ZipInputStream(in);
        for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
            byte[] b = zip.readAllBytes();
            if (e.getName().equals(PROPS)) {
                props = new Properties();
                props.load(new StringReader(new String(b, StandardCharsets.UTF_8)));
            } else if (e.getName().equals(PARAMS)) {
                params = b;
            }
        }
        if (props == null || params == null) throw new IOException("not an Interslice model (no " + PROPS + " or " + PARAMS + ")");
        if (!FORMAT.equals(props.getProperty("format")))
            throw new IOException("model format '" + props.getProperty("format") + "' is not " + FORMAT);
        int width;
        try {
            width = Integer.parseInt(props.getProperty("width"));
        } catch (NumberFormatException e) {
            throw new IOException("model width '" + props.getProperty("width") + "' is not a number");
        }
        int channels;
        try {
            channels = Integer.parseInt(props.getProperty("channels", Integer.toString(SliceNet.CHANNELS_V1)));
            if (channels != SliceNet.CHANNELS && channels != SliceNet.CHANNELS_V1) throw new NumberFormatException();
        } catch (NumberFormatException e) {
            throw new IOException("model input channels '" + props.getProperty("channels") + "' are neither " + SliceNet.CHANNELS_V1 + " nor " + SliceNet.CHANNELS);
        }
        SliceNet.Head head;
        try {
            head = SliceNet.Head.valueOf(props.getProperty("head", "residual").toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IOException("model head '" + props.getProperty("head") + "' is neither residual nor blend");
        }
        SliceNet net = new SliceNet(width, channels, head);
        net.initialize(manager, DataType.FLOAT32, new Shape(1, channels, 16, 16));
        try (DataInputStream d = new DataInputStream(new ByteArrayInputStream(params))) {
            net.loadParameters(manager, d);
        } catch (MalformedModelException e) {
            throw new IOException("model parameters do not fit a width-" + width + " network: " + e.getMessage());
        }
        return new Loaded(net, props);
    }
}

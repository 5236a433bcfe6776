package org.hospital.surveillance.query.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * A kept answer's JSON body, and the same body gzip-compressed, made the first time a client that
 * accepts gzip asks and then kept with it. A browser showing the board, or a dashboard's HTTP
 * client, accepts gzip; the whole alert board of a large hospital is megabytes of JSON that
 * compresses about tenfold, and compressing it once per version instead of once per request (as a
 * server-wide compression would) is what makes sending it cheap. Small bodies are sent as they are:
 * below {@link #COMPRESS_FROM} bytes gzip saves less than its own framing and a round of CPU.
 *
 * <p>Every answer carries {@code Vary: Accept-Encoding}, so that no cache between a client and the
 * platform hands a compressed body to a client that did not ask for one.
 */
public final class JsonBody {

    /** Bodies shorter than this are never compressed. */
    public static final int COMPRESS_FROM = 1024;

    private final byte[] json;
    private volatile byte[] gzip;

    public JsonBody(byte[] json) {
        this.json = json;
    }

    /** The JSON, uncompressed. */
    public byte[] json() {
        return json;
    }

    /** The answer to this request: gzip-compressed if the request accepts it and the body is large enough. */
    public ResponseEntity<byte[]> response(ServerHttpRequest request) {
        boolean compressed = json.length >= COMPRESS_FROM && acceptsGzip(request.getHeaders());
        ResponseEntity.BodyBuilder answer = ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING);
        if (!compressed) {
            return answer.body(json);
        }
        return answer.header(HttpHeaders.CONTENT_ENCODING, "gzip").body(gzip());
    }

    private byte[] gzip() {
        byte[] made = gzip;
        if (made == null) {
            // Two first requests at once may both compress; either result is the same bytes' gzip.
            made = compress(json);
            gzip = made;
        }
        return made;
    }

    static byte[] compress(byte[] json) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(json.length / 8 + 64);
        // The fastest level: a board's JSON repeats its field names, which every level finds.
        try (GZIPOutputStream gzip = new GZIPOutputStream(out, 8192) {
            {
                def.setLevel(Deflater.BEST_SPEED);
            }
        }) {
            gzip.write(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * Whether {@code Accept-Encoding} names gzip (or {@code *}) with a non-zero quality, and does not
     * refuse it by name: {@code gzip;q=0} refuses it even beside {@code *} (RFC 9110, 12.5.3).
     */
    static boolean acceptsGzip(HttpHeaders headers) {
        Double gzip = null;
        Double any = null;
        for (String field : headers.getOrEmpty(HttpHeaders.ACCEPT_ENCODING)) {
            for (String coding : field.split(",")) {
                String[] parts = coding.split(";");
                String name = parts[0].trim();
                double quality = quality(parts);
                if (name.equalsIgnoreCase("gzip") || name.equalsIgnoreCase("x-gzip")) {
                    gzip = quality;
                } else if (name.equals("*")) {
                    any = quality;
                }
            }
        }
        if (gzip != null) {
            return gzip > 0;
        }
        return any != null && any > 0;
    }

    private static double quality(String[] parts) {
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].trim();
            if (parameter.length() > 2 && (parameter.charAt(0) == 'q' || parameter.charAt(0) == 'Q') && parameter.charAt(1) == '=') {
                try {
                    return Double.parseDouble(parameter.substring(2).trim());
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 1;
    }
}

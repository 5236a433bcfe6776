package org.hospital.surveillance.query.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.HttpHeaders;

@Timeout(10)
class JsonBodyTest {

    @ParameterizedTest(name = "Accept-Encoding: {0} -> gzip {1}")
    @CsvSource(delimiter = '|', value = {
            "gzip | true",
            "GZIP | true",
            "x-gzip | true",
            "gzip, deflate, br, zstd | true",
            "deflate, gzip;q=0.5 | true",
            "gzip; q=1.0 | true",
            "* | true",
            "gzip;q=0 | false",
            "gzip;q=0.000 | false",
            "gzip;q=nonsense | false",
            "*;q=0 | false",
            "*, gzip;q=0 | false",
            "gzip;q=0, * | false",
            "deflate, br | false",
            "identity | false",
    })
    void acceptsGzipOnlyWhenNamedOrStarredWithAQualityAboveZero(String acceptEncoding, boolean gzip) {
        HttpHeaders headers = new HttpHeaders();
        headers.add(HttpHeaders.ACCEPT_ENCODING, acceptEncoding);
        assertThat(JsonBody.acceptsGzip(headers)).isEqualTo(gzip);
    }

    @Test
    void noHeaderOrCodingsOverSeveralHeaderLines() {
        assertThat(JsonBody.acceptsGzip(new HttpHeaders())).isFalse();
        HttpHeaders twoLines = new HttpHeaders();
        twoLines.add(HttpHeaders.ACCEPT_ENCODING, "br");
        twoLines.add(HttpHeaders.ACCEPT_ENCODING, "gzip");
        assertThat(JsonBody.acceptsGzip(twoLines)).isTrue();
    }

    @Test
    void compressedIsTheSameBytesGzipped() throws IOException {
        byte[] json = "[{\"alertId\":\"a\"},{\"alertId\":\"b\"}]".repeat(100).getBytes(StandardCharsets.UTF_8);
        try (var in = new GZIPInputStream(new ByteArrayInputStream(JsonBody.compress(json)))) {
            assertThat(in.readAllBytes()).isEqualTo(json);
        }
    }
}

package org.hospital.surveillance.app.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hospital.surveillance.app.support.HospitalFacts;
import org.hospital.surveillance.app.support.Platform;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.MediaType;

/**
 * The R and pandas snippets of docs/epidemiology.md ("Loading it into R", "Loading it into
 * pandas"), taken from the document itself, run as child processes (Debian's Rscript with
 * r-cran-jsonlite, Debian's python3 with pandas) over files exported from a running platform over
 * HTTP; each is followed by a few lines of this test that print what the snippet computed, which
 * is compared with the facts posted.
 *
 * <p>Facts: lab results L-D-1 (S. aureus), L-D-2 (K. pneumoniae) and L-D-3 (negative) in ICU-1,
 * L-D-4 (S. aureus) in ICU-2, an HAI report in ICU-2 and a census of ICU-1. So the whole history
 * has 4 rows of ICU-1 and 2 of ICU-2, and ICU-1's lab results are the three L-D-1..3.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ExportSnippetsTest {

    private static final Path DOC = Path.of("..", "docs", "epidemiology.md");

    @TempDir
    static Path dataDir;
    @TempDir
    static Path exports;
    static Platform platform;

    @BeforeAll
    static void exportAHistory() throws IOException {
        platform = Platform.start(dataDir);
        HospitalFacts facts = new HospitalFacts(platform);
        facts.culture("L-D-1", "P-D-1", "ICU-1", "Staphylococcus aureus", "MRSA", "2026-03-03T10:00:00Z");
        facts.culture("L-D-2", "P-D-2", "ICU-1", "Klebsiella pneumoniae", "CRE", "2026-03-04T10:00:00Z");
        facts.labResult("L-D-3", "P-D-3", "ICU-1", HospitalFacts.ADMITTED, "2026-03-05T10:00:00Z", "NEGATIVE", null, null);
        facts.culture("L-D-4", "P-D-4", "ICU-2", "Staphylococcus aureus", "MRSA", "2026-03-05T10:00:00Z");
        facts.haiReport("C-D-1", "P-D-5", "ICU-2", "Staphylococcus aureus", "MRSA", "2026-03-06T06:00:00Z");
        facts.census("ICU-1", "2026-03-01", 10, 1, 0);
        facts.awaitQuiet();
        // The files the document's examples write (the time bounds left out: these facts were recorded today).
        export("/api/events", MediaType.APPLICATION_NDJSON, "history.ndjson");
        export("/api/events?stream=lab-result&wardId=ICU-1", new MediaType("text", "csv"), "icu1-march.csv");
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    private static void export(String uri, MediaType accept, String file) throws IOException {
        byte[] body = platform.as("epi1").get().uri(uri).accept(accept).exchange().expectStatus().isOk()
                .expectBody(byte[].class).returnResult().getResponseBody();
        Files.write(exports.resolve(file), body);
    }

    @Test
    void theRSnippetReadsTheExports() throws Exception {
        String output = run(List.of("Rscript", "-e", snippet("r") + """

                cat(sprintf("csv %s %s\\n", labs$key, ifelse(is.na(labs$organism), "-", labs$organism)), sep = "")
                w <- table(history$payload.wardId)
                cat(sprintf("ward %s %d\\n", names(w), as.vector(w)), sep = "")
                """));

        assertThat(figures(output)).containsExactly("csv L-D-1 Staphylococcus aureus", "csv L-D-2 Klebsiella pneumoniae",
                "csv L-D-3 -", "ward ICU-1 4", "ward ICU-2 2");
    }

    @Test
    void thePandasSnippetReadsTheExports() throws Exception {
        String python = Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
        String output = run(List.of(python, "-c", snippet("python") + """

                for key, organism in zip(labs["key"], labs["organism"].fillna("-")):
                    print("csv", key, organism)
                for ward, n in flat.groupby("payload.wardId").size().items():
                    print("ward", ward, n)
                """));

        assertThat(figures(output)).containsExactly("csv L-D-1 Staphylococcus aureus", "csv L-D-2 Klebsiella pneumoniae",
                "csv L-D-3 -", "ward ICU-1 4", "ward ICU-2 2");
    }

    /** The document's one code block in that language. */
    private static String snippet(String language) throws IOException {
        Matcher block = Pattern.compile("```" + language + "\\n(.*?)```", Pattern.DOTALL)
                .matcher(Files.readString(DOC, StandardCharsets.UTF_8));
        assertThat(block.find()).as("a ```%s block in %s", language, DOC).isTrue();
        String code = block.group(1);
        assertThat(block.find()).as("only one ```%s block in %s", language, DOC).isFalse();
        return code;
    }

    private static String run(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).directory(exports.toFile()).redirectErrorStream(true).start();
        process.getOutputStream().close();
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String text = new String(output, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(text).isZero();
        return text;
    }

    private static List<String> figures(String output) {
        List<String> figures = new ArrayList<>();
        output.lines().filter(line -> line.startsWith("csv ") || line.startsWith("ward ")).forEach(figures::add);
        return figures;
    }
}

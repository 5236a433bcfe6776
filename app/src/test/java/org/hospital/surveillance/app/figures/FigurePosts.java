package org.hospital.surveillance.app.figures;

import org.hospital.surveillance.app.support.Platform;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/** Posts submissions as a ward nurse, checking the write API's answer. */
final class FigurePosts {

    private FigurePosts() {
    }

    static void submit(Platform platform, Submission submission) {
        var response = platform.as("nurse1").post().uri(submission.path())
                .contentType(MediaType.APPLICATION_JSON).bodyValue(submission.body())
                .exchange();
        if (submission.first()) {
            response.expectStatus().isEqualTo(HttpStatus.CREATED);
        } else {
            response.expectStatus().is2xxSuccessful();
        }
    }
}

package org.hospital.surveillance.app.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.MergedTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingToken;
import org.hospital.surveillance.projection.history.TokenPositions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The position up to which a token says every event is handled: below its lowest gap, else its index. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class TokenPositionsTest {

    @Test
    void aTokenWithoutGapsHandledEverythingUpToItsIndex() {
        assertThat(TokenPositions.handledUpTo(GapAwareTrackingToken.newInstance(10, List.of()))).isEqualTo(10);
        assertThat(TokenPositions.handledUpTo(new GlobalSequenceTrackingToken(5))).isEqualTo(5);
    }

    @Test
    void aGapIsNotHandledYetSoNeitherIsAnythingAfterIt() {
        assertThat(TokenPositions.handledUpTo(GapAwareTrackingToken.newInstance(10, List.of(7L, 9L)))).isEqualTo(6);
    }

    @Test
    void aReplayCountsOnlyWhatItHasReplayed() {
        var replay = ReplayToken.createReplayToken(GapAwareTrackingToken.newInstance(100, List.of()),
                GapAwareTrackingToken.newInstance(20, List.of()));
        assertThat(TokenPositions.handledUpTo(replay)).isEqualTo(20);
    }

    @Test
    void noTokenMeansNothingIsHandledAndAMergeOnlyWhatBothHalvesHandled() {
        assertThat(TokenPositions.handledUpTo((TrackingToken) null)).isEqualTo(-1);
        assertThat(TokenPositions.handledUpTo(new MergedTrackingToken(new GlobalSequenceTrackingToken(3),
                new GlobalSequenceTrackingToken(8)))).isEqualTo(3);
    }
}

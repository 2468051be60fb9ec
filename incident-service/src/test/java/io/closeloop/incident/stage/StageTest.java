package io.closeloop.incident.stage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StageTest {

    @Test
    void eventsInTheirOrderMoveTheIncidentThroughTheStages() {
        Stage stage = Stage.ACCOUNTABILITY.after(Stage.ACTION);
        assertThat(stage).isEqualTo(Stage.ACTION);
        stage = stage.after(Stage.VERIFICATION);
        assertThat(stage).isEqualTo(Stage.VERIFICATION);
        assertThat(stage.after(Stage.CLOSED)).isEqualTo(Stage.CLOSED);
    }

    @Test
    void aClosureReadBeforeTheEmbeddingThatPrecededItStaysClosed() {
        assertThat(Stage.ACTION.after(Stage.CLOSED).after(Stage.VERIFICATION)).isEqualTo(Stage.CLOSED);
    }

    @Test
    void aLateAssignmentDoesNotMoveAnIncidentBack() {
        assertThat(Stage.VERIFICATION.after(Stage.ACTION)).isEqualTo(Stage.VERIFICATION);
        assertThat(Stage.CLOSED.after(Stage.ACTION)).isEqualTo(Stage.CLOSED);
        assertThat(Stage.REOPENED.after(Stage.ACTION)).isEqualTo(Stage.REOPENED);
    }

    @Test
    void aFailedVerificationReopensAndTheNextEmbeddingVerifiesAgain() {
        Stage stage = Stage.VERIFICATION.after(Stage.REOPENED);
        assertThat(stage).isEqualTo(Stage.REOPENED);
        assertThat(stage.after(Stage.VERIFICATION)).isEqualTo(Stage.VERIFICATION);
        assertThat(Stage.CLOSED.after(Stage.REOPENED)).isEqualTo(Stage.CLOSED);
    }

    @Test
    void theFirstTwoStagesAreNeverReportedByAnotherService() {
        assertThatThrownBy(() -> Stage.ACTION.after(Stage.ACCOUNTABILITY)).isInstanceOf(IllegalArgumentException.class);
    }
}

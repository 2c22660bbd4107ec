package io.getstream.spring.benchmarks;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.getstream.spring.StreamException;
import io.getstream.spring.StreamTransportException;
import io.getstream.spring.tasks.Task;
import org.junit.jupiter.api.Test;

import io.getstream.spring.benchmarks.SoakPlan.Expected;
import io.getstream.spring.benchmarks.SoakPlan.PlannedWait;
import io.getstream.spring.benchmarks.SoakTally.End;
import io.getstream.spring.benchmarks.SoakTally.Outcome;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that the soak's checks catch wrong outcomes.
 */
class SoakTallyTests {

	@Test
	void completedTaskOfPlannedWaitMatches() {
		PlannedWait wait = plannedWait(Expected.COMPLETED);
		SoakTally tally = new SoakTally();
		tally.recordEnded(wait, new End(task(wait.taskId(), 7), null, 100, 1), 1000);
		assertThat(tally.outcomes(Outcome.COMPLETED)).isEqualTo(1);
		assertThat(tally.mismatches()).isZero();
	}

	@Test
	void completedTaskOfAnotherWaitIsMismatch() {
		PlannedWait wait = plannedWait(Expected.COMPLETED);
		SoakTally tally = new SoakTally();
		tally.recordEnded(wait, new End(task(wait.taskId(), 8), null, 100, 1), 1000);
		assertThat(tally.mismatches()).isEqualTo(1);
		assertThat(tally.mismatchExamples()).singleElement().asString().startsWith("soak-7: expected COMPLETED");
	}

	@Test
	void errorInPlaceOfTimeoutIsMismatch() {
		PlannedWait wait = plannedWait(Expected.PENDING_FOREVER);
		SoakTally tally = new SoakTally();
		StreamException error = new StreamException("Poll of task 'soak-7' failed", null);
		tally.recordEnded(wait, new End(null, error, 100, 1), 1000);
		assertThat(tally.outcomes(Outcome.ERROR)).isEqualTo(1);
		assertThat(tally.mismatches()).isEqualTo(1);
	}

	@Test
	void timeoutIsRecordedWithOvershoot() {
		PlannedWait wait = plannedWait(Expected.PENDING_FOREVER);
		SoakTally tally = new SoakTally();
		StreamTransportException timeout = new StreamTransportException(StreamTransportException.TIMEOUT, "timed out",
				null);
		tally.recordEnded(wait, new End(null, timeout, 3_000_000, 1), 1_000_000);
		assertThat(tally.mismatches()).isZero();
		assertThat(tally.timeoutOvershoots().describe()).isEqualTo("p50 2.0 ms, p99 2.0 ms, max 2.0 ms");
	}

	@Test
	void secondCallbackCountsAsDuplicate() {
		PlannedWait wait = plannedWait(Expected.COMPLETED);
		SoakTally tally = new SoakTally();
		tally.recordEnded(wait, new End(task(wait.taskId(), 7), null, 100, 2), 1000);
		assertThat(tally.duplicated()).isEqualTo(1);
	}

	@Test
	void unfinishedWaitCountsAsLost() {
		SoakTally tally = new SoakTally();
		tally.recordLost(plannedWait(Expected.COMPLETED));
		assertThat(tally.lost()).isEqualTo(1);
		assertThat(tally.waits()).isEqualTo(1);
	}

	private static PlannedWait plannedWait(Expected expected) {
		PlannedWait template = SoakPlan.batch(1, 0, 1).get(0);
		return new PlannedWait(7, "soak-7", expected, Duration.ofSeconds(3), template.script(), List.of());
	}

	private static Task task(String taskId, int waitIndex) {
		return new Task(taskId, "completed", Instant.EPOCH, Instant.EPOCH, "1ms", Map.of("wait", waitIndex), null);
	}

}

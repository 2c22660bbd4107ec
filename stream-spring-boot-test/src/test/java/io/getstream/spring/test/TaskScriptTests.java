package io.getstream.spring.test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.getstream.spring.test.StepAction.RateLimitResponse;
import io.getstream.spring.test.StepAction.TaskResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link TaskScript} and {@link TaskStep}.
 */
class TaskScriptTests {

	@Test
	void stepForRepeatsLastStepForever() {
		TaskScript script = TaskScript.statuses("pending", "running", "completed");
		assertThat(statusAt(script, 0)).isEqualTo("pending");
		assertThat(statusAt(script, 1)).isEqualTo("running");
		assertThat(statusAt(script, 2)).isEqualTo("completed");
		assertThat(statusAt(script, 3)).isEqualTo("completed");
		assertThat(statusAt(script, 1_000_000)).isEqualTo("completed");
	}

	@Test
	void stepForCountsRepeatedSteps() {
		TaskScript script = TaskScript.of(TaskStep.rateLimited(Duration.ofSeconds(1)).times(3))
			.then(TaskStep.status("running").times(2), TaskStep.completed());
		assertThat(script.stepFor(0).action()).isInstanceOf(RateLimitResponse.class);
		assertThat(script.stepFor(2).action()).isInstanceOf(RateLimitResponse.class);
		assertThat(statusAt(script, 3)).isEqualTo("running");
		assertThat(statusAt(script, 4)).isEqualTo("running");
		assertThat(statusAt(script, 5)).isEqualTo("completed");
		assertThat(script.steps()).hasSize(3);
	}

	@Test
	void ofListKeepsStepOrder() {
		TaskScript script = TaskScript.of(List.of(TaskStep.status("pending"), TaskStep.completed()));
		assertThat(statusAt(script, 0)).isEqualTo("pending");
		assertThat(statusAt(script, 1)).isEqualTo("completed");
		assertThatIllegalArgumentException().isThrownBy(() -> TaskScript.of(List.of()))
			.withMessage("'steps' must contain at least one step");
	}

	@Test
	void thenReturnsNewScriptAndKeepsOriginal() {
		TaskScript original = TaskScript.statuses("pending");
		TaskScript longer = original.then(TaskStep.completed());
		assertThat(original.steps()).hasSize(1);
		assertThat(longer.steps()).hasSize(2);
	}

	@Test
	void stepModifiersReturnCopies() {
		TaskStep step = TaskStep.status("pending");
		TaskStep modified = step.after(Duration.ofMillis(5)).times(2).withHeader("X-Test", "1");
		assertThat(step.delay()).isEqualTo(Duration.ZERO);
		assertThat(step.repeatCount()).isEqualTo(1);
		assertThat(step.headers()).isEmpty();
		assertThat(modified.delay()).isEqualTo(Duration.ofMillis(5));
		assertThat(modified.repeatCount()).isEqualTo(2);
		assertThat(modified.headers()).isEqualTo(Map.of("X-Test", "1"));
		assertThat(TaskStep.delayed(Duration.ofSeconds(1), step).delay()).isEqualTo(Duration.ofSeconds(1));
	}

	@Test
	void completedCopiesResult() {
		Map<String, Object> result = new HashMap<>(Map.of("url", "https://example.com/a.json"));
		TaskStep step = TaskStep.completed(result);
		result.put("url", "changed");
		assertThat(((TaskResponse) step.action()).result()).isEqualTo(Map.of("url", "https://example.com/a.json"));
	}

	@Test
	void invalidArgumentsAreRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> TaskStep.completed().times(0))
			.withMessage("'times' must be at least 1, but was 0");
		assertThatIllegalArgumentException().isThrownBy(() -> TaskStep.completed().after(Duration.ofMillis(-1)))
			.withMessage("'delay' must not be negative, but was PT-0.001S");
		assertThatIllegalArgumentException().isThrownBy(() -> TaskStep.error(200))
			.withMessage("'httpStatus' must be between 400 and 599, but was 200");
		assertThatIllegalArgumentException().isThrownBy(() -> TaskStep.raw(99, "text/plain", ""))
			.withMessage("'httpStatus' must be between 200 and 599, but was 99");
	}

	@Test
	void errorUsesStreamCodeForStatus() {
		assertThat(TaskStep.defaultCode(400)).isEqualTo(4);
		assertThat(TaskStep.defaultCode(401)).isEqualTo(5);
		assertThat(TaskStep.defaultCode(403)).isEqualTo(17);
		assertThat(TaskStep.defaultCode(404)).isEqualTo(16);
		assertThat(TaskStep.defaultCode(429)).isEqualTo(9);
		assertThat(TaskStep.defaultCode(500)).isEqualTo(-1);
		assertThat(TaskStep.defaultCode(503)).isEqualTo(-1);
	}

	private static String statusAt(TaskScript script, long index) {
		return ((TaskResponse) script.stepFor(index).action()).status();
	}

}

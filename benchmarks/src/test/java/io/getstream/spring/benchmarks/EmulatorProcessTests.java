package io.getstream.spring.benchmarks;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of the emulator process that the benchmarks poll.
 */
class EmulatorProcessTests {

	@Test
	void completedTaskIsServedUntilClose() {
		EmulatorProcess emulator = EmulatorProcess.startWithCompletedTask();
		try (PollClient client = ClientKind.STARTER_SIMPLE.create(emulator.endpoint(), emulator.value("TASK_ID"))) {
			PollCost.Round round = PollCost.measure(client, 20);
			assertThat(round.wallNanos()).isPositive();
			assertThat(round.threadCpuNanos()).isPositive();
			assertThat(round.allocatedBytes()).isPositive();
		}
		finally {
			emulator.close();
		}
		assertThat(emulator.isAlive()).isFalse();
	}

	@Test
	void soakModeReportsScriptedTasks() {
		try (EmulatorProcess emulator = EmulatorProcess.startWithSoakPlan(7, 3, 10)) {
			assertThat(emulator.value("SCRIPTED_TASKS")).isEqualTo("40");
		}
	}

}

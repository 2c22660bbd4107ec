package io.getstream.spring.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.getstream.spring.StreamException;
import io.getstream.spring.tasks.StreamTaskClient;
import io.getstream.spring.tasks.Task;
import io.getstream.spring.test.StreamEmulator;
import org.junit.jupiter.api.Test;

import io.getstream.spring.benchmarks.SoakPlan.Expected;
import io.getstream.spring.benchmarks.SoakPlan.Fault;
import io.getstream.spring.benchmarks.SoakPlan.PlannedWait;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Tests of the soak plan: it is reproducible, its mix matches the documented rates, and
 * the emulator plays each script as planned.
 */
class SoakPlanTests {

	@Test
	void sameSeedAndBatchGiveSameWaits() {
		List<PlannedWait> first = SoakPlan.batch(42, 3, 200);
		List<PlannedWait> second = SoakPlan.batch(42, 3, 200);
		assertThat(second).hasSameSizeAs(first);
		for (int i = 0; i < first.size(); i++) {
			assertThat(second.get(i).taskId()).isEqualTo(first.get(i).taskId());
			assertThat(second.get(i).expected()).isEqualTo(first.get(i).expected());
			assertThat(second.get(i).faults()).isEqualTo(first.get(i).faults());
			assertThat(second.get(i).script().toString()).isEqualTo(first.get(i).script().toString());
		}
	}

	@Test
	void taskIdsAreUniqueAcrossBatches() {
		Set<String> ids = new HashSet<>();
		for (int batch = SoakPlan.WARM_UP_BATCH; batch < 5; batch++) {
			SoakPlan.batch(42, batch, 100).forEach((wait) -> ids.add(wait.taskId()));
		}
		assertThat(ids).hasSize(600).contains("warmup-0", "soak-0", "soak-499");
	}

	@Test
	void mixMatchesDocumentedRates() {
		List<PlannedWait> waits = new ArrayList<>();
		for (int batch = 0; batch < 20; batch++) {
			waits.addAll(SoakPlan.batch(42, batch, 2000));
		}
		double count = waits.size();
		assertThat(waits.stream().filter((wait) -> wait.expected() == Expected.COMPLETED).count() / count)
			.isCloseTo(0.85, within(0.01));
		assertThat(waits.stream().filter((wait) -> wait.expected() == Expected.FAILED).count() / count).isCloseTo(0.10,
				within(0.01));
		assertThat(waits.stream().filter((wait) -> wait.expected() == Expected.PENDING_FOREVER).count() / count)
			.isCloseTo(0.05, within(0.01));
		// Each poll gets two fault rolls, and a wait makes 1 to 4 polls, 2.5 on average.
		double rolls = count * 2.5 * 2;
		List<Fault> faults = waits.stream().flatMap((wait) -> wait.faults().stream()).toList();
		assertThat(faults.stream().filter(Fault::isServerError).count() / rolls).isCloseTo(0.10, within(0.005));
		assertThat(faults.stream().filter((fault) -> fault == Fault.DROPPED_CONNECTION).count() / rolls).isCloseTo(0.05,
				within(0.005));
		assertThat(faults.stream().filter((fault) -> fault == Fault.RATE_LIMITED).count() / rolls).isCloseTo(0.02,
				within(0.005));
	}

	@Test
	void emulatorPlaysScriptsAsPlanned() {
		List<PlannedWait> waits = SoakPlan.batch(42, 0, 40);
		try (StreamEmulator emulator = StreamEmulator.start()) {
			waits.forEach((wait) -> emulator.scriptTask(wait.taskId(), wait.script()));
			EmulatorEndpoint endpoint = new EmulatorEndpoint(emulator.baseUrl(), emulator.apiKey(),
					emulator.apiSecret());
			// The starter turns off Apache HttpClient's automatic retries, so each GET
			// consumes exactly one step.
			try (ConfigurableApplicationContext context = StarterApplication.start(endpoint, List.of(),
					"stream.http.request-factory=http-components")) {
				StreamTaskClient client = context.getBean(StreamTaskClient.class);
				waits.parallelStream().forEach((wait) -> assertPlayedAsPlanned(client, wait));
			}
		}
	}

	private static void assertPlayedAsPlanned(StreamTaskClient client, PlannedWait wait) {
		int failures = 0;
		int faultsInARow = 0;
		Task task = null;
		// Up to 3 pending polls and 2 faults before each of 4 polls, then one more GET
		// that repeats the last step.
		for (int get = 0; get < 13; get++) {
			try {
				task = client.fetch(wait.taskId(), Duration.ofSeconds(5));
				faultsInARow = 0;
			}
			catch (StreamException ex) {
				failures++;
				faultsInARow++;
				assertThat(faultsInARow).as("faults in a row for %s", wait.taskId()).isLessThanOrEqualTo(2);
			}
		}
		assertThat(failures).as("faults of %s", wait.taskId()).isEqualTo(wait.faults().size());
		assertThat(task).isNotNull();
		String expectedStatus = switch (wait.expected()) {
			case COMPLETED -> "completed";
			case FAILED -> "failed";
			case PENDING_FOREVER -> "pending";
		};
		assertThat(task.status()).as("last status of %s", wait.taskId()).isEqualTo(expectedStatus);
	}

}

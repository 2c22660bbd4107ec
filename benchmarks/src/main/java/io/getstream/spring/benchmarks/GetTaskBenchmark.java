package io.getstream.spring.benchmarks;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH benchmark of one GetTask poll, from the call to the parsed status, for each
 * {@link ClientKind}. The emulator runs in a separate JVM, started by each fork's setup,
 * and responds with a completed task of about 300 bytes.
 * <p>
 * The score is wall time per poll on one thread, so it includes the emulator's time on
 * loopback; {@link PollCostHarness} reports the client's own CPU time per poll.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 6, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(1)
public class GetTaskBenchmark {

	/**
	 * Id of the client under test, one of the {@link ClientKind} ids.
	 */
	@Param({ "starter-http-components", "starter-simple", "starter-jdk", "official-sdk" })
	public String client = "starter-http-components";

	private EmulatorProcess emulator;

	private PollClient pollClient;

	/**
	 * Starts the emulator process and the client, and checks that a poll returns the
	 * completed task.
	 */
	@Setup(Level.Trial)
	public void start() {
		this.emulator = EmulatorProcess.startWithCompletedTask();
		this.pollClient = ClientKind.of(this.client).create(this.emulator.endpoint(), this.emulator.value("TASK_ID"));
		String status = this.pollClient.poll();
		if (!"completed".equals(status)) {
			throw new IllegalStateException("Expected a completed task, but the first poll returned '" + status + "'");
		}
	}

	/**
	 * Stops the client and the emulator process.
	 */
	@TearDown(Level.Trial)
	public void stop() {
		this.pollClient.close();
		this.emulator.close();
	}

	/**
	 * Polls the task once.
	 * @return the task's status, consumed by JMH so the read is not optimized away
	 */
	@Benchmark
	public String getTask() {
		return this.pollClient.poll();
	}

}

package io.getstream.spring.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.getstream.spring.http.StreamServerToken;

/**
 * Side-by-side measurement of the client CPU time and wall time of one GetTask poll, for
 * each {@link ClientKind}.
 * <p>
 * One emulator process responds to every poll with a completed task of about 300 bytes.
 * Each client runs in its own JVM (started with this JVM's {@code java} and options), so
 * that one client's JIT profile and garbage do not affect another: it sends the warm-up
 * polls, then several rounds of sequential polls on one thread, and reports the process
 * CPU time, the polling thread's CPU time, the wall time and the polling thread's
 * allocations per poll of each round. The table shows medians over the rounds.
 * <p>
 * Usage: {@code java -cp benchmarks.jar io.getstream.spring.benchmarks.PollCostHarness
 * [--clients ID,ID] [--warmup POLLS] [--polls POLLS] [--rounds ROUNDS]}.
 */
public final class PollCostHarness {

	private static final Set<String> OPTIONS = Set.of("clients", "warmup", "polls", "rounds", "run-client", "base-url",
			"api-key", "task-id");

	private static final String SECRET_VARIABLE = "BENCHMARK_EMULATOR_API_SECRET";

	private static final int DEFAULT_WARMUP = 20_000;

	private static final int DEFAULT_POLLS = 20_000;

	private static final int DEFAULT_ROUNDS = 5;

	/**
	 * Maximum run time of one client JVM: enough for 500,000 polls at 2 ms each.
	 */
	private static final long CLIENT_TIMEOUT_MINUTES = 20;

	private PollCostHarness() {
	}

	/**
	 * Runs the harness.
	 * @param args the options, see the class description
	 * @throws Exception if a client or the emulator failed
	 */
	public static void main(String[] args) throws Exception {
		CommandLineOptions options = CommandLineOptions.parse(args, OPTIONS);
		int warmup = options.intNumber("warmup", DEFAULT_WARMUP, 0);
		int polls = options.intNumber("polls", DEFAULT_POLLS, 1);
		int rounds = options.intNumber("rounds", DEFAULT_ROUNDS, 1);
		String clientToRun = options.text("run-client");
		if (clientToRun != null) {
			runClient(ClientKind.of(clientToRun), options, warmup, polls, rounds);
		}
		else {
			runAll(clients(options.text("clients", "")), warmup, polls, rounds);
		}
	}

	private static List<ClientKind> clients(String ids) {
		if (ids.isBlank()) {
			return List.of(ClientKind.values());
		}
		return Arrays.stream(ids.split(",")).map(String::trim).map(ClientKind::of).toList();
	}

	private static void runAll(List<ClientKind> clients, int warmup, int polls, int rounds) throws Exception {
		System.out.println("# GetTask poll cost, one client JVM per client, one polling thread");
		System.out.println("JVM: " + MachineInfo.jvm());
		System.out.println("CPU: " + MachineInfo.cpu());
		System.out.println("Load average at start: " + MachineInfo.loadAverage());
		System.out.printf(Locale.ROOT, "Warm-up %,d polls, then %d rounds of %,d polls per client%n", warmup, rounds,
				polls);
		List<PollCost.ClientRounds> results = new ArrayList<>();
		try (EmulatorProcess emulator = EmulatorProcess.startWithCompletedTask()) {
			String taskId = emulator.value("TASK_ID");
			System.out.println("Completed GetTask body: " + bodyBytes(emulator.endpoint(), taskId) + " bytes");
			for (ClientKind client : clients) {
				System.out.println("## " + client.id() + ": " + client.description());
				results.add(runInClientJvm(client, emulator.endpoint(), taskId, warmup, polls, rounds));
			}
		}
		System.out.println("Load average at end: " + MachineInfo.loadAverage());
		System.out.println();
		System.out
			.println("| client | CPU per poll | polling thread CPU per poll | wall per poll | allocated per poll |");
		System.out.println("| --- | --- | --- | --- | --- |");
		for (PollCost.ClientRounds result : results) {
			System.out.printf(Locale.ROOT, "| %s | %s | %s | %s | %,.0f B |%n", result.client().id(),
					result.microseconds(PollCost.Round::cpuNanos), result.microseconds(PollCost.Round::threadCpuNanos),
					result.microseconds(PollCost.Round::wallNanos), result.median(PollCost.Round::allocatedBytes));
		}
		System.out.println();
		System.out.println("Medians over the rounds, with the lowest and highest round in brackets.");
	}

	private static PollCost.ClientRounds runInClientJvm(ClientKind client, EmulatorEndpoint endpoint, String taskId,
			int warmup, int polls, int rounds) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
		command.addAll(List.of("-cp", System.getProperty("java.class.path"), PollCostHarness.class.getName(),
				"--run-client", client.id(), "--warmup", Integer.toString(warmup), "--polls", Integer.toString(polls),
				"--rounds", Integer.toString(rounds), "--base-url", endpoint.baseUrl(), "--api-key", endpoint.apiKey(),
				"--task-id", taskId));
		ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
		// The secret goes through the environment to keep it off the process list.
		builder.environment().put(SECRET_VARIABLE, endpoint.apiSecret());
		Process process = builder.start();
		// Reading the output blocks until the client JVM ends, so a timer kills a
		// client JVM that is stuck.
		CompletableFuture.delayedExecutor(CLIENT_TIMEOUT_MINUTES, TimeUnit.MINUTES).execute(process::destroyForcibly);
		List<PollCost.Round> results = new ArrayList<>();
		try (BufferedReader output = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = output.readLine()) != null) {
				if (line.startsWith("ROUND ")) {
					PollCost.Round round = PollCost.Round.parse(line);
					results.add(round);
					System.out.println("round " + results.size() + ": " + round.describe());
				}
				else {
					System.out.println(line);
				}
			}
		}
		process.waitFor();
		if (process.exitValue() != 0 || results.size() != rounds) {
			throw new IllegalStateException("Client JVM for " + client.id() + " exited with " + process.exitValue()
					+ " after " + results.size() + " of " + rounds + " rounds; see its errors above");
		}
		return new PollCost.ClientRounds(client, results);
	}

	private static void runClient(ClientKind kind, CommandLineOptions options, int warmup, int polls, int rounds) {
		String secret = System.getenv(SECRET_VARIABLE);
		String baseUrl = options.text("base-url");
		String apiKey = options.text("api-key");
		String taskId = options.text("task-id");
		if (secret == null || baseUrl == null || apiKey == null || taskId == null) {
			throw new IllegalArgumentException("Missing --base-url, --api-key, --task-id or " + SECRET_VARIABLE
					+ ": --run-client is started by the harness, run it without --run-client");
		}
		try (PollClient client = kind.create(new EmulatorEndpoint(baseUrl, apiKey, secret), taskId)) {
			PollCost.measure(client, Math.max(1, warmup));
			for (int round = 0; round < rounds; round++) {
				System.out.println(PollCost.measure(client, polls).toLine());
			}
		}
	}

	/**
	 * Reads the task once with a plain HttpURLConnection and returns the body's length.
	 */
	private static int bodyBytes(EmulatorEndpoint endpoint, String taskId) throws IOException {
		URI uri = URI.create(endpoint.baseUrl() + "/api/v2/tasks/" + taskId + "?api_key=" + endpoint.apiKey());
		HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
		connection.setRequestProperty("Authorization", new StreamServerToken(endpoint.apiSecret()).token());
		connection.setRequestProperty("stream-auth-type", "jwt");
		try (InputStream body = connection.getInputStream()) {
			return body.readAllBytes().length;
		}
		finally {
			connection.disconnect();
		}
	}

}

package io.getstream.spring.tasks;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.getstream.spring.StreamException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * {@link TaskPoller} that reads tasks through a {@link StreamTaskClient}.
 * <p>
 * A blocking wait polls on the caller's thread and retries each failed request through a
 * {@link RetryTemplate}. An asynchronous wait uses no thread between polls: a scheduler
 * thread times the polls and the wait's deadline, and a bounded pool sends the requests.
 * Both kinds follow the same {@link org.springframework.core.retry.RetryPolicy}. Call
 * {@link #close()} to stop the threads; pending asynchronous waits then fail.
 *
 * @author Stream Spring Boot contributors
 * @since 0.1.0
 */
public class DefaultTaskPoller implements TaskPoller, AutoCloseable {

	private static final Log logger = LogFactory.getLog(DefaultTaskPoller.class);

	private final StreamTaskClient client;

	private final TaskPollerSettings settings;

	private final TaskPollerListener listener;

	private final StatusWarnings statusWarnings = new StatusWarnings();

	private final AtomicBoolean shortIntervalWarned = new AtomicBoolean();

	private final ScheduledThreadPoolExecutor scheduler;

	private final ThreadPoolExecutor requestExecutor;

	private final ThreadPoolExecutor completionExecutor;

	private final Set<AsyncTaskWait> activeWaits = ConcurrentHashMap.newKeySet();

	/**
	 * Creates a poller.
	 * @param client the client that sends each GET
	 * @param settings the poll, retry and concurrency settings
	 * @param listener the listener called for polls, retries and waits
	 */
	public DefaultTaskPoller(StreamTaskClient client, TaskPollerSettings settings, TaskPollerListener listener) {
		this.client = client;
		this.settings = settings;
		this.listener = listener;
		this.scheduler = new ScheduledThreadPoolExecutor(1, threadFactory("stream-tasks-scheduler-"));
		this.scheduler.setRemoveOnCancelPolicy(true);
		this.requestExecutor = new ThreadPoolExecutor(settings.maxConcurrentRequests(),
				settings.maxConcurrentRequests(), 10, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
				threadFactory("stream-tasks-"));
		this.requestExecutor.allowCoreThreadTimeOut(true);
		// Unbounded, so that a caller's callback that blocks holds one thread and no
		// other wait's completion.
		this.completionExecutor = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 10, TimeUnit.SECONDS,
				new SynchronousQueue<>(), threadFactory("stream-tasks-completion-"));
	}

	private static CustomizableThreadFactory threadFactory(String prefix) {
		CustomizableThreadFactory factory = new CustomizableThreadFactory(prefix);
		factory.setDaemon(true);
		return factory;
	}

	@Override
	public Task getTask(String taskId) {
		StreamTaskClient.checkTaskId(taskId);
		return this.client.fetch(taskId, this.settings.timeout());
	}

	@Override
	public Task waitForTask(String taskId) {
		return waitForTask(taskId, this.settings.pollInterval(), this.settings.timeout());
	}

	@Override
	public Task waitForTask(String taskId, Duration pollInterval, Duration timeout) {
		TaskWait wait = startWait(taskId, pollInterval, timeout);
		try {
			Task task = awaitBlocking(wait);
			wait.end(WaitOutcome.COMPLETED, null);
			return task;
		}
		catch (RuntimeException ex) {
			wait.end(TaskWait.outcomeOf(ex), (ex instanceof StreamException stream) ? stream : null);
			throw ex;
		}
	}

	private Task awaitBlocking(TaskWait wait) {
		RetryTemplate retryTemplate = new RetryTemplate(wait.retryPolicy());
		while (true) {
			if (Thread.currentThread().isInterrupted()) {
				throw wait.interruptedException();
			}
			Task task = fetchWithRetries(wait, retryTemplate);
			if (task != null) {
				Task completed = wait.onTask(task);
				if (completed != null) {
					return completed;
				}
			}
			if (wait.isDeadlinePassed()) {
				throw wait.timeoutException();
			}
			try {
				Thread.sleep(wait.nextPollDelayMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw wait.interruptedException();
			}
		}
	}

	private Task fetchWithRetries(TaskWait wait, RetryTemplate retryTemplate) {
		try {
			return retryTemplate.execute(wait::fetch);
		}
		catch (RetryException ex) {
			if (Thread.currentThread().isInterrupted()) {
				throw wait.interruptedException();
			}
			if (ex.getCause() instanceof StreamException failure) {
				throw failure;
			}
			throw new StreamException("Unexpected failure while polling Stream task '" + wait.taskId + "'",
					ex.getCause());
		}
	}

	@Override
	public CompletableFuture<Task> waitForTaskAsync(String taskId) {
		return waitForTaskAsync(taskId, this.settings.pollInterval(), this.settings.timeout());
	}

	@Override
	public CompletableFuture<Task> waitForTaskAsync(String taskId, Duration pollInterval, Duration timeout) {
		TaskWait wait = startWait(taskId, pollInterval, timeout);
		AsyncTaskWait asyncWait = new AsyncTaskWait(wait, this.scheduler, this.requestExecutor,
				this.completionExecutor);
		this.activeWaits.add(asyncWait);
		asyncWait.future().whenComplete((task, failure) -> this.activeWaits.remove(asyncWait));
		asyncWait.start();
		return asyncWait.future();
	}

	private TaskWait startWait(String taskId, Duration pollInterval, Duration timeout) {
		StreamTaskClient.checkTaskId(taskId);
		TaskPollerSettings.requirePositive("pollInterval", pollInterval);
		TaskPollerSettings.requirePositive("timeout", timeout);
		if (pollInterval.compareTo(timeout) > 0) {
			throw new IllegalArgumentException("Invalid pollInterval " + pollInterval + ": it is longer than timeout "
					+ timeout + "; pass a poll interval no longer than the timeout");
		}
		return new TaskWait(this.client, this.settings, this.listener, this.statusWarnings, taskId,
				applyMinimum(pollInterval), timeout);
	}

	private Duration applyMinimum(Duration pollInterval) {
		Duration minimum = this.settings.minPollInterval();
		if (pollInterval.compareTo(minimum) >= 0) {
			return pollInterval;
		}
		if (this.shortIntervalWarned.compareAndSet(false, true)) {
			logger.warn(
					"Poll interval " + pollInterval.toMillis() + " ms is shorter than stream.tasks.min-poll-interval ("
							+ minimum.toMillis() + " ms); polling every " + minimum.toMillis() + " ms instead");
		}
		return minimum;
	}

	/**
	 * Stops the scheduler and request threads. Asynchronous waits still pending fail with
	 * a {@link StreamException}.
	 */
	@Override
	public void close() {
		this.scheduler.shutdownNow();
		this.requestExecutor.shutdownNow();
		this.completionExecutor.shutdown();
		for (AsyncTaskWait asyncWait : this.activeWaits) {
			asyncWait.future().completeExceptionally(closedException(asyncWait.taskId(), null));
		}
		// NOTE: neither HTTP client ends a blocked socket read on interrupt. A request in
		// flight may keep its thread until its per-request timeout, and close() does not
		// wait that long.
		try {
			this.scheduler.awaitTermination(1, TimeUnit.SECONDS);
			this.requestExecutor.awaitTermination(1, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	static StreamException closedException(String taskId, @Nullable RejectedExecutionException cause) {
		return new StreamException("TaskPoller is closed; the wait for Stream task '" + taskId + "' was stopped",
				cause);
	}

}

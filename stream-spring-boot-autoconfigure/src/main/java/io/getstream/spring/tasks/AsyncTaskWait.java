package io.getstream.spring.tasks;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.getstream.spring.StreamException;
import org.jspecify.annotations.Nullable;

/**
 * Drives one asynchronous wait: each poll runs on the request executor, the pause between
 * polls and the deadline are timed by the scheduler, and no thread is held in between.
 * The deadline task fails the future on time even while a request hangs; a late response
 * is then ignored.
 * <p>
 * The future is completed on the completion executor, so that a caller's slow callback
 * blocks neither the scheduler, which times every wait, nor a request thread.
 */
final class AsyncTaskWait {

	private final TaskWait wait;

	private final ScheduledExecutorService scheduler;

	private final Executor requestExecutor;

	private final Executor completionExecutor;

	private final CompletableFuture<Task> future = new CompletableFuture<>();

	private volatile @Nullable ScheduledFuture<?> nextPoll;

	private volatile @Nullable ScheduledFuture<?> deadline;

	AsyncTaskWait(TaskWait wait, ScheduledExecutorService scheduler, Executor requestExecutor,
			Executor completionExecutor) {
		this.wait = wait;
		this.scheduler = scheduler;
		this.requestExecutor = requestExecutor;
		this.completionExecutor = completionExecutor;
	}

	CompletableFuture<Task> future() {
		return this.future;
	}

	String taskId() {
		return this.wait.taskId;
	}

	void start() {
		this.future.whenComplete((task, failure) -> onDone(failure));
		try {
			this.deadline = this.scheduler.schedule(this::onDeadline, this.wait.remainingNanos(), TimeUnit.NANOSECONDS);
			this.requestExecutor.execute(this::poll);
		}
		catch (RejectedExecutionException ex) {
			this.future.completeExceptionally(DefaultTaskPoller.closedException(this.wait.taskId, ex));
		}
	}

	private void onDeadline() {
		fail(this.wait.timeoutException());
	}

	private void poll() {
		if (this.future.isDone()) {
			return;
		}
		try {
			pollOnce();
		}
		catch (RuntimeException ex) {
			fail(ex);
		}
		catch (Error ex) {
			// An OutOfMemoryError from a huge body must not leave the wait pending.
			this.future.completeExceptionally(ex);
			throw ex;
		}
	}

	private void pollOnce() {
		Task task;
		try {
			task = this.wait.fetch();
		}
		catch (StreamException ex) {
			onFailure(ex);
			return;
		}
		Task completed;
		try {
			completed = (task != null) ? this.wait.onTask(task) : null;
		}
		catch (StreamException ex) {
			fail(ex);
			return;
		}
		if (completed != null) {
			complete(completed);
			return;
		}
		schedulePoll(this.wait.nextPollDelayMillis());
	}

	private void onFailure(StreamException failure) {
		if (this.future.isDone()) {
			return;
		}
		if (this.wait.isDeadlinePassed()) {
			fail(this.wait.timeoutException());
			return;
		}
		long delay;
		try {
			delay = this.wait.onFailure(failure);
		}
		catch (StreamException ex) {
			fail(ex);
			return;
		}
		schedulePoll(delay);
	}

	private void schedulePoll(long delayMillis) {
		if (this.future.isDone()) {
			return;
		}
		if (TimeUnit.MILLISECONDS.toNanos(delayMillis) >= this.wait.remainingNanos()) {
			// The deadline task ends the wait before this poll could run.
			return;
		}
		try {
			this.nextPoll = this.scheduler.schedule(this::submitPoll, delayMillis, TimeUnit.MILLISECONDS);
		}
		catch (RejectedExecutionException ex) {
			this.future.completeExceptionally(DefaultTaskPoller.closedException(this.wait.taskId, ex));
		}
	}

	private void submitPoll() {
		try {
			this.requestExecutor.execute(this::poll);
		}
		catch (RejectedExecutionException ex) {
			this.future.completeExceptionally(DefaultTaskPoller.closedException(this.wait.taskId, ex));
		}
	}

	private void complete(Task task) {
		dispatch(() -> this.future.complete(task));
	}

	private void fail(Throwable failure) {
		dispatch(() -> this.future.completeExceptionally(failure));
	}

	private void dispatch(Runnable completion) {
		try {
			this.completionExecutor.execute(completion);
		}
		catch (RejectedExecutionException ex) {
			completion.run();
		}
	}

	private void onDone(@Nullable Throwable failure) {
		cancel(this.nextPoll);
		cancel(this.deadline);
		if (failure == null) {
			this.wait.end(WaitOutcome.COMPLETED, null);
		}
		else if (failure instanceof CancellationException) {
			this.wait.end(WaitOutcome.CANCELLED, null);
		}
		else {
			this.wait.end(TaskWait.outcomeOf(failure), (failure instanceof StreamException stream) ? stream : null);
		}
	}

	private static void cancel(@Nullable ScheduledFuture<?> scheduled) {
		if (scheduled != null) {
			scheduled.cancel(false);
		}
	}

}

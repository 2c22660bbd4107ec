package io.getstream.spring.sample;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.getstream.spring.tasks.Task;
import io.getstream.spring.tasks.TaskPoller;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;

/**
 * Starts Stream channel tasks and waits for them with the {@link TaskPoller}: exports
 * while the caller waits, hard deletes in the background.
 *
 * @author Stream Spring Boot contributors
 */
@Service
class ChannelTaskService {

	/**
	 * Number of background waits whose state is kept. The oldest is dropped first.
	 */
	static final int MAX_BACKGROUND_WAITS = 1000;

	private static final Log logger = LogFactory.getLog(ChannelTaskService.class);

	private final StreamChannelClient channelClient;

	private final TaskPoller taskPoller;

	private final Map<String, BackgroundWait> backgroundWaits = Collections
		.synchronizedMap(new LinkedHashMap<>(16, 0.75f, false) {

			@Override
			protected boolean removeEldestEntry(Map.Entry<String, BackgroundWait> eldest) {
				return size() > MAX_BACKGROUND_WAITS;
			}

		});

	ChannelTaskService(StreamChannelClient channelClient, TaskPoller taskPoller) {
		this.channelClient = channelClient;
		this.taskPoller = taskPoller;
	}

	/**
	 * Exports the given channels and waits until the export task ends.
	 * @param cids the channel cids
	 * @return the completed task, whose result contains the export file's {@code url}
	 * @throws io.getstream.spring.StreamException if the export could not be started or
	 * its task failed or timed out
	 */
	Task exportChannels(List<String> cids) {
		String taskId = this.channelClient.exportChannels(cids);
		logger.info("Started export task " + taskId + " for " + cids.size() + " channel(s)");
		return this.taskPoller.waitForTask(taskId);
	}

	/**
	 * Starts a hard delete of the given channels and waits for its task in the
	 * background. {@link #getBackgroundWait(String)} returns the wait's state.
	 * @param cids the channel cids
	 * @return the task id
	 * @throws io.getstream.spring.StreamException if the delete could not be started
	 */
	String hardDeleteChannels(List<String> cids) {
		String taskId = this.channelClient.hardDeleteChannels(cids);
		logger.info("Started hard delete task " + taskId + " for " + cids.size() + " channel(s)");
		this.backgroundWaits.put(taskId, BackgroundWait.pending(taskId));
		this.taskPoller.waitForTaskAsync(taskId)
			.whenComplete((task, failure) -> finishBackgroundWait(taskId, task, failure));
		return taskId;
	}

	private void finishBackgroundWait(String taskId, @Nullable Task task, @Nullable Throwable failure) {
		if (failure != null) {
			BackgroundWait wait = BackgroundWait.failed(taskId, failure);
			logger.warn("Wait for hard delete task " + taskId + " ended with outcome '" + wait.outcome() + "': "
					+ wait.description());
			this.backgroundWaits.put(taskId, wait);
			return;
		}
		logger.info("Hard delete task " + taskId + " completed");
		this.backgroundWaits.put(taskId, BackgroundWait.completed(Objects.requireNonNull(task)));
	}

	/**
	 * Returns the state of the background wait for the given task.
	 * @param taskId the task id
	 * @return the state, or {@code null} when no hard delete started that task or its
	 * state was dropped
	 */
	@Nullable BackgroundWait getBackgroundWait(String taskId) {
		return this.backgroundWaits.get(taskId);
	}

}

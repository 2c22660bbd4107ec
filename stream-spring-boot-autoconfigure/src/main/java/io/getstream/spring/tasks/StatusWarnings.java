package io.getstream.spring.tasks;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Logs one warning per task status that this library does not know. Polling goes on for
 * such a status, as Stream's own SDKs do.
 */
final class StatusWarnings {

	private static final Log logger = LogFactory.getLog(DefaultTaskPoller.class);

	static final Set<String> KNOWN_STATUSES = Set.of("waiting", "pending", "running", Task.COMPLETED, Task.FAILED,
			Task.ERROR);

	// Bounds the memory a server sending ever-new statuses can take.
	private static final int MAX_REMEMBERED = 64;

	private final Set<String> warned = ConcurrentHashMap.newKeySet();

	static boolean isKnown(String status) {
		return KNOWN_STATUSES.contains(status);
	}

	void warnIfUnknown(String status, String taskId) {
		if (isKnown(status) || this.warned.size() >= MAX_REMEMBERED || !this.warned.add(status)) {
			return;
		}
		logger.warn("Stream task '" + taskId + "' has status '" + status
				+ "', which this library does not know; polling goes on until 'completed', 'failed' or the timeout");
	}

}

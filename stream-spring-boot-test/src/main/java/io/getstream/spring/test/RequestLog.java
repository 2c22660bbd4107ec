package io.getstream.spring.test;

import java.util.ArrayList;
import java.util.List;

/**
 * Thread-safe list of the requests an emulator received, in arrival order.
 */
final class RequestLog {

	private final List<RecordedRequest> requests = new ArrayList<>();

	synchronized void add(RecordedRequest request) {
		this.requests.add(request);
	}

	synchronized List<RecordedRequest> snapshot() {
		return List.copyOf(this.requests);
	}

	synchronized void clear() {
		this.requests.clear();
	}

}

package io.getstream.spring.benchmarks;

/**
 * Client under test that reads one task with one {@code GET /api/v2/tasks/{id}} per call.
 */
interface PollClient extends AutoCloseable {

	/**
	 * Sends one GetTask request and reads the response.
	 * @return the task's status
	 */
	String poll();

	/**
	 * Releases the client's connections and threads.
	 */
	@Override
	void close();

}

// The wire of streaming inputs (Image webcam / Audio microphone with `streaming=True`), kept apart from
// the code that captures frames and sound (media/streamInput.ts): every page's app feeds stream events
// through these few functions, only a page with a streaming component loads the capture code.

/** What a streaming component dispatches with its "stream" event: the chunk stands for its value. */
export interface StreamChunk {
	value: unknown;
	is_value_data: true;
	/** Sent as the event's `event_data` by itself, not wrapped (Gradio's microphone sends its FileData). */
	bare?: true;
}

export function streamChunk(value: unknown, bare = false): StreamChunk {
	return bare ? { value, is_value_data: true, bare: true } : { value, is_value_data: true };
}

/** The `event_data` a stream event's join and chunks carry: the wrapped chunk, or a bare chunk's value. */
export function streamEventData(data: unknown): unknown {
	if (!isStreamChunk(data)) return data;
	return data.bare ? data.value : { value: data.value, is_value_data: true };
}

export function isStreamChunk(data: unknown): data is StreamChunk {
	return typeof data === "object" && data !== null && (data as StreamChunk).is_value_data === true && "value" in data;
}

/** Seconds between chunks: the listener's `stream_every` (Gradio's default 0.5), at least 50 ms. */
export function streamInterval(seconds: unknown): number {
	const value = typeof seconds === "number" && Number.isFinite(seconds) && seconds > 0 ? seconds : 0.5;
	return Math.max(0.05, value);
}

/** Posts the next input of a stream event. */
export async function postChunk(
	url: string,
	fnIndex: number,
	sessionHash: string,
	data: unknown[],
	eventData: unknown,
): Promise<boolean> {
	const response = await fetch(url, {
		method: "POST",
		headers: { "Content-Type": "application/json" },
		credentials: "include",
		body: JSON.stringify({ fn_index: fnIndex, data, event_data: eventData ?? null, session_hash: sessionHash }),
	}).catch(() => null);
	return !!response?.ok;
}

/** Ends a stream event (its last outputs come as its process_completed). */
export async function postClose(url: string): Promise<void> {
	await fetch(url, {
		method: "POST",
		headers: { "Content-Type": "application/json" },
		credentials: "include",
		body: "{}",
	}).catch(() => undefined);
}

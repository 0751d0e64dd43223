// Plays a streamed media output (an HLS event playlist of packed-audio segments, see
// trellis/processing/media_stream.py) through Media Source Extensions, as the segments are made.
//
// The playlist is re-read with the HLS blocking-reload parameter `_HLS_msn=<next segment>`, so
// the server answers as soon as a new segment exists; each new segment is appended in order.

export interface PlaylistEntry {
	uri: string;
	duration: number;
}

export interface Playlist {
	segments: PlaylistEntry[];
	ended: boolean;
}

/** The segments and end marker of an HLS media playlist. */
export function parsePlaylist(text: string): Playlist {
	const segments: PlaylistEntry[] = [];
	let ended = false;
	let duration: number | null = null;
	for (const raw of text.split(/\r?\n/)) {
		const line = raw.trim();
		if (!line) continue;
		if (line.startsWith("#EXTINF:")) {
			duration = Number.parseFloat(line.slice(8));
		} else if (line === "#EXT-X-ENDLIST") {
			ended = true;
		} else if (!line.startsWith("#")) {
			segments.push({ uri: line, duration: duration ?? 0 });
			duration = null;
		}
	}
	return { segments, ended };
}

/** The URL of `uri` relative to the playlist at `base`. */
export function resolveUri(uri: string, base: string): string {
	return new URL(uri, base).toString();
}

export type StreamState = "loading" | "streaming" | "ended" | "error";

export interface StreamOptions {
	/** The playlist URL. */
	playlist: string;
	/** The whole file once the stream has ended (used when MSE cannot play the segments). */
	wholeFile: string;
	/** MIME type of the segments ("audio/mpeg"). */
	mimeType: string;
	onState?: (state: StreamState, message?: string) => void;
	/** Called after each appended segment with the seconds buffered so far. */
	onBuffered?: (seconds: number) => void;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Attach a streamed output to `media`; returns a function that stops loading.
 * Falls back to the whole file (once the stream ends) where MediaSource cannot take the type.
 */
export function playStream(media: HTMLMediaElement, options: StreamOptions): () => void {
	const abort = new AbortController();
	const { signal } = abort;
	const report = (state: StreamState, message?: string) => {
		if (!signal.aborted) options.onState?.(state, message);
	};
	const MS: typeof MediaSource | undefined = globalThis.MediaSource;
	if (!MS || !MS.isTypeSupported(options.mimeType)) {
		void waitForEnd(options.playlist, signal)
			.then(() => {
				if (signal.aborted) return;
				media.src = options.wholeFile;
				report("ended");
			})
			.catch((e: Error) => report("error", e.message));
		report("loading");
		return () => abort.abort();
	}
	const source = new MS();
	const objectUrl = URL.createObjectURL(source);
	media.src = objectUrl;
	report("loading");
	source.addEventListener(
		"sourceopen",
		() => {
			void feed(source, media, options, signal, report).catch((e: Error) => {
				if (!signal.aborted) report("error", e.message);
			});
		},
		{ once: true },
	);
	return () => {
		abort.abort();
		URL.revokeObjectURL(objectUrl);
	};
}

async function fetchPlaylist(url: string, next: number, signal: AbortSignal): Promise<Playlist> {
	const target = new URL(url);
	target.searchParams.set("_HLS_msn", String(next));
	const response = await fetch(target, { signal, cache: "no-store", credentials: "same-origin" });
	if (!response.ok) throw new Error(`The stream is not available (HTTP ${response.status}).`);
	return parsePlaylist(await response.text());
}

async function waitForEnd(url: string, signal: AbortSignal): Promise<void> {
	let next = 0;
	for (;;) {
		const playlist = await fetchPlaylist(url, next, signal);
		if (playlist.ended) return;
		if (playlist.segments.length <= next) await sleep(250);
		next = playlist.segments.length;
	}
}

function appendTo(buffer: SourceBuffer, data: ArrayBuffer, signal: AbortSignal): Promise<void> {
	return new Promise((resolve, reject) => {
		const done = () => {
			buffer.removeEventListener("updateend", done);
			buffer.removeEventListener("error", failed);
			resolve();
		};
		const failed = () => {
			buffer.removeEventListener("updateend", done);
			buffer.removeEventListener("error", failed);
			reject(new Error("The browser could not play a segment of the stream."));
		};
		if (signal.aborted) return resolve();
		buffer.addEventListener("updateend", done);
		buffer.addEventListener("error", failed);
		buffer.appendBuffer(data);
	});
}

async function feed(
	source: MediaSource,
	media: HTMLMediaElement,
	options: StreamOptions,
	signal: AbortSignal,
	report: (state: StreamState, message?: string) => void,
): Promise<void> {
	const buffer = source.addSourceBuffer(options.mimeType);
	buffer.mode = "sequence";
	let appended = 0;
	for (;;) {
		const playlist = await fetchPlaylist(options.playlist, appended, signal);
		while (appended < playlist.segments.length) {
			const entry = playlist.segments[appended];
			const response = await fetch(resolveUri(entry.uri, options.playlist), { signal, credentials: "same-origin" });
			if (!response.ok) throw new Error(`A segment of the stream is missing (HTTP ${response.status}).`);
			await appendTo(buffer, await response.arrayBuffer(), signal);
			if (signal.aborted) return;
			appended += 1;
			if (appended === 1) {
				report("streaming");
				if (media.autoplay) void media.play().catch(() => {});
			}
			if (buffer.buffered.length) options.onBuffered?.(buffer.buffered.end(buffer.buffered.length - 1));
		}
		if (playlist.ended) {
			if (source.readyState === "open") source.endOfStream();
			report("ended");
			return;
		}
		if (signal.aborted) return;
	}
}

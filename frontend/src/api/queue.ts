// The queue protocol from the browser: join, the session's messages, cancel, direct runs.
//
// A browser keeps at most six HTTP/1.1 connections per host for all its tabs, so a stream held open
// per tab stalls the seventh tab. The page therefore reads its session's messages over one WebSocket
// per tab (`/queue/ws`, counted apart from that pool; trellis/server/routes_ws.py), which is also the
// session's heartbeat while it is open. When the socket cannot open (a proxy without WebSocket
// support, a server without it) the page uses `/queue/data` SSE streams instead, as the official
// clients do; both carry the same numbered messages and resume from the last `seq` read.

import type { ErrorOutput, OutputData, QueueMessage } from "./types";

export type MessageHandler = (message: QueueMessage) => void;

// The answers of /queue/join and /run are not in trellis/_wire.py: their shapes are written here.

/** One input's verdict in the 422 answer of a join that a listener's `validator` refused. */
export interface ValidationEntry {
	is_valid: boolean;
	message: string;
	parameter_name?: string;
}

/** A join refused by the listener's `validator` (422): one entry per input, in the listener's order. */
export class ValidationRefusal extends Error {
	readonly entries: ValidationEntry[];

	constructor(entries: ValidationEntry[]) {
		super(entries.filter((e) => !e.is_valid && e.message).map((e) => e.message).join(" "));
		this.entries = entries;
	}
}

/** What `POST /queue/join` answers: the event's id, or (on a 4xx/5xx) why there is none. */
interface JoinAnswer {
	event_id: string;
	detail?: unknown;
}

/**
 * What `POST /run/{api_name}` answers: the output (200), the error output (500), or `{detail}` when
 * the call was refused (PROTOCOL 4.9). Partial: a body that is no JSON is read as `{}` or an error.
 */
export type RunAnswer =
	| { ok: true; body: Partial<OutputData> }
	| { ok: false; body: Partial<ErrorOutput> & { detail?: unknown } };

function randomSessionHash(): string {
	const bytes = new Uint8Array(8);
	crypto.getRandomValues(bytes);
	return Array.from(bytes, (b) => b.toString(36).padStart(2, "0")).join("").slice(0, 12);
}

export class QueueClient {
	readonly base: string;
	readonly sessionHash: string;
	private handlers = new Map<string, MessageHandler>();
	private early = new Map<string, QueueMessage[]>();
	private streaming = false;
	/** The `seq` of the last message read since the last `close_stream`: a reconnect's `Last-Event-ID`. */
	private lastSeq: number | null = null;
	/** Reconnects in a row that read nothing yet (the backoff grows with them). */
	private retries = 0;
	/** Longest wait between reconnects, in milliseconds. */
	static readonly MAX_BACKOFF = 10_000;
	/** How long a WebSocket may take to open before the page gives up on it, in milliseconds. */
	static readonly SOCKET_OPEN_TIMEOUT = 5_000;
	onSessionMessage: (message: QueueMessage) => void = () => {};
	/** How messages arrive: over the page's WebSocket, or (it could not open) over SSE streams. */
	transport: "socket" | "sse";
	private socket: WebSocket | null = null;
	private opening: Promise<WebSocket | null> | null = null;
	/** A socket opened once on this page: failing to reopen it is a drop, not a reason to give it up. */
	private socketOpened = false;
	/** Ends the stream being read over the socket: true at `close_stream`, false when the socket closes. */
	private socketRun: ((closed: boolean) => void) | null = null;
	/** Keep the socket open while the page lives (it is the session's heartbeat); see `connect`. */
	private keepAlive = false;
	/** The session's heartbeat stream when the socket cannot be its heartbeat. */
	private heartbeat: EventSource | null = null;
	private reviving: ReturnType<typeof setTimeout> | null = null;
	private socketRetries = 0;

	constructor(base: string, sessionHash: string = randomSessionHash(), useSocket: boolean = typeof WebSocket === "function") {
		this.base = base.replace(/\/$/, "");
		this.sessionHash = sessionHash;
		this.transport = useSocket ? "socket" : "sse";
	}

	/**
	 * Open the page's socket now and keep it open (reopened after a drop): the session's heartbeat,
	 * for apps whose sessions end when the page goes (`unload` listeners, State). Resolves to whether
	 * it opened; when it cannot, the page goes on with SSE streams and keeps the session's heartbeat
	 * as an SSE stream of its own (`/heartbeat/{session}`, reopened by the browser after a drop).
	 */
	async connect(): Promise<boolean> {
		this.keepAlive = true;
		const opened = (await this.openSocket()) !== null;
		if (!opened && !this.heartbeat && typeof EventSource === "function") {
			this.heartbeat = new EventSource(this.url(`/heartbeat/${this.sessionHash}`), { withCredentials: true });
		}
		return opened;
	}

	url(path: string): string {
		return `${this.base}/gradio_api${path}`;
	}

	/** Queue one call; `handler` receives every message of the event. Returns the event id. */
	async submit(
		fnIndex: number,
		data: unknown[],
		eventData: unknown,
		triggerId: number | null,
		handler: MessageHandler,
		tableWindows: number[] = [],
	): Promise<string> {
		const response = await fetch(this.url("/queue/join"), {
			method: "POST",
			headers: { "Content-Type": "application/json" },
			credentials: "include",
			// As Gradio's page: `event_data` only when the event carries some.
			body: JSON.stringify({
				data,
				...(eventData == null ? {} : { event_data: eventData }),
				fn_index: fnIndex,
				trigger_id: triggerId,
				session_hash: this.sessionHash,
				...(tableWindows.length ? { table_windows: tableWindows } : {}),
			}),
		});
		const body: JoinAnswer = await response.json().catch(() => ({}));
		if (response.status === 422 && Array.isArray(body.detail)) throw new ValidationRefusal(body.detail as ValidationEntry[]);
		if (!response.ok) {
			const detail = typeof body.detail === "string" ? body.detail : JSON.stringify(body.detail ?? body);
			throw new Error(detail || `Request failed (${response.status})`);
		}
		const eventId = body.event_id;
		this.handlers.set(eventId, handler);
		for (const message of this.early.get(eventId) ?? []) this.deliver(message);
		this.early.delete(eventId);
		this.ensureStream();
		return eventId;
	}

	/**
	 * Call a `queue: false` listener directly. One without an api_name is posted to `/run/null`: the
	 * server finds it by `fn_index` when the name is no endpoint's.
	 */
	async run(
		apiName: string | null,
		fnIndex: number,
		data: unknown[],
		eventData: unknown,
		triggerId: number | null,
		tableWindows: number[] = [],
	): Promise<RunAnswer> {
		const response = await fetch(this.url(`/run/${encodeURIComponent(String(apiName))}`), {
			method: "POST",
			headers: { "Content-Type": "application/json" },
			credentials: "include",
			body: JSON.stringify({
				data,
				fn_index: fnIndex,
				session_hash: this.sessionHash,
				event_data: eventData ?? null,
				trigger_id: triggerId,
				...(tableWindows.length ? { table_windows: tableWindows } : {}),
			}),
		});
		const body = await response.json().catch(() => ({ error: `Request failed (${response.status})` }));
		return response.ok ? { ok: true, body } : { ok: false, body };
	}

	async cancel(fnIndex: number, eventId: string): Promise<void> {
		const body = JSON.stringify({ fn_index: fnIndex, session_hash: this.sessionHash, event_id: eventId });
		const init = { method: "POST", headers: { "Content-Type": "application/json" }, credentials: "include" as const, body };
		await fetch(this.url("/cancel"), init).catch(() => undefined);
	}

	private deliver(message: QueueMessage): void {
		if (message.event_id === null) {
			this.onSessionMessage(message);
			if (message.msg === "unexpected_error") {
				// The stream cannot go on (unknown session, or a resume point the server no longer
				// holds): every pending event ends with this error, and the next stream starts afresh.
				const handlers = [...this.handlers.values()];
				this.handlers.clear();
				this.lastSeq = null;
				for (const handler of handlers) handler(message);
			}
			return;
		}
		const handler = this.handlers.get(message.event_id);
		if (!handler) {
			const list = this.early.get(message.event_id) ?? [];
			list.push(message);
			this.early.set(message.event_id, list);
			return;
		}
		if (message.msg === "process_completed") this.handlers.delete(message.event_id);
		handler(message);
	}

	/**
	 * Keep one stream open while events are pending. A stream that drops before `close_stream` is
	 * reopened with backoff (250 ms doubling to `MAX_BACKOFF`) and resumes after the last `seq`
	 * read (`Last-Event-ID`), so no message is lost or seen twice.
	 */
	private ensureStream(): void {
		if (this.streaming) return;
		this.streaming = true;
		void this.readAny()
			.catch(() => false)
			.then((closed) => {
				this.streaming = false;
				if (!this.handlers.size) return;
				const delay = closed ? 50 : Math.min(QueueClient.MAX_BACKOFF, 250 * 2 ** this.retries++);
				setTimeout(() => this.ensureStream(), delay);
			});
	}

	/** Read one stream over the socket, or over SSE when the socket cannot open; see `readStream`. */
	private async readAny(): Promise<boolean> {
		if (this.transport === "socket") {
			const closed = await this.readSocket();
			if (closed !== null) return closed;
			// A socket that opened before and cannot reopen now: the server is away, retry as a drop.
			if (this.transport === "socket") return false;
		}
		return this.readStream();
	}

	/** Ask the socket for one stream; true when it ended with `close_stream`, false when the socket closed, null when none opened. */
	private async readSocket(): Promise<boolean | null> {
		const socket = await this.openSocket();
		if (!socket) return null;
		return new Promise<boolean>((resolve) => {
			this.socketRun = resolve;
			try {
				socket.send(JSON.stringify({ stream: this.lastSeq }));
			} catch {
				this.socketRun = null;
				resolve(false);
			}
		});
	}

	socketUrl(): string {
		const url = new URL(this.url(`/queue/ws?session_hash=${encodeURIComponent(this.sessionHash)}`), globalThis.location?.href);
		url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
		return url.href;
	}

	/** The open socket, opening it if needed; null when it cannot open (within `SOCKET_OPEN_TIMEOUT`). */
	private openSocket(): Promise<WebSocket | null> {
		if (this.transport !== "socket") return Promise.resolve(null);
		if (this.socket) return Promise.resolve(this.socket);
		if (this.opening) return this.opening;
		const opening = new Promise<WebSocket | null>((resolve) => {
			let socket: WebSocket;
			try {
				socket = new WebSocket(this.socketUrl());
			} catch {
				resolve(null);
				return;
			}
			let opened = false;
			const timer = setTimeout(() => socket.close(), QueueClient.SOCKET_OPEN_TIMEOUT);
			socket.onopen = () => {
				opened = true;
				clearTimeout(timer);
				this.socket = socket;
				this.socketOpened = true;
				this.socketRetries = 0;
				resolve(socket);
			};
			socket.onmessage = (event: MessageEvent) => {
				if (typeof event.data !== "string") return;
				if (this.readBlocks(event.data).closed) {
					const run = this.socketRun;
					this.socketRun = null;
					run?.(true);
				}
			};
			socket.onclose = () => {
				clearTimeout(timer);
				if (!opened) {
					// Never opened on this page: the way here does not carry WebSockets, use SSE from now on.
					if (!this.socketOpened) this.transport = "sse";
					resolve(null);
					return;
				}
				if (this.socket === socket) this.socket = null;
				const run = this.socketRun;
				this.socketRun = null;
				run?.(false);
				this.reviveSocket();
			};
		});
		this.opening = opening;
		void opening.then(() => {
			if (this.opening === opening) this.opening = null;
		});
		return opening;
	}

	/** Reopen a socket kept alive (`connect`) that dropped while no stream was being read, with backoff. */
	private reviveSocket(): void {
		if (!this.keepAlive || this.socket || this.opening || this.reviving || this.transport !== "socket") return;
		const delay = Math.min(QueueClient.MAX_BACKOFF, 250 * 2 ** this.socketRetries++);
		this.reviving = setTimeout(() => {
			this.reviving = null;
			void this.openSocket().then((socket) => {
				if (!socket) this.reviveSocket();
			});
		}, delay);
	}

	/**
	 * Read the complete `data:` blocks at the start of `buffer` and deliver their messages, up to a
	 * `close_stream`. Returns the unread rest (an incomplete block) and whether `close_stream` came.
	 */
	private readBlocks(buffer: string): { rest: string; closed: boolean } {
		// Walk the complete blocks with an index and cut the buffer once: a chunk holding thousands
		// of messages (a fast stream) must not be copied once per message.
		let start = 0;
		let end = buffer.indexOf("\n\n", start);
		while (end >= 0) {
			const block = buffer.slice(start, end);
			start = end + 2;
			end = buffer.indexOf("\n\n", start);
			if (!block.startsWith("data:")) continue;
			let message: QueueMessage;
			try {
				message = JSON.parse(block.slice(5));
			} catch {
				continue;
			}
			this.retries = 0;
			if (typeof message.seq === "number") this.lastSeq = message.seq;
			if (message.msg === "close_stream") {
				// Only a dropped stream resumes: after a clean close the next stream starts afresh
				// (the server may have let this idle session's log go and number from 1 again).
				this.lastSeq = null;
				return { rest: "", closed: true };
			}
			if (message.msg === "heartbeat") continue;
			this.deliver(message);
			// A session-wide error (unknown session, a resume point no longer kept) is the stream's last
			// message: the server ends it there, without close_stream (a socket stays open for the next).
			if (message.msg === "unexpected_error" && message.event_id === null) return { rest: "", closed: true };
		}
		return { rest: buffer.slice(start), closed: false };
	}

	/** Read one SSE stream; true when it ended with `close_stream`, false when it dropped. */
	private async readStream(): Promise<boolean> {
		const headers: Record<string, string> = { Accept: "text/event-stream" };
		if (this.lastSeq !== null) headers["Last-Event-ID"] = String(this.lastSeq);
		const response = await fetch(this.url(`/queue/data?session_hash=${encodeURIComponent(this.sessionHash)}`), {
			headers,
			credentials: "include",
		}).catch(() => null);
		if (!response?.ok || !response.body) return false;
		const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
		let buffer = "";
		for (;;) {
			const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
			if (done) return false;
			const read = this.readBlocks(buffer + value);
			buffer = read.rest;
			if (read.closed) {
				await reader.cancel().catch(() => undefined);
				return true;
			}
		}
	}

	/** Upload files; returns their server paths. */
	async upload(files: File[], onProgress?: (loaded: number, total: number) => void): Promise<string[]> {
		const form = new FormData();
		for (const file of files) form.append("files", file, file.name);
		return new Promise((resolve, reject) => {
			const request = new XMLHttpRequest();
			request.open("POST", this.url("/upload"));
			request.withCredentials = true;
			request.upload.onprogress = (event) => onProgress?.(event.loaded, event.total);
			request.onload = () => {
				if (request.status === 200) resolve(JSON.parse(request.responseText));
				else reject(new Error(request.responseText || `Upload failed (${request.status})`));
			};
			request.onerror = () => reject(new Error("Upload failed: network error"));
			request.send(form);
		});
	}
}

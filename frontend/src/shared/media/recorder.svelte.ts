// A MediaRecorder wrapper shared by Audio, Video and MultimodalTextbox: opens the microphone/camera,
// records into a webm/ogg/mp4 blob and returns it as a File, tracking elapsed time.

import { AUDIO_TYPES, VIDEO_TYPES, extensionFor, pickMimeType, recordingName } from "./media";

export class Recorder {
	stream = $state<MediaStream | null>(null);
	recording = $state(false);
	elapsed = $state(0);
	error = $state<string | null>(null);

	#kind: "audio" | "video";
	#recorder: MediaRecorder | null = null;
	#chunks: Blob[] = [];
	#timer: ReturnType<typeof setInterval> | null = null;
	#startedAt = 0;

	constructor(kind: "audio" | "video") {
		this.#kind = kind;
	}

	/** Open the device (idempotent); false when unavailable or refused. */
	async open(): Promise<boolean> {
		if (this.stream) return true;
		this.error = null;
		if (!navigator.mediaDevices?.getUserMedia || typeof MediaRecorder === "undefined") {
			this.error = `Recording is not available in this browser (it needs HTTPS or localhost).`;
			return false;
		}
		try {
			this.stream = await navigator.mediaDevices.getUserMedia(
				this.#kind === "audio" ? { audio: true } : { video: true, audio: true },
			);
			return true;
		} catch (e) {
			const err = e as Error;
			this.error = `Could not open the ${this.#kind === "audio" ? "microphone" : "camera"}: ${err.message || err.name}`;
			return false;
		}
	}

	async start(): Promise<boolean> {
		if (this.recording) return true;
		if (!(await this.open()) || !this.stream) return false;
		const mimeType = pickMimeType(this.#kind === "audio" ? AUDIO_TYPES : VIDEO_TYPES, (t) =>
			MediaRecorder.isTypeSupported(t),
		);
		try {
			this.#recorder = new MediaRecorder(this.stream, mimeType ? { mimeType } : undefined);
		} catch (e) {
			this.error = `Could not start recording: ${(e as Error).message}`;
			return false;
		}
		this.#chunks = [];
		this.#recorder.ondataavailable = (event) => {
			if (event.data.size) this.#chunks.push(event.data);
		};
		this.#recorder.start(250);
		this.recording = true;
		this.elapsed = 0;
		this.#startedAt = performance.now();
		this.#timer = setInterval(() => {
			this.elapsed = (performance.now() - this.#startedAt) / 1000;
		}, 200);
		return true;
	}

	/** Stop recording and return the recording as a File (null if nothing was recorded). */
	stop(): Promise<File | null> {
		const recorder = this.#recorder;
		this.#clearTimer();
		this.recording = false;
		if (!recorder || recorder.state === "inactive") return Promise.resolve(null);
		return new Promise((resolve) => {
			recorder.onstop = () => {
				const type = recorder.mimeType || this.#chunks[0]?.type || `${this.#kind}/webm`;
				const blob = new Blob(this.#chunks, { type });
				this.#chunks = [];
				this.#recorder = null;
				resolve(blob.size ? new File([blob], recordingName(this.#kind, extensionFor(type, "webm")), { type }) : null);
			};
			recorder.stop();
		});
	}

	/** Release the device (stops any recording without keeping it). */
	close(): void {
		this.#clearTimer();
		if (this.#recorder && this.#recorder.state !== "inactive") {
			this.#recorder.onstop = null;
			this.#recorder.stop();
		}
		this.#recorder = null;
		this.recording = false;
		this.stream?.getTracks().forEach((t) => t.stop());
		this.stream = null;
	}

	#clearTimer(): void {
		if (this.#timer) clearInterval(this.#timer);
		this.#timer = null;
	}
}

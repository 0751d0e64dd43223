// A MediaRecorder wrapper shared by Audio, Video, Image's webcam and MultimodalTextbox: opens the
// microphone/camera (with the app's constraints, or one chosen device), lists the devices of its kind,
// records into a webm/ogg/mp4 blob and returns it as a File, tracking elapsed time (pauses excluded).

import { AUDIO_TYPES, VIDEO_TYPES, extensionFor, pickMimeType, recordingName } from "./media";

/** What `getUserMedia` is asked for; `deviceId` is a device chosen in the device list (else null). */
export type ConstraintsFor = (deviceId: string | null) => MediaStreamConstraints;

const DEFAULT_CONSTRAINTS: Record<"audio" | "video", ConstraintsFor> = {
	audio: (deviceId) => ({ audio: deviceId ? { deviceId: { exact: deviceId } } : true }),
	video: (deviceId) => ({ video: deviceId ? { deviceId: { exact: deviceId } } : true, audio: true }),
};

/** How long a stop waits for the encoder's first data before giving up on the take. */
const FIRST_DATA_WAIT_MS = 5000;

export class Recorder {
	stream = $state<MediaStream | null>(null);
	recording = $state(false);
	paused = $state(false);
	elapsed = $state(0);
	error = $state<string | null>(null);
	/** The inputs of the recorder's kind (microphones, cameras), once listed. */
	devices = $state<MediaDeviceInfo[]>([]);
	/** The device the stream comes from. */
	deviceId = $state<string | null>(null);

	#kind: "audio" | "video";
	#constraints: ConstraintsFor;
	#recorder: MediaRecorder | null = null;
	#chunks: Blob[] = [];
	#timer: ReturnType<typeof setInterval> | null = null;
	/** Seconds recorded before the current stretch (pauses split a recording into stretches). */
	#before = 0;
	#startedAt = 0;
	#opening: Promise<boolean> | null = null;
	/** Called once the encoder has handed over its first data (a stop waits for it, see `stop`). */
	#onFirstData: (() => void) | null = null;

	constructor(kind: "audio" | "video", constraints?: ConstraintsFor) {
		this.#kind = kind;
		this.#constraints = constraints ?? DEFAULT_CONSTRAINTS[kind];
	}

	/** Open the device (idempotent; `deviceId` switches to another device); false when unavailable or refused. */
	open(deviceId?: string): Promise<boolean> {
		if (this.stream && (deviceId === undefined || deviceId === this.deviceId)) return Promise.resolve(true);
		if (this.#opening && deviceId === undefined) return this.#opening;
		this.#opening = this.#open(deviceId ?? this.deviceId).finally(() => (this.#opening = null));
		return this.#opening;
	}

	async #open(deviceId: string | null): Promise<boolean> {
		this.error = null;
		if (!navigator.mediaDevices?.getUserMedia) {
			this.error = `${this.#kind === "audio" ? "Recording" : "The camera"} is not available in this browser (it needs HTTPS or localhost).`;
			return false;
		}
		try {
			const stream = await navigator.mediaDevices.getUserMedia(this.#constraints(deviceId));
			this.stream?.getTracks().forEach((t) => t.stop());
			this.stream = stream;
			const track = this.#kind === "audio" ? stream.getAudioTracks()[0] : stream.getVideoTracks()[0];
			this.deviceId = track?.getSettings().deviceId ?? deviceId;
			void this.listDevices();
			return true;
		} catch (e) {
			const err = e as Error;
			const what = this.#kind === "audio" ? "microphone" : "camera";
			this.error =
				err.name === "NotAllowedError"
					? `Please allow access to the ${what}.`
					: `Could not open the ${what}: ${err.message || err.name}`;
			return false;
		}
	}

	/** Refresh `devices` (their names are known once access has been granted). */
	async listDevices(): Promise<void> {
		try {
			const all = (await navigator.mediaDevices?.enumerateDevices?.()) ?? [];
			this.devices = all.filter((d) => d.kind === (this.#kind === "audio" ? "audioinput" : "videoinput") && d.deviceId);
		} catch {
			this.devices = [];
		}
	}

	async start(): Promise<boolean> {
		if (this.recording) return true;
		if (this.#recorder) return false; // the last take is still being finished
		if (typeof MediaRecorder === "undefined") {
			this.error = "Recording is not available in this browser.";
			return false;
		}
		if (!(await this.open()) || !this.stream) return false;
		const hasAudio = this.stream.getAudioTracks().length > 0;
		const types = this.#kind === "audio" ? AUDIO_TYPES : hasAudio ? VIDEO_TYPES : VIDEO_TYPES.map((t) => t.replace(",opus", ""));
		const mimeType = pickMimeType(types, (t) => MediaRecorder.isTypeSupported(t));
		try {
			this.#recorder = new MediaRecorder(this.stream, mimeType ? { mimeType } : undefined);
		} catch (e) {
			this.error = `Could not start recording: ${(e as Error).message}`;
			return false;
		}
		this.#chunks = [];
		this.#recorder.ondataavailable = (event) => {
			if (!event.data.size) return;
			this.#chunks.push(event.data);
			this.#onFirstData?.();
		};
		this.#recorder.onerror = () => {
			this.error = "Recording failed.";
			this.close();
		};
		this.#recorder.start(250);
		this.recording = true;
		this.paused = false;
		this.elapsed = 0;
		this.#before = 0;
		this.#run();
		return true;
	}

	pause(): void {
		if (!this.recording || this.paused || this.#recorder?.state !== "recording") return;
		this.#recorder.pause();
		this.#before = this.elapsed = this.#before + (performance.now() - this.#startedAt) / 1000;
		this.#clearTimer();
		this.paused = true;
	}

	resume(): void {
		if (!this.paused || this.#recorder?.state !== "paused") return;
		this.#recorder.resume();
		this.paused = false;
		this.#run();
	}

	/** Stop recording and return the recording as a File (null if nothing was recorded). */
	stop(): Promise<File | null> {
		const recorder = this.#recorder;
		this.#clearTimer();
		this.recording = false;
		this.paused = false;
		if (!recorder || recorder.state === "inactive") return Promise.resolve(null);
		return this.#firstData().then(() => this.#finish(recorder));
	}

	/**
	 * Resolves once the encoder has handed over data, at most FIRST_DATA_WAIT_MS after a stop: the
	 * browser drops frames still in the encoder when it stops, and its first frame takes a while (half
	 * a second for a large camera picture on an idle machine), so a short take stopped early would
	 * otherwise come back empty.
	 */
	#firstData(): Promise<void> {
		if (this.#chunks.length) return Promise.resolve();
		return new Promise((resolve) => {
			const done = (): void => {
				clearTimeout(timer);
				this.#onFirstData = null;
				resolve();
			};
			const timer = setTimeout(done, FIRST_DATA_WAIT_MS);
			this.#onFirstData = done;
		});
	}

	#finish(recorder: MediaRecorder): Promise<File | null> {
		if (recorder.state === "inactive") return Promise.resolve(null);
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
		this.paused = false;
		this.stream?.getTracks().forEach((t) => t.stop());
		this.stream = null;
	}

	#run(): void {
		this.#startedAt = performance.now();
		this.#timer = setInterval(() => {
			this.elapsed = this.#before + (performance.now() - this.#startedAt) / 1000;
		}, 200);
	}

	#clearTimer(): void {
		if (this.#timer) clearInterval(this.#timer);
		this.#timer = null;
	}
}

/** Gradio's webcam request: the app's `constraints`, an ideal 1920x1440 picture without them, and sound only with `includeAudio`. */
export function webcamConstraints(
	constraints: MediaStreamConstraints | null | undefined,
	includeAudio: boolean,
): ConstraintsFor {
	return (deviceId) => {
		const video = constraints?.video;
		const extra = video && typeof video === "object" ? video : {};
		return {
			video: deviceId
				? { deviceId: { exact: deviceId }, ...extra }
				: video || { width: { ideal: 1920 }, height: { ideal: 1440 } },
			audio: includeAudio && (constraints?.audio ?? true),
		};
	};
}

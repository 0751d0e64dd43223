// Helpers for the audio/video players, recorders and camera previews (Audio, Video, Image,
// MultimodalTextbox): time display, picking a MediaRecorder container the browser supports, reading
// decoded audio, and showing a live stream.

import type { Attachment } from "svelte/attachments";

/** Seconds as "m:ss" (or "h:mm:ss" past an hour); non-finite or negative → "0:00". */
export function formatTime(seconds: unknown): string {
	const total = typeof seconds === "number" && Number.isFinite(seconds) && seconds > 0 ? Math.floor(seconds) : 0;
	const h = Math.floor(total / 3600);
	const m = Math.floor((total % 3600) / 60);
	const s = total % 60;
	const ss = String(s).padStart(2, "0");
	return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${ss}` : `${m}:${ss}`;
}

/** The first MIME type `isSupported` accepts, or "" to let the browser choose. */
export function pickMimeType(candidates: readonly string[], isSupported: (type: string) => boolean): string {
	for (const type of candidates) {
		try {
			if (isSupported(type)) return type;
		} catch {
			/* some browsers throw for unknown types */
		}
	}
	return "";
}

export const AUDIO_TYPES = ["audio/webm;codecs=opus", "audio/webm", "audio/ogg;codecs=opus", "audio/ogg", "audio/mp4"];
export const VIDEO_TYPES = ["video/webm;codecs=vp9,opus", "video/webm;codecs=vp8,opus", "video/webm", "video/mp4"];

/** A file extension for a recorded MIME type ("audio/webm;codecs=opus" → "webm"). */
export function extensionFor(mime: string, fallback: string): string {
	const sub = mime.split(";")[0].split("/")[1]?.trim();
	if (!sub) return fallback;
	if (sub === "mpeg") return "mp3";
	if (sub === "x-matroska") return "mkv";
	return sub;
}

/** A timestamped file name for a recording: "recording-20261122-150102.webm". */
export function recordingName(prefix: string, ext: string, date: Date = new Date()): string {
	const p = (n: number) => String(n).padStart(2, "0");
	const stamp = `${date.getFullYear()}${p(date.getMonth() + 1)}${p(date.getDate())}-${p(date.getHours())}${p(date.getMinutes())}${p(date.getSeconds())}`;
	return `${prefix}-${stamp}.${ext}`;
}

/** The browser's AudioContext class (prefixed in older Safari), or undefined where there is none. */
export function audioContextClass(): typeof AudioContext | undefined {
	return globalThis.AudioContext ?? (globalThis as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
}

/** Every channel of a decoded buffer, as planar sample arrays. */
export function channelsOf(buffer: AudioBuffer): Float32Array[] {
	const channels: Float32Array[] = [];
	for (let c = 0; c < buffer.numberOfChannels; c++) channels.push(buffer.getChannelData(c));
	return channels;
}

/** `{@attach showStream(stream)}` on a `<video>`: plays a camera's live `stream` (nothing while it is null). */
export function showStream(stream: MediaStream | null): Attachment<HTMLVideoElement> {
	return (video) => {
		if (!stream) return;
		video.srcObject = stream;
		void video.play().catch(() => {});
	};
}

/** `webcam_options` (a dict from the server) as the webcam reads it: `mirror` (default true) and `constraints`. */
export function webcamOptions(options: unknown): { mirror: boolean; constraints: MediaStreamConstraints | null } {
	const given = options && typeof options === "object" ? (options as Record<string, unknown>) : {};
	const constraints = given.constraints;
	return {
		mirror: given.mirror !== false,
		constraints: constraints && typeof constraints === "object" ? (constraints as MediaStreamConstraints) : null,
	};
}

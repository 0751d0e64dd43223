// Trimming an audio clip, as Gradio's editable Audio does: the region a trim starts with, dragging its
// body and edges, and the trimmed clip itself (decoded with Web Audio, sliced, written out as WAV).

import { channelsOf } from "../../shared/media/media";
import { encodeWav } from "../../shared/media/wav";

export interface Region {
	/** Seconds. */
	start: number;
	/** Seconds. */
	end: number;
}

/** The region a trim starts with, as Gradio's: from a quarter of the clip to its half. */
export function initialRegion(duration: number): Region {
	const length = Number.isFinite(duration) && duration > 0 ? duration : 0;
	return { start: length / 4, end: length / 2 };
}

/** The shortest region a drag leaves (seconds): a hundredth of the clip. */
export function minimumLength(duration: number): number {
	return duration > 0 ? duration / 100 : 0;
}

/** Which part of the region a drag holds. */
export type Grip = "start" | "end" | "body";

/**
 * The region after dragging `grip` of `from` by `delta` seconds, kept inside [0, duration]: the body
 * moves whole, an edge stops short of the other edge by `minimumLength`.
 */
export function dragRegion(from: Region, grip: Grip, delta: number, duration: number): Region {
	const min = minimumLength(duration);
	if (grip === "body") {
		const length = from.end - from.start;
		const start = Math.max(0, Math.min(duration - length, from.start + delta));
		return { start, end: start + length };
	}
	if (grip === "start") return { start: Math.max(0, Math.min(from.end - min, from.start + delta)), end: from.end };
	return { start: from.start, end: Math.min(duration, Math.max(from.start + min, from.end + delta)) };
}

/** The frames of `channels` (at `rate` Hz) between `start` and `end` seconds. */
export function sliceChannels(channels: Float32Array[], rate: number, start: number, end: number): Float32Array[] {
	const frames = channels.length ? channels[0].length : 0;
	const first = Math.max(0, Math.min(frames, Math.round(start * rate)));
	const last = Math.max(first, Math.min(frames, Math.round(end * rate)));
	return channels.map((channel) => channel.slice(first, last));
}

/**
 * The clip at `url` cut to `region`, as a WAV file named "audio.wav" (Gradio's name). It is decoded at
 * `sampleRate` (`waveform_options.sample_rate`), as Gradio's player decodes it, so the trimmed file is
 * at that rate; without OfflineAudioContext the browser's own rate is used.
 */
export async function trimmedWav(url: string, region: Region, sampleRate: number): Promise<File> {
	const response = await fetch(url);
	if (!response.ok) throw new Error(`could not read the clip (${response.status})`);
	const bytes = await response.arrayBuffer();
	const buffer = await decode(bytes, sampleRate);
	const channels = sliceChannels(channelsOf(buffer), buffer.sampleRate, region.start, region.end);
	return new File([encodeWav(channels, buffer.sampleRate)], "audio.wav", { type: "audio/wav" });
}

async function decode(bytes: ArrayBuffer, sampleRate: number): Promise<AudioBuffer> {
	const Offline = globalThis.OfflineAudioContext;
	if (Offline) return await new Offline(1, 1, sampleRate).decodeAudioData(bytes);
	const Context = globalThis.AudioContext;
	const context = new Context();
	try {
		return await context.decodeAudioData(bytes);
	} finally {
		void context.close().catch(() => {});
	}
}

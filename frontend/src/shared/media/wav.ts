// Recordings are sent as 16-bit PCM WAV: the browser records webm/ogg, which the server cannot
// decode without ffmpeg, so the recording is decoded here and written out as WAV before upload.

import { audioContextClass, channelsOf } from "./media";

/** 16-bit PCM WAV bytes for planar float channels (all the same length) at `sampleRate`. */
export function encodeWav(channels: Float32Array[], sampleRate: number): ArrayBuffer {
	const count = channels.length;
	const frames = count ? channels[0].length : 0;
	const dataSize = frames * count * 2;
	const buffer = new ArrayBuffer(44 + dataSize);
	const view = new DataView(buffer);
	const text = (offset: number, value: string) => {
		for (let i = 0; i < value.length; i++) view.setUint8(offset + i, value.charCodeAt(i));
	};
	text(0, "RIFF");
	view.setUint32(4, 36 + dataSize, true);
	text(8, "WAVE");
	text(12, "fmt ");
	view.setUint32(16, 16, true);
	view.setUint16(20, 1, true); // PCM
	view.setUint16(22, count, true);
	view.setUint32(24, sampleRate, true);
	view.setUint32(28, sampleRate * count * 2, true);
	view.setUint16(32, count * 2, true);
	view.setUint16(34, 16, true);
	text(36, "data");
	view.setUint32(40, dataSize, true);
	let offset = 44;
	for (let i = 0; i < frames; i++) {
		for (let c = 0; c < count; c++) {
			const sample = Math.max(-1, Math.min(1, channels[c][i]));
			view.setInt16(offset, sample < 0 ? Math.round(sample * 0x8000) : Math.round(sample * 0x7fff), true);
			offset += 2;
		}
	}
	return buffer;
}

/**
 * The recording decoded and re-encoded as WAV (the original file when the browser cannot decode it),
 * resampled to `sampleRate` when given (as Gradio decodes it in an OfflineAudioContext at that rate).
 */
export async function recordingAsWav(file: File, sampleRate?: number): Promise<File> {
	const Ctx = audioContextClass();
	if (!Ctx) return file;
	const Offline = globalThis.OfflineAudioContext;
	if (sampleRate && Offline) {
		try {
			const decoded = await new Offline(1, 1, sampleRate).decodeAudioData(await file.arrayBuffer());
			const name = file.name.replace(/\.[^.]*$/, "") + ".wav";
			return new File([encodeWav(channelsOf(decoded), decoded.sampleRate)], name, { type: "audio/wav" });
		} catch {
			/* decoded below at the device's rate */
		}
	}
	const context = new Ctx();
	try {
		const decoded = await context.decodeAudioData(await file.arrayBuffer());
		const name = file.name.replace(/\.[^.]*$/, "") + ".wav";
		return new File([encodeWav(channelsOf(decoded), decoded.sampleRate)], name, { type: "audio/wav" });
	} catch {
		return file;
	} finally {
		void context.close().catch(() => {});
	}
}

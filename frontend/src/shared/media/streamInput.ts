// Streaming inputs (Image webcam / Audio microphone with `streaming=True`): while the user streams, a
// frame or a sound chunk is taken every `stream_every` seconds and handed to the app, which joins a
// `.stream` listener's event with the first and posts each next one to `/stream/{event_id}`; a stop
// posts `/stream/{event_id}/close`. The wire is Gradio 6.31's (see the official client's send_chunk).

import { audioContextClass } from "./media";
import { encodeWav } from "./wav";

export { streamChunk, streamInterval } from "../streamWire";

/**
 * Takes a JPEG of the video every `every` seconds (mirrored like the preview when `mirror`) and hands
 * its data URL to `onframe`, as Gradio's webcam stream sends `{url: "data:image/jpeg;base64,..."}`.
 */
export class FrameStreamer {
	#timer: ReturnType<typeof setInterval> | null = null;
	#canvas: HTMLCanvasElement | null = null;

	get active(): boolean {
		return this.#timer !== null;
	}

	start(video: () => HTMLVideoElement | undefined, every: number, mirror: () => boolean, onframe: (url: string) => void): void {
		this.stop();
		const take = () => {
			const element = video();
			if (!element || !element.videoWidth) return;
			const canvas = (this.#canvas ??= document.createElement("canvas"));
			canvas.width = element.videoWidth;
			canvas.height = element.videoHeight;
			const g = canvas.getContext("2d");
			if (!g) return;
			g.setTransform(1, 0, 0, 1, 0, 0);
			if (mirror()) {
				g.translate(canvas.width, 0);
				g.scale(-1, 1);
			}
			g.drawImage(element, 0, 0, canvas.width, canvas.height);
			onframe(canvas.toDataURL("image/jpeg", 0.8));
		};
		take();
		this.#timer = setInterval(take, every * 1000);
	}

	stop(): void {
		if (this.#timer !== null) clearInterval(this.#timer);
		this.#timer = null;
	}
}

/**
 * Collects the microphone's sound and hands it to `onchunk` as a WAV file (mono, the device's rate)
 * every `every` seconds, as Gradio's microphone stream uploads `audio.wav` chunks.
 */
export class MicStreamer {
	#context: AudioContext | null = null;
	#timer: ReturnType<typeof setInterval> | null = null;
	#samples: Float32Array[] = [];

	get active(): boolean {
		return this.#timer !== null;
	}

	start(stream: MediaStream, every: number, onchunk: (file: File) => void): boolean {
		this.stop();
		const Ctx = audioContextClass();
		if (!Ctx) return false;
		const context = new Ctx();
		this.#context = context;
		const source = context.createMediaStreamSource(stream);
		// A ScriptProcessor needs no module file (an AudioWorklet would); 4096 frames ≈ 85 ms at 48 kHz.
		const processor = context.createScriptProcessor(4096, 1, 1);
		processor.onaudioprocess = (event) => {
			this.#samples.push(new Float32Array(event.inputBuffer.getChannelData(0)));
		};
		source.connect(processor);
		// (connected to the output so that it runs; it writes silence)
		processor.connect(context.destination);
		this.#timer = setInterval(() => {
			const chunk = this.#take();
			if (chunk.length) onchunk(new File([encodeWav([chunk], context.sampleRate)], "audio.wav", { type: "audio/wav" }));
		}, every * 1000);
		return true;
	}

	#take(): Float32Array {
		const total = this.#samples.reduce((n, s) => n + s.length, 0);
		const out = new Float32Array(total);
		let offset = 0;
		for (const s of this.#samples) {
			out.set(s, offset);
			offset += s.length;
		}
		this.#samples = [];
		return out;
	}

	stop(): void {
		if (this.#timer !== null) clearInterval(this.#timer);
		this.#timer = null;
		this.#samples = [];
		void this.#context?.close().catch(() => {});
		this.#context = null;
	}
}

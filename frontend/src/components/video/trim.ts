// Trimming a video in the browser, without a codec library: the selected range is played in a hidden
// <video> and its captured stream recorded (MediaRecorder, WebM), so the cut holds exactly the frames and
// sound between the two handles (it takes as long as the range plays). Also the thumbnails of the trim
// bar and the handles' arithmetic.

import { pickMimeType, VIDEO_TYPES } from "../../shared/media/media";

/** A selected range, in seconds. */
export interface Range {
	start: number;
	end: number;
}

/** How many frames the trim bar shows (as Gradio's). */
export const THUMBNAILS = 10;
/** Seconds a handle moves for one arrow key press (as Gradio's). */
export const KEY_STEP = 1;

/** The times of `count` thumbnails spread over `duration`: the start of each equal slice. */
export function thumbnailTimes(duration: number, count = THUMBNAILS): number[] {
	if (!(Number.isFinite(duration) && duration > 0) || count < 1) return [];
	return Array.from({ length: count }, (_, i) => (duration * i) / count);
}

/**
 * The range after moving one handle to `seconds`: clamped to the clip, and never past the other
 * handle (the two may meet, which trims nothing).
 */
export function moveHandle(range: Range, handle: "start" | "end", seconds: number, duration: number): Range {
	const t = Math.min(duration, Math.max(0, Number.isFinite(seconds) ? seconds : 0));
	return handle === "start" ? { start: Math.min(t, range.end), end: range.end } : { start: range.start, end: Math.max(t, range.start) };
}

/** A range worth cutting: inside the clip, not empty, and not the whole clip. */
export function isCut(range: Range, duration: number): boolean {
	return range.end - range.start > 0.01 && (range.start > 0.01 || range.end < duration - 0.01);
}

function once(target: EventTarget, event: string, timeoutMs = 15_000): Promise<void> {
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`timed out waiting for ${event}`)), timeoutMs);
		target.addEventListener(
			event,
			() => {
				clearTimeout(timer);
				resolve();
			},
			{ once: true },
		);
	});
}

async function hiddenVideo(url: string): Promise<HTMLVideoElement> {
	const video = document.createElement("video");
	video.muted = true;
	video.playsInline = true;
	video.preload = "auto";
	video.src = url;
	if (video.readyState < 1) await once(video, "loadedmetadata");
	return video;
}

async function seekTo(video: HTMLVideoElement, seconds: number): Promise<void> {
	if (Math.abs(video.currentTime - seconds) < 0.001 && video.readyState >= 2) return;
	const seeked = once(video, "seeked");
	video.currentTime = seconds;
	await seeked;
}

/** Pictures (data URLs, 320 px wide) of the clip at `times`. */
export async function thumbnails(url: string, times: number[]): Promise<string[]> {
	const video = await hiddenVideo(url);
	const width = 320;
	const height = video.videoWidth > 0 ? Math.max(1, Math.round((width * video.videoHeight) / video.videoWidth)) : 180;
	const canvas = document.createElement("canvas");
	canvas.width = width;
	canvas.height = height;
	const context = canvas.getContext("2d");
	const pictures: string[] = [];
	try {
		for (const t of times) {
			await seekTo(video, t);
			context?.drawImage(video, 0, 0, width, height);
			pictures.push(canvas.toDataURL("image/jpeg", 0.7));
		}
	} finally {
		video.removeAttribute("src");
		video.load();
	}
	return pictures;
}

type Capturable = HTMLVideoElement & { captureStream?: () => MediaStream; mozCaptureStream?: () => MediaStream };

/** The part of the clip at `url` between `range.start` and `range.end`, recorded as a WebM file. */
export async function recordRange(url: string, range: Range): Promise<File> {
	const video = (await hiddenVideo(url)) as Capturable;
	const capture = video.captureStream?.bind(video) ?? video.mozCaptureStream?.bind(video);
	if (!capture || typeof MediaRecorder === "undefined") throw new Error("this browser cannot record a video");
	try {
		await seekTo(video, range.start);
		// A muted element still gives its sound to the captured stream (Media Capture from DOM Elements).
		const stream = capture();
		const mimeType = pickMimeType(VIDEO_TYPES, (type) => MediaRecorder.isTypeSupported(type));
		const recorder = new MediaRecorder(stream, mimeType ? { mimeType } : undefined);
		const chunks: Blob[] = [];
		recorder.ondataavailable = (e) => {
			if (e.data.size > 0) chunks.push(e.data);
		};
		const stopped = once(recorder, "stop", 3_600_000);
		// Recording from the moment playback starts, and stopping as soon as the last frame before the
		// end has been shown (a frame callback, where the browser has one), keeps the cut within a frame
		// or two of the range.
		const started = once(video, "playing");
		const playing = video.play();
		await started;
		recorder.start();
		await playing;
		await new Promise<void>((resolve) => {
			const frames = video as HTMLVideoElement & {
				requestVideoFrameCallback?: (cb: (now: number, meta: { mediaTime: number }) => void) => number;
			};
			let last = range.start;
			let step = 0;
			const done = (time: number): boolean => video.ended || time + step / 2 >= range.end;
			if (frames.requestVideoFrameCallback) {
				const onFrame = (_now: number, meta: { mediaTime: number }): void => {
					step = Math.max(0, meta.mediaTime - last);
					last = meta.mediaTime;
					if (done(meta.mediaTime)) resolve();
					else frames.requestVideoFrameCallback?.(onFrame);
				};
				frames.requestVideoFrameCallback(onFrame);
			}
			const check = (): void => {
				if (done(video.currentTime)) resolve();
				else requestAnimationFrame(check);
			};
			check();
			video.addEventListener("ended", () => resolve(), { once: true });
		});
		recorder.stop();
		video.pause();
		await stopped;
		for (const track of stream.getTracks()) track.stop();
		const type = (recorder.mimeType || mimeType || "video/webm").split(";")[0];
		const extension = type.includes("mp4") ? "mp4" : "webm";
		return new File(chunks, `video.${extension}`, { type });
	} finally {
		video.pause();
		video.removeAttribute("src");
		video.load();
	}
}

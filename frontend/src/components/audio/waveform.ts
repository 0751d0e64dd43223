// Pure helpers of the Audio component's waveform player: peaks to draw and the time a click seeks to.

/** One bar of the waveform, in canvas pixels: its left edge, top and height. */
export interface Bar {
	x: number;
	y: number;
	h: number;
}

/**
 * The bars of a waveform `width` pixels wide with a bar every `pitch` pixels, drawn as Gradio's
 * player draws them: the samples are shared out over the bars in order; a bar reaches up by the
 * loudest `top` sample of its share and down by the loudest `bottom` one (the second channel, or the
 * first again), each scaled so the loudest sample of `top` would reach `half` pixels, rounded; a bar
 * with no height is 1 pixel tall, so quiet stretches read as a dotted line through the middle.
 */
export function waveBars(top: ArrayLike<number>, bottom: ArrayLike<number>, width: number, pitch: number, half: number): Bar[] {
	const length = top.length;
	if (!length || !(width > 0) || !(pitch > 0)) return [];
	let loudest = 0;
	for (let i = 0; i < length; i++) loudest = Math.max(loudest, Math.abs(top[i]));
	const scale = loudest > 0 ? 1 / loudest : 1;
	const perSample = width / pitch / length;
	const bars: Bar[] = [];
	let index = 0;
	let up = 0;
	let down = 0;
	for (let i = 0; i <= length; i++) {
		const next = Math.round(i * perSample);
		if (next > index) {
			const rise = Math.round(up * half * scale);
			const h = rise + Math.round(down * half * scale) || 1;
			bars.push({ x: index * pitch, y: half - rise, h });
			index = next;
			up = 0;
			down = 0;
		}
		up = Math.max(up, Math.abs(top[i] || 0));
		down = Math.max(down, Math.abs(bottom[i] || 0));
	}
	return bars;
}

/** The time to seek to for a click `x` pixels into a waveform `width` wide. */
export function seekTime(x: number, width: number, duration: number): number {
	if (!(width > 0) || !Number.isFinite(duration) || duration <= 0) return 0;
	return Math.max(0, Math.min(1, x / width)) * duration;
}

// Pure helpers of the Audio component's waveform player: peaks to draw and the time a click seeks to.

/**
 * Peak amplitude (0..1) of each of `buckets` equal slices of the samples, taking the
 * loudest channel. Empty input or zero buckets → an empty list.
 */
export function computePeaks(channels: ArrayLike<number>[], buckets: number): number[] {
	const count = Math.max(0, Math.floor(buckets));
	const length = channels.reduce((max, c) => Math.max(max, c.length), 0);
	if (!count || !length) return [];
	const peaks = new Array<number>(count).fill(0);
	for (let b = 0; b < count; b++) {
		const start = Math.floor((b * length) / count);
		const end = Math.max(start + 1, Math.floor(((b + 1) * length) / count));
		let peak = 0;
		for (const channel of channels) {
			const stop = Math.min(end, channel.length);
			for (let i = start; i < stop; i++) {
				const v = Math.abs(channel[i]);
				if (v > peak) peak = v;
			}
		}
		peaks[b] = Math.min(1, peak);
	}
	return peaks;
}

/** Scale peaks so the loudest is 1 (silence stays 0). */
export function normalizePeaks(peaks: number[]): number[] {
	const max = peaks.reduce((m, v) => Math.max(m, v), 0);
	return max > 0 ? peaks.map((v) => v / max) : peaks.map(() => 0);
}

/** The time to seek to for a click `x` pixels into a waveform `width` wide. */
export function seekTime(x: number, width: number, duration: number): number {
	if (!(width > 0) || !Number.isFinite(duration) || duration <= 0) return 0;
	return Math.max(0, Math.min(1, x / width)) * duration;
}

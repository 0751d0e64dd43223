// Pure helpers of the audio player's controls: the playback speeds a click cycles through and the
// length of a skip, both as Gradio's player has them.

/** The speeds the speed button cycles through, from 1x: 1.5x, 2x, 0.5x, then 1x again. */
export const SPEEDS = [0.5, 1, 1.5, 2] as const;

/** The speed after `rate` (1x for a rate that is not one of SPEEDS). */
export function nextSpeed(rate: number): number {
	const index = SPEEDS.findIndex((speed) => speed === rate);
	return index < 0 ? 1 : SPEEDS[(index + 1) % SPEEDS.length];
}

/**
 * Seconds one skip moves: `skipLength` percent of the clip's `duration` (`waveform_options.skip_length`,
 * 5 when unset), or 5 seconds while the duration is unknown.
 */
export function skipSeconds(duration: number, skipLength: number | null | undefined): number {
	const percent = typeof skipLength === "number" && skipLength > 0 ? skipLength : 5;
	const seconds = Number.isFinite(duration) && duration > 0 ? (duration / 100) * percent : 0;
	return seconds ? Math.round(seconds * 1000) / 1000 : 5;
}

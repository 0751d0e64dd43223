// Pure helpers of the video player's control bar (Player.svelte), as Gradio's player shows them.

/**
 * Seconds as the player's clock shows them: rounded to the nearest second (Gradio's video player
 * rounds where the audio player floors), "m:ss", or "h:mm:ss" from an hour; unknown → "0:00".
 */
export function clock(seconds: number): string {
	const total = Number.isFinite(seconds) && seconds > 0 ? Math.round(seconds) : 0;
	const h = Math.floor(total / 3600);
	const m = Math.floor((total % 3600) / 60);
	const ss = String(total % 60).padStart(2, "0");
	return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${ss}` : `${m}:${ss}`;
}

/** How far along `duration` the played `time` is, from 0 to 1 (0 while the duration is unknown). */
export function played(time: number, duration: number): number {
	if (!(Number.isFinite(duration) && duration > 0) || !Number.isFinite(time)) return 0;
	return Math.min(1, Math.max(0, time / duration));
}

/** The time under `x` on a seek bar spanning `left`…`left + width`, clamped to the clip. */
export function timeAt(x: number, left: number, width: number, duration: number): number {
	if (!(width > 0) || !(Number.isFinite(duration) && duration > 0)) return 0;
	return Math.min(duration, Math.max(0, ((x - left) / width) * duration));
}

/** The volume icon: muted at 0 (or muted), low under one half, else high — as Gradio's player. */
export function volumeLevel(volume: number, muted: boolean): "muted" | "low" | "high" {
	if (muted || volume <= 0) return "muted";
	return volume < 0.5 ? "low" : "high";
}

/** The play button's state: replay once the clip has played to its end, else pause while playing. */
export function playState(paused: boolean, ended: boolean): "play" | "pause" | "replay" {
	if (ended) return "replay";
	return paused ? "play" : "pause";
}

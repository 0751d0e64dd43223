// The Audio component's captions, shown under the player while it plays.

/** A caption: its text and when it shows, in seconds. */
export interface Cue {
	start: number;
	end: number;
	text: string;
}

function isCue(value: unknown): value is Cue {
	if (typeof value !== "object" || value === null) return false;
	const cue: { start?: unknown; end?: unknown; text?: unknown } = value;
	return typeof cue.start === "number" && typeof cue.end === "number" && typeof cue.text === "string";
}

/** The `subtitles` prop as cues (the server sends `[{"start", "end", "text"}]`; anything else → none). */
export function asCues(subtitles: unknown): Cue[] {
	return Array.isArray(subtitles) ? subtitles.filter(isCue) : [];
}

// The editing tools of an interactive Video holding a value, as Gradio's: trim the clip to a range
// (recorded in the browser, see trim.ts, then uploaded as the new value) and undo, which puts back the
// value from before the first trim (Gradio's "Reset video to initial value"; disabled until a trim).
// As for the audio tools, only `change` fires, through the value's watcher.

import type { FileData } from "../../api/types";
import type { VideoProps } from "../../generated/components";
import { isFileData } from "../../shared/files";
import type { ComponentProps } from "../types";
import { recordRange, type Range } from "./trim";

export class VideoEditor {
	/** A trim is being recorded and uploaded. */
	busy = $state(false);
	/** The trim bar is open. */
	trimming = $state(false);
	/** The value before the first trim, while the value is still the one the tools set. */
	#original: FileData | null = $state(null);
	/** The value the last trim set: any other value (a new upload, the app's) forgets the original. */
	#set: string | null = null;
	readonly #component: () => ComponentProps<VideoProps>;

	constructor(component: () => ComponentProps<VideoProps>) {
		this.#component = component;
	}

	#current(): FileData | null {
		const value = this.#component().node.props.value;
		return isFileData(value) ? value : null;
	}

	/** Whether undo has something to put back. */
	get canUndo(): boolean {
		const current = this.#current();
		return !!this.#original && !!current && current.path === this.#set;
	}

	toggle = (): void => {
		this.trimming = !this.trimming;
	};

	cancel = (): void => {
		this.trimming = false;
	};

	/** Cut the clip at `url` (the current value) to `range` and make the cut the value. */
	trim = async (url: string, range: Range): Promise<void> => {
		const current = this.#current();
		if (!current || this.busy) return;
		const { ctx } = this.#component();
		this.busy = true;
		try {
			const file = await recordRange(url, range);
			const [uploaded] = await ctx.upload([file]);
			if (!uploaded) return;
			if (!this.canUndo) this.#original = current;
			this.#set = uploaded.path;
			this.trimming = false;
			this.#component().node.props.value = uploaded;
		} catch (e) {
			console.error("Trimming the video failed:", e);
		} finally {
			this.busy = false;
		}
	};

	undo = (): void => {
		if (!this.canUndo) return;
		const original = this.#original;
		this.#original = null;
		this.#set = null;
		this.trimming = false;
		this.#component().node.props.value = original;
	};
}

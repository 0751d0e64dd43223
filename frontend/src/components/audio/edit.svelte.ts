// The editing tools of an editable Audio input (`editable=True`, Gradio's default): trim the clip to a
// region, which uploads the trimmed WAV as the new value, and undo, which puts back the clip before the
// last trim (one step only: a second undo does nothing, as in Gradio). As in Gradio, only `change` fires (through the value's watcher), not `upload` or `input`.

import type { FileData } from "../../api/types";
import type { AudioProps } from "../../generated/components";
import { fileUrl, isFileData } from "../../shared/files";
import type { ComponentProps } from "../types";
import { trimmedWav, type Region } from "./trim";

/** What the player needs to draw and use the tools. */
export interface AudioEditing {
	/** A trim is being written and uploaded. */
	readonly busy: boolean;
	/** `waveform_options.trim_region_color` (empty: the theme's accent). */
	readonly regionColor: string;
	trim(region: Region): Promise<void>;
	undo(): void;
}

export class AudioEditor implements AudioEditing {
	busy = $state(false);
	/** The value before the last trim (Gradio keeps that one alone). */
	#previous: FileData | null = null;
	/** The value the last trim or undo set: any other value (a new upload, the app's) starts afresh. */
	#set: FileData | null = null;
	readonly #component: () => ComponentProps<AudioProps>;
	readonly #sampleRate: () => number;

	constructor(component: () => ComponentProps<AudioProps>, sampleRate: () => number) {
		this.#component = component;
		this.#sampleRate = sampleRate;
	}

	get regionColor(): string {
		const color = this.#component().node.props.waveform_options?.trim_region_color;
		return typeof color === "string" ? color : "";
	}

	#current(): FileData | null {
		const value = this.#component().node.props.value;
		return isFileData(value) ? value : null;
	}

	/** Forget the previous clip when the value is not the one the tools last set. */
	#sync(current: FileData | null): void {
		// (compared by path: the props hold a proxy of the object set)
		if (!current || current.path !== this.#set?.path) this.#previous = null;
	}

	trim = async (region: Region): Promise<void> => {
		const current = this.#current();
		if (!current || this.busy || !(region.end > region.start)) return;
		const { ctx } = this.#component();
		this.busy = true;
		try {
			const url = fileUrl(current, ctx.root);
			if (!url) return;
			const file = await trimmedWav(url, region, this.#sampleRate());
			const [uploaded] = await ctx.upload([file]);
			if (!uploaded) return;
			this.#sync(current);
			this.#previous = current;
			this.#set = uploaded;
			this.#component().node.props.value = uploaded;
		} catch (e) {
			console.error("Trimming the audio failed:", e);
		} finally {
			this.busy = false;
		}
	};

	undo = (): void => {
		this.#sync(this.#current());
		const previous = this.#previous;
		if (!previous) return;
		this.#previous = null;
		this.#set = previous;
		this.#component().node.props.value = previous;
	};
}

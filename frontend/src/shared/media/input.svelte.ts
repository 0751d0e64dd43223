// The state that the Image, Video and Audio inputs share: their one-file value, where a new file comes
// from (`upload`, or a device source: webcam, microphone, clipboard), and the uploader that sets it.
// MediaInput.svelte draws the frame around it; each component adds its player and its device UI.

import type { FileData } from "../../api/types";
import type { ComponentProps } from "../../components/types";
import type { AudioProps, ImageProps, VideoProps } from "../../generated/components";
import { fileUrl, firstOfKind, isFileData } from "../files";
import { Uploader } from "../uploader.svelte";
import { watchValue } from "../value.svelte";

export type MediaKind = "image" | "audio" | "video";
/** The props of the components that hold one media file. */
export type MediaProps = ImageProps | VideoProps | AudioProps;

export class MediaInputState {
	readonly kind: MediaKind;
	readonly #component: () => ComponentProps<MediaProps>;
	readonly #defaults: string[];
	// (`$derived.by`: the props are read when first needed, after the constructor has stored them)
	readonly interactive: boolean = $derived.by(() => this.#props.interactive !== false);
	readonly file: FileData | null = $derived.by(() => (isFileData(this.#props.value) ? this.#props.value : null));
	readonly url: string | null = $derived.by(() => (this.file ? fileUrl(this.file, this.#component().ctx.root) : null));
	/** The `sources` prop, or the defaults when it is not a list. */
	readonly sources: string[] = $derived.by(() =>
		Array.isArray(this.#props.sources) ? this.#props.sources.map(String) : this.#defaults,
	);
	/** The chosen source: always one of `sources`; the first of them at load (Gradio opens on it, a webcam too). */
	source = $state("upload");
	/** The hidden file input (see FilePicker). */
	picker: HTMLInputElement | undefined = $state();
	readonly uploader: Uploader;

	/**
	 * Call while the component initialises, with a getter of its props: it watches the value (firing
	 * `change`) and keeps `source` one of `sources`.
	 */
	constructor(kind: MediaKind, component: () => ComponentProps<MediaProps>, defaults: string[]) {
		this.kind = kind;
		this.#component = component;
		this.#defaults = defaults;
		this.source = this.sources[0] ?? "upload";
		this.uploader = new Uploader({
			enabled: () => this.interactive,
			send: (files, onProgress) => component().ctx.upload(files, onProgress),
			pick: (list) => {
				const chosen = firstOfKind(list, kind);
				const error = `Please choose ${kind === "video" ? "a" : "an"} ${kind} file.`;
				return { files: chosen ? [chosen] : [], error: !chosen && list.length ? error : null };
			},
			done: ([uploaded]) => {
				this.#props.value = uploaded;
				component().dispatch("upload", uploaded);
				component().dispatch("input");
			},
		});
		$effect(() => {
			if (!this.sources.includes(this.source)) this.source = this.sources[0] ?? "upload";
		});
		watchValue(() => this.#props.value, () => component().dispatch("change"));
	}

	get #props(): MediaProps {
		return this.#component().node.props;
	}

	/** Whether a device source is chosen (and there is no file yet). */
	get capturing(): boolean {
		return this.interactive && this.source !== "upload" && !this.file;
	}

	/** The share button: the app answers it (off Spaces, as Gradio's, with an error toast). */
	share = (): void => {
		this.#component().dispatch("share");
	};

	/** The clear button: no value, no error. */
	clear = (): void => {
		this.#props.value = null;
		this.uploader.error = null;
		this.#component().dispatch("clear");
		this.#component().dispatch("input");
	};
}

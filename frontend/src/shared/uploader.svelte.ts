// Upload state and handlers shared by the components that accept files
// (image, video, audio, gallery, file, model3d, imageslider): click-to-pick, drag and drop, paste,
// with progress. Their upload UI is in FilePicker, DropZone, MediaFrame, UploadProgress and ErrorLine.

import type { FileData } from "../api/types";

/** The files to upload out of those offered, and an error to show (if any). */
export interface Picked {
	files: File[];
	error?: string | null;
}

export interface UploaderOptions {
	/** Whether uploads are accepted (the component is interactive). */
	enabled: () => boolean;
	/** Uploads files, reporting progress (usually `ctx.upload`). */
	send: (files: File[], onProgress: (loaded: number, total: number) => void) => Promise<FileData[]>;
	/** Which of the offered files to upload, and an error for the rest. */
	pick: (list: File[]) => Picked;
	/** What to do with the uploaded files: set the value, dispatch events. */
	done: (uploaded: FileData[], chosen: File[]) => void;
}

export class Uploader {
	uploading = $state(false);
	progress = $state(0);
	dragging = $state(false);
	error: string | null = $state(null);

	#options: UploaderOptions;

	constructor(options: UploaderOptions) {
		this.#options = options;
	}

	/** Upload `list` (filtered through `pick`, unless `picked` says it already was). */
	upload = async (list: File[], picked = false): Promise<void> => {
		if (!this.#options.enabled() || this.uploading) return;
		this.error = null;
		let chosen = list;
		if (!picked) {
			const result = this.#options.pick(list);
			chosen = result.files;
			if (result.error) this.error = result.error;
		}
		if (!chosen.length) return;
		this.uploading = true;
		this.progress = 0;
		try {
			const uploaded = await this.#options.send(chosen, (loaded, total) => {
				this.progress = total > 0 ? Math.min(1, loaded / total) : 0;
			});
			this.#options.done(uploaded, chosen);
		} catch (e) {
			this.error = `Upload failed: ${(e as Error).message || e}`;
		} finally {
			this.uploading = false;
		}
	};

	/** `onchange` of an `<input type="file">`. */
	onpicked = (event: Event): void => {
		const input = event.currentTarget as HTMLInputElement;
		const list = Array.from(input.files ?? []);
		input.value = "";
		void this.upload(list);
	};

	ondrop = (event: DragEvent): void => {
		event.preventDefault();
		this.dragging = false;
		void this.upload(Array.from(event.dataTransfer?.files ?? []));
	};

	ondragover = (event: DragEvent): void => {
		if (!this.#options.enabled()) return;
		event.preventDefault();
		if (event.dataTransfer) event.dataTransfer.dropEffect = "copy";
		this.dragging = true;
	};

	ondragleave = (event: DragEvent): void => {
		const target = event.currentTarget as Node;
		if (!target.contains(event.relatedTarget as Node | null)) this.dragging = false;
	};

	onpaste = (event: ClipboardEvent): void => {
		if (!this.#options.enabled()) return;
		const list = Array.from(event.clipboardData?.files ?? []);
		if (!list.length) return;
		event.preventDefault();
		void this.upload(list);
	};
}

// What every part of a Chatbot needs from its Index (shared through Svelte context, with getters so
// that it stays reactive): text rendering options, file URLs, the image viewer.

import { getContext, setContext } from "svelte";
import type { FileData } from "../../api/types";
import type { ComponentContext } from "../types";
import type { LatexDelimiter } from "../../shared/markdown";

export interface TextOptions {
	/** Render Markdown (else the text is shown as sanitised HTML with its line breaks). */
	markdown: boolean;
	/** Sanitise HTML in messages (only `sanitize_html=False` turns this off). */
	sanitize: boolean;
	lineBreaks: boolean;
	latexDelimiters: LatexDelimiter[];
	allowTags: boolean | string[] | null;
	rtl: boolean;
}

export interface ChatView {
	readonly text: TextOptions;
	readonly ctx: ComponentContext;
	readonly allowDownloads: boolean;
	/** The URL of a file in a message or an avatar. */
	url(file: Partial<FileData>): string;
	/** Show an image full size (the lightbox). */
	enlarge(src: string, alt: string): void;
}

const KEY = Symbol("chatbot");

export function provideView(view: ChatView): void {
	setContext(KEY, view);
}

export function useView(): ChatView {
	return getContext<ChatView>(KEY);
}

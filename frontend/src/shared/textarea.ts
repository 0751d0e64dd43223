// Growing textareas (Textbox, MultimodalTextbox): from `lines` rows up to `max_lines`, then scrolling.

/** Rows to show for text `contentHeight` px high: between `lines` and `maxLines` (1px of rounding allowed). */
export function rowsFor(contentHeight: number, lineHeight: number, lines: number, maxLines: number): number {
	const needed = lineHeight > 0 ? Math.ceil(Math.max(0, contentHeight - 1) / lineHeight) : lines;
	return Math.min(Math.max(lines, maxLines), Math.max(lines, needed));
}

/** Sizes `textarea` to its text, between `lines` and `maxLines` rows; past that it scrolls. */
export function fitToText(textarea: HTMLTextAreaElement, lines: number, maxLines: number): void {
	const style = getComputedStyle(textarea);
	const px = (value: string) => parseFloat(value) || 0;
	const lineHeight = px(style.lineHeight) || px(style.fontSize) * 1.5 || 24;
	const padding = px(style.paddingTop) + px(style.paddingBottom);
	textarea.style.height = "auto";
	const content = textarea.scrollHeight - padding;
	const rows = rowsFor(content, lineHeight, lines, maxLines);
	// As Gradio sizes it: the rows and the padding, the border drawn inside them (a border-box textarea).
	textarea.style.height = `${rows * lineHeight + padding}px`;
	textarea.style.overflowY = content > Math.max(lines, maxLines) * lineHeight + 1 ? "auto" : "hidden";
}

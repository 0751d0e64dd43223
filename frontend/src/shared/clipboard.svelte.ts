// Copying text for the components' "Copy" buttons: `copied` stays true for a moment after a copy, for
// the button to say "Copied".

const SHOWN_MS = 1500;

export class Clipboard {
	copied = $state(false);
	#timer: ReturnType<typeof setTimeout> | undefined;

	/** Write `text` to the clipboard (where the browser has one) and show "Copied". */
	copy = async (text: string): Promise<void> => {
		await navigator.clipboard?.writeText(text);
		this.flash();
	};

	/** Show "Copied" (after a copy made elsewhere). */
	flash(): void {
		this.copied = true;
		clearTimeout(this.#timer);
		this.#timer = setTimeout(() => (this.copied = false), SHOWN_MS);
	}
}

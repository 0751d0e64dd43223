// The text in a box that edits a value as text (ColorPicker's hex, DateTime's date, Slider's number):
// it shows the value until the user types, keeps what they type while they edit, and shows the value
// again when the edit ends, whether the typed text was kept or not.

export class Draft {
	text = $state("");
	editing = $state(false);
	readonly #shown: () => string;

	/** Call while the component initialises, with the value as text. */
	constructor(shown: () => string) {
		this.#shown = shown;
		$effect(() => {
			const current = shown();
			if (!this.editing) this.text = current;
		});
	}

	/** The user typed: `text` is what the box holds now. */
	type = (text: string): void => {
		this.editing = true;
		this.text = text;
	};

	/** The edit is over (after the value was set from it, or not): the box shows the value. */
	end = (): void => {
		this.editing = false;
		this.text = this.#shown();
	};
}

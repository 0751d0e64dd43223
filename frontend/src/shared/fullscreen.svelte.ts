// Fullscreen for one element (a component's frame): attach it, toggle it, and know whether it is shown.

export class Fullscreen {
	/** Whether the element is shown fullscreen (kept up to date by `onchange`). */
	active = $state(false);

	#element: HTMLElement | null = null;

	/** The attachment of the element to show: `{@attach fullscreen.attach}`. */
	attach = (element: HTMLElement): (() => void) => {
		this.#element = element;
		return () => {
			if (this.#element === element) this.#element = null;
		};
	};

	toggle = async (): Promise<void> => {
		try {
			if (document.fullscreenElement) await document.exitFullscreen();
			else await this.#element?.requestFullscreen();
		} catch {
			// fullscreen refused (an iframe without the permission): nothing to do
		}
	};

	/** For `onfullscreenchange` on the document. */
	onchange = (): void => {
		this.active = !!this.#element && document.fullscreenElement === this.#element;
	};
}

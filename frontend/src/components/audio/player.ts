// What the Audio component gives both of its players (Waveform for a file, StreamPlayer for a stream).

export interface PlayerProps {
	autoplay?: boolean;
	/** The player's accessible name. */
	label?: string;
	onplay?: () => void;
	onpause?: () => void;
	onended?: () => void;
}

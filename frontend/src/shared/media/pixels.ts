// Mapping a click on a picture drawn with `object-fit: contain` to the image's pixel coordinates
// (Image and AnnotatedImage report the pixel in their `select` event).

export interface Box {
	left: number;
	top: number;
	width: number;
	height: number;
}

/**
 * The pixel of an image (natural size `naturalWidth`×`naturalHeight`) under a click at
 * (`clientX`, `clientY`), when the image is drawn with `object-fit: contain` in `box`.
 * Returns null when the click falls in the letterbox outside the picture.
 */
export function pixelAt(
	clientX: number,
	clientY: number,
	box: Box,
	naturalWidth: number,
	naturalHeight: number,
): [number, number] | null {
	if (!(naturalWidth > 0 && naturalHeight > 0 && box.width > 0 && box.height > 0)) return null;
	const scale = Math.min(box.width / naturalWidth, box.height / naturalHeight);
	const drawnW = naturalWidth * scale;
	const drawnH = naturalHeight * scale;
	const offsetX = (box.width - drawnW) / 2;
	const offsetY = (box.height - drawnH) / 2;
	const x = (clientX - box.left - offsetX) / scale;
	const y = (clientY - box.top - offsetY) / scale;
	if (x < 0 || y < 0 || x > naturalWidth || y > naturalHeight) return null;
	return [Math.min(naturalWidth - 1, Math.floor(x)), Math.min(naturalHeight - 1, Math.floor(y))];
}

// gr.BrowserState's value in localStorage. Values are encrypted with AES-GCM under a key derived
// from the component's `secret` when the page has Web Crypto (HTTPS or localhost); elsewhere they
// are stored as plain JSON. Either form is read back.

const ENCRYPTED = "v1:";
const PLAIN = "p1:";

function toBase64(bytes: Uint8Array): string {
	let text = "";
	for (const byte of bytes) text += String.fromCharCode(byte);
	return btoa(text);
}

function fromBase64(text: string): Uint8Array<ArrayBuffer> {
	const raw = atob(text);
	const bytes = new Uint8Array(new ArrayBuffer(raw.length));
	for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
	return bytes;
}

async function keyFor(secret: string): Promise<CryptoKey> {
	const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(secret));
	return crypto.subtle.importKey("raw", digest, "AES-GCM", false, ["encrypt", "decrypt"]);
}

function hasCrypto(): boolean {
	return typeof crypto !== "undefined" && crypto.subtle !== undefined;
}

/** The stored form of `value`. */
export async function seal(value: unknown, secret: string): Promise<string> {
	const json = JSON.stringify(value ?? null);
	if (!hasCrypto()) return PLAIN + json;
	const iv = crypto.getRandomValues(new Uint8Array(12));
	const data = await crypto.subtle.encrypt({ name: "AES-GCM", iv }, await keyFor(secret), new TextEncoder().encode(json));
	const out = new Uint8Array(iv.length + data.byteLength);
	out.set(iv);
	out.set(new Uint8Array(data), iv.length);
	return ENCRYPTED + toBase64(out);
}

/** The value of a stored string; `undefined` when it cannot be read (other secret, corrupt, unknown form). */
export async function unseal(stored: string, secret: string): Promise<unknown> {
	try {
		if (stored.startsWith(PLAIN)) return JSON.parse(stored.slice(PLAIN.length));
		if (!stored.startsWith(ENCRYPTED) || !hasCrypto()) return undefined;
		const bytes = fromBase64(stored.slice(ENCRYPTED.length));
		const plain = await crypto.subtle.decrypt(
			{ name: "AES-GCM", iv: bytes.slice(0, 12) },
			await keyFor(secret),
			bytes.slice(12),
		);
		return JSON.parse(new TextDecoder().decode(plain));
	} catch {
		return undefined;
	}
}

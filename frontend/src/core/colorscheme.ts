// Light or dark, as Gradio's page picks it: `?__theme=light|dark` in the URL, else the system's
// preference, followed while the page is open. The Settings panel's choice rewrites the URL's
// `__theme` (so a reload or a shared link keeps it); "system" removes it.

export type SchemeMode = "light" | "dark" | "system";

const QUERY = "(prefers-color-scheme: dark)";
let following: MediaQueryList | null = null;

/** The mode a page URL asks for. */
export function schemeOf(url: string | URL): SchemeMode {
	const requested = new URL(url).searchParams.get("__theme");
	return requested === "light" || requested === "dark" ? requested : "system";
}

function follow(event: { matches: boolean }): void {
	document.documentElement.classList.toggle("dark", event.matches);
}

/** Colours the page (the `dark` class on <html>); in "system" mode it follows the system's changes. */
export function applyScheme(mode: SchemeMode): void {
	following?.removeEventListener("change", follow);
	following = null;
	if (mode === "system") {
		following = matchMedia(QUERY);
		following.addEventListener("change", follow);
		follow(following);
	} else {
		follow({ matches: mode === "dark" });
	}
}

/** `url` with `__theme` set for `mode` (removed for "system"). */
export function withScheme(url: string | URL, mode: SchemeMode): URL {
	const next = new URL(url);
	if (mode === "system") next.searchParams.delete("__theme");
	else next.searchParams.set("__theme", mode);
	return next;
}

/** The Settings panel's choice: applied now and kept in the page's URL. */
export function chooseScheme(mode: SchemeMode): void {
	applyScheme(mode);
	history.replaceState(history.state, "", withScheme(location.href, mode));
}

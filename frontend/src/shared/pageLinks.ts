// The links of a multipage app's navbar, as Gradio 6.31 lists them: the pages shown in the navbar (the
// main page under the Navbar's `main_page_name`, or left out when that is false), then the Navbar's
// own `value` links that are not pages already. Absolute URLs open in a new tab.

export interface NavbarSettings {
	visible: boolean;
	main_page_name: string | false;
	value: [string, string][] | null;
}

export interface NavLink {
	name: string;
	href: string;
	active: boolean;
	external: boolean;
}

type PageEntry = [string, string, boolean];

interface NavbarNode {
	type: string;
	props: Record<string, unknown>;
}

/** The Navbar settings of a page: from its gr.Navbar if it has one, else the defaults. */
export function navbarSettings(components: readonly NavbarNode[]): NavbarSettings {
	const navbar = components.find((c) => c.type === "navbar");
	const props = navbar?.props ?? {};
	const name = props.main_page_name;
	const value = Array.isArray(props.value)
		? props.value.filter(
				(v): v is [string, string] => Array.isArray(v) && typeof v[0] === "string" && typeof v[1] === "string",
			)
		: null;
	return {
		visible: props.visible !== false,
		main_page_name: name === false ? false : typeof name === "string" ? name : "Home",
		value,
	};
}

function isExternal(path: string): boolean {
	return path.startsWith("http://") || path.startsWith("https://");
}

function bare(path: string): string {
	return path.split("?")[0].split("#")[0].replace(/^\/+|\/+$/g, "");
}

/** Whether the bar shows: the app has more than one page and its Navbar (if any) is visible. */
export function showsNavbar(pages: readonly PageEntry[], settings: NavbarSettings): boolean {
	return pages.length > 1 && settings.visible;
}

/** The bar's links for the page at `current` of an app whose root URL is `root` (no trailing slash). */
export function navLinks(
	pages: readonly PageEntry[],
	settings: NavbarSettings,
	current: string,
	root: string,
): NavLink[] {
	const entries: [string, string][] = pages
		.filter(([path, , show], index) =>
			index === 0 && path === "" ? settings.main_page_name !== false : show !== false,
		)
		.map(([path, name], index) => [
			path,
			index === 0 && path === "" && name === "Home" && settings.main_page_name !== false
				? settings.main_page_name
				: name,
		]);
	const known = new Set(entries.map(([path]) => path));
	for (const [name, path] of settings.value ?? []) {
		if (!known.has(path)) entries.push([path, name]);
	}
	return entries.map(([path, name]) => {
		const external = isExternal(path);
		return {
			name,
			href: external ? path : `${root}/${bare(path)}`,
			active: !external && bare(path) === bare(current),
			external,
		};
	});
}

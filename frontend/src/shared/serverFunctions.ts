// Server functions: a component's methods marked in Python (FileExplorer's `ls`, Dialogue's `format`
// and `unformat`), named in its config's `server_fns` and called through POST /gradio_api/component_server.

/** Call a component's server function (POST /gradio_api/component_server) and return its JSON answer. */
export async function callServer(
	root: string,
	sessionHash: string,
	componentId: number,
	fnName: string,
	data: unknown,
): Promise<unknown> {
	const response = await fetch(`${root}/gradio_api/component_server/`, {
		method: "POST",
		headers: { "Content-Type": "application/json" },
		credentials: "include",
		body: JSON.stringify({ data, component_id: componentId, fn_name: fnName, session_hash: sessionHash }),
	});
	const body: unknown = await response.json().catch(() => null);
	if (!response.ok) {
		const detail = body && typeof body === "object" && "detail" in body ? String(body.detail) : "";
		throw new Error(detail || `Request failed (${response.status})`);
	}
	return body;
}

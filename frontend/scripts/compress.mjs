// Writes .br and .gz next to every built asset, so the Python server can send them precompressed.
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const root = new URL("../../trellis/_frontend/assets/", import.meta.url).pathname;
for (const name of readdirSync(root)) {
	if (!/\.(js|css|svg|json)$/.test(name) || /\.(br|gz)$/.test(name)) continue;
	const path = join(root, name);
	if (!statSync(path).isFile()) continue;
	const data = readFileSync(path);
	writeFileSync(path + ".br", brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
	writeFileSync(path + ".gz", gzipSync(data, { level: 9 }));
}

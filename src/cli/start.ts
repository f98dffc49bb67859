/**
 * `npm start`: serves the app with Vite's dev server and prints the address to open, straight to a
 * new drill with the default scenario loaded. Listens on localhost unless HOST is set (e.g. HOST=0.0.0.0
 * to let participants' machines on the same network open their desks).
 */
import { createServer } from 'vite';

const host = process.env.HOST ?? 'localhost';
const port = Number(process.env.PORT ?? 5173);

const server = await createServer({ server: { host, port, strictPort: false }, clearScreen: false, logLevel: 'warn' });
await server.listen();
const urls = server.resolvedUrls;
const local = urls?.local[0] ?? `http://${host}:${port}/`;
console.log('\n資安事件通報應變演練模擬器 / Cyber Incident Response Drill Simulator');
console.log(`  新增演練（預設情境）/ New drill (default scenario): ${local}#/new`);
console.log(`  首頁 / Home:                                      ${local}`);
for (const url of urls?.network ?? []) console.log(`  區域網路 / Network:                               ${url}`);
console.log('\n按 Ctrl+C 停止 / Press Ctrl+C to stop.\n');
server.bindCLIShortcuts({ print: false });

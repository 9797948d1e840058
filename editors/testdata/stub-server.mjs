// A stand-in for `tlals lsp` that speaks only the model-checking contract of
// src/lsp_ext.ts, with a canned counterexample. The e2e tests use it to drive
// the editors' trace features (status bar, trace panel, stepping, jump to an
// action) before the real server implements them; the real server replaces it
// in the capability-gated checks as soon as it advertises tlals.check.
//
// Usage: node stub-server.mjs   (stdio). Not shipped in the .vsix.

import { fileURLToPath } from 'node:url';

const COMMANDS = ['tlals.check', 'tlals.trace.first', 'tlals.trace.next', 'tlals.trace.prev', 'tlals.trace.last', 'tlals.trace.goto'];
let buf = Buffer.alloc(0);
let nextId = 1000;
let current = -1;
const docs = new Map(); // uri -> text

function send(msg) {
	const s = JSON.stringify({ jsonrpc: '2.0', ...msg });
	process.stdout.write(`Content-Length: ${Buffer.byteLength(s)}\r\n\r\n${s}`);
}

function lineOf(uri, needle) {
	const lines = (docs.get(uri) ?? '').split('\n');
	const i = lines.findIndex((l) => l.includes(needle));
	return i < 0 ? { line: 1, col: 1, end: 1 } : { line: i + 1, col: lines[i].indexOf(needle) + 1, end: lines[i].length };
}

function result(uri) {
	const file = fileURLToPath(uri);
	const at = (needle) => {
		const p = lineOf(uri, needle);
		return { file, startLine: p.line, startColumn: p.col, endLine: p.line, endColumn: p.end };
	};
	return {
		outcome: 'invariant',
		property: 'NoOrphanContent',
		message: 'Invariant NoOrphanContent is violated.',
		distinctStates: 17,
		generatedStates: 40,
		depth: 4,
		location: at('NoOrphanContent =='),
		trace: [
			{ action: 'Initial predicate', location: null, state: { uploads: '{}', content: '{}', queue: '<<>>', pc: '(u1 :> "User" @@ w1 :> "Receive")' } },
			{ action: 'User', location: at('User:'), state: { uploads: '{[from |-> u1, version |-> 1, id |-> 1]}', content: '{}', queue: '<<[id |-> 1, action |-> "create"]>>', pc: '(u1 :> "User" @@ w1 :> "Receive")' } },
			{ action: 'User', location: at('User:'), state: { uploads: '{}', content: '{}', queue: '<<[id |-> 1, action |-> "create"], [id |-> 1, action |-> "delete"]>>', pc: '(u1 :> "User" @@ w1 :> "Receive")' } },
			{ action: 'Receive', location: at('Receive:'), state: { uploads: '{}', content: '{}', queue: '<<[id |-> 1, action |-> "delete"]>>', pc: '(u1 :> "User" @@ w1 :> "Create")' } },
		],
		lassoStart: null,
		warnings: [],
		current,
	};
}

function goto(uri, step) {
	const r = result(uri);
	const n = r.trace.length;
	current = Math.max(0, Math.min(n - 1, step));
	const loc = r.trace[current].location ?? r.location;
	send({
		id: nextId++,
		method: 'window/showDocument',
		params: {
			uri,
			takeFocus: true,
			selection: { start: { line: loc.startLine - 1, character: loc.startColumn - 1 }, end: { line: loc.endLine - 1, character: loc.endColumn - 1 } },
		},
	});
	return { step: current, total: n };
}

function handle(msg) {
	const { id, method, params } = msg;
	if (method === undefined) return; // a reply to our showDocument
	const reply = (r) => id !== undefined && send({ id, result: r });
	const fail = (code, message) => id !== undefined && send({ id, error: { code, message } });
	switch (method) {
		case 'initialize':
			return reply({
				capabilities: { textDocumentSync: 1, executeCommandProvider: { commands: COMMANDS } },
				serverInfo: { name: 'tlals-contract-stub', version: '0' },
			});
		case 'textDocument/didOpen':
			docs.set(params.textDocument.uri, params.textDocument.text);
			return;
		case 'textDocument/didChange':
			if (params.contentChanges.length === 1 && !params.contentChanges[0].range) docs.set(params.textDocument.uri, params.contentChanges[0].text);
			return;
		case 'shutdown':
			return reply(null);
		case 'exit':
			process.exit(0);
			return;
		case 'workspace/executeCommand': {
			const [uri, arg] = params.arguments ?? [];
			const n = result(uri).trace.length;
			switch (params.command) {
				case 'tlals.check':
					current = -1;
					return reply(result(uri));
				case 'tlals.trace.first':
					return reply(goto(uri, 0));
				case 'tlals.trace.next':
					return reply(goto(uri, current + 1));
				case 'tlals.trace.prev':
					return reply(goto(uri, current - 1));
				case 'tlals.trace.last':
					return reply(goto(uri, n - 1));
				case 'tlals.trace.goto':
					return reply(goto(uri, Number(arg)));
			}
			return fail(-32602, `unknown command ${params.command}`);
		}
		case 'tlals/trace':
			return reply(result(params.textDocument.uri));
		case 'tlals/evaluate':
			return reply({ value: String(params.step ?? 0) });
	}
	if (id !== undefined) fail(-32601, `method not found: ${method}`);
}

process.stdin.on('data', (d) => {
	buf = Buffer.concat([buf, d]);
	for (;;) {
		const head = buf.indexOf('\r\n\r\n');
		if (head < 0) return;
		const m = /Content-Length: (\d+)/i.exec(buf.subarray(0, head).toString('latin1'));
		const len = Number(m?.[1] ?? 0);
		if (buf.length < head + 4 + len) return;
		const body = buf.subarray(head + 4, head + 4 + len).toString('utf8');
		buf = buf.subarray(head + 4 + len);
		handle(JSON.parse(body));
	}
});
process.stdin.on('end', () => process.exit(0));

import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ServerCommands } from '../src/lsp_ext';

// vscode-languageclient registers every command the server lists in
// executeCommandProvider as a VS Code command of the same name; an extension
// command with one of those names makes the client fail to start.
test('no extension command has the name of a server command', () => {
	const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8'));
	const ours: string[] = pkg.contributes.commands.map((c: { command: string }) => c.command);
	const server = new Set<string>(Object.values(ServerCommands));
	assert.deepEqual(ours.filter((c) => server.has(c)), []);
	assert.ok(ours.includes('tlals.exportStateGraphAs'));
});

// The settings the server reads (lsp/settings.go, lsp/check.go,
// lsp/translate.go) must be contributed under the same names: the client
// sends the "tlals" section as it is.
test('the server settings are contributed under the server names', () => {
	const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8'));
	const props = Object.keys(pkg.contributes.configuration.properties);
	for (const k of ['searchPath', 'logLevel', 'checkOnSave', 'checkMaxStates', 'checkTimeout', 'checkWorkers', 'checkModel', 'pinnedExpressions', 'translateOnSave', 'formatOnSave', 'parameterHints']) {
		assert.ok(props.includes(`tlals.${k}`), `tlals.${k} missing`);
	}
	assert.deepEqual(props.filter((p) => /^tlals\.(check|translate)\./.test(p)), []);
});

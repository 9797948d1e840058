// Tokenizes specs with the TextMate grammars through vscode-textmate (the
// engine VS Code uses) and checks the scopes a theme colours.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import * as tm from 'vscode-textmate';

const root = path.join(__dirname, '..', '..');
const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
const onig = oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer).then(() => ({
	createOnigScanner: (s: string[]) => new oniguruma.OnigScanner(s),
	createOnigString: (s: string) => new oniguruma.OnigString(s),
}));
const registry = new tm.Registry({
	onigLib: onig,
	loadGrammar: async (scope) => {
		const file = { 'source.tlaplus': 'tlaplus.tmLanguage.json', 'source.tlaplus-cfg': 'tlaplus-cfg.tmLanguage.json' }[scope];
		if (!file) return null;
		const p = path.join(root, 'syntaxes', file);
		return tm.parseRawGrammar(fs.readFileSync(p, 'utf8'), p);
	},
});

/** scopesOf returns, for each token text, its innermost scope (first match wins). */
async function tokens(scope: string, text: string): Promise<[string, string[]][]> {
	const g = await registry.loadGrammar(scope);
	assert.ok(g);
	let stack = tm.INITIAL;
	const out: [string, string[]][] = [];
	for (const line of text.split('\n')) {
		const r = g.tokenizeLine(line, stack);
		for (const t of r.tokens) out.push([line.slice(t.startIndex, t.endIndex), t.scopes]);
		stack = r.ruleStack;
	}
	return out;
}

function scopeOf(toks: [string, string[]][], text: string, nth = 0): string {
	const hits = toks.filter(([t]) => t.trim() === text);
	assert.ok(hits.length > nth, `no token ${JSON.stringify(text)} in ${JSON.stringify(toks.map(([t]) => t))}`);
	return hits[nth][1].join(' ');
}

const spec = `---- MODULE Foo ----
EXTENDS Naturals, TLC \\* a comment
VARIABLE x, y
(* a (* nested *) block comment *)
(* --algorithm foo
variables z = 0;
process p \\in 1..2
begin
  Lbl: z := z + 1;
end process;
end algorithm; *)
Init == x = 0 /\\ y = "s\\"q"
Next == \\/ x' = x + 1
        \\/ UNCHANGED <<x, y>>
Inv == \\A i \\in {1, 2} : i >= 0 /\\ TRUE
====`;

test('TLA+ keywords, operators, literals, comments', async () => {
	const t = await tokens('source.tlaplus', spec);
	assert.match(scopeOf(t, 'MODULE'), /keyword/);
	assert.match(scopeOf(t, 'Foo'), /entity\.name\.type\.module/);
	assert.match(scopeOf(t, 'EXTENDS'), /keyword\.control\.tlaplus/);
	assert.match(scopeOf(t, '\\* a comment'), /comment\.line/);
	assert.match(scopeOf(t, 'nested'), /comment\.block\.tlaplus comment\.block\.tlaplus/);
	assert.match(scopeOf(t, 'block comment'), /comment\.block/);
	assert.match(scopeOf(t, 'Init'), /entity\.name\.function/);
	assert.match(scopeOf(t, '/\\'), /keyword\.operator/);
	assert.match(scopeOf(t, '\\/'), /keyword\.operator/);
	assert.match(scopeOf(t, "'"), /keyword\.operator/);
	assert.match(scopeOf(t, 'UNCHANGED'), /keyword\.control/);
	assert.match(scopeOf(t, '\\A'), /quantifier/);
	assert.match(scopeOf(t, '\\in'), /keyword\.operator\.word/);
	assert.match(scopeOf(t, '\\"'), /string\.quoted.*escape/);
	assert.match(scopeOf(t, 'TRUE'), /constant\.language/);
	assert.match(scopeOf(t, '0', 1), /constant\.numeric/);
});

test('PlusCal inside the algorithm comment', async () => {
	const t = await tokens('source.tlaplus', spec);
	assert.match(scopeOf(t, '--algorithm'), /meta\.embedded\.block\.pluscal keyword\.control\.pluscal/);
	assert.match(scopeOf(t, 'variables'), /keyword\.control\.pluscal/);
	assert.match(scopeOf(t, 'begin'), /keyword\.control\.pluscal/);
	assert.match(scopeOf(t, 'p'), /entity\.name\.function\.pluscal/);
	assert.match(scopeOf(t, 'Lbl'), /entity\.name\.label\.pluscal/);
	assert.match(scopeOf(t, ':='), /assignment\.pluscal/);
	assert.match(scopeOf(t, 'end algorithm'), /keyword\.control\.pluscal/);
	// after the algorithm, plain TLA+ again
	assert.doesNotMatch(scopeOf(t, 'Init'), /pluscal/);
	// outside the algorithm, PlusCal words are identifiers
	const plain = await tokens('source.tlaplus', 'Foo == begin');
	assert.match(scopeOf(plain, 'begin'), /variable\.other/);
});

test('the seed spec tokenizes with PlusCal and TLA+ parts', { skip: !fs.existsSync(path.join(root, '../../../shared/corpus/seed/Uploader.tla')) }, async () => {
	const t = await tokens('source.tlaplus', fs.readFileSync(path.join(root, '../../../shared/corpus/seed/Uploader.tla'), 'utf8'));
	assert.match(scopeOf(t, 'either'), /keyword\.control\.pluscal/);
	assert.match(scopeOf(t, 'UploadWith', 0), /pluscal/);
});

test('.cfg keywords', async () => {
	const t = await tokens('source.tlaplus-cfg', 'CONSTANTS\n  N = 3 \\* three\nINVARIANT Inv\nCHECK_DEADLOCK FALSE');
	assert.match(scopeOf(t, 'CONSTANTS'), /keyword\.control\.cfg/);
	assert.match(scopeOf(t, 'INVARIANT'), /keyword\.control\.cfg/);
	assert.match(scopeOf(t, '3'), /constant\.numeric/);
	assert.match(scopeOf(t, '\\* three'), /comment/);
	assert.match(scopeOf(t, 'FALSE'), /constant\.language/);
});

// The tlals protocol extensions, mirrored in one place (as rust-analyzer's
// lsp_ext.ts does). Pure types and names: no vscode import, so the unit tests
// and the Neovim plugin's documentation can follow the same contract.
//
// Commands go through workspace/executeCommand with the document URI as the
// first argument. The server moves the editor to a step's action with
// window/showDocument; the client also knows the location from the trace.

/** workspace/executeCommand names the server implements. */
export const ServerCommands = {
	check: 'tlals.check', // [uri, {model?: cfg path or URI}] -> CheckResult when the run ends (bounds: settings)
	translate: 'tlals.translate', // [uri] -> WorkspaceEdit applied by the server, or null
	traceFirst: 'tlals.trace.first', // [uri] -> TraceCursor
	traceNext: 'tlals.trace.next',
	tracePrev: 'tlals.trace.prev',
	traceLast: 'tlals.trace.last',
	traceGoto: 'tlals.trace.goto', // [uri, step (0-based)] -> TraceCursor
	exportStateGraph: 'tlals.exportStateGraph', // [uri, {path?}] -> {path, svgPath} | {dot, svg}
	exportTrace: 'tlals.exportTrace', // [uri, {format, path?}] -> {path} | {text}
	evaluate: 'tlals.evaluate', // [uri, EvaluateArgs] -> EvaluateReply
	newModel: 'tlals.newModel', // [uri] -> {path}: writes Spec.cfg (the command of the "No model" lens)
} as const;

/** The formats of tlals.exportTrace (tlals check -dump-trace). */
export const TraceFormats = ['tla', 'json', 'itf'] as const;

/** Custom requests and notifications. */
export const Methods = {
	trace: 'tlals/trace', // TraceParams -> CheckResult | null (null: no trace for this document)
	evaluate: 'tlals/evaluate', // EvaluateParams -> EvaluateResult
	checkResult: 'tlals/checkResult', // server -> client notification: {uri, result: CheckResult}
	heatMap: 'tlals/heatMap', // TraceParams -> HeatMap | null
} as const;

/** A 1-based, end-inclusive source range, as the checker reports it. */
export interface SourceRange {
	file: string; // a path or a file: URI
	startLine: number;
	startColumn: number;
	endLine: number;
	endColumn: number;
	/** The PlusCal statement a translated action comes from, when there is one. */
	pluscal?: SourceRange | null;
}

/** One state of a trace: the action that produced it and the variables' values (TLC text). */
export interface TraceStep {
	action: string;
	location?: SourceRange | null;
	state: Record<string, string>;
	/** Optional: variables that changed, if the server computes them. */
	changed?: string[];
	/** The values of the pinnedExpressions setting in this state. */
	pinned?: Record<string, string>;
	/** Where the editor shows the step: its PlusCal label, its action, or the initial predicate. */
	where?: SourceRange | null;
}

/** The checker's result (checker.Result.JSON's shape). */
export interface CheckResult {
	/** The model's name ("Spec.cfg", "default model"). */
	model?: string;
	outcome: string; // "ok", "invariant", "deadlock", "liveness", "error", ...
	property?: string;
	message?: string;
	distinctStates?: number;
	generatedStates?: number;
	depth?: number;
	queueLeft?: number;
	seconds?: number;
	location?: SourceRange | null;
	trace?: TraceStep[];
	/** 0-based index of the first state of the liveness cycle, or null. */
	lassoStart?: number | null;
	warnings?: string[];
	/** A violated invariant's smallest FALSE part in the last state, with the values it read. */
	failing?: { location: SourceRange; text: string; values: { name: string; value: string }[] } | null;
	/** 0-based index of the step the editor is on, if the server tracks it. */
	current?: number;
	/** Present when the result comes from a simulation (random behaviours): the
	 * server simulates when the state space is beyond its background budget. */
	simulation?: { behaviours: number; completed?: number; depth?: number } | null;
}

export interface TraceParams {
	textDocument: { uri: string };
}

/** TraceCursor is what the trace stepping commands return. */
export interface TraceCursor {
	step: number;
	total?: number;
}

export interface EvaluateParams {
	textDocument: { uri: string };
	expression: string;
	/** 0-based trace step to evaluate in; absent: the step the editor is on. */
	step?: number;
}

export interface EvaluateResult {
	value: string;
}

/** tlals.evaluate's second argument: an expression, or the text of a range. */
export interface EvaluateArgs {
	expression?: string;
	range?: { start: { line: number; character: number }; end: { line: number; character: number } };
	/** 0-based step of the trace shown; absent: no state (constants only). */
	step?: number;
	model?: string;
}

export interface EvaluateReply {
	expression: string;
	model: string;
	step?: number;
	value?: string;
	/** "Spec.tla:3:7: message" (a selection) or "1:5: message" (a typed expression). */
	error?: string;
	location?: { uri: string; range: { start: { line: number; character: number }; end: { line: number; character: number } } };
}

/** The heat map of evaluation cost of the last run that read a document. */
export interface HeatMap {
	model: string;
	max: number;
	stale: boolean;
	spots: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; count: number; level: number; action: string; part?: number }[]; // a spot's own text, in parts around the spots nested in it
}

/** The line an evaluation shows: "expr = value" or the error. */
export function evaluationText(r: EvaluateReply): string {
	const where = typeof r.step === 'number' ? ` (state ${r.step + 1})` : '';
	const expr = r.expression.replace(/\s+/g, ' ').trim();
	if (r.error !== undefined) return `${expr}${where}: error: ${r.error}`;
	return `${expr}${where} = ${r.value}`;
}

/** The default file name of an exported trace of spec (a path ending .tla). */
export function traceFileName(specPath: string, format: string): string {
	const stem = specPath.replace(/\.tla$/, '');
	return format === 'tla' ? `${stem}_TTrace.tla` : format === 'itf' ? `${stem}_TTrace.itf.json` : `${stem}_TTrace.json`;
}

export interface CheckResultParams {
	uri: string;
	result: CheckResult;
}

/**
 * A short status line for a result: "✓ 1234 states" or "✗ invariant Inv (12 states)";
 * a violation found by simulation says so, with its trace's length (a simulation
 * stores no states to count): "✗ invariant Inv (simulation, 41 steps)".
 */
export function summarize(r: CheckResult): { ok: boolean; text: string } {
	const states = r.distinctStates !== undefined ? `${r.distinctStates} states` : '';
	if (r.outcome === 'ok' || r.outcome === 'success') return { ok: true, text: `✓ ${states}`.trim() };
	const what = [r.outcome, r.property].filter(Boolean).join(' ');
	if (r.simulation && r.trace?.length) return { ok: false, text: `✗ ${what} (simulation, ${r.trace.length} steps)` };
	return { ok: false, text: `✗ ${what}${states ? ` (${states})` : ''}` };
}

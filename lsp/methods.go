package lsp

import (
	"go.lsp.dev/protocol"
)

// The server's whole surface in one table: every method it serves, with
// the capability it declares in initialize; every command it offers; the
// contributors to code actions and hovers; the settings it reads. The
// handlers live in one file per method (hover.go, rename.go, ...).

// method is one entry of the dispatch table.
type method struct {
	name    string
	handler handler
	// declare sets the method's capability in initialize (nil: none).
	declare func(s *Server, caps *protocol.ServerCapabilities)
}

// methodTable is filled in init: initialize, an entry, reads it.
var methodTable []method

func init() {
	methodTable = []method{
		// lifecycle (general.go)
		{protocol.MethodInitialize, handler{fn: decoded((*Server).initialize), early: true}, nil},
		{protocol.MethodInitialized, handler{fn: initializedHandler}, nil},
		{protocol.MethodShutdown, handler{fn: shutdownHandler}, nil},
		{protocol.MethodExit, handler{fn: exitHandler, early: true}, nil},
		// documents (text_synchronization.go) and the workspace (workspace.go)
		{protocol.MethodTextDocumentDidOpen, handler{fn: decoded((*Server).didOpen)}, nil},
		{protocol.MethodTextDocumentDidChange, handler{fn: decoded((*Server).didChange)}, nil},
		{protocol.MethodTextDocumentDidSave, handler{fn: decoded((*Server).didSave)}, nil},
		{protocol.MethodTextDocumentDidClose, handler{fn: decoded((*Server).didClose)}, nil},
		{protocol.MethodWorkspaceDidChangeConfiguration, handler{fn: decoded((*Server).didChangeConfiguration)}, nil},
		{protocol.MethodWorkspaceDidChangeWorkspaceFolders, handler{fn: decoded((*Server).didChangeWorkspaceFolders)}, nil},
		{protocol.MethodWorkspaceDidChangeWatchedFiles, handler{fn: decoded((*Server).didChangeWatchedFiles)}, nil},
		// language features, one file each
		{protocol.MethodTextDocumentCodeAction, handler{fn: decoded((*Server).codeAction)}, codeActionCaps},
		{protocol.MethodCallHierarchyIncomingCalls, handler{fn: decoded((*Server).incomingCalls)}, nil},
		{protocol.MethodCallHierarchyOutgoingCalls, handler{fn: decoded((*Server).outgoingCalls)}, nil},
		{protocol.MethodTextDocumentCodeLens, handler{fn: decoded((*Server).codeLenses)}, codeLensCaps},
		{protocol.MethodTextDocumentCompletion, handler{fn: decoded((*Server).completion)}, completionCaps},
		{protocol.MethodTextDocumentDefinition, handler{fn: decoded((*Server).definition)}, definitionCaps},
		{protocol.MethodTextDocumentDocumentHighlight, handler{fn: decoded((*Server).documentHighlight)}, highlightCaps},
		{protocol.MethodTextDocumentDocumentLink, handler{fn: decoded((*Server).documentLink)}, documentLinkCaps},
		{protocol.MethodTextDocumentDocumentSymbol, handler{fn: decoded((*Server).documentSymbol)}, documentSymbolCaps},
		{protocol.MethodTextDocumentFoldingRange, handler{fn: decoded((*Server).foldingRange)}, foldingCaps},
		{protocol.MethodTextDocumentFormatting, handler{fn: decoded((*Server).formatting)}, formattingCaps},
		{protocol.MethodTextDocumentHover, handler{fn: decoded((*Server).hover)}, hoverCaps},
		{protocol.MethodTextDocumentInlayHint, handler{fn: decoded((*Server).inlayHints)}, inlayHintCaps},
		{protocol.MethodTextDocumentPrepareCallHierarchy, handler{fn: decoded((*Server).prepareCallHierarchy)}, callHierarchyCaps},
		{protocol.MethodTextDocumentPrepareRename, handler{fn: decoded((*Server).prepareRename)}, nil},
		{protocol.MethodTextDocumentRangeFormatting, handler{fn: decoded((*Server).rangeFormatting)}, rangeFormattingCaps},
		{protocol.MethodTextDocumentReferences, handler{fn: decoded((*Server).references)}, referencesCaps},
		{protocol.MethodTextDocumentRename, handler{fn: decoded((*Server).rename)}, renameCaps},
		{protocol.MethodTextDocumentSelectionRange, handler{fn: decoded((*Server).selectionRange)}, selectionCaps},
		{protocol.MethodTextDocumentSemanticTokensFull, handler{fn: decoded((*Server).semanticTokensFull)}, semanticTokensCaps},
		{protocol.MethodTextDocumentSemanticTokensRange, handler{fn: decoded((*Server).semanticTokensRange)}, nil},
		{protocol.MethodTextDocumentSignatureHelp, handler{fn: decoded((*Server).signatureHelp)}, signatureHelpCaps},
		{protocol.MethodTextDocumentWillSaveWaitUntil, handler{fn: decoded((*Server).willSaveWaitUntil)}, willSaveWaitUntilCaps},
		{protocol.MethodWorkspaceExecuteCommand, handler{fn: decoded((*Server).executeCommand)}, executeCommandCaps},
		{protocol.MethodWorkspaceSymbol, handler{fn: decoded((*Server).workspaceSymbol)}, workspaceSymbolCaps},
		// tlals's own requests (trace.go, PROTOCOL.md)
		{methodTrace, handler{fn: decoded((*Server).traceRequest)}, nil},
		{methodEvaluate, handler{fn: decoded((*Server).evaluateRequest)}, nil},
		{methodHeatMap, handler{fn: decoded((*Server).heatMapRequest)}, nil},
	}
	for _, m := range methodTable {
		methods[m.name] = m.handler
	}
	checkSettings(settingFields)
	engineSettings(settingFields)
	translateSettings(settingFields)
	formatSettings(settingFields)
	inlayHintSettings(settingFields)
}

// methods is the dispatch table, by method name.
var methods = map[string]handler{}

// commands maps a command name to its function (workspace/executeCommand).
var commands = map[string]commandFunc{
	"tlals.check":            (*Server).checkCommand,
	"tlals.exportStateGraph": (*Server).exportStateGraph,
	"tlals.exportTrace":      (*Server).exportTrace,
	"tlals.evaluate":         (*Server).evaluateCommand,
	"tlals.trace.first":      traceMove(func(int, int) int { return 0 }),
	"tlals.trace.last":       traceMove(func(_, total int) int { return total - 1 }),
	"tlals.trace.next":       traceMove(func(cur, total int) int { return min(cur+1, total-1) }),
	"tlals.trace.prev":       traceMove(func(cur, _ int) int { return max(cur-1, 0) }),
	"tlals.trace.goto":       traceGoto,
	translateCommand:         (*Server).translateCommand,
	newModelCommand:          (*Server).newModelCommand,
}

// codeActionProviders contribute code actions (code_action.go).
var codeActionProviders = []codeActionProvider{
	{kinds: []protocol.CodeActionKind{protocol.CodeActionKindQuickFix, translateKind}, fn: (*Server).translateActions},
	{kinds: []protocol.CodeActionKind{protocol.CodeActionKindQuickFix}, fn: (*Server).quickFixes},
}

// hoverContributors add to a hover (features.go).
var hoverContributors = []hoverContributor{traceHover}

// inlayHintContributors add inlay hints to a document (inlay_hint.go).
var inlayHintContributors = []inlayHintContributor{traceHints, paramHints}
